import Crypto
import Foundation
import HourbookCore

/// Import: a data folder (FORMATS.md) in, a typed `Dataset` with every diagnostic out.
public enum Importer {
    /// Reads the data folder at `path`. Throws for a whole input that cannot be read (a missing
    /// required file, an encoding that is neither UTF-8 nor GB18030, a CSV without a required
    /// column, an ambiguous folder, invalid settings): the build must stop with exit status 2.
    /// `settingsFile`, when given, is read in place of the folder's hourbook.yaml (`hourbook diff
    /// --settings`: a proposed policy on the same data).
    public static func importFolder(at path: String, settingsFile: String? = nil) throws(InputFailure) -> Dataset {
        var folder = FolderImport(root: URL(fileURLWithPath: path).standardizedFileURL.path)
        folder.settingsFile = settingsFile
        return try folder.run()
    }
}

/// One import run: reads the folder's files in their fixed order while `FolderFingerprint` hashes
/// them in that order on a thread of its own.
private struct FolderImport {
    let root: String
    var hasher = SHA256()
    var dataset: Dataset
    var settingsFile: String?
    let fileManager = FileManager.default

    /// The classes' ids, which exams refer to (known once the catalog is read).
    var classIDs: Set<String> = []

    init(root: String) {
        self.root = root
        dataset = Dataset(folderPath: root)
        for kind in ImportReport.kinds { dataset.summary.recordsRead[kind] = 0 }
    }

    /// An import of the files read beside the playback files, into a dataset of its own.
    init(root: String, settings: Settings, classIDs: Set<String>) {
        self.init(root: root)
        dataset.settings = settings
        self.classIDs = classIDs
    }

    /// The check-ins, in the folder's fixed order (beside the playback files, as are `readFilingsAndExams`).
    mutating func readCheckins() throws(InputFailure) {
        let settings = dataset.settings
        var checkinIDs = CheckinIDs()
        for name in try csvFiles(in: "checkins") {
            let checkins = try CheckinsDecoder.decode(try openCSV(name), settings: settings, seenIDs: &checkinIDs)
            take(checkins, kind: "checkins")
            dataset.checkins += checkins.records
        }
    }

    /// Filings and exams, then the attachment paths of the filings located
    /// (`AttachmentInspector.located`; their digests are the caller's).
    mutating func readFilingsAndExams(learnerIDs: Set<String>) throws(InputFailure) {
        let settings = dataset.settings
        try readFilings(settings: settings)

        if isFile("exams.csv") {
            let exams = try ExamsDecoder.decode(
                try openCSV("exams.csv"), settings: settings, learnerIDs: learnerIDs, classIDs: classIDs)
            take(exams, kind: "exams")
            dataset.exams = exams.records
        }
        dataset.attachmentFiles = AttachmentInspector.located(dataset.filings, in: root)
    }

    mutating func run() throws(InputFailure) -> Dataset {
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputFailure(file: root, code: .fileUnreadable, message: "the data folder does not exist or is not a folder")
        }

        // Settings first: the time zone and the categories shape everything else.
        if let settingsFile {
            // Fingerprinted as hourbook.yaml: the fingerprint names the data as evaluated.
            let bytes = try InputFile(path: settingsFile, name: settingsFile).readAll()
            fingerprintSettings(bytes)
            let decoded = try TextDecoding.decode(bytes, file: settingsFile)
            dataset.settings = try SettingsLoader.load(yaml: String(decoding: decoded.utf8, as: UTF8.self), file: settingsFile)
        } else if isFile("hourbook.yaml") {
            let bytes = try readWhole("hourbook.yaml")
            dataset.summary.filesRead.append("hourbook.yaml")
            fingerprintSettings(bytes)
            let decoded = try TextDecoding.decode(bytes, file: "hourbook.yaml")
            noteEncoding(decoded, file: "hourbook.yaml")
            dataset.settings = try SettingsLoader.load(
                yaml: String(decoding: decoded.utf8, as: UTF8.self), file: "hourbook.yaml")
        }
        let settings = dataset.settings

        // The roster before the catalog: the catalog checks class members against it.
        try requireFile("departments.csv")
        try requireFile("learners.csv")

        // The fingerprint and the playback parsers start now, on threads of their own, while this
        // thread reads the roster and the catalog (1.2 CPU-seconds with one core busy before,
        // 100,000 learners). Failures are thrown in reading order all the same: this thread's,
        // then the playback files', then those of the files read beside them.
        let playbackListing = Result { () throws(InputFailure) in try csvFiles(in: "playback") }
        let playbackFiles = (try? playbackListing.get()) ?? []
        let besidesFiles = filesBesidePlayback()
        let readingOrder = ["departments.csv", "learners.csv"] + catalogFiles() + playbackFiles + besidesFiles
        let fingerprint = FolderFingerprint.start(root: root, files: readingOrder, continuing: hasher)
        defer { fingerprint.cancel() }
        let pipeline = PlaybackPipeline.start(playbackFiles.map { InputFile(path: absolute($0), name: $0) }, settings: settings)
        defer { pipeline.stop() }

