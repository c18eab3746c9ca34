import HourbookCore
import HourbookRules

/// A department's page for one year, and the CSV of its members' table beside it.
struct DepartmentPages {
    let context: SiteContext

    /// The active direct members of `department` in `year` with their figures, by id.
    func members(of department: Department, year: Int) -> [(Learner, LearnerYear)] {
        (context.membersByDepartment[department.id] ?? []).compactMap { learner in
            context.learnerYears[learner.id]?[year].map { (learner, $0) }
        }
    }

    /// The CSV file's path: the page's, with `.csv` for `.html`.
    func csvPath(_ department: Department, year: Int) -> String {
        let page = context.paths.departmentPage(department.id, year: year)
        return String(page.dropLast(5)) + ".csv"
    }

    func makeDepartmentHTML(_ department: Department, year: Int) -> HTML {
        let labels = context.labels
        let layout = Layout(context: context, depth: 2)
        let figures = context.departmentYears[department.id]?[year]
        let members = members(of: department, year: year)

        var crumbs: [(String, String?)] = [(labels.home, layout.link("index.html"))]
        var ancestors: [Department] = []
        var cursor = department.parentID
        var seen: Set<String> = [department.id]
        while let id = cursor, let parent = context.departmentsByID[id], seen.insert(id).inserted {
            ancestors.append(parent)
            cursor = parent.parentID
        }
        for ancestor in ancestors.reversed() {
            crumbs.append((ancestor.name, layout.link(context.paths.departmentPage(ancestor.id, year: year))))
        }
        crumbs.append((department.name, nil))

        var main: HTML = "<h1>\(department.name) <span class=\"year\">\(year)</span></h1>\n"
        main += "<p class=\"meta\">\(labels.id)\(labels.colon)<code>\(department.id)</code></p>\n"
        main += layout.yearSwitcher(current: year, years: context.yearsDescending) {
            layout.link(context.paths.departmentPage(department.id, year: $0))
        }
        let learners = figures?.learners ?? 0
        let met = figures?.met ?? 0
        main += """
            <section class="totals" aria-label="\(labels.totalHours)"><dl class="figures">
            <div><dt>\(labels.learners)</dt><dd>\(Format.grouped(learners))</dd></div>
            <div><dt>\(labels.met)</dt><dd>\(Format.grouped(met))</dd></div>
            <div><dt>\(labels.complianceRate)</dt><dd>\(Format.percent(met, of: learners))</dd></div>
            <div><dt>\(labels.totalHours)</dt><dd>\(Format.grouped(figures?.totalHours ?? .zero))</dd></div>
            <div><dt>\(labels.averageHours)</dt><dd>\(Format.grouped(figures?.averageHours ?? .zero))</dd></div>
            <div><dt>\(labels.subtree)</dt><dd>\(Format.grouped(figures?.subtreeMet ?? 0))/\(Format.grouped(figures?.subtreeLearners ?? 0))</dd></div>
            </dl></section>

            """

        // Members.
        main += "<section><h2>\(labels.members)</h2>\n"
        if members.isEmpty {
            main += "<p>\(labels.noMembers)</p>\n"
        } else {
            main += """
                <div class="table-wrap members"><table class="sortable wide members"><caption>\(department.name) \(year) · \(labels.members) <span class="hint js-only">\(labels.sortHint)</span></caption>
                <thead><tr><th scope="col">\(labels.name)</th><th scope="col">\(labels.id)</th><th scope="col" class="num">\(labels.onlineHours)</th><th scope="col" class="num">\(labels.offlineHours)</th><th scope="col" class="num">\(labels.totalHours)</th><th scope="col" class="num">\(labels.requiredHours)</th><th scope="col">\(labels.status)</th></tr></thead>
                <tbody>

                """
            for (learner, item) in members {
                main += """
                    <tr><th scope="row"><a href="\(layout.link(context.paths.learnerPage(learner.id)))">\(learner.name)</a></th>\
                    <td><code>\(learner.id)</code></td>\
                    <td class="num" data-v="\(Int(item.onlineHours.hundredths))">\(item.onlineHours)</td>\
                    <td class="num" data-v="\(Int(item.offlineHours.hundredths))">\(item.offlineHours)</td>\
                    <td class="num" data-v="\(Int(item.totalHours.hundredths))">\(item.totalHours)</td>\
                    <td class="num" data-v="\(Int(item.requirement.total.hundredths))">\(item.requirement.total)</td>\
                    <td class="status-\(item.status.rawValue)">\(labels.statusText(item.status))\(reason(item))</td></tr>

                    """
            }
            main += "</tbody></table></div>\n"
            main += "<p><a download href=\"\(layout.link(csvPath(department, year: year)))\">\(labels.downloadCSV)</a>"
            // The members' certificates (学时证明), one printed page each (written by HourbookCertificates).
            main += " · <a href=\"\(layout.link(context.paths.certificatePage(department.id, year: year)))\">\(year) \(labels.certificate)</a></p>\n"
        }
        main += "</section>\n"

        // Category totals and their chart.
        let categories = context.dataset.settings.categories
        var maximum: Int64 = 0
        for category in categories { maximum = max(maximum, figures?.hoursByCategory[category.id]?.hundredths ?? 0) }
        main += """
            <section><h2>\(labels.categoryTotals)</h2>
            <div class="table-wrap"><table><caption>\(department.name) \(year) · \(labels.categoryTotals)</caption>
            <thead><tr><th scope="col">\(labels.category)</th><th scope="col">\(labels.mode)</th><th scope="col" class="num">\(labels.hours)</th></tr></thead><tbody>

            """
        var bars: [Charts.Bar] = []
        for category in categories {
            let hours = figures?.hoursByCategory[category.id] ?? .zero
            main += """
                <tr><th scope="row">\(category.name)</th><td>\(category.mode == .online ? labels.online : labels.offline)</td><td class="num">\(Format.grouped(hours))</td></tr>

                """
            bars.append(Charts.Bar(
                label: category.name, href: nil, length: Format.barLength(hours.hundredths, of: maximum),
                value: Format.grouped(hours)))
        }
        main += "</tbody></table></div>\n"
        if maximum > 0 { main += Charts.bars(caption: labels.chartByCategory, bars) }
        main += "</section>\n"

        // Sub-departments.
        let children = context.children[department.id] ?? []
        if !children.isEmpty {
            main += """
                <section><h2>\(labels.subDepartments)</h2>
                <div class="table-wrap"><table><caption>\(labels.subDepartments)</caption>
                <thead><tr><th scope="col">\(labels.department)</th><th scope="col" class="num">\(labels.learners)</th><th scope="col" class="num">\(labels.met)</th><th scope="col" class="num">\(labels.complianceRate)</th><th scope="col" class="num">\(labels.totalHours)</th></tr></thead><tbody>

                """
            for child in children {
                let sub = context.departmentYears[child.id]?[year]
                let learners = sub?.subtreeLearners ?? 0
                let met = sub?.subtreeMet ?? 0
                main += """
                    <tr><th scope="row"><a href="\(layout.link(context.paths.departmentPage(child.id, year: year)))">\(child.name)</a></th>\
                    <td class="num">\(Format.grouped(learners))</td><td class="num">\(Format.grouped(met))</td><td class="num">\(Format.percent(met, of: learners))</td>\
                    <td class="num">\(Format.grouped(sub?.subtreeTotalHours ?? .zero))</td></tr>

                    """
            }
            main += "</tbody></table></div><p class=\"meta\">\(labels.subtree)</p></section>\n"
        }

        // Evidence.
        main += "<section><h2>\(labels.evidence)</h2>"
        if context.evidence[department.id]?.contains(year) == true {
            main += "<p><a download href=\"\(layout.link(context.paths.evidenceArchive(department.id, year: year)))\">\(labels.evidenceArchive)</a></p>"
        } else {
            main += "<p>\(labels.noEvidence)</p>"
        }
        main += "</section>\n"

        return layout.page(
            title: "\(department.name) \(year)", breadcrumbs: crumbs, bodyClass: "department", year: year, main: main)
    }

