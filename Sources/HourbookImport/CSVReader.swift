import HourbookCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hand-written RFC 4180 reader over bytes: comma separator, `"` quoting with `""` escapes,
/// quoted fields holding commas and line breaks, LF, CRLF or a lone CR ending a line, blank
/// lines (also lines holding only white space) skipped.
///
/// It streams a file in 1 MiB reads and hands out each record's fields as byte buffers, so no
/// `String` is made until a value is needed. Measured here on 2 million playback rows (240 MB):
/// this kind of byte parser 0.77 s on one core, CSV.swift 19 s, SwiftCSV 25 s, DuckDB 0.89 s on
/// two threads (FINDINGS.md).
///
/// A quote problem (a quoted field never closed, characters after a closing quote, a quote inside
/// an unquoted field) does not stop the reader: the record carries `quoteProblem` and the next
/// record is read as usual. UTF-8 validity is the caller's business (`InputFile`): the reader
/// only drops a leading byte-order mark.
final class CSVReader {
    /// The file, relative to the data folder, for diagnostics.
    let file: String
    /// The 1-based line where the current record starts.
    var line: Int { state.pointee.line }
    /// What is wrong with the current record's quoting, if anything (a CSV-QUOTE error).
    var quoteProblem: String? { problem }
    private var problem: String?

    static let chunkSize = 1 << 20

    /// Everything the byte loop touches, behind a `let` pointer: stored `var`s of a class would pay
    /// a dynamic exclusivity check on every access, which costs more than the parsing itself.
    private struct Storage {
        // The current record: its unquoted field bytes back to back, and where each field ends.
        var record: UnsafeMutablePointer<UInt8>
        var recordCapacity: Int
        var recordCount = 0
        var ends: UnsafeMutablePointer<Int>
        var endsCapacity: Int
        var fieldCount = 0
        var hasQuotedField = false
        /// Where a record read in place starts in `chunk` (`readPlainRecord`): its fields are then
        /// not copied, and `ends` holds where each one ends relative to this, commas between them.
        /// Nil when the fields were copied to `record`.
        var inPlace: UnsafeMutablePointer<UInt8>?
        // The input: a chunk of the file (or all of the bytes held in memory).
        var chunk: UnsafeMutablePointer<UInt8>
        var chunkCapacity: Int
        var chunkCount = 0
        var position = 0
        var isAtEnd = false
        var isAtStart = true
        // Line bookkeeping across chunks and records.
        var line = 0
        var nextLine = 1
        var previousWasCR = false
        // Where the current record lies in the input (byte offsets), and where the chunk starts.
        var chunkBase = 0
        var recordStart = 0
        var recordEnd = 0
        // UTF-8 checking of every chunk as it is read, so a file is read once (`InputFile`).
        var validatesUTF8 = false
        var validator = UTF8Validator()

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            if recordCount == recordCapacity { grow(to: recordCount + 1) }
            record[recordCount] = byte
            recordCount += 1
        }

        @inline(__always)
        mutating func append(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) {
            if recordCount + count > recordCapacity { grow(to: recordCount + count) }
            (record + recordCount).update(from: bytes, count: count)
            recordCount += count
        }

        @inline(__always)
        mutating func endField() { endField(at: recordCount) }

        @inline(__always)
        mutating func endField(at end: Int) {
            if fieldCount == endsCapacity {
                let larger = UnsafeMutablePointer<Int>.allocate(capacity: endsCapacity * 2)
                larger.update(from: ends, count: fieldCount)
                ends.deallocate()
                ends = larger
                endsCapacity *= 2
            }
            ends[fieldCount] = end
            fieldCount += 1
        }

