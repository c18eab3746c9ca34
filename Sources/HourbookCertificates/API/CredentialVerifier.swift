import HourbookCore

/// Checks a credential written by `hourbook certificate` offline: its eddsa-jcs-2022 proof,
/// that its issuer is the key of its proof, that its verification code is the code of its
/// figures, and, given the organisation's public key, that it is that key.
public enum CredentialVerifier {
    public static func verify(_ bytes: [UInt8], trustedKey: PublicKey?) -> CertificateCheck {
        let secured: JSONValue
        do {
            secured = try JSONParser.parse(bytes)
        } catch {
            return CertificateCheck(outcome: .unreadable, lines: ["not a credential: \(error.description)"])
        }
        func invalid(_ reason: String) -> CertificateCheck {
            CertificateCheck(outcome: .invalid, lines: ["INVALID: " + reason])
        }
        guard case .object(var document) = secured, case .object(var proof)? = document["proof"] else {
            return invalid("the credential has no proof.")
        }
        guard proof["type"]?.string == "DataIntegrityProof", proof["cryptosuite"]?.string == "eddsa-jcs-2022" else {
            return invalid("the proof is not a DataIntegrityProof of the eddsa-jcs-2022 cryptosuite.")
        }
        guard proof["proofPurpose"]?.string == "assertionMethod" else {
            return invalid("the proof's purpose is not assertionMethod.")
        }
        guard let method = proof["verificationMethod"]?.string, let key = PublicKey(did: method) else {
            return invalid("the proof's verification method is not an Ed25519 did:key.")
        }
        let issuer = document["issuer"]?.string ?? document["issuer"]?["id"]?.string
        guard issuer == key.did, method == key.verificationMethod else {
            return invalid("the issuer is not the key that signed the proof.")
        }
        guard let proofValue = proof["proofValue"]?.string, proofValue.hasPrefix("z"),
            let signature = Base58.decode(String(proofValue.dropFirst())), signature.count == 64
        else { return invalid("the proof value is not a base58-btc multibase Ed25519 signature.") }
        proof["proofValue"] = nil
        document["proof"] = nil
        if let context = proof["@context"] {
            // The document's context must start with the proof's (Data Integrity 4.3).
            guard let proofContext = context.array, let documentContext = document["@context"]?.array,
                documentContext.starts(with: proofContext)
            else { return invalid("the proof's @context does not match the credential's.") }
            document["@context"] = context
        }
        let hash = Credential.hashData(document: .object(document), proofOptions: proof)
        guard key.isValidSignature(signature, for: hash) else {
            return invalid("the signature does not match the credential: a figure was changed, or it was signed by another key.")
        }
        guard let subject = document["credentialSubject"], let certificate = Credential.certificate(fromSubject: subject)
        else { return invalid("the credential's subject is not a Hourbook certificate.") }
        guard subject["verificationCode"]?.string == certificate.code else {
            return invalid("the verification code is not the code of the figures.")
        }
        if let trustedKey, trustedKey != key {
            return invalid("signed by \(key.did), not by the organisation's key \(trustedKey.did).")
        }
        var lines = ["VALID: the proof holds (eddsa-jcs-2022) and the code matches the figures."]
        lines += CertificateText.lines(certificate)
        lines.append("issuer: \(key.did)")
        if trustedKey == nil {
            lines.append("note: compare the issuer with the organisation's published key (certificates/public-key.pem, or --site/--public-key).")
        } else {
            lines.append("the issuer is the organisation's key.")
        }
        return CertificateCheck(outcome: .valid, lines: lines)
    }
}
