import Foundation
import Crypto
import HourbookCore
import HourbookRules

/// 学时证明: one learner's certified hours for one year, with every figure the printed
/// certificate shows, and the verification code derived from them (docs/certificates.md).
public struct Certificate: Hashable, Sendable {
    /// One configured category's hours, in display order (categories with no hours show 0.00).
    public struct CategoryHours: Hashable, Sendable {
        public var id: String
        public var name: String
        public var mode: LearningMode
        public var hours: Hours

        public init(id: String, name: String, mode: LearningMode, hours: Hours) {
            self.id = id
            self.name = name
            self.mode = mode
            self.hours = hours
        }
    }

    /// `site.organisation` of hourbook.yaml (may be empty).
    public var organisation: String
    public var learnerID: String
    public var learnerName: String
    public var departmentID: String
    /// The department's name, or empty when the id is not in departments.csv.
    public var departmentName: String
    public var year: Int
    public var categories: [CategoryHours]
    public var onlineHours: Hours
    public var offlineHours: Hours
    public var totalHours: Hours
    /// The requirement's yearly total.
    public var requiredHours: Hours
    public var status: RequirementStatus
    /// The source data's fingerprint (SHA-256 over the input files, hex), as in the evidence archives.
    public var fingerprint: String
    /// 签发日期: the data's "as of" date (`CertificateBook.issueDate`), never the wall clock.
    public var issueDate: LocalDate

    public init(
        organisation: String, learnerID: String, learnerName: String, departmentID: String, departmentName: String,
        year: Int, categories: [CategoryHours], onlineHours: Hours, offlineHours: Hours, totalHours: Hours,
        requiredHours: Hours, status: RequirementStatus, fingerprint: String, issueDate: LocalDate
    ) {
        self.organisation = organisation
        self.learnerID = learnerID
        self.learnerName = learnerName
        self.departmentID = departmentID
        self.departmentName = departmentName
        self.year = year
        self.categories = categories
        self.onlineHours = onlineHours
        self.offlineHours = offlineHours
        self.totalHours = totalHours
        self.requiredHours = requiredHours
        self.status = status
        self.fingerprint = fingerprint
        self.issueDate = issueDate
    }

    /// The first line of the canonical text; a later layout gets a new version.
    public static let canonicalVersion = "hourbook-certificate-v1"

    /// The canonical text of the figures: UTF-8 `key=value` lines, each ending in LF, in the
    /// fixed order of docs/certificates.md; in values `\` is written `\\`, LF `\n` and CR `\r`.
    public var canonicalText: String {
        var bytes: [UInt8] = []
        appendCanonicalText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The canonical text's bytes, appended to `bytes`: a build hashes tens of thousands of
    /// them from one reused buffer, without a `String` per line.
    func appendCanonicalText(to bytes: inout [UInt8]) {
        func add(_ key: StaticString, _ value: String) {
            key.withUTF8Buffer { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "="))
            Self.appendEscaped(value, to: &bytes)
            bytes.append(0x0A)
        }
        func add(_ key: StaticString, _ hours: Hours) {
            key.withUTF8Buffer { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "="))
            Bytes.append(hours, to: &bytes)
            bytes.append(0x0A)
        }
        Bytes.append(Self.canonicalVersion, to: &bytes)
        bytes.append(0x0A)
        add("organisation", organisation)
        add("learner_id", learnerID)
        add("learner_name", learnerName)
        add("dept_id", departmentID)
        add("dept_name", departmentName)
        Bytes.append("year=", to: &bytes)
        Bytes.appendDecimal(Int64(year), to: &bytes)
        bytes.append(0x0A)
        for category in categories {
            add("category", category.id)
            add("category_name", category.name)
            add("category_mode", category.mode.rawValue)
            add("category_hours", category.hours)
        }
        add("online_hours", onlineHours)
        add("offline_hours", offlineHours)
        add("total_hours", totalHours)
        add("required_hours", requiredHours)
        add("status", status.rawValue)
        add("fingerprint", fingerprint)
        Bytes.append("issue_date=", to: &bytes)
        Bytes.append(issueDate, to: &bytes)
        bytes.append(0x0A)
    }

    /// The verification code: the first 16 hex digits of SHA-256 over the canonical text,
    /// upper case, in groups of four (`3F2A-9C10-…`).
    public var code: String {
        var text: [UInt8] = []
        appendCanonicalText(to: &text)
        return Self.code(ofCanonicalText: text)
    }

    /// The code of canonical text bytes, written from the digest's first eight bytes.
    static func code(ofCanonicalText text: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var code: [UInt8] = []
        code.reserveCapacity(19)
        for (index, byte) in SHA256.hash(data: text).prefix(8).enumerated() {
            if index > 0 && index % 2 == 0 { code.append(UInt8(ascii: "-")) }
            code.append(digits[Int(byte >> 4)])
            code.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: code, as: UTF8.self)
    }

    /// `3F2A9C10…` as `3F2A-9C10-…`.
    static func formatCode<S: StringProtocol>(_ digits: S) -> String {
        var result = ""
        for (index, character) in digits.uppercased().enumerated() {
            if index > 0 && index % 4 == 0 { result += "-" }
            result.append(character)
        }
        return result
    }

    /// What a person typed (any case, with or without dashes or spaces, full-width digits from a
    /// Chinese input method) as a code, or nil when it is not 16 hex digits.
    public static func normalizedCode(_ typed: String) -> String? {
        var digits = ""
        for scalar in typed.precomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar {
            case "0"..."9", "A"..."F": digits.unicodeScalars.append(scalar)
            case "a"..."f": digits += String(scalar).uppercased()
            case "-", " ", "\t", "\n", "\r": continue
            default: return nil
            }
        }
        return digits.count == 16 ? formatCode(digits) : nil
    }

    /// A value as the canonical text writes it: `\` as `\\`, LF as `\n`, CR as `\r` (all
    /// ASCII, so bytes can be replaced one by one).
    static func appendEscaped(_ value: String, to bytes: inout [UInt8]) {
        Bytes.append(value, to: &bytes, replacing: { byte in
            switch byte {
            case 0x5C: "\\\\"
            case 0x0A: "\\n"
            case 0x0D: "\\r"
            default: nil
            }
        })
    }

    static func sha256Hex(_ text: String) -> String { lowercaseHex(SHA256.hash(data: Array(text.utf8))) }

}
