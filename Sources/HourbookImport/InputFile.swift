import Crypto
import HourbookCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading one input file: feeding the fingerprint, checking the encoding chunk by chunk, and
/// opening a CSV reader that streams UTF-8 files and reads GB18030 ones transcoded in memory.
struct InputFile {
    /// Absolute path.
    let path: String
    /// Relative to the data folder.
    let name: String

    /// Feeds `name`, NUL, the byte length, NUL and the bytes to `hasher`, and checks UTF-8 validity
    /// in the same pass. Returns whether the whole file is valid UTF-8.
    func scan(into hasher: inout SHA256) throws(InputFailure) -> Bool {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputFailure(file: name, code: .fileUnreadable, message: "the file cannot be opened for reading")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw InputFailure(file: name, code: .fileUnreadable, message: "the file cannot be read")
        }
        hasher.update(data: Array(name.utf8) + [0] + Array(String(status.st_size).utf8) + [0])
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: CSVReader.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var validator = UTF8Validator()
        var total = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw InputFailure(file: name, code: .fileUnreadable, message: "the file cannot be read")
            }
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            hasher.update(bufferPointer: chunk)
            validator.feed(chunk.bindMemory(to: UInt8.self))
            total += count
        }
        guard total == Int(status.st_size) else {
            throw InputFailure(file: name, code: .fileUnreadable, message: "the file changed while it was read")
        }
        return validator.finish()
    }

    /// The whole file's bytes.
    func readAll() throws(InputFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputFailure(file: name, code: .fileUnreadable, message: "the file cannot be opened for reading")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: CSVReader.chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputFailure(file: name, code: .fileUnreadable, message: "the file cannot be read")
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    /// Hashes the file, then opens a CSV reader over it: streamed when it is UTF-8, else read whole
    /// and transcoded from GB18030 (with the ENCODING-GB18030 info diagnostic in `notes`).
    func openCSV(hashingInto hasher: inout SHA256, notes: inout [Diagnostic]) throws(InputFailure) -> CSVReader {
        if try scan(into: &hasher) {
            return try CSVReader(path: path, file: name)
        }
        let decoded = try TextDecoding.decode(try readAll(), file: name)
        if decoded.wasGB18030 {
            notes.append(
                Diagnostic(
                    file: name, line: 0, severity: .info, code: .encodingGB18030,
                    message: "the file is not UTF-8 but GB18030 (as Excel saves on Chinese Windows) and was read as such"))
        }
        return CSVReader(bytes: decoded.utf8, file: name)
    }
}

/// A UTF-8 validator that keeps its state across chunks (a sequence may straddle two reads).
struct UTF8Validator {
    private var pending = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private(set) var isValid = true

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard isValid else { return }
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            index += 1
            if pending == 0 {
                if byte < 0x80 { continue }
                switch byte {
                case 0xC2...0xDF: pending = 1; lower = 0x80; upper = 0xBF
                case 0xE0: pending = 2; lower = 0xA0; upper = 0xBF
                case 0xE1...0xEC, 0xEE...0xEF: pending = 2; lower = 0x80; upper = 0xBF
                case 0xED: pending = 2; lower = 0x80; upper = 0x9F
                case 0xF0: pending = 3; lower = 0x90; upper = 0xBF
                case 0xF1...0xF3: pending = 3; lower = 0x80; upper = 0xBF
                case 0xF4: pending = 3; lower = 0x80; upper = 0x8F
                default: isValid = false; return
                }
            } else {
                guard byte >= lower, byte <= upper else { isValid = false; return }
                pending -= 1
                lower = 0x80
                upper = 0xBF
            }
        }
    }

    /// Whether every byte fed was valid UTF-8 and no sequence was left unfinished.
    func finish() -> Bool { isValid && pending == 0 }
}
