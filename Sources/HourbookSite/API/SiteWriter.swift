import Foundation
import HourbookCore
import HourbookRules

/// How the site is written: its language, the attachments' digests, and where progress goes.
public struct SiteOptions: Sendable {
    /// `zh` (the default) or `en`: the labels' language; the data stays as given.
    public var language: String
    /// Called with short messages while the pages are written (from any thread).
    public var progress: (@Sendable (String) -> Void)?
    /// SHA-256 digests, hex, of filing attachments, keyed by the attachment's path as written
    /// in the filing (relative to the data folder); filled by the pipeline. Absent ones show "—".
    public var attachmentDigests: [String: String]

    public init(
        language: String = "zh", attachmentDigests: [String: String] = [:],
        progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.language = language
        self.attachmentDigests = attachmentDigests
        self.progress = progress
    }
}

/// The site stage: writes the static pages (index, departments, 学时档案, diagnostics, search
/// index and assets) into a staging folder that the pipeline swaps in when complete.
public enum SiteWriter {
    /// Writes every page of the site into `folder`, which must exist. The pipeline writes
    /// `exports/` and `evidence/` beside the pages; the pages link to them.
    public static func write(dataset: Dataset, ledger: Ledger, tally: Tally, to folder: String, options: SiteOptions)
        throws
    {
        let output = try OutputFolder(path: folder)
        let progress: @Sendable (String) -> Void = options.progress ?? { _ in }

        try output.makeFolders(["assets", "diagnostics", "learners", "search", "years"] + tally.years.map { "departments/\($0)" })
        let logo = try copyLogo(dataset: dataset, into: output)
        let customStylesheet = try copyStylesheet(dataset: dataset, into: output)
        try output.write("assets/style.css", Assets.stylesheet)
        try output.write("assets/site.js", Assets.script)

        let context = SiteContext(
            dataset: dataset, ledger: ledger, tally: tally, options: options, logo: logo,
            customStylesheet: customStylesheet, exportSizes: exportSizes(in: folder))

        // The search index is built by one thread, beside the pages (it needs none of them).
        let search = Background { SearchIndex(context: context) }
        // So is the learner pages' index of training sources, beside the index, diagnostics and
        // department pages (a quarter of a second on one core at 20,000 learners).
        let learnerPagesIndex = Background { LearnerPages(context: context) }

        progress("site: index and diagnostics")
        let organisation = OrganisationPages(context: context)
        try output.write("index.html", organisation.makeIndexHTML(year: context.latestYear, depth: 0).bytes)
        for year in context.yearsDescending {
            try output.write("years/\(year).html", organisation.makeIndexHTML(year: year, depth: 1).bytes)
        }
        for file in DiagnosticsPages(context: context).makeFiles() { try output.write(file.path, file.bytes) }

        let departments = context.departmentsInTreeOrder
        let departmentPages = DepartmentPages(context: context)
        let departmentJobs = tally.years.flatMap { year in departments.map { ($0, year) } }
        progress("site: \(departmentJobs.count) department pages")
        try render(departmentJobs.count, output: output, progress: progress, label: "department pages") { index, _, files in
            let (department, year) = departmentJobs[index]
            files.append((
                context.paths.departmentPage(department.id, year: year),
                departmentPages.makeDepartmentHTML(department, year: year).bytes))
            files.append((
                departmentPages.csvPath(department, year: year),
                departmentPages.makeDepartmentCSV(department, year: year)))
        }

        let learners = dataset.learners
        let learnerPages = learnerPagesIndex.value
        progress("site: \(learners.count) learner pages")
        try render(
            learners.count, output: output, progress: progress, label: "learner pages",
            makeWorker: { LearnerPages.reasons(in: options.language) }
        ) { index, reasons, files in
            let page = learnerPages.makeLearnerHTML(learners[index], reasons: &reasons)
            files.append((context.paths.learnerPage(learners[index].id), page.bytes))
        }
        progress("site: search index")
        for file in search.value.files { try output.write(file.path, file.contents) }
        progress("site: done")
    }

