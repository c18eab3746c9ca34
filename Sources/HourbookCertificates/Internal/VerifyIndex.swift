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
    let files: [(path: String, contents: String)]

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
        var shards: [String: [Int]] = [:]
        for (index, code) in book.codes.enumerated() {
            shards[String(code.filter { $0 != "-" }.prefix(length)), default: []].append(index)
        }
        let categoryIndex = Dictionary(
            settings.categories.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var files: [(String, String)] = []
        for prefix in Self.allPrefixes(length: length) {
            var text = "HBV.chunk(\"\(prefix)\",["
            let indices = (shards[prefix] ?? []).sorted { book.codes[$0] != book.codes[$1] ? book.codes[$0] < book.codes[$1] : $0 < $1 }
            for (position, index) in indices.enumerated() {
                let certificate = book.certificates[index]
                if position > 0 { text += ",\n" }
                text += "["
                for (field, value) in [
                    book.codes[index], certificate.learnerID, certificate.learnerName, certificate.departmentID,
                    certificate.departmentName,
                ].enumerated() {
                    if field > 0 { text += "," }
                    Markup.jsonString(value, into: &text)
                }
                text += ",\"\(certificate.year)\",["
                var first = true
                for category in certificate.categories where !category.hours.isZero {
                    guard let index = categoryIndex[category.id] else { continue }
                    text += (first ? "" : ",") + "[\(index),\"\(category.hours)\"]"
                    first = false
                }
                text += "],\"\(certificate.onlineHours)\",\"\(certificate.offlineHours)\",\"\(certificate.totalHours)\""
                text += ",\"\(certificate.requiredHours)\",\"\(certificate.status.rawValue)\",\"\(proofValues[index] ?? "")\"]"
            }
            text += "]);\n"
            files.append(("verify/\(prefix).js", text))
        }
        files.append(("verify/index.js", Self.manifest(book: book, length: length, publicKey: publicKey, settings: settings, labels: labels)))
        files.append(("verify/verify.js", VerifyPage.script))
        self.files = files
    }

    static func allPrefixes(length: Int) -> [String] {
        var prefixes = [""]
        for _ in 0..<length { prefixes = prefixes.flatMap { prefix in "0123456789ABCDEF".map { prefix + String($0) } } }
        return prefixes
    }

    static func manifest(
        book: CertificateBook, length: Int, publicKey: PublicKey?, settings: Settings, labels: CertificateLabels
    ) -> String {
        var text = "HBV.manifest({\"version\":1,\"prefixLength\":\(length),\"count\":\(book.certificates.count),"
        text += "\"organisation\":" + Markup.json(settings.site.organisation)
        text += ",\"fingerprint\":" + Markup.json(book.certificates.first?.fingerprint ?? "")
        text += ",\"issueDate\":\"\(book.issueDate)\",\"timezone\":\"\(settings.timezone)\",\"did\":" + Markup.json(publicKey?.did ?? "")
        text += ",\"categories\":["
        for (index, category) in settings.categories.enumerated() {
            if index > 0 { text += "," }
            text += "[" + Markup.json(category.id) + "," + Markup.json(category.name) + ",\"\(category.mode.rawValue)\"]"
        }
        text += "],\"labels\":{"
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
            if index > 0 { text += "," }
            text += "\"\(key)\":" + Markup.json(value)
        }
        text += "}});\n"
        return text
    }
}
