import Foundation

/// A person of the hostile organisation, with the department whose bundle must hold them.
struct Person {
    var id: String
    var name: String
    /// The roster department (nil: not in the roster — in no scope at all).
    var departmentID: String?
    /// Plain fragments of the id and name that no other text of any output holds: found in
    /// any escaping, they betray the person even where an unforeseen escape hides the whole.
    var markers: [String]
}

/// Three top-level units with hostile ids and names (slashes, `..`, quotes, `<script>`, `=cmd`,
/// commas, emoji, Chinese), one learner's name inside another's (王 and 王芳), a learner who
/// moved (her old filing is still hers), a learner not in the roster and one whose department
/// does not exist, and diagnostics about each unit's people and about nobody's.
///
/// Names and ids are distinctive on purpose: none is an ordinary word of the pages (a learner
/// named 学时 would be found on every page), so the leak scan finds only real leaks.
enum HostileOrganisation {
    static let people: [Person] = [
        Person(id: "甲/../鳯", name: "王芳", departmentID: "U1", markers: ["鳯", "王芳"]),
        Person(
            id: "=cmd|'/C calc'!A0", name: "<script>alert(\"燕\")</script>", departmentID: "U1/../x",
            markers: ["cmd|", "燕"]),
        Person(id: "乙 \"鹂\"", name: "王", departmentID: "U2", markers: ["鹂"]),
        Person(id: "丙😀鹭", name: "O'Brien & \"Bob\"", departmentID: "U2-子", markers: ["鹭", "Brien"]),
        Person(id: "丁-鸮", name: "周移动", departmentID: "U3", markers: ["鸮", "周移动"]),
        Person(id: "戊,鹬", name: "李娜娜", departmentID: "U3", markers: ["鹬", "娜娜"]),
        Person(id: "GHOST-幽灵", name: "GHOST-幽灵", departmentID: nil, markers: ["幽灵"]),
        Person(id: "孤儿-鹈", name: "陈孤儿", departmentID: nil, markers: ["鹈", "孤儿"]),
    ]

    /// Department names by unit: no unit's bundle may name another unit's departments.
    static let departmentNames: [String: [String]] = [
        "U1": ["第一事业部", "子部门 \"引号\" <i>"], "U2": ["=第二事业部", "乙科室 😀"], "U3": ["第三单元"],
    ]

    /// Top-level unit → the departments of its subtree.
    static let units: [String: Set<String>] = ["U1": ["U1", "U1/../x"], "U2": ["U2", "U2-子"], "U3": ["U3"]]

    static func members(of unit: String) -> [Person] {
        people.filter { person in person.departmentID.map { units[unit]!.contains($0) } ?? false }
    }

