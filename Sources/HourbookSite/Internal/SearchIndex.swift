import Foundation
import HourbookCore
import HourbookRules

/// The search index: every learner and department under its normalized name and id, sorted
/// by key and cut into fixed-size chunks. A small manifest (`search/index.js`) lists each
/// chunk's first key; a query loads only the one or two chunks its prefix falls in, through
/// dynamically inserted `<script src>` tags, so it works from `file://` without fetch/XHR.
struct SearchIndex {
    /// One searchable key and what it finds.
    struct Entry {
        var key: String
        /// `l` learner, `d` department.
        var kind: Character
        var name: String
        var id: String
        /// The page's file-name stem (OutputPaths.learnerName / departmentName).
        var stem: String
        /// The learner's department, or the department's parent, for telling namesakes apart.
        var context: String
    }

    /// Files of the index: path relative to the output folder → contents.
    let files: [(path: String, contents: String)]
    let entryCount: Int

    static let chunkSize = 1000

    init(context: SiteContext) {
        var entries: [Entry] = []
        entries.reserveCapacity(context.dataset.learners.count * 2 + context.dataset.departments.count * 2)
        func add(kind: Character, name: String, id: String, stem: String, context: String) {
            let nameKey = SearchIndex.normalize(name)
            let idKey = SearchIndex.normalize(id)
            if !nameKey.isEmpty {
                entries.append(Entry(key: nameKey, kind: kind, name: name, id: id, stem: stem, context: context))
            }
            if idKey != nameKey, !idKey.isEmpty {
                entries.append(Entry(key: idKey, kind: kind, name: name, id: id, stem: stem, context: context))
            }
        }
        for learner in context.dataset.learners {
            add(
                kind: "l", name: learner.name, id: learner.id, stem: context.paths.learnerName(learner.id),
                context: context.departmentsByID[learner.departmentID]?.name ?? "")
        }
        for department in context.dataset.departments {
            add(
                kind: "d", name: department.name, id: department.id, stem: context.paths.departmentName(department.id),
                context: department.parentID.flatMap { context.departmentsByID[$0]?.name } ?? "")
        }
        // JavaScript compares strings by UTF-16 code units: sort the same way so its binary search agrees.
        entries.sort { a, b in
            if a.key != b.key { return a.key.utf16.lexicographicallyPrecedes(b.key.utf16) }
            if a.kind != b.kind { return a.kind < b.kind }
            return CodePoint.less(a.id, b.id)
        }
        entryCount = entries.count

        var files: [(String, String)] = []
        var firstKeys: [String] = []
        var start = 0
        var chunk = 0
        while start < entries.count {
            let end = min(entries.count, start + SearchIndex.chunkSize)
            var text = "HB.chunk(\(chunk),["
            for index in start..<end {
                let entry = entries[index]
                if index > start { text += ",\n" }
                text += "["
                Escape.jsonString(entry.key, into: &text)
                text += ",\"\(entry.kind)\","
                Escape.jsonString(entry.name, into: &text)
                text += ","
                Escape.jsonString(entry.id, into: &text)
                text += ","
                Escape.jsonString(entry.stem, into: &text)
                text += ","
                Escape.jsonString(entry.context, into: &text)
                text += "]"
            }
            text += "]);\n"
            files.append(("search/\(chunk).js", text))
            firstKeys.append(entries[start].key)
            start = end
            chunk += 1
        }
        var manifest = "HB.manifest({\"year\":\(context.latestYear.map(String.init) ?? "null"),\"count\":\(entries.count),\"first\":["
        for (index, key) in firstKeys.enumerated() {
            if index > 0 { manifest += "," }
            Escape.jsonString(key, into: &manifest)
        }
        manifest += "]});\n"
        files.append(("search/index.js", manifest))
        self.files = files
    }

    /// The form both sides compare: NFKC (full-width letters and digits typed with a Chinese
    /// input method match), lower case, trimmed. site.js applies the same to the query.
    static func normalize(_ text: String) -> String {
        Text.trimmed(text.precomposedStringWithCompatibilityMapping.lowercased())
    }
}
