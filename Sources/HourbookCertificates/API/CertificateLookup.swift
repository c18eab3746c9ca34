import Foundation
import HourbookCore
import HourbookRules

/// A certificate as a built site publishes it (verify.html's shards), with its proof value
/// and the issuer's key when the build signed.
public struct PublishedCertificate: Sendable {
    public var certificate: Certificate
    /// The code the site lists it under (equal to `certificate.code` unless the site was altered).
    public var listedCode: String
    public var proofValue: String?
    public var publicKey: PublicKey?
    public var timezone: UTCOffset
}

/// `hourbook verify-certificate CODE --site DIR`: finds a code in a built site, the way
/// verify.html does, and checks what it finds: the code must be the code of the figures and,
/// in a signed site, the proof must hold for the organisation's key.
public enum CertificateLookup {
    /// Every certificate listed under `code` (normally one) in the site at `site`.
    public static func find(code: String, site: String) throws(CertificateInputFailure) -> [PublishedCertificate] {
        let manifest = try readScript(site + "/verify/index.js", call: "HBV.manifest(")
        guard let length = manifest["prefixLength"].flatMap({ $0.number }).map(Int.init),
            let organisation = manifest["organisation"]?.string, let fingerprint = manifest["fingerprint"]?.string,
            let issueDate = manifest["issueDate"]?.string.flatMap({ LocalDate(parsing: $0) }),
            let timezone = manifest["timezone"]?.string.flatMap({ UTCOffset(parsing: Substring($0)) }),
            let categoryRows = manifest["categories"]?.array
        else { throw CertificateInputFailure("\(site)/verify/index.js: not a certificate index of this version.") }
        let did = manifest["did"]?.string ?? ""
        let publicKey = PublicKey(did: did)
        let categories = categoryRows.compactMap { row -> (String, String, LearningMode)? in
            guard let items = row.array, items.count == 3, let id = items[0].string, let name = items[1].string,
                let mode = items[2].string.flatMap(LearningMode.init(rawValue:))
            else { return nil }
            return (id, name, mode)
        }
        let digits = code.filter { $0 != "-" }
        let shard = try readScript(site + "/verify/\(digits.prefix(length)).js", call: "HBV.chunk(\"\(digits.prefix(length))\",")
        var found: [PublishedCertificate] = []
        for row in shard.array ?? [] {
            guard let fields = row.array, fields.count == 13, fields[0].string == code else { continue }
            let text = fields.map { $0.string ?? "" }
            var hours: [Int: Hours] = [:]
            for pair in fields[6].array ?? [] {
                if let items = pair.array, items.count == 2, let index = items[0].number, let value = items[1].string {
                    hours[Int(index)] = Hours(parsing: value)
                }
            }
            guard let year = Int(text[5]), let online = Hours(parsing: text[7]), let offline = Hours(parsing: text[8]),
                let total = Hours(parsing: text[9]), let required = Hours(parsing: text[10]),
                let status = RequirementStatus(rawValue: text[11])
            else { continue }
            let certificate = Certificate(
                organisation: organisation, learnerID: text[1], learnerName: text[2], departmentID: text[3],
                departmentName: text[4], year: year,
                categories: categories.enumerated().map {
                    Certificate.CategoryHours(id: $0.element.0, name: $0.element.1, mode: $0.element.2, hours: hours[$0.offset] ?? .zero)
                },
                onlineHours: online, offlineHours: offline, totalHours: total, requiredHours: required, status: status,
                fingerprint: fingerprint, issueDate: issueDate)
            found.append(PublishedCertificate(
                certificate: certificate, listedCode: text[0], proofValue: text[12].isEmpty ? nil : text[12],
                publicKey: publicKey, timezone: timezone))
        }
        return found
    }

    /// Looks `typed` up in the site and checks every certificate found.
    public static func verify(code typed: String, site: String, trustedKey: PublicKey?) -> CertificateCheck {
        guard let code = Certificate.normalizedCode(typed) else {
            return CertificateCheck(outcome: .unreadable, lines: ["'\(typed)' is neither a credential file nor a code (16 hex digits)."])
        }
        let found: [PublishedCertificate]
        do {
            found = try find(code: code, site: site)
        } catch {
            return CertificateCheck(outcome: .unreadable, lines: [error.description])
        }
        guard !found.isEmpty else {
            return CertificateCheck(outcome: .invalid, lines: ["no such certificate: \(code) is not in \(site)."])
        }
        var lines: [String] = []
        for published in found {
            guard published.certificate.code == published.listedCode else {
                return CertificateCheck(outcome: .invalid, lines: ["INVALID: the site's record of \(code) does not match its code (the site was altered)."])
            }
            if let proofValue = published.proofValue, let key = trustedKey ?? published.publicKey {
                guard isValid(proofValue: proofValue, of: published.certificate, key: key, timezone: published.timezone) else {
                    return CertificateCheck(outcome: .invalid, lines: ["INVALID: the signature of \(code) does not hold for \(key.did)."])
                }
                lines.append("VALID: \(code) is in the site, its figures give its code and its signature holds (\(key.did)).")
            } else {
                lines.append("VALID: \(code) is in the site and its figures give its code (the site is not signed).")
            }
            lines += CertificateText.lines(published.certificate)
        }
        return CertificateCheck(outcome: .valid, lines: lines)
    }

    /// Whether a published proof value is the issuer's eddsa-jcs-2022 proof of the certificate's credential.
    static func isValid(proofValue: String, of certificate: Certificate, key: PublicKey, timezone: UTCOffset) -> Bool {
        guard proofValue.hasPrefix("z"), let signature = Base58.decode(String(proofValue.dropFirst())) else { return false }
        let document = Credential.unsecured(certificate, issuer: key, timezone: timezone)
        let options = Credential.proofOptions(issuer: key, created: Credential.timestamp(certificate.issueDate, timezone))
        return key.isValidSignature(signature, for: Credential.hashData(document: document, proofOptions: options))
    }

    /// The JSON argument of a script `call(…);` as written by VerifyIndex.
    static func readScript(_ path: String, call: String) throws(CertificateInputFailure) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CertificateInputFailure("\(path): cannot read it; is this a site built by hourbook build?")
        }
        var text = String(decoding: data, as: UTF8.self)
        while text.last?.isWhitespace == true { text.removeLast() }
        guard text.hasPrefix(call), text.hasSuffix(");") else { throw CertificateInputFailure("\(path): not a certificate index.") }
        let body = text.dropFirst(call.count).dropLast(2)
        do {
            return try JSONParser.parse(Array(body.utf8))
        } catch {
            throw CertificateInputFailure("\(path): \(error.description)")
        }
    }
}

extension JSONValue {
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
