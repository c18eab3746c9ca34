import Foundation
import HourbookCore
#if canImport(Glibc)
import Glibc
#endif

/// The staging folder pages are written into: every path is relative and checked to stay
/// inside it, and every file is written with one `open`, `write` and `close`.
struct OutputFolder: Sendable {
    let path: String

    init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputFailure(path: path, reason: "the output folder does not exist")
        }
        self.path = path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    func makeFolders(_ relatives: [String]) throws {
        for relative in relatives {
            try check(relative)
            try FileWriter.makeFolder(path + "/" + relative)
        }
    }

    func write(_ relative: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(relative, bytes: UnsafeRawBufferPointer($0)) }
    }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write(relative, bytes: $0) }
    }

    func write(_ relative: String, _ data: Data) throws {
        try data.withUnsafeBytes { try write(relative, bytes: $0) }
    }

    private func write(_ relative: String, bytes: UnsafeRawBufferPointer) throws {
        try check(relative)
        try FileWriter.write(bytes, to: path + "/" + relative)
    }

    /// Refuses anything but a relative path of plain components (OutputPaths makes only these).
    private func check(_ relative: String) throws {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw OutputFailure(path: relative, reason: "a page path must stay inside the output folder")
        }
    }
}
