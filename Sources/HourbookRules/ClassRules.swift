import HourbookCore

/// X — classes and exams: class progress (已学学时 / 学时要求) and X-EXAM-EARLY.
struct ClassRules {
    let dataset: Dataset
    let context: RuleContext

    /// One contribution to a class's progress: hours at an instant.
    struct Step {
        var hours: Hours
        var at: Timestamp
    }

    /// Each class's steps, by learner.
    typealias Steps = [String: [String: [Step]]]

    /// The steps of online classes: chapter credits of the class's courses dated on or before
    /// its end. They need only the P rules' credits, so they are worked out while the check-in
    /// and filing rules finish (class progress, on one core, is what the rules wait for last).
    func onlineSteps(chapterCredits: [PlaybackRules.ChapterCredit]) -> Steps {
        var steps: Steps = [:]
        var onlineClassesByCourse: [String: [TrainingClass]] = [:]
        for trainingClass in dataset.classes where trainingClass.mode == .online {
            for courseID in Set(trainingClass.courseIDs) { onlineClassesByCourse[courseID, default: []].append(trainingClass) }
        }
        let log = dataset.playback
        let classesByCourseKey = log.courses.strings.map { onlineClassesByCourse[$0] ?? [] }
        for credit in chapterCredits {
            for trainingClass in classesByCourseKey[Int(credit.course)] where credit.date <= trainingClass.end {
                steps[trainingClass.id, default: [:]][log.learners[credit.learner], default: []]
                    .append(Step(hours: credit.hours, at: credit.endedAt))
            }
        }
        return steps
    }

    /// Progress of every (class, learner) pair that is a listed member or has any progress:
    /// the online steps, then sessions and make-ups.
    func progress(
        onlineSteps: Steps, sessionCredits: [CheckinRules.SessionCredit], makeups: [FilingRules.MakeupCredit]
    ) -> [ClassProgress] {
        var steps = onlineSteps
        for credit in sessionCredits {
            steps[credit.classID, default: [:]][credit.learnerID, default: []].append(Step(hours: credit.hours, at: credit.at))
        }
        for makeup in makeups {
            steps[makeup.classID, default: [:]][makeup.learnerID, default: []]
                .append(Step(hours: makeup.hours, at: makeup.submittedAt))
        }
        // Ordered by class id, then learner id: each class's learners are sorted here, then the
        // classes by id. One sort of all the pairs by both texts, moving `ClassProgress`es, took
        // a quarter of class progress, which the rules wait for (0.12-0.18 s at 20,000 learners;
        // now 0.01 s).
        var progressByClass: [[ClassProgress]] = []
        for trainingClass in dataset.classes {
            var learners = Set(trainingClass.memberIDs.filter { context.learners[$0] != nil })
            learners.formUnion(steps[trainingClass.id]?.keys ?? [:].keys)
            var progress: [ClassProgress] = []
            for learnerID in learners.sorted(by: CodePoint.less) {
                let ordered = (steps[trainingClass.id]?[learnerID] ?? []).sorted { $0.at < $1.at }
                var learned = Hours.zero
                var reachedAt: Timestamp?
                for step in ordered {
                    learned += step.hours
                    if reachedAt == nil, let required = trainingClass.requiredHours, learned >= required {
                        reachedAt = step.at
                    }
                }
                if reachedAt == nil, let required = trainingClass.requiredHours, required.isZero {
                    reachedAt = Timestamp(millisecondsSinceEpoch: Int64.min)
                }
                progress.append(
                    ClassProgress(
                        classID: trainingClass.id, learnerID: learnerID, learnedHours: learned,
                        requiredHours: trainingClass.requiredHours, reachedAt: reachedAt))
            }
            progressByClass.append(progress)
        }
        let classes = dataset.classes
        let classOrder = classes.indices.sorted { CodePoint.less(classes[$0].id, classes[$1].id) }
        var result: [ClassProgress] = []
        var start = 0
        while start < classOrder.count {
            var end = start + 1
            while end < classOrder.count, classes[classOrder[end]].id == classes[classOrder[start]].id { end += 1 }
            // Classes sharing an id (the import rejects them) have their learners merged.
            let group = classOrder[start..<end].flatMap { progressByClass[$0] }
            result += end - start == 1 ? group : group.sorted { CodePoint.less($0.learnerID, $1.learnerID) }
            start = end
        }
        return result
    }

    /// X-EXAM-EARLY: an exam of a class with an exam and required hours, taken before the
    /// learner reached them, or by a learner who never did. An exam of a learner or class the
    /// import does not know was a warning there and is not checked: no entry.
    func examEntries(progress: [ClassProgress]) -> [LedgerEntry] {
        var reached: [String: Timestamp] = [:]
        for item in progress { if let at = item.reachedAt { reached[item.classID + "\u{0}" + item.learnerID] = at } }
        var entries: [LedgerEntry] = []
        for exam in dataset.exams {
            guard context.learners[exam.learnerID] != nil, let trainingClass = context.classes[exam.classID],
                trainingClass.hasExam,
                let required = trainingClass.requiredHours
            else { continue }
            let reachedAt = reached[exam.classID + "\u{0}" + exam.learnerID]
            if let reachedAt, exam.takenAt >= reachedAt { continue }
            let date = exam.takenAt.localDate(in: dataset.settings.timezone)
            entries.append(
                LedgerEntry(
                    learnerID: exam.learnerID, year: date.year, date: date, rule: .examEarly, status: .flagged,
                    categoryID: trainingClass.categoryID,
                    source: EntrySource(kind: .exam, id: exam.id, location: exam.source),
                    reason: Messages.examEarly(trainingClass, required: required, reachedAt: reachedAt, settings: dataset.settings),
                    detail: EntryDetail(classID: trainingClass.id)))
        }
        return entries
    }
}
