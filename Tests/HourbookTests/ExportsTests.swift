import Foundation
import Hourbook
import HourbookCore
import Testing

@Suite("Exports")
struct ExportsTests {
    func build(_ files: [String: String] = smallOrganisation) throws -> (TestFolder, String) {
        let data = try TestFolder(files)
        let out = data.path + "-out"
        _ = try Pipeline.build(BuildOptions(dataFolder: data.path, outputFolder: out))
        return (data, out)
    }

    func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test("The exports have a BOM, fixed columns, two-decimal hours, sort orders and the formula guard")
    func exportsAreExact() throws {
        let (data, out) = try build()
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        let hours = try read(out + "/exports/hours.csv")
        #expect(Array(hours.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: hours.dropFirst(3), as: UTF8.self) == """
            learner_id,year,category_id,hours\r
            '=L1,2024,platform-online,0.50\r
            L2,2024,platform-online,0.01\r
            L3,2024,platform-online,0.01\r

            """)
        let learners = String(decoding: try read(out + "/exports/learners.csv").dropFirst(3), as: UTF8.self)
        #expect(learners == """
            learner_id,name,dept_id,year,online_hours,offline_hours,total_hours,required_hours,status\r
            '=L1,张伟,D1,2024,0.50,0.00,0.50,0.50,met\r
            L2,李娜,D2,2024,0.01,0.00,0.01,0.50,not-met\r
            L3,王芳,D2,2024,0.01,0.00,0.01,0.50,not-met\r

            """)
        let departments = String(decoding: try read(out + "/exports/departments.csv").dropFirst(3), as: UTF8.self)
        // D2: 0.02 over 2 learners is 0.01; D1's subtree holds all three.
        #expect(departments == """
            dept_id,name,year,learners,met,total_hours,average_hours,subtree_learners,subtree_met,subtree_total_hours\r
            D1,组织人事部,2024,1,1,0.50,0.50,3,1,0.52\r
            D2,'+SUM(A1),2024,2,0,0.02,0.01,2,0,0.02\r

            """)
        let ledger = try String(contentsOf: URL(fileURLWithPath: out + "/exports/ledger.jsonl"), encoding: .utf8)
        let lines = ledger.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix(#"{"learner_id":"=L1","year":2024,"rule":"P-CHAPTER","status":"credited","hours":"0.50","cut_hours":"0.00","source":{"kind":"chapter","id":"C1-1","file":"playback/2024-03.csv","line":2},"date":"2024-03-05","category_id":"platform-online","message":"#))
        #expect(lines[3].contains(#""learner_id":"L9""#))
        #expect(lines[3].contains(#""rule":"P-UNKNOWN-LEARNER""#))
    }

    @Test("Average hours round half-up to two decimals")
    func averageRoundsHalfUp() throws {
        var files = smallOrganisation
        files["chapters.csv"] = "chapter_id,course_id,duration,hours\nC1-1,C1,1000,0.5\nC1-2,C1,600,0.05\n"
        files["playback/2024-03.csv"] = """
            event_id,learner_id,course_id,chapter_id,session_id,started_at,ended_at,pos_from,pos_to,rate
            E2,L2,C1,C1-2,s,2024-03-05T10:00:00+08:00,2024-03-05T10:10:00+08:00,0,600,1

            """
        let (data, out) = try build(files)
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        let departments = String(decoding: try read(out + "/exports/departments.csv").dropFirst(3), as: UTF8.self)
        #expect(departments.contains("D2,'+SUM(A1),2024,2,0,0.05,0.03,2,0,0.05"))
    }

    @Test("Two builds of the same inputs give byte-identical exports")
    func rebuildsAreByteIdentical() throws {
        let (data, out) = try build()
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        let first = try FileManager.default.subpathsOfDirectory(atPath: out).sorted().map { ($0, try? read(out + "/" + $0)) }
        _ = try Pipeline.build(BuildOptions(dataFolder: data.path, outputFolder: out))
        let second = try FileManager.default.subpathsOfDirectory(atPath: out).sorted().map { ($0, try? read(out + "/" + $0)) }
        #expect(first.map(\.0) == second.map(\.0))
        #expect(first.map(\.1) == second.map(\.1))
    }

    @Test("A build that fails on a whole input leaves the previous output untouched")
    func failedBuildKeepsPreviousOutput() throws {
        let (data, out) = try build()
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        let before = try read(out + "/exports/learners.csv")
        try data.write("catalog.xml", "<catalog/>")  // both catalog forms: ambiguous
        #expect(throws: InputFailure.self) { try Pipeline.build(BuildOptions(dataFolder: data.path, outputFolder: out)) }
        #expect(try read(out + "/exports/learners.csv") == before)
    }

    @Test("--strict refuses to write when the data has an error")
    func strictRefusesErrors() throws {
        var files = smallOrganisation
        files["learners.csv"]! += "L4,赵六,D9,\n"
        let data = try TestFolder(files)
        defer { data.remove() }
        var options = BuildOptions(dataFolder: data.path, outputFolder: data.path + "-out")
        options.isStrict = true
        let report = try Pipeline.build(options)
        #expect(report.exitStatus == 1)
        #expect(!FileManager.default.fileExists(atPath: data.path + "-out"))
    }
}
