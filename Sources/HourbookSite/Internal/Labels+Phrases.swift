import HourbookCore
import HourbookRules

/// The theme's phrases that take punctuation or a value, in the page language: full-width
/// punctuation (`：`, `（`, `，`) only on Chinese pages, ASCII on English ones.
extension Labels {
    var isEnglish: Bool { htmlLang == "en" }

    /// After a label: `编号：` / `ID: `.
    var colon: String { isEnglish ? ": " : "：" }
    /// Between items of a list in running text.
    var listSeparator: String { isEnglish ? "; " : "；" }
    var comma: String { isEnglish ? ", " : "，" }
    var openParenthesis: String { isEnglish ? " (" : "（" }
    var closeParenthesis: String { isEnglish ? ")" : "）" }

    /// The kind of record behind a ledger entry, as people call it.
    func sourceKind(_ kind: SourceKind) -> String {
        switch kind {
        case .playback: isEnglish ? "Playback record" : "播放记录"
        case .chapter: isEnglish ? "Chapter" : "章节"
        case .checkin: isEnglish ? "Check-in" : "签到"
        case .filing: isEnglish ? "Filing" : "填报"
        case .exam: isEnglish ? "Exam" : "考试"
        }
    }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: isEnglish ? "Error" : "错误"
        case .warning: isEnglish ? "Warning" : "警告"
        case .info: isEnglish ? "Info" : "提示"
        }
    }

    var dataAsOf: String { isEnglish ? "Data as of" : "数据截至" }
    /// Beside a download link: `（下载，1.0 GB）` / `(download, 1.0 GB)`.
    func downloadSize(_ size: String) -> String { isEnglish ? "(download, \(size))" : "（下载，\(size)）" }
    var whyNotMet: String { isEnglish ? "Shortfall" : "未达标原因" }
    var technicalDetail: String { isEnglish ? "Details" : "技术细节（英文）" }
    var values: String { isEnglish ? "Values" : "涉及的值" }
    var byFile: String { isEnglish ? "By file" : "按文件" }
    var page: String { isEnglish ? "Page" : "页" }
    var previousPage: String { isEnglish ? "Previous" : "上一页" }
    var nextPage: String { isEnglish ? "Next" : "下一页" }
    var count: String { isEnglish ? "Count" : "条数" }

    /// `第 2 页，共 5 页` / `Page 2 of 5`.
    func pageOf(_ page: Int, _ pages: Int) -> String {
        isEnglish ? "Page \(page) of \(pages)" : "第 \(page) 页，共 \(pages) 页"
    }

    /// One shortfall in a few words, for a status cell: `年度总学时差 5.50`.
    func shortfallShort(_ shortfall: Shortfall, categoryName: (String) -> String) -> String {
        let item: String
        switch shortfall.item {
        case .total: item = shortfallTotal
        case .category(let id): item = categoryName(id)
        case .rolling(let years): item = "\(years)\(shortfallRolling)"
        }
        return isEnglish ? "\(item) short by \(shortfall.missing)" : "\(item)差 \(shortfall.missing)"
    }

    /// What a diagnostic code means, in one line of the page language (docs/diagnostics.md
    /// has the example and the fix for each).
    func diagnosticTitle(_ code: DiagnosticCode) -> String {
        isEnglish ? Self.englishDiagnosticTitles[code]! : Self.chineseDiagnosticTitles[code]!
    }

    static let chineseDiagnosticTitles: [DiagnosticCode: String] = [
        .encodingGB18030: "文件不是 UTF-8 编码，已按 GB18030 读取；另存为“CSV UTF-8”即可消除此提示。",
        .encodingInvalid: "文件既不是 UTF-8 也不是 GB18030 编码，无法读取；请另存为 UTF-8。",
        .fileUnreadable: "文件或文件夹无法打开或读取；请检查路径和权限。",
        .fileMissing: "缺少必需的文件。",
        .folderAmbiguous: "同一种数据有两种格式的文件；请只保留一种。",
        .settingsInvalid: "hourbook.yaml 设置有误。",
        .csvMissingColumn: "表头缺少必需的列。",
        .csvUnknownColumn: "表头中有无法识别的列，已忽略。",
        .csvFieldCount: "本行的字段数与表头不一致（多了或少了逗号），本行未使用。",
        .csvQuote: "引号位置不对或引号未闭合，本行未使用。",
        .csvDuplicateColumn: "表头中有重复的列名，只使用第一列。",
        .xmlMalformed: "XML 文件格式不正确。",
        .xmlDoctype: "XML 文件含有 DOCTYPE 声明，出于安全原因不予处理；请删除 DOCTYPE。",
        .xmlUnknownElement: "XML 中有无法识别的元素，已忽略。",
        .xmlUnknownAttribute: "XML 中有无法识别的属性，已忽略。",
        .missingValue: "缺少必填的值，本条记录未使用。",
        .badValue: "值的格式不正确（日期、时间、学时等），本条记录未使用。",
        .badOptionalValue: "选填的值格式不正确，已按未填写处理。",
        .badIdentifier: "编号超过 64 个字符，本条记录未使用。",
        .duplicateID: "编号与前面的记录重复，本条记录未使用。",
        .textTooLong: "文字超过长度限制，已完整保留。",
        .unknownParent: "上级部门不存在，本部门按顶级部门处理。",
        .departmentCycle: "部门的上下级关系形成了循环，编号最小的部门按顶级部门处理。",
        .unknownDepartment: "学员所属部门不存在。",
        .unknownCategory: "课程或培训班的培训类别未在设置中配置，未使用。",
        .courseHoursMismatch: "课程学时与各章节学时之和不一致，课程及其章节未使用。",
        .unknownCourse: "引用的课程不存在或不可用。",
        .unknownMember: "培训班名单中的学员不在花名册中。",
        .sessionTimes: "课次的结束时间不晚于开始时间，未使用。",
        .classDates: "培训班的结束日期早于开始日期，未使用。",
        .playbackConflict: "播放记录的事件编号与前面的记录重复但内容不同，本行未使用。",
        .examUnknownLearner: "考试记录中的学员不在花名册中。",
        .examUnknownClass: "考试记录中的培训班不存在。",
    ]

    static let englishDiagnosticTitles: [DiagnosticCode: String] = [
        .encodingGB18030: "The file is not UTF-8; it was read as GB18030.",
        .encodingInvalid: "The file is neither UTF-8 nor GB18030.",
        .fileUnreadable: "A file or folder cannot be read.",
        .fileMissing: "A required file is missing.",
        .folderAmbiguous: "Two forms of the same input are present.",
        .settingsInvalid: "hourbook.yaml is invalid.",
        .csvMissingColumn: "A required column is missing.",
        .csvUnknownColumn: "Unknown columns were ignored.",
        .csvFieldCount: "The row has a different number of fields than the header.",
        .csvQuote: "A quote is misplaced or never closed.",
        .csvDuplicateColumn: "A column name appears twice; the first is used.",
        .xmlMalformed: "The XML is not well-formed.",
        .xmlDoctype: "The XML declares a DOCTYPE, which is never processed.",
        .xmlUnknownElement: "An unknown element was ignored.",
        .xmlUnknownAttribute: "An unknown attribute was ignored.",
        .missingValue: "A required value is missing.",
        .badValue: "A value is malformed.",
        .badOptionalValue: "An optional value is malformed and treated as absent.",
        .badIdentifier: "An identifier is longer than 64 characters.",
        .duplicateID: "The id repeats an earlier record's.",
        .textTooLong: "A text is longer than its limit (kept whole).",
        .unknownParent: "The parent department does not exist.",
        .departmentCycle: "Departments form a cycle of parents.",
        .unknownDepartment: "The learner's department does not exist.",
        .unknownCategory: "The category is not configured.",
        .courseHoursMismatch: "The course's hours differ from its chapters' sum.",
        .unknownCourse: "The course does not exist or cannot be used.",
        .unknownMember: "A class member is not on the roster.",
        .sessionTimes: "A session ends at or before its start.",
        .classDates: "A class ends before it starts.",
        .playbackConflict: "A playback event id is reused with different values.",
        .examUnknownLearner: "An exam names a learner not on the roster.",
        .examUnknownClass: "An exam names an unknown class.",
    ]

    /// The quoted values of an importer message (`'2024-13-01'`, `"GBK"`), for showing the
    /// facts of an English message on a Chinese page without its words.
    static func quotedValues(_ message: String) -> [String] {
        var values: [String] = []
        var current: String?
        var previous: Character = " "
        for character in message {
            if var open = current {
                if character == "'" { values.append(open); current = nil } else { open.append(character); current = open }
            } else if character == "'" && !previous.isLetter {
                current = ""
            }
            previous = character
        }
        return values.filter { !$0.isEmpty }
    }
}
