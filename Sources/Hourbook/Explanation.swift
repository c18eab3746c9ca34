import HourbookCore
import HourbookRules

/// `hourbook explain`: one learner's ledger for a person — per year the totals against the
/// requirement, then every entry with its rule, status, hours, source and reason.
public enum Explanation {
    /// The lines to print, or nil when the learner is neither in the roster nor in the ledger.
    public static func lines(for learnerID: String, report: BuildReport, year: Int? = nil, language: String = "zh") -> [String]? {
        let dataset = report.dataset
        let isEnglish = language == "en"
        let learner = dataset.learners.first { $0.id == learnerID }
        let entries = report.ledger.entries(of: learnerID).filter { year == nil || $0.year == year }
        guard learner != nil || !entries.isEmpty else { return nil }
        var lines: [String] = []
        if let learner {
            let department = dataset.departments.first { $0.id == learner.departmentID }?.name ?? learner.departmentID
            lines.append("\(learner.id) \(learner.name) — \(department)" + (learner.rank.map { " (\($0))" } ?? ""))
        } else {
            lines.append(isEnglish ? "\(learnerID) (not in the roster)" : "\(learnerID)（不在花名册中）")
        }
        let categoryNames = Dictionary(dataset.settings.categories.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for item in report.tally.learnerYears where item.learnerID == learnerID && (year == nil || item.year == year) {
            let status = isEnglish ? item.status.rawValue : (item.status == .met ? "达标" : "未达标")
            lines.append("")
            lines.append(
                isEnglish
                    ? "\(item.year): \(item.totalHours) hours of \(item.requirement.total) required — \(status) (online \(item.onlineHours), offline \(item.offlineHours); requirement group \(item.requirementGroup))"
                    : "\(item.year) 年：\(item.totalHours) 学时，要求 \(item.requirement.total) 学时 — \(status)（线上 \(item.onlineHours)，线下 \(item.offlineHours)；要求类别 \(item.requirementGroup)）")
            for category in dataset.settings.categories {
                guard let hours = item.hoursByCategory[category.id] else { continue }
                lines.append("  \(category.id)  \(hours)  \(categoryNames[category.id] ?? "")")
            }
            for shortfall in item.shortfalls {
                let what: String
                switch shortfall.item {
                case .total: what = isEnglish ? "total" : "总学时"
                case .category(let id): what = (isEnglish ? "category " : "类别 ") + id
                case .rolling(let years): what = isEnglish ? "the last \(years) years" : "近 \(years) 年累计"
                }
                lines.append(
                    isEnglish
                        ? "  short: \(what) \(shortfall.actual) of \(shortfall.required) (missing \(shortfall.missing))"
                        : "  差额：\(what) \(shortfall.actual) / \(shortfall.required)（尚缺 \(shortfall.missing)）")
            }
        }
        lines.append("")
        lines.append(isEnglish ? "Ledger (\(entries.count) entries):" : "台账（\(entries.count) 条）：")
        for entry in entries {
            let date = entry.date?.description ?? "----------"
            var line = "  \(date)  \(entry.rule.rawValue)  \(entry.status.rawValue)  \(entry.hours)"
            if !entry.cutHours.isZero { line += isEnglish ? " (cut \(entry.cutHours))" : "（核减 \(entry.cutHours)）" }
            line += "  \(entry.source.file):\(entry.source.line)  \(entry.source.kind.rawValue) \(entry.source.id)"
            lines.append(line)
            lines.append("      " + entry.reason.text(for: language))
        }
        return lines
    }
}
