/// Ledger reasons rendered once each, in the bytes one output needs (escaped HTML in the page
/// language, a JSON string literal in English, …), for the outputs that write every entry.
///
/// Few sentences stand behind many entries: the 20,000-learner organisation's 1.5 million
/// entries say about 21,000 different things (a chapter's credit reads the same for everyone
/// with the same coverage). Rendering a reason builds a `String` from its template, which took
/// half of the ledger export and a fifth of the learner pages; hashing one is far cheaper.
///
/// One value per rendering thread: no lock on the hot path. The renderings lie in one byte
/// area, so remembering one costs no reference to count on every use.
public struct RenderedReasons {
    /// Reasons remembered at most; then the memory starts over, so that data whose every reason
    /// is different (each check-in at its own minute) costs time, not gigabytes.
    public static let limit = 1 << 16

    private let render: (Reason) -> [UInt8]
    private var ranges: [Reason: Range<Int>] = [:]
    private var store: [UInt8] = []

    /// `render` gives the bytes of one reason as the output writes them.
    public init(render: @escaping (Reason) -> [UInt8]) {
        self.render = render
        // Growing the table would rehash every reason remembered so far.
        ranges.reserveCapacity(Self.limit)
    }

    /// Appends the rendering of `reason` to `bytes`.
    public mutating func append(_ reason: Reason, to bytes: inout [UInt8]) {
        let range = self.range(of: reason)
        store.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    private mutating func range(of reason: Reason) -> Range<Int> {
        if let known = ranges[reason] { return known }
        if ranges.count >= Self.limit {
            ranges.removeAll(keepingCapacity: true)
            store.removeAll(keepingCapacity: true)
        }
        let start = store.count
        store += render(reason)
        ranges[reason] = start..<store.count
        return start..<store.count
    }
}
