import Foundation

/// A text the ledger names millions of times — a learner, category, file or class id — stored
/// once for the whole process and named by a 32-bit number (an interned string).
///
/// The benchmark organisation's ledger holds 7.7 million entries. Each of them named a learner, a
/// category, a file and often a class in 16-byte `String`s: 64 bytes of an entry, 0.5 GB of the
/// build's peak. A symbol is 4 bytes, and two symbols are equal exactly when their texts are.
///
/// Symbols have no order: the ledger sorts by the texts. Their numbers depend on which thread
/// named a text first, so they never reach an output.
public struct Symbol: Hashable, Sendable {
    let raw: Int32

    init(raw: Int32) { self.raw = raw }

    /// The symbol of `text`, naming it in the process's table the first time.
    public init(_ text: String) { self = SymbolTable.shared.symbol(for: text) }

    public var text: String { SymbolTable.shared.text(of: self) }
}

/// The process's symbols: a hash table from text to number, taken under a lock, and the texts
/// by number in chunks that never move, read without one.
///
/// Reading without a lock is sound because a symbol only reaches a thread through a value handed
/// over with synchronisation (a lock, a thread's start or end, a dispatch group), and its text
/// and chunk were written before the symbol was made.
final class SymbolTable: @unchecked Sendable {
    static let shared = SymbolTable()

    private static let chunkBits = 16
    private static let chunkSize = 1 << chunkBits
    private static let chunkCount = Int(Int32.max) / chunkSize + 1

    private let lock = NSLock()
    private var numbers: [String: Int32] = [:]
    private var count = 0
    /// `chunkCount` pointers, each nil until its chunk holds a text.
    private let chunks: UnsafeMutablePointer<UnsafeMutablePointer<String>?>

    private init() {
        chunks = .allocate(capacity: Self.chunkCount)
        chunks.initialize(repeating: nil, count: Self.chunkCount)
    }

    func symbol(for text: String) -> Symbol {
        lock.lock()
        defer { lock.unlock() }
        if let raw = numbers[text] { return Symbol(raw: raw) }
        precondition(count < Int(Int32.max), "more than 2^31 distinct texts in one process")
        let chunk = count >> Self.chunkBits
        if chunks[chunk] == nil { chunks[chunk] = .allocate(capacity: Self.chunkSize) }
        (chunks[chunk].unsafelyUnwrapped + (count & (Self.chunkSize - 1))).initialize(to: text)
        let raw = Int32(count)
        numbers[text] = raw
        count += 1
        return Symbol(raw: raw)
    }

    @inline(__always)
    func text(of symbol: Symbol) -> String {
        let index = Int(symbol.raw)
        return chunks[index >> Self.chunkBits].unsafelyUnwrapped[index & (Self.chunkSize - 1)]
    }
}

extension Optional where Wrapped == Symbol {
    /// The 32 bits an entry stores: the symbol's number, or -1 for none.
    @inline(__always)
    var stored: Int32 { self?.raw ?? -1 }

    @inline(__always)
    init(stored: Int32) { self = stored < 0 ? nil : Symbol(raw: stored) }
}
