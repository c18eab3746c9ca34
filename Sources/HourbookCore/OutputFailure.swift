import CUncachedWrite
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output could not be written, in the user's terms: the path and the system's reason
/// (`No space left on device`, `Permission denied`), or another build holding the folder.
/// Every command exits with status 3 on it, and the previous output is left untouched.
public struct OutputFailure: Error, Sendable, CustomStringConvertible {
    /// The file or folder that could not be written.
    public var path: String
    /// The system's words (`strerror`), or ours.
    public var reason: String
    /// The pid of the build holding the output folder, when that is what stopped us.
    public var otherBuild: Int32?

    public init(path: String, reason: String, otherBuild: Int32? = nil) {
        self.path = path
        self.reason = reason
        self.otherBuild = otherBuild
    }

    /// The failure of the last system call, as `errno` says.
    public static func lastError(at path: String) -> OutputFailure {
        OutputFailure(path: path, reason: String(cString: strerror(errno)))
    }

    /// Another build (pid `pid`) is writing `output`.
    public static func busy(_ output: String, pid: Int32?) -> OutputFailure {
        let holder = pid.map { "another build (pid \($0))" } ?? "another build"
        return OutputFailure(path: output, reason: "\(holder) is writing it", otherBuild: pid ?? 0)
    }

    /// Any error met while writing, in the user's terms: our own failures as they are, a
    /// Foundation or POSIX error reduced to its path and `strerror` text, anything else to one
    /// sentence (never a Foundation error description).
    public init(_ error: any Error, writing fallbackPath: String) {
        if let failure = error as? OutputFailure {
            self = failure
            return
        }
        let error = error as NSError
        var path = (error.userInfo[NSFilePathErrorKey] as? String)
            ?? (error.userInfo[NSURLErrorKey] as? URL)?.path ?? fallbackPath
        if path.isEmpty { path = fallbackPath }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            self.init(path: path, reason: String(cString: strerror(Int32(underlying.code))))
        } else if error.domain == NSPOSIXErrorDomain {
            self.init(path: path, reason: String(cString: strerror(Int32(error.code))))
        } else if error.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: error.code) {
            case .fileWriteOutOfSpace: self.init(path: path, reason: String(cString: strerror(ENOSPC)))
            case .fileWriteNoPermission, .fileReadNoPermission: self.init(path: path, reason: String(cString: strerror(EACCES)))
            case .fileWriteVolumeReadOnly: self.init(path: path, reason: String(cString: strerror(EROFS)))
            case .fileWriteFileExists: self.init(path: path, reason: String(cString: strerror(EEXIST)))
            case .fileNoSuchFile, .fileReadNoSuchFile: self.init(path: path, reason: String(cString: strerror(ENOENT)))
            default: self.init(path: path, reason: "the file system refused the write")
            }
        } else {
            self.init(path: path, reason: "the write failed")
        }
    }

    public var description: String { "could not write \(path): \(reason)" }

    /// The same failure with `staging` (a build's private folder) named as the output it stands for.
    public func naming(_ staging: String, as output: String) -> OutputFailure {
        var copy = self
        if copy.path == staging {
            copy.path = output
        } else if copy.path.hasPrefix(staging + "/") {
            copy.path = output + copy.path.dropFirst(staging.count)
        }
        return copy
    }
}

/// Writes whole files with one `open`, `write` and `close`, failing with the system's reason.
///
/// Every output is written without staying in the page cache (`RWF_DONTCACHE`, Linux 6.14)
/// where the system offers it: a build writes 8 GB at 100,000 learners and reads none of it
/// again, and on the virtual machines this runs on, taking that much fresh page cache cost
/// more kernel time than anything else in the build (2.5 GB: 5.5–6.2 CPU-seconds written
/// through the cache, 0.6–0.75 without). Elsewhere the write is a plain `write`.
public enum FileWriter {
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputFailure) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(OutputFailure) in try write(buffer, to: path) }
        }
        try result.get()
    }

    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(OutputFailure) {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw .lastError(at: path) }
        do {
            try writeAll(bytes, to: file, path: path)
        } catch {
            close(file)
            throw error
        }
        guard close(file) == 0 else { throw .lastError(at: path) }
    }

    /// Writes all of `bytes` at the offset of `descriptor`, the open file at `path`: uncached
    /// where the kernel and the file system take it, else with `write`.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String)
        throws(OutputFailure)
    {
        var offset = 0
        var isUncached = true
        while offset < bytes.count {
            let start = bytes.baseAddress! + offset
            let written: Int
            if isUncached {
                written = hourbook_write_uncached(descriptor, start, bytes.count - offset)
                // Not offered here (an older kernel, tmpfs, another system): write as usual.
                if written < 0, errno == EOPNOTSUPP || errno == EINVAL {
                    isUncached = false
                    continue
                }
            } else {
                written = Glibc.write(descriptor, start, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .lastError(at: path)
            }
            offset += written
        }
    }

    /// Creates `path` and its missing parents (`mkdir -p`), failing with the system's reason
    /// for the first component that cannot be a folder (`Not a directory`, `Permission denied`).
    public static func makeFolder(_ path: String) throws(OutputFailure) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) == 0 { continue }
            let code = errno
            var status = stat()
            if code == EEXIST, stat(prefix, &status) == 0 {
                if status.st_mode & S_IFMT == S_IFDIR { continue }
                throw OutputFailure(path: prefix, reason: String(cString: strerror(ENOTDIR)))
            }
            throw OutputFailure(path: prefix, reason: String(cString: strerror(code)))
        }
    }
}
