import ArgumentParser
import Foundation
import HourbookCertificates

/// `hourbook verify-certificate CODE|FILE`: checks a certificate offline.
struct VerifyCertificate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-certificate",
        abstract: "Checks a certificate: a code against a built site, or a credential file's proof. Exit 0 genuine, 1 not, 2 unreadable.")

    @Argument(help: "A verification code (XXXX-XXXX-XXXX-XXXX, spaces allowed) or a credential file written by hourbook certificate.")
    var words: [String]

    var certificate: String { words.joined(separator: " ") }

    func validate() throws {
        if words.isEmpty { throw ValidationError("Give a verification code or a credential file.") }
    }

    @Option(name: .long, help: "The built site to look codes up in; for a credential, its published key is the one trusted.")
    var site: String = "site"

    @Option(name: .customLong("public-key"), help: "The organisation's public key (PEM or did:key) to trust instead of the site's.")
    var publicKey: String?

    func run() throws {
        let check: CertificateCheck
        do {
            let trusted = try publicKey.map { try PublicKey.load(path: $0) }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: certificate, isDirectory: &isDirectory), !isDirectory.boolValue {
                guard let data = FileManager.default.contents(atPath: certificate) else {
                    throw CertificateInputFailure("\(certificate): cannot read it.")
                }
                check = CredentialVerifier.verify(Array(data), trustedKey: try trusted ?? siteKey())
            } else {
                check = CertificateLookup.verify(code: certificate, site: site, trustedKey: trusted)
            }
        } catch let failure as CertificateInputFailure {
            Terminal.error("hourbook: " + failure.description)
            throw ExitCode(2)
        }
        switch check.outcome {
        case .valid:
            for line in check.lines { print(line) }
        case .invalid:
            for line in check.lines { print(line) }
            throw ExitCode(1)
        case .unreadable:
            for line in check.lines { Terminal.error("hourbook: " + line) }
            throw ExitCode(2)
        }
    }

    /// The site's published key, when `--site` names a signed site (the default `site/` only if it is one).
    func siteKey() throws -> PublicKey? {
        let path = site + "/certificates/public-key.pem"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try PublicKey.load(path: path)
    }
}
