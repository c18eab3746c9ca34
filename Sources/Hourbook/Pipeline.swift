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
    /// `--scope`: department ids whose subtrees the outputs are limited to; empty for the whole organisation.
    public var scope: [String] = []

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
    /// Wall time of each stage, in order (`import`, `rules`, `scope`, `exports`, `site`, `evidence`, `publish`).
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
    /// `settingsFile` replaces the folder's hourbook.yaml. The report's dataset has no playback rows
    /// left: the rules free them once decided.
    public static func evaluate(dataFolder: String, years: [Int] = [], settingsFile: String? = nil) throws(InputFailure) -> BuildReport {
        try evaluate(dataFolder: dataFolder, years: years, settingsFile: settingsFile, takingInventory: false).report
    }

    /// Import and rules; with `takingInventory`, also the digests of inputs.csv
    /// (`InputInventory.make`), read on a thread of their own while the rules run. The rules
    /// leave a core idle for seconds (the ledger's order, the check-in and filing rules run on
    /// one), and hashing the 2 GB of inputs took 1.4 s on both cores after them (100,000 learners).
    private static func evaluate(
        dataFolder: String, years: [Int], settingsFile: String?, takingInventory: Bool
    ) throws(InputFailure) -> (report: BuildReport, inventory: Background<Result<[InputFileDigest], InputFailure>>?) {
        var timings = Stopwatch()
        var dataset = try timings.measure("import") { () throws(InputFailure) in
            try Importer.importFolder(at: dataFolder, settingsFile: settingsFile)
        }
        if !years.isEmpty { dataset.settings.years = years }
        var inventory: Background<Result<[InputFileDigest], InputFailure>>?
        if takingInventory {
            // Without the playback rows, which the rules must be free to release.
            var files = dataset
            files.playback = PlaybackLog()
            inventory = Background { [files] in Result { () throws(InputFailure) in try InputInventory.make(dataset: files) } }
        }
        // The playback rows are freed as soon as they are decided (nothing after the rules reads them).
        let (ledger, tally) = timings.measure("rules") { Rules.evaluate(releasingPlaybackRowsOf: &dataset) }
        let report = BuildReport(dataset: dataset, ledger: ledger, tally: tally, exitStatus: 0, timings: timings.laps)
        return (report, inventory)
    }

    /// Runs every stage and publishes the output folder. Throws `InputFailure` when an input
    /// cannot be read, `ScopeFailure` when `--scope` names an unknown department, `OutputFailure`
    /// when the output cannot be written (the previous output is then untouched).
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
        } catch let failure as ScopeFailure {
            throw failure
        } catch {
            throw OutputFailure(error, writing: staging).naming(staging, as: options.outputFolder)
        }
    }

    private static func build(_ options: BuildOptions, signingKey: SigningKey?, staging: String) throws -> BuildReport {
        options.progress?("importing \(options.dataFolder)")
        let evaluated = try evaluate(
            dataFolder: options.dataFolder, years: options.years, settingsFile: nil, takingInventory: true)
        defer { _ = evaluated.inventory?.value }  // on every way out: no reading outlives the build
        var report = evaluated.report
        if options.isStrict && report.dataset.errorCount > 0 {
            report.exitStatus = 1
            return report
        }
        var dataset = report.dataset
        if let language = options.language { dataset.settings.site.language = language }
        var (ledger, tally) = (report.ledger, report.tally)
        var timings = Stopwatch(laps: report.timings)
        if !options.scope.isEmpty {
            let scope = try Scope(departments: options.scope, in: dataset)
            (dataset, ledger, tally) = timings.measure("scope") { scope.restrict(dataset: dataset, ledger: ledger, tally: tally) }
            (report.dataset, report.ledger, report.tally) = (dataset, ledger, tally)
        }
        // inputs.csv: each input file's digest, for `hourbook diff` against this published folder.
        // The lap is the wait for them: they were read during the rules. A scope lists only the
        // files it may name, as each of `bundles` does.
        var inputs = try timings.measure("inputs") { () throws(InputFailure) in try evaluated.inventory!.value.get() }
        if !options.scope.isEmpty {
            let files = Set(dataset.summary.filesRead)
            inputs = inputs.filter { files.contains($0.path) }
        }
        try writeOutputs(
            dataset: dataset, ledger: ledger, tally: tally, inputs: inputs, signingKey: signingKey, to: staging,
            progress: options.progress, timings: &timings)
        try timings.measure("publish") { () throws(OutputFailure) in try OutputFolder.publish(staging, as: options.outputFolder) }
        report.timings = timings.laps
        return report
    }
}

