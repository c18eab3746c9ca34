import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads attachments only from inside the data folder (RULES.md F-ATTACHMENT): a path must be
/// relative and resolve, after `..` and symbolic links, to a regular file inside the data
/// folder. A symbolic link leading out of the folder is never followed for reading.
struct AttachmentResolver: Sendable {
    /// What reading an attachment gave.
    enum Outcome {
        case contents(Data)
        /// Not packed, with the reason in English and Chinese for README.txt.
        case refused(Refusal)
    }

    enum Refusal: Equatable {
        case empty
        case absolute
        case missing
        case outsideDataFolder
        case notRegularFile
        case unreadable
        case dataFolderUnresolvable

        var text: String {
            switch self {
            case .empty: "empty path (路径为空)"
            case .absolute: "absolute path (绝对路径)"
            case .missing: "no such file (文件不存在)"
            case .outsideDataFolder: "leads out of the data folder (指向数据文件夹之外)"
            case .notRegularFile: "not a regular file (不是普通文件)"
            case .unreadable: "cannot be read (无法读取)"
            case .dataFolderUnresolvable: "the data folder cannot be resolved (无法解析数据文件夹)"
            }
        }
    }

    /// The data folder after realpath, without a trailing slash; nil if it cannot be resolved.
    let root: String?

    init(dataFolder: String) {
        root = Self.realPath(dataFolder)
    }

    func read(_ path: String) -> Outcome {
        guard let root else { return .refused(.dataFolderUnresolvable) }
        guard !path.isEmpty else { return .refused(.empty) }
        guard !path.hasPrefix("/"), !path.contains("\0") else { return .refused(.absolute) }
        guard let resolved = Self.realPath(root + "/" + path) else {
            return .refused(errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable)
        }
        let prefix = root == "/" ? "/" : root + "/"
        guard resolved.hasPrefix(prefix), resolved.count > prefix.count else { return .refused(.outsideDataFolder) }
        // The resolved path holds no symbolic link; O_NOFOLLOW refuses one swapped in since,
        // and O_NONBLOCK keeps a FIFO from blocking the open.
        let descriptor = open(resolved, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .refused(.unreadable) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            return .refused(.unreadable)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return .refused(.notRegularFile)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            return .contents(try handle.readToEnd() ?? Data())
        } catch {
            return .refused(.unreadable)
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
