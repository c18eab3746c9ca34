import Foundation
import HourbookCore

/// The stable rule codes of RULES.md. They appear in the ledger, the exports and the pages.
public enum RuleCode: String, Sendable, Hashable, CaseIterable, Comparable {
    // P — playback (线上学习)
    case playbackUnknownLearner = "P-UNKNOWN-LEARNER"
    case playbackUnknownChapter = "P-UNKNOWN-CHAPTER"
    case playbackBadTime = "P-BAD-TIME"
    case playbackBadPosition = "P-BAD-POSITION"
    case playbackRate = "P-RATE"
    case playbackImplausible = "P-IMPLAUSIBLE"
    case playbackConcurrent = "P-CONCURRENT"
    case playbackChapter = "P-CHAPTER"
    case playbackIncomplete = "P-INCOMPLETE"
    // C — offline sessions and check-in (培训签到)
    case checkinUnknownLearner = "C-UNKNOWN-LEARNER"
    case checkinUnknownSession = "C-UNKNOWN-SESSION"
    case checkinNotMember = "C-NOT-MEMBER"
    case checkinWindow = "C-WINDOW"
    case checkinLocation = "C-LOCATION"
    case checkinDuplicate = "C-DUPLICATE"
    case checkinSession = "C-SESSION"
    // F — filings (外部培训填报 and 年终补录)
    case filingUnknownLearner = "F-UNKNOWN-LEARNER"
    case filingMissingField = "F-MISSING-FIELD"
    case filingUnknownClass = "F-UNKNOWN-CLASS"
    case filingBadCategory = "F-BAD-CATEGORY"
    case filingDates = "F-DATES"
    case filingAttachment = "F-ATTACHMENT"
    case filingDuplicate = "F-DUPLICATE"
    case filingMakeupOnline = "F-MAKEUP-ONLINE"
    case filingNotMember = "F-NOT-MEMBER"
    case filingMakeupClosed = "F-MAKEUP-CLOSED"
    case filingRejected = "F-REJECTED"
    case filingOnline = "F-ONLINE"
    case filingOnsite = "F-ONSITE"
    case filingPending = "F-PENDING"
    case filingMakeup = "F-MAKEUP"
    case filingHoursCut = "F-HOURS-CUT"
    case filingMakeupNothing = "F-MAKEUP-NOTHING"
    // Y — caps (the code is named in the messages of capped entries; entries keep their own rule)
    case yearCap = "Y-CAP"
    // X — classes and exams
    case examEarly = "X-EXAM-EARLY"

    /// Ledger order sorts codes by their text.
    public static func < (a: RuleCode, b: RuleCode) -> Bool { a.rawValue < b.rawValue }

    /// The rule family: P, C, F, Y or X.
    public var family: Character { rawValue.first! }
}

/// What a ledger entry decided.
public enum EntryStatus: String, Sendable, Hashable, CaseIterable {
    /// Counted toward the totals.
    case credited
    /// Was a credit, but its category's cap was already reached (hours 0, all cut).
    case capped
    /// Waiting: an onsite or make-up filing not yet approved (待审批), or a chapter in progress.
    case pending
    case rejected
    /// Recorded for review, never summed (an exam taken before eligibility).
    case flagged
}

/// What kind of record a ledger entry came from.
public enum SourceKind: String, Sendable, Hashable, CaseIterable {
    /// A rejected playback row (id: its event_id).
    case playback
    /// A chapter credited or in progress (id: the chapter id).
    case chapter
    case checkin
    case filing
    case exam
}

/// The record behind a ledger entry: its kind, id, file and line.
public struct EntrySource: Hashable, Sendable {
    public var id: String
    /// The file's `Symbol`: a handful of files name millions of entries.
    private var storedFile: Int32
    /// Stored in 32 bits (a file of more than 2 billion lines is not read): millions of entries.
    private var storedLine: Int32
    public var kind: SourceKind

    public var file: String { get { fileSymbol.text } set { storedFile = Symbol(newValue).raw } }

    public var fileSymbol: Symbol { Symbol(raw: storedFile) }

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public init(kind: SourceKind, id: String, file: Symbol, line: Int) {
        self.kind = kind
        self.id = id
        self.storedFile = file.raw
        self.storedLine = Int32(clamping: line)
    }

    public init(kind: SourceKind, id: String, file: String, line: Int) {
        self.init(kind: kind, id: id, file: Symbol(file), line: line)
    }

