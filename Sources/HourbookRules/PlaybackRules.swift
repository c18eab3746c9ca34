import HourbookCore

/// P — playback (线上学习): row checks, one-thing-at-a-time, and the 60 % chapter rule.
///
/// Memory grows with what must be kept: one pass over the rows for the checks, then the
/// accepted rows' indices grouped per learner; no copies of the rows themselves.
struct PlaybackRules {
    let dataset: Dataset
    let context: RuleContext

    /// A chapter credit, with the instant that earned it (for class progress). Learner and
    /// course are keys of the playback log's interners. Made from the credited chapter outcomes
    /// once the rows are freed (`Parts.credits()`).
    struct ChapterCredit {
        var learner: Int32
        var course: Int32
        var hours: Hours
        var endedAt: Timestamp
        var date: LocalDate
    }

    /// A chapter's P-CHAPTER or P-INCOMPLETE decision, as keys: 40 bytes, against 104 for its
    /// ledger entry. The per-learner step makes these while the rows are alive, and
    /// `ChapterEntries` turns them into entries once the rows are freed: made at once, the
    /// 6 million chapter entries of the benchmark lived beside its 11 million rows, and the two
    /// together set the build's peak (3.1 GiB at 100,000 learners). A credited outcome is also
    /// the chapter's credit for class progress (a list of credits beside the outcomes was
    /// 0.2 GB of the P rules' peak).
    struct ChapterOutcome {
        /// Milliseconds of the chapter covered (the union of the rows counted).
        var covered: Int64
        /// The ended_at of the row that crossed the threshold (credited) or of the last row.
        var endedAt: Int64
        /// Keys of the playback log: the learner, the chapter, and the file of the row that
        /// crossed the threshold (credited) or of the last row (in progress).
        var learner: Int32
        var chapter: Int32
        var file: Int32
        var line: Int32
        /// That row's local date (ordinal YYYYMMDD).
        var date: Int32
        var isCredited: Bool
    }

    struct Outcome {
        /// Rejected rows (P-CONCURRENT).
        var entries: [LedgerEntry] = []
        var chapters: [ChapterOutcome] = []
    }

    /// What `evaluate` gives, in parts, one per slice of the work, for the caller to gather once
    /// the playback rows are freed (gathering them here held rows, parts and the gathered array
    /// at once: 3.4 GB for 10 million rows): the entries of rejected rows, and the chapter
    /// decisions with what makes their entries and credits.
    struct Parts {
        var rejections: [[LedgerEntry]]
        var chapters: [[ChapterOutcome]]
        var chapterEntries: ChapterEntries

        /// Every chapter credit, in the order decided.
        func credits() -> [ChapterCredit] {
            let table = chapterEntries.table
            var credits: [ChapterCredit] = []
            credits.reserveCapacity(chapters.reduce(0) { $0 + $1.count })
            for part in chapters {
                for outcome in part where outcome.isCredited {
                    // A credited chapter's rows name its course (`ChapterTable.isKnown`).
                    let chapter = Int(outcome.chapter)
                    credits.append(
                        ChapterCredit(
                            learner: outcome.learner, course: table.courseKey[chapter],
                            hours: table.chapters[Int(table.index[chapter])].hours,
                            endedAt: Timestamp(millisecondsSinceEpoch: outcome.endedAt),
                            date: LocalDate(ordinal: outcome.date)))
                }
            }
            return credits
        }
    }

    /// Makes the ledger entry of a chapter decision. It holds what that reads of the playback
    /// log and the catalog as symbols (learners, files, chapters, categories), not the rows: the
    /// 6 million chapter entries of the benchmark are made on both cores without naming a text.
    struct ChapterEntries: Sendable {
        let table: ChapterTable
        /// By the playback log's learner key and file index.
        let learners: [Symbol]
        let files: [Symbol]
        /// By the playback log's chapter key: the chapter's id and its course's category.
        let chapterIDs: [Symbol?]
        let categories: [Symbol?]
        let settings: Settings

