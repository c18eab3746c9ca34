/// A check-in (签到) row of checkins/YYYY.csv.
struct DemoCheckin {
    var learner: String
    var classID: String
    var sessionID: String
    var at: Int64
    var method: String
    var latitude: Int64? = nil
    var longitude: Int64? = nil
}

/// An attachment a filing points to; its bytes are made when the filing is written.
struct DemoAttachment {
    enum Kind { case pdf, jpeg, png }
    enum Digest { case none, correct, wrong }
    var name: String
    var kind: Kind
    var digest: Digest = .none
}

/// A filing (学时补录) of filings.xml.
struct DemoFiling {
    var number = 0
    var learner: String
    var year: Int
    var type: String
    var status: String
    var approvedHours: Int64? = nil
    var submittedAt: Int64? = nil
    var reviewedAt: Int64? = nil
    var classID: String? = nil
    var name: String? = nil
    var category: String? = nil
    var subject: String? = nil
    var start: Int64? = nil
    var end: Int64? = nil
    var requestedHours: Int64? = nil
    var host: String? = nil
    var contact: String? = nil
    var contactPhone: String? = nil
    var location: String? = nil
    /// 万元, in hundredths.
    var cost: Int64? = nil
    var purpose: String? = nil
    var content: String? = nil
    var attachments: [DemoAttachment] = []
}

/// An exam attempt of exams.csv.
struct DemoExam {
    var learner: String
    var classID: String
    var takenAt: Int64
    var score: Int
    var isPassed: Bool
}

/// (name, category, subject, host, location, days, purpose) of external trainings people file.
let onsiteTrainings: [(String, String, String, String, String, ClosedRange<Int>)] = [
    ("全国科技工作者日主题报告会", "academic", "业务培训", "中国科协", "北京", 1...1),
    ("中国科协年会学术报告会", "academic", "学术交流", "中国科协", "合肥", 1...2),
    ("世界科技与发展论坛", "academic", "学术交流", "中国科协", "北京", 1...2),
    ("全国科普讲解大赛培训", "business", "业务知识", "中国科学技术馆", "北京", 2...3),
    ("财务管理与预算绩效业务培训", "business", "业务知识", "中国科协计划财务部", "北京", 1...2),
    ("学会治理能力提升研修班", "business", "业务知识", "中国科协学会学术部", "杭州", 3...5),
    ("国际科技交流合作专题培训", "special", "外事业务", "中国科协国际联络部", "北京", 1...3),
    ("保密教育专题培训", "special", "保密知识", "中国科协办公厅", "北京", 1...1),
    ("干部人事工作业务培训", "hr-onsite", "干部工作", "中国科协组织人事部", "北京", 1...2),
    ("机关党建工作专题研讨", "party-theory", "党性教育", "中央和国家机关工委", "北京", 1...3),
]

let onlineTrainings: [(String, String, String, String, String, ClosedRange<Int>)] = [
    ("中国干部网络学院专题网络培训", "other-platforms", "政治理论", "中国干部网络学院", "线上", 3...10),
    ("“学习强国”专题学习", "other-platforms", "政治理论", "学习强国学习平台", "线上", 2...5),
    ("“科协党建云”专题学习", "party-cloud", "党性教育", "科协党建云", "线上", 1...3),
    ("网络安全与数据保护在线培训", "hr-online", "信息化", "中国科协信息中心", "线上", 1...2),
    ("国家工作人员学法用法在线考试培训", "hr-online", "法治教育", "组织人事部认可平台", "线上", 1...3),
]

/// Party-school trainings of 处级 and 局级 cadres (party-theory, filed onsite): (name, category, subject, host, location, days).
let partyTrainings: [(String, String, String, String, String, ClosedRange<Int>)] = [
    ("中央和国家机关工委处级干部党性教育专题培训", "party-theory", "党性教育", "中央和国家机关工委", "北京", 2...5),
    ("中国科协党校处级干部进修班", "party-theory", "政治理论", "中国科协党校", "北京", 3...5),
    ("延安干部学院党性教育专题培训", "party-theory", "党性教育", "中国延安干部学院", "延安", 3...5),
    ("井冈山干部学院理想信念教育培训", "party-theory", "党性教育", "中国井冈山干部学院", "井冈山", 3...5),
]

