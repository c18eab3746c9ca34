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

    /// Fills `dataset.attachmentFiles` for every attachment path the filings name. `known` holds
    /// the digests of the files under attachments/ by their path relative to the data folder.
    public static func inspect(_ dataset: inout Dataset, known: [String: Digest] = [:]) {
        let root = resolve(dataset.folderPath) ?? dataset.folderPath
        var files: [String: AttachmentFile] = [:]
        for filing in dataset.filings {
            for attachment in filing.attachments where files[attachment.path] == nil {
                files[attachment.path] = inspect(attachment.path, root: root, known: known)
            }
        }
        dataset.attachmentFiles = files
    }

    /// Inspects one path written in a filing, against the resolved data folder `root`.
    public static func inspect(_ path: String, root: String, known: [String: Digest] = [:]) -> AttachmentFile {
        if path.isEmpty { return AttachmentFile(path: path, problem: .empty) }
        // `utf8.contains`, not Foundation's `contains("\0")`: that one searched with
        // CFStringFindWithOptionsAndLocale, 63,000 times in the benchmark profile.
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.utf8.contains(0)
            || (path.count >= 2 && path.dropFirst().first == ":")
        {
            return AttachmentFile(path: path, problem: .absolute)
        }
        let joined = root + "/" + path
        guard let real = resolve(joined) else {
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
        let relative = String(real.dropFirst(root.count + 1))
        if let digest = known[relative], digest.byteCount == Int(info.st_size) {
            return AttachmentFile(path: path, resolvedPath: relative, sha256: digest.sha256, byteCount: digest.byteCount)
        }
        guard let data = FileManager.default.contents(atPath: real)
        else {
            return AttachmentFile(path: path, problem: .missing)
        }
        return AttachmentFile(
            path: path, resolvedPath: relative, sha256: lowercaseHex(SHA256.hash(data: data)), byteCount: data.count)
    }


    /// The canonical absolute path (symbolic links and `..` resolved), or nil if it does not exist.
    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
