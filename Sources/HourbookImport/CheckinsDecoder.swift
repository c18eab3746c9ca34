import HourbookCore

/// Reads one checkins/*.csv file (培训签到). References are the rules' business (C-UNKNOWN-…);
/// ids must be unique across all check-in files, so the seen ids are carried from file to file.
enum CheckinsDecoder {
    static let columns = ["checkin_id", "learner_id", "class_id", "session_id", "at", "method", "lat", "lon"]

    static func decode(
        _ reader: CSVReader, settings: Settings, seenIDs: inout Set<String>
    ) throws(InputFailure) -> Decoded<Checkin> {
        let table = try CSVTable(
            reader: reader, known: columns,
            required: ["checkin_id", "learner_id", "class_id", "session_id", "at", "method"])
        var records: [Checkin] = []
        var seen = seenIDs
        let (diagnostics, count) = table.forEachRow(kind: "check-in", timezone: settings.timezone) { record in
            let id = record.requiredID("checkin_id")
            let learner = record.requiredID("learner_id")
            let classID = record.requiredID("class_id")
            let session = record.requiredID("session_id")
            let at = record.timestamp("at", required: true)
            let method = record.enumeration("method", as: CheckinMethod.self, required: true)
            let latitude = record.coordinate("lat", range: -90...90)
            let longitude = record.coordinate("lon", range: -180...180)
            guard !record.hasError, let id, let learner, let classID, let session, let at, let method else { return }
            guard seen.insert(id).inserted else {
                record.error(.duplicateID, "check-in '\(id)' is already defined earlier; this row is not used")
                return
            }
            records.append(
                Checkin(
                    id: id, learnerID: learner, classID: classID, sessionID: session, at: at, method: method,
                    latitude: latitude, longitude: longitude, source: record.location))
        }
        seenIDs = seen
        return Decoded(records: records, diagnostics: diagnostics, recordsRead: count)
    }
}
