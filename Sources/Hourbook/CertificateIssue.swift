import HourbookCertificates
import HourbookCore
import HourbookRules

/// No certificate for the learner and year asked for (exit status 1).
public struct NoSuchCertificate: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// `hourbook certificate LEARNER --year Y`: one certificate as a W3C Verifiable Credential.
public enum CertificateIssue {
    /// The credential of `learnerID`'s certificate for `year`, computed from the data folder as
    /// `hourbook build` computes it. Signed with `signingKey`; without one, the proof value a
    /// signed site at `site` published for the same certificate is used (Ed25519 is
    /// deterministic: it is the same proof), so learners can get their credential without the key.
    public static func credential(
        learnerID: String, year: Int, dataFolder: String, signingKey: SigningKey?, site: String
    ) throws -> String {
        var report = try Pipeline.evaluate(dataFolder: dataFolder)
        if !report.tally.years.contains(year) {
            report = try Pipeline.evaluate(dataFolder: dataFolder, years: report.tally.years + [year])
        }
        let book = CertificateBook(dataset: report.dataset, ledger: report.ledger, tally: report.tally)
        guard let certificate = book.certificates.first(where: { $0.learnerID == learnerID && $0.year == year }) else {
            throw NoSuchCertificate(description: "no certificate for learner '\(learnerID)' in \(year): not an active learner of the roster that year.")
        }
        let timezone = report.dataset.settings.timezone
        if let signingKey { return Credential.make(certificate, signedWith: signingKey, timezone: timezone) }
        let published = try CertificateLookup.find(code: certificate.code, site: site)
        guard let match = published.first(where: { $0.certificate == certificate }), let proofValue = match.proofValue,
            let key = match.publicKey
        else {
            throw CertificateInputFailure(
                "\(site) holds no signed certificate \(certificate.code) of this data: give --signing-key FILE, or --site with a site built from this data with --signing-key.")
        }
        return Credential.make(certificate, issuer: key, proofValue: proofValue, timezone: timezone)
    }
}
