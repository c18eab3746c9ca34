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
    private(set) var line = 0
    /// What is wrong with the current record's quoting, if anything (a CSV-QUOTE error).
    private(set) var quoteProblem: String?

    static let chunkSize = 1 << 20

    // The current record: its unquoted field bytes back to back, and where each field ends.
    private var record: UnsafeMutablePointer<UInt8>
    private var recordCapacity: Int
    private var recordCount = 0
    private var fieldEnds: [Int] = []
    private var hasQuotedField = false

    // The input: either a file descriptor read in chunks, or bytes held in memory.
    private var descriptor: Int32 = -1
    private var chunk: UnsafeMutablePointer<UInt8>
    private var chunkCapacity: Int
    private var chunkCount = 0
    private var position = 0
    private var isAtEnd = false
    private var isAtStart = true

    // Line bookkeeping across chunks and records.
    private var nextLine = 1
    private var previousWasCR = false

    /// Reads the file at `path` in 1 MiB chunks; `file` names it in diagnostics.
    init(path: String, file: String) throws(InputFailure) {
        self.file = file
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputFailure(file: file, code: .fileUnreadable, message: "the file cannot be opened for reading")
        }
        self.descriptor = descriptor
        chunkCapacity = Self.chunkSize
        chunk = .allocate(capacity: chunkCapacity)
        recordCapacity = 4096
        record = .allocate(capacity: recordCapacity)
    }

    /// Reads UTF-8 bytes already in memory (a file transcoded from GB18030, or a test's text).
    init(bytes: [UInt8], file: String) {
        self.file = file
        chunkCapacity = max(bytes.count, 1)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkCapacity)
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { storage.update(from: base, count: buffer.count) }
        }
        chunk = storage
        chunkCount = bytes.count
        isAtEnd = true
        isAtStart = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        recordCapacity = 4096
        record = .allocate(capacity: recordCapacity)
    }

    convenience init(text: String, file: String) { self.init(bytes: Array(text.utf8), file: file) }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        chunk.deallocate()
        record.deallocate()
    }

    // MARK: - Fields

    /// The number of fields of the current record.
    var fieldCount: Int { fieldEnds.count }

    /// The bytes of field `index`, unquoted and unescaped, untrimmed. Valid until the next `next()`.
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        return UnsafeBufferPointer(start: record + start, count: fieldEnds[index] - start)
    }

    /// Field `index` as text (untrimmed).
    func string(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }

    /// Every field as text, untrimmed.
    var strings: [String] { (0..<fieldCount).map(string) }

    /// The record as the user wrote it, near enough: its fields joined by commas.
    var rawText: String { strings.joined(separator: ",") }

    // MARK: - Reading

    /// Advances to the next record that is not blank; false at the end of the input.
    func next() -> Bool {
        while true {
            guard readRecord() else { return false }
            if !isBlankRecord { return true }
        }
    }

    private var isBlankRecord: Bool {
        guard fieldEnds.count == 1, !hasQuotedField, quoteProblem == nil else { return false }
        let bytes = field(0)
        var isASCII = true
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C { continue }
            if byte < 0x80 { return false }
            isASCII = false
        }
        return isASCII || Text.trimmed(String(decoding: bytes, as: UTF8.self)).isEmpty
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterClosingQuote
    }

    /// Reads one record, blank or not; false when the input holds no more bytes.
    private func readRecord() -> Bool {
        recordCount = 0
        fieldEnds.removeAll(keepingCapacity: true)
        hasQuotedField = false
        quoteProblem = nil
        var state = State.fieldStart
        var hasStarted = false

        while true {
            if position == chunkCount {
                guard refill() else { break }
            }
            var index = position
            let end = chunkCount
            let bytes = chunk
            while index < end {
                let byte = bytes[index]
                if byte == 0x0A, previousWasCR {
                    // The LF of a CRLF: the line was already counted at the CR.
                    previousWasCR = false
                    if state == .quoted { append(byte) }
                    index += 1
                    continue
                }
                previousWasCR = byte == 0x0D
                if !hasStarted {
                    hasStarted = true
                    line = nextLine
                }
                switch state {
                case .fieldStart, .unquoted:
                    if state == .fieldStart, byte == 0x22 {
                        state = .quoted
                        hasQuotedField = true
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
                        append(bytes + index, count: runEnd - index)
                        state = .unquoted
                        previousWasCR = false
                        index = runEnd
                        continue
                    }
                    switch byte {
                    case 0x2C:
                        fieldEnds.append(recordCount)
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        fieldEnds.append(recordCount)
                        nextLine += 1
                        position = index + 1
                        return true
                    default:  // a quote inside an unquoted field
                        if quoteProblem == nil {
                            quoteProblem = "a quote appears inside an unquoted field (field \(fieldEnds.count + 1)); quote the whole field and double the inner quote"
                        }
                        append(byte)
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
                        append(bytes + index, count: runEnd - index)
                        previousWasCR = false
                        index = runEnd
                        continue
                    }
                    if byte == 0x22 {
                        state = .quoteInQuoted
                    } else {
                        // A line break inside a quoted field is content.
                        append(byte)
                        nextLine += 1
                    }
                case .quoteInQuoted:
                    switch byte {
                    case 0x22:
                        append(byte)
                        state = .quoted
                    case 0x2C:
                        fieldEnds.append(recordCount)
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        fieldEnds.append(recordCount)
                        nextLine += 1
                        position = index + 1
                        return true
                    case 0x20, 0x09:
                        state = .afterClosingQuote
                    default:
                        if quoteProblem == nil {
                            quoteProblem = "characters follow the closing quote of field \(fieldEnds.count + 1); quote the whole field and double any inner quote"
                        }
                        append(byte)
                        state = .unquoted
                    }
                case .afterClosingQuote:
                    switch byte {
                    case 0x2C:
                        fieldEnds.append(recordCount)
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        fieldEnds.append(recordCount)
                        nextLine += 1
                        position = index + 1
                        return true
                    case 0x20, 0x09:
                        break
                    default:
                        if quoteProblem == nil {
                            quoteProblem = "characters follow the closing quote of field \(fieldEnds.count + 1); quote the whole field and double any inner quote"
                        }
                        append(byte)
                        state = .unquoted
                    }
                }
                index += 1
            }
            position = index
        }
        // The end of the input.
        guard hasStarted else { return false }
        if state == .quoted {
            quoteProblem = "the quoted field \(fieldEnds.count + 1) is never closed; add the missing closing quote"
        }
        fieldEnds.append(recordCount)
        return true
    }

    /// Reads the next chunk; false at the end of the input.
    private func refill() -> Bool {
        guard !isAtEnd else {
            position = chunkCount
            return false
        }
        var count = 0
        while true {
            count = read(descriptor, chunk, chunkCapacity)
            if count < 0, errno == EINTR { continue }
            break
        }
        if count <= 0 {
            isAtEnd = true
            chunkCount = 0
            position = 0
            return false
        }
        chunkCount = count
        position = 0
        if isAtStart {
            isAtStart = false
            if count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { position = 3 }
        }
        return true
    }

    @inline(__always)
    private func append(_ byte: UInt8) {
        if recordCount == recordCapacity { grow(to: recordCount + 1) }
        record[recordCount] = byte
        recordCount += 1
    }

    @inline(__always)
    private func append(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) {
        if recordCount + count > recordCapacity { grow(to: recordCount + count) }
        (record + recordCount).update(from: bytes, count: count)
        recordCount += count
    }

    private func grow(to needed: Int) {
        var capacity = recordCapacity * 2
        while capacity < needed { capacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.update(from: record, count: recordCount)
        record.deallocate()
        record = larger
        recordCapacity = capacity
    }
}
