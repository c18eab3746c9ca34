import Crypto
import Foundation
import HourbookCore
import HourbookImport
import HourbookRules

/// One input file as read: its path in the data folder, its length and its SHA-256.
public struct InputFileDigest: Hashable, Sendable {
    public var path: String
    public var byteCount: Int
    /// Lowercase hex.
    public var sha256: String

    public init(path: String, byteCount: Int, sha256: String) {
        self.path = path
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}

/// The input files of an evaluation, one digest each: what `exports/inputs.csv` publishes and
/// what `hourbook diff` compares ("which files were added, removed or changed").
public enum InputInventory {
    /// Digests of every file the import read, sorted by path (code point order). With
    /// `settingsFile`, hourbook.yaml stands for that file (the settings actually used).
    ///
    /// Attachments were hashed by the import in the same read as the fingerprint, so their
    /// digests are taken from the dataset (117,000 files in the benchmark: opening each again
    /// cost most of this stage's 4 s); the other files are hashed on both cores.
    public static func make(dataset: Dataset, settingsFile: String? = nil) throws(InputFailure) -> [InputFileDigest] {
        var names = Array(Set(dataset.summary.filesRead))
        if settingsFile != nil && !names.contains("hourbook.yaml") { names.append("hourbook.yaml") }
        names.sort { CodePoint.less($0, $1) }
        var hashed: [String: InputFileDigest] = [:]
        for file in dataset.attachmentFiles.values {
            guard let path = file.resolvedPath, let sha256 = file.sha256 else { continue }
            hashed[path] = InputFileDigest(path: path, byteCount: file.byteCount, sha256: sha256)
        }
        let results = UnsafeMutableBufferPointer<Result<InputFileDigest, InputFailure>?>.allocate(capacity: names.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let slots = results
        let (files, known) = (names, hashed)
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            let name = files[index]
            if let digest = known[name], !(name == "hourbook.yaml" && settingsFile != nil) {
                slots[index] = .success(digest)
                return
            }
            let path = name == "hourbook.yaml" && settingsFile != nil ? settingsFile! : dataset.folderPath + "/" + name
            slots[index] = Result { () throws(InputFailure) in try digest(path: path, name: name) }
        }
        return try results.map { result throws(InputFailure) in try result!.get() }
    }

    /// exports/inputs.csv: `path, bytes, sha256`, by path.
    public static func csv(_ digests: [InputFileDigest]) -> [UInt8] {
        var csv = CSVWriter()
        csv.row(["path", "bytes", "sha256"])
        for digest in digests { csv.row([digest.path, String(digest.byteCount), digest.sha256]) }
        return csv.bytes
    }

    /// Reads exports/inputs.csv back.
    public static func read(path: String, file: String) throws(InputFailure) -> [InputFileDigest] {
        var digests: [InputFileDigest] = []
        try PublishedCSV.forEachRow(path: path, file: file, columns: ["path", "bytes", "sha256"]) { row throws(InputFailure) in
            guard let bytes = Int(row["bytes"]!) else {
                throw InputFailure(file: file, code: .badValue, message: "'\(row["bytes"]!)' is not a byte count")
            }
            digests.append(InputFileDigest(path: row["path"]!, byteCount: bytes, sha256: row["sha256"]!))
        }
        return digests
    }


    static func digest(path: String, name: String) throws(InputFailure) -> InputFileDigest {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputFailure(file: name, code: .fileUnreadable, message: "the file cannot be opened for reading")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var total = 0
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw InputFailure(file: name, code: .fileUnreadable, message: "the file cannot be read")
            }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
            total += chunk.count
        }
        return InputFileDigest(path: name, byteCount: total, sha256: lowercaseHex(hasher.finalize()))
    }
}
