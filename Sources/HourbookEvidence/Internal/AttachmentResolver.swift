import Foundation
import HourbookCore

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
    /// Resolves the attachments, each folder once.
    private let paths = RealPaths()

    init(dataFolder: String) {
        root = RealPaths.realpath(dataFolder)
    }

    func read(_ path: String) -> Outcome {
        guard let root else { return .refused(.dataFolderUnresolvable) }
        guard !path.isEmpty else { return .refused(.empty) }
        guard !path.hasPrefix("/"), !path.contains("\0") else { return .refused(.absolute) }
        guard let resolved = paths.resolve(root + "/" + path) else {
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
        defer { close(descriptor) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .refused(.notRegularFile) }
        guard let contents = Self.readToEnd(descriptor, expectedSize: Int(status.st_size)) else {
            return .refused(.unreadable)
        }
        return .contents(contents)
    }

    /// Everything left to read from `descriptor`, into one buffer of the size `fstat` gave,
    /// grown if the file has grown since (FileHandle's readToEnd costs more than the read itself
    /// for the thousands of small attachments). Nil on a read error.
    static func readToEnd(_ descriptor: Int32, expectedSize: Int) -> Data? {
        // One byte more than expected, so that reaching the end takes no second buffer.
        var data = Data(count: max(expectedSize, 0) + 1)
        var count = 0
        while true {
            if count == data.count { data.count *= 2 }
            let read = data.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if read == 0 { break }
            count += read
        }
        data.count = count
        return data
    }
}
