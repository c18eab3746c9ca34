import HourbookCore

/// Reads catalog.xml: courses (网络课程) with their chapters (章节), and training classes (培训班)
/// with their courses, sessions and members, applying FORMATS.md's catalog rules.
///
/// An invalid chapter, session or reference is dropped alone, with an error; a course whose
/// `hours` then differs from its chapters' sum is dropped too. Classes may list courses that
/// come later in the file: course references are resolved once the whole document is read.
enum CatalogXMLDecoder {
    /// Decodes the bytes of `file`; `learnerIDs` is the roster, for the members' warnings.
    ///
    /// Throws for a whole input that cannot be read (encoding, DOCTYPE, not well-formed).
    static func decode(
        _ bytes: [UInt8], file: String, settings: Settings, learnerIDs: Set<String>
    ) throws(InputFailure) -> CatalogDecoding {
        let decoded = try XMLEncoding.decode(bytes, file: file)
        var builder = CatalogBuilder(file: file, settings: settings, learnerIDs: learnerIDs)
        builder.diagnostics = decoded.diagnostics
        try XMLStreamReader.read(decoded.utf8, file: file) { reader throws(InputFailure) in
            let root = try reader.readRecords(inRoot: "catalog") { element in builder.add(element) }
            builder.diagnostics += XMLElement(
                name: root.name, attributes: root.attributes, line: root.line, text: "", children: []
            ).unknownAttributeWarnings(known: [], file: file)
        }
        return builder.finish()
    }
}

/// The catalog as it is read, record by record, with the ids claimed so far.
private struct CatalogBuilder {
    let file: String
    let settings: Settings
    let learnerIDs: Set<String>

    var courses: [Course] = []
    var chapters: [Chapter] = []
    var diagnostics: [Diagnostic] = []
    /// Classes in document order, with their course references still to resolve.
    private var classes: [(trainingClass: TrainingClass?, courseReferences: [CourseReference])] = []
    /// The line of the record that claimed each id, per kind.
    private var courseLines: [String: Int] = [:]
    private var chapterLines: [String: Int] = [:]
    private var classLines: [String: Int] = [:]
    private var counts = ["courses": 0, "chapters": 0, "classes": 0, "sessions": 0]

    /// A class's `<course ref>`, kept until every course is known.
    private struct CourseReference {
        var courseID: String
        var line: Int
        var rawText: String
    }

    init(file: String, settings: Settings, learnerIDs: Set<String>) {
        self.file = file
        self.settings = settings
        self.learnerIDs = learnerIDs
    }

    /// Takes one element directly inside `<catalog>`.
    mutating func add(_ element: XMLElement) {
        switch element.name {
        case "course": addCourse(element)
        case "class": addClass(element)
        default: diagnostics.append(element.unknownElementWarning(in: "catalog", file: file))
        }
    }

    // MARK: - Courses and chapters

    private static let courseAttributes = ["id", "title", "category", "subject", "author", "producer", "hours"]
    private static let chapterAttributes = ["id", "title", "duration", "hours"]

