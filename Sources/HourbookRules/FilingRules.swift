import HourbookCore

/// F — filings (外部培训填报) and year-end make-up applications (年终补录).
struct FilingRules {
    let dataset: Dataset
    let context: RuleContext
    /// Session credits from check-ins (before caps): a make-up pays only for the rest.
    let sessionCredits: [CheckinRules.SessionCredit]

    /// An approved make-up, with its submission instant (for class progress).
    struct MakeupCredit {
        var learnerID: String
        var classID: String
        var hours: Hours
        var submittedAt: Timestamp
    }

    struct Outcome {
        var entries: [LedgerEntry] = []
        var makeups: [MakeupCredit] = []
    }

    func evaluate() -> Outcome {
        var outcome = Outcome()
        outcome.entries.reserveCapacity(dataset.filings.count)
        // learner + class → session ids credited, for the pairs a make-up names only: a set of
        // every credit's session, in a dictionary of every pair, cost a third of the filing rules
        // (800,000 session credits in the benchmark, a few thousand make-ups; the filing rules
        // 78 -> 48 M instructions at 2,000 learners).
        var creditedSessions: [LearnerClass: Set<String>] = [:]
        for filing in dataset.filings where filing.type == .makeup {
            if let classID = filing.classID { creditedSessions[key(filing.learnerID, classID)] = [] }
        }
        if !creditedSessions.isEmpty {
            for credit in sessionCredits {
                let pair = key(credit.learnerID, credit.classID)
                if let index = creditedSessions.index(forKey: pair) { creditedSessions.values[index].insert(credit.sessionID) }
            }
        }
        // Taken in order of (submitted_at, id), those without submitted_at last.
        let ordered = dataset.filings.sorted { a, b in
            switch (a.submittedAt, b.submittedAt) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return CodePoint.less(a.id, b.id)
            }
        }
        var seen: Set<DuplicateKey> = []  // F-DUPLICATE keys of filings that passed the earlier checks
        for filing in ordered {
            let trainingClass = filing.classID.flatMap { context.classes[$0] }
            var decision = check(filing, trainingClass: trainingClass)
            if decision == nil {
                let duplicateKey =
                    filing.type == .makeup
                    ? DuplicateKey(learnerID: filing.learnerID, type: filing.type, text: filing.classID ?? "", start: nil)
                    : DuplicateKey(learnerID: filing.learnerID, type: filing.type, text: filing.name ?? "", start: filing.start)
                if seen.contains(duplicateKey) {
                    decision = .filingDuplicate
                } else {
                    seen.insert(duplicateKey)
                    if filing.type == .makeup, let trainingClass {
                        decision = checkMakeup(filing, trainingClass: trainingClass)
                    }
                }
            }
            let entry: LedgerEntry
            if let rule = decision {
                entry = make(filing, rule: rule, status: .rejected, trainingClass: trainingClass)
            } else {
                entry = decide(filing, trainingClass: trainingClass, creditedSessions: creditedSessions, outcome: &outcome)
            }
            outcome.entries.append(entry)
        }
        return outcome
    }

    /// The checks before F-DUPLICATE, in order; nil when all pass.
    private func check(_ filing: Filing, trainingClass: TrainingClass?) -> RuleCode? {
        if context.learners[filing.learnerID] == nil { return .filingUnknownLearner }
        switch filing.type {
        case .makeup:
            if filing.year == nil || filing.classID == nil { return .filingMissingField }
            guard let trainingClass else { return .filingUnknownClass }
            if filing.year != trainingClass.end.year { return .filingDates }
        case .onsite, .online:
            guard let year = filing.year, filing.name != nil, let category = filing.categoryID, let start = filing.start,
                let end = filing.end, filing.requestedHours != nil, filing.host != nil
            else { return .filingMissingField }
            if context.categories[category] == nil { return .filingBadCategory }
            if end < start || (year != start.year && year != end.year) { return .filingDates }
        }
        if !hasValidAttachments(filing) { return .filingAttachment }
        return nil
    }

    /// F-ATTACHMENT: at least one attachment; each inside the data folder, a file, digest matching.
    private func hasValidAttachments(_ filing: Filing) -> Bool {
        guard !filing.attachments.isEmpty else { return false }
        for attachment in filing.attachments {
            guard let file = dataset.attachmentFiles[attachment.path], file.problem == nil, let actual = file.sha256
            else { return false }
            if let expected = attachment.sha256, expected.lowercased() != actual.lowercased() { return false }
        }
        return true
    }

    /// The make-up-only checks: F-MAKEUP-ONLINE, F-NOT-MEMBER, F-MAKEUP-CLOSED.
    private func checkMakeup(_ filing: Filing, trainingClass: TrainingClass) -> RuleCode? {
        if trainingClass.mode == .online { return .filingMakeupOnline }
        if trainingClass.excludes(filing.learnerID) { return .filingNotMember }
        guard let year = filing.year, let window = dataset.settings.makeupWindows[year], let submitted = filing.submittedAt,
            window.contains(submitted.localDate(in: dataset.settings.timezone))
        else { return .filingMakeupClosed }
        return nil
    }

    /// A filing that passed every check: the decision by status, and the hours credited.
    private func decide(
        _ filing: Filing, trainingClass: TrainingClass?, creditedSessions: [LearnerClass: Set<String>], outcome: inout Outcome
    ) -> LedgerEntry {
        switch (filing.type, filing.status) {
        case (.online, .rejected), (.onsite, .rejected), (.makeup, .rejected):
            return make(filing, rule: .filingRejected, status: .rejected, trainingClass: trainingClass)
        case (.onsite, .pending), (.makeup, .pending):
            return make(filing, rule: .filingPending, status: .pending, trainingClass: trainingClass)
        case (.online, _), (.onsite, .approved):
            let claimed = filing.approvedHours ?? filing.requestedHours ?? .zero
            let days = (filing.start?.days(to: filing.end ?? filing.start!) ?? 0) + 1
            let most = dataset.settings.maxHoursPerDay * days
            if claimed > most {
                return make(
                    filing, rule: .filingHoursCut, status: .credited, hours: most, cut: claimed - most,
                    trainingClass: trainingClass)
            }
            return make(
                filing, rule: filing.type == .online ? .filingOnline : .filingOnsite, status: .credited, hours: claimed,
                trainingClass: trainingClass)
        case (.makeup, .approved):
            let trainingClass = trainingClass!
            let attended = creditedSessions[key(filing.learnerID, trainingClass.id)] ?? []
            let hours = trainingClass.sessions.filter { !attended.contains($0.id) }.reduce(Hours.zero) { $0 + $1.hours }
            if hours.isZero {
                return make(filing, rule: .filingMakeupNothing, status: .rejected, trainingClass: trainingClass)
            }
            outcome.makeups.append(
                MakeupCredit(
                    learnerID: filing.learnerID, classID: trainingClass.id, hours: hours, submittedAt: filing.submittedAt!))
            return make(filing, rule: .filingMakeup, status: .credited, hours: hours, trainingClass: trainingClass)
        }
    }

    /// The entry: dated by the filing's end (make-up: the class's end), else the local date of
    /// submitted_at; in the filing's own year field; category the filing's (make-up: the class's).
    private func make(
        _ filing: Filing, rule: RuleCode, status: EntryStatus, hours: Hours = .zero, cut: Hours = .zero,
        trainingClass: TrainingClass?
    ) -> LedgerEntry {
        let isMakeup = filing.type == .makeup
        let date = (isMakeup ? trainingClass?.end : filing.end)
            ?? filing.submittedAt?.localDate(in: dataset.settings.timezone)
        let category = isMakeup ? trainingClass?.categoryID : filing.categoryID
        let claimed: Hours? = isMakeup ? nil : (filing.approvedHours ?? filing.requestedHours)
        return LedgerEntry(
            learnerID: filing.learnerID, year: filing.year ?? date?.year, date: date, rule: rule, status: status,
            hours: hours, cutHours: cut, categoryID: category,
            source: EntrySource(kind: .filing, id: filing.id, location: filing.source),
            reason: Messages.filing(rule, filing, hours: hours, cut: cut, trainingClass: trainingClass, settings: dataset.settings),
            detail: EntryDetail(classID: isMakeup ? filing.classID : nil, claimedHours: claimed))
    }

    private func key(_ learnerID: String, _ classID: String) -> LearnerClass {
        LearnerClass(learnerID: learnerID, classID: classID)
    }

    /// One learner in one class (a struct key: joining the two texts cost an allocation for
    /// each of 800,000 session credits).
    struct LearnerClass: Hashable {
        var learnerID: String
        var classID: String
    }

    /// What makes two filings the same for F-DUPLICATE: learner and type, then the class (make-up)
    /// or the training's name (absent reads as empty) and start date.
    struct DuplicateKey: Hashable {
        var learnerID: String
        var type: FilingType
        var text: String
        var start: LocalDate?
    }
}
