import HourbookCore
import Testing

@testable import HourbookRules

/// The ledger's export order and the interval union of the 60 % rule, each held to a plain,
/// obviously correct version on random cases.
@Suite("Ledger order and interval union")
struct LedgerOrderTests {
    /// A small deterministic generator (the same cases every run).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func entry(_ generator: inout Generator) -> LedgerEntry {
        let date = Bool.random(using: &generator)
            ? LocalDate(year: 2024, month: Int.random(in: 1...2, using: &generator), day: Int.random(in: 1...3, using: &generator))
            : nil
        return LedgerEntry(
            learnerID: ["L1", "L10", "L2", "甲", "L1 "].randomElement(using: &generator)!,
            year: date?.year ?? (Bool.random(using: &generator) ? 2023 : nil), date: date,
            rule: [.playbackChapter, .checkinSession, .filingOnline].randomElement(using: &generator)!, status: .credited,
            categoryID: nil,
            source: EntrySource(
                kind: .filing, id: ["A", "B", "a"].randomElement(using: &generator)!,
                file: ["f.csv", "e.csv"].randomElement(using: &generator)!, line: Int.random(in: 1...3, using: &generator)),
            reason: Reason(chinese: "", english: ""))
    }

    /// The export order written out field by field: learner, year, date (absent first), source
    /// id, rule, file, line, texts by code point.
    static func before(_ a: LedgerEntry, _ b: LedgerEntry) -> Bool {
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        if a.learnerID != b.learnerID { return bytes(a.learnerID).lexicographicallyPrecedes(bytes(b.learnerID)) }
        if a.year != b.year { return (a.year ?? .min) < (b.year ?? .min) }
        if a.date != b.date { return (a.date?.ordinal ?? .min) < (b.date?.ordinal ?? .min) }
        if a.source.id != b.source.id { return bytes(a.source.id).lexicographicallyPrecedes(bytes(b.source.id)) }
        if a.rule != b.rule { return a.rule.rawValue < b.rule.rawValue }
        if a.source.file != b.source.file { return bytes(a.source.file).lexicographicallyPrecedes(bytes(b.source.file)) }
        return a.source.line < b.source.line
    }

    @Test("Entries come out in the export order, whatever order they went in")
    func exportOrder() {
        var generator = Generator(state: 7)
        for count in [0, 1, 2, 3, 17, 500, 3000] {
            let entries = (0..<count).map { _ in entry(&generator) }
            let ledger = Ledger(entries: entries)
            #expect(ledger.entries.count == count)
            // Sorted: no entry precedes the one before it.
            #expect(zip(ledger.entries, ledger.entries.dropFirst()).allSatisfy { !Self.before($1, $0) })
            // And nothing lost or duplicated: the same multiset as a plain sort.
            #expect(ledger.entries.map(Self.key).sorted() == entries.map(Self.key).sorted())
        }
    }

    static func key(_ entry: LedgerEntry) -> String {
        "\(entry.learnerID)|\(entry.year ?? 0)|\(entry.date?.ordinal ?? 0)|\(entry.source.id)|\(entry.rule)|\(entry.source.file)|\(entry.source.line)"
    }

    @Test("The interval union covers exactly the milliseconds a bitmap of the same inserts covers")
    func intervalUnionMatchesABitmap() {
        var generator = Generator(state: 11)
        for _ in 0..<2000 {
            var union = IntervalUnion()
            var bitmap = [Bool](repeating: false, count: 64)
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let from = Int64.random(in: 0...63, using: &generator)
                let to = Int64.random(in: 0...64, using: &generator)
                union.insert(from: from, to: to)
                if to > from { for millisecond in from..<to { bitmap[Int(millisecond)] = true } }
                #expect(union.covered == Int64(bitmap.filter { $0 }.count))
                // Disjoint, sorted, never touching.
                #expect(zip(union.intervals, union.intervals.dropFirst()).allSatisfy { $0.to < $1.from })
                #expect(union.intervals.allSatisfy { $0.from < $0.to })
            }
            union.removeAll()
            #expect(union.covered == 0 && union.intervals.isEmpty)
        }
    }

    @Test("An entry stays 104 bytes, and its symbol- and sentinel-stored fields read back what was stored")
    func compactEntry() {
        // 7.7 million entries at 100,000 learners: every 8 bytes here are 62 MB of the build's peak.
        #expect(MemoryLayout<LedgerEntry>.stride <= 104)
        #expect(MemoryLayout<Reason>.stride <= 16)
        let source = EntrySource(kind: .filing, id: "F1", file: "filings.xml", line: 3)
        var entry = LedgerEntry(
            learnerID: "L1", year: nil, date: nil, rule: .filingHoursCut, status: .credited, hours: Hours(2),
            cutHours: Hours(1), categoryID: nil, source: source, reason: Reason(chinese: "甲", english: "a"),
            detail: EntryDetail(claimedHours: Hours(3)))
        #expect(entry.detail.claimedHours == Hours(3))
        #expect(entry.year == nil && entry.date == nil)
        entry.detail.claimedHours = .zero
        #expect(entry.detail.claimedHours == .zero)
        entry.detail.claimedHours = nil
        #expect(entry.detail.claimedHours == nil)
        #expect(EntryDetail().claimedHours == nil && EntryDetail().coveredMilliseconds == nil)
        #expect(entry.rule == .filingHoursCut && entry.status == .credited && !entry.isCapped)
        // Texts held as symbols read back as given, and can be replaced.
        #expect(entry.learnerID == "L1" && entry.categoryID == nil && entry.detail.classID == nil)
        #expect(entry.source.file == "filings.xml" && entry.source.line == 3 && entry.source.id == "F1")
        entry.learnerID = "学员\u{2028}<2>"
        entry.categoryID = ""
        entry.detail.classID = "K1"
        entry.source.file = "filings/2025.xml"
        #expect(entry.learnerID == "学员\u{2028}<2>" && entry.categoryID == "" && entry.detail.classID == "K1")
        #expect(entry.source.file == "filings/2025.xml" && entry.detail.claimedHours == nil)
        entry.categoryID = nil
        #expect(entry.categoryID == nil && entry.learner == Symbol("学员\u{2028}<2>"))
    }

    @Test("Symbols: one per text, the same from every thread, and their texts read back")
    func symbolsNameTextsOnce() async {
        // 70,000 texts, more than a chunk of the table holds, some longer than a `String` holds
        // inline, each named by four tasks at once.
        let texts = (0..<70_000).map { "text-\($0)-\($0 % 7 == 0 ? "长长的文本，超过十五个字节" : "")" }
        let fromTasks = await withTaskGroup(of: [Symbol].self) { group in
            for _ in 0..<4 { group.addTask { texts.map { Symbol($0) } } }
            var all: [[Symbol]] = []
            for await symbols in group { all.append(symbols) }
            return all
        }
        for symbols in fromTasks {
            #expect(symbols == fromTasks[0])
        }
        #expect(zip(texts, fromTasks[0]).allSatisfy { $0.0 == $0.1.text })
        #expect(Symbol("a") != Symbol("b") && Symbol("a") == Symbol("a"))
    }
}
