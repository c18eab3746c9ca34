import HourbookRules

/// The words of the theme in one page language (data stays as given).
struct Labels: Sendable {
    let htmlLang: String
    let home: String
    let organisation: String
    let year: String
    let years: String
    let learners: String
    let met: String
    let notMet: String
    let complianceRate: String
    let totalHours: String
    let averageHours: String
    let onlineHours: String
    let offlineHours: String
    let requiredHours: String
    let status: String
    let name: String
    let id: String
    let department: String
    let departments: String
    let departmentTree: String
    let chartByDepartment: String
    let chartByCategory: String
    let subDepartments: String
    let members: String
    let noMembers: String
    let categoryTotals: String
    let category: String
    let mode: String
    let online: String
    let offline: String
    let hours: String
    let evidence: String
    let evidenceArchive: String
    let noEvidence: String
    let downloadCSV: String
    let diagnostics: String
    let diagnosticsCount: String
    let noDiagnostics: String
    let file: String
    let line: String
    let severity: String
    let code: String
    let message: String
    let rawText: String
    let search: String
    let searchPlaceholder: String
    let searchHint: String
    let searchNoJS: String
    let exports: String
    let archive: String
    let archiveOf: String
    let overview: String
    let offlineTraining: String
    let onlineTraining: String
    let trainingName: String
    let host: String
    let period: String
    let subject: String
    let pendingFilings: String
    let rejectedFilings: String
    let reason: String
    let chaptersInProgress: String
    let chapter: String
    let course: String
    let progress: String
    let classProgress: String
    let trainingClass: String
    let learnedHours: String
    let classRequiredHours: String
    let examEligibility: String
    let eligible: String
    let notEligible: String
    let noExamRequirement: String
    let requirement: String
    let requirementGroup: String
    let shortfall: String
    let shortfallTotal: String
    let shortfallRolling: String
    let none: String
    let attachments: String
    let path: String
    let digest: String
    let filing: String
    let ledger: String
    let date: String
    let rule: String
    let cut: String
    let source: String
    let rank: String
    let phone: String
    let notActive: String
    let otherEntries: String
    let noYear: String
    let submittedAt: String
    let capNote: String
    let skipToContent: String
    let sortHint: String
    let pendingLabel: String
    let rejectedLabel: String
    let capped: String
    let credited: String
    let flagged: String
    let backToDepartment: String
    let subtree: String
    let direct: String
    let certificate: String

    static func forLanguage(_ language: String) -> Labels { language == "en" ? .english : .chinese }

    func statusText(_ status: RequirementStatus) -> String { status == .met ? met : notMet }

    func entryStatus(_ status: EntryStatus) -> String {
        switch status {
        case .credited: credited
        case .capped: capped
        case .pending: pendingLabel
        case .rejected: rejectedLabel
        case .flagged: flagged
        }
    }

    static let chinese = Labels(
        htmlLang: "zh-CN", home: "首页", organisation: "单位", year: "年度", years: "年度", learners: "学员",
        met: "达标", notMet: "未达标", complianceRate: "达标率", totalHours: "总学时", averageHours: "人均学时",
        onlineHours: "线上学时", offlineHours: "线下学时", requiredHours: "学时要求", status: "状态", name: "姓名",
        id: "编号", department: "部门", departments: "部门", departmentTree: "部门结构",
        chartByDepartment: "各部门达标率", chartByCategory: "各类别学时", subDepartments: "下级部门",
        members: "学员学时", noMembers: "本年度没有在册学员。", categoryTotals: "类别学时合计", category: "培训类别",
        mode: "形式", online: "线上", offline: "线下", hours: "学时", evidence: "审计材料",
        evidenceArchive: "下载审计材料（zip）", noEvidence: "本年度没有填报材料。", downloadCSV: "下载表格（CSV）",
        diagnostics: "数据问题", diagnosticsCount: "条数据问题", noDiagnostics: "没有数据问题。", file: "文件",
        line: "行", severity: "级别", code: "代码", message: "说明", rawText: "原始内容", search: "搜索",
        searchPlaceholder: "姓名、拼音、编号或部门",
        searchHint: "输入姓名、名字、全拼或拼音首字母（如 tf）、编号或部门名称的开头；↑↓ 选择，回车打开",
        searchNoJS: "未启用脚本时请从部门结构查找", exports: "数据导出", archive: "学时档案", archiveOf: "的学时档案",
        overview: "学时概览", offlineTraining: "线下培训情况", onlineTraining: "线上培训情况",
        trainingName: "培训名称", host: "主办单位", period: "起止时间", subject: "培训科目",
        pendingFilings: "待审批的填报", rejectedFilings: "未通过的填报", reason: "原因",
        chaptersInProgress: "学习中的章节", chapter: "章节", course: "课程", progress: "进度",
        classProgress: "培训班进度", trainingClass: "培训班", learnedHours: "已学学时",
        classRequiredHours: "学时要求", examEligibility: "考试资格", eligible: "可参加考试",
        notEligible: "未达到学时要求", noExamRequirement: "无学时要求", requirement: "学时要求",
        requirementGroup: "要求类别", shortfall: "差额", shortfallTotal: "年度总学时",
        shortfallRolling: "年滚动总学时", none: "无", attachments: "附件", path: "文件", digest: "SHA-256",
        filing: "填报", ledger: "学时记录明细", date: "日期", rule: "规则", cut: "核减", source: "来源",
        rank: "职级", phone: "电话", notActive: "本年度不在册，学时不计入合计。", otherEntries: "其他记录",
        noYear: "无年度", submittedAt: "提交时间", capNote: "超出类别上限（Y-CAP）", skipToContent: "跳到正文",
        sortHint: "点击表头排序", pendingLabel: "待审批", rejectedLabel: "未通过", capped: "超上限",
        credited: "已认定", flagged: "待核查", backToDepartment: "返回部门", subtree: "含下级", direct: "本部门",
        certificate: "学时证明")

