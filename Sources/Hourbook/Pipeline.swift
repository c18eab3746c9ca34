import Foundation
import HourbookCertificates
import HourbookCore
import HourbookImport
import HourbookEvidence
import HourbookRules
import HourbookSite

/// What `hourbook build` is asked to do.
public struct BuildOptions: Sendable {
    public var dataFolder: String
    public var outputFolder: String
    /// Years to report; empty uses hourbook.yaml's `years` (or every year with entries).
    public var years: [Int] = []
    /// `zh` or `en`; nil uses hourbook.yaml's `site.lang`.
    public var language: String?
    /// Any error diagnostic stops the build before anything is written (exit status 1).
    public var isStrict = false
    /// The PEM file of the organisation's Ed25519 key (`hourbook keygen`): signs every certificate.
    public var signingKeyFile: String?
    /// Short progress messages (the command line prints them on a terminal's standard error).
    public var progress: (@Sendable (String) -> Void)?
    /// When another build holds the output folder: wait for it (true) or fail at once.
    public var waitsForOtherBuild = true
    /// Called with the other build's pid before waiting for it.
    public var onWait: (@Sendable (Int32?) -> Void)?

    public init(dataFolder: String, outputFolder: String) {
        self.dataFolder = dataFolder
        self.outputFolder = outputFolder
    }
}

/// How a build ended, with the figures the command line prints.
public struct BuildReport: Sendable {
    public var dataset: Dataset
    public var ledger: Ledger
    public var tally: Tally
    /// 0 written; 1 refused under --strict because of errors.
    public var exitStatus: Int32
    /// Wall time of each stage, in order (`import`, `rules`, `exports`, `site`, `evidence`, `publish`).
    public var timings: [(stage: String, duration: Duration)] = []
}

/// The whole journey of `hourbook build`, stage by stage:
///
///     data folder ──Import──▶ Dataset ──Rules──▶ Ledger + Tally ──▶ exports, site, certificates, evidence
///
/// Everything is written into a staging folder beside the output and swapped in only when
/// complete, so a failed or interrupted build leaves the previous output untouched.
public enum Pipeline {
    /// Imports and evaluates a data folder without writing anything (`validate`, `explain`, `diff`);
    /// `settingsFile` replaces the folder's hourbook.yaml.
    public static func evaluate(dataFolder: String, years: [Int] = [], settingsFile: String? = nil) throws(InputFailure) -> BuildReport {
        var timings = Stopwatch()
        var dataset = try timings.measure("import") { () throws(InputFailure) in
            try Importer.importFolder(at: dataFolder, settingsFile: settingsFile)
        }
        if !years.isEmpty { dataset.settings.years = years }
        let (ledger, tally) = timings.measure("rules") { Rules.evaluate(dataset) }
        return BuildReport(dataset: dataset, ledger: ledger, tally: tally, exitStatus: 0, timings: timings.laps)
    }

    /// Runs every stage and publishes the output folder. Throws `InputFailure` when an input
    /// cannot be read, `OutputFailure` when the output cannot be written (the previous output
    /// is then untouched).
    public static func build(_ options: BuildOptions) throws -> BuildReport {
        // An unreadable key stops the build before it starts (CertificateInputFailure, exit status 2).
        let signingKey = try options.signingKeyFile.map { try SigningKey.load(path: $0) }
        // One build at a time per output folder: the lock is held until this returns.
        let (lock, staging) = try OutputFolder.prepare(options.outputFolder, wait: options.waitsForOtherBuild) { pid in
            options.onWait?(pid)
        }
        defer { lock.release() }
        defer { try? FileManager.default.removeItem(atPath: staging) }  // gone already once published
        do {
            return try build(options, signingKey: signingKey, staging: staging)
        } catch let failure as InputFailure {
            throw failure
        } catch {
            throw OutputFailure(error, writing: staging).naming(staging, as: options.outputFolder)
        }
    }

    private static func build(_ options: BuildOptions, signingKey: SigningKey?, staging: String) throws -> BuildReport {
        options.progress?("importing \(options.dataFolder)")
        var report = try evaluate(dataFolder: options.dataFolder, years: options.years)
        if options.isStrict && report.dataset.errorCount > 0 {
            report.exitStatus = 1
            return report
        }
        // Every playback row is decided and in the ledger now: free the rows (about 1 GB for
        // 10 million) before the pages are rendered.
        report.dataset.playback.rows = []
        var dataset = report.dataset
        if let language = options.language { dataset.settings.site.language = language }
        let (ledger, tally) = (report.ledger, report.tally)
        var timings = Stopwatch(laps: report.timings)
        options.progress?("writing exports")
        try timings.measure("exports") {
            // inputs.csv: each input file's digest, for `hourbook diff` against this published folder.
            let inputs = try InputInventory.make(dataset: dataset)
            try Exports.write(dataset: dataset, ledger: ledger, tally: tally, inputs: inputs, to: staging)
        }
        options.progress?("writing pages")
        let site = SiteOptions(
            language: dataset.settings.site.language,
            attachmentDigests: dataset.attachmentFiles.compactMapValues(\.sha256), progress: options.progress)
        try timings.measure("site") { try SiteWriter.write(dataset: dataset, ledger: ledger, tally: tally, to: staging, options: site) }
        options.progress?("writing certificates")
        _ = try timings.measure("certificates") {
            try CertificateWriter.write(
                dataset: dataset, ledger: ledger, tally: tally, signingKey: signingKey,
                language: dataset.settings.site.language, to: staging)
        }
        options.progress?("writing evidence archives")
        let publicKey = signingKey.map { EvidencePublicKey(did: $0.publicKey.did, pem: $0.publicKey.pem) }
        _ = try timings.measure("evidence") {
            try EvidenceWriter.write(dataset: dataset, ledger: ledger, years: tally.years, to: staging, publicKey: publicKey)
        }
        try timings.measure("publish") { () throws(OutputFailure) in try OutputFolder.publish(staging, as: options.outputFolder) }
        report.timings = timings.laps
        return report
    }
}

/// Wall time per stage, for `--timings` and the benchmark script.
struct Stopwatch {
    var laps: [(stage: String, duration: Duration)] = []

    mutating func measure<T, E: Error>(_ stage: String, _ body: () throws(E) -> T) throws(E) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { laps.append((stage, clock.now - start)) }
        return try body()
    }
}
