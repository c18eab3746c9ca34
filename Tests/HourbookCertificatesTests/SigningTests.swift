import Testing

@testable import HourbookCertificates

func bytes(hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        result.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return result
}

/// Ed25519 (swift-crypto) against RFC 8032 section 7.1, and the key encodings around it.
@Suite("RFC 8032 — Ed25519 and key encodings")
struct SigningTests {
    struct Vector {
        var secret: String
        var publicKey: String
        var message: String
        var signature: String
    }

    static let vectors = [
        // TEST 1
        Vector(
            secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", message: "",
            signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        // TEST 2
        Vector(
            secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", message: "72",
            signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        // TEST 3
        Vector(
            secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", message: "af82",
            signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]

    @Test("RFC 8032 TEST 1–3: the public key and the (deterministic) signature are the RFC's")
    func rfc8032Vectors() throws {
        for vector in Self.vectors {
            let key = try SigningKey(seed: bytes(hex: vector.secret))
            #expect(key.publicKey.raw == bytes(hex: vector.publicKey))
            #expect(key.signature(for: bytes(hex: vector.message)) == bytes(hex: vector.signature))
            #expect(key.publicKey.isValidSignature(bytes(hex: vector.signature), for: bytes(hex: vector.message)))
        }
    }

    @Test("A signature fails for another message and for another key")
    func signatureBindsMessageAndKey() throws {
        let test1 = Self.vectors[0]
        let test2 = Self.vectors[1]
        let signature = bytes(hex: test2.signature)
        #expect(!PublicKey(raw: bytes(hex: test2.publicKey)).isValidSignature(signature, for: [0x73]))
        #expect(!PublicKey(raw: bytes(hex: test1.publicKey)).isValidSignature(signature, for: bytes(hex: test2.message)))
    }

    @Test("did:key of an Ed25519 key is z6Mk… and reads back to the same key")
    func didKeyRoundTrip() throws {
        let key = try SigningKey(seed: bytes(hex: Self.vectors[0].secret)).publicKey
        #expect(key.did.hasPrefix("did:key:z6Mk"))
        #expect(key.verificationMethod == key.did + "#" + key.did.dropFirst(8))
        #expect(PublicKey(did: key.did) == key)
        #expect(PublicKey(did: key.verificationMethod) == key)
        #expect(PublicKey(did: "did:web:example.org") == nil)
    }

    @Test("Base58 (Bitcoin alphabet) encodes known values and keeps leading zero bytes")
    func base58() {
        #expect(Base58.encode(Array("Hello World!".utf8)) == "2NEpo7TZRRrLZSi2U")
        #expect(Base58.encode([0, 0, 1]) == "112")
        #expect(Base58.decode("2NEpo7TZRRrLZSi2U") == Array("Hello World!".utf8))
        #expect(Base58.decode("0OIl") == nil)
    }

    @Test("PEM files round-trip: PKCS#8 private key, SubjectPublicKeyInfo public key")
    func pemRoundTrip() throws {
        let key = try SigningKey(seed: bytes(hex: Self.vectors[2].secret))
        #expect(key.pem.hasPrefix("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"))
        let publicKey = try PublicKey(text: key.publicKey.pem)
        #expect(publicKey == key.publicKey)
        #expect(try PublicKey(text: "  \(key.publicKey.did)\n") == key.publicKey)
    }
}
