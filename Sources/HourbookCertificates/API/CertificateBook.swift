import Dispatch
import HourbookCore
import HourbookRules

/// Every certificate of a build: one per learner-year of the tally, which is one per row of
/// `exports/learners.csv`, in the same order, all with the same issue date.
public struct CertificateBook: Sendable {
    public let certificates: [Certificate]
    /// Each certificate's verification code, computed once (same order).
    public let codes: [String]
    /// 签发日期 of every certificate of the build (see `issueDate(ledger:years:)`).
    public let issueDate: LocalDate

    public init(certificates: [Certificate], issueDate: LocalDate) {
        self.certificates = certificates
        self.codes = Self.codes(of: certificates)
        self.issueDate = issueDate
    }

    /// Every certificate's code, on every core, each canonical text written into one reused
    /// buffer per thread and hashed from there.
    static func codes(of certificates: [Certificate]) -> [String] {
        let count = certificates.count
        let chunk = 512
        return [String](unsafeUninitializedCapacity: count) { codes, initialized in
            nonisolated(unsafe) let slots = codes
            DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { part in
                var text: [UInt8] = []
                for index in part * chunk..<min(count, (part + 1) * chunk) {
                    text.removeAll(keepingCapacity: true)
                    certificates[index].appendCanonicalText(to: &text)
                    (slots.baseAddress! + index).initialize(to: Certificate.code(ofCanonicalText: text))
                }
            }
            initialized = count
        }
    }

    /// The certificates of an evaluated dataset.
    public init(dataset: Dataset, ledger: Ledger, tally: Tally) {
        let issueDate = Self.issueDate(ledger: ledger, years: tally.years)
        let learners = Dictionary(dataset.learners.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let departments = Dictionary(dataset.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let categories = dataset.settings.categories
        let certificates = tally.learnerYears.map { item in
            let learner = learners[item.learnerID]
            let departmentID = learner?.departmentID ?? ""
            return Certificate(
                organisation: dataset.settings.site.organisation, learnerID: item.learnerID,
                learnerName: learner?.name ?? "", departmentID: departmentID,
                departmentName: departments[departmentID] ?? "", year: item.year,
                categories: categories.map {
                    Certificate.CategoryHours(
                        id: $0.id, name: $0.name, mode: $0.mode, hours: item.hoursByCategory[$0.id] ?? .zero)
                },
                onlineHours: item.onlineHours, offlineHours: item.offlineHours, totalHours: item.totalHours,
                requiredHours: item.requirement.total, status: item.status, fingerprint: dataset.fingerprint,
                issueDate: issueDate)
        }
        self.init(certificates: certificates, issueDate: issueDate)
    }

    /// The issue date: the data's "as of" date, the latest date of a credited (or capped)
    /// ledger entry of any learner, so that rebuilding the same data gives the same date and
    /// new records move it. With no credited entry at all, 31 December of the latest year.
    public static func issueDate(ledger: Ledger, years: [Int]) -> LocalDate {
        var latest: LocalDate?
        // Millions of entries: read the two fields in place (a copy of each entry retains its texts).
        ledger.entries.withUnsafeBufferPointer { entries in
            for index in entries.indices {
                let status = entries[index].status
                guard status == .credited || status == .capped, let date = entries[index].date else { continue }
                if latest.map({ date > $0 }) ?? true { latest = date }
            }
        }
        if let latest { return latest }
        return LocalDate(year: years.max() ?? 1970, month: 12, day: 31)!
    }
}
