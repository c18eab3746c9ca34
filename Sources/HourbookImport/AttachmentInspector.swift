import Crypto
import Foundation
import HourbookCore

/// Resolves every attachment path of the filings against the data folder: relative, inside
/// the folder after `..` and symbolic links, a regular file; and hashes it (SHA-256).
public enum AttachmentInspector {
    /// A file's digest taken while the folder fingerprint read it, so it is not read twice.
    public struct Digest: Sendable {
        public var sha256: String
        public var byteCount: Int
    }

    /// Inspects one path written in a filing, against the resolved data folder `root`.
    public static func inspect(_ path: String, root: String, known: [String: Digest] = [:]) -> AttachmentFile {
        digested(located(path, root: root, paths: RealPaths()), root: root, known: known)
    }

    /// Every attachment path `filings` name, resolved against the data folder `folder` but not yet
    /// hashed (`digested`): the import resolves them beside the playback files, where they took
    /// about a CPU-second with one core busy after them (90,000 filings, 100,000 learners).
    static func located(_ filings: [Filing], in folder: String) -> [String: AttachmentFile] {
        let root = resolve(folder) ?? folder
        let paths = RealPaths()
        var files: [String: AttachmentFile] = [:]
        for filing in filings {
            for attachment in filing.attachments where files[attachment.path] == nil {
                files[attachment.path] = located(attachment.path, root: root, paths: paths)
            }
        }
        return files
    }

    /// `files` (from `located`) with the digests of the usable ones filled in. `known` holds the
    /// digests of the files under attachments/ by their path relative to the data folder.
    static func digested(_ files: [String: AttachmentFile], in folder: String, known: [String: Digest]) -> [String: AttachmentFile] {
        let root = resolve(folder) ?? folder
        return files.mapValues { digested($0, root: root, known: known) }
    }

    /// One path written in a filing, resolved against `root`: a problem, or the file's path
    /// relative to `root` and its size, without a digest yet. `paths` resolves it.
    private static func located(_ path: String, root: String, paths: RealPaths) -> AttachmentFile {
        if path.isEmpty { return AttachmentFile(path: path, problem: .empty) }
        // `utf8.contains`, not Foundation's `contains("\0")`: that one searched with
        // CFStringFindWithOptionsAndLocale, 63,000 times in the benchmark profile.
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.utf8.contains(0)
            || (path.count >= 2 && path.dropFirst().first == ":")
        {
            return AttachmentFile(path: path, problem: .absolute)
        }
        let joined = root + "/" + path
        guard let real = paths.resolve(joined) else {
            // Nothing there; say whether it would have left the folder anyway.
            let normalized = URL(fileURLWithPath: joined).standardizedFileURL.path
            let inside = normalized.hasPrefix(root + "/")
            return AttachmentFile(path: path, problem: inside ? .missing : .outsideFolder)
        }
        guard real.hasPrefix(root + "/") else { return AttachmentFile(path: path, problem: .outsideFolder) }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return AttachmentFile(path: path, problem: .missing)
        }
        return AttachmentFile(path: path, resolvedPath: String(real.dropFirst(root.count + 1)), byteCount: Int(info.st_size))
    }

    /// A located file with its digest: `known`'s when the size still matches, else read and hashed here.
    private static func digested(_ file: AttachmentFile, root: String, known: [String: Digest]) -> AttachmentFile {
        guard file.problem == nil, let relative = file.resolvedPath else { return file }
        if let digest = known[relative], digest.byteCount == file.byteCount {
            return AttachmentFile(path: file.path, resolvedPath: relative, sha256: digest.sha256, byteCount: digest.byteCount)
        }
        guard let data = FileManager.default.contents(atPath: root + "/" + relative)
        else {
            return AttachmentFile(path: file.path, problem: .missing)
        }
        return AttachmentFile(
            path: file.path, resolvedPath: relative, sha256: lowercaseHex(SHA256.hash(data: data)), byteCount: data.count)
    }

    /// The canonical absolute path (symbolic links and `..` resolved), or nil if it does not exist.
    static func resolve(_ path: String) -> String? { RealPaths.realpath(path) }
}
