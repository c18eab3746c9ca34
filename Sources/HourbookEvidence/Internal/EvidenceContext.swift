import HourbookCore
import HourbookRules

/// The lookups every archive of one run shares, built once: read-only, so the archives can be
/// assembled in parallel.
struct EvidenceContext: Sendable {
    let dataset: Dataset
    let ledger: Ledger
    let paths: OutputPaths
    let resolver: AttachmentResolver
    let filingsByID: [String: Filing]
    let learnersByID: [String: Learner]
    let departmentNames: [String: String]
    /// Direct members of each department, ordered by id in code point order.
    let membersByDepartment: [String: [String]]
    /// Each learner's entries, a contiguous run of `ledger.entries` (the ledger is ordered by
    /// learner). Found in one pass reading only learner ids: `Ledger.entries(of:)` copies every
    /// entry its binary search probes, which cost the archives more than their ledger.csv.
    let ledgerRuns: [String: Range<Int>]
    /// The key that signs the certificates, when the build signs.
    let publicKey: EvidencePublicKey?

    init(dataset: Dataset, ledger: Ledger, departmentIDs: [String], publicKey: EvidencePublicKey? = nil) {
        self.dataset = dataset
        self.publicKey = publicKey
        self.ledger = ledger
        paths = OutputPaths(
            learnerIDs: dataset.learners.map(\.id), departmentIDs: dataset.departments.map(\.id) + departmentIDs)
        resolver = AttachmentResolver(dataFolder: dataset.folderPath)
        filingsByID = Dictionary(dataset.filings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        learnersByID = Dictionary(dataset.learners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        departmentNames = Dictionary(
            dataset.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var members: [String: [String]] = [:]
        for learner in dataset.learners { members[learner.departmentID, default: []].append(learner.id) }
        membersByDepartment = members.mapValues { $0.sorted(by: CodePoint.less) }
        ledgerRuns = ledger.entries.withUnsafeBufferPointer { entries in
            var runs: [String: Range<Int>] = [:]
            var start = 0
            while start < entries.count {
                let learnerID = entries[start].learnerID
                var end = start + 1
                while end < entries.count, entries[end].learnerID == learnerID { end += 1 }
                runs[learnerID] = start..<end
                start = end
            }
            return runs
        }
    }

    /// How many ledger entries the members of `departmentID` have, all years: an archive's
    /// work (its ledger.csv, rendered and deflated) grows with it.
    func ledgerEntryCount(ofDepartment departmentID: String) -> Int {
        (membersByDepartment[departmentID] ?? []).reduce(0) { $0 + (ledgerRuns[$1]?.count ?? 0) }
    }

    /// The ledger entries of `learnerID`, in ledger order.
    func entries(of learnerID: String) -> ArraySlice<LedgerEntry> {
        ledger.entries[ledgerRuns[learnerID] ?? 0..<0]
    }
}
