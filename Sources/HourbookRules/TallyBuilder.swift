import HourbookCore

/// Y — totals and requirements: sums the ledger's credits per learner, year and category,
/// checks requirements (with category minimums and rolling windows) and rolls departments up.
struct TallyBuilder {
    let dataset: Dataset

    func build(ledger: Ledger, classProgress: [ClassProgress]) -> Tally {
        let settings = dataset.settings
        let years = reportedYears(ledger)
        let modes = Dictionary(settings.categories.map { ($0.id, $0.mode) }, uniquingKeysWith: { a, _ in a })

        // Learners are independent: slices of them are summed on every core, their entries read
        // in place (iterating the ledger copied every entry: 7.7 million copies, one core). They
        // are taken in id order through their indices: sorting the learners moved whole records.
        let learners = dataset.learners
        let order = learners.indices.sorted { CodePoint.less(learners[$0].id, learners[$1].id) }
        let learnerYears = Parallel.map(Parallel.slices(count: order.count)) { slice -> [LearnerYear] in
            var learnerYears: [LearnerYear] = []
            for learner in order[slice].lazy.map({ learners[$0] }) {
                // Credited hours by year and category (any year, active or not: rolling windows
                // need them). A learner's credits fall in a handful of pairs, mostly in runs of
                // one: a short list searched from the last pair, where dictionaries of years and
                // of categories hashed each credit's year and category text (the learners' sums
                // 171 -> 90 M instructions at 2,000 learners, callgrind).
                var sums: [CategorySum] = []
                ledger.entries.withUnsafeBufferPointer { entries in
                    var last = -1
                    for index in ledger.range(of: learner.id) where entries[index].status == .credited {
                        guard let year = entries[index].year, let category = entries[index].categoryID else { continue }
                        if last < 0 || sums[last].year != year || sums[last].categoryID != category {
                            last = sums.firstIndex { $0.year == year && $0.categoryID == category } ?? sums.count
                            if last == sums.count { sums.append(CategorySum(year: year, categoryID: category, hours: .zero)) }
                        }
                        sums[last].hours += entries[index].hours
                    }
                }
                // Once per learner, not per year: a rank is a Chinese text, slow to hash.
                let group = learner.rank.flatMap { settings.requirements[$0] != nil ? $0 : nil } ?? "default"
                let requirement = settings.requirement(forRank: learner.rank)
                for year in years where learner.isActive(in: year) {
                    var byCategory: [String: Hours] = [:]
                    for sum in sums where sum.year == year && modes[sum.categoryID] != nil && !sum.hours.isZero {
                        byCategory[sum.categoryID] = sum.hours
                    }
                    var online = Hours.zero
                    var offline = Hours.zero
                    for (category, hours) in byCategory {
                        if modes[category] == .online { online += hours } else { offline += hours }
                    }
                    let total = online + offline
                    var shortfalls: [Shortfall] = []
                    if total < requirement.total {
                        shortfalls.append(Shortfall(item: .total, required: requirement.total, actual: total))
                    }
                    for category in settings.categories {
                        guard let minimum = requirement.categoryMinimums[category.id] else { continue }
                        let actual = byCategory[category.id] ?? .zero
                        if actual < minimum { shortfalls.append(Shortfall(item: .category(category.id), required: minimum, actual: actual)) }
                    }
                    var rollingTotal: Hours?
                    if let rolling = requirement.rolling {
                        var sum = Hours.zero
                        let window = (year - rolling.years + 1)...year
                        for item in sums where window.contains(item.year) && modes[item.categoryID] != nil { sum += item.hours }
                        rollingTotal = sum
                        if sum < rolling.total {
                            shortfalls.append(Shortfall(item: .rolling(years: rolling.years), required: rolling.total, actual: sum))
                        }
                    }
                    learnerYears.append(
                        LearnerYear(
                            learnerID: learner.id, year: year, hoursByCategory: byCategory, onlineHours: online,
                            offlineHours: offline, totalHours: total, requirementGroup: group, requirement: requirement,
                            rollingTotal: rollingTotal, status: shortfalls.isEmpty ? .met : .notMet, shortfalls: shortfalls))
                }
            }
            return learnerYears
        }.flatMap { $0 }
        return Tally(
            years: years, learnerYears: learnerYears,
            departmentYears: departmentYears(learnerYears, years: years), classProgress: classProgress)
    }

