import Foundation
import Testing

@testable import HourbookDemo

/// A fresh temporary folder path (not created).
private func temporaryFolder(_ label: String) -> String {
    NSTemporaryDirectory() + "hourbook-demo-\(label)-\(UUID().uuidString)"
}

/// Every regular file under `folder`, by relative path, with its bytes.
private func contents(of folder: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let manager = FileManager.default
    guard let walker = manager.enumerator(atPath: folder) else { return result }
    for case let path as String in walker {
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
            result[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
        }
    }
    return result
}

private func firstLine(_ data: Data?) -> String {
    guard let data else { return "" }
    return String(decoding: data, as: UTF8.self).split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
}

private func lineCount(_ data: Data) -> Int { data.reduce(0) { $1 == 10 ? $0 + 1 : $0 } }

@Suite struct DemoDataTests {
    @Test func sameSeedGivesByteIdenticalFolders() throws {
        let a = temporaryFolder("a"), b = temporaryFolder("b")
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        try DemoData.write(to: a, learners: 40, seed: 11)
        try DemoData.write(to: b, learners: 40, seed: 11)
        let first = try contents(of: a), second = try contents(of: b)
        #expect(first.count > 30)
        #expect(first == second)
    }

    @Test func differentSeedGivesDifferentFolders() throws {
        let a = temporaryFolder("a"), b = temporaryFolder("b")
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        try DemoData.write(to: a, learners: 40, seed: 11)
        try DemoData.write(to: b, learners: 40, seed: 12)
        let first = try contents(of: a), second = try contents(of: b)
        #expect(first["learners.csv"] != second["learners.csv"])
        #expect(first["playback/2024-05.csv"] != second["playback/2024-05.csv"])
    }