    /// Renders `count` pages on every core, each worker writing the pages it rendered: one
    /// worker per core (a bounded pool) takes contiguous chunks of pages until none is left, so
    /// a core that drew large pages takes fewer chunks, and each worker keeps its own state from
    /// `makeWorker` (caches need no lock). Writing is most of the stage's kernel time (copying
    /// 5 GB into the page cache at 100,000 learners), so it runs on both cores too: one writer
    /// thread fed by the renderers was busy for the whole stage while they waited (20.5 s
    /// against 16.9 CPU-s per core). Stops at the first error.
    static func render<Worker>(
        _ count: Int, output: OutputFolder, progress: @escaping @Sendable (String) -> Void, label: String,
        makeWorker: @Sendable () -> Worker,
        _ body: @Sendable (Int, inout Worker, inout [(String, [UInt8])]) throws -> Void
    ) throws {
        guard count > 0 else { return }
        let chunkSize = 64
        let chunks = (count + chunkSize - 1) / chunkSize
        let state = RenderState()
        let workers = min(chunks, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var worker = makeWorker()
            var files: [(String, [UInt8])] = []
            while !state.hasFailed, let chunk = state.claimChunk(below: chunks) {
                let start = chunk * chunkSize
                let end = min(count, start + chunkSize)
                files.removeAll(keepingCapacity: true)
                do {
                    for index in start..<end { try body(index, &worker, &files) }
                    for file in files { try output.write(file.0, file.1) }
                } catch {
                    state.fail(error)
                    return
                }
                let done = state.add(end - start)
                if done % 10_000 < chunkSize || done == count { progress("site: \(label) \(done)/\(count)") }
            }
        }
        if let error = state.error { throw error }
    }

    /// Renders pages that need no state of their own.
    static func render(
        _ count: Int, output: OutputFolder, progress: @escaping @Sendable (String) -> Void, label: String,
        _ body: @Sendable (Int, inout Void, inout [(String, [UInt8])]) throws -> Void
    ) throws {
        try render(count, output: output, progress: progress, label: label, makeWorker: {}, body)
    }

    /// The sizes of the exports the pipeline wrote into `folder/exports/` before the pages
    /// (none when the site is written alone), so that the index shows them beside the links.
    static func exportSizes(in folder: String) -> [String: Int] {
        var sizes: [String: Int] = [:]
        let exports = folder + "/exports"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: exports)) ?? [] {
            if let size = (try? FileManager.default.attributesOfItem(atPath: exports + "/" + name))?[.size] as? Int {
                sizes[name] = size
            }
        }
        return sizes
    }

    /// Copies `site.logo` into `assets/` when it is a PNG or SVG inside the data folder.
    static func copyLogo(dataset: Dataset, into output: OutputFolder) throws -> String? {
        let logo = dataset.settings.site.logo
        guard !logo.isEmpty, let source = DataFile.resolve(logo, in: dataset.folderPath) else { return nil }
        let lower = logo.lowercased()
        let name: String
        if lower.hasSuffix(".png") { name = "assets/logo.png" } else if lower.hasSuffix(".svg") { name = "assets/logo.svg" } else { return nil }
        guard let data = FileManager.default.contents(atPath: source) else { return nil }
        try output.write(name, data)
        return name
    }

    /// Copies `site.stylesheet` into `assets/custom.css` when it is inside the data folder.
    static func copyStylesheet(dataset: Dataset, into output: OutputFolder) throws -> Bool {
        let stylesheet = dataset.settings.site.stylesheet
        guard !stylesheet.isEmpty, let source = DataFile.resolve(stylesheet, in: dataset.folderPath),
            let data = FileManager.default.contents(atPath: source)
        else { return false }
        try output.write("assets/custom.css", data)
        return true
    }
}

/// Hands out chunks, counts pages done and keeps the first error, across rendering threads.
final class RenderState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextChunk = 0
    private var done = 0
    private var firstError: Error?

    /// The next chunk not yet taken, or nil when all of the `count` chunks are.
    func claimChunk(below count: Int) -> Int? {
        lock.withLock {
            guard nextChunk < count else { return nil }
            nextChunk += 1
            return nextChunk - 1
        }
    }

    var hasFailed: Bool { lock.withLock { firstError != nil } }
    var error: Error? { lock.withLock { firstError } }

    func fail(_ error: Error) { lock.withLock { if firstError == nil { firstError = error } } }

    func add(_ count: Int) -> Int { lock.withLock { done += count; return done } }
}

/// A file of the data folder named in the settings, accepted only if it resolves (symbolic
/// links included) to a regular file inside the folder.
enum DataFile {
    static func resolve(_ relative: String, in folder: String) -> String? {
        guard !relative.hasPrefix("/") else { return nil }
        let base = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
        let full = URL(fileURLWithPath: folder).appendingPathComponent(relative).resolvingSymlinksInPath()
            .standardizedFileURL.path
        guard full.hasPrefix(base.hasSuffix("/") ? base : base + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        return full
    }
}
