import Foundation
import HourbookCore
import Testing

@testable import Hourbook

/// One build at a time per output folder, and the exit statuses 0/1/2/3 as a user meets them.
@Suite("One build per output folder; exit statuses", .serialized)
struct OutputLockTests {
    let commandLine = CommandLineTests()

    @Test("A second build waits for the one holding the folder, says so, then publishes a complete output")
    func secondBuildWaits() throws {
        let data = try TestFolder(smallOrganisation)
        let out = data.path + "-site"
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        let (lock, staging) = try OutputFolder.prepare(out, wait: false)
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["build", data.path, "--out", out, "--quiet"]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning)
        #expect(!FileManager.default.fileExists(atPath: out))
        try? FileManager.default.removeItem(atPath: staging)
        lock.release()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(message.contains("another build (pid \(getpid())) is writing \(out)/; waiting"))
        #expect(FileManager.default.fileExists(atPath: out + "/exports/ledger.jsonl"))
        #expect(try leftovers(beside: out).isEmpty)
    }

    @Test("With --no-wait a second build stops at once: exit 3, the holder's pid, the old output untouched")
    func noWaitStopsAtOnce() throws {
        let data = try TestFolder(smallOrganisation)
        let out = data.path + "-site"
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        #expect(try commandLine.run(["build", data.path, "--out", out, "--quiet"]).status == 0)
        let before = try digests(of: out)
        let (lock, staging) = try OutputFolder.prepare(out, wait: false)
        defer { try? FileManager.default.removeItem(atPath: staging); lock.release() }
        let outcome = try commandLine.run(["build", data.path, "--out", out, "--no-wait"])
        #expect(outcome.status == 3)
        #expect(outcome.error == "hourbook: another build (pid \(getpid())) is writing \(out)/; this build stopped without writing anything (--no-wait).\n")
        #expect(try digests(of: out) == before)
    }

    @Test("In the library, a build that may not wait fails with the holder's pid; one that may, waits")
    func pipelineHonoursTheLock() throws {
        let data = try TestFolder(smallOrganisation)
        let out = data.path + "-site"
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        let (lock, staging) = try OutputFolder.prepare(out, wait: false)
        var options = BuildOptions(dataFolder: data.path, outputFolder: out)
        options.waitsForOtherBuild = false
        #expect(throws: OutputFailure.self) { _ = try Pipeline.build(options) }
        do {
            _ = try Pipeline.build(options)
        } catch let failure as OutputFailure {
            #expect(failure.otherBuild == getpid())
        }
        try? FileManager.default.removeItem(atPath: staging)
        let released = DispatchSemaphore(value: 0)
        let waited = Waited()
        options.waitsForOtherBuild = true
        options.onWait = { pid in waited.pid = pid; released.signal() }
        DispatchQueue.global().async { released.wait(); lock.release() }
        let report = try Pipeline.build(options)
        #expect(report.exitStatus == 0)
        #expect(waited.pid == getpid())
        #expect(FileManager.default.fileExists(atPath: out + "/index.html"))
    }

    @Test("A staging folder left by a killed build is removed once its owner is gone, never while it lives")
    func staleStagingOfDeadBuildsOnly() throws {
        let data = try TestFolder(smallOrganisation)
        let out = data.path + "-site"
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        let dead = try deadPid()
        let parent = (out as NSString).deletingLastPathComponent
        let name = (out as NSString).lastPathComponent
        let stale = "\(parent)/.\(name).building.\(dead)"
        let live = "\(parent)/.\(name).building.1"  // init lives as long as the machine
        defer { try? FileManager.default.removeItem(atPath: live) }
        for folder in [stale, live] {
            try FileManager.default.createDirectory(atPath: folder + "/exports", withIntermediateDirectories: true)
        }
        _ = try Pipeline.build(BuildOptions(dataFolder: data.path, outputFolder: out))
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
    }

    @Test("A build killed between its two renames leaves the previous output, which the next build restores")
    func previousOutputIsRestored() throws {
        let data = try TestFolder(smallOrganisation)
        let out = data.path + "-site"
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        _ = try Pipeline.build(BuildOptions(dataFolder: data.path, outputFolder: out))
        let parent = (out as NSString).deletingLastPathComponent
        let previous = "\(parent)/.\((out as NSString).lastPathComponent).previous.\(try deadPid())"
        try FileManager.default.moveItem(atPath: out, toPath: previous)
        let (lock, staging) = try OutputFolder.prepare(out, wait: false)
        lock.release()
        try? FileManager.default.removeItem(atPath: staging)
        #expect(FileManager.default.fileExists(atPath: out + "/index.html"))
        #expect(!FileManager.default.fileExists(atPath: previous))
    }

    @Test("Exit statuses end to end: 0 built, 1 errors under --strict, 2 an unreadable input, 3 an unwritable output")
    func exitStatuses() throws {
        var files = smallOrganisation
        let data = try TestFolder(files)
        let out = data.path + "-site"
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        #expect(try commandLine.run(["build", data.path, "--out", out, "--quiet"]).status == 0)
        let before = try digests(of: out)

        files["learners.csv"]! += "L4,赵六,D9,\n"
        let withErrors = try TestFolder(files)
        defer { withErrors.remove() }
        let strict = try commandLine.run(["build", withErrors.path, "--out", out, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.error.contains("nothing written (--strict)"))

        try withErrors.write("catalog.xml", "<catalog><course></catalog>")
        let unreadable = try commandLine.run(["build", withErrors.path, "--out", out])
        #expect(unreadable.status == 2)
        #expect(unreadable.error.contains("catalog.xml"))

        // A regular file where a folder must go: "Not a directory", even for root.
        try data.write("plain-file", "x")
        let unwritable = try commandLine.run(["build", data.path, "--out", data.path + "/plain-file/site"])
        #expect(unwritable.status == 3)
        #expect(unwritable.error.hasPrefix("hourbook: could not write "))
        #expect(unwritable.error.contains("Not a directory"))
        #expect(unwritable.error.hasSuffix("/plain-file/site/ is untouched.\n"))
        #expect(!unwritable.error.contains("Error Domain") && !unwritable.error.contains("NSFilePath"))
        #expect(unwritable.error.split(separator: "\n").count == 1)

        #expect(try digests(of: out) == before)
        #expect(try leftovers(beside: out).isEmpty)
    }

    @Test("A write that fails midway names the output file in the user's terms, and nothing is published")
    func failedWriteNamesTheOutputFile() throws {
        let data = try TestFolder(smallOrganisation)
        let out = data.path + "-site"
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        let failure = OutputFailure(path: "/tmp/.site.building.7/exports/ledger.jsonl", reason: "No space left on device")
            .naming("/tmp/.site.building.7", as: "/tmp/site")
        #expect(failure.description == "could not write /tmp/site/exports/ledger.jsonl: No space left on device")
        let cocoa = OutputFailure(CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: "/x/y"]), writing: "/x")
        #expect(cocoa.description == "could not write /x/y: No space left on device")
        let posix = OutputFailure(
            NSError(domain: NSCocoaErrorDomain, code: 512, userInfo: [
                NSFilePathErrorKey: "/x/z", NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)),
            ]), writing: "/x")
        #expect(posix.description == "could not write /x/z: Permission denied")
    }

    // MARK: - Helpers

    final class Waited: @unchecked Sendable { var pid: Int32? }

    /// The pid of a process that has ended.
    func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// Staging and previous folders beside `out`.
    func leftovers(beside out: String) throws -> [String] {
        let parent = (out as NSString).deletingLastPathComponent
        let name = (out as NSString).lastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: parent).filter {
            $0.hasPrefix(".\(name).building") || $0.hasPrefix(".\(name).previous")
        }
    }

    /// Every file of a folder with its bytes.
    func digests(of folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder + "/" + name) { result[name] = data }
        }
        return result
    }
}
