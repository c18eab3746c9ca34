import Foundation
import HourbookCore
import Testing

@Suite("File writer")
struct FileWriterTests {
    /// A folder on the checkout's file system (ext4 here, where writes go uncached) and one on
    /// tmpfs where there is one (which refuses uncached writes, so the plain `write` runs).
    static let folders: [String] = {
        var folders = [FileManager.default.temporaryDirectory.path]
        if FileManager.default.fileExists(atPath: "/dev/shm") { folders.append("/dev/shm") }
        return folders
    }()

    static func scratch(in folder: String) throws -> String {
        let path = folder + "/hourbook-filewriter-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Bytes that are not one repeated value, so a lost or doubled block shows.
    static func pattern(_ count: Int) -> [UInt8] {
        var state: UInt32 = 2_463_534_242
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
    }

    @Test("Whole files are written byte for byte, uncached or not", arguments: folders)
    func wholeFiles(folder: String) throws {
        let scratch = try Self.scratch(in: folder)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for count in [0, 1, 4095, 4097, 3 << 20] {
            let bytes = Self.pattern(count)
            let path = scratch + "/file-\(count).bin"
            try FileWriter.write(bytes, to: path)
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes, "\(count) bytes")
        }
        // Writing again replaces the file, however long it was.
        try FileWriter.write(Array("short".utf8), to: scratch + "/file-4097.bin")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch + "/file-4097.bin")) == Data("short".utf8))
    }

    @Test("Writes to an open file follow each other at its offset", arguments: folders)
    func appendsAtTheOffset(folder: String) throws {
        let scratch = try Self.scratch(in: folder)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let path = scratch + "/joined.bin"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        let parts = [Self.pattern(10_000), [], Self.pattern(1 << 20), Array("end".utf8)]
        for part in parts {
            try part.withUnsafeBytes { try FileWriter.writeAll($0, to: descriptor, path: path) }
        }
        #expect(close(descriptor) == 0)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == parts.flatMap { $0 })
    }

    @Test("A write that cannot happen fails with the path and the system's reason")
    func failures() throws {
        let scratch = try Self.scratch(in: FileManager.default.temporaryDirectory.path)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // A folder where the file should be.
        try FileManager.default.createDirectory(atPath: scratch + "/taken", withIntermediateDirectories: false)
        #expect(throws: OutputFailure.self) { try FileWriter.write([1, 2, 3], to: scratch + "/taken") }
        do {
            try FileWriter.write([1, 2, 3], to: scratch + "/taken")
        } catch {
            #expect(error.path == scratch + "/taken")
            #expect(error.reason == String(cString: strerror(EISDIR)))
        }
        // A descriptor opened for reading only: the uncached write and the plain one both refuse.
        let path = scratch + "/read-only.bin"
        try FileWriter.write([0], to: path)
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let bytes: [UInt8] = [1, 2, 3]
        #expect(throws: OutputFailure.self) {
            try bytes.withUnsafeBytes { try FileWriter.writeAll($0, to: descriptor, path: path) }
        }
    }
}
