import HourbookCore
import HourbookRules

/// 学时档案: one page per learner of the roster with every year in it, laid out like the
/// platform's own (学时概览, 线下培训情况, 线上培训情况, …), the latest year first.
///
/// The largest part of the site (55 KB a page, 100,000 pages): a page is written straight into
/// one buffer, its ledger rows piece by piece, and everything that repeats across learners
/// (course and class names, session times, reasons) is escaped once, not once per entry.
struct LearnerPages {
    /// One rendering worker's reasons, escaped, in the page language.
    static func reasons(in language: String) -> RenderedReasons {
        RenderedReasons(english: language == "en") { reason in
            var text = HTML()
            text.text(reason)
            return text.bytes
        }
    }

    let context: SiteContext
    /// The ledger, whose entries are read in place: copying an entry costs a dozen reference
    /// counts (copies were about 4 % of the site's CPU, profiled), so the rows take a pointer into
    /// the array's buffer and read the fields they show through it.
    private let entries: [LedgerEntry]
    private let reportedYears: Set<Int>
    /// The escaped cells of every training source and session and of the ledger rows, which the
    /// rows copy by range.
    private let fragments: Fragments
    private let chapterSources: [String: TrainingSource]
    private let classSources: [String: TrainingSource]
    /// Each check-in's class and the time of its session in that class.
    private let checkinSources: [String: CheckinSource]
    /// Each session's time, by class and session id, for a check-in counted in another class.
    private let sessionPeriods: [SessionKey: Range<Int>]
    /// Each filing as its rows show it: its own name and dates, or its class's for a make-up.
    private let filingRows: [String: TrainingRow]
    /// The year each class ends in, for 班级学习进度 (a class looked up by value is copied whole).
    private let classEndYears: [String: Int]
    /// The ledger rows' status and source kind cells, in `fragments`.
    private let statusCells: CaseCells<EntryStatus>
    private let kindCells: CaseCells<SourceKind>

    /// The cells that repeat across learners (course and class names, hosts, subjects, session
    /// times), escaped once into one byte store and copied into pages by range. A row so
    /// counts no reference: with a class per source and an array per cell, the retains and
    /// releases of objects that both cores share were 4.6 % of the site's samples (20,000
    /// learners, profiled).
    struct Fragments {
        private(set) var bytes: [UInt8] = []

        /// Stores `html`; the range it is found at.
        mutating func add(_ html: HTML) -> Range<Int> {
            let start = bytes.count
            bytes += html.bytes
            return start..<bytes.count
        }
    }

    /// The course, class or filing behind a training row: its name, and the row's cells
    /// before and after the period and hours, in `fragments`.
    struct TrainingSource {
        var name: Range<Int>
        /// `<tr><th scope="row">name</th><td>host</td><td class="period">`.
        var rowStart: Range<Int>
        /// `</td><td>subject</td></tr>` and the line's end.
        var rowEnd: Range<Int>

        init(name: String, host: String?, subject: String?, into fragments: inout Fragments) {
            self.name = fragments.add("\(name)")
            self.rowStart = fragments.add("<tr><th scope=\"row\">\(name)</th><td>\(host)</td><td class=\"period\">")
            self.rowEnd = fragments.add("</td><td>\(subject)</td></tr>\n")
        }
    }

    /// A ledger row's cell with the markup around it for each case of `Key`: its status cell
    /// (`</td><td class="nowrap">已认定</td><td class="num">`) and the start of its source cell
    /// (`</td><td><span class="source-id">章节 <code>`), one copy per row where the label,
    /// escaped, and the markup around it were four appends (of a dozen each row, millions of rows).
    struct CaseCells<Key: CaseIterable & Equatable & Sendable>: Sendable {
        private let cells: [(key: Key, range: Range<Int>)]

        init(into fragments: inout Fragments, _ cell: (Key) -> HTML) {
            cells = Key.allCases.map { ($0, fragments.add(cell($0))) }
        }

