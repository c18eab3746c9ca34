import HourbookCore

/// Reads playback/*.csv (学习记录) into a `PlaybackLog`, de-duplicating by event_id across all
/// files: a row repeating a known event_id with the same values is dropped and counted, one with
/// different values is a PLAYBACK-CONFLICT error; a row that is itself an error claims no event_id.
///
/// This is the hot path (10 million rows): fields are parsed straight from the reader's bytes and
/// ids are interned; only a row that fails the fast path goes through `RecordReader` for its messages.
struct PlaybackDecoder {
    static let columns = [
        "event_id", "learner_id", "course_id", "chapter_id", "session_id", "started_at", "ended_at", "pos_from",
        "pos_to", "rate", "client",
    ]
    static let required = Array(columns.prefix(9))

    let settings: Settings
    private(set) var log = PlaybackLog()
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var recordsRead = 0
    private(set) var exactDuplicatesDropped = 0
    private var events = EventIndex()
    private var learnerKeys = ByteInternerCache()
    private var courseKeys = ByteInternerCache()
    private var chapterKeys = ByteInternerCache()
    private var sessionKeys = ByteInternerCache()

    init(settings: Settings) { self.settings = settings }

    /// Reserves room for the rows of `totalBytes` of playback files, read before the first file:
    /// growing a 10-million-row array by doubling would hold old and new copies at once (2+ GB);
    /// pages reserved but never touched cost no memory.
    mutating func reserve(totalBytes: Int) {
        let rows = totalBytes / 64 + 1024
        log.rows.reserveCapacity(rows)
        events.reserve(rows)
    }

    /// Reads one playback file; files must be given in reading order.
    mutating func decode(_ reader: CSVReader) throws(InputFailure) {
        let table = try CSVTable(reader: reader, known: Self.columns, required: Self.required)
        diagnostics += table.headerDiagnostics
        let fileIndex = Int32(log.files.count)
        log.files.append(reader.file)
        let column = Self.required.map { table.index(of: $0)! }
        let rateColumn = table.index(of: "rate")
        let clientColumn = table.index(of: "client")

        while reader.next() {
            recordsRead += 1
            if let problem = table.rowProblem() {
                diagnostics.append(problem)
                continue
            }
            let line = Int32(clamping: reader.line)
            var row: PlaybackRow
            if let fast = fastRow(reader, columns: column, rateColumn: rateColumn, file: fileIndex, line: line) {
                row = fast
            } else if let values = slowValues(table: table, reader: reader) {
                row = PlaybackRow(
                    eventID: values.eventID, learner: log.learners.key(values.learner),
                    course: log.courses.key(values.course), chapter: log.chapters.key(values.chapter),
                    session: log.sessions.key(values.session), startedAt: values.startedAt, endedAt: values.endedAt,
                    positionFrom: values.positionFrom, positionTo: values.positionTo, rate: values.rate,
                    file: fileIndex, line: line)
            } else {
                continue
            }
            // client is optional and not read by the rules: a bad one is a warning.
            if let clientColumn {
                row.client = clientValue(reader, column: clientColumn)
            }
            add(row, reader: reader)
        }
    }

