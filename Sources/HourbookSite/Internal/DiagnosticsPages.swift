import HourbookCore
import HourbookRules

/// The diagnostics: `diagnostics.html` counts them per file and per code, and each file's
/// diagnostics, by line, fill `diagnostics/N.html` pages of at most `pageSize` rows (N: the
/// file's place in code point order, then `-2`, `-3`, … for its further pages), so that
/// thousands of diagnostics never make one heavy page.
///
/// Each row says in the page language what the code means (`Labels.diagnosticTitle`) and the
/// values the importer's message names; the message itself, in English as the importer
/// writes it (and as `hourbook validate` and diagnostics.csv print it), stays under a
/// collapsed 技术细节, marked `lang="en"`, with the record's raw text.
struct DiagnosticsPages {
    let context: SiteContext
    var pageSize = 200

    /// Diagnostics grouped by file (code point order), each group by line, then as found.
    var groups: [(file: String, items: [Diagnostic])] {
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in context.dataset.diagnostics { byFile[diagnostic.file, default: []].append(diagnostic) }
        return byFile.keys.sorted(by: CodePoint.less).map { file in
            let items = byFile[file]!.enumerated().sorted { a, b in
                a.element.line != b.element.line ? a.element.line < b.element.line : a.offset < b.offset
            }.map(\.element)
            return (file, items)
        }
    }

    /// The path of a file group's page (`number` from 1, `page` from 1).
    static func path(file number: Int, page: Int) -> String {
        page == 1 ? "diagnostics/\(number).html" : "diagnostics/\(number)-\(page).html"
    }

    /// Every page: `diagnostics.html` and the pages of each file.
    func makeFiles() -> [(path: String, bytes: [UInt8])] {
        let groups = groups
        var files: [(String, [UInt8])] = [("diagnostics.html", makeSummaryHTML(groups).bytes)]
        for (index, group) in groups.enumerated() {
            let pages = max(1, (group.items.count + pageSize - 1) / pageSize)
            for page in 1...pages {
                let items = group.items[((page - 1) * pageSize)..<min(group.items.count, page * pageSize)]
                files.append((
                    Self.path(file: index + 1, page: page),
                    makeFileHTML(group.file, number: index + 1, page: page, pages: pages, items: items).bytes))
            }
        }
        return files
    }

    private func makeSummaryHTML(_ groups: [(file: String, items: [Diagnostic])]) -> HTML {
        let labels = context.labels
        let layout = Layout(context: context, depth: 0)
        var main: HTML = "<h1>\(labels.diagnostics)</h1>\n"
        let outside = context.dataset.diagnosticsOutsideScope
        if outside > 0 { main += "<p class=\"outside-scope\">\(labels.outsideScope(outside))</p>\n" }
        if groups.isEmpty {
            main += "<p>\(labels.noDiagnostics)</p>\n"
        } else {
            main += """
                <section><h2>\(labels.byFile)</h2>
                <div class="table-wrap"><table><caption>\(labels.diagnostics)\(labels.colon)\(labels.byFile)</caption>
                <thead><tr><th scope="col">\(labels.file)</th><th scope="col" class="num">\(labels.severity(.error))</th><th scope="col" class="num">\(labels.severity(.warning))</th><th scope="col" class="num">\(labels.severity(.info))</th></tr></thead><tbody>

                """
            for (index, group) in groups.enumerated() {
                var counts: [Severity: Int] = [:]
                for item in group.items { counts[item.severity, default: 0] += 1 }
                main += """
                    <tr><th scope="row"><a href="\(layout.link(Self.path(file: index + 1, page: 1)))"><code>\(group.file)</code></a></th>\
                    <td class="num">\(Format.grouped(counts[.error] ?? 0))</td><td class="num">\(Format.grouped(counts[.warning] ?? 0))</td><td class="num">\(Format.grouped(counts[.info] ?? 0))</td></tr>

                    """
            }
            main += "</tbody></table></div></section>\n"

            var byCode: [DiagnosticCode: Int] = [:]
            for diagnostic in context.dataset.diagnostics { byCode[diagnostic.code, default: 0] += 1 }
            main += """
                <section><h2>\(labels.code)</h2>
                <div class="table-wrap"><table class="wide"><caption>\(labels.diagnostics)\(labels.colon)\(labels.code)</caption>
                <thead><tr><th scope="col">\(labels.code)</th><th scope="col">\(labels.message)</th><th scope="col" class="num">\(labels.count)</th></tr></thead><tbody>

                """
            for code in DiagnosticCode.allCases where byCode[code] != nil {
                main += """
                    <tr><th scope="row"><code>\(code.rawValue)</code></th><td>\(labels.diagnosticTitle(code))</td><td class="num">\(Format.grouped(byCode[code]!))</td></tr>

                    """
            }
            main += "</tbody></table></div></section>\n"
        }
        return layout.page(
            title: labels.diagnostics,
            breadcrumbs: [(labels.home, layout.link("index.html")), (labels.diagnostics, nil)],
            bodyClass: "diagnostics", main: main)
    }