        init(table: ChapterTable, log: PlaybackLog, settings: Settings) {
            self.table = table
            self.learners = log.learners.strings.map { Symbol($0) }
            self.files = log.files.map { Symbol($0) }
            self.chapterIDs = table.index.map { $0 < 0 ? nil : Symbol(table.chapters[Int($0)].id) }
            self.categories = table.categoryID.map { $0.map { Symbol($0) } }
            self.settings = settings
        }

        func entry(_ outcome: ChapterOutcome) -> LedgerEntry {
            let chapter = table.chapters[Int(table.index[Int(outcome.chapter)])]
            let chapterID = chapterIDs[Int(outcome.chapter)].unsafelyUnwrapped
            let category = categories[Int(outcome.chapter)]
            let detail = EntryDetail(coveredMilliseconds: outcome.covered, durationMilliseconds: chapter.durationMilliseconds)
            let date = LocalDate(ordinal: outcome.date)
            let source = EntrySource(
                kind: .chapter, id: chapter.id, file: files[Int(outcome.file)], line: Int(outcome.line))
            let percent = detail.progressPercent ?? 0
            if outcome.isCredited {
                return LedgerEntry(
                    learner: learners[Int(outcome.learner)], year: date.year, date: date, rule: .playbackChapter,
                    status: .credited, hours: chapter.hours, category: category, source: source,
                    reason: Messages.chapterCredited(chapter, id: chapterID, percent: percent, settings: settings),
                    detail: detail)
            }
            return LedgerEntry(
                learner: learners[Int(outcome.learner)], year: date.year, date: date, rule: .playbackIncomplete,
                status: .pending, category: category, source: source,
                reason: Messages.chapterIncomplete(chapter, id: chapterID, percent: percent, settings: settings),
                detail: detail)
        }
    }

    /// The P rules' view of the catalog, by the playback log's chapter key: resolved once, so
    /// the 11 million rows and 6 million chapter runs of the benchmark compare integers instead
    /// of hashing ids and copying `Chapter`s (four texts each) row after row.
    struct ChapterTable: Sendable {
        /// The usable chapter of each chapter key, as an index into `chapters` (-1: unknown).
        var index: [Int32]
        /// The playback log's course key of that chapter's course (-1: unknown, or no row names it).
        var courseKey: [Int32]
        /// The category of that chapter's course.
        var categoryID: [String?]
        var chapters: [Chapter]

        init(log: PlaybackLog, context: RuleContext) {
            var courseKeys: [String: Int32] = [:]
            for (key, id) in log.courses.strings.enumerated() where courseKeys[id] == nil { courseKeys[id] = Int32(key) }
            index = []
            courseKey = []
            categoryID = []
            chapters = []
            for id in log.chapters.strings {
                guard let chapter = context.chapters[id] else {
                    index.append(-1)
                    courseKey.append(-1)
                    categoryID.append(nil)
                    continue
                }
                index.append(Int32(chapters.count))
                courseKey.append(courseKeys[chapter.courseID] ?? -1)
                categoryID.append(context.courses[chapter.courseID]?.categoryID)
                chapters.append(chapter)
            }
        }

        /// Whether the row's chapter is known and belongs to the row's course.
        @inline(__always)
        func isKnown(_ row: UnsafePointer<PlaybackRow>) -> Bool {
            let key = Int(row.pointee.chapter)
            return index[key] >= 0 && courseKey[key] == row.pointee.course
        }
    }

