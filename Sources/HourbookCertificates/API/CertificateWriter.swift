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
        files += index.files
        for file in files { try makeParent(of: file.path, in: folder) }
        for file in files { try FileWriter.write(file.contents, to: folder + "/" + file.path) }

        // One print file per department and year, rendered and written on every core.
        let pages = CertificatePages(labels: labels, paths: paths, publicKey: publicKey)
        let printFiles = departmentYears(of: book)
        let pagePaths = printFiles.map { paths.certificatePage($0.departmentID, year: $0.year) }
        for path in pagePaths { try makeParent(of: path, in: folder) }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: printFiles.count) { page in
            let (year, departmentID, members) = printFiles[page]
            let html = pages.makeDepartmentHTML(
                departmentID: departmentID, departmentName: book.certificates[members[0]].departmentName,
                year: year, certificates: members.map { (book.certificates[$0], book.codes[$0], proofValues[$0]) })
            do throws(OutputFailure) {
                try FileWriter.write(html, to: folder + "/" + pagePaths[page])
            } catch {
                failures.record(error, at: page)
            }
        }
        if let failure = failures.first { throw failure }
        return book
    }

    /// The certificates of each department and year (positions in the book, in learner id order
    /// as the tally's), in the order their first member appears.
    static func departmentYears(of book: CertificateBook) -> [(year: Int, departmentID: String, members: [Int])] {
        var groups: [(year: Int, departmentID: String, members: [Int])] = []
        var groupOf: [String: Int] = [:]
        for (position, certificate) in book.certificates.enumerated() {
            let key = "\(certificate.year)\u{0}\(certificate.departmentID)"
            if let group = groupOf[key] {
                groups[group].members.append(position)
            } else {
                groupOf[key] = groups.count
                groups.append((certificate.year, certificate.departmentID, [position]))
            }
        }
        return groups
    }

    /// Creates the folder a file of the output goes in, if it is not there yet.
    private static func makeParent(of path: String, in folder: String) throws(OutputFailure) {
        try FileWriter.makeFolder((folder + "/" + path as NSString).deletingLastPathComponent)
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

/// The write failures of files written on several threads; the first file's failure is the
/// one reported, whichever thread met its failure first.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [(file: Int, failure: OutputFailure)] = []

    func record(_ failure: OutputFailure, at file: Int) {
        lock.lock()
        failures.append((file, failure))
        lock.unlock()
    }

    var first: OutputFailure? { failures.min { $0.file < $1.file }?.failure }
}
