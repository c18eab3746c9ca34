import HourbookCore
import HourbookRules

/// Compares two snapshots: figures row by row as the exports hold them, ledgers learner by
/// learner with entries matched by their source (kind and id).
public enum Differ {
    public static func compare(_ before: Snapshot, _ after: Snapshot) -> DiffReport {
        let years = Array(Set(before.years).union(after.years)).sorted()
        var report = DiffReport(
            before: before.origin, after: after.origin, years: years,
            yearsOnlyBefore: before.years.filter { !after.years.contains($0) },
            yearsOnlyAfter: after.years.filter { !before.years.contains($0) }, settingChanges: nil, inputChanges: nil,
            departments: departmentChanges(before.departments, after.departments), learners: [], ledgerCounts: [],
            learnersWithLedgerChanges: 0)
        if let a = before.settings, let b = after.settings { report.settingChanges = SettingsComparison.changes(a, b) }
        if let a = before.inputs, let b = after.inputs { report.inputChanges = inputChanges(a, b) }
        report.ledgerCounts = ledgerCounts(before.ledger, after.ledger)

        // Every learner's entries, matched by source; kept for the learners whose figures change.
        let changedEntries = entryChanges(before.ledger, after.ledger)
        report.learnersWithLedgerChanges = changedEntries.count
        for (learnerID, year, a, b) in pairs(before.learners, after.learners) {
            let change = LearnerChange(
                learnerID: learnerID, year: year, name: b?.name ?? a?.name ?? "", before: a, after: b,
                entries: (changedEntries[learnerID] ?? []).filter { $0.before?.year == year || $0.after?.year == year })
            if change.isStatusChange || change.isTotalChange || change.isMove { report.learners.append(change) }
        }
        return report
    }

    // MARK: - Figures

