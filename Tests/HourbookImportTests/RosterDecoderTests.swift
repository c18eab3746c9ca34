import Foundation
import HourbookCore
import Testing
@testable import HourbookImport

@Suite struct DepartmentsDecoderTests {
    @Test func unknownParentIsAnErrorAndTheDepartmentBecomesARoot() throws {
        let dataset = try DataFolder.minimal(with: [
            "departments.csv": "dept_id,name,parent_id,kind,sort_order\nD1,机关,,机关部门,1\nD2,办公厅,D1,,2\nD3,直属单位,NOPE,直属单位,x\n"
        ]).importDataset()
        #expect(dataset.places(.unknownParent) == ["departments.csv:4"])
        let d3 = try #require(dataset.departments.first { $0.id == "D3" })
        #expect(d3.parentID == nil)
        #expect(d3.declaredParentID == "NOPE")
        #expect(dataset.departments.first { $0.id == "D2" }?.parentID == "D1")
        #expect(dataset.departments.first { $0.id == "D1" }?.kind == "机关部门")
        // A bad sort_order is not read by any rule: a warning, and the field is absent.
        #expect(dataset.places(.badOptionalValue) == ["departments.csv:4"])
        #expect(d3.sortOrder == nil)
    }

    @Test func threeCycleIsAnErrorForEachAndTheSmallestIDBecomesARoot() throws {
        let dataset = try DataFolder.minimal(with: [
            "departments.csv": "dept_id,name,parent_id\nD1,机关,\nZ,乙,b\nb,甲,Y\nY,丙,Z\nK,丁,Z\n"
        ]).importDataset()
        #expect(dataset.places(.departmentCycle) == ["departments.csv:3", "departments.csv:4", "departments.csv:5"])
        // Code point order: "Y" (U+0059) < "Z" < "b".
        let parents = Dictionary(uniqueKeysWithValues: dataset.departments.map { ($0.id, $0.parentID) })
        #expect(parents["Y"]! == nil)
        #expect(parents["Z"]! == "b")
        #expect(parents["b"]! == "Y")
        #expect(parents["K"]! == "Z")
        #expect(dataset.departments.count == 5)
        #expect(dataset.departments.first { $0.id == "Y" }?.declaredParentID == "Z")
    }

    @Test func selfParentIsACycleOfOne() throws {
        let dataset = try DataFolder.minimal(with: ["departments.csv": "dept_id,name,parent_id\nD1,机关,D1\n"])
            .importDataset()
        #expect(dataset.places(.departmentCycle) == ["departments.csv:2"])
        #expect(dataset.departments.first?.parentID == nil)
    }

    @Test func laterDuplicateIDIsAnErrorAndABadRecordClaimsNoID() throws {
        let dataset = try DataFolder.minimal(with: [
            "departments.csv": "dept_id,name\nD1,机关\nD2,\nD2,办公厅\nD1,重复\n"
        ]).importDataset()
        #expect(dataset.places(.missingValue) == ["departments.csv:3"])
        #expect(dataset.places(.duplicateID) == ["departments.csv:5"])
        #expect(dataset.departments.map(\.name) == ["机关", "办公厅"])
    }

    @Test func overlongIdentifierIsAnError() throws {
        let long = String(repeating: "部", count: 65)
        let dataset = try DataFolder.minimal(with: ["departments.csv": "dept_id,name\nD1,机关\n\(long),太长\n"])
            .importDataset()
        #expect(dataset.places(.badIdentifier) == ["departments.csv:3"])
    }
}

