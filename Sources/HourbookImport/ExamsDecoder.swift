import HourbookCore

/// Reads exams.csv. Exams earn no hours; an exam of a learner or class the import does not know
/// is a warning (EXAM-UNKNOWN-LEARNER, EXAM-UNKNOWN-CLASS); the exam is kept but
/// the rules do not check it.
enum ExamsDecoder {
    static let columns = ["exam_id", "learner_id", "class_id", "taken_at", "score", "passed"]

    static func decode(
        _ reader: CSVReader, settings: Settings, learnerIDs: Set<String>, classIDs: Set<String>
    ) throws(InputFailure) -> Decoded<Exam> {
        let table = try CSVTable(
            reader: reader, known: columns, required: ["exam_id", "learner_id", "class_id", "taken_at"])
        var records: [Exam] = []
        var seen: Set<String> = []
        let (diagnostics, count) = table.forEachRow(kind: "exam", timezone: settings.timezone) { record in
            let id = record.requiredID("exam_id")
            let learner = record.requiredID("learner_id")
            let classID = record.requiredID("class_id")
            let takenAt = record.timestamp("taken_at", required: true)
            var score = record.optionalText("score")
            if let text = score, FixedPoint.parse(text.utf8, fractionDigits: 6, truncatingExtraDigits: true) == nil {
                record.warning(.badOptionalValue, "exam field 'score' has '\(text)', which is not a number; it is ignored")
                score = nil
            }
            let passed = record.boolean("passed")
            guard !record.hasError, let id, let learner, let classID, let takenAt else { return }
            guard seen.insert(id).inserted else {
                record.error(.duplicateID, "exam '\(id)' is already defined earlier; this row is not used")
                return
            }
            if !learnerIDs.contains(learner) {
                record.warning(.examUnknownLearner, "exam '\(id)' names learner '\(learner)', who is not in the roster; the exam is not checked")
            }
            if !classIDs.contains(classID) {
                record.warning(.examUnknownClass, "exam '\(id)' names class '\(classID)', which is not in the catalog; the exam is not checked")
            }
            records.append(
                Exam(
                    id: id, learnerID: learner, classID: classID, takenAt: takenAt, score: score, passed: passed,
                    source: record.location))
        }
        return Decoded(records: records, diagnostics: diagnostics, recordsRead: count)
    }
}
