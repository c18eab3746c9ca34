import HourbookCore

/// Reads one checkins/*.csv file (培训签到). References are the rules' business (C-UNKNOWN-…);
/// ids must be unique across all check-in files, so the seen ids are carried from file to file.
///
/// An ordinary row is read straight from the reader's bytes (`fastCheckin`); any other row goes
/// through `RecordReader`, which words the diagnostics. Every row through `RecordReader` cost
/// 3.8 µs (field Strings, name lookups, closures): 13 % of the import's CPU for the benchmark's
/// 1 million check-ins (perf, 100,000 learners).
enum CheckinsDecoder {
    static let columns = ["checkin_id", "learner_id", "class_id", "session_id", "at", "method", "lat", "lon"]
    static let required = Array(columns.prefix(6))

    static func decode(
        _ reader: CSVReader, settings: Settings, seenIDs: inout CheckinIDs
    ) throws(InputFailure) -> Decoded<Checkin> {
        let table = try CSVTable(reader: reader, known: columns, required: required)
        let column = required.map { table.index(of: $0)! }
        let latitudeColumn = table.index(of: "lat")
        let longitudeColumn = table.index(of: "lon")
        var decoded = Decoded<Checkin>(diagnostics: table.headerDiagnostics)
        while reader.next() {
            decoded.recordsRead += 1
            if let problem = table.rowProblem() {
                decoded.diagnostics.append(problem)
                continue
            }
            if let checkin = fastCheckin(
                reader, columns: column, latitudeColumn: latitudeColumn, longitudeColumn: longitudeColumn,
                timezone: settings.timezone, seenIDs: &seenIDs)
            {
                decoded.records.append(checkin)
                continue
            }
            var record = table.makeRecordReader(kind: "check-in", timezone: settings.timezone)
            if let checkin = slowCheckin(&record, seenIDs: &seenIDs) { decoded.records.append(checkin) }
            decoded.diagnostics += record.diagnostics
        }
        return decoded
    }

    /// The row straight from bytes, or nil when anything is unusual (white space that is not
    /// ASCII at an edge, an id over 64 bytes, any value the rules would refuse, an id seen
    /// before): `slowCheckin` then reads it again and words what is wrong.
    private static func fastCheckin(
        _ reader: CSVReader, columns: [Int], latitudeColumn: Int?, longitudeColumn: Int?, timezone: UTCOffset,
        seenIDs: inout CheckinIDs
    ) -> Checkin? {
        @inline(__always) func id(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
            guard let value = PlaybackFileParser.trimmedASCII(reader.field(columns[index])), !value.isEmpty,
                value.count <= 64
            else { return nil }
            return value
        }
        guard let checkinID = id(0), let learner = id(1), let classID = id(2), let session = id(3),
            let atText = id(4), let at = PlaybackFastParsing.timestamp(atText, defaultOffset: timezone),
            let methodText = id(5), let method = Self.method(methodText),
            let latitude = coordinate(reader, column: latitudeColumn, range: -90...90),
            let longitude = coordinate(reader, column: longitudeColumn, range: -180...180),
            seenIDs.insert(checkinID)
        else { return nil }
        return Checkin(
            id: String(decoding: checkinID, as: UTF8.self), learnerID: String(decoding: learner, as: UTF8.self),
            classID: String(decoding: classID, as: UTF8.self), sessionID: String(decoding: session, as: UTF8.self),
            at: Timestamp(millisecondsSinceEpoch: at), method: method, latitude: latitude,
            longitude: longitude, source: SourceLocation(file: reader.file, line: reader.line))
    }

    /// A `CheckinMethod` spelled in ASCII, ignoring case (anything else is the slow path's).
    private static func method(_ bytes: UnsafeBufferPointer<UInt8>) -> CheckinMethod? {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        return CheckinMethod.allCases.first { method in
            method.rawValue.utf8.count == bytes.count && zip(method.rawValue.utf8, bytes).allSatisfy { $0 == lower($1) }
        }
    }

    /// An optional coordinate as `RecordReader.coordinate` reads it: `.some(nil)` when the column
    /// is absent or the field empty, nil when the slow path must look (non-ASCII at an edge, or a
    /// value it refuses).
    private static func coordinate(_ reader: CSVReader, column: Int?, range: ClosedRange<Double>) -> Double?? {
        guard let column else { return .some(nil) }
        guard let text = PlaybackFileParser.trimmedASCII(reader.field(column)) else { return nil }
        if text.isEmpty { return .some(nil) }
        guard FixedPoint.parse(text, fractionDigits: 15, truncatingExtraDigits: true, allowsNegative: true) != nil,
            let number = Double(String(decoding: text, as: UTF8.self)), number.isFinite, range.contains(number)
        else { return nil }
        return number
    }

    /// The row through `RecordReader`, with every diagnostic worded there.
    private static func slowCheckin(_ record: inout RecordReader, seenIDs: inout CheckinIDs) -> Checkin? {
        let id = record.requiredID("checkin_id")
        let learner = record.requiredID("learner_id")
        let classID = record.requiredID("class_id")
        let session = record.requiredID("session_id")
        let at = record.timestamp("at", required: true)
        let method = record.enumeration("method", as: CheckinMethod.self, required: true)
        let latitude = record.coordinate("lat", range: -90...90)
        let longitude = record.coordinate("lon", range: -180...180)
        guard !record.hasError, let id, let learner, let classID, let session, let at, let method else { return nil }
        guard seenIDs.insert(id) else {
            record.error(.duplicateID, "check-in '\(id)' is already defined earlier; this row is not used")
            return nil
        }
        return Checkin(
            id: id, learnerID: learner, classID: classID, sessionID: session, at: at, method: method,
            latitude: latitude, longitude: longitude, source: record.location)
    }
}

/// The check-in ids read so far. While every id is ASCII, they are kept by their bytes (a
/// `Set<String>` hashed a String per row with SipHash; the byte-keyed cache compares two words).
/// Strings compare by canonical equivalence, though (the Kelvin sign `\u{212A}` is the letter K),
/// which bytes do not: from the first id that is not ASCII on, every id goes to a `Set<String>`.
struct CheckinIDs {
    private var cache = ByteInternerCache()
    /// The ASCII ids, by their bytes (to fill `strings` when needed).
    private var asciiIDs = ByteIDs()
    /// Every id, once any was not ASCII.
    private var strings: Set<String>?

    /// Adds `id`; false when it was already there.
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        guard strings == nil, id.allSatisfy({ $0 < 0x80 }) else { return insert(String(decoding: id, as: UTF8.self)) }
        let before = asciiIDs.count
        _ = cache.key(id, in: &asciiIDs)
        return asciiIDs.count > before
    }

    mutating func insert(_ id: String) -> Bool {
        if strings == nil {
            var id = id
            if id.utf8.allSatisfy({ $0 < 0x80 }) { return id.withUTF8 { insert($0) } }
            strings = Set((0..<asciiIDs.count).map { asciiIDs[Int32($0)] })
        }
        return strings!.insert(id).inserted
    }
}