@Suite struct LearnersDecoderTests {
    @Test func learnerFieldsAreReadWithTheirRules() throws {
        let dataset = try DataFolder.minimal(with: [
            "learners.csv": """
                learner_id,name,dept_id,rank,phone,party_member,joined_on,left_on
                L1,张三,D1,局级,13812345678,是,2019/3/1,2023-12-31
                L2,李四,D1,,1381234,maybe,,
                L3,王五,NOPE,,,,,
                L4,赵六,D1,,,,2021-13-01,
                L5, ,D1,,,,,

                """
        ]).importDataset()
        let l1 = try #require(dataset.learners.first)
        #expect(l1.rank == "局级")
        #expect(l1.phone == "13812345678")
        #expect(l1.isPartyMember == true)
        #expect(l1.joinedOn == LocalDate(year: 2019, month: 3, day: 1))
        #expect(l1.leftOn == LocalDate(year: 2023, month: 12, day: 31))
        #expect(l1.source == SourceLocation(file: "learners.csv", line: 2))
        let l2 = try #require(dataset.learners.first { $0.id == "L2" })
        #expect(l2.phone == nil && l2.isPartyMember == nil)
        #expect(dataset.places(.badOptionalValue) == ["learners.csv:3", "learners.csv:3"])
        #expect(dataset.places(.unknownDepartment) == ["learners.csv:4"])
        #expect(dataset.places(.badValue) == ["learners.csv:5"])
        #expect(dataset.places(.missingValue) == ["learners.csv:6"])
        #expect(dataset.learners.map(\.id) == ["L1", "L2"])
        #expect(dataset.summary.recordsRead["learners"] == 5)
    }

    @Test func learnerInAnUnknownParentDepartmentIsKept() throws {
        let dataset = try DataFolder.minimal(with: [
            "departments.csv": "dept_id,name,parent_id\nD1,机关,GONE\n"
        ]).importDataset()
        #expect(dataset.learners.map(\.id) == ["L1"])
    }
}

@Suite struct EncodingTests {
    static let roster = "learner_id,name,dept_id,rank\nL1,张三,D1,处级\nL2,\u{3000}李四\u{3000},D1,局级\n"

    func gb18030(_ text: String) throws -> [UInt8] {
        let folder = NSTemporaryDirectory() + "gb-" + UUID().uuidString
        try DataFolder.write(Array(text.utf8), to: folder + "/in.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030", folder + "/in.txt", "-o", folder + "/out.txt"]
        try process.run()
        process.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/out.txt")))
    }

    @Test func gb18030RosterReadsLikeItsUTF8Twin() throws {
        let bytes = try gb18030(Self.roster)
        #expect(bytes != Array(Self.roster.utf8))
        var files = DataFolder.minimal
        files["learners.csv"] = nil
        let gb = try DataFolder(files, bytes: ["learners.csv": bytes]).importDataset()
        let utf8 = try DataFolder.minimal(with: ["learners.csv": Self.roster]).importDataset()
        #expect(gb.learners.map(\.name) == ["张三", "李四"])
        #expect(gb.learners.map(\.id) == utf8.learners.map(\.id))
        #expect(gb.learners.map(\.name) == utf8.learners.map(\.name))
        #expect(gb.learners.map(\.rank) == utf8.learners.map(\.rank))
        #expect(gb.diagnostics.map(\.description) == ["learners.csv:0: info: [ENCODING-GB18030] the file is not UTF-8 but GB18030 (as Excel saves on Chinese Windows) and was read as such"])
        #expect(utf8.diagnostics.isEmpty)
    }

    @Test func byteOrderMarkIsAcceptedAndAnythingElseStopsTheImport() throws {
        let bom = try DataFolder.minimal(with: ["learners.csv": "\u{FEFF}learner_id,name,dept_id\nL1,张三,D1\n"])
            .importDataset()
        #expect(bom.learners.map(\.id) == ["L1"])
        #expect(bom.diagnostics.isEmpty)
        var files = DataFolder.minimal
        files["learners.csv"] = nil
        let folder = try DataFolder(files, bytes: ["learners.csv": Array("learner_id,name,dept_id\nL1,".utf8) + [0xFF, 0xFF, 0x0A]])
        let error = failure { _ = try folder.importDataset() }
        #expect(error?.code == .encodingInvalid)
        #expect(error?.file == "learners.csv")
    }
}
