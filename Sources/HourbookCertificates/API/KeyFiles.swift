import Foundation

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