extension Pipeline {
    /// The journey of `hourbook bundles`: import and rules once, then for each department at the
    /// level asked, the scope stage and the same outputs as `build`, zipped; then `bundles.csv`.
    /// The output folder is replaced only when every bundle is written, as with `build`.
    public static func bundles(_ options: BundleOptions) throws -> BundleReport {
        let (lock, staging) = try OutputFolder.prepare(options.outputFolder, wait: options.waitsForOtherBuild) { pid in
            options.onWait?(pid)
        }
        defer { lock.release() }
        defer { try? FileManager.default.removeItem(atPath: staging) }
        do {
            options.progress?("importing \(options.dataFolder)")
            let (report, inventory) = try evaluate(
                dataFolder: options.dataFolder, years: options.years, settingsFile: nil, takingInventory: true)
            var evaluated = report
            if let language = options.language { evaluated.dataset.settings.site.language = language }
            let (dataset, ledger, tally) = (evaluated.dataset, evaluated.ledger, evaluated.tally)
            var timings = Stopwatch(laps: evaluated.timings)
            let inputs = try inventory!.value.get()
            let plan = try BundlePlan(level: options.level, dataset: dataset)
            var bundles: [Bundle] = []
            for (index, department) in plan.departments.enumerated() {
                options.progress?("bundle \(index + 1)/\(plan.departments.count): \(department.id)")
                let scope = try Scope(departments: [department.id], in: dataset)
                let scoped = timings.measure("scope") { scope.restrict(dataset: dataset, ledger: ledger, tally: tally) }
                let name = plan.fileName(of: department.id)
                let work = staging + "/.work/" + name
                try FileWriter.makeFolder(work)
                // Hashed once for all bundles; each lists only the files its scope may name.
                let files = Set(scoped.0.summary.filesRead)
                try writeOutputs(
                    dataset: scoped.0, ledger: scoped.1, tally: scoped.2, inputs: inputs.filter { files.contains($0.path) },
                    signingKey: nil, to: work, progress: nil, timings: &timings)
                let zip = try timings.measure("zip") { try BundleWriter.zip(folder: work, as: name, into: staging) }
                bundles.append(Bundle(departmentID: department.id, file: zip.file, learners: scope.learnerIDs.count, sha256: zip.sha256))
                try timings.measure("clean") { try FileManager.default.removeItem(atPath: work) }
            }
            try FileManager.default.removeItem(atPath: staging + "/.work")
            try BundleWriter.writeList(bundles, to: staging + "/bundles.csv")
            try timings.measure("publish") { () throws(OutputFailure) in try OutputFolder.publish(staging, as: options.outputFolder) }
            return BundleReport(
                bundles: bundles, learnersOutside: dataset.learners.count - bundles.reduce(0) { $0 + $1.learners },
                timings: timings.summed)
        } catch let failure as InputFailure {
            throw failure
        } catch let failure as ScopeFailure {
            throw failure
        } catch {
            throw OutputFailure(error, writing: staging).naming(staging, as: options.outputFolder)
        }
    }

    /// The stages after the rules (and the scope), writing into `folder`: exports, site, evidence.
    /// `build` writes them once; `bundles` once per department, each into its own folder.
    static func writeOutputs(
        dataset: Dataset, ledger: Ledger, tally: Tally, inputs: [InputFileDigest], signingKey: SigningKey?,
        to staging: String, progress: (@Sendable (String) -> Void)?, timings: inout Stopwatch
    ) throws {
        progress?("writing exports")
        try timings.measure("exports") {
            try Exports.write(dataset: dataset, ledger: ledger, tally: tally, inputs: inputs, to: staging)
        }
        progress?("writing pages")
        let site = SiteOptions(
            language: dataset.settings.site.language,
            attachmentDigests: dataset.attachmentFiles.compactMapValues(\.sha256), progress: progress)
        try timings.measure("site") { try SiteWriter.write(dataset: dataset, ledger: ledger, tally: tally, to: staging, options: site) }
        progress?("writing certificates")
        _ = try timings.measure("certificates") {
            try CertificateWriter.write(
                dataset: dataset, ledger: ledger, tally: tally, signingKey: signingKey,
                language: dataset.settings.site.language, to: staging)
        }
        progress?("writing evidence archives")
        let publicKey = signingKey.map { EvidencePublicKey(did: $0.publicKey.did, pem: $0.publicKey.pem) }
        _ = try timings.measure("evidence") {
            try EvidenceWriter.write(dataset: dataset, ledger: ledger, years: tally.years, to: staging, publicKey: publicKey)
        }
    }
}

/// Wall time per stage, for `--timings` and the benchmark script.
struct Stopwatch {
    var laps: [(stage: String, duration: Duration)] = []

    /// The laps with one line per stage, durations summed (bundles repeat the output stages).
    var summed: [(stage: String, duration: Duration)] {
        var order: [String] = []
        var total: [String: Duration] = [:]
        for lap in laps {
            if total[lap.stage] == nil { order.append(lap.stage) }
            total[lap.stage, default: .zero] += lap.duration
        }
        return order.map { ($0, total[$0]!) }
    }

    mutating func measure<T, E: Error>(_ stage: String, _ body: () throws(E) -> T) throws(E) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { laps.append((stage, clock.now - start)) }
        return try body()
    }
}
