import ArgumentParser

/// `hourbook`: training records in, certified hours (学时) out.
@main
struct HourbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hourbook",
        abstract: "Compiles training records into certified training hours (学时) and publishes them.",
        subcommands: [
            Build.self, Bundles.self, Validate.self, Explain.self, DiffCommand.self, Verify.self, DemoDataCommand.self,
            Keygen.self, CertificateCommand.self, VerifyCertificate.self,
        ])
}