    /// Pairs rows of two lists sorted by (id, year), as a merge.
    static func pairs(_ a: [LearnerFigures], _ b: [LearnerFigures]) -> [(String, Int, LearnerFigures?, LearnerFigures?)] {
        var result: [(String, Int, LearnerFigures?, LearnerFigures?)] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && isBefore(a[i].learnerID, a[i].year, b[j].learnerID, b[j].year)) {
                result.append((a[i].learnerID, a[i].year, a[i], nil))
                i += 1
            } else if i == a.count || isBefore(b[j].learnerID, b[j].year, a[i].learnerID, a[i].year) {
                result.append((b[j].learnerID, b[j].year, nil, b[j]))
                j += 1
            } else {
                if a[i] != b[j] { result.append((a[i].learnerID, a[i].year, a[i], b[j])) }
                i += 1
                j += 1
            }
        }
        return result
    }

    private static func isBefore(_ id: String, _ year: Int, _ otherID: String, _ otherYear: Int) -> Bool {
        id != otherID ? CodePoint.less(id, otherID) : year < otherYear
    }

    static func departmentChanges(_ a: [DepartmentFigures], _ b: [DepartmentFigures]) -> [DepartmentChange] {
        var byKey: [String: [Int: (DepartmentFigures?, DepartmentFigures?)]] = [:]
        for row in a { byKey[row.departmentID, default: [:]][row.year, default: (nil, nil)].0 = row }
        for row in b { byKey[row.departmentID, default: [:]][row.year, default: (nil, nil)].1 = row }
        var changes: [DepartmentChange] = []
        for (id, years) in byKey {
            for (year, pair) in years where pair.0?.figures != pair.1?.figures {
                changes.append(
                    DepartmentChange(
                        departmentID: id, year: year, name: pair.1?.name ?? pair.0?.name ?? "", before: pair.0, after: pair.1))
            }
        }
        return changes.sorted { x, y in
            let a = magnitude(x)
            let b = magnitude(y)
            if a != b { return a.lexicographicallyPrecedes(b, by: >) }
            return x.departmentID != y.departmentID ? CodePoint.less(x.departmentID, y.departmentID) : x.year < y.year
        }
    }

    /// How much a department changes, compared in order: learners met, total hours, learners,
    /// then the same over its subtree.
    static func magnitude(_ change: DepartmentChange) -> [Int64] {
        let a = change.before?.figures ?? [0, 0, 0, 0, 0, 0]
        let b = change.after?.figures ?? [0, 0, 0, 0, 0, 0]
        let delta = zip(a, b).map { abs($1 - $0) }
        // figures: learners, met, total, subtree learners, subtree met, subtree total.
        return [delta[1], delta[2], delta[0], delta[4], delta[5], delta[3]]
    }

    static func inputChanges(_ a: [InputFileDigest], _ b: [InputFileDigest]) -> [InputChange] {
        let before = Dictionary(a.map { ($0.path, $0) }, uniquingKeysWith: { x, _ in x })
        let after = Dictionary(b.map { ($0.path, $0) }, uniquingKeysWith: { x, _ in x })
        var changes: [InputChange] = []
        for path in Set(before.keys).union(after.keys).sorted(by: CodePoint.less) {
            switch (before[path], after[path]) {
            case (nil, let added?): changes.append(InputChange(path: path, kind: .added, before: nil, after: added))
            case (let removed?, nil): changes.append(InputChange(path: path, kind: .removed, before: removed, after: nil))
            case (let x?, let y?) where x.sha256 != y.sha256 || x.byteCount != y.byteCount:
                changes.append(InputChange(path: path, kind: .changed, before: x, after: y))
            default: break
            }
        }
        return changes
    }

    // MARK: - Ledger

    static func ledgerCounts(_ a: CompactLedger, _ b: CompactLedger) -> [LedgerCount] {
        let before = a.countsByRuleAndStatus
        let after = b.countsByRuleAndStatus
        return Set(before.keys).union(after.keys).sorted().map { key in
            LedgerCount(
                ruleStatus: key, entriesBefore: before[key]?.entries ?? 0, entriesAfter: after[key]?.entries ?? 0,
                hoursBefore: before[key]?.hours ?? .zero, hoursAfter: after[key]?.hours ?? .zero)
        }
    }

    /// Per learner, the entries that appeared, disappeared or changed (learners with none are absent).
    static func entryChanges(_ a: CompactLedger, _ b: CompactLedger) -> [String: [EntryChange]] {
        // Category ids of the after side as indices of the before side, so entries compare as integers.
        let categoryOfBefore = Dictionary(a.categories.enumerated().map { ($1, Int16($0)) }, uniquingKeysWith: { x, _ in x })
        let categoryMap = b.categories.map { categoryOfBefore[$0] ?? Int16.max }
        var result: [String: [EntryChange]] = [:]
        var i = 0
        var j = 0
        while i < a.learnerIDs.count || j < b.learnerIDs.count {
            let learnerID: String
            if j == b.learnerIDs.count || (i < a.learnerIDs.count && CodePoint.less(a.learnerIDs[i], b.learnerIDs[j])) {
                learnerID = a.learnerIDs[i]
                i += 1
            } else if i == a.learnerIDs.count || CodePoint.less(b.learnerIDs[j], a.learnerIDs[i]) {
                learnerID = b.learnerIDs[j]
                j += 1
            } else {
                learnerID = a.learnerIDs[i]
                i += 1
                j += 1
            }
            let x = a.entries(of: learnerID)
            let y = b.entries(of: learnerID)
            if x.count == y.count && zip(x, y).allSatisfy({ isSame($0, $1, categoryMap) && $0.sourceID == $1.sourceID }) {
                continue
            }
            let changes = match(x, y, a, b, categoryMap)
            if !changes.isEmpty { result[learnerID] = changes }
        }
        return result
    }

    /// Whether two entries decide the same. The record's file and line may move; so may the
    /// coverage at which a credited chapter crossed the threshold. A chapter in progress that
    /// moves from 30 % to 45 % is a change (when both sides know its coverage: a published
    /// capped chapter's message does not name it).
    private static func isSame(_ x: CompactEntry, _ y: CompactEntry, _ categoryMap: [Int16]) -> Bool {
        x.kind == y.kind && x.rule == y.rule && x.status == y.status && x.hours == y.hours && x.cutHours == y.cutHours
            && x.packedYear == y.packedYear && x.isCapped == y.isCapped
            && (x.packedPercent == y.packedPercent || x.status != .pending || x.packedPercent < 0 || y.packedPercent < 0)
            && x.categoryIndex == (y.categoryIndex < 0 ? -1 : categoryMap[Int(y.categoryIndex)])
    }

    private struct SourceKey: Hashable {
        var kind: SourceKind
        var id: String
    }

    /// Matches one learner's entries by source (kind, id); repeated sources pair in order.
    private static func match(
        _ x: ArraySlice<CompactEntry>, _ y: ArraySlice<CompactEntry>, _ a: CompactLedger, _ b: CompactLedger,
        _ categoryMap: [Int16]
    ) -> [EntryChange] {
        var unmatched: [SourceKey: [CompactEntry]] = [:]
        for entry in x { unmatched[SourceKey(kind: entry.kind, id: entry.sourceID), default: []].append(entry) }
        var changes: [EntryChange] = []
        func change(_ kind: SourceKind, _ id: String, _ old: CompactEntry?, _ new: CompactEntry?) -> EntryChange {
            EntryChange(
                kind: kind, sourceID: id, before: old.map { EntryState($0, in: a) }, after: new.map { EntryState($0, in: b) },
                thresholdBefore: kind == .chapter ? a.chapterThresholdHundredths : nil,
                thresholdAfter: kind == .chapter ? b.chapterThresholdHundredths : nil)
        }
        for entry in y {
            let key = SourceKey(kind: entry.kind, id: entry.sourceID)
            if var candidates = unmatched[key], !candidates.isEmpty {
                let old = candidates.removeFirst()
                unmatched[key] = candidates
                if !isSame(old, entry, categoryMap) { changes.append(change(entry.kind, entry.sourceID, old, entry)) }
            } else {
                changes.append(change(entry.kind, entry.sourceID, nil, entry))
            }
        }
        for entry in x {
            let key = SourceKey(kind: entry.kind, id: entry.sourceID)
            if var candidates = unmatched[key], !candidates.isEmpty {
                let old = candidates.removeFirst()
                unmatched[key] = candidates
                changes.append(change(old.kind, old.sourceID, old, nil))
            }
        }
        return changes.sorted { p, q in
            let yearP = p.after?.year ?? p.before?.year ?? Int.min
            let yearQ = q.after?.year ?? q.before?.year ?? Int.min
            if yearP != yearQ { return yearP < yearQ }
            if p.kind != q.kind { return p.kind.rawValue < q.kind.rawValue }
            return CodePoint.less(p.sourceID, q.sourceID)
        }
    }
}
