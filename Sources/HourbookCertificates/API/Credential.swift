import Crypto
import HourbookCore
import HourbookRules

/// A certificate as a W3C Verifiable Credential (VC Data Model 2.0) secured with a
/// `DataIntegrityProof` of the `eddsa-jcs-2022` cryptosuite (W3C Data Integrity EdDSA
/// Cryptosuites v1.0), issued by the organisation's `did:key`. Every figure is a JSON string,
/// so no verifier can disagree about how a number is written.
public enum Credential {
    static let context = "https://www.w3.org/ns/credentials/v2"
    static let credentialType = "TrainingHoursCertificate"

    /// The credential of `certificate`, signed with `key`, as pretty-printed JSON text.
    public static func make(_ certificate: Certificate, signedWith key: SigningKey, timezone: UTCOffset) -> String {
        let proofValue = proofValue(certificate, signedWith: key, timezone: timezone)
        return make(certificate, issuer: key.publicKey, proofValue: proofValue, timezone: timezone)
    }

    /// The credential of `certificate` with a proof value made earlier by `issuer`'s key (the
    /// one a signed site publishes), as pretty-printed JSON text.
    public static func make(_ certificate: Certificate, issuer: PublicKey, proofValue: String, timezone: UTCOffset) -> String {
        CanonicalJSON.pretty(secured(certificate, issuer: issuer, proofValue: proofValue, timezone: timezone)) + "\n"
    }

    /// The proof value alone (`z…`): what the site publishes beside each certificate. It is
    /// the same string `make` puts in the credential, as Ed25519 signatures are deterministic.
    public static func proofValue(_ certificate: Certificate, signedWith key: SigningKey, timezone: UTCOffset) -> String {
        proofValue(certificate, code: certificate.code, signedWith: key, timezone: timezone, configurationHash: nil)
    }

    /// The proof value with the code already computed and, for a whole build, the proof
    /// configuration's hash (the same for every certificate of one issue date) computed once.
    static func proofValue(
        _ certificate: Certificate, code: String, signedWith key: SigningKey, timezone: UTCOffset,
        configurationHash: [UInt8]?
    ) -> String {
        let document = unsecured(certificate, code: code, issuer: key.publicKey, timezone: timezone)
        let configuration = configurationHash
            ?? Self.configurationHash(
                document: document,
                proofOptions: proofOptions(issuer: key.publicKey, created: timestamp(certificate.issueDate, timezone)))
        let hash = configuration + Array(SHA256.hash(data: CanonicalJSON.bytes(document)))
        return "z" + Base58.encode(key.signature(for: hash))
    }

    static func secured(_ certificate: Certificate, issuer: PublicKey, proofValue: String, timezone: UTCOffset) -> JSONValue {
        guard case .object(var document) = unsecured(certificate, issuer: issuer, timezone: timezone) else {
            fatalError("the document is an object")
        }
        var proof = proofOptions(issuer: issuer, created: timestamp(certificate.issueDate, timezone))
        proof["proofValue"] = .string(proofValue)
        document["proof"] = .object(proof)
        return .object(document)
    }

    /// The credential without its proof.
    static func unsecured(_ certificate: Certificate, issuer: PublicKey, timezone: UTCOffset) -> JSONValue {
        unsecured(certificate, code: certificate.code, issuer: issuer, timezone: timezone)
    }

    static func unsecured(_ certificate: Certificate, code: String, issuer: PublicKey, timezone: UTCOffset) -> JSONValue {
        let subject: [String: JSONValue] = [
            "type": .string("TrainingHoursRecord"),
            "organisation": .string(certificate.organisation),
            "learnerId": .string(certificate.learnerID),
            "name": .string(certificate.learnerName),
            "departmentId": .string(certificate.departmentID),
            "departmentName": .string(certificate.departmentName),
            "year": .string(String(certificate.year)),
            "hoursByCategory": .array(
                certificate.categories.map {
                    .object([
                        "categoryId": .string($0.id), "name": .string($0.name), "mode": .string($0.mode.rawValue),
                        "hours": .string($0.hours.description),
                    ])
                }),
            "onlineHours": .string(certificate.onlineHours.description),
            "offlineHours": .string(certificate.offlineHours.description),
            "totalHours": .string(certificate.totalHours.description),
            "requiredHours": .string(certificate.requiredHours.description),
            "status": .string(certificate.status.rawValue),
            "sourceFingerprint": .string(certificate.fingerprint),
            "issueDate": .string(certificate.issueDate.description),
            "verificationCode": .string(code),
        ]
        return .object([
            "@context": .array([.string(context)]),
            "type": .array([.string("VerifiableCredential"), .string(credentialType)]),
            "issuer": .string(issuer.did),
            "validFrom": .string(timestamp(certificate.issueDate, timezone)),
            "name": .string("学时证明 / Certificate of training hours \(certificate.year)"),
            "credentialSubject": .object(subject),
        ])
    }