    /// Runs the P rules on both cores: the row checks over slices of the rows, then the
    /// per-learner steps over slices of the learners (learners are independent of each other).
    func evaluate() -> Parts {
        let log = dataset.playback
        let settings = dataset.settings
        let table = ChapterTable(log: log, context: context)
        let learnerKnown = log.learners.strings.map { context.learners[$0] != nil }
        // A handful of distinct rates: each judged once against max-playback-rate.
        let rates = log.rateValues()
        let rateAllowed = rates.map { $0.isPositive && $0 <= settings.maxPlaybackRate }
        let maxRate = settings.maxPlaybackRate.description
        let slices = Parallel.slices(count: log.rows.count)

        // Step 1: checks in order; the first that fails rejects the row. Rows are read in place.
        var checked = log.rows.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let rows = buffer
            return Parallel.map(slices) { range -> (entries: [LedgerEntry], survivors: [Int32]) in
                var entries: [LedgerEntry] = []
                var survivors: [Int32] = []
                survivors.reserveCapacity(range.count)
                for index in range {
                    let row = rows.baseAddress! + index
                    let rule: RuleCode?
                    if !learnerKnown[Int(row.pointee.learner)] {
                        rule = .playbackUnknownLearner
                    } else if !table.isKnown(row) {
                        rule = .playbackUnknownChapter
                    } else if row.pointee.endedAt < row.pointee.startedAt {
                        rule = .playbackBadTime
                    } else if row.pointee.positionTo < row.pointee.positionFrom {
                        rule = .playbackBadPosition
                    } else if !rateAllowed[Int(row.pointee.rate)] {
                        rule = .playbackRate
                    } else if Self.isImplausible(
                        row.pointee, rate: rates[Int(row.pointee.rate)], tolerance: settings.plausibilityToleranceMilliseconds)
                    {
                        rule = .playbackImplausible
                    } else {
                        rule = nil
                    }
                    if let rule {
                        let category = table.isKnown(row) ? table.categoryID[Int(row.pointee.chapter)] : nil
                        entries.append(rejection(row.pointee, rule: rule, categoryID: category, maxRate: maxRate))
                    } else {
                        survivors.append(Int32(index))
                    }
                }
                return (entries, survivors)
            }
        }

        // Group the survivors by learner (a counting sort: one flat array, no array per learner).
        var starts = [Int](repeating: 0, count: log.learners.count + 1)
        for part in checked { for index in part.survivors { starts[Int(log.rows[Int(index)].learner) + 1] += 1 } }
        for learner in 0..<log.learners.count { starts[learner + 1] += starts[learner] }
        var grouped = [Int32](repeating: 0, count: starts[log.learners.count])
        var next = starts
        for part in checked {
            for index in part.survivors {
                let learner = Int(log.rows[Int(index)].learner)
                grouped[next[learner]] = index
                next[learner] += 1
            }
        }
        // Grouped now: the survivors' lists (4 bytes a row, 45 MB at 100,000 learners) go before
        // the per-learner steps, which set the stage's peak.
        for part in checked.indices { checked[part].survivors = [] }

