import HourbookCore

/// Reads courses.csv and chapters.csv, the CSV form of the catalog's courses (classes need
/// catalog.xml). Invalid chapters are dropped alone first; then a course whose declared `hours`
/// differs from the sum of its remaining chapters is dropped too (COURSE-HOURS-MISMATCH).
enum CoursesCSVDecoder {
    static let courseColumns = ["course_id", "title", "category", "subject", "author", "producer", "hours"]
    static let chapterColumns = ["chapter_id", "course_id", "title", "duration", "hours"]

    static func decode(
        courses coursesReader: CSVReader, chapters chaptersReader: CSVReader, settings: Settings
    ) throws(InputFailure) -> CatalogDecoding {
        let courseTable = try CSVTable(
            reader: coursesReader, known: courseColumns, required: ["course_id", "title", "category"])
        let chapterTable = try CSVTable(
            reader: chaptersReader, known: chapterColumns, required: ["chapter_id", "course_id", "duration", "hours"])
        let categories = Set(settings.categories.map(\.id))

        var courses: [Course] = []
        var declaredHours: [Hours?] = []
        var rawTexts: [String] = []
        var courseIndex: [String: Int] = [:]
        let (courseDiagnostics, coursesRead) = courseTable.forEachRow(kind: "course", timezone: settings.timezone) { record in
            let id = record.requiredID("course_id")
            let title = record.requiredText("title")
            let category = record.requiredID("category")
            let subject = record.optionalText("subject")
            let author = record.optionalText("author")
            let producer = record.optionalText("producer")
            let hours = record.hours("hours")
            if let category, !categories.contains(category) {
                record.error(.unknownCategory, "course category '\(category)' is not configured in hourbook.yaml")
            }
            guard !record.hasError, let id, let title, let category else { return }
            guard courseIndex[id] == nil else {
                record.error(.duplicateID, "course '\(id)' is already defined earlier; this row is not used")
                return
            }
            courseIndex[id] = courses.count
            courses.append(
                Course(
                    id: id, title: title, categoryID: category, subject: subject, author: author,
                    producer: producer, source: record.location))
            declaredHours.append(hours)
            rawTexts.append(record.rawText)
        }

        var chapters: [Chapter] = []
        var chapterIDs: Set<String> = []
        let (chapterDiagnostics, chaptersRead) = chapterTable.forEachRow(kind: "chapter", timezone: settings.timezone) { record in
            let id = record.requiredID("chapter_id")
            let courseID = record.requiredID("course_id")
            let title = record.optionalText("title")
            let duration = record.milliseconds("duration", required: true)
            let hours = record.hours("hours", required: true)
            if let duration, duration == 0 {
                record.error(.badValue, "chapter field 'duration' is 0; a chapter's video must last more than 0 seconds")
            }
            if let courseID, courseIndex[courseID] == nil {
                record.error(.unknownCourse, "chapter's course '\(courseID)' is not a usable course of courses.csv")
            }
            guard !record.hasError, let id, let courseID, let duration, let hours else { return }
            guard chapterIDs.insert(id).inserted else {
                record.error(.duplicateID, "chapter '\(id)' is already defined earlier in the catalog; this row is not used")
                return
            }
            chapters.append(
                Chapter(id: id, courseID: courseID, title: title, durationMilliseconds: duration, hours: hours,
                    source: record.location))
            let course = courseIndex[courseID]!
            courses[course].chapterIDs.append(id)
            courses[course].hours += hours
        }

        var diagnostics = courseDiagnostics + chapterDiagnostics
        var dropped: Set<String> = []
        for (index, course) in courses.enumerated() {
            guard let declared = declaredHours[index], declared != course.hours else { continue }
            dropped.insert(course.id)
            diagnostics.append(
                Diagnostic(
                    file: course.source.file, line: course.source.line, severity: .error, code: .courseHoursMismatch,
                    message: "course '\(course.id)' declares \(declared) hours but its chapters add up to \(course.hours); the course and its \(course.chapterIDs.count) chapters are not used",
                    rawText: rawTexts[index]))
        }
        return CatalogDecoding(
            courses: courses.filter { !dropped.contains($0.id) },
            chapters: chapters.filter { !dropped.contains($0.courseID) },
            classes: [],
            diagnostics: diagnostics,
            recordsRead: ["courses": coursesRead, "chapters": chaptersRead])
    }
}