    public init(kind: SourceKind, id: String, location: SourceLocation) {
        self.init(kind: kind, id: id, file: location.file, line: location.line)
    }
}

/// One decision of the rules about one record: who, which year, which rule, what it earned.
/// An auditor answers "why 37.5 hours?" from these entries and the diagnostics alone.
///
/// The benchmark organisation's ledger holds 7.7 million entries, so the stored form is compact
/// (104 bytes instead of 232): the learner, category, file and class as `Symbol`s, year and date
/// in 32 bits each, absent values as sentinels, the detail's numbers in the entry itself, and the
/// one-byte fields declared right after `source`, whose last bytes they share (Swift lays out
/// fields in the order declared, each after the previous one's size, not its stride). The texts
/// are read through the same properties as before.
public struct LedgerEntry: Hashable, Sendable {
    public var source: EntrySource
    public var rule: RuleCode
    public var status: EntryStatus
    /// Whether `Y-CAP` cut or zeroed this entry (its message then names Y-CAP).
    public var isCapped: Bool
    /// The learner's `Symbol`.
    private var storedLearner: Int32
    /// The category's `Symbol`, or -1 when absent.
    private var storedCategory: Int32
    /// `year`, or `Int32.min` when absent.
    private var storedYear: Int32
    /// `date`'s ordinal (YYYYMMDD), or 0 when absent.
    private var storedDate: Int32
    /// `detail.classID`'s `Symbol`, or -1 when absent.
    private var storedClass: Int32
    /// Hours credited (0 unless `status` is `credited`).
    public var hours: Hours
    /// What was removed from the hours claimed: claimed = hours + cutHours.
    public var cutHours: Hours
    /// Why, for people: the reason in Chinese and in English.
    public var reason: Reason
    /// `detail`'s numbers, as `EntryDetail` stores them.
    private var storedCovered: Int64
    private var storedDuration: Int64
    private var storedClaimed: Int64

    public var learnerID: String { get { learner.text } set { storedLearner = Symbol(newValue).raw } }

    public var learner: Symbol { Symbol(raw: storedLearner) }

    public var categoryID: String? {
        get { category?.text }
        set { storedCategory = newValue.map { Symbol($0) }.stored }
    }

    public var category: Symbol? { Symbol?(stored: storedCategory) }

    /// Facts the pages show with some entries.
    public var detail: EntryDetail {
        get {
            EntryDetail(
                covered: storedCovered, duration: storedDuration, claimed: storedClaimed,
                classID: Symbol?(stored: storedClass)?.text)
        }
        set {
            storedCovered = newValue.covered
            storedDuration = newValue.duration
            storedClaimed = newValue.claimed
            storedClass = newValue.classID.map { Symbol($0) }.stored
        }
    }

    /// The year the entry counts in (nil when no date is known).
    public var year: Int? {
        get { storedYear == Int32.min ? nil : Int(storedYear) }
        set { storedYear = newValue.map { Int32(clamping: $0) } ?? Int32.min }
    }

    public var date: LocalDate? {
        get { storedDate == 0 ? nil : LocalDate(ordinal: storedDate) }
        set { storedDate = newValue?.ordinal ?? 0 }
    }

    public init(
        learner: Symbol, year: Int?, date: LocalDate?, rule: RuleCode, status: EntryStatus, hours: Hours = .zero,
        cutHours: Hours = .zero, category: Symbol?, source: EntrySource, reason: Reason, isCapped: Bool = false,
        detail: EntryDetail = EntryDetail()
    ) {
        self.source = source
        self.rule = rule
        self.status = status
        self.isCapped = isCapped
        self.storedLearner = learner.raw
        self.storedCategory = category.stored
        self.storedYear = year.map { Int32(clamping: $0) } ?? Int32.min
        self.storedDate = date?.ordinal ?? 0
        self.storedClass = detail.classID.map { Symbol($0) }.stored
        self.hours = hours
        self.cutHours = cutHours
        self.reason = reason
        self.storedCovered = detail.covered
        self.storedDuration = detail.duration
        self.storedClaimed = detail.claimed
    }

    public init(
        learnerID: String, year: Int?, date: LocalDate?, rule: RuleCode, status: EntryStatus, hours: Hours = .zero,
        cutHours: Hours = .zero, categoryID: String?, source: EntrySource, reason: Reason, isCapped: Bool = false,
        detail: EntryDetail = EntryDetail()
    ) {
        self.init(
            learner: Symbol(learnerID), year: year, date: date, rule: rule, status: status, hours: hours,
            cutHours: cutHours, category: categoryID.map { Symbol($0) }, source: source, reason: reason,
            isCapped: isCapped, detail: detail)
    }

