import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The atomic publication of an output folder: built beside the old one, swapped in whole.
public enum OutputFolder {
    /// A fresh, empty staging folder beside `output` (a stale one from a killed build is removed).
    public static func makeStaging(for output: String) throws -> String {
        let staging = sibling(of: output, suffix: "building")
        let manager = FileManager.default
        if manager.fileExists(atPath: staging) { try manager.removeItem(atPath: staging) }
        try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        return staging
    }

    /// Replaces `output` with `staging`. The old folder is moved aside first and removed only
    /// after the new one is in place; a crash in between leaves it beside, never half-written.
    public static func publish(_ staging: String, as output: String) throws {
        let manager = FileManager.default
        let previous = sibling(of: output, suffix: "previous")
        if manager.fileExists(atPath: previous) { try manager.removeItem(atPath: previous) }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: output, isDirectory: &isDirectory) {
            guard rename(output, previous) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: output])
            }
        }
        guard rename(staging, output) == 0 else {
            _ = rename(previous, output)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: output])
        }
        if manager.fileExists(atPath: previous) { try manager.removeItem(atPath: previous) }
    }

    /// `site` → `.site.building` in the same parent folder (same file system, so rename is atomic).
    static func sibling(of path: String, suffix: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        return parent + "/." + url.lastPathComponent + "." + suffix
    }
}
