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
        // A learner's credits often share a category: whether it has a cap is asked again only
        // when the category changes, not for each of millions of credits.
        var lastCategory: String?
        var lastHasCap = false
        for index in entries.indices {
            guard entries[index].status == .credited, let category = entries[index].categoryID,
                let year = entries[index].year
            else { continue }
            if category != lastCategory {
                lastCategory = category
                lastHasCap = settings.caps[category] != nil
            }
            guard lastHasCap else { continue }
            groups[Group(learnerID: entries[index].learnerID, year: year, categoryID: category), default: []].append(index)
        }
        for (key, indices) in groups {
            let cap = settings.caps[key.categoryID]!
            let ordered = entries.withUnsafeBufferPointer { entries in
                indices.sorted { LedgerEntry.capOrder(entries.baseAddress! + $0, before: entries.baseAddress! + $1) }
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
    /// The credits one cap applies to.
    private struct Group: Hashable {
        var learnerID: String
        var year: Int
        var categoryID: String
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
