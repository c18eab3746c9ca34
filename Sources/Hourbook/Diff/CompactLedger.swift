import HourbookCore
import HourbookRules

/// One ledger entry, kept small (millions per side): the decision and the record it is about.
public struct CompactEntry: Hashable, Sendable {
    /// The record's id: chapter id, event_id, checkin_id, filing id or exam_id.
    public var sourceID: String
    public var hours: Hours
    public var cutHours: Hours
    /// Index into `CompactLedger.files`.
    var fileIndex: Int32
    public var line: Int32
    /// `Int32.min` when the entry has no year.
    var packedYear: Int32
    /// Index into `CompactLedger.categories`, or -1.
    var categoryIndex: Int16
    public var kind: SourceKind
    public var rule: RuleCode
    public var status: EntryStatus
    /// P-CHAPTER / P-INCOMPLETE: the chapter's coverage in whole percent; -1 when unknown.
    var packedPercent: Int8
    /// Whether Y-CAP cut or zeroed this entry.
    public var isCapped: Bool

    public var year: Int? { packedYear == Int32.min ? nil : Int(packedYear) }
    public var percent: Int? { packedPercent < 0 ? nil : Int(packedPercent) }
}

/// Every ledger entry of one side, grouped by learner (code point order of ids).
public struct CompactLedger: Sendable {
    /// Learner ids that have entries, sorted.
    public private(set) var learnerIDs: [String] = []
    /// `entries[starts[i]..<starts[i + 1]]` are the entries of `learnerIDs[i]`.
    private var starts: [Int] = [0]
    public private(set) var entries: [CompactEntry] = []
    /// Source files and category ids, interned.
    public private(set) var files: [String] = []
    public private(set) var categories: [String] = []
    /// The chapter threshold this side was evaluated with, in hundredths of a percent, when known.
    public var chapterThresholdHundredths: Int64?

    /// The entries of one learner (empty when the learner has none).
    public func entries(of learnerID: String) -> ArraySlice<CompactEntry> {
        var low = 0
        var high = learnerIDs.count
        while low < high {
            let middle = (low + high) / 2
            if CodePoint.less(learnerIDs[middle], learnerID) { low = middle + 1 } else { high = middle }
        }
        guard low < learnerIDs.count, learnerIDs[low] == learnerID else { return [] }
        return entries[starts[low]..<starts[low + 1]]
    }

    public func file(of entry: CompactEntry) -> String { files[Int(entry.fileIndex)] }

    public func categoryID(of entry: CompactEntry) -> String? {
        entry.categoryIndex < 0 ? nil : categories[Int(entry.categoryIndex)]
    }

    /// Entries and hours per rule code and status, over the whole ledger.
    public var countsByRuleAndStatus: [RuleStatus: (entries: Int, hours: Hours)] {
        var counts: [RuleStatus: (entries: Int, hours: Hours)] = [:]
        for entry in entries {
            counts[RuleStatus(rule: entry.rule, status: entry.status), default: (0, .zero)].entries += 1
            counts[RuleStatus(rule: entry.rule, status: entry.status), default: (0, .zero)].hours += entry.hours
        }
        return counts
    }

    /// Collects entries in any learner order; `finish()` groups them.
    struct Builder {
        private var learnerOfEntry: [Int32] = []
        private var learnerIndex: [String: Int32] = [:]
        private var learnerIDs: [String] = []
        private var entries: [CompactEntry] = []
        private var fileIndex: [String: Int32] = [:]
        private var files: [String] = []
        private var categoryIndex: [String: Int16] = [:]
        private var categories: [String] = []
        private var lastLearnerID = ""
        private var lastLearner: Int32 = -1
        private var lastFile = ""
        private var lastFileIndex: Int32 = -1
        var chapterThresholdHundredths: Int64?

        mutating func append(
            learnerID: String, kind: SourceKind, sourceID: String, file: String, line: Int, year: Int?, rule: RuleCode,
            status: EntryStatus, hours: Hours, cutHours: Hours, categoryID: String?, percent: Int?, isCapped: Bool
        ) {
            // Entries come grouped by learner and mostly from a few files: remember the last ones.
            if lastLearner < 0 || learnerID != lastLearnerID {
                lastLearnerID = learnerID
                if let known = learnerIndex[learnerID] {
                    lastLearner = known
                } else {
                    lastLearner = Int32(learnerIDs.count)
                    learnerIndex[learnerID] = lastLearner
                    learnerIDs.append(learnerID)
                }
            }
            if lastFileIndex < 0 || file != lastFile {
                lastFile = file
                if let known = fileIndex[file] {
                    lastFileIndex = known
                } else {
                    lastFileIndex = Int32(files.count)
                    fileIndex[file] = lastFileIndex
                    files.append(file)
                }
            }
            var category: Int16 = -1
            if let categoryID {
                if let known = categoryIndex[categoryID] {
                    category = known
                } else {
                    category = Int16(truncatingIfNeeded: categories.count)
                    categoryIndex[categoryID] = category
                    categories.append(categoryID)
                }
            }
            learnerOfEntry.append(lastLearner)
            entries.append(
                CompactEntry(
                    sourceID: sourceID, hours: hours, cutHours: cutHours, fileIndex: lastFileIndex,
                    line: Int32(clamping: line), packedYear: year.map { Int32(clamping: $0) } ?? Int32.min,
                    categoryIndex: category, kind: kind, rule: rule, status: status,
                    packedPercent: percent.map { Int8(clamping: $0) } ?? -1, isCapped: isCapped))
        }

        /// The ledger, grouped by learner id in code point order; within a learner, entries keep their order.
        mutating func finish() -> CompactLedger {
            var ledger = CompactLedger()
            ledger.chapterThresholdHundredths = chapterThresholdHundredths
            ledger.files = files
            ledger.categories = categories
            let order = learnerIDs.indices.sorted { CodePoint.less(learnerIDs[$0], learnerIDs[$1]) }
            ledger.learnerIDs = order.map { learnerIDs[$0] }
            var rank = [Int](repeating: 0, count: learnerIDs.count)
            for (position, learner) in order.enumerated() { rank[learner] = position }
            var starts = [Int](repeating: 0, count: learnerIDs.count + 1)
            var isInOrder = true
            var previous = -1
            for learner in learnerOfEntry {
                let position = rank[Int(learner)]
                if position < previous { isInOrder = false }
                previous = position
                starts[position + 1] += 1
            }
            for index in starts.indices.dropFirst() { starts[index] += starts[index - 1] }
            if isInOrder {
                // The ledger's own export order already groups entries by learner id.
                ledger.entries = entries
            } else {
                // A stable counting sort by learner rank.
                var next = starts
                var placed = [Int](repeating: 0, count: entries.count)
                for (position, learner) in learnerOfEntry.enumerated() {
                    let slot = rank[Int(learner)]
                    placed[next[slot]] = position
                    next[slot] += 1
                }
                ledger.entries = placed.map { entries[$0] }
            }
            entries = []
            learnerOfEntry = []
            ledger.starts = starts
            return ledger
        }
    }
}

/// A rule code with a status: one line of the ledger comparison.
public struct RuleStatus: Hashable, Sendable, Comparable {
    public var rule: RuleCode
    public var status: EntryStatus

    public static func < (a: RuleStatus, b: RuleStatus) -> Bool {
        if a.rule != b.rule { return a.rule < b.rule }
        return EntryStatus.allCases.firstIndex(of: a.status)! < EntryStatus.allCases.firstIndex(of: b.status)!
    }
}
