import Crypto
import Foundation
import HourbookCore

/// The folder fingerprint: SHA-256 over each input file's name, byte length and bytes in the
/// folder's fixed reading order, then over every file under attachments/, each of which also gets
/// its own digest in the same read (`AttachmentInspector.Digest`).
///
/// It is taken on a thread of its own from the start of the import, while the files are parsed.
/// Taken by the readers as they went, the fingerprint of check-ins, filings and exams had to wait
/// for the playback files, and with the 117,000 attachments (listed, sorted and hashed) it left
/// 3.4 CPU-seconds at the end of the import with one core busy (100,000 learners).
final class FolderFingerprint: @unchecked Sendable {
    /// What the thread found.
    struct Outcome {
        /// Lowercase hex; empty after a failure.
        var fingerprint = ""
        /// The files under attachments/, sorted by path.
        var attachments: [String] = []
        /// Each attachment's own digest, by its path relative to the data folder.
        var digests: [String: AttachmentInspector.Digest] = [:]
        /// The first file that could not be read, with its place in the reading order (the
        /// attachments count after `files`).
        var failure: (index: Int, failure: InputFailure)?
    }

    private let root: String
    private let files: [String]
    private var hasher: SHA256
    private var outcome = Outcome()
    private let lock = NSLock()
    private var isCancelled = false
    private var thread: Background<Void>?

    private init(root: String, files: [String], hasher: SHA256) {
        self.root = root
        self.files = files
        self.hasher = hasher
    }

    /// Starts fingerprinting `files` (relative to the data folder `root`, in reading order) and
    /// then the attachments, continuing `hasher`.
    static func start(root: String, files: [String], continuing hasher: SHA256) -> FolderFingerprint {
        let fingerprint = FolderFingerprint(root: root, files: files, hasher: hasher)
        fingerprint.thread = Background { fingerprint.run() }
        return fingerprint
    }

    /// Waits for the thread and returns what it found.
    func finish() -> Outcome {
        thread?.wait()
        return outcome
    }

    /// Stops the thread after the file it is reading and waits for it (the import failed elsewhere).
    func cancel() {
        lock.withLock { isCancelled = true }
        thread?.wait()
    }

    private var shouldStop: Bool { lock.withLock { isCancelled } }

    private func run() {
        for (index, name) in files.enumerated() {
            guard !shouldStop else { return }
            do throws(InputFailure) {
                try InputFile(path: root + "/" + name, name: name).scan(into: &hasher, validatingUTF8: false)
            } catch {
                outcome.failure = (index, error)
                return
            }
        }
        let attachments = FileTree.regularFiles(under: root + "/attachments", prefix: "attachments")
            .sorted(by: precedesInCodePointOrder)
        for (index, name) in attachments.enumerated() {
            guard !shouldStop else { return }
            var own = SHA256()
            do throws(InputFailure) {
                let byteCount = try InputFile(path: root + "/" + name, name: name).scan(
                    into: &hasher, validatingUTF8: false, fileHasher: &own
                ).byteCount
                outcome.digests[name] = AttachmentInspector.Digest(sha256: lowercaseHex(own.finalize()), byteCount: byteCount)
            } catch {
                outcome.failure = (files.count + index, error)
                return
            }
        }
        outcome.attachments = attachments
        outcome.fingerprint = lowercaseHex(hasher.finalize())
    }
}
