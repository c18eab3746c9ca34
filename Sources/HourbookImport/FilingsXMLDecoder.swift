import HourbookCore

/// Reads filings.xml: external training filings and year-end make-up applications (学时补录),
/// one `<filing>` each, with its fields as attributes and child elements exactly as FORMATS.md's
/// example writes them.
enum FilingsXMLDecoder {
    /// Decodes the bytes of `file`.
    ///
    /// Throws for a whole input that cannot be read (encoding, DOCTYPE, not well-formed).
    static func decode(_ bytes: [UInt8], file: String, settings: Settings) throws(InputFailure) -> FilingsDecoding {
        let decoded = try XMLEncoding.decode(bytes, file: file)
        var filings: [Filing] = []
        var diagnostics = decoded.diagnostics
        var claimedLines: [String: Int] = [:]
        var count = 0
        try XMLStreamReader.read(decoded.utf8, file: file) { reader throws(InputFailure) in
            let root = try reader.readRecords(inRoot: "filings") { element in
                guard element.name == "filing" else {
                    diagnostics.append(element.unknownElementWarning(in: "filings", file: file))
                    return
                }
                count += 1
                var result = readFiling(element, file: file, settings: settings)
                if let filing = result.filing, let earlier = claimedLines[filing.id] {
                    result.record.error(.duplicateID, "filing id '\(filing.id)' was already read at line \(earlier)")
                }
                // The filing's unknown elements and attributes are about its learner's record too.
                let subject = result.record.subject
                diagnostics += result.warnings.map { warning in
                    var warning = warning
                    warning.subject = subject
                    return warning
                } + result.record.diagnostics.withRawText(element.markup)
                guard let filing = result.filing, !result.record.hasError else { return }
                claimedLines[filing.id] = element.line
                filings.append(filing)
            }
            diagnostics += XMLElement(
                name: root.name, attributes: root.attributes, line: root.line, text: "", children: []
            ).unknownAttributeWarnings(known: [], file: file)
        }
        return FilingsDecoding(filings: filings, diagnostics: diagnostics, recordsRead: ["filings": count])
    }

    /// The fields written as attributes of `<filing>`.
    static let attributeFields = [
        "id", "learner", "year", "type", "status", "approved-hours", "submitted-at", "reviewed-at", "reviewer", "class",
    ]
    /// The fields written as child elements of `<filing>` (besides `<attachment>`).
    static let elementFields = [
        "name", "category", "subject", "start", "end", "requested-hours", "host", "contact", "contact-phone",
        "location", "cost", "purpose", "content",
    ]
    private static let attachmentAttributes = ["path", "sha256"]

    /// Reads one `<filing>`: the filing when every field it needs is usable, the record reader
    /// with its diagnostics, and the markup warnings (unknown or repeated attributes and elements).
    private static func readFiling(
        _ element: XMLElement, file: String, settings: Settings
    ) -> (filing: Filing?, record: RecordReader, warnings: [Diagnostic]) {
        var warnings = element.unknownAttributeWarnings(known: attributeFields, file: file)
        // A short list beats a dictionary here: field names are small strings, compared without hashing.
        var fields: [(name: String, value: Substring)] = []
        fields.reserveCapacity(element.attributes.count + element.children.count)
        for attribute in element.attributes where attributeFields.contains(attribute.name) {
            fields.append((attribute.name, Substring(attribute.value)))
        }
        var attachments: [Attachment] = []
        for child in element.children {
            if child.name == "attachment" {
                warnings += child.unknownAttributeWarnings(known: attachmentAttributes, file: file)
                warnings += child.children.map { $0.unknownElementWarning(in: "attachment", file: file) }
                // An empty path is kept: the rules reject it with F-ATTACHMENT, where it stays visible.
                let path = child.attribute("path").flatMap(Text.value).map(String.init) ?? ""
                let sha256 = child.attribute("sha256").flatMap(Text.value).map(String.init)
                attachments.append(Attachment(path: path, sha256: sha256))
            } else if elementFields.contains(child.name) {
                warnings += child.unknownAttributeWarnings(known: [], file: file)
                warnings += child.children.map { $0.unknownElementWarning(in: child.name, file: file) }
                guard !fields.contains(where: { $0.name == child.name }) else {
                    warnings.append(
                        Diagnostic(
                            file: file, line: child.line, severity: .warning, code: .xmlUnknownElement,
                            message: "<filing> repeats <\(child.name)>; only the first is read",
                            rawText: child.markup))
                    continue
                }
                fields.append((child.name, Substring(child.text)))
            } else {
                warnings.append(child.unknownElementWarning(in: "filing", file: file))
            }
        }

        var record = RecordReader(
            kind: "filing", location: SourceLocation(file: file, line: element.line), rawText: "",
            timezone: settings.timezone, lookup: { name in fields.first { $0.name == name }?.value })
        let id = record.requiredID("id")
        let learnerID = record.requiredID("learner")
        let year = record.integer("year")
        if let year, !(1...9999).contains(year) {
            record.error(.badValue, "filing field 'year' has '\(year)', which is not a year")
        }
        let type = record.enumeration("type", as: FilingType.self, required: true)
        let status = record.enumeration("status", as: FilingStatus.self)
        let approvedHours = record.hours("approved-hours")
        let submittedAt = record.timestamp("submitted-at")
        let reviewedAt = record.timestamp("reviewed-at")
        let classID = record.optionalID("class")
        let start = record.date("start")
        let end = record.date("end")
        let requestedHours = record.hours("requested-hours")
        var cost = record.optionalText("cost")
        if let text = cost, FixedPoint.parse(Substring(text), fractionDigits: 6) == nil {
            record.warning(
                .badOptionalValue,
                "filing field 'cost' has '\(text)', which is not an amount in 万元 (0 or more, at most six decimals); it is ignored")
            cost = nil
        }
        let purpose = record.limitedText("purpose", limit: 300)
        let content = record.limitedText("content", limit: 300)
        guard !record.hasError, let id, let learnerID, let type else { return (nil, record, warnings) }
        let filing = Filing(
            id: id, learnerID: learnerID, year: year, type: type, status: status ?? .pending,
            approvedHours: approvedHours, submittedAt: submittedAt, reviewedAt: reviewedAt,
            reviewer: record.optionalText("reviewer"), classID: classID, name: record.optionalText("name"),
            categoryID: record.optionalText("category"), subject: record.optionalText("subject"), start: start,
            end: end, requestedHours: requestedHours, host: record.optionalText("host"),
            contact: record.optionalText("contact"), contactPhone: record.optionalText("contact-phone"),
            location: record.optionalText("location"), cost: cost, purpose: purpose, content: content,
            attachments: attachments, source: SourceLocation(file: file, line: element.line))
        return (filing, record, warnings)
    }
}
