/// What `hourbook verify-certificate` found, with the lines it prints.
public struct CertificateCheck: Sendable {
    public enum Outcome: Sendable {
        /// Genuine: the proof (or the published record) holds and the code matches the figures.
        case valid
        /// Altered, unknown, or signed by another key (exit status 1).
        case invalid
        /// The file, key or site could not be read (exit status 2).
        case unreadable
    }

    public var outcome: Outcome
    public var lines: [String]

    public init(outcome: Outcome, lines: [String]) {
        self.outcome = outcome
        self.lines = lines
    }
}
