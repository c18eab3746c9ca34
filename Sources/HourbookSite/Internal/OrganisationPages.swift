import HourbookCore
import HourbookRules

/// The theme's organisation-level pages: the index (per year) and the diagnostics.
/// One `make…HTML` per page kind, as Publish's `HTMLFactory`.
struct OrganisationPages {
    let context: SiteContext

    /// The organisation for `year`: `index.html` (depth 0, the latest year) or `years/YEAR.html` (depth 1).
    func makeIndexHTML(year: Int?, depth: Int) -> HTML {
        let labels = context.labels
        let layout = Layout(context: context, depth: depth)
        var main: HTML = "<h1>\(context.dataset.settings.site.organisation.isEmpty ? context.siteTitle : context.dataset.settings.site.organisation)"
        if let year { main += " <span class=\"year\">\(year)</span>" }
        main += "</h1>\n"
        main += layout.yearSwitcher(current: year, years: context.yearsDescending) { layout.link("years/\($0).html") }

        if let year {
            var learners = 0, met = 0
            var total = Hours.zero
            for department in context.dataset.departments {
                guard let figures = context.departmentYears[department.id]?[year] else { continue }
                learners += figures.learners
                met += figures.met
                total += figures.totalHours
            }
            main += """
                <section class="totals" aria-label="\(labels.totalHours)"><dl class="figures">
                <div><dt>\(labels.learners)</dt><dd>\(Format.grouped(learners))</dd></div>
                <div><dt>\(labels.met)</dt><dd>\(Format.grouped(met))</dd></div>
                <div><dt>\(labels.complianceRate)</dt><dd>\(Format.percent(met, of: learners))</dd></div>
                <div><dt>\(labels.totalHours)</dt><dd>\(Format.grouped(total))</dd></div>
                </dl></section>

                """
            main += chart(year: year, layout: layout)
            main += "<section id=\"tree\"><h2>\(labels.departmentTree)</h2>\n"
            main += tree(context.roots, year: year, layout: layout, seen: [])
            main += "</section>\n"
        } else {
            main += "<p>\(labels.noMembers)</p>\n"
        }

        let diagnosticsCount = context.dataset.diagnostics.count
        main += """
            <section><h2>\(labels.diagnostics)</h2><p><a href="\(layout.link("diagnostics.html"))">\(Format.grouped(diagnosticsCount)) \(labels.diagnosticsCount)</a></p></section>
            <section><h2>\(labels.exports)</h2><ul class="exports">
            """
        // `download` (and the size beside each link) so that no one opens a 1 GB ledger in a tab.
        for file in ["learners.csv", "hours.csv", "departments.csv", "ledger.jsonl", "diagnostics.csv"] {
            let type = file.hasSuffix(".csv") ? "text/csv" : "application/x-ndjson"
            if let size = context.exportSizes[file] {
                main += "<li><a download=\"\(file)\" type=\"\(type)\" data-size=\"\(size)\" href=\"\(layout.link("exports/" + file))\">\(file)</a>"
                main += " <span class=\"meta\">\(labels.downloadSize(Format.fileSize(size)))</span>"
            } else {
                main += "<li><a download=\"\(file)\" type=\"\(type)\" href=\"\(layout.link("exports/" + file))\">\(file)</a>"
            }
            main += "</li>"
        }
        main += "</ul></section>\n"
        let title = year.map { "\(context.siteTitle) \($0)" } ?? context.siteTitle
        return layout.page(title: title, breadcrumbs: [(labels.home, nil)], bodyClass: "index", year: year, main: main)
    }

    /// Compliance per department at the first level with more than one department.
    private func chart(year: Int, layout: Layout) -> HTML {
        var level = context.roots
        if level.count == 1, let only = level.first, let below = context.children[only.id], !below.isEmpty {
            level = [only] + below
        }
        let bars = level.map { department -> Charts.Bar in
            let figures = context.departmentYears[department.id]?[year]
            let learners = figures?.subtreeLearners ?? 0
            let met = figures?.subtreeMet ?? 0
            return Charts.Bar(
                label: department.name,
                href: layout.link(context.paths.departmentPage(department.id, year: year)),
                length: Format.barLength(Int64(met), of: Int64(learners)),
                value: Format.percent(met, of: learners) + " (\(Format.grouped(met))/\(Format.grouped(learners)))")
        }
        return Charts.bars(caption: context.labels.chartByDepartment + " · " + context.labels.subtree, bars)
    }

    private func tree(_ departments: [Department], year: Int, layout: Layout, seen: Set<String>) -> HTML {
        guard !departments.isEmpty else { return "" }
        var html: HTML = "<ul class=\"tree\">"
        for department in departments where !seen.contains(department.id) {
            let figures = context.departmentYears[department.id]?[year]
            let learners = figures?.subtreeLearners ?? 0
            let met = figures?.subtreeMet ?? 0
            html += """
                <li><a href="\(layout.link(context.paths.departmentPage(department.id, year: year)))">\(department.name)</a> \
                <span class="meta">\(Format.grouped(met))/\(Format.grouped(learners)) · \(Format.percent(met, of: learners))</span>
                """
            var below = seen
            below.insert(department.id)
            html += tree(context.children[department.id] ?? [], year: year, layout: layout, seen: below)
            html += "</li>"
        }
        html += "</ul>\n"
        return html
    }
}
