import HourbookCore

/// Y-CAP: a category's cap on credited hours per learner and year.
///
/// Credits are taken in order of (date, then P < C < F, then source id). The credit that
/// crosses the cap keeps its rule and `credited`, cut to what fits; every later one becomes
/// `capped` with 0 hours. Cut hours add up with any earlier cut (F-HOURS-CUT).
enum CapRule {
    /// Applies the caps to an ordered ledger, learner by learner on every core.
    ///
    /// The ledger's order reads nothing the cap changes (status, hours, reason), so the cap runs
    /// after it, where each learner's credits are one run. Before the order, one dictionary of
    /// (learner, year, category) → credits was filled with every credit on one thread (about as
    /// many instructions as now, 32 M at 2,000 learners, but on one core of two).
    static func apply(to ledger: inout Ledger, settings: Settings) {
        guard !settings.caps.isEmpty else { return }
        ledger.entries.withUnsafeMutableBufferPointer { entries in
            nonisolated(unsafe) let entries = entries
            _ = Parallel.map(Parallel.slices(count: entries.count)) { slice in
                // A learner's run belongs to the slice it starts in.
                var start = slice.lowerBound
                while start < slice.upperBound, start > 0, entries[start].learnerID == entries[start - 1].learnerID {
                    start += 1
                }
                while start < slice.upperBound {
                    var end = start + 1
                    while end < entries.count, entries[end].learnerID == entries[start].learnerID { end += 1 }
                    apply(to: entries, learner: start..<end, settings: settings)
                    start = end
                }
            }
        }
    }

    /// The caps of one learner's run of entries.
    private static func apply(
        to entries: UnsafeMutableBufferPointer<LedgerEntry>, learner run: Range<Int>, settings: Settings
    ) {
        // The learner's capped credits by year and category: a few groups, searched in a list.
        // Fields are read in place: copying an entry would retain its texts.
        var groups: [Group] = []
        // A learner's credits often share a category: whether it has a cap is asked again only
        // when the category changes.
        var lastCategory: String?
        var lastCap: Hours?
        for index in run {
            guard entries[index].status == .credited, let category = entries[index].categoryID,
                let year = entries[index].year
            else { continue }
            if category != lastCategory {
                lastCategory = category
                lastCap = settings.caps[category]
            }
            guard let cap = lastCap else { continue }
            if let group = groups.firstIndex(where: { $0.year == year && $0.categoryID == category }) {
                groups[group].indices.append(index)
            } else {
                groups.append(Group(year: year, categoryID: category, cap: cap, indices: [index]))
            }
        }
        for group in groups {
            let cap = group.cap
            let ordered = group.indices.sorted {
                LedgerEntry.capOrder(entries.baseAddress! + $0, before: entries.baseAddress! + $1)
            }
            var used = Hours.zero
            for index in ordered {
                let hours = entries[index].hours
                if used >= cap {
                    entries[index].status = .capped
                    entries[index].cutHours += hours
                    entries[index].hours = .zero
                    entries[index].isCapped = true
                } else if used + hours > cap {
                    let fits = cap - used
                    entries[index].cutHours += hours - fits
                    entries[index].hours = fits
                    entries[index].isCapped = true
                    used = cap
                } else {
                    used += hours
                }
                if entries[index].isCapped {
                    entries[index].reason = Messages.capped(entries[index], cap: cap, settings: settings)
                }
            }
        }
    }
}

extension CapRule {
    /// One learner's credits in one capped category and year.
    private struct Group {
        var year: Int
        var categoryID: String
        var cap: Hours
        var indices: [Int]
    }
}

extension LedgerEntry {
    /// Y-CAP's order: date, then family P < C < F, then source id (code point order). Entries
    /// are read through pointers: copying one retains its texts.
    static func capOrder(_ a: UnsafePointer<LedgerEntry>, before b: UnsafePointer<LedgerEntry>) -> Bool {
        if a.pointee.date != b.pointee.date {
            guard let x = a.pointee.date else { return true }
            guard let y = b.pointee.date else { return false }
            return x < y
        }
        let familyA = a.pointee.rule.familyRank, familyB = b.pointee.rule.familyRank
        if familyA != familyB { return familyA < familyB }
        return CodePoint.less(a.pointee.source.id, b.pointee.source.id)
    }
}

extension RuleCode {
    /// Y-CAP's order of the families: P, C, F, then the others.
    var familyRank: Int {
        switch family {
        case "P": 0
        case "C": 1
        case "F": 2
        default: 3
        }
    }
}
