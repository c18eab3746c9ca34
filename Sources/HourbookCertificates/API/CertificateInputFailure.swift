/// Why a key, a site or a credential could not be read (exit status 2), in one sentence.
public struct CertificateInputFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
