import Foundation
import Testing

/// keygen, certificate and verify-certificate as a user meets them: output, errors, exit status.
@Suite("Command line — certificates")
struct CertificateCommandLineTests {
    func run(_ arguments: [String]) throws -> CommandLineTests.Outcome { try CommandLineTests().run(arguments) }

    @Test("keygen writes the private key with mode 0600 and never overwrites it (exit 3: the output cannot be written)")
    func keygenModeAndNoOverwrite() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let first = try run(["keygen", folder.path + "/keys"])
        #expect(first.status == 0)
        #expect(first.output.contains("did:key:z6Mk"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/keys/signing-key.pem")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try folder.read("keys/public-key.pem").hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        let before = try folder.read("keys/signing-key.pem")
        let second = try run(["keygen", folder.path + "/keys"])
        #expect(second.status == 3)
        #expect(second.error.contains("exists already"))
        #expect(try folder.read("keys/signing-key.pem") == before)
    }

    @Test("build --signing-key, certificate --out, verify-certificate: 0 genuine, 1 altered or unknown, 2 unreadable")
    func signAndVerify() throws {
        let data = try TestFolder(smallOrganisation)
        defer { data.remove(); try? FileManager.default.removeItem(atPath: data.path + "-out") }
        let site = data.path + "-out"
        #expect(try run(["keygen", data.path + "-out-keys"]).status == 0)
        defer { try? FileManager.default.removeItem(atPath: data.path + "-out-keys") }
        let key = data.path + "-out-keys/signing-key.pem"
        #expect(try run(["build", data.path, "--out", site, "--signing-key", key, "--quiet"]).status == 0)

        let csv = String(decoding: try Data(contentsOf: URL(fileURLWithPath: site + "/exports/certificates.csv")), as: UTF8.self)
        let code = String(csv.split(separator: "\r\n")[2].split(separator: ",")[4])
        let found = try run(["verify-certificate", code, "--site", site])
        #expect(found.status == 0)
        #expect(found.output.contains("learner: 李娜 (id L2)"))
        #expect(try run(["verify-certificate", "0000-0000-0000-0000", "--site", site]).status == 1)
        #expect(try run(["verify-certificate", code, "--site", data.path + "/nowhere"]).status == 2)

        let credential = data.path + "/L2.json"
        #expect(try run(["certificate", "L2", data.path, "--year", "2024", "--signing-key", key, "--out", credential]).status == 0)
        #expect(try run(["verify-certificate", credential, "--site", site]).status == 0)
        let text = try String(contentsOfFile: credential, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"totalHours\": \"0.01\"", with: "\"totalHours\": \"50.01\"").utf8)
            .write(to: URL(fileURLWithPath: credential))
        let altered = try run(["verify-certificate", credential, "--site", site])
        #expect(altered.status == 1)
        #expect(altered.output.hasPrefix("INVALID"))
        try Data("not json".utf8).write(to: URL(fileURLWithPath: credential))
        #expect(try run(["verify-certificate", credential]).status == 2)
        #expect(try run(["build", data.path, "--out", site, "--signing-key", data.path + "/missing.pem"]).status == 2)
        #expect(try run(["certificate", "L9", data.path, "--year", "2024", "--signing-key", key]).status == 1)
    }
}
