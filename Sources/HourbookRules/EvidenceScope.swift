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
        // By index: `for entry in` would copy each of millions of entries to look at one field.
        let entries = ledger.entries
        for index in entries.indices where entries[index].source.kind == .filing {
            guard let year = entries[index].year, reported.contains(year),
                let department = departmentOf[entries[index].learnerID]
            else { continue }
            found[department, default: []].insert(year)
        }
        return found.mapValues { $0.sorted() }
    }
}
