import HourbookCore

/// Parses one playback file into a `PlaybackBatch`, reading it once: the reader checks UTF-8
/// chunk by chunk as it parses, and only a file that turns out not to be UTF-8 is read again
/// (whole, transcoded from GB18030). One parser per worker thread; its interners persist across
/// the files that worker reads, so each id's bytes become a String once per worker (session ids,
/// which are per file, stay bytes: `PlaybackBatch.sessions`).
///
/// This is the hot path (10 million rows): fields are parsed straight from the reader's bytes and
/// ids are interned; only a row that fails the fast path goes through `RecordReader` for its messages.
struct PlaybackFileParser {
    let settings: Settings
    private var learnerKeys = ByteInternerCache()
    private var courseKeys = ByteInternerCache()
    private var chapterKeys = ByteInternerCache()
    private var sessionKeys = ByteInternerCache()
    private var rateKeys = ByteInternerCache()
    /// The normalized text of the rate being read (reused: no allocation per row).
    private var rateText: [UInt8] = []
    private var lastDate = PlaybackFastParsing.LastDate()
    private var learners = Interner()
    private var courses = Interner()
    private var chapters = Interner()
    /// Normalized rate texts (`PlaybackRate`): a handful in a real export.
    private var rates = Interner()
    /// The batch being filled.
    private var batch = PlaybackBatch(file: "", path: "")

    init(settings: Settings) { self.settings = settings }

    /// The file at `path` (`name` relative to the data folder), or the failure that stops the import.
    /// `recycled` is a merged batch whose memory can be filled again; it is taken (moved, so its
    /// arrays stay uniquely referenced and `reset` keeps them instead of copying).
    mutating func parse(
        path: String, name: String, recycled: inout PlaybackBatch?
    ) -> Result<PlaybackBatch, InputFailure> {
        if var spare = recycled.take() { swap(&batch, &spare) }
        let counts = [learners.count, courses.count, chapters.count, rates.count]
        let result: Result<PlaybackBatch, InputFailure>
        do throws(InputFailure) {
            try parseOnce(path: path, name: name)
            // Hand the batch over without keeping a reference, so it can come back unshared.
            var parsed = PlaybackBatch(file: "", path: "")
            swap(&parsed, &batch)
            result = .success(parsed)
        } catch {
            result = .failure(error)
        }
        guard case .success(var parsed) = result else { return result }
        for (kind, interner) in [learners, courses, chapters, rates].enumerated() {
            parsed.newStrings[kind] = Array(interner.strings[counts[kind]...])
        }
        return .success(parsed)
    }

    private mutating func parseOnce(path: String, name: String) throws(InputFailure) {
        let reader = try CSVReader(path: path, file: name, validatingUTF8: true)
        start(file: name, path: path)
        do throws(InputFailure) {
            try decode(reader)
            reader.drain()
            if reader.isValidUTF8 { return }
        } catch {
            // Which failure wins depends on the whole file's encoding, as when it was checked first.
            reader.drain()
            if reader.isValidUTF8 { throw error }
        }
        // Not UTF-8: start over on the transcoded bytes (or fail as `TextDecoding` says).
        let decoded = try TextDecoding.decode(try InputFile(path: path, name: name).readAll(), file: name)
        start(file: name, path: path)
        batch.transcoded = decoded.utf8
        if decoded.wasGB18030 {
            note(
                Diagnostic(
                    file: name, line: 0, severity: .info, code: .encodingGB18030,
                    message: "the file is not UTF-8 but GB18030 (as Excel saves on Chinese Windows) and was read as such"))
        }
        try decode(CSVReader(bytes: decoded.utf8, file: name))
    }

    /// Empties the batch for a reading of a file. Player sessions rarely outlive a monthly file, so
    /// their ids are keyed per file (4 million sessions cost two 128 MB caches across files): a
    /// session seen again in a later file is interned again there, and the merge maps both to one
    /// global key. The cache keeps its size, already right for the next month.
    private mutating func start(file: String, path: String) {
        batch.reset(file: file, path: path)
        sessionKeys.removeAll()
    }

