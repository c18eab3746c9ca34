import Foundation
import HourbookCore
import HourbookRules

/// The search index: every learner and department under its keys, sorted by key and cut into
/// shards of a fixed number of rows. A small directory (`search/index.js`) lists each shard's
/// first and last key; a query loads every shard whose range can hold a key starting with it
/// (so namesakes on both sides of a shard boundary are all found), through dynamically
/// inserted `<script src>` tags, so it works from `file://` without fetch/XHR.
///
/// Keys: a learner's name and id, and for a Chinese name its given name, full pinyin,
/// pinyin initials and the given name's pinyin (`PersonName`); a department's name and id.
struct SearchIndex {
    /// What a key finds: a learner or a department.
    struct Target {
        /// `l` learner, `d` department.
        var kind: Character
        var name: String
        var id: String
        /// The page's file-name stem (OutputPaths.learnerName / departmentName).
        var stem: String
        /// Index into the directory's department names: the learner's department or the
        /// department's parent, for telling namesakes apart; -1 for none.
        var context: Int
    }

    /// Files of the index: path relative to the output folder → contents.
    let files: [(path: String, contents: [UInt8])]
    /// Rows written (keys, over all targets).
    let rowCount: Int

    /// Rows per shard: ~40 KB each at 100,000 learners.
    static let defaultShardSize = 1000

    init(context: SiteContext, shardSize: Int = SearchIndex.defaultShardSize) {
        let departments = context.dataset.departments
        var departmentIndex: [String: Int] = [:]
        for (index, department) in departments.enumerated() { departmentIndex[department.id] = index }

        // Targets in a fixed order (departments, then learners, by id) so that rows with equal
        // keys keep that order: the sort below compares keys only, then the target's number.
        var targets: [Target] = []
        targets.reserveCapacity(departments.count + context.dataset.learners.count)
        for department in departments.sorted(by: { CodePoint.less($0.id, $1.id) }) {
            targets.append(Target(
                kind: "d", name: department.name, id: department.id, stem: context.paths.departmentName(department.id),
                context: department.parentID.flatMap { departmentIndex[$0] } ?? -1))
        }
        for learner in context.dataset.learners.sorted(by: { CodePoint.less($0.id, $1.id) }) {
            targets.append(Target(
                kind: "l", name: learner.name, id: learner.id, stem: context.paths.learnerName(learner.id),
                context: departmentIndex[learner.departmentID] ?? -1))
        }

        // Every key once per target, and the order JavaScript compares strings in (UTF-16 code
        // units): each key is also laid out as big-endian UTF-16 bytes in one arena, so that
        // one memcmp compares two keys (600,000 rows at 100,000 learners).
        var keys: [String] = []
        var owners: [Int32] = []
        var starts: [Int] = []
        var arena: [UInt8] = []
        keys.reserveCapacity(targets.count * 6)
        for (number, target) in targets.enumerated() {
            for key in SearchIndex.keys(of: target) {
                keys.append(key)
                owners.append(Int32(number))
                starts.append(arena.count)
                for unit in key.utf16 {
                    arena.append(UInt8(unit >> 8))
                    arena.append(UInt8(unit & 0xFF))
                }
            }
        }
        starts.append(arena.count)
        let order = arena.withUnsafeBufferPointer { bytes -> [Int] in
            let base = bytes.baseAddress
            return Array(keys.indices).sorted { i, j in
                let lengthI = starts[i + 1] - starts[i], lengthJ = starts[j + 1] - starts[j]
                let common = min(lengthI, lengthJ)
                let compared = common == 0 ? 0 : memcmp(base! + starts[i], base! + starts[j], common)
                if compared != 0 { return compared < 0 }
                if lengthI != lengthJ { return lengthI < lengthJ }
                return owners[i] < owners[j]
            }
        }
        let rows = order.map { (key: keys[$0], target: owners[$0]) }
        rowCount = rows.count

        var files: [(String, [UInt8])] = []
        var ranges: [(first: String, last: String)] = []
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + shardSize)
            var text: [UInt8] = []
            text.reserveCapacity((end - start) * 48)
            Bytes.append("HB.chunk(\(ranges.count),[", to: &text)
            for index in start..<end {
                let target = targets[Int(rows[index].target)]
                if index > start { Bytes.append(",\n", to: &text) }
                text.append(UInt8(ascii: "["))
                Escape.jsonString(rows[index].key, into: &text)
                Bytes.append(target.kind == "l" ? ",\"l\"," : ",\"d\",", to: &text)
                Escape.jsonString(target.name, into: &text)
                text.append(UInt8(ascii: ","))
                Escape.jsonString(target.id, into: &text)
                text.append(UInt8(ascii: ","))
                Bytes.appendDecimal(Int64(target.context), to: &text)
                if target.stem != target.id {
                    text.append(UInt8(ascii: ","))
                    Escape.jsonString(target.stem, into: &text)
                }
                text.append(UInt8(ascii: "]"))
            }
            Bytes.append("]);\n", to: &text)
            files.append(("search/\(ranges.count).js", text))
            ranges.append((rows[start].key, rows[end - 1].key))
            start = end
        }

        var directory: [UInt8] = []
        Bytes.append(
            "HB.manifest({\"year\":\(context.latestYear.map(String.init) ?? "null"),\"count\":\(rows.count),\"shards\":[",
            to: &directory)
        for (index, range) in ranges.enumerated() {
            if index > 0 { Bytes.append(",\n", to: &directory) }
            directory.append(UInt8(ascii: "["))
            Escape.jsonString(range.first, into: &directory)
            directory.append(UInt8(ascii: ","))
            Escape.jsonString(range.last, into: &directory)
            directory.append(UInt8(ascii: "]"))
        }
        Bytes.append("],\n\"departments\":[", to: &directory)
        for (index, department) in departments.enumerated() {
            if index > 0 { directory.append(UInt8(ascii: ",")) }
            Escape.jsonString(department.name, into: &directory)
        }
        Bytes.append("]});\n", to: &directory)
        files.append(("search/index.js", directory))
        self.files = files
    }

    /// A target's keys, each once: its name and id, normalized, and for a learner the extra
    /// keys of a Chinese name.
    static func keys(of target: Target) -> [String] {
        var keys: [String] = []
        let name = normalize(target.name)
        if !name.isEmpty { keys.append(name) }
        let id = normalize(target.id)
        if !id.isEmpty, id != name { keys.append(id) }
        if target.kind == "l" {
            for key in PersonName.extraKeys(name) where !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// The form both sides compare: NFKC (full-width letters and digits typed with a Chinese
    /// input method match), lower case, trimmed. site.js applies the same to the query.
    static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x21 && $0 < 0x7F }) { return text.lowercased() }
        return Text.trimmed(text.precomposedStringWithCompatibilityMapping.lowercased())
    }
}
