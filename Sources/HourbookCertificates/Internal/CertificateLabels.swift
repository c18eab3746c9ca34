import HourbookCore
import HourbookRules

/// Every word the certificates and verify.html show, in one place per language (the data
/// stays as given).
struct CertificateLabels: Sendable {
    let htmlLang: String
    let title: String
    let subtitle: String
    let departmentTitle: String
    let lead: @Sendable (_ name: String, _ id: String, _ department: String, _ year: Int) -> String
    let category: String
    let mode: String
    let online: String
    let offline: String
    let hours: String
    let onlineHours: String
    let offlineHours: String
    let totalHours: String
    let requiredHours: String
    let status: String
    let met: String
    let notMet: String
    let issueDate: String
    let issueDateNote: String
    let fingerprint: String
    let code: String
    let howToVerify: String
    let signature: String
    let issuerKey: String
    let seal: String
    let home: String
    let verifyPage: String
    let printHint: String
    let verifyTitle: String
    let verifyPrompt: String
    let verifyButton: String
    let verifyNoScript: String
    let notFound: String
    let badCode: String
    let found: String
    let organisation: String
    let learner: String
    let learnerID: String
    let department: String
    let year: String
    let publicKey: String
    let unsigned: String

    static func forLanguage(_ language: String) -> CertificateLabels { language == "en" ? english : chinese }

    func statusText(_ status: RequirementStatus) -> String { status == .met ? met : notMet }

    func modeText(_ mode: LearningMode) -> String { mode == .online ? online : offline }

    static let chinese = CertificateLabels(
        htmlLang: "zh-CN", title: "学时证明", subtitle: "Certificate of Training Hours", departmentTitle: "部门学时证明",
        lead: { name, id, department, year in
            "兹证明 \(name)（编号 \(id)\(department.isEmpty ? "" : "，" + department)）\(year) 年度认定学时如下："
        },
        category: "培训类别", mode: "方式", online: "线上", offline: "线下", hours: "学时",
        onlineHours: "线上学时合计", offlineHours: "线下学时合计", totalHours: "认定学时总计", requiredHours: "年度学时要求",
        status: "完成情况", met: "已达标", notMet: "未达标", issueDate: "签发日期",
        issueDateNote: "数据截至该日（源数据中最晚一条已认定记录的日期）",
        fingerprint: "源数据指纹（SHA-256）", code: "验证码",
        howToVerify: "核验方法：在本单位学时网站的 verify.html 页面输入验证码，或运行 hourbook verify-certificate 验证码 --site 网站文件夹。",
        signature: "电子签名（Ed25519，eddsa-jcs-2022）", issuerKey: "签发单位公钥", seal: "盖章处",
        home: "首页", verifyPage: "核验学时证明", printHint: "打印本页即可得到本部门全部成员的学时证明，每人一页（A4）。",
        verifyTitle: "核验学时证明", verifyPrompt: "输入学时证明上的 16 位验证码（如 3F2A-9C10-7B4E-D581）：",
        verifyButton: "核验", verifyNoScript: "本页的核验需要 JavaScript。也可在终端运行：hourbook verify-certificate 验证码 --site 网站文件夹",
        notFound: "查无此证明：没有这个验证码的学时证明。", badCode: "验证码应为 16 位数字或字母 A–F。",
        found: "证明有效：以下为该验证码对应的学时证明内容。", organisation: "单位", learner: "姓名", learnerID: "编号",
        department: "部门", year: "年度", publicKey: "签发单位公钥", unsigned: "（本次构建未签名）")

    static let english = CertificateLabels(
        htmlLang: "en", title: "Certificate of Training Hours", subtitle: "学时证明",
        departmentTitle: "Department certificates",
        lead: { name, id, department, year in
            "This certifies that \(name) (id \(id)\(department.isEmpty ? "" : ", " + department)) has the following certified training hours for \(year):"
        },
        category: "Category", mode: "Mode", online: "online", offline: "offline", hours: "Hours",
        onlineHours: "Online hours", offlineHours: "Offline hours", totalHours: "Total certified hours",
        requiredHours: "Yearly requirement", status: "Status", met: "met", notMet: "not met", issueDate: "Issued",
        issueDateNote: "data as of this date (the latest credited record in the source data)",
        fingerprint: "Source data fingerprint (SHA-256)", code: "Verification code",
        howToVerify: "To verify: enter the code on verify.html of the organisation's training-hours site, or run hourbook verify-certificate CODE --site SITE.",
        signature: "Digital signature (Ed25519, eddsa-jcs-2022)", issuerKey: "Issuer's public key", seal: "Seal",
        home: "Home", verifyPage: "Verify a certificate",
        printHint: "Print this page for every member's certificate of the department, one A4 page each.",
        verifyTitle: "Verify a certificate", verifyPrompt: "Enter the 16-character code printed on the certificate (e.g. 3F2A-9C10-7B4E-D581):",
        verifyButton: "Verify", verifyNoScript: "Checking needs JavaScript. In a terminal: hourbook verify-certificate CODE --site SITE",
        notFound: "No such certificate: no certificate has this code.", badCode: "A code is 16 digits or letters A–F.",
        found: "Genuine: this is the certificate with this code.", organisation: "Organisation", learner: "Name",
        learnerID: "Id", department: "Department", year: "Year", publicKey: "Issuer's public key",
        unsigned: "(this build is not signed)")
}