        /// Five cases: a scan, no hashing.
        subscript(_ key: Key) -> Range<Int> { cells.first { $0.key == key }!.range }
    }

    /// A check-in, as its index in the dataset's list (its class and session ids are read there
    /// when needed), and its session's time in its class, when it has one: 12 bytes. With the
    /// two ids copied in, the table of the 1 million check-ins at 100,000 learners took about
    /// 150 MB of the site stage's memory, at the build's peak.
    struct CheckinSource {
        private let storedIndex: Int32
        /// `period`'s bounds in the fragments, or -1 as the start when absent.
        private let periodStart: Int32
        private let periodEnd: Int32

        init(index: Int, period: Range<Int>?) {
            // The fragments hold the catalog's, the classes' and the filings' texts escaped once:
            // far from 2 GB.
            storedIndex = Int32(index)
            periodStart = period.map { Int32($0.lowerBound) } ?? -1
            periodEnd = period.map { Int32($0.upperBound) } ?? -1
        }

        var index: Int { Int(storedIndex) }
        var period: Range<Int>? { periodStart < 0 ? nil : Int(periodStart)..<Int(periodEnd) }
    }

    struct SessionKey: Hashable {
        var classID: String
        var sessionID: String
    }

    /// One row of 线下 / 线上培训情况, resolved from an entry's source record.
    struct TrainingRow {
        /// Nil when the record is unknown: the row then names the entry's source id alone.
        var source: TrainingSource?
        var period: Period
    }

    /// 起止时间 of a training row.
    enum Period {
        /// The entry's own date (a chapter's), or nothing.
        case day(LocalDate?)
        /// A session's time or a filing's dates, in `fragments`.
        case span(Range<Int>)
    }

    init(context: SiteContext) {
        self.context = context
        self.entries = context.ledger.entries
        self.reportedYears = Set(context.tally.years)
        var fragments = Fragments()
        var chapterSources: [String: TrainingSource] = [:]
        for (id, chapter) in context.chapters {
            let course = context.courses[chapter.courseID]
            let name = [course?.title, chapter.title].compactMap { $0 }.joined(separator: " · ")
            chapterSources[id] = TrainingSource(
                name: name.isEmpty ? id : name, host: course?.producer, subject: course?.subject, into: &fragments)
        }
        self.chapterSources = chapterSources
        var classSources: [String: TrainingSource] = [:]
        var sessionPeriods: [SessionKey: Range<Int>] = [:]
        for (id, trainingClass) in context.classes {
            // The first session of an id wins, as `TrainingClass.session(_:)` finds it.
            for session in trainingClass.sessions.reversed() {
                var period = HTML()
                period.append(session.date)
                period.raw(" ")
                period.append(session.start)
                period.raw("–")
                period.append(session.end)
                sessionPeriods[SessionKey(classID: id, sessionID: session.id)] = fragments.add(period)
            }
            classSources[id] = TrainingSource(
                name: trainingClass.title, host: trainingClass.host, subject: trainingClass.subject, into: &fragments)
        }
        self.classSources = classSources
        self.sessionPeriods = sessionPeriods
        // Straight from the dataset's list, reading each check-in in place (a dictionary of whole
        // check-ins copied every one of them: 200,000 at 20,000 learners).
        var checkinSources: [String: CheckinSource] = [:]
        checkinSources.reserveCapacity(context.dataset.checkins.count)
        for index in context.dataset.checkins.indices {
            let id = context.dataset.checkins[index].id
            // The first check-in of an id wins.
            guard checkinSources[id] == nil else { continue }
            let classID = context.dataset.checkins[index].classID
            let sessionID = context.dataset.checkins[index].sessionID
            checkinSources[id] = CheckinSource(
                index: index, period: sessionPeriods[SessionKey(classID: classID, sessionID: sessionID)])
        }
        self.checkinSources = checkinSources
        var filingRows: [String: TrainingRow] = [:]
        for (id, index) in context.filingIndex {
            let filing = context.dataset.filings[index]
            if filing.type == .makeup, let classID = filing.classID, let trainingClass = context.classes[classID],
                let classSource = classSources[classID]
            {
                filingRows[id] = TrainingRow(
                    source: classSource,
                    period: .span(fragments.add("\(Format.period(trainingClass.start, trainingClass.end))")))
            } else {
                filingRows[id] = TrainingRow(
                    source: TrainingSource(
                        name: filing.name ?? filing.id, host: filing.host, subject: filing.subject, into: &fragments),
                    period: .span(fragments.add("\(Format.period(filing.start, filing.end))")))
            }
        }
        self.filingRows = filingRows
        let labels = context.labels
        self.statusCells = CaseCells(into: &fragments) { status in
            "</td><td class=\"nowrap\">\(labels.entryStatus(status))</td><td class=\"num\">"
        }
        self.kindCells = CaseCells(into: &fragments) { kind in
            "</td><td><span class=\"source-id\">\(labels.sourceKind(kind)) <code>"
        }
        self.fragments = fragments
        self.classEndYears = context.classes.mapValues(\.end.year)
    }

