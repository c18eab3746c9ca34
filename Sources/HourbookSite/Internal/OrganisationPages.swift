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
                <div><dt>\(labels.learners)</dt><dd>\(learners)</dd></div>
                <div><dt>\(labels.met)</dt><dd>\(met)</dd></div>
                <div><dt>\(labels.complianceRate)</dt><dd>\(Format.percent(met, of: learners))</dd></div>
                <div><dt>\(labels.totalHours)</dt><dd>\(total)</dd></div>
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
            <section><h2>\(labels.diagnostics)</h2><p><a href="\(layout.link("diagnostics.html"))">\(diagnosticsCount) \(labels.diagnosticsCount)</a></p></section>
            <section><h2>\(labels.exports)</h2><ul class="exports">
            """
        for file in ["learners.csv", "hours.csv", "departments.csv", "ledger.jsonl", "diagnostics.csv"] {
            main += "<li><a href=\"\(layout.link("exports/" + file))\">\(file)</a></li>"
        }
        main += "</ul></section>\n"
        let title = year.map { "\(context.siteTitle) \($0)" } ?? context.siteTitle
        return layout.page(title: title, breadcrumbs: [(labels.home, nil)], bodyClass: "index", main: main)
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
                value: Format.percent(met, of: learners) + " (\(met)/\(learners))")
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
                <span class="meta">\(met)/\(learners) · \(Format.percent(met, of: learners))</span>
                """
            var below = seen
            below.insert(department.id)
            html += tree(context.children[department.id] ?? [], year: year, layout: layout, seen: below)
            html += "</li>"
        }
        html += "</ul>\n"
        return html
    }

    /// Every diagnostic, grouped by file, by line.
    func makeDiagnosticsHTML() -> HTML {
        let labels = context.labels
        let layout = Layout(context: context, depth: 0)
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in context.dataset.diagnostics { byFile[diagnostic.file, default: []].append(diagnostic) }
        let files = byFile.keys.sorted(by: CodePoint.less)
        var main: HTML = "<h1>\(labels.diagnostics)</h1>\n"
        if files.isEmpty { main += "<p>\(labels.noDiagnostics)</p>\n" }
        let outside = context.dataset.diagnosticsOutsideScope
        if outside > 0 { main += "<p class=\"outside-scope\">\(labels.outsideScope(outside))</p>\n" }
        for file in files {
            let items = byFile[file]!.enumerated().sorted { a, b in
                a.element.line != b.element.line ? a.element.line < b.element.line : a.offset < b.offset
            }.map(\.element)
            main += """
                <section class="diagnostic-file"><h2><code>\(file)</code> <span class="meta">(\(items.count))</span></h2>
                <div class="table-wrap"><table class="wide"><caption>\(file)</caption>
                <thead><tr><th scope="col">\(labels.line)</th><th scope="col">\(labels.severity)</th><th scope="col">\(labels.code)</th><th scope="col">\(labels.message)</th></tr></thead><tbody>

                """
            for item in items {
                main += """
                    <tr class="severity-\(item.severity.rawValue)"><td class="num">\(item.line)</td><td>\(item.severity.rawValue)</td><td><code>\(item.code.rawValue)</code></td><td>\(item.message)
                    """
                if !item.rawText.isEmpty {
                    main += "<details><summary>\(labels.rawText)</summary><pre>\(item.rawText)</pre></details>"
                }
                main += "</td></tr>\n"
            }
            main += "</tbody></table></div></section>\n"
        }
        return layout.page(
            title: labels.diagnostics,
            breadcrumbs: [(labels.home, layout.link("index.html")), (labels.diagnostics, nil)],
            bodyClass: "diagnostics", main: main)
    }
}