        let departments = try DepartmentsDecoder.decode(try openCSV("departments.csv"), settings: settings)
        take(departments, kind: "departments")
        dataset.departments = departments.records
        let learners = try LearnersDecoder.decode(
            try openCSV("learners.csv"), settings: settings, departmentIDs: Set(departments.records.map(\.id)))
        take(learners, kind: "learners")
        dataset.learners = learners.records
        let learnerIDs = Set(learners.records.map(\.id))

        try readCatalog(settings: settings, learnerIDs: learnerIDs)
        _ = try playbackListing.get()

        // Check-ins, and filings and exams, are read on two other threads while the playback
        // files are merged on this one (the merge keeps it busy). On one thread, the filings and
        // their attachments were the import's last 1.7 s, with one core idle (100,000 learners).
        let classIDs = Set(dataset.classes.map(\.id))
        nonisolated(unsafe) var checkins = FolderImport(root: root, settings: settings, classIDs: classIDs)
        nonisolated(unsafe) var checkinsFailure: InputFailure?
        let checkinsThread = Background {
            do throws(InputFailure) {
                try checkins.readCheckins()
            } catch {
                checkinsFailure = error
            }
        }
        defer { checkinsThread.wait() }
        nonisolated(unsafe) var filings = FolderImport(root: root, settings: settings, classIDs: classIDs)
        nonisolated(unsafe) var filingsFailure: InputFailure?
        let filingsThread = Background {
            do throws(InputFailure) {
                try filings.readFilingsAndExams(learnerIDs: learnerIDs)
            } catch {
                filingsFailure = error
            }
        }
        defer { filingsThread.wait() }

        var playback = PlaybackDecoder(settings: settings)
        playback.reserve(totalBytes: playbackFiles.reduce(0) { $0 + fileSize($1) })
        try pipeline.merge(into: &playback)
        dataset.playback = playback.log
        dataset.diagnostics += playback.diagnostics
        dataset.summary.recordsRead["playback"] = playback.recordsRead
        dataset.summary.exactDuplicatesDropped = playback.exactDuplicatesDropped
        // The parsed batches and the event index are gone: give their pages back before the rules.
        playback = PlaybackDecoder(settings: settings)
        Memory.returnFreedPages()

