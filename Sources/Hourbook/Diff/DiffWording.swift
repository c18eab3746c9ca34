import HourbookCore
import HourbookRules

/// Every word a diff shows people, in Chinese and in English: one place per language.
struct DiffWording {
    let isEnglish: Bool

    init(language: String) { isEnglish = language == "en" }

    /// The text in the report's language (only that one is built).
    func pick(_ chinese: @autoclosure () -> String, _ english: @autoclosure () -> String) -> String {
        isEnglish ? english() : chinese()
    }

    var title: String { pick("学时差异报告", "Training hours: what changes") }
    var noDifferences: String { pick("没有差异（no differences）。", "No differences.") }
    var before: String { pick("变更前", "Before") }
    var after: String { pick("变更后", "After") }
    var years: String { pick("年度", "Years") }
    var settings: String { pick("设置变化", "Settings changed") }
    var settingsUnknown: String {
        pick(
            "一侧为已发布的输出目录，其导出不含设置；只能从 inputs.csv 中 hourbook.yaml 的指纹看出是否改变。",
            "One side is a published output folder, whose exports do not hold the settings; hourbook.yaml's fingerprint in inputs.csv tells whether they changed.")
    }
    var inputs: String { pick("输入文件变化", "Input files changed") }
    var inputsUnknown: String {
        pick(
            "一侧为较早发布的输出目录，没有 exports/inputs.csv，无法比较输入文件。",
            "One side is an output folder published without exports/inputs.csv: its input files cannot be compared.")
    }
    var departments: String { pick("部门变化（按变化大小排序）", "Departments that change, largest change first") }
    var learners: String { pick("学员变化", "Learners that change") }
    var ledger: String { pick("台账条目（按规则与状态）", "Ledger entries by rule and status") }
    var direct: String { pick("本部门", "direct") }
    var subtree: String { pick("含下级", "with subtree") }
    var met: String { pick("达标", "met") }
    var learnersWord: String { pick("人", "learners") }
    var hours: String { pick("学时", "hours") }
    var rate: String { pick("达标率", "rate") }
    var reason: String { pick("原因", "Reason") }
    var department: String { pick("部门", "Department") }
    var learner: String { pick("学员", "Learner") }
    var year: String { pick("年度", "Year") }
    var status: String { pick("状态", "Status") }
    var total: String { pick("总学时", "Total") }
    var entries: String { pick("条目", "Entries") }
    var rule: String { pick("规则", "Rule") }
    var file: String { pick("文件", "File") }
    var change: String { pick("变化", "Change") }
    var sortHint: String { pick("点击表头排序", "Click a column header to sort") }

    func origin(_ origin: Snapshot.Origin) -> String {
        switch origin {
        case .dataFolder(let path, nil): return pick("数据目录 \(path)", "data folder \(path)")
        case .dataFolder(let path, let settings?):
            return pick("数据目录 \(path)，设置文件 \(settings)", "data folder \(path) with settings \(settings)")
        case .outputFolder(let path): return pick("已发布的输出目录 \(path)", "published output folder \(path)")
        }
    }

    func yearsOnly(_ years: [Int], side: String) -> String {
        let list = years.map(String.init).joined(separator: ", ")
        return pick("仅\(side)报告的年度：\(list)（另一侧没有这些年度的数据行）", "Years reported only \(side.lowercased()): \(list) (the other side has no rows for them)")
    }

    func status(_ status: RequirementStatus?) -> String {
        guard let status else { return pick("未列入", "not reported") }
        return status == .met ? pick("达标", "met") : pick("未达标", "not met")
    }

    func entryStatus(_ status: EntryStatus) -> String {
        switch status {
        case .credited: return pick("已认定", "credited")
        case .capped: return pick("超上限", "capped")
        case .pending: return pick("待定", "pending")
        case .rejected: return pick("未通过", "rejected")
        case .flagged: return pick("待核查", "flagged")
        }
    }

    func kind(_ kind: SourceKind) -> String {
        switch kind {
        case .playback: return pick("学习记录", "playback row")
        case .chapter: return pick("章节", "chapter")
        case .checkin: return pick("签到", "check-in")
        case .filing: return pick("填报", "filing")
        case .exam: return pick("考试", "exam")
        }
    }

    func inputKind(_ kind: InputChange.Kind) -> String {
        switch kind {
        case .added: return pick("新增", "added")
        case .removed: return pick("删除", "removed")
        case .changed: return pick("修改", "changed")
        }
    }