    func makeLearnerHTML(_ learner: Learner, reasons: inout RenderedReasons) -> HTML {
        let labels = context.labels
        let layout = Layout(context: context, depth: 1)
        let range = context.ledger.entries(of: learner.id).indices
        let years = context.learnerYears[learner.id] ?? [:]
        let department = context.departmentsByID[learner.departmentID]

        // A learner's entries are ordered by year: each reported year is one run of them.
        var byYear: [Int: Range<Int>] = [:]
        var other: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let year = entries[index].year
            var end = index + 1
            while end < range.upperBound && entries[end].year == year { end += 1 }
            if let year, reportedYears.contains(year) {
                byYear[year] = index..<end
            } else {
                other.append(contentsOf: index..<end)
            }
            index = end
        }
        let shownYears = context.yearsDescending.filter { years[$0] != nil || byYear[$0] != nil }

        var crumbs: [(String, String?)] = [(labels.home, layout.link("index.html"))]
        if let department, let latest = context.latestYear {
            crumbs.append((department.name, layout.link(context.paths.departmentPage(department.id, year: latest))))
        }
        crumbs.append((learner.name, nil))

        // Room for the whole page, so that it is never copied while it grows.
        var page = HTML(capacity: 8192 + 768 * range.count)
        layout.begin(&page, title: learner.name + labels.archiveOf, breadcrumbs: crumbs, bodyClass: "learner")
        let organisation = context.dataset.settings.site.organisation
        let certificateTitle = organisation.isEmpty ? labels.certificate : organisation + " " + labels.certificate
        page += """
            <p class="print-only certificate">\(certificateTitle)</p>
            <h1>\(learner.name)<span class="suffix">\(labels.archiveOf)</span></h1>
            <dl class="person">
            <div><dt>\(labels.id)</dt><dd><code>\(learner.id)</code></dd></div>

            """
        if let department {
            page += "<div><dt>\(labels.department)</dt><dd>\(department.name)</dd></div>\n"
        } else {
            page += "<div><dt>\(labels.department)</dt><dd><code>\(learner.departmentID)</code></dd></div>\n"
        }
        if let rank = learner.rank { page += "<div><dt>\(labels.rank)</dt><dd>\(rank)</dd></div>\n" }
        if let phone = learner.phone { page += "<div><dt>\(labels.phone)</dt><dd>\(Format.maskedPhone(phone))</dd></div>\n" }
        page += "</dl>\n"
        if let asOf = context.dataAsOf {
            page += "<p class=\"print-only as-of\">\(labels.dataAsOf) \(asOf)</p>\n"
        }
        page += layout.yearSwitcher(current: nil, years: shownYears) { "#y\($0)" }

