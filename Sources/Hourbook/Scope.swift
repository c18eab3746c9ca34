import HourbookCore
import HourbookRules

/// A part of the organisation that an output is limited to (`--scope`, one bundle): some
/// departments and every department below them, and the roster learners of those departments.
///
/// The rules run once on the whole data folder; the scope then keeps only its own part of the
/// values every later stage reads (dataset, ledger, tally), so the exports, pages, search,
/// evidence archives — and any stage added later — are scoped without knowing about scopes,
/// and an in-scope learner's figures are exactly those of the full build (rolling totals,
/// caps and class progress are per learner).
public struct Scope: Sendable {
    /// The departments asked for, in the order given.
    public let named: [String]
    /// The departments of the scope: the ones named and their subtrees (after the import's
    /// repair of the hierarchy, so every department has one effective parent).
    public let departmentIDs: Set<String>
    /// The roster learners whose department is in the scope.
    public let learnerIDs: Set<String>

    /// The scope of `departments` in `dataset`: each value is a department id, or several joined
    /// by commas (`D01,D02`; a value that is itself an id, commas and all, is taken whole).
    /// Throws `ScopeFailure` naming every id that is not a department of the data folder.
    /// Overlapping departments (one below another) are fine.
    public init(departments values: [String], in dataset: Dataset) throws(ScopeFailure) {
        let known = Set(dataset.departments.map(\.id))
        let departments = values.flatMap { value in
            known.contains(value) ? [value] : value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let unknown = departments.filter { !known.contains($0) }
        guard unknown.isEmpty, !departments.isEmpty else { throw ScopeFailure(unknownDepartments: unknown) }
        var children: [String: [String]] = [:]
        for department in dataset.departments {
            if let parent = department.parentID { children[parent, default: []].append(department.id) }
        }
        var inside: Set<String> = []
        var pending = departments
        while let next = pending.popLast() {
            guard inside.insert(next).inserted else { continue }
            pending += children[next] ?? []
        }
        self.named = departments
        self.departmentIDs = inside
        self.learnerIDs = Set(dataset.learners.lazy.filter { inside.contains($0.departmentID) }.map(\.id))
    }

    /// Whether a diagnostic is about this scope's own records: every learner and department its
    /// record names is inside. Diagnostics that name nobody (the catalog, the settings, a row
    /// too broken to read) or anybody outside are not.
    public func contains(_ diagnostic: Diagnostic) -> Bool {
        guard let subject = diagnostic.subject, !subject.isEmpty else { return false }
        if let learner = subject.learnerID, !learnerIDs.contains(learner) { return false }
        return subject.departmentIDs.allSatisfy(departmentIDs.contains)
    }

    /// The scope's part of an evaluated data folder. The named departments become the roots of
    /// the tree (their parents are outside and are not named); records, ledger entries, figures
    /// and diagnostics of anyone outside are left out, not blanked; the catalog and settings stay.
    public func restrict(dataset: Dataset, ledger: Ledger, tally: Tally) -> (Dataset, Ledger, Tally) {
        (restrict(dataset), restrict(ledger), restrict(tally))
    }

    func restrict(_ dataset: Dataset) -> Dataset {
        var scoped = Dataset(settings: dataset.settings, folderPath: dataset.folderPath)
        scoped.fingerprint = dataset.fingerprint
        scoped.departments = dataset.departments.compactMap { department in
            guard departmentIDs.contains(department.id) else { return nil }
            var department = department
            if let parent = department.parentID, !departmentIDs.contains(parent) { department.parentID = nil }
            if let declared = department.declaredParentID, !departmentIDs.contains(declared) {
                department.declaredParentID = department.parentID
            }
            return department
        }
        scoped.learners = dataset.learners.filter { learnerIDs.contains($0.id) }
        scoped.courses = dataset.courses
        scoped.chapters = dataset.chapters
        // The rules have read the member lists already; a list left with only in-scope members
        // names nobody outside (no stage after the rules reads it to decide anything).
        scoped.classes = dataset.classes.map { trainingClass in
            var trainingClass = trainingClass
            trainingClass.memberIDs = trainingClass.memberIDs.filter(learnerIDs.contains)
            return trainingClass
        }
        // Every playback row is decided and in the ledger by now; the log (which also interns
        // every learner id it met) is not carried into a scoped output.
        scoped.checkins = dataset.checkins.filter { learnerIDs.contains($0.learnerID) }
        scoped.filings = dataset.filings.filter { learnerIDs.contains($0.learnerID) }
        scoped.exams = dataset.exams.filter { learnerIDs.contains($0.learnerID) }
        let attachments = Set(scoped.filings.flatMap { $0.attachments.map(\.path) })
        scoped.attachmentFiles = dataset.attachmentFiles.filter { attachments.contains($0.key) }
        scoped.diagnostics = dataset.diagnostics.filter(contains)
        scoped.diagnosticsOutsideScope =
            dataset.diagnosticsOutsideScope + dataset.diagnostics.count - scoped.diagnostics.count
        // The inputs themselves, and of the other files (attachments, named by learner) only
        // those the scope's own filings attach: inputs.csv must not list anyone else's.
        let ownFiles = Set(scoped.attachmentFiles.values.compactMap(\.resolvedPath))
        scoped.summary.filesRead = dataset.summary.filesRead.filter { Self.isInputFile($0) || ownFiles.contains($0) }
        scoped.summary.recordsRead = [
            "departments": scoped.departments.count, "learners": scoped.learners.count,
            "checkins": scoped.checkins.count, "filings": scoped.filings.count, "exams": scoped.exams.count,
        ]
        return scoped
    }

    /// The entries of the scope's learners, in the ledger's order. Entries of learners not in
    /// the roster are outside every scope.
    func restrict(_ ledger: Ledger) -> Ledger {
        var scoped = ledger
        scoped.entries = []
        // One look-up per learner, not per entry.
        ledger.forEachLearnerRun { run in
            if learnerIDs.contains(ledger.entries[run.lowerBound].learnerID) {
                scoped.entries.append(contentsOf: ledger.entries[run])
            }
        }
        return scoped
    }

    func restrict(_ tally: Tally) -> Tally {
        Tally(
            years: tally.years,
            learnerYears: tally.learnerYears.filter { learnerIDs.contains($0.learnerID) },
            // A department's subtree lies wholly inside the scope, so its figures stand as they are.
            departmentYears: tally.departmentYears.filter { departmentIDs.contains($0.departmentID) },
            classProgress: tally.classProgress.filter { learnerIDs.contains($0.learnerID) })
    }
}

/// A scope that cannot be made: `--scope` names a department the data folder does not have,
/// or `bundles --level` names a level with no department. A mistake in the command's
/// arguments (exit status 64); nothing is written.
public struct ScopeFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    public init(unknownDepartments: [String]) {
        let names = unknownDepartments.map { "'\($0)'" }.joined(separator: ", ")
        self.init(
            unknownDepartments.isEmpty
                ? "--scope names no department; give one or more ids of departments.csv's dept_id column"
                : "--scope names \(unknownDepartments.count == 1 ? "a department" : "departments") \(names) "
                    + "that departments.csv does not have; use the ids of its dept_id column")
    }
}

extension Scope {
    /// Whether `name` (relative to the data folder) is one of the inputs of a data folder
    /// rather than a file that filings may attach.
    static func isInputFile(_ name: String) -> Bool {
        let fixed: Set<String> = [
            "hourbook.yaml", "departments.csv", "learners.csv", "catalog.xml", "courses.csv", "chapters.csv",
            "filings.xml", "filings.csv", "exams.csv",
        ]
        if fixed.contains(name) { return true }
        for folder in ["playback/", "checkins/"] where name.hasPrefix(folder) {
            let rest = name.dropFirst(folder.count)
            return !rest.contains("/") && rest.hasSuffix(".csv")
        }
        return false
    }
}
