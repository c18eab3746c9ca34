import Foundation

/// `manifest-sha256.txt`: one `<sha256 hex>  <path>` line per file (BagIt, RFC 8493, which
/// `sha256sum -c` also reads), sorted by path in byte order, LF line ends.
///
/// Hourbook's entry names never hold CR, LF or `%`, so it writes paths as they are; reading
/// decodes BagIt's `%0A`, `%0D` and `%25` for manifests written by other tools.
enum Manifest {
    static let fileName = "manifest-sha256.txt"

    struct Line: Equatable {
        var digest: String
        var path: String
    }

    enum ParseError: Error, Equatable {
        case malformed(line: Int)
        case duplicate(path: String)
        case notUTF8
    }

    static func render(_ lines: [Line]) -> Data {
        let sorted = lines.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return Data(sorted.map { "\($0.digest)  \($0.path)\n" }.joined().utf8)
    }

    static func parse(_ data: Data) throws(ParseError) -> [Line] {
        guard let text = String(validating: data, as: UTF8.self) else { throw .notUTF8 }
        var lines: [Line] = []
        var seen: Set<String> = []
        // Split on scalars: in Swift's String, "\r\n" is one Character and would not split on "\n".
        for (index, rawLine) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var scalars = Array(rawLine)
            if scalars.last == "\r" { scalars.removeLast() }
            if scalars.isEmpty { continue }
            guard scalars.count > 66, scalars[..<64].allSatisfy({ $0.properties.isASCIIHexDigit }),
                scalars[64] == " " || scalars[64] == "\t"
            else { throw .malformed(line: index + 1) }
            var rest = scalars[65...]
            while let first = rest.first, first == " " || first == "\t" { rest = rest.dropFirst() }
            // sha256sum's binary-mode marker.
            if rest.first == "*" { rest = rest.dropFirst() }
            guard !rest.isEmpty else { throw .malformed(line: index + 1) }
            var pathScalars = String.UnicodeScalarView()
            pathScalars.append(contentsOf: rest)
            let path = decodePercent(String(pathScalars))
            guard seen.insert(path).inserted else { throw .duplicate(path: path) }
            var digestScalars = String.UnicodeScalarView()
            digestScalars.append(contentsOf: scalars[..<64])
            lines.append(Line(digest: String(digestScalars).lowercased(), path: path))
        }
        return lines
    }

    static func decodePercent(_ path: String) -> String {
        guard path.contains("%") else { return path }
        return path.replacingOccurrences(of: "%0A", with: "\n", options: .caseInsensitive)
            .replacingOccurrences(of: "%0D", with: "\r", options: .caseInsensitive)
            .replacingOccurrences(of: "%25", with: "%")
    }
}
