import HourbookRules

/// Ledger reasons already rendered and escaped, kept by one rendering worker.
///
/// Few sentences stand behind many entries: 20,892 distinct reasons behind the 1.5 million
/// ledger entries of the 20,000-learner organisation. Rendering a reason builds a `String`
/// (a fifth of the learner pages' time, measured), hashing one is far cheaper, so each is
/// rendered once per worker. A worker owns its cache: no lock on the hot path.
struct ReasonCache {
    /// Past this many sentences the cache starts over, so that data whose reasons never repeat
    /// (every check-in at its own minute) costs no more memory than a bounded table.
    static let capacity = 65_536

    let language: String
    private var escaped: [Reason: HTML] = [:]

    init(language: String) { self.language = language }

    /// Appends the reason in the page language, escaped.
    mutating func append(_ reason: Reason, to html: inout HTML) {
        if let cached = escaped[reason] {
            html += cached
            return
        }
        var text = HTML()
        text.text(reason.text(for: language))
        if escaped.count >= Self.capacity { escaped.removeAll(keepingCapacity: true) }
        escaped[reason] = text
        html += text
    }
}