    /// Why a member has not met the requirement, in a few words under the status (the
    /// learner's page has the whole requirement): `年度总学时差 5.50；5年滚动总学时差 10.00`.
    private func reason(_ item: LearnerYear) -> HTML {
        guard item.status != .met, !item.shortfalls.isEmpty else { return "" }
        return "<small class=\"why\">\(shortfalls(item))</small>"
    }

    private func shortfalls(_ item: LearnerYear) -> String {
        let labels = context.labels
        return item.shortfalls.map { labels.shortfallShort($0, categoryName: context.categoryName) }
            .joined(separator: labels.listSeparator)
    }

    /// The members' table as CSV: UTF-8 with a byte-order mark, text cells formula-guarded
    /// (the exports' own `CSVWriter`).
    func makeDepartmentCSV(_ department: Department, year: Int) -> [UInt8] {
        let labels = context.labels
        var csv = CSVWriter()
        csv.row([labels.id, labels.name, labels.onlineHours, labels.offlineHours, labels.totalHours,
                 labels.requiredHours, labels.status, labels.whyNotMet])
        for (learner, item) in members(of: department, year: year) {
            csv.row([
                learner.id, learner.name, item.onlineHours.description, item.offlineHours.description,
                item.totalHours.description, item.requirement.total.description, labels.statusText(item.status),
                item.status == .met ? "" : shortfalls(item),
            ])
        }
        return csv.bytes
    }
}
