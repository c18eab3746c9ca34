import ArgumentParser
import Foundation
import Hourbook
import HourbookCertificates
import HourbookCore

/// `hourbook certificate LEARNER --year Y`: one 学时证明 as a W3C Verifiable Credential.
struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "Writes a learner's certificate for a year as a W3C Verifiable Credential (eddsa-jcs-2022 proof).")

    @Argument(help: "The learner's id.")
    var learner: String

    @Argument(help: "The data folder.")
    var data: String = "data"

    @Option(name: .long, help: "The year.")
    var year: Int

    @Option(name: .customLong("signing-key"), help: "The organisation's private key (hourbook keygen). Without it, the proof a signed site published is used (see --site).")
    var signingKey: String?

    @Option(name: .long, help: "A site built with --signing-key, whose published proof is used when no key is given.")
    var site: String = "site"

    @Option(name: .long, help: "The file to write (default: standard output).")
    var out: String?

    func run() throws {
        let credential: String
        do {
            let key = try signingKey.map { try SigningKey.load(path: $0) }
            credential = try CertificateIssue.credential(
                learnerID: learner, year: year, dataFolder: data, signingKey: key, site: site)
        } catch let failure as InputFailure {
            Terminal.error(failure.description)
            throw ExitCode(2)
        } catch let failure as CertificateInputFailure {
            Terminal.error("hourbook: " + failure.description)
            throw ExitCode(2)
        } catch let failure as NoSuchCertificate {
            Terminal.error("hourbook: " + failure.description)
            throw ExitCode(1)
        }
        if let out {
            do {
                try Data(credential.utf8).write(to: URL(fileURLWithPath: out))
            } catch {
                Terminal.error("hourbook: \(out): cannot write the credential.")
                throw ExitCode(3)
            }
        } else {
            print(credential, terminator: "")
        }
    }
}
