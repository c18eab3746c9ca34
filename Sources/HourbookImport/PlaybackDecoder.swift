import HourbookCore

/// Reads playback/*.csv (学习记录) into a `PlaybackLog`, de-duplicating by event_id across all
/// files: a row repeating a known event_id with the same values is dropped and counted, one with
/// different values is a PLAYBACK-CONFLICT error; a row that is itself an error claims no event_id.
///
/// The files are parsed on worker threads (`PlaybackFileParser`, `PlaybackPipeline`); this is the
/// sequential merge of their batches in file order, which is what makes "already read" mean
/// "in an earlier file, or earlier in this one".
struct PlaybackDecoder {
    static let columns = [
        "event_id", "learner_id", "course_id", "chapter_id", "session_id", "started_at", "ended_at", "pos_from",
        "pos_to", "rate", "client",
    ]
    static let required = Array(columns.prefix(9))
    /// Kinds of a row's ids interned per worker: learner, course, chapter, rate (sessions are per file).
    static let kinds = 4

    let settings: Settings
    private(set) var log = PlaybackLog()
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var recordsRead = 0
    private(set) var exactDuplicatesDropped = 0
    private var events = EventIndex()
    /// Keeps `EventIndex.touch`'s loads alive.
    private var touched: UInt64 = 0
    /// Per worker and interner (learner, course, chapter, rate): the worker's strings, and
    /// their global keys once a merged row used them (-1 before). Mapped lazily, on first use, so
    /// the global keys come out in the order a one-thread reader would have assigned them.
    private var workerStrings: [[[String]]] = []
    private var workerKeys: [[[Int32]]] = []
    /// The global interners' byte-keyed fronts (an id met by both workers is one key).
    private var globalCaches = [ByteInternerCache](repeating: ByteInternerCache(), count: Self.kinds)
    private var sessionCache = ByteInternerCache()
    /// Numbers the session ids new to `sessionCache`, which keeps their bytes for its look-ups:
    /// nothing after the import reads a session id, so the log keeps only the keys.
    private var sessionNumbers = SessionNumbers()
    /// The global key of each session id of the batch being merged, by its key in the batch.
    private var sessionKeys: [Int32] = []
    /// The playback files' size, from `reserve`.
    private var totalBytes = 0

    init(settings: Settings) { self.settings = settings }

    /// Reserves room for the rows of `totalBytes` of playback files, read before the first file:
    /// growing a 10-million-row array by doubling would hold old and new copies at once (2+ GB);
    /// pages reserved but never touched cost no memory.
    mutating func reserve(totalBytes: Int) {
        let rows = totalBytes / 64 + 1024
        log.rows.reserveCapacity(rows)
        // The index is written whole when made, so it is sized for the rows a typical export
        // holds (about 130 bytes a row in the benchmark), not for the worst case: 128 MB instead
        // of 256 MB for 10 million rows. Shorter rows only make it grow once more.
        events.reserve(totalBytes / 110 + 1024)
        self.totalBytes = totalBytes
    }