    static func proofOptions(issuer: PublicKey, created: String) -> [String: JSONValue] {
        [
            "type": .string("DataIntegrityProof"),
            "cryptosuite": .string("eddsa-jcs-2022"),
            "created": .string(created),
            "verificationMethod": .string(issuer.verificationMethod),
            "proofPurpose": .string("assertionMethod"),
        ]
    }

    /// `2025-06-30T00:00:00+08:00`: midnight of the issue date in the configured time zone.
    static func timestamp(_ date: LocalDate, _ timezone: UTCOffset) -> String {
        date.description + "T00:00:00" + timezone.description
    }

    /// eddsa-jcs-2022's hash data: SHA-256 of the JCS proof configuration (the proof options
    /// with the document's `@context`), then SHA-256 of the JCS document without its proof.
    static func hashData(document: JSONValue, proofOptions: [String: JSONValue]) -> [UInt8] {
        configurationHash(document: document, proofOptions: proofOptions)
            + Array(SHA256.hash(data: CanonicalJSON.bytes(document)))
    }

    /// SHA-256 of the JCS proof configuration: the proof options with the document's `@context`.
    static func configurationHash(document: JSONValue, proofOptions: [String: JSONValue]) -> [UInt8] {
        var configuration = proofOptions
        if configuration["@context"] == nil, let context = document["@context"] { configuration["@context"] = context }
        return Array(SHA256.hash(data: CanonicalJSON.bytes(.object(configuration))))
    }

    /// The certificate whose figures a credential's subject states, or nil when one is missing.
    static func certificate(fromSubject subject: JSONValue) -> Certificate? {
        guard let year = subject["year"]?.string.flatMap({ Int($0) }),
            let status = subject["status"]?.string.flatMap(RequirementStatus.init(rawValue:)),
            let issueDate = subject["issueDate"]?.string.flatMap({ LocalDate(parsing: $0) }),
            let categoryItems = subject["hoursByCategory"]?.array
        else { return nil }
        func hours(_ key: String) -> Hours? { subject[key]?.string.flatMap { Hours(parsing: $0) } }
        var categories: [Certificate.CategoryHours] = []
        for item in categoryItems {
            guard let id = item["categoryId"]?.string, let name = item["name"]?.string,
                let mode = item["mode"]?.string.flatMap(LearningMode.init(rawValue:)),
                let value = item["hours"]?.string.flatMap({ Hours(parsing: $0) })
            else { return nil }
            categories.append(Certificate.CategoryHours(id: id, name: name, mode: mode, hours: value))
        }
        guard let organisation = subject["organisation"]?.string, let learnerID = subject["learnerId"]?.string,
            let name = subject["name"]?.string, let departmentID = subject["departmentId"]?.string,
            let departmentName = subject["departmentName"]?.string, let online = hours("onlineHours"),
            let offline = hours("offlineHours"), let total = hours("totalHours"), let required = hours("requiredHours"),
            let fingerprint = subject["sourceFingerprint"]?.string
        else { return nil }
        return Certificate(
            organisation: organisation, learnerID: learnerID, learnerName: name, departmentID: departmentID,
            departmentName: departmentName, year: year, categories: categories, onlineHours: online,
            offlineHours: offline, totalHours: total, requiredHours: required, status: status,
            fingerprint: fingerprint, issueDate: issueDate)
    }
}