        for year in shownYears {
            yearSection(
                learner, year: year, figures: years[year], entries: byYear[year] ?? range.lowerBound..<range.lowerBound,
                layout: layout, reasons: &reasons, into: &page)
        }
        if !other.isEmpty {
            page += "<section class=\"year-section no-print\" id=\"other\"><h2>\(labels.otherEntries)</h2>\n"
            ledgerTable(other, caption: labels.otherEntries, reasons: &reasons, into: &page)
            page += "</section>\n"
        }
        layout.end(&page)
        return page
    }

    private func yearSection(
        _ learner: Learner, year: Int, figures: LearnerYear?, entries range: Range<Int>, layout: Layout,
        reasons: inout RenderedReasons, into html: inout HTML
    ) {
        let labels = context.labels
        html += "<section class=\"year-section\" id=\"y\(year)\"><h2>\(year) \(labels.archive)</h2>\n"

        // 学时概览.
        html += "<div class=\"block keep\"><h3>\(labels.overview)</h3>\n"
        if let figures {
            html += """
                <dl class="figures">
                <div><dt>\(labels.onlineHours)</dt><dd>\(figures.onlineHours)</dd></div>
                <div><dt>\(labels.offlineHours)</dt><dd>\(figures.offlineHours)</dd></div>
                <div><dt>\(labels.totalHours)</dt><dd>\(figures.totalHours)</dd></div>
                <div><dt>\(labels.requiredHours)</dt><dd>\(figures.requirement.total)</dd></div>
                <div><dt>\(labels.status)</dt><dd class="status-\(figures.status.rawValue)">\(labels.statusText(figures.status))</dd></div>
                </dl>

                """
            html += """
                <div class="table-wrap"><table><caption>\(year) · \(labels.overview)</caption>
                <thead><tr><th scope="col">\(labels.category)</th><th scope="col">\(labels.mode)</th><th scope="col" class="num">\(labels.hours)</th></tr></thead><tbody>

                """
            for category in context.dataset.settings.categories {
                html += """
                    <tr><th scope="row">\(category.name)</th><td>\(category.mode == .online ? labels.online : labels.offline)</td><td class="num">\(figures.hoursByCategory[category.id] ?? .zero)</td></tr>

                    """
            }
            html += "</tbody></table></div>\n"
            html += requirement(figures)
            // 学时证明: the learner's page in the department's print file (written by HourbookCertificates).
            let certificate = context.paths.certificatePage(learner.departmentID, year: year)
            html += "<p class=\"certificate-link no-print\"><a href=\"\(layout.link(certificate))#\(context.paths.certificateAnchor(learner.id))\">\(year) \(labels.certificate)</a></p>\n"
        } else {
            html += "<p class=\"note\">\(labels.notActive)</p>\n"
        }
        html += "</div>\n"

        // 线下 / 线上培训情况.
        var offline: [Int] = []
        var online: [Int] = []
        var pending: [Int] = []
        var rejected: [Int] = []
        var inProgress: [Int] = []
        entries.withUnsafeBufferPointer { entries in
            for index in range {
                switch entries[index].status {
                case .credited, .capped:
                    let isOnline = isOnline(category: entries[index].categoryID, kind: entries[index].source.kind)
                    if isOnline { online.append(index) } else { offline.append(index) }
                case .pending:
                    if entries[index].rule == .playbackIncomplete {
                        inProgress.append(index)
                    } else if entries[index].source.kind == .filing {
                        pending.append(index)
                    }
                case .rejected:
                    if entries[index].source.kind == .filing { rejected.append(index) }
                case .flagged:
                    break
                }
            }
        }
        trainingTable(offline, title: labels.offlineTraining, year: year, into: &html)
        trainingTable(online, title: labels.onlineTraining, year: year, into: &html)

        if !pending.isEmpty || !rejected.isEmpty {
            html += filingsTable(pending, title: labels.pendingFilings, year: year, showsReason: false, reasons: &reasons)
            html += filingsTable(rejected, title: labels.rejectedFilings, year: year, showsReason: true, reasons: &reasons)
        }

        if !inProgress.isEmpty {
            html += """
                <div class="\(blockClass(inProgress.count))"><h3>\(labels.chaptersInProgress)</h3>
                <div class="table-wrap"><table class="wide"><caption>\(year) · \(labels.chaptersInProgress)</caption>
                <thead><tr><th scope="col">\(labels.course)</th><th scope="col">\(labels.chapter)</th><th scope="col" class="num">\(labels.progress)</th><th scope="col">\(labels.date)</th></tr></thead><tbody>

                """
            for index in inProgress {
                let entry = entries[index]
                let chapter = context.chapters[entry.source.id]
                let course = chapter.flatMap { context.courses[$0.courseID] }
                let percent = entry.detail.progressPercent.map { "\($0)%" } ?? "—"
                html += """
                    <tr><th scope="row">\(course?.title ?? "")</th><td>\(chapter?.title ?? entry.source.id)</td>\
                    <td class="num"><meter min="0" max="100" value="\(entry.detail.progressPercent ?? 0)"></meter> \(percent)</td><td>\(entry.date.map(\.description))</td></tr>

                    """
            }
            html += "</tbody></table></div></div>\n"
        }

        html += classProgress(learner, year: year)
        html += attachments(range, year: year)

        if !range.isEmpty {
            html += "<div class=\"no-print\"><h3>\(labels.ledger)</h3>\n"
            ledgerTable(range, caption: "\(year) · \(labels.ledger)", reasons: &reasons, into: &html)
            html += "</div>\n"
        }
        html += "</section>\n"
    }

    private func requirement(_ figures: LearnerYear) -> HTML {
        let labels = context.labels
        // The group is named only when it is not the settings' fallback group (`default`),
        // which means nothing to the people reading the page.
        var html: HTML = "<p class=\"requirement\">\(labels.requirement)"
        if figures.requirementGroup != "default" && !figures.requirementGroup.isEmpty {
            html += "\(labels.openParenthesis)\(labels.requirementGroup)\(labels.colon)\(figures.requirementGroup)\(labels.closeParenthesis)"
        }
        html += "\(labels.colon)\(labels.totalHours) \(figures.requirement.total)"
        for (id, minimum) in figures.requirement.categoryMinimums.sorted(by: { CodePoint.less($0.key, $1.key) }) {
            html += "\(labels.listSeparator)\(context.categoryName(id)) ≥ \(minimum)"
        }
        if let rolling = figures.requirement.rolling {
            html += "\(labels.listSeparator)\(rolling.years)\(labels.shortfallRolling) ≥ \(rolling.total)"
            if let total = figures.rollingTotal { html += "\(labels.openParenthesis)\(total)\(labels.closeParenthesis)" }
        }
        html += "</p>\n"
        if !figures.shortfalls.isEmpty {
            html += "<ul class=\"shortfalls\">"
            for shortfall in figures.shortfalls {
                let item: String
                switch shortfall.item {
                case .total: item = labels.shortfallTotal
                case .category(let id): item = context.categoryName(id)
                case .rolling(let years): item = "\(years)\(labels.shortfallRolling)"
                }
                html += "<li>\(item)\(labels.colon)\(shortfall.actual) / \(shortfall.required)\(labels.comma)\(labels.shortfall) <strong>\(shortfall.missing)</strong></li>"
            }
            html += "</ul>\n"
        }
        return html
    }

    /// A heading with its table. Printed, a short table (up to 10 rows) moves whole to the next
    /// page rather than split; a longer one may break between rows, its header repeated, and
    /// its heading stays with its first rows.
    private func blockClass(_ rows: Int) -> String { rows <= 10 ? "block keep" : "block" }

    /// Whether an entry of this category and source counts as 线上 (online) training. Takes the
    /// entry's fields, not the entry, which would be copied out of the ledger.
    private func isOnline(category id: String?, kind: SourceKind) -> Bool {
        if let category = context.category(id) { return category.mode == .online }
        return kind == .chapter
    }

    /// What the platform shows for an entry (read in place): the course, class or filing behind it.
    func trainingRow(_ entry: UnsafePointer<LedgerEntry>) -> TrainingRow {
        switch entry.pointee.source.kind {
        case .chapter:
            if let source = chapterSources[entry.pointee.source.id] {
                return TrainingRow(source: source, period: .day(entry.pointee.date))
            }
        case .checkin:
            let checkin = checkinSources[entry.pointee.source.id]
            let checkins = context.dataset.checkins
            let checkinClassID = checkin.map { checkins[$0.index].classID }
            if let classID = entry.pointee.detail.classID ?? checkinClassID, let source = classSources[classID] {
                if let checkin {
                    let period = classID == checkinClassID
                        ? checkin.period
                        : sessionPeriods[SessionKey(classID: classID, sessionID: checkins[checkin.index].sessionID)]
                    if let period { return TrainingRow(source: source, period: .span(period)) }
                }
                return TrainingRow(source: source, period: .day(entry.pointee.date))
            }
        case .filing:
            if let row = filingRows[entry.pointee.source.id] { return row }
        case .playback, .exam:
            break
        }
        return TrainingRow(source: nil, period: .day(entry.pointee.date))
    }

    /// The training name of a row, escaped.
    private func name(of row: TrainingRow, entry: UnsafePointer<LedgerEntry>) -> HTML {
        guard let source = row.source else { return "\(entry.pointee.source.id)" }
        return fragments.bytes.withUnsafeBufferPointer { store in
            var name = HTML()
            name.append(source.name, of: store)
            return name
        }
    }

    private func append(_ period: Period, from store: UnsafeBufferPointer<UInt8>, to html: inout HTML) {
        switch period {
        case .day(let date?): html.append(date)
        case .day(nil): break
        case .span(let range): html.append(range, of: store)
        }
    }

    private func trainingTable(_ indices: [Int], title: String, year: Int, into html: inout HTML) {
        let labels = context.labels
        // An empty table is said on screen and left out of the printed 学时证明.
        guard !indices.isEmpty else {
            html += "<div class=\"block no-print\"><h3>\(title)</h3>\n<p class=\"empty\">\(labels.none)</p></div>\n"
            return
        }
        html += """
            <div class="\(blockClass(indices.count))"><h3>\(title)</h3>
            <div class="table-wrap"><table class="wide training"><caption>\(year) · \(title)</caption>
            <thead><tr><th scope="col">\(labels.trainingName)</th><th scope="col">\(labels.host)</th><th scope="col">\(labels.period)</th><th scope="col" class="num">\(labels.hours)</th><th scope="col">\(labels.subject)</th></tr></thead><tbody>

            """
        let capNote: HTML = " <span class=\"note\">\(labels.capNote)</span>"
        fragments.bytes.withUnsafeBufferPointer { store in
            entries.withUnsafeBufferPointer { entries in
                for index in indices {
                    let entry = entries.baseAddress! + index
                    let row = trainingRow(entry)
                    if let source = row.source {
                        html.append(source.rowStart, of: store)
                    } else {
                        html.raw("<tr><th scope=\"row\">")
                        html.text(entry.pointee.source.id)
                        html.raw("</th><td></td><td class=\"period\">")
                    }
                    append(row.period, from: store, to: &html)
                    html.raw("</td><td class=\"num\">")
                    html.append(entry.pointee.hours)
                    if entry.pointee.isCapped { html += capNote }
                    if let source = row.source {
                        html.append(source.rowEnd, of: store)
                    } else {
                        html.raw("</td><td></td></tr>\n")
                    }
                }
            }
        }
        html += "</tbody></table></div></div>\n"
    }

    private func filingsTable(_ indices: [Int], title: String, year: Int, showsReason: Bool, reasons: inout RenderedReasons) -> HTML {
        let labels = context.labels
        guard !indices.isEmpty else { return "" }
        var html: HTML = """
            <div class="\(blockClass(indices.count))"><h3>\(title)</h3>
            <div class="table-wrap"><table class="wide"><caption>\(year) · \(title)</caption>
            <thead><tr><th scope="col">\(labels.trainingName)</th><th scope="col">\(labels.period)</th><th scope="col" class="num">\(labels.hours)</th><th scope="col">\(labels.submittedAt)</th><th scope="col">\(showsReason ? labels.reason : labels.status)</th></tr></thead><tbody>

            """
        for index in indices {
            let entry = entries[index]
            let (row, name) = entries.withUnsafeBufferPointer { entries in
                let row = trainingRow(entries.baseAddress! + index)
                return (row, self.name(of: row, entry: entries.baseAddress! + index))
            }
            var period = HTML()
            fragments.bytes.withUnsafeBufferPointer { append(row.period, from: $0, to: &period) }
            let filing = context.filing(entry.source.id)
            let claimed = entry.detail.claimedHours ?? filing?.requestedHours
            let submitted = filing?.submittedAt.map { Format.localMinute($0, in: context.dataset.settings.timezone) } ?? ""
            var last: HTML
            if showsReason {
                last = "<code>\(entry.rule.rawValue)</code> "
                last.append(entry.reason, from: &reasons)
            } else {
                last = "\(labels.pendingLabel)"
            }
            html += """
                <tr><th scope="row">\(name)</th><td class="period">\(period)</td><td class="num">\(claimed?.description ?? "—")</td><td class="nowrap">\(submitted)</td><td>\(last)</td></tr>

                """
        }
        html += "</tbody></table></div></div>\n"
        return html
    }

    private func classProgress(_ learner: Learner, year: Int) -> HTML {
        let labels = context.labels
        let items = (context.classProgress[learner.id] ?? []).filter { classEndYears[$0.classID] == year }
        guard !items.isEmpty else { return "" }
        var html: HTML = """
            <div class="\(blockClass(items.count))"><h3>\(labels.classProgress)</h3>
            <div class="table-wrap"><table><caption>\(year) · \(labels.classProgress)</caption>
            <thead><tr><th scope="col">\(labels.trainingClass)</th><th scope="col" class="num">\(labels.learnedHours)</th><th scope="col" class="num">\(labels.classRequiredHours)</th><th scope="col">\(labels.examEligibility)</th></tr></thead><tbody>

            """
        for item in items {
            let trainingClass = context.classes[item.classID]
            let eligibility: String
            if item.requiredHours == nil {
                eligibility = labels.noExamRequirement
            } else {
                eligibility = item.isExamEligible ? labels.eligible : labels.notEligible
            }
            html += """
                <tr><th scope="row">\(trainingClass?.title ?? item.classID)</th><td class="num">\(item.learnedHours)</td>\
                <td class="num">\(item.requiredHours?.description ?? "—")</td><td>\(eligibility)</td></tr>

                """
        }
        html += "</tbody></table></div></div>\n"
        return html
    }

    /// Each filing's attachments with their SHA-256 digests (from the pipeline; "—" when absent).
    private func attachments(_ range: Range<Int>, year: Int) -> HTML {
        let labels = context.labels
        var seen: Set<String> = []
        var rows: HTML = ""
        for index in range where entries[index].source.kind == .filing && seen.insert(entries[index].source.id).inserted {
            guard let filing = context.filing(entries[index].source.id) else { continue }
            let name = entries.withUnsafeBufferPointer { self.name(of: trainingRow($0.baseAddress! + index), entry: $0.baseAddress! + index) }
            for attachment in filing.attachments {
                let digest = context.options.attachmentDigests[attachment.path] ?? "—"
                rows += """
                    <tr><th scope="row">\(name)</th><td><code>\(attachment.path)</code></td><td><code class="digest">\(digest)</code></td></tr>

                    """
            }
        }
        guard !rows.isEmpty else { return "" }
        return """
            <div class="no-print"><h3>\(labels.attachments)</h3>
            <div class="table-wrap"><table class="wide"><caption>\(year) · \(labels.attachments)</caption>
            <thead><tr><th scope="col">\(labels.filing)</th><th scope="col">\(labels.path)</th><th scope="col">\(labels.digest)</th></tr></thead><tbody>
            \(rows)</tbody></table></div></div>

            """
    }

    /// The entries at `indices` as the ledger table, row by row into the page.
    private func ledgerTable<Indices: Sequence<Int>>(
        _ indices: Indices, caption: String, reasons: inout RenderedReasons, into html: inout HTML
    ) {
        let labels = context.labels
        html += """
            <div class="table-wrap"><table class="wide ledger"><caption>\(caption)</caption>
            <thead><tr><th scope="col">\(labels.date)</th><th scope="col">\(labels.rule)</th><th scope="col">\(labels.status)</th><th scope="col" class="num">\(labels.hours)</th><th scope="col" class="num">\(labels.cut)</th><th scope="col">\(labels.source)</th><th scope="col">\(labels.reason)</th></tr></thead><tbody>

            """
        var file = EscapedFile()
        fragments.bytes.withUnsafeBufferPointer { store in
            entries.withUnsafeBufferPointer { entries in
                for index in indices {
                    appendLedgerRow(entries.baseAddress! + index, cells: store, file: &file, reasons: &reasons, to: &html)
                }
            }
        }
        html += "</tbody></table></div>\n"
    }

    /// The previous row's source file, escaped. A learner's entries come by date, so that
    /// neighbouring rows mostly name the same file (a month's playback file); comparing a file
    /// with the previous one counts no reference, where escaping it did: its text is shared
    /// by every entry from the file, and counting it from both cores at once was 2 % of the
    /// site stage's samples at 20,000 learners.
    private struct EscapedFile {
        var file = ""
        var html = HTML()

        mutating func update(_ entry: UnsafePointer<LedgerEntry>) {
            guard entry.pointee.source.file != file else { return }
            file = entry.pointee.source.file
            html = "\(file)"
        }
    }

    /// One row of the ledger table, written piece by piece (millions of rows: no fragment each),
    /// from the entry read in place.
    private func appendLedgerRow(
        _ entry: UnsafePointer<LedgerEntry>, cells store: UnsafeBufferPointer<UInt8>, file: inout EscapedFile,
        reasons: inout RenderedReasons, to html: inout HTML
    ) {
        html.raw("<tr><td class=\"nowrap\">")
        if let date = entry.pointee.date { html.append(date) } else { html.raw("—") }
        html.raw("</td><td class=\"nowrap\"><code>")
        html.text(entry.pointee.rule.rawValue)
        html.raw("</code>")
        if entry.pointee.isCapped {
            html.raw(" <code>")
            html.text(RuleCode.yearCap.rawValue)
            html.raw("</code>")
        }
        html.append(statusCells[entry.pointee.status], of: store)
        html.append(entry.pointee.hours)
        html.raw("</td><td class=\"num\">")
        html.append(entry.pointee.cutHours)
        html.append(kindCells[entry.pointee.source.kind], of: store)
        html.text(entry.pointee.source.id)
        html.raw("</code></span> <code>")
        file.update(entry)
        html += file.html
        html.raw(":")
        html.append(entry.pointee.source.line)
        html.raw("</code></td><td>")
        html.append(entry.pointee.reason, from: &reasons)
        html.raw("</td></tr>\n")
    }
}