    @Test func refusesTooFewLearnersAndNonEmptyFolders() throws {
        let folder = temporaryFolder("guard")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: DemoDataError.tooFewLearners(5)) { try DemoData.write(to: folder, learners: 5, seed: 1) }
        try DemoData.write(to: folder, learners: 20, seed: 1)
        #expect(throws: DemoDataError.folderNotEmpty(folder)) { try DemoData.write(to: folder, learners: 20, seed: 1) }
    }

    @Test func smallFolderHasEveryFileKindWithItsHeader() throws {
        let folder = temporaryFolder("kinds")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        nonisolated(unsafe) var told: [String] = []
        let summary = try DemoData.write(to: folder, learners: 30, seed: 3) { told.append($0) }
        let files = try contents(of: folder)
        #expect(firstLine(files["departments.csv"]) == "dept_id,name,parent_id,kind,sort_order")
        #expect(firstLine(files["learners.csv"]) == "learner_id,name,dept_id,rank,phone,party_member,joined_on,left_on")
        #expect(firstLine(files["checkins/2024.csv"]) == "checkin_id,learner_id,class_id,session_id,at,method,lat,lon")
        #expect(firstLine(files["checkins/2025.csv"]) == "checkin_id,learner_id,class_id,session_id,at,method,lat,lon")
        #expect(firstLine(files["exams.csv"]) == "exam_id,learner_id,class_id,taken_at,score,passed")
        #expect(firstLine(files["catalog.xml"]) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        #expect(firstLine(files["filings.xml"]) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        #expect(firstLine(files["hourbook.yaml"]).hasPrefix("#"))
        for year in [2024, 2025] {
            for month in 1...12 {
                let name = "playback/\(year)-\(month < 10 ? "0" : "")\(month).csv"
                #expect(firstLine(files[name]) == String(PlaybackLog.header.dropLast()), "\(name)")
            }
        }
        #expect(firstLine(files["playback/2025-03-export2.csv"]) == String(PlaybackLog.exportHeader.dropLast()))
        #expect(lineCount(files["playback/2025-03-export2.csv"]!) == lineCount(files["playback/2025-03.csv"]!))
        #expect(files.keys.contains { $0.hasPrefix("attachments/") && $0.hasSuffix(".pdf") })
        #expect(files.keys.contains { $0.hasPrefix("attachments/") && $0.hasSuffix(".jpg") })
        #expect(files.keys.contains { $0.hasPrefix("attachments/") && $0.hasSuffix(".png") })
        #expect(summary.files == files.count)
        #expect(summary.bytes == files.values.reduce(0) { $0 + $1.count })
        #expect(told.contains("catalog.xml") && told.contains("playback/2025-12.csv"))
        // Every row of a CSV has as many fields as its header (no field holds a comma or quote).
        for (name, data) in files where name.hasSuffix(".csv") {
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            let width = lines[0].split(separator: ",", omittingEmptySubsequences: false).count
            for line in lines {
                #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == width, "\(name): \(line)")
                #expect(!line.contains("\""))
            }
        }
    }

    @Test func attachmentsAreValidFilesAndDigestsMatch() throws {
        let folder = temporaryFolder("media")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try DemoData.write(to: folder, learners: 30, seed: 5)
        let files = try contents(of: folder)
        for (name, data) in files where name.hasPrefix("attachments/") {
            let bytes = [UInt8](data)
            if name.hasSuffix(".png") {
                #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
                var offset = 8
                var types: [String] = []
                while offset + 12 <= bytes.count {
                    let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
                    let body = Array(bytes[(offset + 4)..<(offset + 8 + length)])
                    let stored = bytes[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                    #expect(MediaFiles.crc32(body) == stored, "\(name)")
                    types.append(String(decoding: body.prefix(4), as: UTF8.self))
                    offset += 12 + length
                }
                #expect(types == ["IHDR", "IDAT", "IEND"])
            } else if name.hasSuffix(".jpg") {
                #expect(Array(bytes.prefix(4)) == [0xFF, 0xD8, 0xFF, 0xE0])
                #expect(Array(bytes.suffix(2)) == [0xFF, 0xD9])
            } else if name.hasSuffix(".pdf") {
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(text.hasPrefix("%PDF-1.4\n"))
                #expect(text.hasSuffix("%%EOF\n"))
                // Every xref entry points at its object, and startxref at the table.
                let xref = text.range(of: "\nxref\n")!
                let entries = text[xref.upperBound...].split(separator: "\n").dropFirst(2).prefix(5)
                for (index, entry) in entries.enumerated() {
                    let offset = Int(entry.prefix(10))!
                    #expect(String(decoding: bytes[offset..<(offset + 8)], as: UTF8.self) == "\(index + 1) 0 obj\n")
                }
                let start = text.components(separatedBy: "startxref\n")[1].split(separator: "\n")[0]
                let table = Array("xref\n0 6\n".utf8)
                #expect(Array(bytes[Int(start)!..<(Int(start)! + table.count)]) == table)
            } else {
                Issue.record("unexpected attachment \(name)")
            }
        }
        // Given digests match the files, except the one deliberately wrong (F-ATTACHMENT).
        let filings = String(decoding: files["filings.xml"]!, as: UTF8.self)
        var checked = 0, wrong = 0
        for line in filings.split(separator: "\n") where line.contains("sha256=") {
            let parts = line.split(separator: "\"")
            let path = String(parts[1]), digest = String(parts[3])
            if SHA256.hex([UInt8](files[path]!)) == digest { checked += 1 } else { wrong += 1 }
        }
        #expect(checked >= 1)
        #expect(wrong == 1)
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func playbackGrowsInProportionToLearners() throws {
        let folder = temporaryFolder("scale")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try DemoData.write(to: folder, learners: 2000, seed: 7)
        let perLearner = Double(summary.playbackRows - summary.duplicatePlaybackRows) / 2000
        #expect(perLearner > 70 && perLearner < 130, "\(perLearner) rows per learner")
        // At most about one filing per two learners a year (including make-ups and 局级 history).
        #expect(summary.filings > 800 && summary.filings < 2000)
    }

    /// data/ at the package root is this generator's output for 60 learners and seed 42.
    /// Regenerate it with `HOURBOOK_WRITE_DEMO=1 swift test --filter committedDemoFolder`.
    @Test func committedDemoFolderIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let committed = root + "/data"
        if ProcessInfo.processInfo.environment["HOURBOOK_WRITE_DEMO"] == "1" {
            try? FileManager.default.removeItem(atPath: committed)
            try DemoData.write(to: committed, learners: 60, seed: 42)
        }
        let folder = temporaryFolder("committed")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try DemoData.write(to: folder, learners: 60, seed: 42)
        let expected = try contents(of: folder), actual = try contents(of: committed)
        #expect(Set(actual.keys) == Set(expected.keys))
        for (name, data) in expected { #expect(actual[name] == data, "\(name) differs; regenerate data/") }
    }

    /// The benchmark organisation, on demand:
    /// `HOURBOOK_BENCH_LEARNERS=100000 HOURBOOK_BENCH_OUT=bench-out/org swift test -c release -Xswiftc -enable-testing --filter benchmark`.
    @Test func benchmarkOrganisationOnDemand() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let count = environment["HOURBOOK_BENCH_LEARNERS"].flatMap(Int.init), let out = environment["HOURBOOK_BENCH_OUT"]
        else { return }
        let clock = ContinuousClock()
        var summary: DemoSummary?
        let elapsed = try clock.measure { summary = try DemoData.write(to: out, learners: count, seed: 7) }
        print("demo-data \(count) learners: \(elapsed), \(summary!)")
    }
}