    /// `RULE status hours`, with the cut and the cap when they apply.
    func state(_ state: EntryState) -> String {
        var text = "\(state.rule.rawValue) \(entryStatus(state.status)) \(state.hours)"
        if !state.cutHours.isZero { text += pick("（核减 \(state.cutHours)）", " (cut \(state.cutHours))") }
        if state.isCapped { text += " Y-CAP" }
        return text
    }

    /// One entry's change in the ledger's terms, e.g.
    /// `chapter CS101-3: P-CHAPTER credited 0.50 → P-INCOMPLETE pending 0.00 (64 % covered, threshold 60 % → 80 %) [playback/2024-03.csv:2]`.
    func entry(_ change: EntryChange) -> String {
        var text = "\(kind(change.kind)) \(change.sourceID)\(pick("：", ": "))"
        switch (change.before, change.after) {
        case (nil, let new?): text += pick("新增 ", "appeared: ") + state(new)
        case (let old?, nil): text += pick("消失 ", "disappeared: ") + state(old)
        case (let old?, let new?): text += state(old) + " → " + state(new)
        case (nil, nil): break
        }
        var notes: [String] = []
        if let old = change.before, let new = change.after, old.year != new.year {
            notes.append(pick("年度 ", "year ") + "\(old.year.map(String.init) ?? "—") → \(new.year.map(String.init) ?? "—")")
        }
        if let old = change.before, let new = change.after, old.categoryID != new.categoryID {
            notes.append(pick("类别 ", "category ") + "\(old.categoryID ?? "—") → \(new.categoryID ?? "—")")
        }
        if change.kind == .chapter {
            let percent = change.after?.percent ?? change.before?.percent
            if let old = change.before?.percent, let new = change.after?.percent, old != new {
                notes.append(pick("观看进度 \(old)% → \(new)%", "\(old) % → \(new) % covered"))
            } else if let percent {
                notes.append(pick("观看进度 \(percent)%", "\(percent) % covered"))
            }
            switch (change.thresholdBefore, change.thresholdAfter) {
            case let (old?, new?) where old != new:
                notes.append(
                    pick("要求 \(SettingsComparison.percent(old))% → \(SettingsComparison.percent(new))%",
                        "threshold \(SettingsComparison.percent(old)) % → \(SettingsComparison.percent(new)) %"))
            case let (_, new?) where change.after != nil:
                notes.append(pick("要求 \(SettingsComparison.percent(new))%", "threshold \(SettingsComparison.percent(new)) %"))
            default: break
            }
        }
        if !notes.isEmpty { text += pick("（", " (") + notes.joined(separator: pick("，", ", ")) + pick("）", ")") }
        if let where_ = change.after ?? change.before { text += " [\(where_.file):\(where_.line)]" }
        return text
    }

    /// Why a learner-year changed: figures that are not ledger entries (department, requirement,
    /// presence), then each entry.
    func reasons(_ change: LearnerChange) -> [String] {
        var reasons: [String] = []
        if change.before == nil {
            reasons.append(pick("变更前未列入该年度（不在花名册中或当年不在职）", "not reported before (not in the roster, or not active that year)"))
        }
        if change.after == nil {
            reasons.append(pick("变更后未列入该年度（不在花名册中或当年不在职）", "not reported after (not in the roster, or not active that year)"))
        }
        if change.isMove, let old = change.before?.departmentID, let new = change.after?.departmentID {
            reasons.append(pick("调动：\(old) → \(new)", "moved: \(old) → \(new)"))
        }
        if change.isRequirementChange, let old = change.before?.requiredHours, let new = change.after?.requiredHours {
            reasons.append(pick("学时要求 \(old) → \(new)", "required hours \(old) → \(new)"))
        }
        reasons += change.entries.map(entry)
        if reasons.isEmpty && (change.isStatusChange || change.isTotalChange) {
            reasons.append(
                pick("该年度的台账条目未变（可能是类别最低要求或滚动要求的变化）", "no ledger entry of this year changed (a category minimum or rolling requirement)"))
        }
        return reasons
    }

    /// `2/3 (66.7 %)`
    func ratio(_ met: Int, _ learners: Int) -> String {
        "\(met)/\(learners) (\(percentText(met, learners)))"
    }

    func percentText(_ part: Int, _ whole: Int) -> String {
        guard whole > 0 else { return "—" }
        // One decimal, half up, like the site's compliance rate.
        let tenths = (Int64(part) * 2000 + Int64(whole)) / (Int64(whole) * 2)
        return "\(tenths / 10).\(tenths % 10) %"
    }
}

extension LearnerChange {
    /// Why this learner-year changed, one line per reason, in `language` (zh or en).
    public func reasons(language: String = "zh") -> [String] { DiffWording(language: language).reasons(self) }
}
