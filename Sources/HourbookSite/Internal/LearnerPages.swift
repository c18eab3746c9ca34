import HourbookCore
import HourbookRules

/// 学时档案: one page per learner of the roster with every year in it, laid out like the
/// platform's own (学时概览, 线下培训情况, 线上培训情况, …), the latest year first.
struct LearnerPages {
    let context: SiteContext

    /// One row of 线下 / 线上培训情况, resolved from an entry's source record.
    struct TrainingRow {
        var name: String
        var host: String
        var period: String
        var subject: String
    }

    func makeLearnerHTML(_ learner: Learner) -> HTML {
        let labels = context.labels
        let layout = Layout(context: context, depth: 1)
        let entries = context.ledger.entries(of: learner.id)
        let years = context.learnerYears[learner.id] ?? [:]
        let department = context.departmentsByID[learner.departmentID]

        var byYear: [Int: [LedgerEntry]] = [:]
        var other: [LedgerEntry] = []
        let reported = Set(context.tally.years)
        for entry in entries {
            if let year = entry.year, reported.contains(year) {
                byYear[year, default: []].append(entry)
            } else {
                other.append(entry)
            }
        }
        let shownYears = context.yearsDescending.filter { years[$0] != nil || byYear[$0] != nil }

        var crumbs: [(String, String?)] = [(labels.home, layout.link("index.html"))]
        if let department, let latest = context.latestYear {
            crumbs.append((department.name, layout.link(context.paths.departmentPage(department.id, year: latest))))
        }
        crumbs.append((learner.name, nil))

        let organisation = context.dataset.settings.site.organisation
        let certificateTitle = organisation.isEmpty ? labels.certificate : organisation + " " + labels.certificate
        var main: HTML = """
            <p class="print-only certificate">\(certificateTitle)</p>
            <h1>\(learner.name)<span class="suffix">\(labels.archiveOf)</span></h1>
            <dl class="person">
            <div><dt>\(labels.id)</dt><dd><code>\(learner.id)</code></dd></div>

            """
        if let department {
            main += "<div><dt>\(labels.department)</dt><dd>\(department.name)</dd></div>\n"
        } else {
            main += "<div><dt>\(labels.department)</dt><dd><code>\(learner.departmentID)</code></dd></div>\n"
        }
        if let rank = learner.rank { main += "<div><dt>\(labels.rank)</dt><dd>\(rank)</dd></div>\n" }
        if let phone = learner.phone { main += "<div><dt>\(labels.phone)</dt><dd>\(Format.maskedPhone(phone))</dd></div>\n" }
        main += "</dl>\n"
        if let asOf = context.dataAsOf {
            main += "<p class=\"print-only as-of\">\(labels.dataAsOf) \(asOf)</p>\n"
        }
        main += layout.yearSwitcher(current: nil, years: shownYears) { "#y\($0)" }

        for year in shownYears {
            main += yearSection(learner, year: year, figures: years[year], entries: byYear[year] ?? [], layout: layout)
        }
        if !other.isEmpty {
            main += "<section class=\"year-section no-print\" id=\"other\"><h2>\(labels.otherEntries)</h2>\n"
            main += ledgerTable(other, caption: labels.otherEntries)
            main += "</section>\n"
        }
        return layout.page(title: learner.name + labels.archiveOf, breadcrumbs: crumbs, bodyClass: "learner", main: main)
    }

