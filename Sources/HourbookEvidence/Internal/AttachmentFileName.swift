import Foundation

/// The name an attachment gets inside its filing's folder: the original base name when it is
/// plain and safe, a sanitized one otherwise, and unique within the folder.
///
/// Sanitizing replaces path separators (`/`, `\`), characters Windows refuses (`: * ? " < > |`),
/// `%` (so that the manifest needs no BagIt percent-encoding), control and invisible formatting
/// characters with `_`; drops leading dots and spaces and trailing dots and spaces; shortens
/// names longer than 150 UTF-8 bytes (keeping the extension); and prefixes Windows device names
/// (`CON`, `NUL`, `COM1`…) with `_`. Chinese, other letters and emoji are kept, in NFC.
struct AttachmentFileName {
    /// Names already used in the folder, compared case-insensitively as file systems may.
    private var taken: Set<String> = []

    static let maximumBytes = 150
    static let fallback = "attachment"

    /// Claims a unique name for the attachment written as `path` in the data folder.
    mutating func claim(forAttachmentPath path: String) -> String {
        let base = Self.sanitized(Self.baseName(of: path))
        let (stem, fileExtension) = Self.split(base)
        var name = base
        var ordinal = 2
        while taken.contains(name.lowercased()) {
            name = "\(stem)-\(ordinal)\(fileExtension)"
            ordinal += 1
        }
        taken.insert(name.lowercased())
        return name
    }

    /// The last non-empty component of a path as written, splitting on `/` and `\`
    /// (filers on Windows write backslashes).
    static func baseName(of path: String) -> String {
        let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        return components.last.map(String.init) ?? ""
    }

    /// A plain, safe file name for `name` (the name itself when it already is one).
    static func sanitized(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        // ASCII is already NFC; normalizing goes through NSString and costs more than the rest.
        let normalized = name.utf8.allSatisfy { $0 < 0x80 } ? name : name.precomposedStringWithCanonicalMapping
        for scalar in normalized.unicodeScalars {
            switch scalar {
            case "/", "\\", ":", "*", "?", "\"", "<", ">", "|", "%": scalars.append("_")
            default: scalars.append(Printable.isHidden(scalar) ? "_" : scalar)
            }
        }
        var text = String(scalars)
        while let first = text.unicodeScalars.first, first == "." || first.properties.isWhitespace {
            text.unicodeScalars.removeFirst()
        }
        while let last = text.unicodeScalars.last, last == "." || last.properties.isWhitespace {
            text.unicodeScalars.removeLast()
        }
        text = shortened(text)
        if text.isEmpty { return fallback }
        let stem = split(text).stem.uppercased()
        if reservedOnWindows.contains(stem) { text = "_" + text }
        return text
    }

    /// The stem and the extension (with its dot; empty when there is none or it is long).
    static func split(_ name: String) -> (stem: String, fileExtension: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        let fileExtension = String(name[dot...])
        guard fileExtension.utf8.count <= 16 else { return (name, "") }
        return (String(name[..<dot]), fileExtension)
    }

    private static func shortened(_ name: String) -> String {
        guard name.utf8.count > maximumBytes else { return name }
        let (stem, fileExtension) = split(name)
        var kept = ""
        for character in stem {
            if kept.utf8.count + character.utf8.count + fileExtension.utf8.count > maximumBytes { break }
            kept.append(character)
        }
        return kept + fileExtension
    }

    private static let reservedOnWindows: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL"]
        for digit in 1...9 {
            names.insert("COM\(digit)")
            names.insert("LPT\(digit)")
        }
        return names
    }()
}
