/// What `EvidenceVerifier` found in an archive; `hourbook verify` prints `lines` and exits
/// 0 when intact, 1 when tampered, 2 when unreadable.
public struct VerificationReport: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// Every file matches the manifest and nothing is missing or extra.
        case intact
        /// Some file is missing, extra, altered, or has an unsafe name.
        case tampered
        /// The archive or its manifest could not be read, with the reason.
        case unreadable(reason: String)
    }

    /// The archive's path as given.
    public var archivePath: String
    public var outcome: Outcome
    /// Listed in the manifest, absent from the zip.
    public var missing: [String]
    /// In the zip, not in the manifest (the manifest itself excepted).
    public var extra: [String]
    /// In both, with a different SHA-256 (or content that cannot be decompressed).
    public var altered: [String]
    /// Entry names that are absolute, hold `..`, backslashes or control characters, or occur
    /// twice, and entries that are symbolic links: never written by Hourbook, never extracted.
    public var unsafe: [String]
    /// How many files had their digest recomputed.
    public var checked: Int

    public init(
        archivePath: String, outcome: Outcome, missing: [String] = [], extra: [String] = [],
        altered: [String] = [], unsafe: [String] = [], checked: Int = 0
    ) {
        self.archivePath = archivePath
        self.outcome = outcome
        self.missing = missing
        self.extra = extra
        self.altered = altered
        self.unsafe = unsafe
        self.checked = checked
    }

    /// The report for a terminal: a first line with the verdict, then one line per finding.
    /// Names from the archive are escaped, so a hostile name cannot forge a line.
    public var lines: [String] {
        let archive = Printable.escaped(archivePath)
        switch outcome {
        case .intact:
            return ["\(archive): intact, \(checked) files match manifest-sha256.txt"]
        case .unreadable(let reason):
            return ["\(archive): unreadable: \(reason)"]
        case .tampered:
            var lines = [
                "\(archive): TAMPERED: \(altered.count) altered, \(missing.count) missing, \(extra.count) extra, "
                    + "\(unsafe.count) unsafe (\(checked) files checked)"
            ]
            lines += altered.map { "  altered: \(Printable.escaped($0))" }
            lines += missing.map { "  missing: \(Printable.escaped($0))" }
            lines += extra.map { "  extra: \(Printable.escaped($0))" }
            lines += unsafe.map { "  unsafe entry: \(Printable.escaped($0))" }
            return lines
        }
    }
}