        // Steps 2 and 3, learner by learner, on slices of the learners.
        let learnerSlices = Parallel.slices(count: log.learners.count)
        var perLearner = log.rows.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let rows = buffer
            return grouped.withUnsafeBufferPointer { grouped in
                nonisolated(unsafe) let grouped = grouped
                return Parallel.map(learnerSlices) { learners -> Outcome in
                    // Each accepted row makes at most one entry: reserving that many (address
                    // space only, until written) spares the doubling copies, whose freed buffers
                    // the worker's malloc arena would keep (as much memory again as the entries).
                    var outcome = Outcome()
                    outcome.chapters.reserveCapacity(starts[learners.upperBound] - starts[learners.lowerBound])
                    var work = LearnerWork()
                    for learner in learners where starts[learner] < starts[learner + 1] {
                        work.load(grouped[starts[learner]..<starts[learner + 1]], from: rows)
                        acceptOneThingAtATime(rows: rows, table: table, maxRate: maxRate, work: &work, outcome: &outcome)
                        cover(rows: rows, table: table, work: &work, outcome: &outcome)
                    }
                    return outcome
                }
            }
        }

        let rejections = checked.map(\.entries) + perLearner.map(\.entries)
        let chapters = perLearner.map(\.chapters)
        (checked, perLearner) = ([], [])
        let chapterEntries = ChapterEntries(table: table, log: log, settings: settings)
        return Parts(rejections: rejections, chapters: chapters, chapterEntries: chapterEntries)
    }

    /// What the per-learner steps read of a row, copied once into a small contiguous array: a
    /// learner's rows lie scattered over the whole log, and sorting them through their indices
    /// paid a cache miss at every comparison.
    struct LocalRow {
        var startedAt: Int64
        var endedAt: Int64
        var positionFrom: Int64
        var positionTo: Int64
        var chapter: Int32
        var session: Int32
        /// The row's index in the log (its event id breaks ties, read there).
        var index: Int32
    }

    /// Buffers one worker reuses from learner to learner.
    struct LearnerWork {
        /// The learner's rows that passed the row checks.
        var rows: [LocalRow] = []
        /// Those P-CONCURRENT accepted.
        var accepted: [LocalRow] = []
        /// Accepted rows that may still overlap a later row: their end, start and session.
        var open: [(endedAt: Int64, startedAt: Int64, session: Int32)] = []
        var union = IntervalUnion()

        mutating func load(_ indices: Slice<UnsafeBufferPointer<Int32>>, from log: UnsafeBufferPointer<PlaybackRow>) {
            rows.removeAll(keepingCapacity: true)
            for index in indices {
                let row = log.baseAddress! + Int(index)
                rows.append(
                    LocalRow(
                        startedAt: row.pointee.startedAt, endedAt: row.pointee.endedAt,
                        positionFrom: row.pointee.positionFrom, positionTo: row.pointee.positionTo,
                        chapter: row.pointee.chapter, session: row.pointee.session, index: index))
            }
        }
    }

    /// P-IMPLAUSIBLE: (pos_to − pos_from) / rate > (ended_at − started_at) + tolerance, exactly
    /// (for a row that passed the earlier checks: positions in order, a positive rate).
    static func isImplausible(_ row: PlaybackRow, rate: PlaybackRate, tolerance: Int64) -> Bool {
        rate.exceeds(content: row.positionTo - row.positionFrom, wall: row.endedAt - row.startedAt + tolerance)
    }

    /// P-CONCURRENT: in order of (started_at, event_id), a row overlapping (strictly) an
    /// accepted row of another player session is rejected; a rejected row blocks nothing.
    /// Sorts `work.rows`; the accepted rows go to `work.accepted`.
    private func acceptOneThingAtATime(
        rows log: UnsafeBufferPointer<PlaybackRow>, table: ChapterTable, maxRate: String, work: inout LearnerWork,
        outcome: inout Outcome
    ) {
        let base = log.baseAddress!
        work.rows.sort { x, y in
            if x.startedAt != y.startedAt { return x.startedAt < y.startedAt }
            return CodePoint.less(base[Int(x.index)].eventID, base[Int(y.index)].eventID)
        }
        work.accepted.removeAll(keepingCapacity: true)
        work.open.removeAll(keepingCapacity: true)
        for row in work.rows {
            work.open.removeAll { $0.endedAt <= row.startedAt }
            let clashes = work.open.contains { o in
                o.session != row.session && o.startedAt < row.endedAt && row.startedAt < o.endedAt
            }
            if clashes {
                let category = table.categoryID[Int(row.chapter)]
                outcome.entries.append(
                    rejection(base[Int(row.index)], rule: .playbackConcurrent, categoryID: category, maxRate: maxRate))
            } else {
                work.accepted.append(row)
                work.open.append((row.endedAt, row.startedAt, row.session))
            }
        }
    }

    /// P-CHAPTER / P-INCOMPLETE: per chapter, the union of [pos_from, pos_to) clipped to the
    /// duration, grown in order of (ended_at, event_id) until it reaches the threshold.
    /// Sorts the learner's accepted rows (`work.accepted`) in place.
    private func cover(
        rows log: UnsafeBufferPointer<PlaybackRow>, table: ChapterTable, work: inout LearnerWork, outcome: inout Outcome
    ) {
        guard !work.accepted.isEmpty else { return }
        let threshold = Int128(dataset.settings.chapterThresholdHundredths)
        let base = log.baseAddress!
        // One sort puts each chapter's rows together, in order of (ended_at, event_id): no
        // dictionary of arrays per learner (6 million chapters in the benchmark).
        work.accepted.sort { x, y in
            if x.chapter != y.chapter { return x.chapter < y.chapter }
            if x.endedAt != y.endedAt { return x.endedAt < y.endedAt }
            return CodePoint.less(base[Int(x.index)].eventID, base[Int(y.index)].eventID)
        }
        let ordered = work.accepted
        var runStart = 0
        while runStart < ordered.count {
            let chapterKey = ordered[runStart].chapter
            var runEnd = runStart + 1
            while runEnd < ordered.count, ordered[runEnd].chapter == chapterKey { runEnd += 1 }
            defer { runStart = runEnd }
            let chapterIndex = Int(table.index[Int(chapterKey)])
            guard chapterIndex >= 0 else { continue }
            let duration = table.chapters[chapterIndex].durationMilliseconds
            work.union.removeAll()
            var crossing: LocalRow?
            for row in ordered[runStart..<runEnd] {
                work.union.insert(from: max(0, min(row.positionFrom, duration)), to: max(0, min(row.positionTo, duration)))
                if Int128(work.union.covered) * 10_000 >= threshold * Int128(duration) {
                    crossing = row
                    break
                }
            }
            let credited = crossing.map { base + Int($0.index) }
            let row = credited ?? base + Int(ordered[runEnd - 1].index)
            let date = Timestamp(millisecondsSinceEpoch: row.pointee.endedAt).localDate(in: dataset.settings.timezone)
            outcome.chapters.append(
                ChapterOutcome(
                    covered: work.union.covered, endedAt: row.pointee.endedAt, learner: row.pointee.learner,
                    chapter: chapterKey, file: row.pointee.file, line: row.pointee.line, date: date.ordinal,
                    isCredited: credited != nil))
        }
    }

    /// The entry for a rejected row, dated by the local date of its ended_at (`categoryID`: that
    /// of the row's chapter, when known; `maxRate`: max-playback-rate as written in messages).
    private func rejection(_ row: PlaybackRow, rule: RuleCode, categoryID: String?, maxRate: String) -> LedgerEntry {
        let log = dataset.playback
        let date = Timestamp(millisecondsSinceEpoch: row.endedAt).localDate(in: dataset.settings.timezone)
        return LedgerEntry(
            learnerID: log.learners[row.learner], year: date.year, date: date, rule: rule, status: .rejected,
            categoryID: categoryID,
            source: EntrySource(kind: .playback, id: row.eventID, location: log.location(of: row)),
            reason: Messages.playbackRejected(rule, row: row, log: log, maxRate: maxRate))
    }
}
/// A union of half-open intervals [from, to) in milliseconds, with its covered length.
struct IntervalUnion {
    /// Disjoint, sorted, non-adjacent intervals.
    private(set) var intervals: [(from: Int64, to: Int64)] = []
    private(set) var covered: Int64 = 0

    /// Adds [from, to), merging it with every interval it overlaps or touches, in place.
    mutating func insert(from: Int64, to: Int64) {
        guard to > from else { return }
        // The first interval that ends at or after `from` is the first that can merge.
        var low = 0
        var high = intervals.count
        while low < high {
            let middle = (low + high) / 2
            if intervals[middle].to < from { low = middle + 1 } else { high = middle }
        }
        var merged = (from: from, to: to)
        var end = low
        while end < intervals.count, intervals[end].from <= merged.to {
            merged = (min(merged.from, intervals[end].from), max(merged.to, intervals[end].to))
            covered -= intervals[end].to - intervals[end].from
            end += 1
        }
        intervals.replaceSubrange(low..<end, with: CollectionOfOne(merged))
        covered += merged.to - merged.from
    }

    /// Empties the union, keeping its storage for the next chapter.
    mutating func removeAll() {
        intervals.removeAll(keepingCapacity: true)
        covered = 0
    }
}
