/// Where every page and archive of an output folder lives, derived from ids safely:
/// no id can write outside the folder and no two ids share a path, even ids that differ
/// only in case or hold `/`, `..`, spaces or emoji.
public struct OutputPaths: Sendable {
    private var learnerNames: [String: String] = [:]
    private var departmentNames: [String: String] = [:]

    /// Allocates names for the roster's learners and the departments.
    public init(learnerIDs: [String], departmentIDs: [String]) {
        learnerNames = Self.allocate(learnerIDs)
        departmentNames = Self.allocate(departmentIDs)
    }

    /// The personal archive page (学时档案) of a learner, all years in one page.
    public func learnerPage(_ learnerID: String) -> String {
        "learners/" + (learnerNames[learnerID] ?? SafeName.make(for: learnerID)) + ".html"
    }

    /// A department's page for a year.
    public func departmentPage(_ departmentID: String, year: Int) -> String {
        "departments/\(year)/" + departmentName(departmentID) + ".html"
    }

    /// A department's evidence archive for a year (`evidence/YEAR/DEPT.zip`).
    public func evidenceArchive(_ departmentID: String, year: Int) -> String {
        "evidence/\(year)/" + departmentName(departmentID) + ".zip"
    }

    /// A department's certificates (学时证明) for a year, one printed page per member
    /// (`certificates/YEAR/DEPT.html`); `certificateAnchor` finds a learner's page in it.
    public func certificatePage(_ departmentID: String, year: Int) -> String {
        "certificates/\(year)/" + departmentName(departmentID) + ".html"
    }

    /// The fragment of a learner's certificate in their department's certificate file.
    public func certificateAnchor(_ learnerID: String) -> String { "c-" + learnerName(learnerID) }

    /// The file-name stem of a department (no folder, no extension).
    public func departmentName(_ departmentID: String) -> String {
        departmentNames[departmentID] ?? SafeName.make(for: departmentID)
    }

    /// The file-name stem of a learner.
    public func learnerName(_ learnerID: String) -> String {
        learnerNames[learnerID] ?? SafeName.make(for: learnerID)
    }

    /// Names for `ids`: a plain id (ASCII letters, digits, `-` and `_`, not starting with `-`)
    /// is its own name, so `evidence/2024/JG01.zip` reads as auditors expect, unless another id
    /// differs from it only in case; every other id gets `SafeName`'s readable part and hash.
    /// Names stay unique even if two hashes collide (the later id in code point order then gets
    /// an ordinal suffix), compared case-insensitively as file systems may.
    public static func allocate(_ ids: [String]) -> [String: String] {
        var result: [String: String] = [:]
        var taken: Set<String> = []
        let sorted = Set(ids).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var caseFolded: [String: Int] = [:]
        for id in sorted { caseFolded[id.lowercased(), default: 0] += 1 }
        let isPlain: (String) -> Bool = { id in
            !id.isEmpty && id.utf8.count <= 64 && !id.hasPrefix("-") && caseFolded[id.lowercased()] == 1
                && id.unicodeScalars.allSatisfy { scalar in
                    switch scalar {
                    case "a"..."z", "A"..."Z", "0"..."9", "-", "_": return true
                    default: return false
                    }
                }
        }
        // Plain ids first, so that they keep their own names.
        for id in sorted where isPlain(id) {
            taken.insert(id.lowercased())
            result[id] = id
        }
        for id in sorted where !isPlain(id) {
            var name = SafeName.make(for: id)
            var ordinal = 2
            while taken.contains(name.lowercased()) {
                name = SafeName.make(for: id, ordinal: ordinal)
                ordinal += 1
            }
            taken.insert(name.lowercased())
            result[id] = name
        }
        return result
    }
}