    private mutating func note(_ diagnostic: Diagnostic) {
        batch.diagnostics.append((batch.rows.count, diagnostic))
    }

    private mutating func decode(_ reader: CSVReader) throws(InputFailure) {
        let table = try CSVTable(reader: reader, known: PlaybackDecoder.columns, required: PlaybackDecoder.required)
        for diagnostic in table.headerDiagnostics { note(diagnostic) }
        let column = PlaybackDecoder.required.map { table.index(of: $0)! }
        let rateColumn = table.index(of: "rate")
        let clientColumn = table.index(of: "client")

        while reader.next() {
            batch.recordsRead += 1
            if let problem = table.rowProblem() {
                note(problem)
                continue
            }
            let line = Int32(clamping: reader.line)
            var row: PlaybackRow
            var hash: UInt64 = 0
            if let fast = fastRow(reader, columns: column, rateColumn: rateColumn, line: line, eventHash: &hash) {
                row = fast
            } else if let values = slowValues(table: table, reader: reader) {
                row = PlaybackRow(
                    eventID: values.eventID, learner: learnerKeys.key(values.learner, in: &learners),
                    course: courseKeys.key(values.course, in: &courses),
                    chapter: chapterKeys.key(values.chapter, in: &chapters),
                    session: sessionKeys.key(values.session, in: &batch.sessions), startedAt: values.startedAt, endedAt: values.endedAt,
                    positionFrom: values.positionFrom, positionTo: values.positionTo,
                    rate: rateKey(text: values.rate), file: 0, line: line)
                hash = EventIndex.hash(values.eventID)
            } else {
                continue
            }
            // client is optional and not read by the rules: a bad one is a warning.
            if let clientColumn {
                row.client = clientValue(reader, column: clientColumn, learnerColumn: column[1])
            }
            batch.rows.append(row)
            batch.hashes.append(UInt32(truncatingIfNeeded: hash))
            batch.ranges.append(reader.recordRange)
        }
    }

    /// The row straight from bytes, or nil when anything is unusual (the slow path then decides).
    private mutating func fastRow(
        _ reader: CSVReader, columns: [Int], rateColumn: Int?, line: Int32, eventHash: inout UInt64
    ) -> PlaybackRow? {
        @inline(__always) func field(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
            guard let value = Self.trimmedASCII(reader.field(columns[index])), !value.isEmpty, value.count <= 64
            else { return nil }
            return value
        }
        let timezone = settings.timezone
        guard let eventID = field(0), let learner = field(1), let course = field(2), let chapter = field(3),
            let session = field(4), let startedText = field(5), let endedText = field(6), let fromText = field(7),
            let toText = field(8),
            let started = PlaybackFastParsing.timestamp(startedText, defaultOffset: timezone, lastDate: &lastDate),
            let ended = PlaybackFastParsing.timestamp(endedText, defaultOffset: timezone, lastDate: &lastDate),
            let from = PlaybackFastParsing.milliseconds(fromText),
            let to = PlaybackFastParsing.milliseconds(toText)
        else { return nil }
        var rateBytes: UnsafeBufferPointer<UInt8>? = nil
        if let rateColumn {
            guard let text = Self.trimmedASCII(reader.field(rateColumn)) else { return nil }
            if !text.isEmpty { rateBytes = text }
        }
        guard let rate = rateKey(rateBytes) else { return nil }
        eventHash = EventIndex.hash(eventID)
        return PlaybackRow(
            eventID: String(decoding: eventID, as: UTF8.self),
            learner: learnerKeys.key(learner, in: &learners), course: courseKeys.key(course, in: &courses),
            chapter: chapterKeys.key(chapter, in: &chapters), session: sessionKeys.key(session, in: &batch.sessions),
            startedAt: started, endedAt: ended, positionFrom: from, positionTo: to, rate: rate, file: 0, line: line)
    }

