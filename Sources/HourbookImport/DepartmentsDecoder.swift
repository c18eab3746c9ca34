import HourbookCore

/// Reads departments.csv and repairs its hierarchy (FORMATS.md): an unknown parent is an error and
/// the department becomes a root; a cycle is an error for each department in it, and the one with
/// the smallest dept_id becomes a root. No department is lost.
enum DepartmentsDecoder {
    static let columns = ["dept_id", "name", "parent_id", "kind", "sort_order"]

    static func decode(_ reader: CSVReader, settings: Settings) throws(InputFailure) -> Decoded<Department> {
        let table = try CSVTable(reader: reader, known: columns, required: ["dept_id", "name"])
        var records: [Department] = []
        var seen: Set<String> = []
        var rawTexts: [String] = []
        let (diagnostics, count) = table.forEachRow(kind: "department", timezone: settings.timezone) { record in
            let id = record.requiredID("dept_id")
            let name = record.requiredText("name")
            let parent = record.optionalID("parent_id")
            let kind = record.optionalText("kind")
            let sortOrder = record.integer("sort_order", isRead: false)
            guard !record.hasError, let id, let name else { return }
            guard seen.insert(id).inserted else {
                record.error(.duplicateID, "department '\(id)' is already defined earlier; this row is not used")
                return
            }
            records.append(
                Department(
                    id: id, name: name, parentID: parent, declaredParentID: parent, kind: kind, sortOrder: sortOrder,
                    source: record.location))
            rawTexts.append(record.rawText)
        }
        var decoded = Decoded(records: records, diagnostics: diagnostics, recordsRead: count)
        repairHierarchy(&decoded, rawTexts: rawTexts)
        return decoded
    }

    /// Makes the parent links a forest, reporting every repair.
    static func repairHierarchy(_ decoded: inout Decoded<Department>, rawTexts: [String]) {
        var indexByID: [String: Int] = [:]
        for (index, department) in decoded.records.enumerated() { indexByID[department.id] = index }

        func report(_ index: Int, _ code: DiagnosticCode, _ message: String) {
            let department = decoded.records[index]
            decoded.diagnostics.append(
                Diagnostic(
                    file: department.source.file, line: department.source.line, severity: .error, code: code,
                    message: message, rawText: rawTexts[index]))
        }

        for index in decoded.records.indices {
            guard let parent = decoded.records[index].parentID, indexByID[parent] == nil else { continue }
            report(
                index, .unknownParent,
                "department '\(decoded.records[index].id)' names parent '\(parent)', which is not in departments.csv; it is shown as a top-level department")
            decoded.records[index].parentID = nil
        }

        // Walk up from every department; a walk that meets itself has found a cycle.
        var state = [UInt8](repeating: 0, count: decoded.records.count)  // 0 new, 1 on the walk, 2 done
        for start in decoded.records.indices where state[start] == 0 {
            var walk: [Int] = []
            var current: Int? = start
            while let index = current, state[index] == 0 {
                state[index] = 1
                walk.append(index)
                current = decoded.records[index].parentID.flatMap { indexByID[$0] }
            }
            if let index = current, state[index] == 1, let cycleStart = walk.firstIndex(of: index) {
                let cycle = Array(walk[cycleStart...])
                let ids = cycle.map { decoded.records[$0].id }
                let root = cycle.min { precedesInCodePointOrder(decoded.records[$0].id, decoded.records[$1].id) }!
                let rootID = decoded.records[root].id
                let members = ids.sorted(by: precedesInCodePointOrder).map { "'\($0)'" }.joined(separator: ", ")
                for member in cycle.sorted() {
                    report(
                        member, .departmentCycle,
                        "department '\(decoded.records[member].id)' is part of a cycle of parents (\(members)); '\(rootID)' is shown as a top-level department")
                }
                decoded.records[root].parentID = nil
            }
            for index in walk { state[index] = 2 }
        }
    }
}
