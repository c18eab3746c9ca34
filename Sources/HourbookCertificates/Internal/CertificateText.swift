/// A certificate's figures as terminal lines (English labels, data as given).
enum CertificateText {
    static func lines(_ certificate: Certificate) -> [String] {
        var lines = [
            "code: \(certificate.code)",
            "organisation: \(certificate.organisation)",
            "learner: \(certificate.learnerName) (id \(certificate.learnerID))",
            "department: \(certificate.departmentName) (id \(certificate.departmentID))",
            "year: \(certificate.year)",
        ]
        for category in certificate.categories where !category.hours.isZero {
            lines.append("  \(category.name) (\(category.id), \(category.mode.rawValue)): \(category.hours)")
        }
        lines += [
            "online hours: \(certificate.onlineHours)",
            "offline hours: \(certificate.offlineHours)",
            "total hours: \(certificate.totalHours) of \(certificate.requiredHours) required",
            "status: \(certificate.status.rawValue)",
            "source data fingerprint: \(certificate.fingerprint)",
            "issued: \(certificate.issueDate)",
        ]
        return lines
    }
}
