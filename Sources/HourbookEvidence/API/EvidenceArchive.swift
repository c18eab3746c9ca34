/// One evidence archive written for a department and year (`evidence/YEAR/DEPT.zip`).
public struct EvidenceArchive: Hashable, Sendable {
    /// The archive's path relative to the output folder, as the site links it.
    public var path: String
    public var departmentID: String
    public var year: Int
    /// The number of files in the zip (attachments, ledger.csv, manifest-sha256.txt, README.txt).
    public var entryCount: Int
    /// SHA-256 of the zip file itself, lowercase hex, for the download page.
    public var sha256: String

    public init(path: String, departmentID: String, year: Int, entryCount: Int, sha256: String) {
        self.path = path
        self.departmentID = departmentID
        self.year = year
        self.entryCount = entryCount
        self.sha256 = sha256
    }
}
