/// A certificate's figures as terminal lines (English labels, data as given but with control
/// characters shown as `\u{…}`, so no name can move the cursor or recolour the terminal).
enum CertificateText {
    static func lines(_ certificate: Certificate) -> [String] { rawLines(certificate).map(printable) }

    static func printable(_ line: String) -> String {
        var result = ""
        for scalar in line.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func rawLines(_ certificate: Certificate) -> [String] {
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
