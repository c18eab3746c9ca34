import Foundation
import HourbookCore
import ZIPFoundation

/// Looks for people who must not be in an output, in every byte of it.
///
/// The method (docs/bundles.md): every file is read whole (zips inside zips are opened and
/// their entries read, decompressed), and its entry name is scanned too. A person is looked
/// for under every form their id and name take in the outputs — raw UTF-8; HTML-escaped
/// (`& < >`, then also `"`, then also `'`); JSON-escaped (the search shards and ledger);
/// CSV-quoted (`"` doubled); the search key (NFKC, lower case) in each of those forms; the
/// id's file-name stem — plus plain `markers` fragments that betray them under any escaping.
/// Before looking, every form of the people who *belong* in the output is blanked out, longest
/// first, so that an outsider named 王 is not "found" inside an insider named 王芳.
struct LeakScan {
    /// Byte forms of the people who belong in the output.
    private let insiderIndex: NeedleIndex
    /// Each outsider's label, and their forms.
    private let labels: [String]
    private let outsiderIndex: NeedleIndex

    init(insiders: [(id: String, name: String)], outsiders: [(id: String, name: String, markers: [String])]) {
        insiderIndex = NeedleIndex(
            Set(insiders.flatMap { Self.forms($0.id, isID: true) + Self.forms($0.name, isID: false) }).map { ($0, 0) })
        labels = outsiders.map { "\($0.id) (\($0.name))" }
        outsiderIndex = NeedleIndex(
            outsiders.enumerated().flatMap { owner, person in
                Set(Self.forms(person.id, isID: true) + Self.forms(person.name, isID: false) + person.markers.map { Array($0.utf8) })
                    .map { ($0, owner) }
            })
    }

    /// Every form `text` can take in the outputs.
    static func forms(_ text: String, isID: Bool) -> [[UInt8]] {
        var texts: Set<String> = [text, text.precomposedStringWithCompatibilityMapping.lowercased()]
        for base in Array(texts) {
            var html = base.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            texts.insert(html)
            html = html.replacingOccurrences(of: "\"", with: "&quot;")
            texts.insert(html)
            texts.insert(html.replacingOccurrences(of: "'", with: "&#39;"))
            texts.insert(String(JSON.string(base).dropFirst().dropLast()))
            texts.insert(base.replacingOccurrences(of: "\"", with: "\"\""))
        }
        if isID { texts.insert(SafeName.make(for: text)) }
        return texts.map { Array($0.utf8) }
    }

    /// Findings in one file: `path: label` per outsider found.
    func scan(_ bytes: [UInt8], path: String) -> [String] {
        let masked = insiderIndex.blanking(bytes + [0] + Array(path.utf8))
        return findOutsiders(in: masked).sorted().map { "\(path): \(labels[$0])" }
    }

    /// Findings in every file of a folder.
    func scan(folder: String) throws -> [String] {
        var findings: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)!
        while let name = enumerator.nextObject() as? String {
            guard enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            findings += try scan(file: bytes, path: name)
        }
        return findings
    }

    /// Findings in a file, and inside it when it is a zip.
    func scan(file bytes: [UInt8], path: String) throws -> [String] {
        var findings = scan(bytes, path: path)
        if path.hasSuffix(".zip") {
            for (name, contents) in try Self.entries(ofZip: Data(bytes)) {
                findings += try scan(file: Array(contents), path: path + "!" + name)
            }
        }
        return findings
    }

    /// A zip's entries, decompressed, in the zip's order.
    static func entries(ofZip data: Data) throws -> [(name: String, contents: Data)] {
        let archive = try Archive(data: data, accessMode: .read)
        return try archive.map { entry in
            var contents = Data()
            _ = try archive.extract(entry, skipCRC32: false) { contents.append($0) }
            return (entry.path, contents)
        }
    }

    /// Findings in one file: `path: label` per outsider found.
    private func findOutsiders(in bytes: [UInt8]) -> Set<Int> {
        outsiderIndex.matches(in: bytes)
    }
}

/// Finds many needles in one pass: needles bucketed by their first three bytes (a CJK
/// character, or three ASCII characters), compared only where a bucket's key occurs.
struct NeedleIndex {
    private var buckets: [UInt32: [(needle: [UInt8], owner: Int)]] = [:]
    private var short: [(needle: [UInt8], owner: Int)] = []

    init(_ needles: [(needle: [UInt8], owner: Int)]) {
        for item in needles where !item.needle.isEmpty {
            if item.needle.count < 3 { short.append(item); continue }
            buckets[Self.key(item.needle, at: 0), default: []].append(item)
        }
        for key in Array(buckets.keys) { buckets[key]!.sort { $0.needle.count > $1.needle.count } }
    }

    static func key(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
    }

    /// The owners of the needles found in `bytes`.
    func matches(in bytes: [UInt8]) -> Set<Int> {
        var found: Set<Int> = []
        var index = 0
        while index + 3 <= bytes.count {
            if let bucket = buckets[Self.key(bytes, at: index)] {
                for item in bucket where Self.matches(item.needle, bytes, at: index) { found.insert(item.owner) }
            }
            index += 1
        }
        for item in short where (0...max(0, bytes.count - item.needle.count)).contains(where: { Self.matches(item.needle, bytes, at: $0) }) {
            found.insert(item.owner)
        }
        return found
    }

    /// `bytes` with every needle found blanked out (zeros), the longest first at each position.
    func blanking(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        var index = 0
        while index + 3 <= bytes.count {
            if let bucket = buckets[Self.key(bytes, at: index)], let item = bucket.first(where: { Self.matches($0.needle, bytes, at: index) }) {
                for position in index..<index + item.needle.count { bytes[position] = 0 }
                index += item.needle.count
            } else {
                index += 1
            }
        }
        return bytes
    }

    private static func matches(_ needle: [UInt8], _ bytes: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where bytes[index + offset] != needle[offset] { return false }
        return true
    }
}
