/// Whether a zip entry name is a plain relative path that cannot land outside the folder it
/// is extracted into: not empty, no leading `/`, no drive letter, no backslash, no empty, `.`
/// or `..` component, no control or invisible characters.
enum EntryPath {
    static func isSafe(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\") else { return false }
        if name.unicodeScalars.contains(where: Printable.isHidden) { return false }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        if let first = components.first, first.count >= 2, first.dropFirst().first == ":" { return false }
        return components.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
