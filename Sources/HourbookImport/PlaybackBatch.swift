import HourbookCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One playback file, parsed by a worker and waiting for the sequential merge (`PlaybackDecoder`).
///
/// Rows carry ids as keys of the worker's own interners (`newStrings` lists the ids the worker
/// met for the first time in this file, in key order), session ids as keys of this file's own
/// `sessions`, and no file index yet. Everything that depends on earlier files (de-duplication by
/// event_id, global keys) is left to the merge.
struct PlaybackBatch: Sendable {
    /// Relative to the data folder.
    private(set) var file: String
    /// Absolute path, to read a conflicting row's raw text again.
    private(set) var path: String
    /// The usable rows, in file order, with worker-local id keys.
    var rows: [PlaybackRow] = []
    /// `EventIndex.hash` of each row's event_id.
    var hashes: [UInt32] = []
    /// Where each row lies in the file (or in `transcoded`), for a PLAYBACK-CONFLICT's raw text.
    var ranges: [Range<Int>] = []
    /// Diagnostics in reading order, each with the number of rows emitted before it, so the merge
    /// can interleave its conflicts exactly where a one-thread reader would have put them.
    var diagnostics: [(beforeRow: Int, diagnostic: Diagnostic)] = []
    /// Ids new to the worker in this file, per interner (learner, course, chapter, rate).
    var newStrings: [[String]] = [[], [], [], []]
    /// The file's player-session ids, in the order of their first use in it (a row's `session`
    /// is a key here): kept as bytes, as they never need to be Strings.
    var sessions = ByteIDs()
    var recordsRead = 0
    /// The UTF-8 bytes of a file transcoded from GB18030 (nil for a file read as UTF-8).
    var transcoded: [UInt8]?

    init(file: String, path: String) {
        self.file = file
        self.path = path
    }

    /// Empties the batch for another file, keeping its arrays' memory: a fresh 40 MB batch per
    /// month cost a page fault per 4 KiB page (the kernel's share of the import was 8 s of 35).
    mutating func reset(file: String, path: String) {
        self.file = file
        self.path = path
        rows.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        diagnostics.removeAll(keepingCapacity: true)
        newStrings = [[], [], [], []]
        sessions.removeAll()
        recordsRead = 0
        transcoded = nil
    }

    /// The raw text of row `index`, read again from its bytes (conflicts are rare; rows keep no text).
    func rawText(ofRow index: Int) -> String {
        let range = ranges[index]
        if let transcoded { return CSVReader.rawText(ofRecord: Array(transcoded[range]), file: file) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: range.count)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, range.count, off_t(range.lowerBound)) }
        guard count == range.count else { return "" }
        return CSVReader.rawText(ofRecord: bytes, file: file)
    }
}
