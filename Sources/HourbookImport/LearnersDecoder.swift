import HourbookCore

/// Reads learners.csv, the roster (学员): every learner's department must exist.
enum LearnersDecoder {
    static let columns = ["learner_id", "name", "dept_id", "rank", "phone", "party_member", "joined_on", "left_on"]

    static func decode(
        _ reader: CSVReader, settings: Settings, departmentIDs: Set<String>
    ) throws(InputFailure) -> Decoded<Learner> {
        let table = try CSVTable(reader: reader, known: columns, required: ["learner_id", "name", "dept_id"])
        var records: [Learner] = []
        var seen: Set<String> = []
        let (diagnostics, count) = table.forEachRow(kind: "learner", timezone: settings.timezone) { record in
            let id = record.requiredID("learner_id")
            let name = record.requiredText("name")
            let department = record.requiredID("dept_id")
            let rank = record.optionalText("rank")
            var phone = record.optionalText("phone")
            if let text = phone, text.utf8.count != 11 || !text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                record.warning(.badOptionalValue, "learner field 'phone' has '\(text)', which is not 11 digits; it is ignored")
                phone = nil
            }
            let isPartyMember = record.boolean("party_member")
            let joinedOn = record.date("joined_on")
            let leftOn = record.date("left_on")
            if let department, !departmentIDs.contains(department) {
                record.error(.unknownDepartment, "learner's department '\(department)' is not in departments.csv")
            }
            guard !record.hasError, let id, let name, let department else { return }
            guard seen.insert(id).inserted else {
                record.error(.duplicateID, "learner '\(id)' is already defined earlier; this row is not used")
                return
            }
            records.append(
                Learner(
                    id: id, name: name, departmentID: department, rank: rank, phone: phone,
                    isPartyMember: isPartyMember, joinedOn: joinedOn, leftOn: leftOn, source: record.location))
        }
        return Decoded(records: records, diagnostics: diagnostics, recordsRead: count)
    }
}