        let fingerprinted = fingerprint.finish()
        if let failed = fingerprinted.failure, failed.index < readingOrder.count - besidesFiles.count { throw failed.failure }
        checkinsThread.wait()
        if let checkinsFailure { throw checkinsFailure }
        filingsThread.wait()
        if let filingsFailure { throw filingsFailure }
        if let failed = fingerprinted.failure { throw failed.failure }
        for besides in [checkins.dataset, filings.dataset] {
            dataset.diagnostics += besides.diagnostics
            dataset.summary.recordsRead.merge(besides.summary.recordsRead) { $0 + $1 }
        }
        dataset.checkins = checkins.dataset.checkins
        dataset.filings = filings.dataset.filings
        dataset.exams = filings.dataset.exams
        dataset.attachmentFiles = AttachmentInspector.digested(
            filings.dataset.attachmentFiles, in: root, known: fingerprinted.digests)
        dataset.summary.filesRead += readingOrder + fingerprinted.attachments
        dataset.fingerprint = fingerprinted.fingerprint
        return dataset
    }

    /// The catalog's files in reading order (the order of the fingerprint and of `filesRead`, known
    /// before they are read). A folder with both forms or neither fails the import, which then
    /// never uses the order; so do `filesBesidePlayback`'s ambiguous filings.
    func catalogFiles() -> [String] {
        isFile("catalog.xml") ? ["catalog.xml"] : ["courses.csv", "chapters.csv"]
    }

    /// The check-ins, filings and exams files in reading order, as `catalogFiles`.
    func filesBesidePlayback() -> [String] {
        var names = (try? csvFiles(in: "checkins")) ?? []
        if isFile("filings.xml") {
            names.append("filings.xml")
        } else if isFile("filings.csv") {
            names.append("filings.csv")
        }
        if isFile("exams.csv") { names.append("exams.csv") }
        return names
    }

    // MARK: - The two-form inputs

    mutating func readCatalog(settings: Settings, learnerIDs: Set<String>) throws(InputFailure) {
        let hasXML = isFile("catalog.xml")
        let hasCSV = isFile("courses.csv") || isFile("chapters.csv")
        if hasXML && hasCSV {
            throw InputFailure(
                file: "catalog.xml", code: .folderAmbiguous,
                message: "both catalog.xml and courses.csv/chapters.csv are present; keep only one form of the catalog")
        }
        let catalog: CatalogDecoding
        if hasXML {
            catalog = try CatalogXMLDecoder.decode(
                try readWhole("catalog.xml"), file: "catalog.xml", settings: settings, learnerIDs: learnerIDs)
        } else if hasCSV {
            try requireFile("courses.csv", note: "chapters.csv needs courses.csv")
            try requireFile("chapters.csv", note: "courses.csv needs chapters.csv")
            let courses = try openCSV("courses.csv")
            let chapters = try openCSV("chapters.csv")
            catalog = try CoursesCSVDecoder.decode(courses: courses, chapters: chapters, settings: settings)
        } else {
            throw InputFailure(
                file: "catalog.xml", code: .fileMissing,
                message: "the data folder has no catalog; add catalog.xml (or courses.csv with chapters.csv)")
        }
        dataset.courses = catalog.courses
        dataset.chapters = catalog.chapters
        dataset.classes = catalog.classes
        dataset.diagnostics += catalog.diagnostics
        dataset.summary.recordsRead.merge(catalog.recordsRead) { $0 + $1 }
    }

    mutating func readFilings(settings: Settings) throws(InputFailure) {
        let hasXML = isFile("filings.xml")
        let hasCSV = isFile("filings.csv")
        if hasXML && hasCSV {
            throw InputFailure(
                file: "filings.xml", code: .folderAmbiguous,
                message: "both filings.xml and filings.csv are present; keep only one of them")
        }
        let filings: FilingsDecoding
        if hasXML {
            filings = try FilingsXMLDecoder.decode(try readWhole("filings.xml"), file: "filings.xml", settings: settings)
        } else if hasCSV {
            filings = try FilingsCSVDecoder.decode(try openCSV("filings.csv"), settings: settings)
        } else {
            return
        }
        dataset.filings = filings.filings
        dataset.diagnostics += filings.diagnostics
        dataset.summary.recordsRead.merge(filings.recordsRead) { $0 + $1 }
    }

    // MARK: - Files

    mutating func take<Record>(_ decoded: Decoded<Record>, kind: String) {
        dataset.diagnostics += decoded.diagnostics
        dataset.summary.recordsRead[kind, default: 0] += decoded.recordsRead
    }

    func absolute(_ name: String) -> String { root + "/" + name }

    func isFile(_ name: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileManager.fileExists(atPath: absolute(name), isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    func fileSize(_ name: String) -> Int {
        ((try? fileManager.attributesOfItem(atPath: absolute(name)))?[.size] as? NSNumber)?.intValue ?? 0
    }

    func requireFile(_ name: String, note: String? = nil) throws(InputFailure) {
        guard isFile(name) else {
            throw InputFailure(
                file: name, code: .fileMissing,
                message: (note.map { $0 + "; " } ?? "") + "the data folder has no \(name), which is required")
        }
    }

    /// Opens a CSV file for streaming (checked for UTF-8 first).
    mutating func openCSV(_ name: String) throws(InputFailure) -> CSVReader {
        try InputFile(path: absolute(name), name: name).openCSV(notes: &dataset.diagnostics)
    }

    /// A whole file's bytes.
    func readWhole(_ name: String) throws(InputFailure) -> [UInt8] {
        try InputFile(path: absolute(name), name: name).readAll()
    }

    /// Feeds the settings to the fingerprint first, named hourbook.yaml whichever file they came
    /// from: the fingerprint names the data as evaluated.
    mutating func fingerprintSettings(_ bytes: [UInt8]) {
        hasher.update(data: Array("hourbook.yaml".utf8) + [0] + Array(String(bytes.count).utf8) + [0])
        hasher.update(data: bytes)
    }

    mutating func noteEncoding(_ decoded: TextDecoding.Decoded, file: String) {
        guard decoded.wasGB18030 else { return }
        dataset.diagnostics.append(
            Diagnostic(
                file: file, line: 0, severity: .info, code: .encodingGB18030,
                message: "the file is not UTF-8 but GB18030 (as Excel saves on Chinese Windows) and was read as such"))
    }

    /// The `.csv` files directly in `folder`, in byte order of their names.
    func csvFiles(in folder: String) throws(InputFailure) -> [String] {
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: absolute(folder), isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: absolute(folder))
        } catch {
            throw InputFailure(file: folder, code: .fileUnreadable, message: "the folder cannot be listed")
        }
        return names.filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") }
            .sorted(by: precedesInCodePointOrder)
            .map { "\(folder)/\($0)" }
            .filter(isFile)
    }
}