    /// The contract values of one row, with its ids still as text.
    struct Values {
        var eventID: String
        var learner: String
        var course: String
        var chapter: String
        var session: String
        var startedAt: Int64
        var endedAt: Int64
        var positionFrom: Int64
        var positionTo: Int64
        /// `PlaybackRate`'s normalized text.
        var rate: String
    }

    /// The row read through `RecordReader`, which trims every kind of white space and words the errors.
    private mutating func slowValues(table: CSVTable, reader: CSVReader) -> Values? {
        var record = table.makeRecordReader(kind: "playback row", timezone: settings.timezone)
        let eventID = record.requiredID("event_id")
        let learner = record.requiredID("learner_id")
        let course = record.requiredID("course_id")
        let chapter = record.requiredID("chapter_id")
        let session = record.requiredID("session_id")
        let started = record.timestamp("started_at", required: true)
        let ended = record.timestamp("ended_at", required: true)
        let from = record.milliseconds("pos_from", required: true)
        let to = record.milliseconds("pos_to", required: true)
        var rate = PlaybackRate.one
        if let text = record.value("rate") {
            if let parsed = PlaybackRate(parsing: text.utf8) {
                rate = parsed
            } else {
                let problem = text.contains(where: { $0 == "e" || $0 == "E" }) ? ", without an exponent" : ""
                record.error(
                    .badValue,
                    "playback row field 'rate' has '\(text)', which is not a playback speed (a plain decimal\(problem), e.g. 1.25)")
            }
        }
        for diagnostic in record.diagnostics { note(diagnostic) }
        guard !record.hasError, let eventID, let learner, let course, let chapter, let session, let started, let ended,
            let from, let to
        else { return nil }
        return Values(
            eventID: eventID, learner: learner, course: course, chapter: chapter, session: session,
            startedAt: started.millisecondsSinceEpoch, endedAt: ended.millisecondsSinceEpoch, positionFrom: from,
            positionTo: to, rate: rate.description)
    }

    /// The key of a rate's normalized text (nil bytes: the default rate 1), or nil if the bytes
    /// spell no rate (the slow path then words the error).
    private mutating func rateKey(_ bytes: UnsafeBufferPointer<UInt8>?) -> Int32? {
        guard let bytes else { return rateKey(text: "1") }
        guard PlaybackRate.normalize(bytes, into: &rateText) else { return nil }
        return rateText.withUnsafeBufferPointer { rateKeys.key($0, in: &rates) }
    }

    private mutating func rateKey(text: String) -> Int32 { rateKeys.key(text, in: &rates) }

    private mutating func clientValue(_ reader: CSVReader, column: Int, learnerColumn: Int) -> PlaybackClient {
        let text: String
        if let bytes = Self.trimmedASCII(reader.field(column)) {
            if bytes.isEmpty { return .unknown }
            if let client = Self.client(bytes) { return client }
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            text = Text.trimmed(reader.string(column))
            if text.isEmpty { return .unknown }
            if let client = PlaybackClient.named(text.lowercased()) { return client }
        }
        note(
            Diagnostic(
                file: reader.file, line: reader.line, severity: .warning, code: .badOptionalValue,
                message: "playback row field 'client' has '\(text)', which is not one of pc, app; it is ignored",
                rawText: reader.rawText, subject: DiagnosticSubject(learnerID: Text.trimmed(reader.string(learnerColumn)))))
        return .unknown
    }

    /// Trims ASCII white space; nil when a non-ASCII byte sits at an edge (it may be Unicode white space).
    @inline(__always)
    static func trimmedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var start = 0
        var end = bytes.count
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        if start < end, bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 { return nil }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// `pc` or `app`, ignoring ASCII case, without making a String.
    static func client(_ bytes: UnsafeBufferPointer<UInt8>) -> PlaybackClient? {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        if bytes.count == 2, lower(bytes[0]) == 0x70, lower(bytes[1]) == 0x63 { return .pc }
        if bytes.count == 3, lower(bytes[0]) == 0x61, lower(bytes[1]) == 0x70, lower(bytes[2]) == 0x70 { return .app }
        return nil
    }
}
