import HourbookCore

/// Y-CAP: a category's cap on credited hours per learner and year.
///
/// Credits are taken in order of (date, then P < C < F, then source id). The credit that
/// crosses the cap keeps its rule and `credited`, cut to what fits; every later one becomes
/// `capped` with 0 hours. Cut hours add up with any earlier cut (F-HOURS-CUT).
enum CapRule {
    static func apply(to entries: inout [LedgerEntry], settings: Settings) {
        guard !settings.caps.isEmpty else { return }
        // (learner, year, category) → indices of its credits. Fields are read in place: copying
        // each of millions of entries would retain its texts.
        var groups: [Group: [Int]] = [:]
        for index in entries.indices {
            guard entries[index].status == .credited, let category = entries[index].categoryID,
                settings.caps[category] != nil, let year = entries[index].year
            else { continue }
            groups[Group(learnerID: entries[index].learnerID, year: year, categoryID: category), default: []].append(index)
        }
        for (key, indices) in groups {
            let cap = settings.caps[key.categoryID]!
            let ordered = indices.sorted { entries[$0].capOrder(before: entries[$1]) }
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
    /// The credits one cap applies to.
    private struct Group: Hashable {
        var learnerID: String
        var year: Int
        var categoryID: String
    }
}

extension LedgerEntry {
    /// Y-CAP's order: date, then family P < C < F, then source id (code point order).
    func capOrder(before other: LedgerEntry) -> Bool {
        if date != other.date {
            guard let a = date else { return true }
            guard let b = other.date else { return false }
            return a < b
        }
        let familyRank: (RuleCode) -> Int = { ["P": 0, "C": 1, "F": 2][$0.family] ?? 3 }
        if familyRank(rule) != familyRank(other.rule) { return familyRank(rule) < familyRank(other.rule) }
        return CodePoint.less(source.id, other.source.id)
    }
}
