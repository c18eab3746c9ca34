import HourbookCore
@testable import HourbookImport

// The XML inputs as the importer reads them, all in memory: the first byte picks catalog.xml,
// filings.xml or the bare stream reader; the rest is the file's bytes, which go through
// `XMLEncoding` (declared encodings, UTF-16, GB18030) like the importer's.
//
// Beyond crashes, one property: a DOCTYPE must be refused by the prolog check, before libxml2 sees
// a byte. If libxml2 ever reports a DTD node, `XMLSourceScanner` missed it: that is a finding.

private let settings = Settings()
private let learners: Set<String> = ["L0001", "L0002"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0] % 3
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    do throws(InputFailure) {
        switch selector {
        case 0: _ = try CatalogXMLDecoder.decode(bytes, file: "catalog.xml", settings: settings, learnerIDs: learners)
        case 1: _ = try FilingsXMLDecoder.decode(bytes, file: "filings.xml", settings: settings)
        default: try streamEvents(bytes)
        }
    } catch {
        _ = error.message
    }
    return 0
}

/// Every event of the document, checking that a DTD never gets past the prolog check.
private func streamEvents(_ bytes: [UInt8]) throws(InputFailure) {
    let utf8 = try XMLEncoding.decode(bytes, file: "stream.xml").utf8
    let hasDoctype = utf8.withUnsafeBufferPointer { XMLSourceScanner.doctypeLine(in: $0) != nil }
    do throws(InputFailure) {
        try XMLStreamReader.read(utf8, file: "stream.xml") { reader throws(InputFailure) in
            var depth = 0
            while let event = try reader.next() {
                switch event {
                case .start: depth += 1
                case .end: depth -= 1
                case .text: break
                }
                precondition(depth >= 0, "an end without a start")
            }
        }
    } catch {
        if error.code == .xmlDoctype {
            precondition(hasDoctype, "libxml2 met a DTD node that the prolog check did not refuse: \(error.message)")
        }
        throw error
    }
}
