import Dispatch
import HourbookCore

/// The offline lookup behind verify.html: every certificate under its code, cut into shards
/// by the code's first hex digits (`verify/3F.js`), so that a lookup loads one small script
/// through a `<script src>` tag, which works from `file://` where fetch does not. The
/// manifest (`verify/index.js`) holds what every certificate of the build shares.
///
/// A shard is `HBV.chunk("3F",[row,…]);` and a row is
/// `[code, learner id, name, dept id, dept name, year, [[category index, hours],…], online,
/// offline, total, required, status, proof value or ""]`, categories with no hours left out.
struct VerifyIndex {
    let files: [(path: String, contents: [UInt8])]

    /// Shards hold about this many certificates at most (the prefix grows by one hex digit at a time).
    static let shardSize = 1000

    /// How many leading hex digits of the code name a shard for `count` certificates.
    static func prefixLength(for count: Int) -> Int {
        var length = 1
        var shards = 16
        while count > shards * shardSize && length < 4 {
            length += 1
            shards *= 16
        }
        return length
    }

    init(book: CertificateBook, proofValues: [String?], publicKey: PublicKey?, settings: Settings, labels: CertificateLabels) {
        let length = Self.prefixLength(for: book.certificates.count)
        var shardMembers: [String: [Int]] = [:]
        for (index, code) in book.codes.enumerated() {
            let digits = code.utf8.lazy.filter { $0 != UInt8(ascii: "-") }.prefix(length)
            shardMembers[String(decoding: digits, as: UTF8.self), default: []].append(index)
        }
        let shards = shardMembers
        let categoryIndex = Dictionary(
            settings.categories.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let prefixes = Self.allPrefixes(length: length)
        // Shards are independent: rendered on every core.
        let contents = [[UInt8]](unsafeUninitializedCapacity: prefixes.count) { slots, initialized in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: prefixes.count) { shard in
                let indices = (shards[prefixes[shard]] ?? []).sorted {
                    book.codes[$0] != book.codes[$1] ? book.codes[$0] < book.codes[$1] : $0 < $1
                }
                (slots.baseAddress! + shard).initialize(
                    to: Self.shard(
                        prefix: prefixes[shard], indices: indices, book: book, proofValues: proofValues,
                        categoryIndex: categoryIndex))
            }
            initialized = prefixes.count
        }
        var files = zip(prefixes, contents).map { ("verify/\($0).js", $1) }
        files.append(("verify/index.js", Self.manifest(book: book, length: length, publicKey: publicKey, settings: settings, labels: labels)))
        files.append(("verify/verify.js", Array(VerifyPage.script.utf8)))
        self.files = files
    }

    /// `HBV.chunk("3F",[row,…]);` for the certificates at `indices`, in that order.
    private static func shard(
        prefix: String, indices: [Int], book: CertificateBook, proofValues: [String?], categoryIndex: [String: Int]
    ) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(64 + indices.count * 256)
        Bytes.append("HBV.chunk(\"", to: &text)
        Bytes.append(prefix, to: &text)
        Bytes.append("\",[", to: &text)
        for (position, index) in indices.enumerated() {
            let certificate = book.certificates[index]
            if position > 0 { Bytes.append(",\n", to: &text) }
            text.append(UInt8(ascii: "["))
            for (field, value) in [
                book.codes[index], certificate.learnerID, certificate.learnerName, certificate.departmentID,
                certificate.departmentName,
            ].enumerated() {
                if field > 0 { text.append(UInt8(ascii: ",")) }
                Markup.appendJSONString(value, to: &text)
            }
            Bytes.append(",\"", to: &text)
            Bytes.appendDecimal(Int64(certificate.year), to: &text)
            Bytes.append("\",[", to: &text)
            var first = true
            for category in certificate.categories where !category.hours.isZero {
                guard let index = categoryIndex[category.id] else { continue }
                Bytes.append(first ? "[" : ",[", to: &text)
                Bytes.appendDecimal(Int64(index), to: &text)
                Bytes.append(",\"", to: &text)
                Bytes.append(category.hours, to: &text)
                Bytes.append("\"]", to: &text)
                first = false
            }
            text.append(UInt8(ascii: "]"))
            for hours in [certificate.onlineHours, certificate.offlineHours, certificate.totalHours, certificate.requiredHours] {
                Bytes.append(",\"", to: &text)
                Bytes.append(hours, to: &text)
                text.append(UInt8(ascii: "\""))
            }
            Bytes.append(",\"", to: &text)
            Bytes.append(certificate.status.rawValue, to: &text)
            Bytes.append("\",\"", to: &text)
            Bytes.append(proofValues[index] ?? "", to: &text)
            Bytes.append("\"]", to: &text)
        }
        Bytes.append("]);\n", to: &text)
        return text
    }

    static func allPrefixes(length: Int) -> [String] {
        var prefixes = [""]
        for _ in 0..<length { prefixes = prefixes.flatMap { prefix in "0123456789ABCDEF".map { prefix + String($0) } } }
        return prefixes
    }

    static func manifest(
        book: CertificateBook, length: Int, publicKey: PublicKey?, settings: Settings, labels: CertificateLabels
    ) -> [UInt8] {
        var text: [UInt8] = []
        Bytes.append("HBV.manifest({\"version\":1,\"prefixLength\":\(length),\"count\":\(book.certificates.count),", to: &text)
        Bytes.append("\"organisation\":", to: &text)
        Markup.appendJSONString(settings.site.organisation, to: &text)
        Bytes.append(",\"fingerprint\":", to: &text)
        Markup.appendJSONString(book.certificates.first?.fingerprint ?? "", to: &text)
        Bytes.append(",\"issueDate\":\"\(book.issueDate)\",\"timezone\":\"\(settings.timezone)\",\"did\":", to: &text)
        Markup.appendJSONString(publicKey?.did ?? "", to: &text)
        Bytes.append(",\"categories\":[", to: &text)
        for (index, category) in settings.categories.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            text.append(UInt8(ascii: "["))
            Markup.appendJSONString(category.id, to: &text)
            text.append(UInt8(ascii: ","))
            Markup.appendJSONString(category.name, to: &text)
            Bytes.append(",\"\(category.mode.rawValue)\"]", to: &text)
        }
        Bytes.append("],\"labels\":{", to: &text)
        let words: [(String, String)] = [
            ("notFound", labels.notFound), ("badCode", labels.badCode), ("found", labels.found),
            ("organisation", labels.organisation), ("learner", labels.learner), ("learnerID", labels.learnerID),
            ("department", labels.department), ("year", labels.year), ("online", labels.online),
            ("offline", labels.offline), ("onlineHours", labels.onlineHours), ("offlineHours", labels.offlineHours),
            ("totalHours", labels.totalHours), ("requiredHours", labels.requiredHours), ("status", labels.status),
            ("met", labels.met), ("notMet", labels.notMet), ("issueDate", labels.issueDate),
            ("fingerprint", labels.fingerprint), ("code", labels.code), ("signature", labels.signature),
            ("category", labels.category), ("hours", labels.hours),
        ]
        for (index, (key, value)) in words.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            Bytes.append("\"\(key)\":", to: &text)
            Markup.appendJSONString(value, to: &text)
        }
        Bytes.append("}});\n", to: &text)
        return text
    }
}
