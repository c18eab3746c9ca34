import Foundation
import HourbookCore
import Testing

@Suite("Real paths")
struct RealPathsTests {
    /// A tree with every kind of component `realpath` meets: plain folders and files, links to
    /// files and folders inside and outside, a link chain, a dangling link, a file used as a
    /// folder, `..` and `.`.
    static func makeTree() throws -> String {
        let base = FileManager.default.temporaryDirectory.path + "/hourbook-realpaths-" + UUID().uuidString
        let manager = FileManager.default
        for folder in ["data/attachments/L1", "data/attachments/L2", "outside"] {
            try manager.createDirectory(atPath: base + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["data/attachments/L1/a.pdf", "data/attachments/L2/b.pdf", "outside/secret.txt"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: base + "/" + file))
        }
        let links: [(String, String)] = [
            ("data/attachments/L1/to-b.pdf", "../L2/b.pdf"),
            ("data/attachments/L1/to-secret.txt", base + "/outside/secret.txt"),
            ("data/attachments/L3", "L2"),
            ("data/attachments/L4", "L3"),
            ("data/attachments/out", "../../outside"),
            ("data/attachments/L1/dangling.pdf", "nowhere.pdf"),
            ("data/link-to-data", base + "/data"),
        ]
        for (link, target) in links { try manager.createSymbolicLink(atPath: base + "/" + link, withDestinationPath: target) }
        return base
    }

    @Test("Every answer and every errno is realpath's, asked twice in any order")
    func sameAsRealpath() throws {
        let base = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let root = base + "/data"
        let relatives = [
            "attachments/L1/a.pdf", "attachments/L2/b.pdf", "attachments/L1/to-b.pdf",
            "attachments/L1/to-secret.txt", "attachments/L3/b.pdf", "attachments/L4/b.pdf",
            "attachments/out/secret.txt", "attachments/L1/dangling.pdf", "attachments/L1/missing.pdf",
            "attachments/L9/a.pdf", "attachments/L1/a.pdf/x", "attachments/L1/../L2/b.pdf",
            "attachments/L1/./a.pdf", "attachments//L1/a.pdf", "attachments/L1/", "attachments/L1/..",
            "attachments/L1/.", "link-to-data/attachments/L1/a.pdf", "../outside/secret.txt",
            "attachments", "",
        ]
        let paths = RealPaths()
        for pass in 0..<2 {
            for relative in pass == 0 ? relatives : relatives.reversed() {
                let path = root + "/" + relative
                errno = 0
                let expected = RealPaths.realpath(path)
                let expectedError = errno
                errno = 0
                let actual = paths.resolve(path)
                #expect(actual == expected, "\(relative)")
                if expected == nil { #expect(errno == expectedError, "errno for \(relative)") }
            }
        }
        // Plain files resolve without realpath's own walk, and still to the real folder.
        #expect(paths.resolve(root + "/attachments/L4/b.pdf") == (RealPaths.realpath(base) ?? "") + "/data/attachments/L2/b.pdf")
    }
}
