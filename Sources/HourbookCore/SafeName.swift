/// Turns identifiers into file names that can never leave their folder and never collide.
///
/// Ids may hold any Unicode, `/`, `..`, spaces, and may differ only in case (and file systems
/// may fold case). The name keeps letters, digits, `-` and `_` from the id for readability,
/// then adds 8 hex digits of a hash of the exact id, so `L/1`, `l/1` and `L_1` get three names.
public enum SafeName {
    /// A name such as `L0001-3f2a9c10`, built from ASCII letters, digits, `-` and `_` only.
    public static func make(for id: String) -> String {
        var readable = ""
        for scalar in id.unicodeScalars {
            if readable.unicodeScalars.count >= 40 { break }
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": readable.unicodeScalars.append(scalar)
            default: readable.unicodeScalars.append("_")
            }
        }
        return readable.lowercased() + "-" + hex(fnv1a64(id))
    }

    /// 64-bit FNV-1a over the UTF-8 bytes, rendered as 16 hex digits. A 64-bit hash can still collide in theory: callers that need certainty (the site's page paths) check for collisions and fall back to `make(for:ordinal:)`.
    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        let padded = String(repeating: "0", count: 16 - text.count) + text
        return padded
    }

    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

extension SafeName {
    /// The name for the `ordinal`-th id (in code point order) of a set whose hashes collided.
    public static func make(for id: String, ordinal: Int) -> String { make(for: id) + "-\(ordinal)" }
}
