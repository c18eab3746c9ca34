import HourbookCore
import Testing

@testable import HourbookCertificates

/// verify.html's shards: few files, each small, loadable from file://.
@Suite("verify.html — the code index")
struct VerifyIndexTests {
    @Test("Shards are named by one more hex digit of the code for every 16× more certificates")
    func prefixLengthGrowsWithTheOrganisation() {
        #expect(VerifyIndex.prefixLength(for: 0) == 1)
        #expect(VerifyIndex.prefixLength(for: 16_000) == 1)
        #expect(VerifyIndex.prefixLength(for: 16_001) == 2)
        #expect(VerifyIndex.prefixLength(for: 200_000) == 2)
        #expect(VerifyIndex.prefixLength(for: 256_001) == 3)
        #expect(VerifyIndex.allPrefixes(length: 2).count == 256)
        #expect(VerifyIndex.allPrefixes(length: 1).first == "0")
    }

    @Test("Every certificate is in the shard of its code's first digit, hostile text escaped for a script")
    func certificatesLandInTheirShard() {
        let hostile = certificate(learnerName: "</script><b>\u{2028}")
        let book = CertificateBook(certificates: [certificate(), hostile], issueDate: hostile.issueDate)
        let index = VerifyIndex(
            book: book, proofValues: [nil, nil], publicKey: nil, settings: Settings(), labels: .chinese)
        #expect(index.files.count == 16 + 2)
        let texts = index.files.map { (path: $0.path, contents: String(decoding: $0.contents, as: UTF8.self)) }
        for code in book.codes {
            let shard = texts.first { $0.path == "verify/\(code.prefix(1)).js" }!
            #expect(shard.contents.hasPrefix("HBV.chunk(\"\(code.prefix(1))\",["))
            #expect(shard.contents.contains("[\"\(code)\","))
        }
        let all = texts.map(\.contents).joined()
        #expect(!all.contains("</script>") && all.contains("\\u003c/script\\u003e\\u003cb\\u003e\\u2028"))
        let script = texts.first { $0.path == "verify/verify.js" }!.contents
        #expect(!script.contains("fetch(") && !script.contains("XMLHttpRequest") && !script.contains("innerHTML"))
    }
}
