import HourbookCore

/// Which department-years get an evidence archive: every department and reported year in
/// which a direct member has a filing entry in the ledger. The site links exactly these.
public enum EvidenceScope {
    /// Department id → the reported years with an archive, ascending.
    public static func archives(dataset: Dataset, ledger: Ledger, years: [Int]) -> [String: [Int]] {
        let reported = Set(years)
        var departmentOf: [String: String] = [:]
        for learner in dataset.learners { departmentOf[learner.id] = learner.departmentID }
        var found: [String: Set<Int>] = [:]
        for entry in ledger.entries where entry.source.kind == .filing {
            guard let year = entry.year, reported.contains(year), let department = departmentOf[entry.learnerID]
            else { continue }
            found[department, default: []].insert(year)
        }
        return found.mapValues { $0.sorted() }
    }
}