    static let english = Labels(
        htmlLang: "en", home: "Home", organisation: "Organisation", year: "Year", years: "Years",
        learners: "Learners", met: "Met", notMet: "Not met", complianceRate: "Compliance rate",
        totalHours: "Total hours", averageHours: "Average hours", onlineHours: "Online hours",
        offlineHours: "Offline hours", requiredHours: "Required hours", status: "Status", name: "Name", id: "ID",
        department: "Department", departments: "Departments", departmentTree: "Departments",
        chartByDepartment: "Compliance by department", chartByCategory: "Hours by category",
        subDepartments: "Sub-departments", members: "Members", noMembers: "No active members this year.",
        categoryTotals: "Hours by category", category: "Category", mode: "Mode", online: "Online",
        offline: "Offline", hours: "Hours", evidence: "Evidence", evidenceArchive: "Download the evidence (zip)",
        noEvidence: "No filings this year.", downloadCSV: "Download this table (CSV)", diagnostics: "Diagnostics",
        diagnosticsCount: "diagnostics", noDiagnostics: "No diagnostics.", file: "File", line: "Line",
        severity: "Severity", code: "Code", message: "Message", rawText: "Raw text", search: "Search",
        searchPlaceholder: "Name, pinyin or ID",
        searchHint: "Type the start of a name, a given name, its pinyin or initials (tf), an ID or a department; ↑↓ to choose, Enter to open",
        searchNoJS: "Without JavaScript, browse the departments", exports: "Exports", archive: "Training record",
        archiveOf: " · Training record", overview: "Overview", offlineTraining: "Offline training",
        onlineTraining: "Online training", trainingName: "Training", host: "Host", period: "Dates",
        subject: "Subject", pendingFilings: "Filings pending approval", rejectedFilings: "Rejected filings",
        reason: "Reason", chaptersInProgress: "Chapters in progress", chapter: "Chapter", course: "Course",
        progress: "Progress", classProgress: "Class progress", trainingClass: "Class",
        learnedHours: "Hours learned", classRequiredHours: "Hours required", examEligibility: "Exam",
        eligible: "May take the exam", notEligible: "Required hours not reached",
        noExamRequirement: "No requirement", requirement: "Requirement", requirementGroup: "Group",
        shortfall: "Shortfall", shortfallTotal: "Yearly total", shortfallRolling: "-year rolling total",
        none: "None", attachments: "Attachments", path: "File", digest: "SHA-256", filing: "Filing",
        ledger: "Ledger entries", date: "Date", rule: "Rule", cut: "Cut", source: "Source", rank: "Rank",
        phone: "Phone", notActive: "Not on the roster this year: hours count in no total.",
        otherEntries: "Other entries", noYear: "No year", submittedAt: "Submitted", capNote: "over the category cap (Y-CAP)",
        skipToContent: "Skip to content", sortHint: "Click a column header to sort", pendingLabel: "Pending",
        rejectedLabel: "Rejected", capped: "Capped", credited: "Credited", flagged: "Flagged",
        backToDepartment: "Back to the department", subtree: "incl. sub-departments", direct: "direct members",
        certificate: "Certificate of training hours")
}

extension Labels {
    /// The one line a scoped site shows for the diagnostics it leaves out.
    func outsideScope(_ count: Int) -> String {
        htmlLang == "en" ? "\(count) problems outside this scope." : "另有 \(count) 条问题不属于本范围。"
    }
}
