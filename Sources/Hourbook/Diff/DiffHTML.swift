import HourbookCore
import HourbookRules
import HourbookSite

/// `hourbook diff --out REPORT.html`: the report as one self-contained page in the site's look
/// (its stylesheet and sortable tables inlined), readable on a phone, every text escaped.
public enum DiffHTML {
    public static func page(_ report: DiffReport, language: String = "zh") -> String {
        let words = DiffWording(language: language)
        var html = """
            <!DOCTYPE html>
            <html lang="\(words.isEnglish ? "en" : "zh-CN")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(words.title))</title>
            <style>
            \(SiteTheme.stylesheet)
            .diff-up{color:#116329}
            .diff-down{color:#b3261e}
            .reasons{margin:0;padding-left:1.1em;font-size:.9em;min-width:24em}
            th code{overflow-wrap:normal;white-space:nowrap}
            </style>
            </head>
            <body class="diff" data-root="" data-lang="\(words.isEnglish ? "en" : "zh")">
            <header class="site-header"><div class="site-id"><span class="site-title">\(e(words.title))</span></div></header>
            <main id="main">
            <h1>\(e(words.title))</h1>
            <p class="meta">\(e(words.before)): \(e(words.origin(report.before)))<br>\(e(words.after)): \(e(words.origin(report.after)))<br>\(e(words.years)): \(e(report.years.map(String.init).joined(separator: ", ")))</p>

            """
        for (years, side) in [(report.yearsOnlyBefore, words.before), (report.yearsOnlyAfter, words.after)] where !years.isEmpty {
            html += "<p class=\"note\">\(e(words.yearsOnly(years, side: side)))</p>\n"
        }
        guard report.hasDifferences else {
            return html + "<p>\(e(words.noDifferences))</p>\n</main>\n</body>\n</html>\n"
        }
        html += "<p>\(e(DiffText.summary(report, words)))</p>\n"
        html += settingsSection(report, words) + inputsSection(report, words) + departmentsSection(report, words)
        html += learnersSection(report, words) + ledgerSection(report, words)
        html += "</main>\n<script>\n\(SiteTheme.script)\n</script>\n</body>\n</html>\n"
        return html
    }

    private static func e(_ text: String) -> String { SiteTheme.escape(text) }

    /// A table in a horizontally scrolling frame (on a phone); `sortable` by the site's script.
    private static func table(_ caption: String, _ headers: [(String, Bool)], _ rows: [String], sortable: Bool = true) -> String {
        let classes = sortable ? "sortable wide" : ""
        var html = "<div class=\"table-wrap\"><table class=\"\(classes)\"><caption>\(e(caption))</caption>\n<thead><tr>"
        for (header, isNumber) in headers { html += "<th scope=\"col\"\(isNumber ? " class=\"num\"" : "")>\(e(header))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows { html += row + "\n" }
        return html + "</tbody></table></div>\n"
    }

    private static func text(_ value: String) -> String { "<td>\(e(value))</td>" }

    /// A number cell that sorts by `value`.
    private static func number(_ shown: String, _ value: Int64) -> String {
        "<td class=\"num\" data-v=\"\(value)\">\(e(shown))</td>"
    }

    private static func delta(_ value: Int64, hours: Bool) -> String {
        let shown = hours ? Hours(hundredths: value).description : String(value)
        let sign = value > 0 ? "+" : ""
        let style = value > 0 ? " diff-up" : value < 0 ? " diff-down" : ""
        return "<td class=\"num\(style)\" data-v=\"\(value)\">\(e(sign + shown))</td>"
    }

    private static func settingsSection(_ report: DiffReport, _ words: DiffWording) -> String {
        guard let changes = report.settingChanges else { return "<h2>\(e(words.settings))</h2>\n<p class=\"note\">\(e(words.settingsUnknown))</p>\n" }
        guard !changes.isEmpty else { return "" }
        let rows = changes.map { "<tr><th scope=\"row\"><code>\(e($0.key))</code></th>\(text($0.before))\(text($0.after))</tr>" }
        return "<h2>\(e(words.settings))</h2>\n" + table(words.settings, [("hourbook.yaml", false), (words.before, false), (words.after, false)], rows, sortable: false)
    }

