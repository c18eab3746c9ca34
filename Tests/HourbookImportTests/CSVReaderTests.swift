import Foundation
import HourbookCore
import Testing
@testable import HourbookImport

@Suite struct CSVReaderTests {
    @Test func quotedFieldsHoldCommasEscapedQuotesAndLineBreaks() {
        let rows = records("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,2,3\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["next", "2", "3"]])
        // The record after a two-line field starts on line 4.
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows.allSatisfy { $0.problem == nil })
    }

    @Test func crlfAndLoneCREndLines() {
        let rows = records("a,b\r\n1,2\r3,4\r\n\"q\r\nr\",5\r6,7")
        #expect(rows.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"], ["q\r\nr", "5"], ["6", "7"]])
        #expect(rows.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func blankAndWhiteSpaceOnlyLinesAreSkipped() {
        let rows = records("a,b\n\n   \n\u{3000}\t\n1,2\n\r\n,\n")
        #expect(rows.map(\.fields) == [["a", "b"], ["1", "2"], ["", ""]])
        #expect(rows.map(\.line) == [1, 5, 7])
    }

    @Test func unclosedQuoteAtEndIsAProblemForThatRecord() {
        let rows = records("a,b\n1,\"never closed\n2,3\n")
        #expect(rows.count == 2)
        #expect(rows[1].line == 2)
        #expect(rows[1].problem?.contains("never closed") == true)
    }

    @Test func charactersAfterClosingQuoteAreAProblemAndReadingGoesOn() {
        let rows = records("a,b\n\"x\"y,1\n\"ok\" ,2\nz\"w,3\n4,5\n")
        #expect(rows.map(\.line) == [1, 2, 3, 4, 5])
        #expect(rows[1].problem != nil)
        #expect(rows[1].fields == ["xy", "1"])
        #expect(rows[2].problem == nil)
        #expect(rows[2].fields == ["ok", "2"])
        #expect(rows[3].problem?.contains("unquoted") == true)
        #expect(rows[4].problem == nil)
    }

    @Test func byteOrderMarkIsDropped() {
        let reader = CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("id\nx\n".utf8), file: "t.csv")
        #expect(reader.next())
        #expect(reader.strings == ["id"])
    }

    @Test func recordsStraddlingChunkBoundariesReadWhole() throws {
        // Enough rows that a quoted multi-line field and a CRLF fall across the 1 MiB read boundary.
        var text = "id,text\r\n"
        var expected: [[String]] = []
        var line = 2
        var lines: [Int] = []
        var index = 0
        while text.utf8.count < CSVReader.chunkSize * 2 + 5000 {
            let value = index % 7 == 0 ? "多行\r\n文本, \"引号\" \(index)" : "平常的值 \(index)"
            let quoted = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            text += "\(index),\(quoted)\r\n"
            expected.append(["\(index)", value])
            lines.append(line)
            line += index % 7 == 0 ? 2 : 1
            index += 1
        }
        let folder = try DataFolder(["big.csv": text])
        let reader = try CSVReader(path: folder.path + "/big.csv", file: "big.csv")
        #expect(reader.next())
        var read: [[String]] = []
        var readLines: [Int] = []
        while reader.next() {
            read.append(reader.strings)
            readLines.append(reader.line)
        }
        #expect(read == expected)
        #expect(readLines == lines)
    }

    @Test func plainRecordsAreReadInPlaceWithTheirLinesAndRangesAcrossChunks() throws {
        // Unquoted records (read in place, their fields not copied) ending in LF or CRLF, with a
        // quoted one now and then (copied), across two read boundaries.
        var text = "id,text,empty\n"
        var expected: [(fields: [String], line: Int, range: Range<Int>)] = []
        var index = 0
        while text.utf8.count < CSVReader.chunkSize * 2 + 5000 {
            let isQuoted = index % 5 == 0
            let body = "\(index)," + (isQuoted ? "\"q,\(index)\"" : "值 +\(index)") + ","
            let start = text.utf8.count
            text += body + (index % 3 == 0 ? "\r\n" : "\n")
            // A record's range ends after the byte that ends it (the CR of a CRLF).
            let range = start..<(start + body.utf8.count + 1)
            expected.append((["\(index)", isQuoted ? "q,\(index)" : "值 +\(index)", ""], index + 2, range))
            index += 1
        }
        let folder = try DataFolder(["plain.csv": text])
        let reader = try CSVReader(path: folder.path + "/plain.csv", file: "plain.csv")
        #expect(reader.next())
        var count = 0
        while reader.next() {
            guard count < expected.count else { break }
            #expect(reader.strings == expected[count].fields)
            #expect(reader.line == expected[count].line)
            #expect(reader.recordRange == expected[count].range)
            count += 1
        }
        #expect(count == expected.count)
    }

    @Test func utf8ValidatorAcceptsSequencesSplitAcrossChunks() {
        let bytes = Array("学时档案".utf8)
        var validator = UTF8Validator()
        bytes.withUnsafeBufferPointer { buffer in
            validator.feed(UnsafeBufferPointer(rebasing: buffer[0..<4]))
            validator.feed(UnsafeBufferPointer(rebasing: buffer[4...]))
        }
        #expect(validator.finish())
        var bad = UTF8Validator()
        [UInt8]([0x41, 0xE5, 0xAD]).withUnsafeBufferPointer { bad.feed($0) }
        #expect(!bad.finish())
        // A bad byte after a long ASCII run (read eight bytes at a time) is still found.
        var late = UTF8Validator()
        (Array(String(repeating: "a", count: 37).utf8) + [0xFF] + Array("bcdefghij".utf8)).withUnsafeBufferPointer { late.feed($0) }
        #expect(!late.finish())
        var overlong = UTF8Validator()
        [UInt8]([0xC0, 0x80]).withUnsafeBufferPointer { overlong.feed($0) }
        #expect(!overlong.finish())
    }
}

