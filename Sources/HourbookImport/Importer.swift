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

/// One import run: reads the folder's files in their fixed order, feeding the fingerprint as it goes.
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

    /// Check-ins, filings and exams, in the folder's fixed order (their fingerprint is the caller's).
    mutating func readRecordsBesidePlayback(learnerIDs: Set<String>) throws(InputFailure) {
        let settings = dataset.settings
        var checkinIDs = CheckinIDs()
        for name in try csvFiles(in: "checkins") {
            let checkins = try CheckinsDecoder.decode(try openCSV(name), settings: settings, seenIDs: &checkinIDs)
            take(checkins, kind: "checkins")
            dataset.checkins += checkins.records
        }

        try readFilings(settings: settings)

        if isFile("exams.csv") {
            let exams = try ExamsDecoder.decode(
                try openCSV("exams.csv"), settings: settings, learnerIDs: learnerIDs, classIDs: classIDs)
            take(exams, kind: "exams")
            dataset.exams = exams.records
        }
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
            hasher.update(data: Array("hourbook.yaml".utf8) + [0] + Array(String(bytes.count).utf8) + [0])
            hasher.update(data: bytes)
            let decoded = try TextDecoding.decode(bytes, file: settingsFile)
            dataset.settings = try SettingsLoader.load(yaml: String(decoding: decoded.utf8, as: UTF8.self), file: settingsFile)
        } else if isFile("hourbook.yaml") {
            let decoded = try TextDecoding.decode(try readWhole("hourbook.yaml"), file: "hourbook.yaml")
            noteEncoding(decoded, file: "hourbook.yaml")
            dataset.settings = try SettingsLoader.load(
                yaml: String(decoding: decoded.utf8, as: UTF8.self), file: "hourbook.yaml")
        }
        let settings = dataset.settings

        // The roster before the catalog: the catalog checks class members against it.
        try requireFile("departments.csv")
        try requireFile("learners.csv")
        let departments = try DepartmentsDecoder.decode(try openCSV("departments.csv"), settings: settings)
        take(departments, kind: "departments")
        dataset.departments = departments.records
        let learners = try LearnersDecoder.decode(
            try openCSV("learners.csv"), settings: settings, departmentIDs: Set(departments.records.map(\.id)))
        take(learners, kind: "learners")
        dataset.learners = learners.records
        let learnerIDs = Set(learners.records.map(\.id))

        try readCatalog(settings: settings, learnerIDs: learnerIDs)

        // Check-ins, filings and exams are read on another thread while the playback files are:
        // the playback merge keeps this thread busy, and these files took a third of it after.
        // Their fingerprint is taken afterwards, in the fixed order, from a second read.
        nonisolated(unsafe) var besides = FolderImport(root: root, settings: settings, classIDs: Set(dataset.classes.map(\.id)))
        nonisolated(unsafe) var besidesFailure: InputFailure?
        let besidesDone = DispatchGroup()
        DispatchQueue.global().async(group: besidesDone) {
            do throws(InputFailure) {
                try besides.readRecordsBesidePlayback(learnerIDs: learnerIDs)
            } catch {
                besidesFailure = error
            }
        }
        defer { besidesDone.wait() }

        var playback = PlaybackDecoder(settings: settings)
        let playbackFiles = try csvFiles(in: "playback")
        playback.reserve(totalBytes: playbackFiles.reduce(0) { $0 + fileSize($1) })
        dataset.summary.filesRead += playbackFiles
        try PlaybackPipeline.run(
            playbackFiles.map { InputFile(path: absolute($0), name: $0) }, settings: settings, into: &playback,
            hashingInto: &hasher)
        dataset.playback = playback.log
        dataset.diagnostics += playback.diagnostics
        dataset.summary.recordsRead["playback"] = playback.recordsRead
        dataset.summary.exactDuplicatesDropped = playback.exactDuplicatesDropped
        // The parsed batches and the event index are gone: give their pages back before the rules.
        playback = PlaybackDecoder(settings: settings)
        Memory.returnFreedPages()

        besidesDone.wait()
        if let besidesFailure { throw besidesFailure }
        for name in besides.dataset.summary.filesRead {
            _ = try InputFile(path: absolute(name), name: name).scan(into: &hasher, validatingUTF8: false)
        }
        dataset.summary.filesRead += besides.dataset.summary.filesRead
        dataset.diagnostics += besides.dataset.diagnostics
        dataset.summary.recordsRead.merge(besides.dataset.summary.recordsRead) { $0 + $1 }
        dataset.checkins = besides.dataset.checkins
        dataset.filings = besides.dataset.filings
        dataset.exams = besides.dataset.exams

        // Each attachment's own digest is taken in the same read as the fingerprint (417 MB in
        // the benchmark were read and hashed twice before).
        var digests: [String: AttachmentInspector.Digest] = [:]
        for name in try attachmentFiles() {
            var own = SHA256()
            let byteCount = try InputFile(path: absolute(name), name: name).scan(
                into: &hasher, validatingUTF8: false, fileHasher: &own
            ).byteCount
            digests[name] = AttachmentInspector.Digest(sha256: lowercaseHex(own.finalize()), byteCount: byteCount)
            dataset.summary.filesRead.append(name)
        }
        dataset.fingerprint = lowercaseHex(hasher.finalize())
        AttachmentInspector.inspect(&dataset, known: digests)
        return dataset
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

    /// Opens a CSV file for streaming (hashed and checked for UTF-8 first).
    mutating func openCSV(_ name: String) throws(InputFailure) -> CSVReader {
        dataset.summary.filesRead.append(name)
        return try InputFile(path: absolute(name), name: name).openCSV(
            hashingInto: &hasher, notes: &dataset.diagnostics)
    }

    /// A whole file's bytes, hashed.
    mutating func readWhole(_ name: String) throws(InputFailure) -> [UInt8] {
        dataset.summary.filesRead.append(name)
        let bytes = try InputFile(path: absolute(name), name: name).readAll()
        hasher.update(data: Array(name.utf8) + [0] + Array(String(bytes.count).utf8) + [0])
        hasher.update(data: bytes)
        return bytes
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

    /// Every regular file under attachments/ (symbolic links are not followed), sorted by path.
    func attachmentFiles() throws(InputFailure) -> [String] {
        FileTree.regularFiles(under: absolute("attachments"), prefix: "attachments").sorted(by: precedesInCodePointOrder)
    }
}