    private mutating func addCourse(_ element: XMLElement) {
        counts["courses", default: 0] += 1
        diagnostics += element.unknownAttributeWarnings(known: Self.courseAttributes, file: file)
        var record = reader(kind: "course", for: element)
        let id = record.requiredID("id")
        let title = record.requiredText("title")
        let categoryID = checkedCategory(&record)
        let declaredHours = record.hours("hours")

        // Chapters are checked whether or not the course is usable, so every mistake shows at once;
        // they claim their ids only with a course that is kept.
        var courseChapters: [Chapter] = []
        var courseChapterLines: [String: Int] = [:]
        for child in element.children {
            guard child.name == "chapter" else {
                diagnostics.append(child.unknownElementWarning(in: "course", file: file))
                continue
            }
            counts["chapters", default: 0] += 1
            diagnostics += child.unknownAttributeWarnings(known: Self.chapterAttributes, file: file)
            var chapterRecord = reader(kind: "chapter", for: child)
            let chapterID = chapterRecord.requiredID("id")
            let chapterTitle = chapterRecord.optionalText("title")
            let duration = chapterRecord.milliseconds("duration", required: true)
            if duration == 0 {
                chapterRecord.error(.badValue, "chapter field 'duration' is 0; a chapter's video must last more than 0 seconds")
            }
            let hours = chapterRecord.hours("hours", required: true)
            if let chapterID, !chapterRecord.hasError {
                if let earlier = chapterLines[chapterID] ?? courseChapterLines[chapterID] {
                    chapterRecord.error(
                        .duplicateID, "chapter id '\(chapterID)' was already read at line \(earlier); chapter ids are unique across the catalog")
                }
            }
            diagnostics += chapterRecord.diagnostics.withRawText(child.markup)
            guard !chapterRecord.hasError, let chapterID, let duration, let hours else { continue }
            courseChapterLines[chapterID] = child.line
            courseChapters.append(
                Chapter(
                    id: chapterID, courseID: id ?? "", title: chapterTitle, durationMilliseconds: duration, hours: hours,
                    source: location(child)))
        }

        let hours = courseChapters.reduce(Hours.zero) { $0 + $1.hours }
        if let declaredHours, declaredHours != hours {
            record.error(
                .courseHoursMismatch,
                "course says hours=\"\(declaredHours)\" but its usable chapters add up to \(hours); fix the hours or the chapters")
        }
        if let id, !record.hasError, let earlier = courseLines[id] {
            record.error(.duplicateID, "course id '\(id)' was already read at line \(earlier)")
        }
        diagnostics += record.diagnostics.withRawText(element.startTagMarkup)
        guard !record.hasError, let id, let title, let categoryID else { return }
        courseLines[id] = element.line
        for chapter in courseChapters { chapterLines[chapter.id] = chapter.source.line }
        chapters += courseChapters
        courses.append(
            Course(
                id: id, title: title, categoryID: categoryID, subject: record.optionalText("subject"),
                author: record.optionalText("author"), producer: record.optionalText("producer"),
                chapterIDs: courseChapters.map(\.id), hours: hours, source: location(element)))
    }

    // MARK: - Classes, sessions and references

    private static let classAttributes = [
        "id", "title", "mode", "category", "subject", "host", "location", "start", "end", "required-hours", "exam",
    ]
    private static let sessionAttributes = ["id", "date", "start", "end", "hours", "lat", "lon", "radius"]
    private static let referenceAttributes = ["ref"]