@Suite struct CSVHeaderTests {
    @Test func headersMatchIgnoringCaseAndSpacesInAnyOrder() throws {
        let dataset = try DataFolder.minimal(with: [
            "learners.csv": " DEPT_ID ,Name,\u{3000}Learner_ID\nD1,张三,L1\n"
        ]).importDataset()
        #expect(dataset.learners.map(\.id) == ["L1"])
        #expect(dataset.diagnostics.isEmpty)
    }

    @Test func unknownColumnsWarnOncePerFileOnLineOne() throws {
        let dataset = try DataFolder.minimal(with: [
            "learners.csv": "learner_id,name,dept_id,email,工号\nL1,张三,D1,a@b,1\nL2,李四,D1,c@d,2\n"
        ]).importDataset()
        #expect(dataset.places(.csvUnknownColumn) == ["learners.csv:1"])
        #expect(dataset.diagnostics.first { $0.code == .csvUnknownColumn }?.message.contains("'email', '工号'") == true)
        #expect(dataset.learners.count == 2)
    }

    @Test func repeatedColumnWarnsAndTheFirstIsUsed() throws {
        let dataset = try DataFolder.minimal(with: [
            "learners.csv": "learner_id,name,dept_id,name\nL1,张三,D1,别名\n"
        ]).importDataset()
        #expect(dataset.places(.csvDuplicateColumn) == ["learners.csv:1"])
        #expect(dataset.learners.first?.name == "张三")
    }

    @Test func missingRequiredColumnStopsTheImportNamingFileAndColumn() throws {
        let folder = try DataFolder.minimal(with: ["learners.csv": "learner_id,name\nL1,张三\n"])
        let error = failure { _ = try folder.importDataset() }
        #expect(error?.code == .csvMissingColumn)
        #expect(error?.file == "learners.csv")
        #expect(error?.message.contains("'dept_id'") == true)
    }

    @Test func rowWithOtherFieldCountIsAnErrorForThatRow() throws {
        let dataset = try DataFolder.minimal(with: [
            "learners.csv": "learner_id,name,dept_id\nL1,张三,D1,extra\nL2,李四\nL3,王五,D1\n"
        ]).importDataset()
        #expect(dataset.places(.csvFieldCount) == ["learners.csv:2", "learners.csv:3"])
        #expect(dataset.diagnostics.first?.rawText == "L1,张三,D1,extra")
        #expect(dataset.learners.map(\.id) == ["L3"])
    }

    @Test func quoteProblemIsACSVQuoteErrorWithItsLine() throws {
        let dataset = try DataFolder.minimal(with: [
            "learners.csv": "learner_id,name,dept_id\n\"L1\"x,张三,D1\nL2,\"李\n四\",D1\nL3,\"王五,D1\n"
        ]).importDataset()
        #expect(dataset.places(.csvQuote) == ["learners.csv:2", "learners.csv:5"])
        #expect(dataset.learners.map(\.id) == ["L2"])
        #expect(dataset.learners.first?.name == "李\n四")
    }
}