    private static func inputsSection(_ report: DiffReport, _ words: DiffWording) -> String {
        guard let changes = report.inputChanges else { return "<h2>\(e(words.inputs))</h2>\n<p class=\"note\">\(e(words.inputsUnknown))</p>\n" }
        guard !changes.isEmpty else { return "" }
        let rows = changes.map { change -> String in
            var cells: [String] = ["<th scope=\"row\"><code>\(e(change.path))</code></th>", text(words.inputKind(change.kind))]
            cells.append(number(change.before.map { String($0.byteCount) } ?? "—", Int64(change.before?.byteCount ?? -1)))
            cells.append(number(change.after.map { String($0.byteCount) } ?? "—", Int64(change.after?.byteCount ?? -1)))
            cells.append("<td><code class=\"digest\">\(e(change.before?.sha256 ?? "—"))</code></td>")
            cells.append("<td><code class=\"digest\">\(e(change.after?.sha256 ?? "—"))</code></td>")
            return "<tr>" + cells.joined() + "</tr>"
        }
        return "<h2>\(e(words.inputs))</h2>\n"
            + table(
                words.inputs,
                [(words.file, false), (words.change, false), ("bytes " + words.before, true), ("bytes " + words.after, true),
                 ("SHA-256 " + words.before, false), ("SHA-256 " + words.after, false)], rows)
    }

    private static func departmentsSection(_ report: DiffReport, _ words: DiffWording) -> String {
        guard !report.departments.isEmpty else { return "" }
        let rows = report.departments.map { change -> String in
            let a = change.before
            let b = change.after
            func pair(_ x: Int?, _ y: Int?) -> String { "\(x.map(String.init) ?? "—") → \(y.map(String.init) ?? "—")" }
            func rate(_ met: Int?, _ learners: Int?) -> String { met.map { words.percentText($0, learners!) } ?? "—" }
            func hours(_ x: Hours?, _ y: Hours?) -> String { "\(x?.description ?? "—") → \(y?.description ?? "—")" }
            var cells: [String] = [
                "<th scope=\"row\" class=\"nowrap\">\(e(change.departmentID))</th>", "<td class=\"nowrap\">\(e(change.name))</td>",
            ]
            cells.append(number(String(change.year), Int64(change.year)))
            cells.append(number(pair(a?.learners, b?.learners), Int64(b?.learners ?? 0)))
            cells.append(number(pair(a?.met, b?.met), Int64(b?.met ?? 0)))
            cells.append(delta(Int64((b?.met ?? 0) - (a?.met ?? 0)), hours: false))
            cells.append("<td class=\"nowrap\">\(e("\(rate(a?.met, a?.learners)) → \(rate(b?.met, b?.learners))"))</td>")
            cells.append(number(hours(a?.totalHours, b?.totalHours), b?.totalHours.hundredths ?? 0))
            cells.append(delta((b?.totalHours.hundredths ?? 0) - (a?.totalHours.hundredths ?? 0), hours: true))
            let subtreeCounts = pair(a?.subtreeMet, b?.subtreeMet) + " / " + pair(a?.subtreeLearners, b?.subtreeLearners)
            cells.append(number(subtreeCounts, Int64(b?.subtreeMet ?? 0)))
            cells.append(delta(Int64((b?.subtreeMet ?? 0) - (a?.subtreeMet ?? 0)), hours: false))
            cells.append(number(hours(a?.subtreeTotalHours, b?.subtreeTotalHours), b?.subtreeTotalHours.hundredths ?? 0))
            let subtreeHours = (b?.subtreeTotalHours.hundredths ?? 0) - (a?.subtreeTotalHours.hundredths ?? 0)
            cells.append(delta(subtreeHours, hours: true))
            return "<tr>" + cells.joined() + "</tr>"
        }
        let headers: [(String, Bool)] = [
            ("dept_id", false), (words.department, false), (words.year, true), (words.learnersWord, true),
            (words.met, true), ("Δ " + words.met, true), (words.rate, false), (words.hours, true), ("Δ " + words.hours, true),
            ("\(words.subtree) \(words.met) / \(words.learnersWord)", true), ("Δ \(words.subtree) \(words.met)", true),
            ("\(words.subtree) \(words.hours)", true), ("Δ \(words.subtree) \(words.hours)", true),
        ]
        return "<h2>\(e(words.departments))</h2>\n<p class=\"note js-only\">\(e(words.sortHint))</p>\n"
            + table(words.departments, headers, rows)
    }

