import HourbookCore

/// Reads filings.csv (学时补录), one row per filing, with `attachments` separated by `;` and
/// `attachment_sha256` giving the expected digests in the same order.
enum FilingsCSVDecoder {
    static let columns = [
        "filing_id", "learner_id", "year", "type", "status", "approved_hours", "submitted_at", "reviewed_at",
        "reviewer", "class_id", "name", "category", "subject", "start", "end", "requested_hours", "host",
        "contact", "contact_phone", "location", "cost", "purpose", "content", "attachments", "attachment_sha256",
    ]
    /// The most characters (Unicode scalars) of `purpose` and `content` before a TEXT-TOO-LONG warning.
    static let textLimit = 300

    static func decode(_ reader: CSVReader, settings: Settings) throws(InputFailure) -> FilingsDecoding {
        let table = try CSVTable(reader: reader, known: columns, required: ["filing_id", "learner_id", "type"])
        var records: [Filing] = []
        var seen: Set<String> = []
        let (diagnostics, count) = table.forEachRow(kind: "filing", timezone: settings.timezone) { record in
            let id = record.requiredID("filing_id")
            let learner = record.requiredID("learner_id")
            let year = record.integer("year")
            let type = record.enumeration("type", as: FilingType.self, required: true)
            let status = record.enumeration("status", as: FilingStatus.self)
            let approvedHours = record.hours("approved_hours")
            let submittedAt = record.timestamp("submitted_at")
            // No rule reads reviewed_at: a malformed one is a warning, not a lost filing.
            let reviewedAt = record.timestamp("reviewed_at", isRead: false)
            let classID = record.optionalID("class_id")
            let category = record.optionalID("category")
            let start = record.date("start")
            let end = record.date("end")
            let requestedHours = record.hours("requested_hours")
            var cost = record.optionalText("cost")
            if let text = cost,
                FixedPoint.parse(text.utf8, fractionDigits: 6, truncatingExtraDigits: true) == nil
            {
                record.warning(
                    .badOptionalValue, "filing field 'cost' has '\(text)', which is not a number of 万元; it is ignored")
                cost = nil
            }
            let purpose = record.limitedText("purpose", limit: textLimit)
            let content = record.limitedText("content", limit: textLimit)
            let attachments = Self.attachments(
                paths: record.optionalText("attachments"), digests: record.optionalText("attachment_sha256"))
            if let year, !(1...9999).contains(year) {
                record.error(.badValue, "filing field 'year' has '\(year)', which is not a year")
            }
            guard !record.hasError, let id, let learner, let type else { return }
            guard seen.insert(id).inserted else {
                record.error(.duplicateID, "filing '\(id)' is already defined earlier; this row is not used")
                return
            }
            records.append(
                Filing(
                    id: id, learnerID: learner, year: year, type: type, status: status ?? .pending,
                    approvedHours: approvedHours, submittedAt: submittedAt, reviewedAt: reviewedAt,
                    reviewer: record.optionalText("reviewer"), classID: classID, name: record.optionalText("name"),
                    categoryID: category, subject: record.optionalText("subject"), start: start, end: end,
                    requestedHours: requestedHours, host: record.optionalText("host"),
                    contact: record.optionalText("contact"), contactPhone: record.optionalText("contact_phone"),
                    location: record.optionalText("location"), cost: cost, purpose: purpose, content: content,
                    attachments: attachments, source: record.location))
        }
        return FilingsDecoding(filings: records, diagnostics: diagnostics, recordsRead: ["filings": count])
    }

    /// Pairs the `;`-separated paths (empty items ignored) with the `;`-separated digests in the
    /// same order: the n-th digest belongs to the n-th listed file; an empty or missing one means none.
    static func attachments(paths: String?, digests: String?) -> [Attachment] {
        guard let paths else { return [] }
        let digestItems = (digests ?? "").split(separator: ";", omittingEmptySubsequences: false).map {
            Text.trimmed($0)
        }
        let pathItems = paths.split(separator: ";", omittingEmptySubsequences: false).map { Text.trimmed($0) }
            .filter { !$0.isEmpty }
        return pathItems.enumerated().map { index, path in
            let digest = index < digestItems.count && !digestItems[index].isEmpty ? String(digestItems[index]) : nil
            return Attachment(path: String(path), sha256: digest)
        }
    }
}
