import Foundation
import Hourbook
import HourbookCore
import HourbookRules
import Testing

/// The scope stage, one decision per test. The organisation: ORG with units A (and A1 below it)
/// and B; learners a in A, a1 in A1, b in B; playback of each and of ghost (not in the roster).
@Suite("Scope — the stage")
struct ScopeStageTests {
    func organisation(learners extra: String = "", playback rows: [String] = []) -> [String: String] {
        var playback = "event_id,learner_id,course_id,chapter_id,session_id,started_at,ended_at,pos_from,pos_to,rate\n"
        for (index, learner) in ["a", "a1", "b", "ghost"].enumerated() {
            playback += "E\(index),\(learner),C1,C1-1,s,2024-03-05T10:00:00+08:00,2024-03-05T10:10:00+08:00,0,600,1\n"
        }
        playback += rows.map { $0 + "\n" }.joined()
        return [
            "hourbook.yaml": "years: [2024]\nrequirements: {default: {total: 0.5, rolling: {years: 2, total: 1}}}\n",
            "departments.csv": "dept_id,name,parent_id\nORG,机构,\nA,甲,ORG\nA1,甲一,A\nB,乙,ORG\n",
            "learners.csv": "learner_id,name,dept_id,phone\na,阿,A,\na1,阿一,A1,\nb,贝,B,\n" + extra,
            "courses.csv": "course_id,title,category\nC1,课程,platform-online\n",
            "chapters.csv": "chapter_id,course_id,title,duration,hours\nC1-1,C1,第一讲,1000,0.5\n",
            "playback/2024-03.csv": playback,
        ]
    }

    func scoped(_ departments: [String], learners: String = "", playback: [String] = []) throws
        -> (full: BuildReport, scope: Scope, dataset: Dataset, ledger: Ledger, tally: Tally)
    {
        let data = try TestFolder(organisation(learners: learners, playback: playback))
        defer { data.remove() }
        let full = try Pipeline.evaluate(dataFolder: data.path)
        let scope = try Scope(departments: departments, in: full.dataset)
        let (dataset, ledger, tally) = scope.restrict(dataset: full.dataset, ledger: full.ledger, tally: full.tally)
        return (full, scope, dataset, ledger, tally)
    }

    @Test("A scope is its departments and their subtrees; its learners are their roster members")
    func subtreeAndMembers() throws {
        let result = try scoped(["A"])
        #expect(result.scope.departmentIDs == ["A", "A1"])
        #expect(result.dataset.learners.map(\.id) == ["a", "a1"])
    }

    @Test("The departments named become roots: their parent outside the scope is not named")
    func namedDepartmentsBecomeRoots() throws {
        let result = try scoped(["A"])
        let byID = Dictionary(uniqueKeysWithValues: result.dataset.departments.map { ($0.id, $0) })
        #expect(byID["A"]?.parentID == nil)
        #expect(byID["A"]?.declaredParentID == nil)
        #expect(byID["A1"]?.parentID == "A")
    }

    @Test("In-scope figures are exactly the full build's, and departments keep their subtree figures")
    func figuresAreTheFullBuilds() throws {
        let result = try scoped(["A"])
        #expect(result.tally.learnerYears == result.full.tally.learnerYears.filter { ["a", "a1"].contains($0.learnerID) })
        #expect(result.tally.departmentYears == result.full.tally.departmentYears.filter { ["A", "A1"].contains($0.departmentID) })
        #expect(result.tally.departmentYears.first { $0.departmentID == "A" }?.subtreeLearners == 2)
    }

    @Test("Ledger entries of learners outside, and of learners not in the roster, are left out")
    func ledgerKeepsOnlyTheScopesLearners() throws {
        let result = try scoped(["A", "B"])
        #expect(Set(result.ledger.entries.map(\.learnerID)) == ["a", "a1", "b"])
        #expect(result.full.ledger.entries.contains { $0.learnerID == "ghost" })
    }

    @Test("A diagnostic of an in-scope learner's record is kept; the rest are counted")
    func diagnosticsOfTheScopesLearnersAreKept() throws {
        let bad = ["E8,a1,C1,C1-1,s,2024-13-05T10:00:00,2024-03-05T10:10:00+08:00,0,1,1",
                   "E9,b,C1,C1-1,s,2024-13-05T10:00:00,2024-03-05T10:10:00+08:00,0,1,1"]
        let result = try scoped(["A"], playback: bad)
        #expect(result.dataset.diagnostics.map(\.line) == [6])
        #expect(result.dataset.diagnosticsOutsideScope == result.full.dataset.diagnostics.count - 1)
    }

    @Test("A roster row is the scope's only when its learner and its department both are")
    func rosterRowNeedsLearnerAndDepartment() throws {
        // a2's phone is malformed (a warning; a2 is in A); x names a department that does not exist.
        let result = try scoped(["A"], learners: "a2,阿二,A,123\nx,叉,NOWHERE,\n")
        #expect(result.dataset.diagnostics.map(\.code) == [.badOptionalValue])
        #expect(result.dataset.diagnosticsOutsideScope == 1)
    }

    @Test("PLAYBACK-CONFLICT belongs to the conflicting row's learner")
    func playbackConflictBelongsToItsLearner() throws {
        let conflict = "E0,a,C1,C1-1,s,2024-03-05T10:00:00+08:00,2024-03-05T10:10:00+08:00,0,599,1"
        #expect(try scoped(["A"], playback: [conflict]).dataset.diagnostics.map(\.code) == [.playbackConflict])
        #expect(try scoped(["B"], playback: [conflict]).dataset.diagnostics.isEmpty)
    }

    @Test("A row too broken to read its fields belongs to no scope")
    func brokenRowsBelongToNoScope() throws {
        let result = try scoped(["A", "B"], playback: ["E9,a,\"broken"])
        #expect(result.dataset.diagnostics.isEmpty)
        #expect(result.dataset.diagnosticsOutsideScope == 1)
    }

    @Test("An unknown department is refused, naming it")
    func unknownDepartmentIsRefused() throws {
        #expect {
            _ = try scoped(["A", "Z9"])
        } throws: { error in
            (error as? ScopeFailure)?.description.contains("'Z9'") == true
        }
    }
}
