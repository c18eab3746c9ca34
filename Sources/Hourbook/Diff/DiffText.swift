import HourbookCore

/// The terminal form of a diff report: settings, inputs, departments, learners with their
/// reasons, the ledger's counts, then a one-line summary.
public enum DiffText {
    /// The lines to print. `limit` caps the departments and learners listed (0: all of them).
    public static func lines(_ report: DiffReport, language: String = "zh", limit: Int = 0) -> [String] {
        let words = DiffWording(language: language)
        var lines: [String] = []
        lines.append("\(words.before): \(words.origin(report.before))")
        lines.append("\(words.after): \(words.origin(report.after))")
        lines.append("\(words.years): \(report.years.map(String.init).joined(separator: ", "))")
        if !report.yearsOnlyBefore.isEmpty { lines.append(words.yearsOnly(report.yearsOnlyBefore, side: words.before)) }
        if !report.yearsOnlyAfter.isEmpty { lines.append(words.yearsOnly(report.yearsOnlyAfter, side: words.after)) }
        guard report.hasDifferences else {
            lines.append("")
            lines.append(words.noDifferences)
            return lines
        }

        if let changes = report.settingChanges {
            if !changes.isEmpty {
                lines.append("")
                lines.append("\(words.settings) (\(changes.count)):")
                for change in changes { lines.append("  " + change.description) }
            }
        } else {
            lines.append("")
            lines.append(words.settingsUnknown)
        }

        if let changes = report.inputChanges {
            if !changes.isEmpty {
                lines.append("")
                lines.append("\(words.inputs) (\(changes.count)):")
                for change in changes {
                    let mark = change.kind == .added ? "+" : change.kind == .removed ? "-" : "~"
                    var line = "  \(mark) \(change.path)  \(words.inputKind(change.kind))"
                    if let old = change.before, let new = change.after {
                        line += "  \(old.byteCount) → \(new.byteCount) bytes, sha256 \(old.sha256.prefix(12))… → \(new.sha256.prefix(12))…"
                    } else if let digest = change.after ?? change.before {
                        line += "  \(digest.byteCount) bytes, sha256 \(digest.sha256.prefix(12))…"
                    }
                    lines.append(line)
                }
            }
        } else {
            lines.append("")
            lines.append(words.inputsUnknown)
        }

        if !report.departments.isEmpty {
            lines.append("")
            lines.append("\(words.departments) (\(report.departments.count)):")
            for change in limited(report.departments, limit) {
                lines.append("  \(change.departmentID) \(change.name) \(change.year)")
                lines.append("    \(words.direct): " + figures(change.before.map { ($0.met, $0.learners, $0.totalHours) },
                    change.after.map { ($0.met, $0.learners, $0.totalHours) }, words))
                lines.append("    \(words.subtree): " + figures(change.before.map { ($0.subtreeMet, $0.subtreeLearners, $0.subtreeTotalHours) },
                    change.after.map { ($0.subtreeMet, $0.subtreeLearners, $0.subtreeTotalHours) }, words))
            }
            if limit > 0 && report.departments.count > limit { lines.append(more(report.departments.count - limit, words)) }
        }

        if !report.learners.isEmpty {
            lines.append("")
            lines.append("\(words.learners) (\(report.learners.count)):")
            for change in limited(report.learners, limit) {
                let department = change.isMove
                    ? "\(change.before!.departmentID) → \(change.after!.departmentID)" : change.departmentID
                lines.append(
                    "  \(change.learnerID) \(change.name) \(department) \(change.year): "
                        + "\(words.status(change.before?.status)) → \(words.status(change.after?.status)), "
                        + "\(change.before?.totalHours.description ?? "—") → \(change.after?.totalHours.description ?? "—") \(words.hours)")
                for reason in words.reasons(change) { lines.append("    " + reason) }
            }
            if limit > 0 && report.learners.count > limit { lines.append(more(report.learners.count - limit, words)) }
        }

        let counts = report.ledgerCounts.filter(\.isChanged)
        if !counts.isEmpty {
            lines.append("")
            lines.append("\(words.ledger):")
            for count in counts {
                var line = "  \(count.ruleStatus.rule.rawValue) \(words.entryStatus(count.ruleStatus.status)): "
                    + "\(count.entriesBefore) → \(count.entriesAfter) (\(signed(count.entriesAfter - count.entriesBefore)))"
                if count.hoursBefore != count.hoursAfter {
                    line += ", \(count.hoursBefore) → \(count.hoursAfter) \(words.hours)"
                }
                lines.append(line)
            }
        }

        lines.append("")
        lines.append(summary(report, words))
        return lines
    }

    static func summary(_ report: DiffReport, _ words: DiffWording) -> String {
        let status = report.learners.filter(\.isStatusChange).count
        let totals = report.learners.filter(\.isTotalChange).count
        return words.pick(
            "共 \(status) 个学员年度的达标状态改变，\(totals) 个学员年度的总学时改变，\(report.departments.count) 个部门年度的数字改变，\(report.learnersWithLedgerChanges) 名学员的台账有变化。",
            "\(status) learner-years change status, \(totals) change their total, \(report.departments.count) department-years change, \(report.learnersWithLedgerChanges) learners have ledger changes.")
    }

    private static func figures(_ a: (Int, Int, Hours)?, _ b: (Int, Int, Hours)?, _ words: DiffWording) -> String {
        let old = a.map { "\(words.met) \(words.ratio($0.0, $0.1)), \($0.2) \(words.hours)" } ?? "—"
        let new = b.map { "\(words.met) \(words.ratio($0.0, $0.1)), \($0.2) \(words.hours)" } ?? "—"
        return "\(old) → \(new)"
    }

    private static func limited<T>(_ items: [T], _ limit: Int) -> ArraySlice<T> {
        limit > 0 ? items.prefix(limit) : items[...]
    }

    private static func more(_ count: Int, _ words: DiffWording) -> String {
        words.pick("  ……另有 \(count) 项（见 --out 报告或 --csv，或用 --limit 0 全部列出）", "  … and \(count) more (see the --out report or --csv, or --limit 0 for all)")
    }

    private static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }
}
