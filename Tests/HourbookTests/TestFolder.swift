import Foundation

/// A temporary folder for a test, written from `[relative path: contents]`.
struct TestFolder {
    let path: String

    init(_ files: [String: String] = [:]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hourbook-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, contents) in files { try write(name, contents) }
    }

    func write(_ name: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path + "/" + name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: URL(fileURLWithPath: path + "/" + name), encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A small organisation for pipeline tests, with hostile ids and names in it.
let smallOrganisation: [String: String] = [
    "departments.csv": """
        dept_id,name,parent_id
        D1,组织人事部,
        D2,+SUM(A1),D1

        """,
    "learners.csv": """
        learner_id,name,dept_id,rank
        =L1,张伟,D1,
        L2,李娜,D2,
        L3,王芳,D2,

        """,
    "courses.csv": """
        course_id,title,category
        C1,学习贯彻党的二十大精神,platform-online

        """,
    "chapters.csv": """
        chapter_id,course_id,title,duration,hours
        C1-1,C1,第一讲,1000,0.5
        C1-2,C1,第二讲,600,0.01

        """,
    "playback/2024-03.csv": """
        event_id,learner_id,course_id,chapter_id,session_id,started_at,ended_at,pos_from,pos_to,rate
        E1,=L1,C1,C1-1,s,2024-03-05T10:00:00+08:00,2024-03-05T10:10:00+08:00,0,600,1
        E2,L2,C1,C1-2,s,2024-03-05T10:00:00+08:00,2024-03-05T10:10:00+08:00,0,600,1
        E3,L3,C1,C1-2,s,2024-03-05T10:00:00+08:00,2024-03-05T10:10:00+08:00,0,600,1
        E4,L9,C1,C1-2,s,2024-03-05T10:00:00+08:00,2024-03-05T10:10:00+08:00,0,600,1

        """,
    "hourbook.yaml": "requirements: {default: {total: 0.5}}\n",
]