    private static func learnersSection(_ report: DiffReport, _ words: DiffWording) -> String {
        guard !report.learners.isEmpty else { return "" }
        let rows = report.learners.map { change -> String in
            let department = change.isMove ? "\(change.before!.departmentID) → \(change.after!.departmentID)" : change.departmentID
            let reasons = words.reasons(change).map { "<li>\(e($0))</li>" }.joined()
            let before = change.before
            let after = change.after
            var cells: [String] = ["<th scope=\"row\" class=\"nowrap\">\(e(change.learnerID))</th>", text(change.name), text(department)]
            cells.append(number(String(change.year), Int64(change.year)))
            cells.append("<td class=\"\(statusClass(before?.status))\">\(e(words.status(before?.status)))</td>")
            cells.append("<td class=\"\(statusClass(after?.status))\">\(e(words.status(after?.status)))</td>")
            cells.append(number(before?.totalHours.description ?? "—", before?.totalHours.hundredths ?? -1))
            cells.append(number(after?.totalHours.description ?? "—", after?.totalHours.hundredths ?? -1))
            let moved = (after?.totalHours.hundredths ?? 0) - (before?.totalHours.hundredths ?? 0)
            cells.append(delta(moved, hours: true))
            cells.append("<td><ul class=\"reasons\">\(reasons)</ul></td>")
            return "<tr>" + cells.joined() + "</tr>"
        }
        let headers: [(String, Bool)] = [
            ("learner_id", false), (words.learner, false), (words.department, false), (words.year, true),
            ("\(words.status) \(words.before)", false), ("\(words.status) \(words.after)", false),
            ("\(words.total) \(words.before)", true), ("\(words.total) \(words.after)", true), ("Δ", true), (words.reason, false),
        ]
        return "<h2>\(e(words.learners))</h2>\n" + table(words.learners, headers, rows)
    }

    private static func statusClass(_ status: RequirementStatus?) -> String {
        switch status {
        case .met?: return "status-met"
        case .notMet?: return "status-not-met"
        case nil: return ""
        }
    }

    private static func ledgerSection(_ report: DiffReport, _ words: DiffWording) -> String {
        guard !report.ledgerCounts.isEmpty else { return "" }
        let rows = report.ledgerCounts.map { count -> String in
            var cells: [String] = ["<th scope=\"row\"><code>\(e(count.ruleStatus.rule.rawValue))</code></th>"]
            cells.append(text(words.entryStatus(count.ruleStatus.status)))
            cells.append(number(String(count.entriesBefore), Int64(count.entriesBefore)))
            cells.append(number(String(count.entriesAfter), Int64(count.entriesAfter)))
            cells.append(delta(Int64(count.entriesAfter - count.entriesBefore), hours: false))
            cells.append(number(count.hoursBefore.description, count.hoursBefore.hundredths))
            cells.append(number(count.hoursAfter.description, count.hoursAfter.hundredths))
            cells.append(delta(count.hoursAfter.hundredths - count.hoursBefore.hundredths, hours: true))
            return "<tr\(count.isChanged ? "" : " class=\"meta\"")>" + cells.joined() + "</tr>"
        }
        let headers: [(String, Bool)] = [
            (words.rule, false), (words.status, false), ("\(words.entries) \(words.before)", true),
            ("\(words.entries) \(words.after)", true), ("Δ", true), ("\(words.hours) \(words.before)", true),
            ("\(words.hours) \(words.after)", true), ("Δ", true),
        ]
        return "<h2>\(e(words.ledger))</h2>\n" + table(words.ledger, headers, rows)
    }
}