    /// The message exported with the entry (English, with the cap named when it applied).
    public var message: String { reason.english }
}

/// A one-sentence reason in both page languages.
///
/// Reasons are rendered when asked for, not when the rules decide: the 10-million-row
/// organisation has millions of entries, and two sentences each would cost gigabytes.
public struct Reason: Hashable, Sendable {
    let template: ReasonTemplate

    init(_ template: ReasonTemplate) { self.template = template }

    /// A reason given as two finished sentences.
    public init(chinese: String, english: String) { self.template = .text(chinese: chinese, english: english) }

    public var chinese: String { template.render(english: false) }
    public var english: String { template.render(english: true) }

    public func text(for language: String) -> String { language == "en" ? english : chinese }
}

/// Facts some entries carry for the pages (the playback coverage of a chapter, the class
/// of a session or make-up).
public struct EntryDetail: Hashable, Sendable {
    /// C-SESSION, F-MAKEUP and others about a class.
    public var classID: String?
    /// Coverage and duration as stored: -1 when absent (neither is ever negative), which saves
    /// 16 bytes in each of millions of entries against two optionals.
    fileprivate(set) var covered: Int64
    fileprivate(set) var duration: Int64
    /// `claimedHours` in hundredths, or `Int64.min` when absent: 8 bytes against 9 for an
    /// optional, which took the entry past a multiple of 8 bytes.
    fileprivate(set) var claimed: Int64

    /// P-CHAPTER / P-INCOMPLETE: milliseconds of the chapter covered, and its duration.
    public var coveredMilliseconds: Int64? {
        get { covered < 0 ? nil : covered }
        set { covered = newValue.map { max(0, $0) } ?? -1 }
    }

    public var durationMilliseconds: Int64? {
        get { duration < 0 ? nil : duration }
        set { duration = newValue.map { max(0, $0) } ?? -1 }
    }

    /// The hours claimed before any cut (filings, capped credits).
    public var claimedHours: Hours? {
        get { claimed == Int64.min ? nil : Hours(hundredths: claimed) }
        set { claimed = newValue?.hundredths ?? Int64.min }
    }

    public init(
        coveredMilliseconds: Int64? = nil, durationMilliseconds: Int64? = nil, classID: String? = nil,
        claimedHours: Hours? = nil
    ) {
        self.covered = coveredMilliseconds.map { max(0, $0) } ?? -1
        self.duration = durationMilliseconds.map { max(0, $0) } ?? -1
        self.classID = classID
        self.claimed = claimedHours?.hundredths ?? Int64.min
    }

    fileprivate init(covered: Int64, duration: Int64, claimed: Int64, classID: String?) {
        self.covered = covered
        self.duration = duration
        self.claimed = claimed
        self.classID = classID
    }

    /// Coverage in whole percent, rounded down (59.99 % shows as 59 %), when known.
    public var progressPercent: Int? {
        guard let covered = coveredMilliseconds, let duration = durationMilliseconds, duration > 0 else { return nil }
        return Int(covered * 100 / duration)
    }
}

/// Every ledger entry, in the export order of OUTPUTS.md: learner_id, year, date, source id,
/// rule, file, line (absent year or date first).
public struct Ledger: Sendable {
    public var entries: [LedgerEntry]

