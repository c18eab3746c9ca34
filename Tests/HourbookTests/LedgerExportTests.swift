import Foundation
import HourbookCore
import HourbookRules
import Testing

@testable import Hourbook

/// ledger.jsonl: lines rendered in chunks on every core, written in order, messages remembered.
@Suite("Exports — ledger.jsonl")
struct LedgerExportTests {
    @Test("Chunks rendered on every core land in the file in item order")
    func chunksAreWrittenInOrder() throws {
        let path = NSTemporaryDirectory() + "chunked-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Small chunks: hundreds of them, far more than the window of chunks rendered ahead.
        try ChunkedWriter.write(count: 5_000, to: path, chunkSize: 7, makeRenderer: { () }) { _, range, buffer in
            for index in range {
                buffer.append(index)
                buffer.append("\n")
            }
        }
        let expected = (0..<5_000).map { "\($0)\n" }.joined()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }

    @Test("No items make an empty file")
    func noItemsMakeAnEmptyFile() throws {
        let path = NSTemporaryDirectory() + "chunked-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ChunkedWriter.write(count: 0, to: path, makeRenderer: { () }) { _, _, _ in }
        #expect(FileManager.default.contents(atPath: path) == Data())
    }

    @Test("A folder that cannot take the file is an output failure naming the path")
    func unwritablePathFails() {
        let path = "/nonexistent-\(UUID().uuidString)/ledger.jsonl"
        #expect(throws: OutputFailure.self) {
            try ChunkedWriter.write(count: 3, to: path, makeRenderer: { () }) { _, _, _ in }
        }
    }

    @Test("A remembered message is written for every entry with the same reason, and only for those")
    func messagesFollowTheirReasons() {
        func entry(_ english: String) -> LedgerEntry {
            LedgerEntry(
                learnerID: "L1", year: 2024, date: nil, rule: .filingOnline, status: .credited, categoryID: nil,
                source: EntrySource(kind: .filing, id: "F1", file: "filings.csv", line: 2),
                reason: Reason(chinese: "同", english: english))
        }
        let entries = [entry("same \"quoted\""), entry("other"), entry("same \"quoted\"")]
        let text = String(decoding: Exports.ledgerJSONL(Ledger(entries: entries)), as: UTF8.self)
        let messages = text.split(separator: "\n").map { $0.split(separator: ",\"message\":").last! }
        #expect(messages.sorted() == [#""other"}"#, #""same \"quoted\""}"#, #""same \"quoted\""}"#])
    }
}
