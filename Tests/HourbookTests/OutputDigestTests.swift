import Crypto
import Foundation
import Hourbook
import HourbookCore
import HourbookDemo
import Testing

/// Speed work must not change a byte: every file a build writes, for the demo folder and for a
/// generated 2,000-learner organisation, has the SHA-256 recorded in Digests/ (lines as
/// `sha256sum` prints them for `find . -type f`, sorted by path).
///
/// An intended change of the outputs updates the lists: `HOURBOOK_UPDATE_DIGESTS=1 swift test
/// --filter OutputDigests`, then review which files changed in the diff of Digests/.
@Suite("Output digests", .serialized)
struct OutputDigestTests {
    static let digestFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Digests").path
    static let dataFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data").path

    /// `sha256  ./path` for every file under `folder`, sorted by path (byte order).
    static func digests(of folder: String) throws -> String {
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        return files.map { "./" + $0 }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { path in
                let bytes = FileManager.default.contents(atPath: folder + "/" + path.dropFirst(2)) ?? Data()
                return lowercaseHex(SHA256.hash(data: bytes)) + "  " + path + "\n"
            }
            .joined()
    }

    func check(data: String, expected name: String) throws {
        let out = NSTemporaryDirectory() + "hourbook-digests-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        var options = BuildOptions(dataFolder: data, outputFolder: out)
        options.waitsForOtherBuild = false
        _ = try Pipeline.build(options)
        let actual = try Self.digests(of: out)
        let path = Self.digestFolder + "/" + name
        if ProcessInfo.processInfo.environment["HOURBOOK_UPDATE_DIGESTS"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        // Lines are unique and sorted by path, so equal sets mean equal lists; name the files.
        let changed = Set(actual.split(separator: "\n")).symmetricDifference(expected.split(separator: "\n"))
        let files = Set(changed.map { String($0.dropFirst(66)) }).sorted()
        #expect(files.isEmpty, "\(files.count) files differ from Digests/\(name), e.g. \(files.prefix(5))")
    }

    @Test("The demo folder's site, exports, certificates and evidence are byte for byte as recorded")
    func demo() throws {
        try check(data: Self.dataFolder, expected: "demo.sha256")
    }

    @Test("A generated 2,000-learner organisation (seed 11) builds byte for byte as recorded")
    func organisation() throws {
        let data = NSTemporaryDirectory() + "hourbook-org-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: data) }
        try DemoData.write(to: data, learners: 2000, seed: 11)
        try check(data: data, expected: "org-2000-seed-11.sha256")
    }
}