    /// The row straight from bytes, or nil when anything is unusual (the slow path then decides).
    private mutating func fastRow(
        _ reader: CSVReader, columns: [Int], rateColumn: Int?, file: Int32, line: Int32
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
            let started = PlaybackFastParsing.timestamp(startedText, defaultOffset: timezone),
            let ended = PlaybackFastParsing.timestamp(endedText, defaultOffset: timezone),
            let from = PlaybackFastParsing.decimal(fromText, fractionDigits: 3, allowsNegative: false),
            let to = PlaybackFastParsing.decimal(toText, fractionDigits: 3, allowsNegative: false)
        else { return nil }
        var rate = Settings.rateScale
        if let rateColumn {
            guard let text = Self.trimmedASCII(reader.field(rateColumn)) else { return nil }
            if !text.isEmpty {
                guard
                    let parsed = PlaybackFastParsing.decimal(
                        text, fractionDigits: Settings.rateFractionDigits, allowsNegative: true)
                else { return nil }
                rate = parsed
            }
        }
        return PlaybackRow(
            eventID: String(decoding: eventID, as: UTF8.self),
            learner: learnerKeys.key(learner, in: &log.learners), course: courseKeys.key(course, in: &log.courses),
            chapter: chapterKeys.key(chapter, in: &log.chapters), session: sessionKeys.key(session, in: &log.sessions),
            startedAt: started, endedAt: ended, positionFrom: from, positionTo: to, rate: rate, file: file, line: line)
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
        var rate: Int64
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
        var rate = Settings.rateScale
        if let text = record.value("rate") {
            if let parsed = FixedPoint.parse(text, fractionDigits: Settings.rateFractionDigits, allowsNegative: true) {
                rate = parsed
            } else {
                record.error(.badValue, "playback row field 'rate' has '\(text)', which is not a decimal playback speed (at most six decimals)")
            }
        }
        diagnostics += record.diagnostics
        guard !record.hasError, let eventID, let learner, let course, let chapter, let session, let started, let ended,
            let from, let to
        else { return nil }
        return Values(
            eventID: eventID, learner: learner, course: course, chapter: chapter, session: session,
            startedAt: started.millisecondsSinceEpoch, endedAt: ended.millisecondsSinceEpoch, positionFrom: from,
            positionTo: to, rate: rate)
    }

    private mutating func clientValue(_ reader: CSVReader, column: Int) -> PlaybackClient {
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
        diagnostics.append(
            Diagnostic(
                file: reader.file, line: reader.line, severity: .warning, code: .badOptionalValue,
                message: "playback row field 'client' has '\(text)', which is not one of pc, app; it is ignored",
                rawText: reader.rawText))
        return .unknown
    }

    private mutating func add(_ row: PlaybackRow, reader: CSVReader) {
        let hash = EventIndex.hash(row.eventID)
        if let existing = events.find(hash: hash, eventID: row.eventID, rows: log.rows) {
            let earlier = log.rows[existing]
            if earlier.hasSameValues(as: row) {
                exactDuplicatesDropped += 1
            } else {
                let location = log.location(of: earlier)
                diagnostics.append(
                    Diagnostic(
                        file: reader.file, line: reader.line, severity: .error, code: .playbackConflict,
                        message: "event_id '\(row.eventID)' was already read at \(location) with different values; this row is not used",
                        rawText: reader.rawText))
            }
            return
        }
        events.insert(hash: hash, row: log.rows.count)
        log.rows.append(row)
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

extension PlaybackClient {
    /// The client named by lower-case text.
    static func named(_ text: String) -> PlaybackClient? {
        switch text {
        case "pc": .pc
        case "app": .app
        default: nil
        }
    }
}

/// event_id → row index, as an open-addressing table of (32-bit hash tag, row index) pairs: about
/// 8 bytes a slot instead of a `Dictionary<String, Int>` entry, with every hit verified against
/// the row's own event_id so a hash collision can never merge two events.
struct EventIndex {
    private var slots: [UInt64] = Array(repeating: 0, count: 1 << 16)
    private var count = 0

    /// Sizes the table for `expected` ids at most 70 % full.
    mutating func reserve(_ expected: Int) {
        var size = slots.count
        while expected * 10 > size * 7 { size *= 2 }
        guard size > slots.count else { return }
        let old = slots
        slots = Array(repeating: 0, count: size)
        for entry in old where entry != 0 { place(entry) }
    }

    /// A 32-bit hash of the id: the slot tag and the start of its probe.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        // MurmurHash3's finaliser spreads FNV's weak high bits.
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash & 0xFFFF_FFFF
    }

    func find(hash: UInt64, eventID: String, rows: [PlaybackRow]) -> Int? {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == hash {
                let row = Int(entry & 0xFFFF_FFFF) - 1
                if rows[row].eventID == eventID { return row }
            }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(hash: UInt64, row: Int) {
        if (count + 1) * 10 > slots.count * 7 {
            let old = slots
            slots = Array(repeating: 0, count: old.count * 2)
            for entry in old where entry != 0 { place(entry) }
        }
        place(hash << 32 | UInt64(row + 1))
        count += 1
    }

    private mutating func place(_ entry: UInt64) {
        let mask = slots.count - 1
        var slot = Int(entry >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }
}