    /// One learner's credited hours in one year and category.
    private struct CategorySum {
        var year: Int
        var categoryID: String
        var hours: Hours
    }

    /// The configured years, else every year in which a learner of the roster has a ledger entry.
    func reportedYears(_ ledger: Ledger) -> [Int] {
        if !dataset.settings.years.isEmpty { return Array(Set(dataset.settings.years)).sorted() }
        let roster = Set(dataset.learners.map(\.id))
        var years: Set<Int> = []
        // The roster is asked once per learner, not per entry.
        ledger.forEachLearnerRun { run in
            guard roster.contains(ledger.entries[run.lowerBound].learnerID) else { return }
            for index in run { if let year = ledger.entries[index].year { years.insert(year) } }
        }
        return years.sorted()
    }

    /// Every department in every reported year: its direct members, then its subtree.
    private func departmentYears(_ learnerYears: [LearnerYear], years: [Int]) -> [DepartmentYear] {
        let departmentOf = Dictionary(dataset.learners.map { ($0.id, $0.departmentID) }, uniquingKeysWith: { a, _ in a })
        struct Sums {
            var learners = 0
            var met = 0
            var total = Hours.zero
            var byCategory: [String: Hours] = [:]
        }
        var direct: [String: [Int: Sums]] = [:]
        for item in learnerYears {
            guard let department = departmentOf[item.learnerID] else { continue }
            var sums = direct[department, default: [:]][item.year, default: Sums()]
            sums.learners += 1
            if item.status == .met { sums.met += 1 }
            sums.total += item.totalHours
            for (category, hours) in item.hoursByCategory { sums.byCategory[category, default: .zero] += hours }
            direct[department, default: [:]][item.year] = sums
        }
        let tree = DepartmentTree(dataset.departments)
        var result: [DepartmentYear] = []
        for department in dataset.departments.sorted(by: { CodePoint.less($0.id, $1.id) }) {
            let subtree = tree.subtree(of: department.id)
            for year in years {
                let own = direct[department.id]?[year] ?? Sums()
                var all = Sums()
                for member in subtree {
                    let sums = direct[member]?[year] ?? Sums()
                    all.learners += sums.learners
                    all.met += sums.met
                    all.total += sums.total
                }
                result.append(
                    DepartmentYear(
                        departmentID: department.id, year: year, learners: own.learners, met: own.met,
                        totalHours: own.total, averageHours: Self.average(own.total, over: own.learners),
                        hoursByCategory: own.byCategory, subtreeLearners: all.learners, subtreeMet: all.met,
                        subtreeTotalHours: all.total))
            }
        }
        return result
    }

    /// total / count rounded half-up to hundredths; 0 with no learners.
    static func average(_ total: Hours, over count: Int) -> Hours {
        guard count > 0 else { return .zero }
        let n = Int64(count)
        let t = total.hundredths
        let rounded = t >= 0 ? (2 * t + n) / (2 * n) : -((-2 * t + n) / (2 * n))
        return Hours(hundredths: rounded)
    }
}

/// The repaired department hierarchy: children in display order (sort_order, then name, then id).
public struct DepartmentTree: Sendable {
    public let roots: [String]
    private let children: [String: [String]]

    public init(_ departments: [Department]) {
        let byID = Dictionary(departments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var children: [String: [Department]] = [:]
        var roots: [Department] = []
        for department in departments {
            if let parent = department.parentID, byID[parent] != nil, parent != department.id {
                children[parent, default: []].append(department)
            } else {
                roots.append(department)
            }
        }
        let order: (Department, Department) -> Bool = { a, b in
            switch (a.sortOrder, b.sortOrder) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.name != b.name ? CodePoint.less(a.name, b.name) : CodePoint.less(a.id, b.id)
            }
        }
        self.roots = roots.sorted(by: order).map(\.id)
        self.children = children.mapValues { $0.sorted(by: order).map(\.id) }
    }

    /// Direct sub-departments in display order.
    public func children(of id: String) -> [String] { children[id] ?? [] }

    /// The department and every department below it (guarded against cycles).
    public func subtree(of id: String) -> [String] {
        var result: [String] = []
        var seen: Set<String> = []
        var stack = [id]
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            result.append(next)
            stack.append(contentsOf: children(of: next).reversed())
        }
        return result
    }
}
