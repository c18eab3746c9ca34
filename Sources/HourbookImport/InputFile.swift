import Crypto
import HourbookCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading one input file: feeding the fingerprint, checking the encoding chunk by chunk, and
/// opening a CSV reader that streams UTF-8 files and reads GB18030 ones transcoded in memory.
struct InputFile: Sendable {
    /// Absolute path.
    let path: String
    /// Relative to the data folder.
    let name: String

    /// Feeds `name`, NUL, the byte length, NUL and the bytes to `hasher`, and checks UTF-8 validity
    /// in the same pass (unless told not to). Returns whether the whole file is valid UTF-8, and its
    /// length. With
    /// `fileHasher`, the bytes alone are fed to it too (an attachment's own digest, in the same read).
    @discardableResult
    func scan(
        into hasher: inout SHA256, validatingUTF8: Bool = true, fileHasher: UnsafeMutablePointer<SHA256>? = nil
    ) throws(InputFailure) -> (isValidUTF8: Bool, byteCount: Int) {
        var validator = UTF8Validator()
        let total = try readChunks { byteCount in
            hasher.update(data: Array(name.utf8) + [0] + Array(String(byteCount).utf8) + [0])
        } chunk: { chunk in
            hasher.update(bufferPointer: chunk)
            fileHasher?.pointee.update(bufferPointer: chunk)
            if validatingUTF8 { validator.feed(chunk.bindMemory(to: UInt8.self)) }
        }
        return (validator.finish(), total)
    }

    /// Whether the whole file is valid UTF-8.
    func isValidUTF8() throws(InputFailure) -> Bool {
        var validator = UTF8Validator()
        try readChunks { _ in } chunk: { validator.feed($0.bindMemory(to: UInt8.self)) }
        return validator.finish()
    }

    /// Reads the file in 1 MiB chunks: hands `start` its length, then `chunk` each chunk, and
    /// returns the length. Fails if the length read is not the length found first.
    @discardableResult
    private func readChunks(
        start: (Int) -> Void, chunk body: (UnsafeRawBufferPointer) -> Void
    ) throws(InputFailure) -> Int {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputFailure(file: name, code: .fileUnreadable, message: "the file cannot be opened for reading")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw InputFailure(file: name, code: .fileUnreadable, message: "the file cannot be read")
        }
        start(Int(status.st_size))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: CSVReader.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw InputFailure(file: name, code: .fileUnreadable, message: "the file cannot be read")
            }
            if count == 0 { break }
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            total += count
        }
        guard total == Int(status.st_size) else {
            throw InputFailure(file: name, code: .fileUnreadable, message: "the file changed while it was read")
        }
        return total
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

    /// Checks the file's encoding, then opens a CSV reader over it: streamed when it is UTF-8, else
    /// read whole and transcoded from GB18030 (with the ENCODING-GB18030 info diagnostic in `notes`).
    func openCSV(notes: inout [Diagnostic]) throws(InputFailure) -> CSVReader {
        if try isValidUTF8() {
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
