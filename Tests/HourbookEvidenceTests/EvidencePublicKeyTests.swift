import Foundation
import Testing

@testable import HourbookEvidence

/// A signed build shows the key that signs the certificates (学时证明) in every README.
@Suite("Evidence — the certificates' public key")
struct EvidencePublicKeyTests {
    static let key = EvidencePublicKey(
        did: "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw",
        pem: "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n")

    @Test("A signed build's README shows the public key as did:key and PEM; the manifest covers it")
    func readmeShowsPublicKey() throws {
        let fixture = try EvidenceFixture.standard()
        defer { fixture.remove() }
        let archive = try #require(
            try EvidenceWriter.write(
                dataset: fixture.dataset, ledger: fixture.ledger, years: [2024], to: fixture.path("out"),
                publicKey: Self.key
            ).first)
        let files = try EvidenceFixture.contents(ofZipAt: fixture.path("out/" + archive.path))
        let readme = String(decoding: try #require(files["README.txt"]), as: UTF8.self)
        #expect(readme.contains("  " + Self.key.did + "\n"))
        #expect(readme.contains("  -----BEGIN PUBLIC KEY-----\n  MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"))
    }

    @Test("An unsigned build's README has no key")
    func unsignedReadmeHasNoKey() throws {
        let fixture = try EvidenceFixture.standard()
        defer { fixture.remove() }
        let archive = try #require(try fixture.write(years: [2024]).first)
        let files = try EvidenceFixture.contents(ofZipAt: fixture.path("out/" + archive.path))
        #expect(!String(decoding: try #require(files["README.txt"]), as: UTF8.self).contains("PUBLIC KEY"))
    }
}
