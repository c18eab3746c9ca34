import Crypto
import Foundation

/// Why a key, a site or a credential could not be read (exit status 2), in one sentence.
public struct CertificateInputFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The organisation's Ed25519 signing key (RFC 8032), kept by HR, never published: the private
/// half of `hourbook keygen`, read by `hourbook build --signing-key FILE`.
/// (`@unchecked`: the swift-crypto key is an immutable value that this version does not mark Sendable.)
public struct SigningKey: @unchecked Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// A new random key (`hourbook keygen`).
    public static func generate() -> SigningKey { SigningKey(key: Curve25519.Signing.PrivateKey()) }

    /// The key of a 32-byte seed (RFC 8032's "secret key"), as in its test vectors.
    public init(seed: [UInt8]) throws {
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    init(key: Curve25519.Signing.PrivateKey) { self.key = key }

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

    public var publicKey: PublicKey { PublicKey(raw: Array(key.publicKey.rawRepresentation)) }

    /// An Ed25519 signature (64 bytes); the same bytes for the same message every time (RFC 8032 5.1.6).
    public func signature(for message: [UInt8]) -> [UInt8] { Array(try! key.signature(for: message)) }
}

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

/// PEM armour of the two fixed DER shapes of Ed25519 keys (RFC 8410).
enum PEM {
    /// PKCS#8 OneAsymmetricKey, version 0, algorithm id-Ed25519 (1.3.101.112), a 32-byte OCTET STRING.
    static let privateKeyPrefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]
    /// SubjectPublicKeyInfo with id-Ed25519 and a 32-byte BIT STRING.
    static let publicKeyPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    static func encode(_ der: [UInt8], label: String) -> String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN \(label)-----\n\(base64)\n-----END \(label)-----\n"
    }

    static func decode(_ text: String, label: String) -> [UInt8]? {
        guard let begin = text.range(of: "-----BEGIN \(label)-----"),
            let end = text.range(of: "-----END \(label)-----", range: begin.upperBound..<text.endIndex)
        else { return nil }
        let body = text[begin.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(body)).map(Array.init)
    }
}

/// The two files of `hourbook keygen DIR`.
public enum KeyFiles {
    public static let privateKeyName = "signing-key.pem"
    public static let publicKeyName = "public-key.pem"

    /// Writes a new key pair into `folder` (created if needed): the private key with mode 0600,
    /// created exclusively so an existing key is never overwritten, and the public key.
    /// Returns the two paths.
    public static func write(_ key: SigningKey, into folder: String) throws(CertificateInputFailure) -> (
        privateKey: String, publicKey: String
    ) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CertificateInputFailure("\(folder): cannot create the folder.")
        }
        let privatePath = folder + "/" + privateKeyName
        let publicPath = folder + "/" + publicKeyName
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw CertificateInputFailure("\(path) exists already; keygen never overwrites a key.")
        }
        try writeExclusively(Array(key.pem.utf8), to: privatePath, mode: 0o600)
        try writeExclusively(Array(key.publicKey.pem.utf8), to: publicPath, mode: 0o644)
        return (privatePath, publicPath)
    }

    private static func writeExclusively(_ bytes: [UInt8], to path: String, mode: mode_t) throws(CertificateInputFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else { throw CertificateInputFailure("\(path): cannot create the file.") }
        defer { close(descriptor) }
        // The umask may only have removed bits; set the mode exactly.
        guard fchmod(descriptor, mode) == 0,
            bytes.withUnsafeBytes({ Foundation.write(descriptor, $0.baseAddress, $0.count) }) == bytes.count
        else { throw CertificateInputFailure("\(path): cannot write the file.") }
    }
}
