/// Why an evidence archive could not be written: one sentence naming the file.
enum EvidenceError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case unsafeEntryName(String)
    case duplicateEntryName(String)

    var description: String {
        switch self {
        case .unreadable(let path): "Cannot read \(path)."
        case .unsafeEntryName(let name): "Refusing the zip entry name \(Printable.escaped(name)): it is not a plain relative path."
        case .duplicateEntryName(let name): "Two files would share the zip entry name \(Printable.escaped(name))."
        }
    }
}