    static func csv(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { ",\"\n".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }

    static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    static var files: [String: String] {
        var files: [String: String] = [:]
        files["hourbook.yaml"] = "years: [2024, 2025]\nrequirements: {default: {total: 1}}\nsite: {organisation: 测试机构}\n"
        files["departments.csv"] = """
            dept_id,name,parent_id,sort_order
            U1,第一事业部,,1
            U1/../x,"子部门 ""引号"" <i>",U1,1
            U2,=第二事业部,,2
            U2-子,乙科室 😀,U2,1
            U3,第三单元,,3

            """
        var learners = "learner_id,name,dept_id,phone\n"
        for person in people where person.id != "GHOST-幽灵" {
            learners += csv([person.id, person.name, person.departmentID ?? "NOPE", ""]) + "\n"
        }
        // A bad optional value of an in-scope learner: a warning that belongs to U3's bundle.
        learners = learners.replacingOccurrences(of: "李娜娜,U3,", with: "李娜娜,U3,12345")
        files["learners.csv"] = learners
        files["catalog.xml"] = """
            <?xml version="1.0" encoding="UTF-8"?>
            <catalog>
              <course id="C1" title="通用课程" category="platform-online">
                <chapter id="C1-1" title="第一讲" duration="600" hours="0.5"/>
              </course>
              <course id="C2" title="无效课程" category="no-such-category">
                <chapter id="C2-1" title="第一讲" duration="600" hours="0.5"/>
              </course>
              <class id="K1" title="联合培训班" mode="online" category="platform-online" start="2024-01-01" end="2024-12-31" required-hours="0.5">
                <course ref="C1"/>
            \(people.filter { $0.departmentID != nil }.map { "    <member ref=\"\(xml($0.id))\"/>" }.joined(separator: "\n"))
              </class>
            </catalog>

            """
        var playback = "event_id,learner_id,course_id,chapter_id,session_id,started_at,ended_at,pos_from,pos_to,rate\n"
        for (index, person) in people.enumerated() where person.departmentID != nil || person.id == "GHOST-幽灵" {
            playback += csv([
                "E\(index)", person.id, "C1", "C1-1", "s\(index)", "2024-03-05T10:00:00+08:00", "2024-03-05T10:10:00+08:00",
                "0", "600", "1",
            ]) + "\n"
        }
        // An error about U2's 王 (a bad timestamp), and one about nobody (a broken row).
        playback += csv(["E90", "乙 \"鹂\"", "C1", "C1-1", "s", "2024-13-05T10:00:00", "2024-03-05T10:10:00+08:00", "0", "1", "1"]) + "\n"
        playback += "E91,\"unclosed\n"
        files["playback/2024-03.csv"] = playback
        // The mover: her 2024 filing, made while in U1, is hers and goes with her to U3.
        files["filings.xml"] = """
            <?xml version="1.0" encoding="UTF-8"?>
            <filings>
              <filing id="F1" learner="丁-鸮" year="2024" type="online" status="approved" approved-hours="2" submitted-at="2024-05-12T10:00:00+08:00">
                <name>在原部门期间的网络培训</name>
                <category>other-platforms</category>
                <start>2024-05-06</start>
                <end>2024-05-10</end>
                <requested-hours>2</requested-hours>
                <host>某网络学院</host>
                <attachment path="attachments/F1-周移动.pdf"/>
              </filing>
              <filing id="F2" learner="\(xml("=cmd|'/C calc'!A0"))" year="2024" type="online" status="approved" approved-hours="1" submitted-at="2024-05-12T10:00:00+08:00">
                <name>\(xml("<script>alert(\"燕\")</script>"))的培训</name>
                <category>other-platforms</category>
                <start>2024-05-06</start>
                <end>2024-05-07</end>
                <requested-hours>1</requested-hours>
                <host>某网络学院</host>
                <attachment path="attachments/F2.pdf"/>
              </filing>
              <filing id="F3" learner="丙😀鹭" year="2024" type="online" status="approved" approved-hours="1" submitted-at="2024-05-12T10:00:00+08:00">
                <name>O'Brien 的培训</name>
                <category>other-platforms</category>
                <start>2024-05-06</start>
                <end>2024-05-07</end>
                <requested-hours>1</requested-hours>
                <host>某网络学院</host>
                <attachment path="attachments/F3.pdf"/>
              </filing>
              <filing id="F4" learner="孤儿-鹈" year="2024" type="online" status="approved" approved-hours="1">
                <name>陈孤儿的培训</name>
                <category>other-platforms</category>
                <start>2024-05-06</start>
                <end>2024-05-07</end>
                <requested-hours>1</requested-hours>
              </filing>
              <filing id="F5" learner="乙 &quot;鹂&quot;" year="2024" type="online" status="approved" approved-hours="1">
                <cost>lots</cost>
                <name>王的培训</name>
                <category>other-platforms</category>
                <start>2024-05-06</start>
                <end>2024-05-07</end>
                <requested-hours>1</requested-hours>
              </filing>
            </filings>

            """
        files["attachments/F1-周移动.pdf"] = "%PDF-1.4 周移动的证书"
        files["attachments/F2.pdf"] = "%PDF-1.4 燕的证书"
        files["attachments/F3.pdf"] = "%PDF-1.4 Brien's certificate"
        return files
    }
}
