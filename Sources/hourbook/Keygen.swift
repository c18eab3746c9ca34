import ArgumentParser
import HourbookCertificates

/// `hourbook keygen DIR`: a new Ed25519 key pair for signing certificates.
struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes a new Ed25519 key pair: DIR/signing-key.pem (mode 0600, keep it private) and DIR/public-key.pem.")

    @Argument(help: "The folder for the two key files (created if needed; existing keys are never overwritten).")
    var folder: String

    func run() throws {
        let key = SigningKey.generate()
        let paths: (privateKey: String, publicKey: String)
        do {
            paths = try KeyFiles.write(key, into: folder)
        } catch {
            // A key file already there, or a folder that cannot be written: the output could not be written.
            Terminal.error("hourbook: " + error.description)
            throw ExitCode(3)
        }
        print("private key: \(paths.privateKey) (mode 0600; never publish it: hourbook build --signing-key \(paths.privateKey))")
        print("public key:  \(paths.publicKey)")
        print("issuer:      \(key.publicKey.did)")
    }
}