/// 局级 cadres' trainings of earlier years: (name, host).
let seniorTrainings: [(String, String)] = [
    ("中央党校（国家行政学院）局级干部进修班", "中央党校（国家行政学院）"),
    ("中央和国家机关局级干部专题研修班", "中央和国家机关工委"),
    ("国家行政学院司局级干部专题研究班", "国家行政学院"),
]

/// The party branch's collective study of a year (党组织集体学习), filed once at its end.
let groupStudies = ["党支部“三会一课”集体学习", "党组织集体学习和党课学习", "主题党日及党支部集体学习"]

let contacts = ["王敏", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"]
let purposes = [
    "提升政治理论素养，增强履职能力。", "学习前沿学术成果，服务科技创新。", "掌握业务新要求，提高工作规范化水平。",
    "落实年度干部教育培训计划。",
]
let contents = [
    "参加专题报告和分组研讨，完成结业考核。", "听取主旨报告三场，参与交流发言。", "完成全部课程学习并通过在线测试。",
    "参加实地教学和案例分析。",
]

extension DemoFiling {
    /// `F-2024-0001`.
    func id(width: Int) -> String { "F-" + String(year) + "-" + padded(number, width) }

    func attachmentPath(_ attachment: DemoAttachment, width: Int) -> String {
        "attachments/" + learner + "/" + id(width: width) + "-" + attachment.name
    }

    /// The attachment's bytes: a PDF, JPEG or PNG that names its filing.
    func bytes(of attachment: DemoAttachment, width: Int) -> [UInt8] {
        let id = id(width: width)
        switch attachment.kind {
        case .pdf: return MediaFiles.pdf(lines: ["Filing " + id, "Learner " + learner, attachment.name])
        case .jpeg: return MediaFiles.jpeg(comment: "Hourbook demo certificate " + id)
        case .png:
            var tint: UInt64 = 1469598103934665603
            for byte in id.utf8 { tint = (tint ^ UInt64(byte)) &* 1099511628211 }
            return MediaFiles.png(width: 32, height: 24, tint: tint)
        }
    }

    func writeXML(to sink: ByteSink, width: Int) {
        var head = "  <filing id=\"\(id(width: width))\" learner=\"\(learner)\" year=\"\(year)\" type=\"\(type)\""
        if let classID { head += " class=\"\(classID)\"" }
        head += " status=\"\(status)\""
        if let approvedHours { head += " approved-hours=\"\(hoursText(approvedHours))\"" }
        if let submittedAt { head += " submitted-at=\"\(DemoCalendar.timestampText(submittedAt))\"" }
        if let reviewedAt {
            head += "\n          reviewed-at=\"\(DemoCalendar.timestampText(reviewedAt))\" reviewer=\"组织人事部\""
        }
        sink.text(head + ">\n")
        func element(_ name: String, _ value: String?) {
            if let value { sink.text("    <\(name)>\(xml(value))</\(name)>\n") }
        }
        element("name", name)
        element("category", category)
        element("subject", subject)
        element("start", start.map { DemoCalendar.text(dayNumber: $0) })
        element("end", end.map { DemoCalendar.text(dayNumber: $0) })
        element("requested-hours", requestedHours.map(hoursText))
        element("host", host)
        element("contact", contact)
        element("contact-phone", contactPhone)
        element("location", location)
        element("cost", cost.map(hoursText))
        element("purpose", purpose)
        element("content", content)
        for attachment in attachments {
            var line = "    <attachment path=\"\(xml(attachmentPath(attachment, width: width)))\""
            switch attachment.digest {
            case .none: break
            case .correct: line += " sha256=\"\(SHA256.hex(bytes(of: attachment, width: width)))\""
            case .wrong:
                // Deliberately the digest of other bytes: the demo's one F-ATTACHMENT.
                line += " sha256=\"\(SHA256.hex(Array("not the certificate".utf8)))\""
            }
            sink.text(line + "/>\n")
        }
        sink.text("  </filing>\n")
    }
}

/// `2`, `2.5`, `0.25` from hundredths.
func hoursText(_ hundredths: Int64) -> String {
    let whole = String(hundredths / 100)
    let fraction = hundredths % 100
    if fraction == 0 { return whole }
    return whole + "." + (fraction % 10 == 0 ? String(fraction / 10) : padded(Int(fraction), 2))
}
