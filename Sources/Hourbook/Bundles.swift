import Crypto
import Foundation
import HourbookCore
import HourbookRules

/// What `hourbook bundles` is asked to do.
public struct BundleOptions: Sendable {
    public var dataFolder: String
    public var outputFolder: String
    /// The level of the department tree to bundle: 1 the top-level departments (those without
    /// a parent), 2 the departments right below them, and so on.
    public var level = 1
    /// Years to report; empty uses hourbook.yaml's `years` (or every year with entries).
    public var years: [Int] = []
    /// `zh` or `en`; nil uses hourbook.yaml's `site.lang`.
    public var language: String?
    public var progress: (@Sendable (String) -> Void)?
    public var waitsForOtherBuild = true
    public var onWait: (@Sendable (Int32?) -> Void)?

    public init(dataFolder: String, outputFolder: String) {
        self.dataFolder = dataFolder
        self.outputFolder = outputFolder
    }
}

/// One department's bundle, as `bundles.csv` lists it.
public struct Bundle: Hashable, Sendable {
    public var departmentID: String
    /// The zip's name in the output folder.
    public var file: String
    /// Roster learners in the department's subtree: the people whose archives the bundle holds.
    public var learners: Int
    /// SHA-256 of the zip, hex.
    public var sha256: String
}

/// How `hourbook bundles` ended.
public struct BundleReport: Sendable {
    public var bundles: [Bundle]
    /// Roster learners in no bundle: members of departments above the level bundled.
    public var learnersOutside: Int
    /// Wall time per stage, summed over the bundles.
    public var timings: [(stage: String, duration: Duration)]
}

/// Which departments get a bundle, and the file name of each.
struct BundlePlan {
    /// The departments at the level, in the site's order (sort_order, then id).
    let departments: [Department]
    private let paths: OutputPaths

    init(level: Int, dataset: Dataset) throws(ScopeFailure) {
        guard level >= 1 else { throw ScopeFailure("--level counts from 1 (the top-level departments), not \(level)") }
        var children: [String: [Department]] = [:]
        var current: [Department] = []
        for department in dataset.departments {
            if let parent = department.parentID { children[parent, default: []].append(department) } else { current.append(department) }
        }
        var depth = 1
        while depth < level, !current.isEmpty {
            current = current.flatMap { children[$0.id] ?? [] }
            depth += 1
        }
        guard !current.isEmpty else {
            throw ScopeFailure("no department is at level \(level) of the tree (level 1 holds the departments without a parent)")
        }
        departments = current.sorted { a, b in
            switch (a.sortOrder, b.sortOrder) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return CodePoint.less(a.id, b.id)
            }
        }
        paths = OutputPaths(learnerIDs: [], departmentIDs: dataset.departments.map(\.id))
    }

    /// The bundle's stem: the department's safe file name, as its pages have.
    func fileName(of departmentID: String) -> String { paths.departmentName(departmentID) }
}

/// Zips a bundle's folder and writes the distribution list.
enum BundleWriter {
    /// Zips `folder` into `into/NAME.zip`, every entry under `NAME/` so that unzipping makes one
    /// folder; returns the file name and its SHA-256.
    static func zip(folder: String, as name: String, into output: String) throws -> (file: String, sha256: String) {
        let file = name + ".zip"
        try FolderZip.write(folder: folder, prefix: name + "/", to: output + "/" + file)
        let data = try Data(contentsOf: URL(fileURLWithPath: output + "/" + file))
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return (file, digest)
    }

    /// `bundles.csv`: department, file, learners, sha256, one row per bundle in the order made.
    static func writeList(_ bundles: [Bundle], to path: String) throws {
        var csv = CSVWriter()
        csv.row(["department", "file", "learners", "sha256"])
        for bundle in bundles { csv.row([bundle.departmentID, bundle.file, String(bundle.learners), bundle.sha256]) }
        try FileWriter.write(csv.bytes, to: path)
    }
}
