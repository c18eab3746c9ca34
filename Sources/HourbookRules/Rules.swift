import HourbookCore

/// The rules stage: a dataset in, the ledger of every decision and the tally out.
///
/// The families run in the order their inputs need: playback (P) and check-ins (C) first,
/// filings (F) next (a make-up pays only for sessions not already credited), then the cap
/// (Y-CAP) over all credits, class progress and exams (X), and the totals (Y).
public enum Rules {
    /// Applies every rule of RULES.md to `dataset`.
    public static func evaluate(_ dataset: Dataset) -> (ledger: Ledger, tally: Tally) {
        let context = RuleContext(dataset)
        var playback = PlaybackRules(dataset: dataset, context: context).evaluate()
        let checkins = CheckinRules(dataset: dataset, context: context).evaluate()
        let filings = FilingRules(dataset: dataset, context: context, sessionCredits: checkins.credits).evaluate()
        // Take the playback entries over (millions): growing a uniquely held array moves them.
        var entries = playback.entries
        playback.entries = []
        entries.reserveCapacity(entries.count + checkins.entries.count + filings.entries.count + dataset.exams.count)
        entries += checkins.entries
        entries += filings.entries
        CapRule.apply(to: &entries, settings: dataset.settings)
        let classes = ClassRules(
            dataset: dataset, context: context, chapterCredits: playback.credits, sessionCredits: checkins.credits,
            makeups: filings.makeups)
        let progress = classes.progress()
        entries += classes.examEntries(progress: progress)
        let ledger = Ledger(entries: entries)
        let tally = TallyBuilder(dataset: dataset).build(ledger: ledger, classProgress: progress)
        return (ledger, tally)
    }
}
