import Dispatch
import HourbookCore

/// The rules stage: a dataset in, the ledger of every decision and the tally out.
///
/// The families run in the order their inputs need: check-ins (C), then filings (F) (a make-up
/// pays only for sessions not already credited), and playback (P), whose entries are the bulk;
/// then class progress and exams (X), the cap (Y-CAP) over all credits once the ledger is in
/// order, and the totals (Y).
public enum Rules {
    /// Applies every rule of RULES.md to `dataset`.
    public static func evaluate(_ dataset: Dataset) -> (ledger: Ledger, tally: Tally) {
        var dataset = dataset
        return evaluate(releasingPlaybackRowsOf: &dataset)
    }

    /// Applies every rule of RULES.md to `dataset`, and empties `dataset.playback.rows` as soon as
    /// the P rules have decided every row: when the caller holds the only reference, their memory
    /// (about 0.9 GB for 11 million rows) is free again before the entries are made.
    public static func evaluate(releasingPlaybackRowsOf dataset: inout Dataset) -> (ledger: Ledger, tally: Tally) {
        let context = RuleContext(dataset)
        // Check-ins, then filings, on one thread while the P rules run on both cores: those two
        // families run in order on one core, and took half of the stage's wall time after it.
        // They read no playback rows, so their copy of the dataset holds none (the rows stay
        // free to go when the P rules are done).
        var withoutRows = dataset
        withoutRows.playback.rows = []
        nonisolated(unsafe) var others: (checkins: CheckinRules.Outcome, filings: FilingRules.Outcome)?
        let othersDone = DispatchGroup()
        DispatchQueue.global().async(group: othersDone) { [withoutRows] in
            let checkins = CheckinRules(dataset: withoutRows, context: context).evaluate()
            let filings = FilingRules(dataset: withoutRows, context: context, sessionCredits: checkins.credits).evaluate()
            others = (checkins, filings)
        }
        var playback = PlaybackRules(dataset: dataset, context: context).evaluate()
        dataset.playback.rows = []
        // Class progress waits for the check-ins and filings, and the rules wait for it last: it
        // starts at once with the chapter credits, while those finish. The P entries are
        // gathered meanwhile too, with room for the rest: one entry per check-in, per filing and
        // at most per exam. (At 100,000 learners one core sat idle for 1.2 s waiting for the
        // check-ins and filings, then 1.0 s for class progress.)
        let classes = ClassRules(dataset: withoutRows, context: context)
        nonisolated(unsafe) var classProgress: [ClassProgress]?
        let progressDone = DispatchGroup()
        // The credits are made from the chapter outcomes now that the rows are freed.
        DispatchQueue.global().async(group: progressDone) { [chapterCredits = playback.credits()] in
            let onlineSteps = classes.onlineSteps(chapterCredits: chapterCredits)
            othersDone.wait()
            classProgress = classes.progress(
                onlineSteps: onlineSteps, sessionCredits: others!.checkins.credits, makeups: others!.filings.makeups)
        }
        var entries = Self.gather(
            &playback, reserving: dataset.checkins.count + dataset.filings.count + dataset.exams.count)
        // The parts were allocated on the worker threads, whose malloc arenas keep freed memory
        // (as much again as the entries: 1.1 GB for 10 million rows); hand it back to the system.
        Memory.returnFreedPages()
        othersDone.wait()
        let (checkins, filings) = others!
        entries += checkins.entries
        entries += filings.entries
        progressDone.wait()
        let progress = classProgress!
        entries += classes.examEntries(progress: progress)
        var ledger = Ledger(entries: consume entries)
        // Y-CAP after the order, learner by learner on every core (see CapRule).
        CapRule.apply(to: &ledger, settings: dataset.settings)
        let tally = TallyBuilder(dataset: dataset).build(ledger: ledger, classProgress: progress)
        return (ledger, tally)
    }

    /// The P entries in one array, with room for `extra` more: the entries of rejected rows,
    /// then those of the chapter decisions, made here, after the rows are freed.
    ///
    /// The parts are emptied on both cores, each freed once done. The rejections' entries are
    /// moved, not copied: `popLast` hands each one over without retaining its texts (copying
    /// them retained and then released every text on one core: 1.0 s for 7.7 million entries).
    private static func gather(_ parts: inout PlaybackRules.Parts, reserving extra: Int) -> [LedgerEntry] {
        let counts = parts.rejections.map(\.count) + parts.chapters.map(\.count)
        let ends = counts.reduce(into: [Int]()) { ends, count in ends.append((ends.last ?? 0) + count) }
        let count = ends.last ?? 0
        let rejectionParts = parts.rejections.count
        let chapterEntries = parts.chapterEntries
        return [LedgerEntry](unsafeUninitializedCapacity: count + extra) { buffer, initialized in
            nonisolated(unsafe) let buffer = buffer
            parts.rejections.withUnsafeMutableBufferPointer { rejections in
                parts.chapters.withUnsafeMutableBufferPointer { chapters in
                    nonisolated(unsafe) let (rejections, chapters) = (rejections, chapters)
                    DispatchQueue.concurrentPerform(iterations: counts.count) { part in
                        if part < rejectionParts {
                            // Each part fills its own range of the result from the back, as `popLast` gives.
                            var slot = ends[part]
                            while let entry = rejections[part].popLast() {
                                slot -= 1
                                (buffer.baseAddress! + slot).initialize(to: entry)
                            }
                            rejections[part] = []
                        } else {
                            var slot = ends[part] - counts[part]
                            for outcome in chapters[part - rejectionParts] {
                                (buffer.baseAddress! + slot).initialize(to: chapterEntries.entry(outcome))
                                slot += 1
                            }
                            chapters[part - rejectionParts] = []
                        }
                    }
                }
            }
            initialized = count
        }
    }
}