    private func makeFileHTML(_ file: String, number: Int, page: Int, pages: Int, items: ArraySlice<Diagnostic>) -> HTML {
        let labels = context.labels
        let layout = Layout(context: context, depth: 1)
        var main: HTML = "<h1><code>\(file)</code></h1>\n"
        let pager = self.pager(number: number, page: page, pages: pages, layout: layout)
        main += pager
        main += """
            <div class="table-wrap"><table class="wide"><caption>\(file)\(pages > 1 ? " · " + labels.pageOf(page, pages) : "")</caption>
            <thead><tr><th scope="col" class="num">\(labels.line)</th><th scope="col">\(labels.severity)</th><th scope="col">\(labels.code)</th><th scope="col">\(labels.message)</th></tr></thead><tbody>

            """
        for item in items {
            main += """
                <tr class="severity-\(item.severity.rawValue)"><td class="num">\(item.line)</td><td>\(labels.severity(item.severity))</td><td><code>\(item.code.rawValue)</code></td><td>\(labels.diagnosticTitle(item.code))
                """
            if !labels.isEnglish {
                let values = Labels.quotedValues(item.message)
                if !values.isEmpty {
                    main += "<br><span class=\"meta\">\(labels.values)\(labels.colon)</span>"
                    for (index, value) in values.enumerated() {
                        main += "\(index > 0 ? labels.listSeparator : "")<code>\(value)</code>"
                    }
                }
                main += "<details><summary>\(labels.technicalDetail)</summary><p lang=\"en\">\(item.message)</p>"
                if !item.rawText.isEmpty { main += "<pre>\(item.rawText)</pre>" }
                main += "</details>"
            } else {
                main += "<br>\(item.message)"
                if !item.rawText.isEmpty {
                    main += "<details><summary>\(labels.rawText)</summary><pre>\(item.rawText)</pre></details>"
                }
            }
            main += "</td></tr>\n"
        }
        main += "</tbody></table></div>\n"
        main += pager
        return layout.page(
            title: "\(labels.diagnostics) · \(file)",
            breadcrumbs: [
                (labels.home, layout.link("index.html")), (labels.diagnostics, layout.link("diagnostics.html")),
                (file, nil),
            ],
            bodyClass: "diagnostics", main: main)
    }

    private func pager(number: Int, page: Int, pages: Int, layout: Layout) -> HTML {
        guard pages > 1 else { return "" }
        let labels = context.labels
        var html: HTML = "<nav class=\"pager\" aria-label=\"\(labels.page)\">"
        if page > 1 { html += "<a rel=\"prev\" href=\"\(layout.link(Self.path(file: number, page: page - 1)))\">\(labels.previousPage)</a>" }
        for other in 1...pages {
            if other == page {
                html += "<a aria-current=\"page\" href=\"\(layout.link(Self.path(file: number, page: other)))\">\(other)</a>"
            } else {
                html += "<a href=\"\(layout.link(Self.path(file: number, page: other)))\">\(other)</a>"
            }
        }
        if page < pages { html += "<a rel=\"next\" href=\"\(layout.link(Self.path(file: number, page: page + 1)))\">\(labels.nextPage)</a>" }
        html += "</nav>\n"
        return html
    }
}
