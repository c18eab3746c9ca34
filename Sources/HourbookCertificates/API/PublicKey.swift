import Crypto
import Foundation

/// The organisation's public key: published in the site (`certificates/public-key.pem`) and
/// in every evidence archive's README, and named by the credentials as a `did:key`.
public struct PublicKey: Hashable, Sendable {
    /// The 32 bytes of RFC 8032.
    public let raw: [UInt8]

    public init(raw: [UInt8]) { self.raw = raw }

    /// `did:key:z6Mk…`: multibase base58-btc of the multicodec `ed25519-pub` (0xed 0x01) and the key.
    public var did: String { "did:key:" + multibase }

    /// The verification method of the proofs: `did:key:z6Mk…#z6Mk…`.
    public var verificationMethod: String { did + "#" + multibase }

    var multibase: String { "z" + Base58.encode([0xED, 0x01] + raw) }

    /// The key of a `did:key:z6Mk…` (with or without a `#fragment`), nil for any other DID.
    public init?(did: String) {
        let identifier = did.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard identifier.hasPrefix("did:key:z"), let bytes = Base58.decode(String(identifier.dropFirst(9))),
            bytes.count == 34, bytes[0] == 0xED, bytes[1] == 0x01
        else { return nil }
        raw = Array(bytes[2...])
    }

    /// The SubjectPublicKeyInfo PEM text (`-----BEGIN PUBLIC KEY-----`), as openssl writes it.
    public var pem: String { PEM.encode(PEM.publicKeyPrefix + raw, label: "PUBLIC KEY") }

    /// Reads a public key from PEM text, or from a `did:key` on a line of its own.
    public init(text: String) throws(CertificateInputFailure) {
        if let der = PEM.decode(text, label: "PUBLIC KEY"), der.count == PEM.publicKeyPrefix.count + 32,
            der.starts(with: PEM.publicKeyPrefix)
        {
            raw = Array(der.suffix(32))
            return
        }
        for line in text.split(whereSeparator: \.isNewline) {
            if let key = PublicKey(did: line.trimmingCharacters(in: .whitespaces)) {
                self = key
                return
            }
        }
        throw CertificateInputFailure("not an Ed25519 public key in PEM or a did:key.")
    }

    public static func load(path: String) throws(CertificateInputFailure) -> PublicKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CertificateInputFailure("\(path): cannot read the public key.")
        }
        do {
            return try PublicKey(text: String(decoding: data, as: UTF8.self))
        } catch {
            throw CertificateInputFailure("\(path): \(error.description)")
        }
    }

    /// Whether `signature` is this key's Ed25519 signature of `message`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
