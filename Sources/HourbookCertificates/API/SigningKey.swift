import Crypto
import Foundation

/// The organisation's Ed25519 signing key (RFC 8032), kept by HR, never published: the private
/// half of `hourbook keygen`, read by `hourbook build --signing-key FILE`.
/// (`@unchecked`: the swift-crypto key is an immutable value that this version does not mark Sendable.)
public struct SigningKey: @unchecked Sendable {
    let key: Curve25519.Signing.PrivateKey
    /// Derived once (a scalar multiplication), not for every certificate signed.
    public let publicKey: PublicKey

    /// A new random key (`hourbook keygen`).
    public static func generate() -> SigningKey { SigningKey(key: Curve25519.Signing.PrivateKey()) }

    /// The key of a 32-byte seed (RFC 8032's "secret key"), as in its test vectors.
    public init(seed: [UInt8]) throws {
        self.init(key: try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
    }

    init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
        publicKey = PublicKey(raw: Array(key.publicKey.rawRepresentation))
    }

    /// Reads a PKCS#8 PEM file (`-----BEGIN PRIVATE KEY-----`, as `hourbook keygen` and
    /// `openssl genpkey -algorithm ed25519` write it).
    public static func load(path: String) throws(CertificateInputFailure) -> SigningKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CertificateInputFailure("\(path): cannot read the signing key.")
        }
        guard let der = PEM.decode(String(decoding: data, as: UTF8.self), label: "PRIVATE KEY"),
            der.count == PEM.privateKeyPrefix.count + 32, der.starts(with: PEM.privateKeyPrefix),
            let key = try? SigningKey(seed: Array(der.suffix(32)))
        else {
            throw CertificateInputFailure("\(path): not an Ed25519 private key in PEM (PKCS#8); make one with hourbook keygen DIR.")
        }
        return key
    }

    /// The PKCS#8 PEM text of the key.
    public var pem: String { PEM.encode(PEM.privateKeyPrefix + Array(key.rawRepresentation), label: "PRIVATE KEY") }


    /// An Ed25519 signature (64 bytes); the same bytes for the same message every time (RFC 8032 5.1.6).
    public func signature(for message: [UInt8]) -> [UInt8] { Array(try! key.signature(for: message)) }
}
