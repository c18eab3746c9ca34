import Crypto
import Foundation
import HourbookCore

/// Resolves every attachment path of the filings against the data folder: relative, inside
/// the folder after `..` and symbolic links, a regular file; and hashes it (SHA-256).
public enum AttachmentInspector {
    /// Fills `dataset.attachmentFiles` for every attachment path the filings name.
    public static func inspect(_ dataset: inout Dataset) {
        let root = resolve(dataset.folderPath) ?? dataset.folderPath
        var files: [String: AttachmentFile] = [:]
        for filing in dataset.filings {
            for attachment in filing.attachments where files[attachment.path] == nil {
                files[attachment.path] = inspect(attachment.path, root: root)
            }
        }
        dataset.attachmentFiles = files
    }

    /// Inspects one path written in a filing, against the resolved data folder `root`.
    public static func inspect(_ path: String, root: String) -> AttachmentFile {
        if path.isEmpty { return AttachmentFile(path: path, problem: .empty) }
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\0")
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
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
            let data = FileManager.default.contents(atPath: real)
        else {
            return AttachmentFile(path: path, problem: .missing)
        }
        let digest = SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        return AttachmentFile(
            path: path, resolvedPath: String(real.dropFirst(root.count + 1)), sha256: digest, byteCount: data.count)
    }

    /// The canonical absolute path (symbolic links and `..` resolved), or nil if it does not exist.
    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
