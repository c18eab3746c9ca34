/// Hands out small integer keys for repeated strings (the learner, course, chapter and rate
/// texts of 10 million playback rows), so rows stay a few dozen bytes.
public struct Interner: Sendable {
    public private(set) var strings: [String] = []
    /// text → key for the first `indexed` strings. Strings added by `appendNew` (whose caller
    /// guarantees they are new) are indexed only when `key` is next called: the import's
    /// byte-keyed caches already know every id, and building this dictionary for 4 million
    /// session ids (now `ByteIDs`) cost 15 % of the import's CPU (perf, 10 million rows).
    private var keys: [String: Int32] = [:]
    private var indexed = 0

    public init() {}

    /// The key of `text`, assigning the next one if new.
    public mutating func key(_ text: String) -> Int32 {
        while indexed < strings.count {
            keys[strings[indexed]] = Int32(indexed)
            indexed += 1
        }
        if let key = keys[text] { return key }
        let key = Int32(strings.count)
        strings.append(text)
        keys[text] = key
        indexed += 1
        return key
    }

    /// Assigns the next key to `text`, which the caller knows was never interned.
    public mutating func appendNew(_ text: String) -> Int32 {
        strings.append(text)
        return Int32(strings.count - 1)
    }

    /// The key of `text` if it was ever interned.
    public func existingKey(_ text: String) -> Int32? {
        if let key = keys[text] { return key }
        return strings[indexed...].firstIndex(of: text).map { Int32($0) }
    }

    public subscript(key: Int32) -> String { strings[Int(key)] }

    public var count: Int { strings.count }
}

/// Ids kept as UTF-8 bytes back to back, numbered in the order appended: the player-session ids
/// of one playback file, handed by the worker that parsed it to the merge, which numbers them for
/// the whole log. As `Interner` strings, the benchmark's 4.5 million 16-byte session ids were a
/// heap-allocated String each; here they cost their bytes and an end offset. Whoever appends
/// keeps the ids distinct (the import's byte-keyed cache).
public struct ByteIDs: Sendable {
    private var bytes: [UInt8] = []
    /// Where each id ends in `bytes`.
    private var ends: [Int] = []

    public init() {}

    /// Appends `id`, which the caller knows is not here yet, and returns its key.
    public mutating func append(_ id: UnsafeBufferPointer<UInt8>) -> Int32 {
        bytes.append(contentsOf: id)
        ends.append(bytes.count)
        return Int32(ends.count - 1)
    }

    /// Empties the list, keeping its memory for the next file's ids.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// The bytes of the id with `key`, for the time of `body`.
    public func withBytes<Result>(of key: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let start = key == 0 ? 0 : ends[key - 1]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[key]])) }
    }

    public subscript(key: Int32) -> String { withBytes(of: Int(key)) { String(decoding: $0, as: UTF8.self) } }

    public var count: Int { ends.count }
}

/// The client a playback row came from.
public enum PlaybackClient: UInt8, Sendable, Hashable {
    case unknown = 0
    case pc = 1
    case app = 2
}

/// One continuous stretch of video playback, as the player reports it (学习记录).
/// Ids are keys into the owning `PlaybackLog`'s interners.
public struct PlaybackRow: Hashable, Sendable {
    public var eventID: String
    public var learner: Int32
    public var course: Int32
    public var chapter: Int32
    /// The player session's key. Its id is not kept: nothing reads it but for the equality of
    /// keys (P-CONCURRENT, duplicate rows), and 4.5 million ids were 0.1 GB of the peak.
    public var session: Int32
    public var startedAt: Int64
    public var endedAt: Int64
    /// Position in the video, milliseconds.
    public var positionFrom: Int64
    public var positionTo: Int64
    /// Playback speed: a key into the owning `PlaybackLog.rates` (absent means 1).
    public var rate: Int32
    public var client: PlaybackClient
    /// Index into `PlaybackLog.files`.
    public var file: Int32
    public var line: Int32

    public init(
        eventID: String, learner: Int32, course: Int32, chapter: Int32, session: Int32, startedAt: Int64,
        endedAt: Int64, positionFrom: Int64, positionTo: Int64, rate: Int32, client: PlaybackClient = .unknown,
        file: Int32, line: Int32
    ) {
        self.eventID = eventID
        self.learner = learner
        self.course = course
        self.chapter = chapter
        self.session = session
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.positionFrom = positionFrom
        self.positionTo = positionTo
        self.rate = rate
        self.client = client
        self.file = file
        self.line = line
    }

    /// Whether two rows carry the same values in every contract field but their source
    /// (an exact duplicate, as when a month is exported twice).
    public func hasSameValues(as other: PlaybackRow) -> Bool {
        eventID == other.eventID && learner == other.learner && course == other.course
            && chapter == other.chapter && session == other.session && startedAt == other.startedAt
            && endedAt == other.endedAt && positionFrom == other.positionFrom && positionTo == other.positionTo
            && rate == other.rate && client == other.client
    }
}

/// Every usable playback row, after de-duplication by event_id, with the interned ids.
public struct PlaybackLog: Sendable {
    public var rows: [PlaybackRow] = []
    public var learners = Interner()
    public var courses = Interner()
    public var chapters = Interner()
    /// Every distinct rate, as `PlaybackRate`'s normalized text (`1`, `1.25`, `1.20000004768`):
    /// equal values share a key, so a duplicate is judged on values, not on how they were written.
    public var rates = Interner()
    /// Playback files in the order read, relative to the data folder.
    public var files: [String] = []

    public init() {}

    /// The exact value of each key of `rates`.
    public func rateValues() -> [PlaybackRate] {
        rates.strings.map { PlaybackRate(parsing: $0) ?? .one }
    }

    public func location(of row: PlaybackRow) -> SourceLocation {
        SourceLocation(file: files[Int(row.file)], line: Int(row.line))
    }
}