        mutating func grow(to needed: Int) {
            var capacity = recordCapacity * 2
            while capacity < needed { capacity *= 2 }
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            larger.update(from: record, count: recordCount)
            record.deallocate()
            record = larger
            recordCapacity = capacity
        }
    }

    private let state: UnsafeMutablePointer<Storage>
    private let descriptor: Int32

    /// Reads the file at `path` in 1 MiB chunks; `file` names it in diagnostics. With
    /// `validatingUTF8`, every chunk is also checked as it is read: see `isValidUTF8` after `drain()`.
    init(path: String, file: String, validatingUTF8: Bool = false) throws(InputFailure) {
        self.file = file
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputFailure(file: file, code: .fileUnreadable, message: "the file cannot be opened for reading")
        }
        self.descriptor = descriptor
        state = .allocate(capacity: 1)
        state.initialize(
            to: Storage(
                record: .allocate(capacity: 4096), recordCapacity: 4096, ends: .allocate(capacity: 64),
                endsCapacity: 64, chunk: .allocate(capacity: Self.chunkSize), chunkCapacity: Self.chunkSize))
        state.pointee.validatesUTF8 = validatingUTF8
    }

    /// Reads UTF-8 bytes already in memory (a file transcoded from GB18030, or a test's text).
    init(bytes: [UInt8], file: String) {
        self.file = file
        descriptor = -1
        let capacity = max(bytes.count, 1)
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { chunk.update(from: base, count: buffer.count) }
        }
        var storage = Storage(
            record: .allocate(capacity: 4096), recordCapacity: 4096, ends: .allocate(capacity: 64), endsCapacity: 64,
            chunk: chunk, chunkCapacity: capacity)
        storage.chunkCount = bytes.count
        storage.isAtEnd = true
        storage.isAtStart = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { storage.position = 3 }
        state = .allocate(capacity: 1)
        state.initialize(to: storage)
    }

    convenience init(text: String, file: String) { self.init(bytes: Array(text.utf8), file: file) }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        state.pointee.chunk.deallocate()
        state.pointee.record.deallocate()
        state.pointee.ends.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    // MARK: - Fields

    /// The number of fields of the current record.
    var fieldCount: Int { state.pointee.fieldCount }

    /// The bytes of field `index`, unquoted and unescaped, untrimmed. Valid until the next `next()`.
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let ends = state.pointee.ends
        if let base = state.pointee.inPlace {
            // Read in place: a comma separates each field from the one before.
            let start = index == 0 ? 0 : ends[index - 1] + 1
            return UnsafeBufferPointer(start: base + start, count: ends[index] - start)
        }
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(start: state.pointee.record + start, count: ends[index] - start)
    }

    /// Field `index` as text (untrimmed).
    func string(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }

    /// Every field as text, untrimmed.
    var strings: [String] { (0..<fieldCount).map(string) }

    /// The record as the user wrote it, near enough: its fields joined by commas.
    var rawText: String { strings.joined(separator: ",") }

    /// Where the current record lies in the input, as byte offsets (from the file's first byte,
    /// or from the first byte given to `init(bytes:)`), so its raw text can be read again later.
    var recordRange: Range<Int> { state.pointee.recordStart..<state.pointee.recordEnd }

    /// Whether every byte read so far was valid UTF-8 with no sequence left open (only when
    /// made with `validatingUTF8`; call `drain()` first to cover the whole file).
    var isValidUTF8: Bool { state.pointee.validator.finish() }

    /// Reads (and checks) the rest of the file without parsing it.
    func drain() {
        while Self.refill(&state.pointee, descriptor: descriptor) {}
    }

    /// The raw text of the one record in `bytes` (as cut by `recordRange`).
    static func rawText(ofRecord bytes: [UInt8], file: String) -> String {
        let reader = CSVReader(bytes: bytes, file: file)
        return reader.next() ? reader.rawText : ""
    }

    // MARK: - Reading

    /// Advances to the next record that is not blank; false at the end of the input.
    func next() -> Bool {
        while true {
            problem = nil
            var problemText: String?
            guard Self.readRecord(state, descriptor: descriptor, problem: &problemText) else { return false }
            problem = problemText
            if !isBlankRecord { return true }
        }
    }

    private var isBlankRecord: Bool {
        guard state.pointee.fieldCount == 1, !state.pointee.hasQuotedField, problem == nil else { return false }
        let bytes = field(0)
        var isASCII = true
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C { continue }
            if byte < 0x80 { return false }
            isASCII = false
        }
        return isASCII || Text.trimmed(String(decoding: bytes, as: UTF8.self)).isEmpty
    }

    private enum ParseState {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterClosingQuote
    }

    /// Reads one record, blank or not; false when the input holds no more bytes.
    private static func readRecord(
        _ storage: UnsafeMutablePointer<Storage>, descriptor: Int32, problem: inout String?
    ) -> Bool {
        var s = storage.pointee
        defer { storage.pointee = s }
        s.recordCount = 0
        s.fieldCount = 0
        s.hasQuotedField = false
        s.inPlace = nil
        if readPlainRecord(&s) { return true }
        var state = ParseState.fieldStart
        var hasStarted = false

        func note(_ text: @autoclosure () -> String) {
            if problem == nil { problem = text() }
        }

        while true {
            if s.position == s.chunkCount {
                guard refill(&s, descriptor: descriptor) else { break }
            }
            var index = s.position
            let end = s.chunkCount
            let bytes = s.chunk
            while index < end {
                let byte = bytes[index]
                if byte == 0x0A, s.previousWasCR {
                    // The LF of a CRLF: the line was already counted at the CR.
                    s.previousWasCR = false
                    if state == .quoted { s.append(byte) }
                    index += 1
                    continue
                }
                s.previousWasCR = byte == 0x0D
                if !hasStarted {
                    hasStarted = true
                    s.line = s.nextLine
                    s.recordStart = s.chunkBase + index
                }
                switch state {
                case .fieldStart, .unquoted:
                    if state == .fieldStart, byte == 0x22 {
                        state = .quoted
                        s.hasQuotedField = true
                        index += 1
                        continue
                    }
                    // Fast path: copy the run of ordinary bytes in one go.
                    var runEnd = index
                    while runEnd < end {
                        let b = bytes[runEnd]
                        if b == 0x2C || b == 0x0A || b == 0x0D || b == 0x22 { break }
                        runEnd += 1
                    }
                    if runEnd > index {
                        s.append(bytes + index, count: runEnd - index)
                        state = .unquoted
                        s.previousWasCR = false
                        index = runEnd
                        continue
                    }
                    switch byte {
                    case 0x2C:
                        s.endField()
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        s.endField()
                        s.nextLine += 1
                        s.position = index + 1
                        s.recordEnd = s.chunkBase + index + 1
                        return true
                    default:  // a quote inside an unquoted field
                        note("a quote appears inside an unquoted field (field \(s.fieldCount + 1)); quote the whole field and double the inner quote")
                        s.append(byte)
                        state = .unquoted
                    }
                case .quoted:
                    var runEnd = index
                    while runEnd < end {
                        let b = bytes[runEnd]
                        if b == 0x22 || b == 0x0A || b == 0x0D { break }
                        runEnd += 1
                    }
                    if runEnd > index {
                        s.append(bytes + index, count: runEnd - index)
                        s.previousWasCR = false
                        index = runEnd
                        continue
                    }
                    if byte == 0x22 {
                        state = .quoteInQuoted
                    } else {
                        // A line break inside a quoted field is content.
                        s.append(byte)
                        s.nextLine += 1
                    }
                case .quoteInQuoted, .afterClosingQuote:
                    switch byte {
                    case 0x22 where state == .quoteInQuoted:
                        s.append(byte)
                        state = .quoted
                    case 0x2C:
                        s.endField()
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        s.endField()
                        s.nextLine += 1
                        s.position = index + 1
                        s.recordEnd = s.chunkBase + index + 1
                        return true
                    case 0x20, 0x09:
                        state = .afterClosingQuote
                    default:
                        note("characters follow the closing quote of field \(s.fieldCount + 1); quote the whole field and double any inner quote")
                        s.append(byte)
                        state = .unquoted
                    }
                }
                index += 1
            }
            s.position = index
        }
        // The end of the input.
        guard hasStarted else { return false }
        if state == .quoted {
            note("the quoted field \(s.fieldCount + 1) is never closed; add the missing closing quote")
        }
        s.endField()
        s.recordEnd = s.chunkBase + s.chunkCount
        return true
    }

    /// Reads the current record in place when it is plain: it lies whole in the chunk, holds no
    /// quote and no line break but its last (LF, CR or CRLF), so its fields are the bytes between
    /// its commas and need no copying. False for any other record, with nothing read: the byte
    /// loop of `readRecord` then reads it as before, from the same position.
    ///
    /// Nearly every row of an export is plain. Every byte above 0x2C is ordinary (the comma, the
    /// quote, CR and LF all lie below it), so the loop makes one comparison per byte; copying each
    /// field into `record` behind a test of four bytes made `readRecord` and its `memmove` 12 % of
    /// validate's CPU (perf, 100,000 learners).
    @inline(__always)
    private static func readPlainRecord(_ s: inout Storage) -> Bool {
        let bytes = s.chunk
        let end = s.chunkCount
        var index = s.position
        // The LF of a CRLF that ended the previous record: the line was counted at the CR.
        if s.previousWasCR, index < end, bytes[index] == 0x0A { index += 1 }
        let start = index
        while true {
            while index < end, bytes[index] > 0x2C { index += 1 }
            // Not plain: the record runs on into the next chunk, or holds a quote.
            guard index < end, bytes[index] != 0x22 else {
                s.fieldCount = 0
                return false
            }
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D { break }
            if byte == 0x2C { s.endField(at: index - start) }
            index += 1
        }
        s.endField(at: index - start)
        s.inPlace = bytes + start
        s.previousWasCR = bytes[index] == 0x0D
        s.line = s.nextLine
        s.nextLine += 1
        s.recordStart = s.chunkBase + start
        s.recordEnd = s.chunkBase + index + 1
        s.position = index + 1
        return true
    }

    /// Reads the next chunk; false at the end of the input.
    private static func refill(_ s: inout Storage, descriptor: Int32) -> Bool {
        guard !s.isAtEnd else {
            s.position = s.chunkCount
            return false
        }
        s.chunkBase += s.chunkCount
        var count = 0
        while true {
            count = read(descriptor, s.chunk, s.chunkCapacity)
            if count < 0, errno == EINTR { continue }
            break
        }
        if count <= 0 {
            s.isAtEnd = true
            s.chunkCount = 0
            s.position = 0
            return false
        }
        s.chunkCount = count
        s.position = 0
        if s.validatesUTF8 { s.validator.feed(UnsafeBufferPointer(start: s.chunk, count: count)) }
        if s.isAtStart {
            s.isAtStart = false
            if count >= 3, s.chunk[0] == 0xEF, s.chunk[1] == 0xBB, s.chunk[2] == 0xBF { s.position = 3 }
        }
        return true
    }
}
