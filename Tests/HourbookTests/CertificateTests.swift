import Foundation
import Hourbook
import HourbookCore
import Testing

@testable import HourbookCertificates

/// Certificates through the whole pipeline: what `hourbook build` publishes and what
/// `verify-certificate` and verify.html find in it.
@Suite("Certificates — built site")
struct CertificateTests {
    /// RFC 8032 TEST 1's key, in a PEM file beside the data.
    static let keyPEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
        -----END PRIVATE KEY-----

        """

    /// Builds `files` into `<data>-out`, signed unless `signed` is false.
    func build(_ files: [String: String] = smallOrganisation, signed: Bool = true, out suffix: String = "-out") throws
        -> (TestFolder, String)
    {
        let data = try TestFolder(files)
        try Data(Self.keyPEM.utf8).write(to: URL(fileURLWithPath: data.path + "-key.pem"))
        let out = data.path + suffix
        var options = BuildOptions(dataFolder: data.path, outputFolder: out)
        if signed { options.signingKeyFile = data.path + "-key.pem" }
        _ = try Pipeline.build(options)
        return (data, out)
    }

    func clean(_ data: TestFolder, _ outs: String...) {
        data.remove()
        try? FileManager.default.removeItem(atPath: data.path + "-key.pem")
        for out in outs { try? FileManager.default.removeItem(atPath: out) }
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// The rows of an export after its BOM and header (no quoted cells in these tests).
    func csvRows(_ path: String) throws -> [[String]] {
        String(decoding: try bytes(path).dropFirst(3), as: UTF8.self).split(separator: "\r\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("certificates.csv has one row per row of learners.csv, with the same id, year, total and status")
    func oneCertificatePerLearnerYear() throws {
        let (data, out) = try build()
        defer { clean(data, out) }
        #expect(try bytes(out + "/exports/certificates.csv").starts(with: [0xEF, 0xBB, 0xBF] + Array("learner_id,year,total_hours,status,code\r\n".utf8)))
        let certificates = try csvRows(out + "/exports/certificates.csv")
        let learners = try csvRows(out + "/exports/learners.csv")
        #expect(certificates.count == learners.count)
        for (certificate, learner) in zip(certificates, learners) {
            #expect(certificate[0] == learner[0])
            #expect(certificate[1] == learner[3])
            #expect(certificate[2] == learner[6])
            #expect(certificate[3] == learner[8])
            #expect(Certificate.normalizedCode(certificate[4]) == certificate[4])
        }
        #expect(certificates[0][0] == "'=L1", "the formula guard, as in learners.csv")
    }

    @Test("Two builds of the same data and key are byte-identical, codes and signatures included")
    func rebuildsAreIdentical() throws {
        let (data, first) = try build()
        let second = data.path + "-again"
        var options = BuildOptions(dataFolder: data.path, outputFolder: second)
        options.signingKeyFile = data.path + "-key.pem"
        _ = try Pipeline.build(options)
        defer { clean(data, first, second) }
        let files = try FileManager.default.subpathsOfDirectory(atPath: first).sorted()
        #expect(files.contains("verify.html"))
        #expect(files.contains("certificates/2024/D2.html"))
        #expect(files.contains("certificates/public-key.pem"))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: second).sorted() == files)
        for file in files {
            let a = FileManager.default.contents(atPath: first + "/" + file)
            #expect(a == FileManager.default.contents(atPath: second + "/" + file), "\(file)")
        }
    }

    @Test("A department's print file holds one certificate page per member, each with its figures and code")
    func printFilePerDepartment() throws {
        let (data, out) = try build()
        defer { clean(data, out) }
        let html = try text(out + "/certificates/2024/D2.html")
        let codes = try csvRows(out + "/exports/certificates.csv").map { $0[4] }
        #expect(html.components(separatedBy: "<section class=\"certificate\"").count == 3)
        #expect(html.contains("id=\"c-L2\"") && html.contains("id=\"c-L3\""))
        #expect(html.contains(codes[1]) && html.contains(codes[2]))
        #expect(html.contains("盖章处"))
        #expect(!html.contains("search"))
        // The hostile department name is text, not markup or a formula.
        #expect(try text(out + "/certificates/2024/D1.html").contains("张伟"))
        let certificateFiles = try FileManager.default.subpathsOfDirectory(atPath: out + "/certificates/2024")
        #expect(certificateFiles.sorted() == ["D1.html", "D2.html"])
    }

    @Test("The learner's archive links to their certificate's anchor in the department's print file")
    func archiveLinksToCertificate() throws {
        let (data, out) = try build()
        defer { clean(data, out) }
        let page = try text(out + "/learners/L2.html")
        #expect(page.contains("href=\"../certificates/2024/D2.html#c-L2\""))
    }

    @Test("verify-certificate finds a published code and shows its figures")
    func codeFoundInSite() throws {
        let (data, out) = try build()
        defer { clean(data, out) }
        let row = try csvRows(out + "/exports/certificates.csv")[1]
        let check = CertificateLookup.verify(code: row[4].lowercased(), site: out, trustedKey: nil)
        #expect(check.outcome == .valid)
        #expect(check.lines.contains("learner: 李娜 (id L2)"))
        #expect(check.lines.contains("total hours: 0.01 of 0.50 required"))
        #expect(check.lines.contains("status: not-met"))
    }

    @Test("An unknown code is plainly not found; an altered figure in the site fails; a wrong key fails")
    func alteredSiteFails() throws {
        let (data, out) = try build()
        defer { clean(data, out) }
        let code = try csvRows(out + "/exports/certificates.csv")[1][4]
        let unknown = code.hasPrefix("0") ? "1" + code.dropFirst() : "0" + code.dropFirst()
        let missing = CertificateLookup.verify(code: String(unknown), site: out, trustedKey: nil)
        #expect(missing.outcome == .invalid)
        #expect(missing.lines.first?.hasPrefix("no such certificate") == true)

        let wrongKey = try SigningKey(seed: [UInt8](repeating: 7, count: 32)).publicKey
        #expect(CertificateLookup.verify(code: code, site: out, trustedKey: wrongKey).outcome == .invalid)

        let shard = out + "/verify/\(code.prefix(1)).js"
        let original = try text(shard)
        let altered = original.replacingOccurrences(of: "\"0.01\",\"0.00\",\"0.01\"", with: "\"9.01\",\"0.00\",\"9.01\"")
        #expect(altered != original)
        try Data(altered.utf8).write(to: URL(fileURLWithPath: shard))
        #expect(CertificateLookup.verify(code: code, site: out, trustedKey: nil).outcome == .invalid)
    }

    @Test("An unsigned build still gives codes that verify; its print files carry no signature")
    func unsignedBuild() throws {
        let (data, out) = try build(signed: false)
        defer { clean(data, out) }
        let code = try csvRows(out + "/exports/certificates.csv")[0][4]
        #expect(CertificateLookup.verify(code: code, site: out, trustedKey: nil).outcome == .valid)
        #expect(!FileManager.default.fileExists(atPath: out + "/certificates/public-key.pem"))
        #expect(!(try text(out + "/certificates/2024/D1.html")).contains("eddsa-jcs-2022"))
    }

    @Test("The private key is in no published file; the public key is in the site")
    func privateKeyNeverPublished() throws {
        let (data, out) = try build()
        defer { clean(data, out) }
        let secret = "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v"
        for file in try FileManager.default.subpathsOfDirectory(atPath: out) {
            guard let contents = FileManager.default.contents(atPath: out + "/" + file) else { continue }
            #expect(!String(decoding: contents, as: UTF8.self).contains(secret), "\(file)")
        }
        let publicKey = try PublicKey.load(path: out + "/certificates/public-key.pem")
        #expect(try text(out + "/verify.html").contains(publicKey.did))
    }

    @Test("A credential from hourbook certificate verifies, from the key or from the signed site alike")
    func credentialFromDataAndSite() throws {
        let (data, out) = try build()
        defer { clean(data, out) }
        let key = try SigningKey.load(path: data.path + "-key.pem")
        let signed = try CertificateIssue.credential(learnerID: "L2", year: 2024, dataFolder: data.path, signingKey: key, site: out)
        let fromSite = try CertificateIssue.credential(learnerID: "L2", year: 2024, dataFolder: data.path, signingKey: nil, site: out)
        #expect(signed == fromSite)
        #expect(CredentialVerifier.verify(Array(signed.utf8), trustedKey: key.publicKey).outcome == .valid)
        #expect(throws: NoSuchCertificate.self) {
            try CertificateIssue.credential(learnerID: "L9", year: 2024, dataFolder: data.path, signingKey: key, site: out)
        }
    }

    @Test("docs/certificates.md's worked example reproduces: its canonical text gives its code")
    func documentedExampleReproduces() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/certificates.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let block = try #require(text.components(separatedBy: "printf '%s\\n' \\\n").dropFirst().first)
            .components(separatedBy: "| sha256sum").first!
        let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("'") }.map { String($0.dropFirst().prefix { $0 != "'" }) }
        let canonical = lines.joined(separator: "\n") + "\n"
        let documented = try #require(text.components(separatedBy: "verification code: `").dropFirst().first?.prefix(19))
        let digest = Certificate.sha256Hex(canonical)
        #expect(Certificate.normalizedCode(String(digest.prefix(16))) == String(documented))
        #expect(text.contains(digest))
    }
}
