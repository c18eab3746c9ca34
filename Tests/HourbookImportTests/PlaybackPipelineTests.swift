import Foundation
import HourbookCore
import Testing

@testable import HourbookImport

/// The two-worker playback import must read exactly as one thread reading the files in order.
@Suite struct PlaybackPipelineTests {
    static let header = PlaybackDecoderTests.header

    static func row(_ id: String, session: String, to: Int) -> String {
        "\(id),L1,C1,C1-1,\(session),2021-06-01T09:00:00,2021-06-01T09:10:00,0,\(to),1,pc\n"
    }

    @Test func conflictsKeepTheirRawTextAndLinesAcrossManyFilesAndEncodings() throws {
        // Nine files: more than the workers' window, so batches are recycled; file 5 is GB18030.
        var files: [String: String] = [:]
        for file in 0..<9 where file != 5 {
            var text = Self.header
            for number in 0..<50 {
                text += Self.row("E\(file * 50 + number)", session: "S\(number % 7)", to: 600)
            }
            if file > 0 {
                // A conflict with file 0 (different pos_to) and an exact duplicate of file 0's E1.
                text += Self.row("E0", session: "S0", to: 601 + file)
                text += Self.row("E1", session: "S1", to: 600)
            }
            files["playback/\(file).csv"] = text
        }
        let gbText = Self.header + Self.row("E2", session: "会话", to: 999) + Self.row("E9000", session: "会话", to: 600)
        let gbBytes = try EncodingTests().gb18030(gbText)
        let folder = try DataFolder(DataFolder.minimal.merging(files) { $1 }, bytes: ["playback/5.csv": gbBytes])
        let dataset = try folder.importDataset()

        #expect(dataset.playback.files == (0..<9).map { "playback/\($0).csv" })
        #expect(dataset.summary.recordsRead["playback"] == 50 + 7 * 52 + 2)
        #expect(dataset.summary.exactDuplicatesDropped == 7)
        let conflicts = dataset.diagnostics.filter { $0.code == .playbackConflict }
        #expect(conflicts.map { "\($0.file):\($0.line)" } == [1, 2, 3, 4, 5, 6, 7, 8].map { "playback/\($0).csv:\($0 == 5 ? 2 : 52)" })
        #expect(conflicts[0].rawText == "E0,L1,C1,C1-1,S0,2021-06-01T09:00:00,2021-06-01T09:10:00,0,602,1,pc")
        #expect(conflicts[4].rawText == "E2,L1,C1,C1-1,会话,2021-06-01T09:00:00,2021-06-01T09:10:00,0,999,1,pc")
        #expect(dataset.diagnostics.contains { $0.code == .encodingGB18030 && $0.file == "playback/5.csv" })
        #expect(dataset.playback.rows.count == 8 * 50 + 1)
        // Session ids keep one global key each, in first-seen order, whichever worker met them:
        // S0…S6 in file 0 (E0…E6), the same keys in file 1 (E50…E99), then 会话.
        let sessionOf = Dictionary(dataset.playback.rows.map { ($0.eventID, $0.session) }) { first, _ in first }
        #expect((0..<7).map { sessionOf["E\($0)"] } == (0..<7).map { Int32($0) })
        #expect((0..<50).allSatisfy { sessionOf["E\(50 + $0)"] == Int32($0 % 7) })
        #expect(sessionOf["E9000"] == 7 && dataset.playback.rows.allSatisfy { (0...7).contains($0.session) })
        #expect(dataset.playback.rows.map(\.eventID).prefix(3) == ["E0", "E1", "E2"])
    }

    @Test func anUnreadablePlaybackEncodingStopsTheImportNamingTheFile() throws {
        let bad: [UInt8] = Array(Self.header.utf8) + [0x45, 0x31, 0x2C, 0xFF, 0xFF, 0x0A]
        let folder = try DataFolder(DataFolder.minimal, bytes: ["playback/1.csv": bad])
        let error = failure { _ = try folder.importDataset() }
        #expect(error?.code == .encodingInvalid)
        #expect(error?.file == "playback/1.csv")
    }
}
