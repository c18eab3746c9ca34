import Crypto
import Foundation
import HourbookCore

/// SHA-256 digests rendered as lowercase hex, as manifests and sha256sum write them.
enum Digest {
    static func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    /// The digest's bytes in hex, read as one buffer (iterating a digest as a sequence costs
    /// more than hashing a small attachment).
    static func hex(_ digest: SHA256.Digest) -> String { digest.withUnsafeBytes { lowercaseHex($0) } }
}
