import Crypto
import Foundation
import HourbookCore

/// SHA-256 digests rendered as lowercase hex, as manifests and sha256sum write them.
enum Digest {
    static func sha256Hex(_ data: Data) -> String { lowercaseHex(SHA256.hash(data: data)) }

    /// The digest of a file, read in chunks.
    static func sha256Hex(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw EvidenceError.unreadable(path: path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return lowercaseHex(hasher.finalize())
    }

}
