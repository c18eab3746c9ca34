import HourbookCore
import HourbookRules

/// Everything the page factory looks up, indexed once before rendering (read-only, shared by
/// every rendering thread). Every list is sorted so no dictionary order reaches a page.
struct SiteContext: Sendable {
    let dataset: Dataset
    let ledger: Ledger
    let tally: Tally
    let options: SiteOptions
    let labels: Labels
    let paths: OutputPaths
    /// Reported years, descending (the latest first, as people look for it).
    let yearsDescending: [Int]
    let latestYear: Int?

    let departmentsByID: [String: Department]
    /// Children of each department (and of "" for the roots), by sort order, then id.
    let children: [String: [Department]]
    let roots: [Department]
    /// Roster learners by department, by id.
    let membersByDepartment: [String: [Learner]]
    let learnerYears: [String: [Int: LearnerYear]]
    let departmentYears: [String: [Int: DepartmentYear]]
    let classProgress: [String: [ClassProgress]]
    let evidence: [String: Set<Int>]

    let chapters: [String: Chapter]
    let courses: [String: Course]
    let classes: [String: TrainingClass]
    /// Each filing id's first filing, as its index in the dataset's list: a dictionary of the
    /// filings themselves (two dozen fields each) was 45 MB of the site's peak at 100,000 learners.
    let filingIndex: [String: Int]

    func filing(_ id: String) -> Filing? { filingIndex[id].map { dataset.filings[$0] } }

    /// The latest date of any ledger entry: what the figures are "as of" (no build time, so
    /// two builds stay byte-identical).
    let dataAsOf: LocalDate?
    /// Sizes in bytes of the files in `exports/` (written before the pages), by file name.
    let exportSizes: [String: Int]

    /// Assets actually written (so pages link only what exists).
    let hasLogo: String?
    let hasCustomStylesheet: Bool

    init(
        dataset: Dataset, ledger: Ledger, tally: Tally, options: SiteOptions, logo: String?, customStylesheet: Bool,
        exportSizes: [String: Int] = [:]
    ) {
        self.dataset = dataset
        self.ledger = ledger
        self.tally = tally
        self.options = options
        self.labels = Labels.forLanguage(options.language)
        self.paths = OutputPaths(
            learnerIDs: dataset.learners.map(\.id), departmentIDs: dataset.departments.map(\.id))
        let years = tally.years.sorted()
        self.yearsDescending = years.reversed()
        self.latestYear = years.last
        self.hasLogo = logo
        self.hasCustomStylesheet = customStylesheet
        self.exportSizes = exportSizes
        // Only department pages need the evidence scope, a walk over the whole ledger: it runs
        // beside the rest of this index.
        let evidence = Background {
            EvidenceScope.archives(dataset: dataset, ledger: ledger, years: years).mapValues(Set.init)
        }
        // So do the tally's indexes, which need nothing else here (this index is built on one
        // thread before any page; half of it is the tally's).
        let tallyIndexes = Background { SiteContext.TallyIndexes(tally) }
        var latest: LocalDate?
        // By index: a loop over the entries themselves copies each (a dozen reference counts).
        for index in ledger.entries.indices {
            if let date = ledger.entries[index].date, latest.map({ $0 < date }) ?? true { latest = date }
        }
        self.dataAsOf = latest

        var departmentsByID: [String: Department] = [:]
        for department in dataset.departments { departmentsByID[department.id] = department }
        self.departmentsByID = departmentsByID
        var children: [String: [Department]] = [:]
        for department in dataset.departments {
            let parent = department.parentID.flatMap { departmentsByID[$0] == nil ? nil : $0 } ?? ""
            children[parent, default: []].append(department)
        }
        for key in Array(children.keys) { children[key]!.sort(by: SiteContext.departmentOrder) }
        self.children = children
        self.roots = children[""] ?? []

        var members: [String: [Learner]] = [:]
        for learner in dataset.learners { members[learner.departmentID, default: []].append(learner) }
        for key in Array(members.keys) { members[key]!.sort { CodePoint.less($0.id, $1.id) } }
        self.membersByDepartment = members

        self.chapters = Dictionary(dataset.chapters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.courses = Dictionary(dataset.courses.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.classes = Dictionary(dataset.classes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.filingIndex = Dictionary(dataset.filings.indices.map { (dataset.filings[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        let indexes = tallyIndexes.value
        self.learnerYears = indexes.learnerYears
        self.departmentYears = indexes.departmentYears
        self.classProgress = indexes.classProgress
        self.evidence = evidence.value
    }

    /// The tally's figures by learner and department, then year.
    struct TallyIndexes: Sendable {
        var learnerYears: [String: [Int: LearnerYear]] = [:]
        var departmentYears: [String: [Int: DepartmentYear]] = [:]
        var classProgress: [String: [ClassProgress]] = [:]

        init(_ tally: Tally) {
            for item in tally.learnerYears { learnerYears[item.learnerID, default: [:]][item.year] = item }
            for item in tally.departmentYears { departmentYears[item.departmentID, default: [:]][item.year] = item }
            for item in tally.classProgress { classProgress[item.learnerID, default: []].append(item) }
        }
    }

    /// Departments in display order: sort_order (absent last), then id by code point.
    static func departmentOrder(_ a: Department, _ b: Department) -> Bool {
        switch (a.sortOrder, b.sortOrder) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return CodePoint.less(a.id, b.id)
        }
    }

    /// Every department in tree order (depth first), guarding against any cycle left in the data.
    var departmentsInTreeOrder: [Department] {
        var result: [Department] = []
        var seen: Set<String> = []
        func visit(_ department: Department) {
            guard seen.insert(department.id).inserted else { return }
            result.append(department)
            for child in children[department.id] ?? [] { visit(child) }
        }
        for root in roots { visit(root) }
        // Departments only reachable through a cycle still get their pages.
        for department in dataset.departments.sorted(by: SiteContext.departmentOrder) where !seen.contains(department.id) {
            visit(department)
        }
        return result
    }

    func category(_ id: String?) -> HourbookCore.Category? {
        guard let id else { return nil }
        return dataset.settings.category(id)
    }

    func categoryName(_ id: String?) -> String {
        guard let id else { return "" }
        return category(id)?.name ?? id
    }

    /// The site's title for headers.
    var siteTitle: String { dataset.settings.site.title.isEmpty ? labels.archive : dataset.settings.site.title }
}
