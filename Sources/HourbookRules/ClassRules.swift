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

    /// Every class's steps, with classes and learners as small numbers. Nested dictionaries keyed
    /// by the texts hashed both ids for each of a million credits, and each class's learners were
    /// a set of texts sorted by code point: class progress took 0.5-0.9 s on one thread at
    /// 100,000 learners, and the rules waited for it last (130 -> 51 M instructions at 2,000).
    struct Steps {
        /// Learner ids by number: the roster in code point order, then any other id a step names.
        fileprivate var learnerIDs: [String]
        fileprivate var learnerNumbers: [String: Int32]
        /// Learners of the roster: numbers below this are in code point order.
        fileprivate let rosterCount: Int
        /// Class id → the index of the first class with that id (classes sharing an id share steps).
        fileprivate let slots: [String: Int32]
        fileprivate var items: [Item] = []

        fileprivate struct Item {
            var slot: Int32
            var learner: Int32
            var step: Step
        }

        fileprivate init(classes: [TrainingClass], roster: [String: Learner]) {
            learnerIDs = roster.keys.sorted(by: CodePoint.less)
            learnerNumbers = Dictionary(minimumCapacity: learnerIDs.count)
            for (number, id) in learnerIDs.enumerated() { learnerNumbers[id] = Int32(number) }
            rosterCount = learnerIDs.count
            var slots: [String: Int32] = [:]
            for (index, trainingClass) in classes.enumerated() where slots[trainingClass.id] == nil {
                slots[trainingClass.id] = Int32(index)
            }
            self.slots = slots
        }

        /// The learner's number; an id outside the roster (the rules credit none) gets the next.
        fileprivate mutating func number(of learnerID: String) -> Int32 {
            if let number = learnerNumbers[learnerID] { return number }
            learnerIDs.append(learnerID)
            learnerNumbers[learnerID] = Int32(learnerIDs.count - 1)
            return Int32(learnerIDs.count - 1)
        }

        fileprivate mutating func append(classID: String, learnerID: String, _ step: Step) {
            guard let slot = slots[classID] else { return }
            items.append(Item(slot: slot, learner: number(of: learnerID), step: step))
        }
    }

    /// The steps of online classes: chapter credits of the class's courses dated on or before
    /// its end. They need only the P rules' credits, so they are worked out while the check-in
    /// and filing rules finish (class progress, on one core, is what the rules wait for last).
    func onlineSteps(chapterCredits: [PlaybackRules.ChapterCredit]) -> Steps {
        var steps = Steps(classes: dataset.classes, roster: context.learners)
        var onlineClassesByCourse: [String: [Int]] = [:]
        for (index, trainingClass) in dataset.classes.enumerated() where trainingClass.mode == .online {
            for courseID in Set(trainingClass.courseIDs) { onlineClassesByCourse[courseID, default: []].append(index) }
        }
        let log = dataset.playback
        let classesByCourseKey = log.courses.strings.map { onlineClassesByCourse[$0] ?? [] }
        // Each interned learner is numbered once, when first credited.
        var learnerNumbers = [Int32](repeating: -1, count: log.learners.count)
        for credit in chapterCredits {
            for index in classesByCourseKey[Int(credit.course)] where credit.date <= dataset.classes[index].end {
                if learnerNumbers[Int(credit.learner)] < 0 {
                    learnerNumbers[Int(credit.learner)] = steps.number(of: log.learners[credit.learner])
                }
                steps.items.append(
                    Steps.Item(
                        slot: steps.slots[dataset.classes[index].id]!, learner: learnerNumbers[Int(credit.learner)],
                        step: Step(hours: credit.hours, at: credit.endedAt)))
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
            steps.append(classID: credit.classID, learnerID: credit.learnerID, Step(hours: credit.hours, at: credit.at))
        }
        for makeup in makeups {
            steps.append(classID: makeup.classID, learnerID: makeup.learnerID, Step(hours: makeup.hours, at: makeup.submittedAt))
        }
        // The steps by class slot (a counting sort), then each class's by learner and instant.
        let classes = dataset.classes
        var starts = [Int](repeating: 0, count: classes.count + 1)
        for item in steps.items { starts[Int(item.slot) + 1] += 1 }
        for slot in classes.indices { starts[slot + 1] += starts[slot] }
        var bySlot = [Steps.Item](unsafeUninitializedCapacity: steps.items.count) { buffer, initialized in
            var next = starts
            for item in steps.items {
                (buffer.baseAddress! + next[Int(item.slot)]).initialize(to: item)
                next[Int(item.slot)] += 1
            }
            initialized = steps.items.count
        }
        steps.items = []
        let isRosterOrder = steps.learnerIDs.count == steps.rosterCount
        let learnerIDs = steps.learnerIDs
        let learnerNumbers = steps.learnerNumbers
        let rosterCount = steps.rosterCount
        let slots = steps.slots
        // Classes on every core; a class's progress is ordered by learner number, which is code
        // point order unless a step named a learner outside the roster.
        let progressByClass = bySlot.withUnsafeMutableBufferPointer { bySlot in
            nonisolated(unsafe) let bySlot = bySlot
            // A slot is the index of its class, so each run is sorted by one iteration.
            _ = Parallel.map(Array(classes.indices)) { slot in
                guard starts[slot + 1] - starts[slot] > 1 else { return }
                var run = UnsafeMutableBufferPointer(rebasing: bySlot[starts[slot]..<starts[slot + 1]])
                run.sort { a, b in a.learner != b.learner ? a.learner < b.learner : a.step.at < b.step.at }
            }
            return Parallel.map(Array(classes.indices)) { index -> [ClassProgress] in
                let trainingClass = classes[index]
                let slot = Int(slots[trainingClass.id]!)
                let classSteps = UnsafeBufferPointer(rebasing: bySlot[starts[slot]..<starts[slot + 1]])
                var members = trainingClass.memberIDs.compactMap { id in
                    learnerNumbers[id].flatMap { Int($0) < rosterCount ? $0 : nil }
                }
                members.sort()
                var progress: [ClassProgress] = []
                progress.reserveCapacity(members.count)
                var member = 0
                var position = 0
                while member < members.count || position < classSteps.count {
                    // The next learner: the smaller of the next member and the next learner with steps.
                    let learner =
                        position < classSteps.count && (member == members.count || classSteps[position].learner <= members[member])
                        ? classSteps[position].learner : members[member]
                    while member < members.count, members[member] == learner { member += 1 }
                    var learned = Hours.zero
                    var reachedAt: Timestamp?
                    while position < classSteps.count, classSteps[position].learner == learner {
                        learned += classSteps[position].step.hours
                        if reachedAt == nil, let required = trainingClass.requiredHours, learned >= required {
                            reachedAt = classSteps[position].step.at
                        }
                        position += 1
                    }
                    if reachedAt == nil, let required = trainingClass.requiredHours, required.isZero {
                        reachedAt = Timestamp(millisecondsSinceEpoch: Int64.min)
                    }
                    progress.append(
                        ClassProgress(
                            classID: trainingClass.id, learnerID: learnerIDs[Int(learner)], learnedHours: learned,
                            requiredHours: trainingClass.requiredHours, reachedAt: reachedAt))
                }
                if !isRosterOrder { progress.sort { CodePoint.less($0.learnerID, $1.learnerID) } }
                return progress
            }
        }
        // Ordered by class id, then learner id: each class's learners are sorted above, then the
        // classes by id. One sort of all the pairs by both texts, moving `ClassProgress`es, took
        // a quarter of class progress (0.12-0.18 s at 20,000 learners; now 0.01 s).
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
        // Keyed by both ids as a struct: joining the texts allocated for each reached pair.
        var reached: [ClassLearner: Timestamp] = [:]
        for item in progress {
            if let at = item.reachedAt { reached[ClassLearner(classID: item.classID, learnerID: item.learnerID)] = at }
        }
        var entries: [LedgerEntry] = []
        for exam in dataset.exams {
            guard context.learners[exam.learnerID] != nil, let trainingClass = context.classes[exam.classID],
                trainingClass.hasExam,
                let required = trainingClass.requiredHours
            else { continue }
            let reachedAt = reached[ClassLearner(classID: exam.classID, learnerID: exam.learnerID)]
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

    private struct ClassLearner: Hashable {
        var classID: String
        var learnerID: String
    }
}