    private func yearSection(
        _ learner: Learner, year: Int, figures: LearnerYear?, entries: [LedgerEntry], layout: Layout
    ) -> HTML {
        let labels = context.labels
        var html: HTML = "<section class=\"year-section\" id=\"y\(year)\"><h2>\(year) \(labels.archive)</h2>\n"

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
        var offline: [LedgerEntry] = []
        var online: [LedgerEntry] = []
        var pending: [LedgerEntry] = []
        var rejected: [LedgerEntry] = []
        var inProgress: [LedgerEntry] = []
        for entry in entries {
            switch entry.status {
            case .credited, .capped:
                if isOnline(entry) { online.append(entry) } else { offline.append(entry) }
            case .pending:
                if entry.rule == .playbackIncomplete { inProgress.append(entry) } else if entry.source.kind == .filing { pending.append(entry) }
            case .rejected:
                if entry.source.kind == .filing { rejected.append(entry) }
            case .flagged:
                break
            }
        }
        html += trainingTable(offline, title: labels.offlineTraining, year: year)
        html += trainingTable(online, title: labels.onlineTraining, year: year)

        if !pending.isEmpty || !rejected.isEmpty {
            html += filingsTable(pending, title: labels.pendingFilings, year: year, showsReason: false)
            html += filingsTable(rejected, title: labels.rejectedFilings, year: year, showsReason: true)
        }

        if !inProgress.isEmpty {
            html += """
                <div class="\(blockClass(inProgress.count))"><h3>\(labels.chaptersInProgress)</h3>
                <div class="table-wrap"><table class="wide"><caption>\(year) · \(labels.chaptersInProgress)</caption>
                <thead><tr><th scope="col">\(labels.course)</th><th scope="col">\(labels.chapter)</th><th scope="col" class="num">\(labels.progress)</th><th scope="col">\(labels.date)</th></tr></thead><tbody>

                """
            for entry in inProgress {
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
        html += attachments(entries, year: year)

        if !entries.isEmpty {
            html += "<div class=\"no-print\"><h3>\(labels.ledger)</h3>\n"
            html += ledgerTable(entries, caption: "\(year) · \(labels.ledger)")
            html += "</div>\n"
        }
        html += "</section>\n"
        return html
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

    private func isOnline(_ entry: LedgerEntry) -> Bool {
        if let category = context.category(entry.categoryID) { return category.mode == .online }
        return entry.source.kind == .chapter
    }

    /// What the platform shows for an entry: the course, class or filing behind it.
    func trainingRow(_ entry: LedgerEntry) -> TrainingRow {
        switch entry.source.kind {
        case .chapter:
            if let chapter = context.chapters[entry.source.id] {
                let course = context.courses[chapter.courseID]
                let name = [course?.title, chapter.title].compactMap { $0 }.joined(separator: " · ")
                return TrainingRow(
                    name: name.isEmpty ? entry.source.id : name, host: course?.producer ?? "",
                    period: entry.date?.description ?? "", subject: course?.subject ?? "")
            }
        case .checkin:
            let checkin = context.checkins[entry.source.id]
            if let classID = entry.detail.classID ?? checkin?.classID, let trainingClass = context.classes[classID] {
                var period = entry.date?.description ?? ""
                if let checkin, let session = trainingClass.session(checkin.sessionID) {
                    period = "\(session.date) \(session.start)–\(session.end)"
                }
                return TrainingRow(
                    name: trainingClass.title, host: trainingClass.host ?? "", period: period,
                    subject: trainingClass.subject ?? "")
            }
        case .filing:
            if let filing = context.filings[entry.source.id] {
                if filing.type == .makeup, let classID = filing.classID, let trainingClass = context.classes[classID] {
                    return TrainingRow(
                        name: trainingClass.title, host: trainingClass.host ?? "",
                        period: Format.period(trainingClass.start, trainingClass.end),
                        subject: trainingClass.subject ?? "")
                }
                return TrainingRow(
                    name: filing.name ?? filing.id, host: filing.host ?? "", period: Format.period(filing.start, filing.end),
                    subject: filing.subject ?? "")
            }
        case .playback, .exam:
            break
        }
        return TrainingRow(name: entry.source.id, host: "", period: entry.date?.description ?? "", subject: "")
    }

    private func trainingTable(_ entries: [LedgerEntry], title: String, year: Int) -> HTML {
        let labels = context.labels
        // An empty table is said on screen and left out of the printed 学时证明.
        guard !entries.isEmpty else { return "<div class=\"block no-print\"><h3>\(title)</h3>\n<p class=\"empty\">\(labels.none)</p></div>\n" }
        var html: HTML = """
            <div class="\(blockClass(entries.count))"><h3>\(title)</h3>
            <div class="table-wrap"><table class="wide training"><caption>\(year) · \(title)</caption>
            <thead><tr><th scope="col">\(labels.trainingName)</th><th scope="col">\(labels.host)</th><th scope="col">\(labels.period)</th><th scope="col" class="num">\(labels.hours)</th><th scope="col">\(labels.subject)</th></tr></thead><tbody>

            """
        for entry in entries {
            let row = trainingRow(entry)
            var hours: HTML = "\(entry.hours)"
            if entry.isCapped { hours += " <span class=\"note\">\(labels.capNote)</span>" }
            html += """
                <tr><th scope="row">\(row.name)</th><td>\(row.host)</td><td class="period">\(row.period)</td><td class="num">\(hours)</td><td>\(row.subject)</td></tr>

                """
        }
        html += "</tbody></table></div></div>\n"
        return html
    }

    private func filingsTable(_ entries: [LedgerEntry], title: String, year: Int, showsReason: Bool) -> HTML {
        let labels = context.labels
        guard !entries.isEmpty else { return "" }
        var html: HTML = """
            <div class="\(blockClass(entries.count))"><h3>\(title)</h3>
            <div class="table-wrap"><table class="wide"><caption>\(year) · \(title)</caption>
            <thead><tr><th scope="col">\(labels.trainingName)</th><th scope="col">\(labels.period)</th><th scope="col" class="num">\(labels.hours)</th><th scope="col">\(labels.submittedAt)</th><th scope="col">\(showsReason ? labels.reason : labels.status)</th></tr></thead><tbody>

            """
        for entry in entries {
            let row = trainingRow(entry)
            let filing = context.filings[entry.source.id]
            let claimed = entry.detail.claimedHours ?? filing?.requestedHours
            let submitted = filing?.submittedAt.map { Format.localMinute($0, in: context.dataset.settings.timezone) } ?? ""
            let last: HTML = showsReason
                ? "<code>\(entry.rule.rawValue)</code> \(entry.reason.text(for: context.options.language))"
                : "\(labels.pendingLabel)"
            html += """
                <tr><th scope="row">\(row.name)</th><td class="period">\(row.period)</td><td class="num">\(claimed?.description ?? "—")</td><td class="nowrap">\(submitted)</td><td>\(last)</td></tr>

                """
        }
        html += "</tbody></table></div></div>\n"
        return html
    }

    private func classProgress(_ learner: Learner, year: Int) -> HTML {
        let labels = context.labels
        let items = (context.classProgress[learner.id] ?? []).filter { context.classes[$0.classID]?.end.year == year }
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
    private func attachments(_ entries: [LedgerEntry], year: Int) -> HTML {
        let labels = context.labels
        var seen: Set<String> = []
        var rows: HTML = ""
        for entry in entries where entry.source.kind == .filing && seen.insert(entry.source.id).inserted {
            guard let filing = context.filings[entry.source.id] else { continue }
            let name = trainingRow(entry).name
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

    private func ledgerTable(_ entries: [LedgerEntry], caption: String) -> HTML {
        let labels = context.labels
        var html: HTML = """
            <div class="table-wrap"><table class="wide ledger"><caption>\(caption)</caption>
            <thead><tr><th scope="col">\(labels.date)</th><th scope="col">\(labels.rule)</th><th scope="col">\(labels.status)</th><th scope="col" class="num">\(labels.hours)</th><th scope="col" class="num">\(labels.cut)</th><th scope="col">\(labels.source)</th><th scope="col">\(labels.reason)</th></tr></thead><tbody>

            """
        for entry in entries {
            var rule: HTML = "<code>\(entry.rule.rawValue)</code>"
            if entry.isCapped { rule += " <code>\(RuleCode.yearCap.rawValue)</code>" }
            html += """
                <tr><td class="nowrap">\(entry.date?.description ?? "—")</td><td class="nowrap">\(rule)</td><td class="nowrap">\(labels.entryStatus(entry.status))</td>\
                <td class="num">\(entry.hours)</td><td class="num">\(entry.cutHours)</td>\
                <td><span class="source-id">\(labels.sourceKind(entry.source.kind)) <code>\(entry.source.id)</code></span> <code>\(entry.source.file):\(entry.source.line)</code></td>\
                <td>\(entry.reason.text(for: context.options.language))</td></tr>

                """
        }
        html += "</tbody></table></div>\n"
        return html
    }
}
