import HourbookCore
import Testing

@testable import HourbookCertificates

/// The credential of `hourbook certificate` and `hourbook verify-certificate FILE`.
@Suite("Verifiable credentials — eddsa-jcs-2022")
struct CredentialTests {
    static let key = try! SigningKey(seed: bytes(hex: SigningTests.vectors[0].secret))
    static let otherKey = try! SigningKey(seed: bytes(hex: SigningTests.vectors[1].secret))

    func credential(_ certificate: Certificate = certificate(), key: SigningKey = key) -> String {
        Credential.make(certificate, signedWith: key, timezone: .china)
    }

    func verify(_ text: String, trusting trusted: PublicKey? = nil) -> CertificateCheck {
        CredentialVerifier.verify(Array(text.utf8), trustedKey: trusted)
    }

    @Test("A credential verifies, names its issuer's did:key and states every figure as a string")
    func credentialVerifies() throws {
        let text = credential()
        let check = verify(text, trusting: Self.key.publicKey)
        #expect(check.outcome == .valid)
        #expect(check.lines.contains("total hours: 5.50 of 5.00 required"))
        let document = try JSONParser.parse(Array(text.utf8))
        #expect(document["issuer"]?.string == Self.key.publicKey.did)
        #expect(document["proof"]?["cryptosuite"]?.string == "eddsa-jcs-2022")
        #expect(document["proof"]?["verificationMethod"]?.string == Self.key.publicKey.verificationMethod)
        #expect(document["proof"]?["created"]?.string == "2024-12-20T00:00:00+08:00")
        #expect(document["credentialSubject"]?["verificationCode"]?.string == certificate().code)
        #expect(!text.contains(": 5") && !text.contains(": 2"), "no JSON numbers")
    }

    @Test("The same certificate and key give the same credential, byte for byte")
    func credentialIsDeterministic() {
        #expect(credential() == credential())
        #expect(
            Credential.proofValue(certificate(), signedWith: Self.key, timezone: .china)
                == Credential.proofValue(certificate(), signedWith: Self.key, timezone: .china))
    }

    @Test("One figure changed after signing: the proof fails")
    func changedFigureFailsProof() {
        let text = credential().replacingOccurrences(of: "\"totalHours\": \"5.50\"", with: "\"totalHours\": \"55.50\"")
        #expect(text != credential())
        let check = verify(text, trusting: Self.key.publicKey)
        #expect(check.outcome == .invalid)
    }

    @Test("One figure changed and re-signed with another key: the code still fails, and so does the trusted key")
    func resignedForgeryFails() throws {
        // A forger who re-signs keeps the printed code: the code no longer matches the figures.
        var forged = certificate()
        forged.totalHours = Hours(parsing: "55.50")!
        let text = credential(forged, key: Self.otherKey)
            .replacingOccurrences(of: forged.code, with: certificate().code)
        #expect(verify(text).outcome == .invalid)
        // Re-signed with the code recomputed: genuine-looking, but not by the organisation's key.
        #expect(verify(credential(forged, key: Self.otherKey)).outcome == .valid)
        #expect(verify(credential(forged, key: Self.otherKey), trusting: Self.key.publicKey).outcome == .invalid)
    }

    @Test("A wrong public key fails")
    func wrongKeyFails() {
        #expect(verify(credential(), trusting: Self.otherKey.publicKey).outcome == .invalid)
    }

    @Test("A credential whose issuer is not the signing key fails")
    func issuerMustBeSigner() {
        let text = credential().replacingOccurrences(
            of: "\"issuer\": \"\(Self.key.publicKey.did)\"", with: "\"issuer\": \"\(Self.otherKey.publicKey.did)\"")
        #expect(verify(text).outcome == .invalid)
    }

    @Test("Not JSON: unreadable, not invalid")
    func garbageIsUnreadable() {
        #expect(verify("{\"proof\":").outcome == .unreadable)
    }

    @Test("The proof is over JCS: reordering members or re-indenting keeps it valid")
    func layoutDoesNotMatter() throws {
        let document = try JSONParser.parse(Array(credential().utf8))
        #expect(verify(CanonicalJSON.text(document)).outcome == .valid)
    }
}
