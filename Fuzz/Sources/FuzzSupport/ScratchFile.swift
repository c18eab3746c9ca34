#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file in a folder of its own per fuzzing process, overwritten by every execution: the readers
/// under test take paths, and one reused file keeps the file system out of the way.
public struct ScratchFile: Sendable {
    /// The folder every scratch file of this process lives in (removed by nobody: it is in /tmp).
    public static let folder: String = {
        let path = "/tmp/hourbook-fuzz-\(getpid())"
        mkdir(path, 0o700)
        return path
    }()

    /// The file's absolute path.
    public let path: String

    /// The scratch file `name` (a plain file name, or `sub/name`: the folder is made).
    public init(_ name: String) {
        let path = Self.folder + "/" + name
        if let slash = path.lastIndex(of: "/") { mkdir(String(path[..<slash]), 0o700) }
        self.path = path
    }

    /// Replaces the file's content with `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(descriptor >= 0, "cannot open the scratch file \(path)")
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            precondition(written > 0, "cannot write the scratch file \(path)")
            offset += written
        }
    }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }
}