    private mutating func addClass(_ element: XMLElement) {
        counts["classes", default: 0] += 1
        diagnostics += element.unknownAttributeWarnings(known: Self.classAttributes, file: file)
        var record = reader(kind: "class", for: element)
        let id = record.requiredID("id")
        let title = record.requiredText("title")
        let mode = record.enumeration("mode", as: LearningMode.self, required: true)
        let categoryID = checkedCategory(&record)
        let start = record.date("start", required: true)
        let end = record.date("end", required: true)
        if let start, let end, end < start {
            record.error(.classDates, "class ends on \(end), before it starts on \(start)")
        }
        let requiredHours = record.hours("required-hours")
        let hasExam = record.boolean("exam", isRead: true) ?? false

        var sessions: [ClassSession] = []
        var sessionLines: [String: Int] = [:]
        var courseReferences: [CourseReference] = []
        var memberIDs: Set<String> = []
        for child in element.children {
            switch child.name {
            case "session":
                if let session = readSession(child, claimed: sessionLines) {
                    sessionLines[session.id] = child.line
                    sessions.append(session)
                }
            case "course":
                if let courseID = readReference(child, kind: "course reference"),
                    !courseReferences.contains(where: { $0.courseID == courseID })
                {
                    courseReferences.append(CourseReference(courseID: courseID, line: child.line, rawText: child.markup))
                }
            case "member":
                guard let learnerID = readReference(child, kind: "member reference") else { continue }
                if !learnerIDs.contains(learnerID) {
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: child.line, severity: .warning, code: .unknownMember,
                            message: "class lists member '\(learnerID)', who is not in the roster (learners.csv)",
                            rawText: child.markup))
                }
                memberIDs.insert(learnerID)
            default:
                diagnostics.append(child.unknownElementWarning(in: "class", file: file))
            }
        }

        if let id, !record.hasError, let earlier = classLines[id] {
            record.error(.duplicateID, "class id '\(id)' was already read at line \(earlier)")
        }
        diagnostics += record.diagnostics.withRawText(element.startTagMarkup)
        guard !record.hasError, let id, let title, let mode, let categoryID, let start, let end else {
            classes.append((nil, courseReferences))
            return
        }
        classLines[id] = element.line
        let trainingClass = TrainingClass(
            id: id, title: title, mode: mode, categoryID: categoryID, subject: record.optionalText("subject"),
            host: record.optionalText("host"), location: record.optionalText("location"), start: start, end: end,
            requiredHours: requiredHours, hasExam: hasExam, sessions: sessions, memberIDs: memberIDs,
            source: location(element))
        classes.append((trainingClass, courseReferences))
    }

    /// A usable session, or nil after its errors are reported; `claimed` holds the class's session ids so far.
    private mutating func readSession(_ element: XMLElement, claimed: [String: Int]) -> ClassSession? {
        counts["sessions", default: 0] += 1
        diagnostics += element.unknownAttributeWarnings(known: Self.sessionAttributes, file: file)
        var record = reader(kind: "session", for: element)
        let id = record.requiredID("id")
        let date = record.date("date", required: true)
        let start = record.time("start", required: true)
        let end = record.time("end", required: true)
        let hours = record.hours("hours", required: true)
        let latitude = record.coordinate("lat", range: -90...90)
        let longitude = record.coordinate("lon", range: -180...180)
        let radius = record.coordinate("radius", range: 0...Double.greatestFiniteMagnitude)
        if let start, let end, end <= start {
            record.error(.sessionTimes, "session ends at \(end), not after its start at \(start)")
        }
        if let id, !record.hasError, let earlier = claimed[id] {
            record.error(.duplicateID, "session id '\(id)' was already read at line \(earlier) in the same class")
        }
        diagnostics += record.diagnostics.withRawText(element.markup)
        guard !record.hasError, let id, let date, let start, let end, let hours else { return nil }
        return ClassSession(
            id: id, date: date, start: start, end: end, hours: hours, latitude: latitude, longitude: longitude,
            radius: radius, source: location(element))
    }

    /// The `ref` of a `<course>` or `<member>` inside a class, or nil after its error is reported.
    private mutating func readReference(_ element: XMLElement, kind: String) -> String? {
        diagnostics += element.unknownAttributeWarnings(known: Self.referenceAttributes, file: file)
        var record = reader(kind: kind, for: element)
        let id = record.requiredID("ref")
        diagnostics += record.diagnostics.withRawText(element.markup)
        return id
    }

    // MARK: - Finishing

    /// Resolves the classes' course references against the courses kept, and hands everything over.
    mutating func finish() -> CatalogDecoding {
        var kept: [TrainingClass] = []
        for (trainingClass, references) in classes {
            var courseIDs: [String] = []
            for reference in references {
                if courseLines[reference.courseID] != nil {
                    courseIDs.append(reference.courseID)
                } else {
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: reference.line, severity: .error, code: .unknownCourse,
                            message: "class lists course '\(reference.courseID)', which is not a usable course of the catalog; the reference is dropped",
                            rawText: reference.rawText))
                }
            }
            guard var trainingClass else { continue }
            trainingClass.courseIDs = courseIDs
            kept.append(trainingClass)
        }
        return CatalogDecoding(
            courses: courses, chapters: chapters, classes: kept, diagnostics: diagnostics, recordsRead: counts)
    }

    // MARK: - Helpers

    private func location(_ element: XMLElement) -> SourceLocation { SourceLocation(file: file, line: element.line) }

    /// A record reader over the element's attributes; its diagnostics get their raw text afterwards.
    private func reader(kind: String, for element: XMLElement) -> RecordReader {
        RecordReader(
            kind: kind, location: location(element), rawText: "", timezone: settings.timezone,
            lookup: { name in element.attribute(name) })
    }

    /// The required `category`, which must be configured in hourbook.yaml (else UNKNOWN-CATEGORY).
    private func checkedCategory(_ record: inout RecordReader) -> String? {
        guard let categoryID = record.requiredText("category") else { return nil }
        guard settings.category(categoryID) != nil else {
            record.error(
                .unknownCategory,
                "\(record.kind) category '\(categoryID)' is not configured; add it to categories in hourbook.yaml or fix the id")
            return nil
        }
        return categoryID
    }
}
