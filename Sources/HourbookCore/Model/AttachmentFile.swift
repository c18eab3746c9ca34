/// What the importer found at an attachment path: whether it is a regular file inside the
/// data folder, and its SHA-256. The rules (F-ATTACHMENT) and the evidence archives read it.
public struct AttachmentFile: Hashable, Sendable {
    /// Why an attachment path cannot be used.
    public enum Problem: String, Hashable, Sendable {
        case empty
        case absolute
        /// Leaves the data folder after resolving `..` and symbolic links.
        case outsideFolder = "outside-folder"
        /// Names no regular file.
        case missing
    }

    /// The path as written in the filing.
    public var path: String
    /// The file's path relative to the (resolved) data folder, when usable.
    public var resolvedPath: String?
    public var problem: Problem?
    /// Lowercase hex SHA-256 of the content, when usable.
    public var sha256: String?
    public var byteCount: Int

    public init(path: String, resolvedPath: String? = nil, problem: Problem? = nil, sha256: String? = nil, byteCount: Int = 0) {
        self.path = path
        self.resolvedPath = resolvedPath
        self.problem = problem
        self.sha256 = sha256
        self.byteCount = byteCount
    }
}
