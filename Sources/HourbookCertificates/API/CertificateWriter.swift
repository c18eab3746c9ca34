import Dispatch
import Foundation
import HourbookCore
import HourbookRules

/// The certificate stage of the build: a 学时证明 for every learner-year of the tally.
///
/// Writes into the output folder `certificates/YEAR/DEPT.html` (a department's certificates,
/// one A4 page each), `certificates/certificate.css`, `verify.html` with its `verify/` shards,
/// `exports/certificates.csv` and, when the build signs, `certificates/public-key.pem`.
/// The private key is never written anywhere.
public enum CertificateWriter {
    @discardableResult
    public static func write(
        dataset: Dataset, ledger: Ledger, tally: Tally, signingKey: SigningKey?, language: String, to folder: String
    ) throws -> CertificateBook {
        let book = CertificateBook(dataset: dataset, ledger: ledger, tally: tally)
        let proofValues = signingKey.map { sign(book, with: $0, timezone: dataset.settings.timezone) }
            ?? Array(repeating: nil, count: book.certificates.count)
        let labels = CertificateLabels.forLanguage(language)
        let paths = OutputPaths(learnerIDs: dataset.learners.map(\.id), departmentIDs: dataset.departments.map(\.id))
        let publicKey = signingKey?.publicKey

        var files: [(path: String, contents: [UInt8])] = []
        files.append(("exports/certificates.csv", certificatesCSV(book)))
        files.append(("certificates/certificate.css", Array(CertificatePages.stylesheet.utf8)))
        if let publicKey { files.append(("certificates/public-key.pem", Array(publicKey.pem.utf8))) }
        files.append(("verify.html", Array(VerifyPage.makeHTML(labels: labels, publicKey: publicKey).utf8)))
        let index = VerifyIndex(book: book, proofValues: proofValues, publicKey: publicKey, settings: dataset.settings, labels: labels)
        for file in index.files { files.append((file.path, Array(file.contents.utf8))) }

        // One print file per department and year, members in learner id order (the tally's).
        var groups: [String: [Int]] = [:]
        var keys: [(year: Int, departmentID: String)] = []
        for (position, certificate) in book.certificates.enumerated() {
            let key = "\(certificate.year)\u{0}\(certificate.departmentID)"
            if groups[key] == nil { keys.append((certificate.year, certificate.departmentID)) }
            groups[key, default: []].append(position)
        }
        let pages = CertificatePages(labels: labels, paths: paths, publicKey: publicKey)
        for key in keys {
            let members = groups["\(key.year)\u{0}\(key.departmentID)"]!
            let html = pages.makeDepartmentHTML(
                departmentID: key.departmentID, departmentName: book.certificates[members[0]].departmentName,
                year: key.year, certificates: members.map { (book.certificates[$0], book.codes[$0], proofValues[$0]) })
            files.append((paths.certificatePage(key.departmentID, year: key.year), Array(html.utf8)))
        }

        var folders: Set<String> = []
        for file in files {
            let parent = (folder + "/" + file.path as NSString).deletingLastPathComponent
            if folders.insert(parent).inserted {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            }
            try Data(file.contents).write(to: URL(fileURLWithPath: folder + "/" + file.path))
        }
        return book
    }

    /// `exports/certificates.csv`: learner_id, year, total_hours, status, code; one row per row
    /// of learners.csv, in its order, values written as there (formula guard included).
    public static func certificatesCSV(_ book: CertificateBook) -> [UInt8] {
        var csv = CSVWriter()
        csv.row(["learner_id", "year", "total_hours", "status", "code"])
        for (certificate, code) in zip(book.certificates, book.codes) {
            csv.row([
                certificate.learnerID, String(certificate.year), certificate.totalHours.description,
                certificate.status.rawValue, code,
            ])
        }
        return csv.bytes
    }

    /// Every certificate's eddsa-jcs-2022 proof value, on every core.
    static func sign(_ book: CertificateBook, with key: SigningKey, timezone: UTCOffset) -> [String?] {
        let count = book.certificates.count
        let values = UnsafeMutableBufferPointer<String?>.allocate(capacity: count)
        values.initialize(repeating: nil)
        defer { values.deallocate() }
        let chunk = 256
        nonisolated(unsafe) let slots = values
        // Every certificate of the book has the book's issue date, hence one proof configuration.
        let configurationHash = Credential.configurationHash(
            document: .object(["@context": .array([.string(Credential.context)])]),
            proofOptions: Credential.proofOptions(
                issuer: key.publicKey, created: Credential.timestamp(book.issueDate, timezone)))
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { part in
            for index in part * chunk..<min(count, (part + 1) * chunk) {
                let certificate = book.certificates[index]
                slots[index] = Credential.proofValue(
                    certificate, code: book.codes[index], signedWith: key, timezone: timezone,
                    configurationHash: certificate.issueDate == book.issueDate ? configurationHash : nil)
            }
        }
        return Array(values)
    }
}
