import HourbookCore

/// P — playback (线上学习): row checks, one-thing-at-a-time, and the 60 % chapter rule.
///
/// Memory grows with what must be kept: one pass over the rows for the checks, then the
/// accepted rows' indices grouped per learner; no copies of the rows themselves.
struct PlaybackRules {
    let dataset: Dataset
    let context: RuleContext

    /// A chapter credit, with the instant that earned it (for class progress). Learner and
    /// course are keys of the playback log's interners: millions of credits, 32 bytes each.
    struct ChapterCredit {
        var learner: Int32
        var course: Int32
        var hours: Hours
        var endedAt: Timestamp
        var date: LocalDate
    }

    struct Outcome {
        var entries: [LedgerEntry] = []
        var credits: [ChapterCredit] = []
    }

    /// What `evaluate` gives: the entries in parts, one per slice of the work, for the caller to
    /// gather once the playback rows are freed (gathering them here held rows, parts and the
    /// gathered array at once: 3.4 GB for 10 million rows), and every chapter credit.
    struct Parts {
        var entries: [[LedgerEntry]]
        var credits: [ChapterCredit]

        var entryCount: Int { entries.reduce(0) { $0 + $1.count } }
    }

    /// Runs the P rules on both cores: the row checks over slices of the rows, then the
    /// per-learner steps over slices of the learners (learners are independent of each other).
    func evaluate() -> Parts {
        let log = dataset.playback
        let settings = dataset.settings
        // Resolve interned keys once: learner key → known?, chapter key → usable chapter of the row's course.
        let learnerKnown = log.learners.strings.map { context.learners[$0] != nil }
        let chapterByKey: [Chapter?] = log.chapters.strings.map { context.chapters[$0] }
        let courseByKey: [String] = log.courses.strings
        // A handful of distinct rates: each judged once against max-playback-rate.
        let rates = log.rateValues()
        let rateAllowed = rates.map { $0.isPositive && $0 <= settings.maxPlaybackRate }
        let slices = Parallel.slices(count: log.rows.count)

        // Step 1: checks in order; the first that fails rejects the row.
        var checked = Parallel.map(slices) { range -> (entries: [LedgerEntry], survivors: [Int32]) in
            var entries: [LedgerEntry] = []
            var survivors: [Int32] = []
            survivors.reserveCapacity(range.count)
            for index in range {
                let row = log.rows[index]
                let chapter = chapterByKey[Int(row.chapter)]
                let knownChapter = chapter.flatMap { $0.courseID == courseByKey[Int(row.course)] ? $0 : nil }
                let rule: RuleCode?
                if !learnerKnown[Int(row.learner)] {
                    rule = .playbackUnknownLearner
                } else if knownChapter == nil {
                    rule = .playbackUnknownChapter
                } else if row.endedAt < row.startedAt {
                    rule = .playbackBadTime
                } else if row.positionTo < row.positionFrom {
                    rule = .playbackBadPosition
                } else if !rateAllowed[Int(row.rate)] {
                    rule = .playbackRate
                } else if Self.isImplausible(row, rate: rates[Int(row.rate)], tolerance: settings.plausibilityToleranceMilliseconds) {
                    rule = .playbackImplausible
                } else {
                    rule = nil
                }
                if let rule {
                    entries.append(rejection(row, rule: rule, chapter: knownChapter))
                } else {
                    survivors.append(Int32(index))
                }
            }
            return (entries, survivors)
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

        // Steps 2 and 3, learner by learner, on slices of the learners.
        let learnerSlices = Parallel.slices(count: log.learners.count)
        var perLearner = Parallel.map(learnerSlices) { learners -> Outcome in
            // Each accepted row makes at most one entry: reserving that many (address space only,
            // until written) spares the doubling copies, whose freed buffers the worker's malloc
            // arena would keep (as much memory again as the entries).
            var outcome = Outcome()
            outcome.entries.reserveCapacity(starts[learners.upperBound] - starts[learners.lowerBound])
            outcome.credits.reserveCapacity(starts[learners.upperBound] - starts[learners.lowerBound])
            for learner in learners where starts[learner] < starts[learner + 1] {
                let accepted = acceptOneThingAtATime(Array(grouped[starts[learner]..<starts[learner + 1]]), outcome: &outcome)
                cover(accepted, outcome: &outcome)
            }
            return outcome
        }

        var credits: [ChapterCredit] = []
        credits.reserveCapacity(perLearner.reduce(0) { $0 + $1.credits.count })
        for part in perLearner.indices {
            credits += perLearner[part].credits
            perLearner[part].credits = []
        }
        let entries = checked.map(\.entries) + perLearner.map(\.entries)
        (checked, perLearner) = ([], [])
        return Parts(entries: entries, credits: credits)
    }

    /// P-IMPLAUSIBLE: (pos_to − pos_from) / rate > (ended_at − started_at) + tolerance, exactly
    /// (for a row that passed the earlier checks: positions in order, a positive rate).
    static func isImplausible(_ row: PlaybackRow, rate: PlaybackRate, tolerance: Int64) -> Bool {
        rate.exceeds(content: row.positionTo - row.positionFrom, wall: row.endedAt - row.startedAt + tolerance)
    }

    /// P-CONCURRENT: in order of (started_at, event_id), a row overlapping (strictly) an
    /// accepted row of another player session is rejected; a rejected row blocks nothing.
    private func acceptOneThingAtATime(_ indices: [Int32], outcome: inout Outcome) -> [Int32] {
        let rows = dataset.playback.rows
        let ordered = indices.sorted { a, b in
            let x = rows[Int(a)], y = rows[Int(b)]
            if x.startedAt != y.startedAt { return x.startedAt < y.startedAt }
            return CodePoint.less(x.eventID, y.eventID)
        }
        var accepted: [Int32] = []
        accepted.reserveCapacity(ordered.count)
        // Accepted rows that may still overlap a later row (end > the current start).
        var open: [Int32] = []
        for index in ordered {
            let row = rows[Int(index)]
            open.removeAll { rows[Int($0)].endedAt <= row.startedAt }
            let clashes = open.contains { other in
                let o = rows[Int(other)]
                return o.session != row.session && o.startedAt < row.endedAt && row.startedAt < o.endedAt
            }
            if clashes {
                let chapter = context.chapters[dataset.playback.chapters[row.chapter]]
                outcome.entries.append(rejection(row, rule: .playbackConcurrent, chapter: chapter))
            } else {
                accepted.append(index)
                open.append(index)
            }
        }
        return accepted
    }

    /// P-CHAPTER / P-INCOMPLETE: per chapter, the union of [pos_from, pos_to) clipped to the
    /// duration, grown in order of (ended_at, event_id) until it reaches the threshold.
    private func cover(_ accepted: [Int32], outcome: inout Outcome) {
        let log = dataset.playback
        let threshold = Int128(dataset.settings.chapterThresholdHundredths)
        // One sort puts each chapter's rows together, in order of (ended_at, event_id): no
        // dictionary of arrays per learner (6 million chapters in the benchmark).
        let ordered = log.rows.withUnsafeBufferPointer { rows in
            accepted.sorted { a, b in
                let x = rows[Int(a)], y = rows[Int(b)]
                if x.chapter != y.chapter { return x.chapter < y.chapter }
                if x.endedAt != y.endedAt { return x.endedAt < y.endedAt }
                return CodePoint.less(x.eventID, y.eventID)
            }
        }
        var union = IntervalUnion()
        var runStart = 0
        while runStart < ordered.count {
            let chapterKey = log.rows[Int(ordered[runStart])].chapter
            var runEnd = runStart + 1
            while runEnd < ordered.count, log.rows[Int(ordered[runEnd])].chapter == chapterKey { runEnd += 1 }
            defer { runStart = runEnd }
            guard let chapter = context.chapters[log.chapters[chapterKey]] else { continue }
            union.removeAll()
            var crossing: PlaybackRow?
            for index in ordered[runStart..<runEnd] {
                let row = log.rows[Int(index)]
                union.insert(
                    from: max(0, min(row.positionFrom, chapter.durationMilliseconds)),
                    to: max(0, min(row.positionTo, chapter.durationMilliseconds)))
                if Int128(union.covered) * 10_000 >= threshold * Int128(chapter.durationMilliseconds) {
                    crossing = row
                    break
                }
            }
            let learnerID = log.learners[log.rows[Int(ordered[runStart])].learner]
            let category = context.courses[chapter.courseID]?.categoryID
            let detail = EntryDetail(coveredMilliseconds: union.covered, durationMilliseconds: chapter.durationMilliseconds)
            if let row = crossing {
                let date = Timestamp(millisecondsSinceEpoch: row.endedAt).localDate(in: dataset.settings.timezone)
                outcome.entries.append(
                    LedgerEntry(
                        learnerID: learnerID, year: date.year, date: date, rule: .playbackChapter, status: .credited,
                        hours: chapter.hours, categoryID: category,
                        source: EntrySource(kind: .chapter, id: chapter.id, location: log.location(of: row)),
                        reason: Messages.chapterCredited(chapter, percent: detail.progressPercent ?? 0, settings: dataset.settings),
                        detail: detail))
                outcome.credits.append(
                    ChapterCredit(
                        learner: row.learner, course: row.course, hours: chapter.hours,
                        endedAt: Timestamp(millisecondsSinceEpoch: row.endedAt), date: date))
            } else {
                let last = log.rows[Int(ordered[runEnd - 1])]
                let date = Timestamp(millisecondsSinceEpoch: last.endedAt).localDate(in: dataset.settings.timezone)
                outcome.entries.append(
                    LedgerEntry(
                        learnerID: learnerID, year: date.year, date: date, rule: .playbackIncomplete, status: .pending,
                        categoryID: category,
                        source: EntrySource(kind: .chapter, id: chapter.id, location: log.location(of: last)),
                        reason: Messages.chapterIncomplete(chapter, percent: detail.progressPercent ?? 0, settings: dataset.settings),
                        detail: detail))
            }
        }
    }

    /// The entry for a rejected row, dated by the local date of its ended_at.
    private func rejection(_ row: PlaybackRow, rule: RuleCode, chapter: Chapter?) -> LedgerEntry {
        let log = dataset.playback
        let date = Timestamp(millisecondsSinceEpoch: row.endedAt).localDate(in: dataset.settings.timezone)
        return LedgerEntry(
            learnerID: log.learners[row.learner], year: date.year, date: date, rule: rule, status: .rejected,
            categoryID: chapter.flatMap { context.courses[$0.courseID]?.categoryID },
            source: EntrySource(kind: .playback, id: row.eventID, location: log.location(of: row)),
            reason: Messages.playbackRejected(rule, row: row, log: log, settings: dataset.settings))
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
