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
        var lines = [Self.canonicalVersion]
        func add(_ key: String, _ value: String) { lines.append(key + "=" + Self.escaped(value)) }
        add("organisation", organisation)
        add("learner_id", learnerID)
        add("learner_name", learnerName)
        add("dept_id", departmentID)
        add("dept_name", departmentName)
        add("year", String(year))
        for category in categories {
            add("category", category.id)
            add("category_name", category.name)
            add("category_mode", category.mode.rawValue)
            add("category_hours", category.hours.description)
        }
        add("online_hours", onlineHours.description)
        add("offline_hours", offlineHours.description)
        add("total_hours", totalHours.description)
        add("required_hours", requiredHours.description)
        add("status", status.rawValue)
        add("fingerprint", fingerprint)
        add("issue_date", issueDate.description)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The verification code: the first 16 hex digits of SHA-256 over the canonical text,
    /// upper case, in groups of four (`3F2A-9C10-…`).
    public var code: String { Self.formatCode(Self.sha256Hex(canonicalText).prefix(16)) }

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

    static func escaped(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x0A || $0 == 0x0D }) else { return value }
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func sha256Hex(_ text: String) -> String { lowercaseHex(SHA256.hash(data: Array(text.utf8))) }

}