    public init(entries: consuming [LedgerEntry]) {
        // Millions of entries of a couple of hundred bytes each: they are never copied. Entries
        // are bucketed by the learner's rank among the ids (a counting sort), each learner's few
        // dozen are sorted on both cores by a compact key (year, date), looking at an entry's
        // texts only to break ties, and the entries are then moved into that order in place.
        // (The copy of a sorted array of 7.7 million entries cost 1.8 GB of peak memory and
        // page faults; one sort of all indices cost 2 s on one core.)
        let (ranks, learnerCount) = Ledger.learnerRanks(of: entries)
        var starts = [Int](repeating: 0, count: learnerCount + 1)
        for rank in ranks { starts[Int(rank) + 1] += 1 }
        for rank in 0..<learnerCount { starts[rank + 1] += starts[rank] }
        var order = [Int](repeating: 0, count: entries.count)
        var next = starts
        for (index, rank) in ranks.enumerated() {
            order[next[Int(rank)]] = index
            next[Int(rank)] += 1
        }
        entries.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer.baseAddress
            order.withUnsafeMutableBufferPointer { order in
                nonisolated(unsafe) let order = order
                _ = Parallel.map(Parallel.slices(count: learnerCount)) { learners in
                    for learner in learners where starts[learner + 1] - starts[learner] > 1 {
                        var run = UnsafeMutableBufferPointer(rebasing: order[starts[learner]..<starts[learner + 1]])
                        run.sort { i, j in Ledger.precedes(base! + i, base! + j) }
                    }
                }
            }
        }
        // The entries are moved into order on both cores: first the entries of the first half of
        // the learners that lie in the second half of the array swap places with the opposite
        // ones (two sequential scans), then each half is permuted on its own. Permuting the
        // whole array on one core cost 1.9 s at 100,000 learners (a cache miss at each move).
        let middle = starts[learnerCount / 2]
        var destination = Ledger.inverse(of: order)
        entries.withUnsafeMutableBufferPointer { entries in
            destination.withUnsafeMutableBufferPointer { destination in
                Ledger.partition(entries, destination: destination, at: middle)
            }
            order = Ledger.inverse(of: destination)
            destination = []
            order.withUnsafeMutableBufferPointer { order in
                nonisolated(unsafe) let (entries, order) = (entries, order)
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    Ledger.permute(entries, into: order, within: half == 0 ? 0..<middle : middle..<entries.count)
                }
            }
        }
        self.entries = entries
    }

    /// Each entry's learner's rank among the learner ids (code point order), and how many
    /// learners there are.
    private static func learnerRanks(of entries: [LedgerEntry]) -> (ranks: [Int32], count: Int) {
        // Slices of the entries on every core number their own learners, hashing an id once per
        // run (entries come in runs of one learner: the P rules work learner by learner); the
        // slices' ids are then ranked once and each slice's numbers mapped to ranks. A set of
        // every id filled on one core, then a second look-up of each run, took 0.65-0.75 s at
        // 100,000 learners (on one core: 40 -> 21 M instructions at 2,000 learners).
        var ranks = [Int32](repeating: 0, count: entries.count)
        let slices = Parallel.slices(count: entries.count)
        let sliceIDs = entries.withUnsafeBufferPointer { entries in
            nonisolated(unsafe) let entries = entries
            return ranks.withUnsafeMutableBufferPointer { ranks in
                nonisolated(unsafe) let ranks = ranks
                return Parallel.map(slices) { range -> [String] in
                    var numbers: [String: Int32] = [:]
                    var ids: [String] = []
                    var last: (id: String, number: Int32)?
                    for index in range {
                        if let known = last, known.id == entries[index].learnerID {
                            ranks[index] = known.number
                            continue
                        }
                        let id = entries[index].learnerID
                        let number = numbers[id] ?? Int32(ids.count)
                        if number == ids.count {
                            numbers[id] = number
                            ids.append(id)
                        }
                        last = (id, number)
                        ranks[index] = number
                    }
                    return ids
                }
            }
        }
        // Each id once, numbered as first met (one look-up per slice that has it), then ranked.
        var numberOf: [String: Int] = [:]
        var ids: [String] = []
        let numbers = sliceIDs.map { sliceIDs in
            sliceIDs.map { id in
                let number = numberOf[id] ?? ids.count
                if number == ids.count {
                    numberOf[id] = number
                    ids.append(id)
                }
                return number
            }
        }
        var rankOfNumber = [Int32](repeating: 0, count: ids.count)
        for (rank, number) in ids.indices.sorted(by: { CodePoint.less(ids[$0], ids[$1]) }).enumerated() {
            rankOfNumber[number] = Int32(rank)
        }
        let rankOfSliceNumber = numbers.map { numbers in numbers.map { rankOfNumber[$0] } }
        ranks.withUnsafeMutableBufferPointer { ranks in
            nonisolated(unsafe) let ranks = ranks
            _ = Parallel.map(Array(slices.indices)) { slice in
                for index in slices[slice] { ranks[index] = rankOfSliceNumber[slice][Int(ranks[index])] }
            }
        }
        return (ranks, ids.count)
    }

    /// The export order for entries of one learner: year, date (absent first), then source id,
    /// rule, file and line.
    private static func precedes(_ a: UnsafePointer<LedgerEntry>, _ b: UnsafePointer<LedgerEntry>) -> Bool {
        // Fields are read through the pointers: copying a whole entry would retain its texts.
        let yearA = a.pointee.year ?? Int.min, yearB = b.pointee.year ?? Int.min
        if yearA != yearB { return yearA < yearB }
        let dateA = a.pointee.date?.ordinal ?? Int32.min, dateB = b.pointee.date?.ordinal ?? Int32.min
        if dateA != dateB { return dateA < dateB }
        if a.pointee.source.id != b.pointee.source.id { return CodePoint.less(a.pointee.source.id, b.pointee.source.id) }
        if a.pointee.rule != b.pointee.rule { return a.pointee.rule < b.pointee.rule }
        if a.pointee.source.file != b.pointee.source.file { return CodePoint.less(a.pointee.source.file, b.pointee.source.file) }
        return a.pointee.source.line < b.pointee.source.line
    }

    /// The inverse of a permutation: position `permutation[k]` of the result holds k. Of an
    /// order (position k receives the entry at `order[k]`) it gives each entry's destination;
    /// of the destinations, the order.
    private static func inverse(of permutation: [Int]) -> [Int] {
        [Int](unsafeUninitializedCapacity: permutation.count) { inverse, initialized in
            nonisolated(unsafe) let inverse = inverse
            permutation.withUnsafeBufferPointer { permutation in
                nonisolated(unsafe) let permutation = permutation
                _ = Parallel.map(Parallel.slices(count: permutation.count)) { slice in
                    for position in slice { inverse[permutation[position]] = position }
                }
            }
            initialized = permutation.count
        }
    }

    /// Swaps entries going below `middle` that lie above it with entries going above it that
    /// lie below, until each half holds exactly the entries it receives.
    private static func partition(
        _ entries: UnsafeMutableBufferPointer<LedgerEntry>, destination: UnsafeMutableBufferPointer<Int>, at middle: Int
    ) {
        var low = 0
        var high = middle
        while true {
            while low < middle, destination[low] < middle { low += 1 }
            while high < entries.count, destination[high] >= middle { high += 1 }
            // As many entries lie on the wrong side below as above: both scans end together.
            guard low < middle, high < entries.count else { return }
            entries.swapAt(low, high)
            destination.swapAt(low, high)
            low += 1
            high += 1
        }
    }

    /// Moves the entries of `range` into the order `order` gives (position k receives the entry
    /// at `order[k]`, which lies in `range` too), following the permutation's cycles: each entry
    /// moves once, without copies. `order` is spent (every position ends up pointing at itself).
    private static func permute(
        _ entries: UnsafeMutableBufferPointer<LedgerEntry>, into order: UnsafeMutableBufferPointer<Int>,
        within range: Range<Int>
    ) {
        guard let base = entries.baseAddress else { return }
        for start in range where order[start] != start {
            let held = (base + start).move()
            var position = start
            while order[position] != start {
                let source = order[position]
                (base + position).initialize(to: (base + source).move())
                order[position] = position
                position = source
            }
            (base + position).initialize(to: held)
            order[position] = position
        }
    }

    /// The entries of one learner (a contiguous run, thanks to the order).
    public func entries(of learnerID: String) -> ArraySlice<LedgerEntry> { entries[range(of: learnerID)] }

    /// Calls `body` with the indices of each learner's entries in turn (each learner's entries
    /// are one run, thanks to the order), reading the ids in place.
    public func forEachLearnerRun(_ body: (Range<Int>) throws -> Void) rethrows {
        try entries.withUnsafeBufferPointer { entries in
            var start = 0
            while start < entries.count {
                var end = start + 1
                while end < entries.count, entries[end].learnerID == entries[start].learnerID { end += 1 }
                try body(start..<end)
                start = end
            }
        }
    }

    /// The indices of one learner's entries.
    public func range(of learnerID: String) -> Range<Int> {
        // Binary searches over the indices, reading ids in place: a predicate taking entries
        // would copy every entry it looks at.
        entries.withUnsafeBufferPointer { buffer in
            let lower = buffer.indices.partitioningIndex { !CodePoint.less(buffer[$0].learnerID, learnerID) }
            let upper = buffer.indices[lower...].partitioningIndex { buffer[$0].learnerID != learnerID }
            return lower..<upper
        }
    }
}

/// Ordering text by Unicode code point, as the contract orders ids (Swift's `<` on String
/// compares by canonical equivalence, not code points).
public enum CodePoint {
    public static func less(_ a: String, _ b: String) -> Bool {
        // UTF-8 byte order equals code point order.
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }
}

extension Collection {
    /// The first index whose element satisfies `predicate`, assuming the collection is
    /// partitioned (all non-satisfying elements first).
    func partitioningIndex(where predicate: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if predicate(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
