import Foundation
import HourbookCore

#if canImport(Glibc)
import Glibc
#endif

/// The atomic publication of an output folder, one build at a time.
///
/// Beside `site/` live `.site.lock` (held by the build writing `site/`), the build's own staging
/// folder `.site.building.PID` and, for a moment while swapping, `.site.previous.PID`. A build
/// killed midway leaves its staging folder behind; the next build removes it once that pid is
/// gone. Every failure is an `OutputFailure` naming the output, never the staging folder.
public enum OutputFolder {
    /// Takes the lock of `output` (a second build waits, or with `wait` false fails at once),
    /// removes what dead builds left beside it, and makes this build's empty staging folder.
    /// `onWait` is called with the holder's pid before waiting.
    public static func prepare(
        _ output: String, wait: Bool, onWait: (Int32?) -> Void = { _ in }
    ) throws(OutputFailure) -> (lock: OutputLock, staging: String) {
        let (parent, name) = split(output)
        try FileWriter.makeFolder(parent)
        let lock = try OutputLock.acquire(parent + "/." + name + ".lock", output: output, wait: wait, onWait: onWait)
        removeLeftovers(of: name, in: parent)
        let staging = parent + "/." + name + ".building." + String(getpid())
        do throws(OutputFailure) {
            try FileWriter.makeFolder(staging)
        } catch {
            throw error.naming(staging, as: output)
        }
        return (lock, staging)
    }

    /// Replaces `output` with `staging`. The old folder is moved aside first and removed only
    /// after the new one is in place; a crash in between leaves it beside, never half-written.
    public static func publish(_ staging: String, as output: String) throws(OutputFailure) {
        let manager = FileManager.default
        let (parent, name) = split(output)
        let previous = parent + "/." + name + ".previous." + String(getpid())
        try? manager.removeItem(atPath: previous)
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: output, isDirectory: &isDirectory) {
            guard rename(output, previous) == 0 else { throw .lastError(at: output) }
        }
        guard rename(staging, output) == 0 else {
            let failure = OutputFailure.lastError(at: output)
            _ = rename(previous, output)
            throw failure
        }
        try? manager.removeItem(atPath: previous)
    }

    /// Removes `.NAME.building.PID` and `.NAME.previous.PID` folders whose build is gone (and the
    /// pid-less `.NAME.building` of earlier versions). Called with the lock held, so no live
    /// build of ours is writing them; the pid check guards against anything else.
    static func removeLeftovers(of name: String, in parent: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries {
            for kind in ["building", "previous"] {
                let prefix = "." + name + "." + kind
                guard entry.hasPrefix(prefix) else { continue }
                let rest = entry.dropFirst(prefix.count)
                let pid: Int32?
                if rest.isEmpty {
                    pid = nil
                } else if rest.first == ".", let number = Int32(rest.dropFirst()) {
                    pid = number
                } else {
                    continue
                }
                if let pid, pid == getpid() || isAlive(pid) { continue }
                let path = parent + "/" + entry
                if kind == "previous", !FileManager.default.fileExists(atPath: parent + "/" + name) {
                    // A build died between its two renames: the previous output is all there is.
                    _ = rename(path, parent + "/" + name)
                } else {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
        }
    }

    static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// `a/b/site/` → (`a/b`, `site`), from the standardized absolute path.
    static func split(_ path: String) -> (parent: String, name: String) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return (url.deletingLastPathComponent().path, url.lastPathComponent)
    }
}

/// An exclusive advisory lock (`flock`) on a file beside the output folder, holding the pid of
/// its owner for the message of a build that has to wait. The kernel releases it when the
/// process ends, however it ends: a killed build never leaves the folder locked.
public final class OutputLock: @unchecked Sendable {
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    static func acquire(
        _ path: String, output: String, wait: Bool, onWait: (Int32?) -> Void
    ) throws(OutputFailure) -> OutputLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .lastError(at: path) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let failure = OutputFailure.lastError(at: path)
                close(descriptor)
                throw failure
            }
            let holder = Self.pid(in: descriptor)
            guard wait else {
                close(descriptor)
                throw .busy(output, pid: holder)
            }
            onWait(holder)
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let failure = OutputFailure.lastError(at: path)
                    close(descriptor)
                    throw failure
                }
            }
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return OutputLock(descriptor: descriptor)
    }

    /// Lets the next build in. Idempotent; also done when the lock is released from memory.
    public func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    private static func pid(in descriptor: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