    /// Merges the batch of the next file in reading order, parsed by worker `worker`.
    mutating func merge(_ batch: PlaybackBatch, worker: Int) {
        while workerStrings.count <= worker {
            workerStrings.append(Array(repeating: [], count: Self.kinds))
            workerKeys.append(Array(repeating: [], count: Self.kinds))
        }
        for kind in 0..<Self.kinds {
            workerStrings[worker][kind] += batch.newStrings[kind]
            if batch.transcoded == nil {
                // The ids new to the worker in this file are in the order of their first use in it,
                // so interning them here, in one tight loop whose cache misses overlap, assigns the
                // same keys as on first use (6.8 % of the import's CPU went to these probes one at
                // a time). A transcoded file's list may hold ids of its discarded first reading.
                for text in batch.newStrings[kind] { workerKeys[worker][kind].append(intern(text, kind: kind)) }
            } else {
                workerKeys[worker][kind] += repeatElement(-1, count: batch.newStrings[kind].count)
            }
        }
        if log.files.isEmpty, let fileBytes = batch.ranges.last?.upperBound, fileBytes > 0 {
            // Sessions rarely outlive a file, so the first file's share of them, scaled to all
            // the files' bytes, sizes the global table: grown by doubling to 8 million slots
            // (256 MB), it zeroed and filled 255 MB of smaller tables on the way (2.3 % of
            // validate's CPU, 100,000 learners). Never more than one slot per row.
            let expected = batch.sessions.count * (totalBytes / fileBytes + 1)
            sessionCache.reserve(min(expected, totalBytes / 64))
        }
        // The file's session ids are listed in the order of their first use in it, so interning
        // them all here gives the keys first use would.
        sessionKeys.removeAll(keepingCapacity: true)
        sessionCache.appendKeys(of: batch.sessions, to: &sessionKeys, in: &sessionNumbers)
        let fileIndex = Int32(log.files.count)
        log.files.append(batch.file)
        recordsRead += batch.recordsRead
        var pending = 0
        let touchAhead = 32
        for index in batch.rows.indices {
            if index % touchAhead == 0 {
                let end = min(index + touchAhead, batch.hashes.count)
                touched &+= batch.hashes[index..<end].withUnsafeBufferPointer { events.touch($0) }
            }
            while pending < batch.diagnostics.count, batch.diagnostics[pending].beforeRow <= index {
                diagnostics.append(batch.diagnostics[pending].diagnostic)
                pending += 1
            }
            var row = batch.rows[index]
            row.learner = globalKey(row.learner, kind: 0, worker: worker)
            row.course = globalKey(row.course, kind: 1, worker: worker)
            row.chapter = globalKey(row.chapter, kind: 2, worker: worker)
            row.session = sessionKeys[Int(row.session)]
            row.rate = globalKey(row.rate, kind: 3, worker: worker)
            row.file = fileIndex
            add(row, hash: UInt64(batch.hashes[index]), batch: batch, index: index)
        }
        while pending < batch.diagnostics.count {
            diagnostics.append(batch.diagnostics[pending].diagnostic)
            pending += 1
        }
    }

    @inline(__always)
    private mutating func globalKey(_ local: Int32, kind: Int, worker: Int) -> Int32 {
        let known = workerKeys[worker][kind][Int(local)]
        if known >= 0 { return known }
        let key = intern(workerStrings[worker][kind][Int(local)], kind: kind)
        workerKeys[worker][kind][Int(local)] = key
        return key
    }

    private mutating func intern(_ text: String, kind: Int) -> Int32 {
        switch kind {
        case 0: globalCaches[0].key(text, in: &log.learners)
        case 1: globalCaches[1].key(text, in: &log.courses)
        case 2: globalCaches[2].key(text, in: &log.chapters)
        default: globalCaches[3].key(text, in: &log.rates)
        }
    }

    private mutating func add(_ row: PlaybackRow, hash: UInt64, batch: PlaybackBatch, index: Int) {
        if let existing = events.find(hash: hash, eventID: row.eventID, rows: log.rows) {
            let earlier = log.rows[existing]
            if earlier.hasSameValues(as: row) {
                exactDuplicatesDropped += 1
            } else {
                let location = log.location(of: earlier)
                diagnostics.append(
                    Diagnostic(
                        file: batch.file, line: Int(row.line), severity: .error, code: .playbackConflict,
                        message: "event_id '\(row.eventID)' was already read at \(location) with different values; this row is not used",
                        rawText: batch.rawText(ofRow: index),
                        subject: DiagnosticSubject(learnerID: log.learners.strings[Int(row.learner)])))
            }
            return
        }
        events.insert(hash: hash, row: log.rows.count)
        log.rows.append(row)
    }
}

/// The next key for each new session id; the ids themselves are not kept (see `PlaybackRow.session`).
private struct SessionNumbers: ByteInternable {
    private var count: Int32 = 0

    mutating func appendNew(_ id: UnsafeBufferPointer<UInt8>) -> Int32 {
        defer { count += 1 }
        return count
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

