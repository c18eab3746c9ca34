/// The random check-ins, filings and exams of every learner after the scenario ones.
struct BulkRecords {
    let learners: [DemoLearner]
    let catalog: DemoCatalog
    let plans: [[YearPlan?]]
    let first = Organisation.scenarioLearners.count + 1

    /// Check-ins of `year`, in order of time; `credited` collects (learner, class, session) keys
    /// of the check-ins the rules will credit, for the make-up filings.
    /// `offline` adds the hours the rules will credit per learner (index − 1): total and party-theory.
    func checkins(year: Int, seed: UInt64, credited: inout Set<String>, offline: inout [(Int64, Int64)]) -> [DemoCheckin] {
        var rng = SeededGenerator(seed: seed, stream: 4 + UInt64(year))
        var result: [DemoCheckin] = []
        guard learners.count >= first else { return result }
        for item in catalog.classes where !item.isOnline && DemoCalendar.date(dayNumber: item.start).year == year {
            let month = (year - 2024) * 12 + DemoCalendar.date(dayNumber: item.start).month - 1
            for index in first...learners.count {
                let learner = learners[index - 1]
                guard learner.firstMonth <= month, month <= learner.lastMonth else { continue }
                let isMember = item.members.map { binarySearch($0, index) } ?? rng.chance(50)
                if !isMember {
                    // Now and then someone scans a class they were not enrolled in: C-NOT-MEMBER.
                    if item.members != nil, rng.chance(4) {
                        let session = item.sessions[0]
                        result.append(
                            DemoCheckin(learner: learner.id, classID: item.id, sessionID: session.id,
                                        at: session.startInstant - Int64(rng.within(60...1500)) * 1000, method: "qr"))
                    }
                    continue
                }
                for session in item.sessions where rng.chance(880) {
                    let sessionMonth = (year - 2024) * 12 + DemoCalendar.date(dayNumber: session.day).month - 1
                    guard learner.firstMonth <= sessionMonth, sessionMonth <= learner.lastMonth else { continue }
                    var checkin = DemoCheckin(
                        learner: learner.id, classID: item.id, sessionID: session.id,
                        at: session.startInstant - 25 * 60_000 + Int64(rng.below(45 * 60)) * 1000, method: "qr")
                    var isPlaced = true, isInWindow = true
                    let roll = rng.below(100)
                    if roll < 10 {
                        checkin.method = "manual"
                    } else if roll < 45, let place = session.place {
                        checkin.method = "location"
                        if rng.chance(120) {
                            checkin.latitude = place.latitude + Int64(rng.within(1500...3000)) * 9
                            checkin.longitude = place.longitude
                            isPlaced = false
                        } else {
                            let limit = place.radius / 2
                            checkin.latitude = place.latitude + Int64(rng.within(-limit...limit)) * 9
                            checkin.longitude = place.longitude + Int64(rng.within(-limit...limit)) * 117 / 10
                        }
                    }
                    if rng.chance(50) {
                        // Scanned long after the session ended: C-WINDOW.
                        checkin.at = session.endInstant + Int64(rng.within(31 * 60...120 * 60)) * 1000
                        isInWindow = false
                    }
                    result.append(checkin)
                    // A second scan (qr) a few minutes later: C-DUPLICATE, or the credit when the
                    // first was placed outside the radius.
                    let scansAgain = rng.chance(150)
                    if isInWindow && (isPlaced || scansAgain) {
                        credited.insert(learner.id + "|" + item.id + "|" + session.id)
                        offline[index - 1].0 += session.hours
                        if item.category == "party-theory" { offline[index - 1].1 += session.hours }
                    }
                    if scansAgain {
                        var again = checkin
                        again.at += Int64(rng.within(20...300)) * 1000
                        again.method = "qr"
                        again.latitude = nil
                        again.longitude = nil
                        result.append(again)
                    }
                }
            }
        }
        return result.sorted { ($0.at, $0.learner) < ($1.at, $1.learner) }
    }

    /// Filings of `year`: external trainings (onsite and online), the party group's yearly study,
    /// make-ups for missed sessions and, for 局级 cadres, the trainings of 2021–2023 that count
    /// toward their 550 hours in five years. A learner who plans to meet the requirement files
    /// what the chapters and sessions left missing; one who falls short files less or nothing.
    /// `online` is what each learner's chapters credited per year; `offline` what check-ins credited.
    func filings(year: Int, seed: UInt64, credited: Set<String>, online: [StudyState], offline: [(Int64, Int64)]) -> [DemoFiling] {
        var rng = SeededGenerator(seed: seed, stream: 6 + UInt64(year))
        var result: [DemoFiling] = []
        guard learners.count >= first else { return result }
        let yearStart = (year - 2024) * 12, slot = year - 2024
        for index in first...learners.count {
            let learner = learners[index - 1]
            let firstMonth = max(learner.firstMonth, yearStart), lastMonth = min(learner.lastMonth, yearStart + 11)
            guard firstMonth <= lastMonth, let plan = plans[index - 1][slot] else { continue }
            var have = online[index - 1].yearCredited[slot] + offline[index - 1].0
            var partyTheory = offline[index - 1].1
            // Make-ups of missed sessions, inside the year's window (15 Dec – 15 Jan).
            // (Not for the lecture series: a missed lecture is not made up.)
            for item in catalog.classes where !item.isOnline && DemoCalendar.date(dayNumber: item.end).year == year && item.end - item.start <= 3 {
                guard item.members.map({ binarySearch($0, index) }) ?? false else { continue }
                let month = (year - 2024) * 12 + DemoCalendar.date(dayNumber: item.start).month - 1
                guard learner.firstMonth <= month, month <= learner.lastMonth else { continue }
                let missed = item.sessions.filter { !credited.contains(learner.id + "|" + item.id + "|" + $0.id) }
                guard !missed.isEmpty, rng.chance(70) else { continue }
                let submitted = (DemoCalendar.dayNumber(year, 12, 15) + Int64(rng.below(31))) * 86_400_000
                    + Int64(rng.within(1...9)) * 3_600_000
                let roll = rng.below(100)
                var filing = DemoFiling(
                    learner: learner.id, year: year, type: "makeup", status: roll < 80 ? "approved" : roll < 95 ? "pending" : "rejected",
                    submittedAt: submitted, classID: item.id,
                    attachments: [DemoAttachment(name: "makeup-proof.pdf", kind: .pdf)])
                if filing.status != "pending" { filing.reviewedAt = submitted + Int64(rng.within(1...5)) * 86_400_000 }
                if filing.status == "approved" {
                    let hours = missed.reduce(Int64(0)) { $0 + $1.hours }
                    have += hours
                    if item.category == "party-theory" { partyTheory += hours }
                }
                result.append(filing)
            }
            // 局级: one training a year in 2021–2023 (filed with the 2024 records), for the rolling 550.
            if year == 2024, learner.rank == "局级", plan.outcome != .far {
                for past in 2021...2023 {
                    let template = rng.pick(seniorTrainings)
                    let days = rng.within(20...24)
                    let month = rng.within(3...10)
                    let startDay = DemoCalendar.dayNumber(past, month, rng.within(1...5))
                    let hours = Int64(days) * Int64(rng.within(65...80)) / 10 * 100
                    result.append(
                        filing(&rng, learner: learner, year: past, type: "onsite", status: "approved",
                               template: (template.0, "party-theory", "党性教育", template.1, "北京", days...days),
                               start: startDay, days: days, hours: hours))
                }
            }
            let required = plan.outcome == .met ? plan.target : min(plan.target, plan.required - 100)
            var missing = max(0, required - have)
            // Three hours or less short without a training to file: the learner stays nearly there.
            if plan.filing == 0, missing <= 300 { missing = 0 }
            let missingPartyTheory = plan.outcome == .met ? max(0, plan.partyTheoryMinimum - partyTheory) : 0
            var filed = 0
            if missingPartyTheory > 0 || (plan.outcome == .met && plan.filing > 0 && missing > 0) && rng.chance(250)
                && learner.rank != "一般干部" && learner.rank != "科级"
            {
                // A cadre's party-school training: covers the party-theory minimum and more.
                let hours = min(4_000, max(missingPartyTheory, missing, plan.filing) + 99) / 100 * 100
                let days = Int((hours + 799) / 800)
                let template = rng.pick(partyTrainings)
                result.append(
                    filing(&rng, learner: learner, year: year, type: "onsite", status: "approved", template: template,
                           start: startDay(&rng, year: year, firstMonth: firstMonth - yearStart, lastMonth: lastMonth - yearStart, days: days),
                           days: days, hours: hours))
                missing = max(0, missing - hours)
                filed += 1
            }
            if plan.outcome != .met, plan.filing > 0, missing >= 400 {
                missing = min(missing, plan.filing)
            } else if plan.outcome != .met {
                missing = 0
            }
            while missing > 0 && filed < 2 {
                let hours = min(4_000, max(missing, plan.outcome == .met ? plan.filing : 0, 400) + 99) / 100 * 100
                let template: (String, String, String, String, String, ClosedRange<Int>)
                let type: String
                var status = "approved"
                if learner.isPartyMember == true, hours <= 2_400, rng.chance(300) {
                    // The party branch's study sessions of the year, filed at its end.
                    let study = rng.pick(groupStudies)
                    let start = DemoCalendar.dayNumber(year, max(1, firstMonth - yearStart + 1), 10)
                    let end = DemoCalendar.dayNumber(year, min(12, lastMonth - yearStart + 1), 20)
                    var filing = filing(&rng, learner: learner, year: year, type: "onsite", status: "approved",
                                        template: (study, "party-group-study", "党性教育", "所在党支部", "本单位", 1...1),
                                        start: start, days: Int(end - start + 1), hours: hours)
                    filing.cost = nil
                    result.append(filing)
                    missing = max(0, missing - hours)
                    filed += 1
                    continue
                } else if hours <= 3_000, rng.chance(550) {
                    template = rng.pick(onlineTrainings)
                    type = "online"
                    if rng.chance(300) { status = "pending" }  // network hours count before review
                } else {
                    template = rng.pick(onsiteTrainings.filter { $0.1 != "academic" && $0.1 != "party-theory" })
                    type = "onsite"
                }
                let days = type == "online" ? max(Int((hours + 299) / 300), template.5.lowerBound) : Int((hours + 799) / 800) + rng.below(2)
                result.append(
                    filing(&rng, learner: learner, year: year, type: type, status: status, template: template,
                           start: startDay(&rng, year: year, firstMonth: firstMonth - yearStart, lastMonth: lastMonth - yearStart, days: days),
                           days: days, hours: hours, cutsNowAndThen: type == "onsite" && plan.outcome == .met))
                missing = max(0, missing - hours)
                filed += 1
            }
            // Now and then a filing that adds nothing: pending, rejected, or past the academic cap.
            if filed == 0, rng.chance(plan.outcome == .met ? 25 : 100) {
                let isOnline = rng.chance(350)
                let template = rng.pick(isOnline ? onlineTrainings : onsiteTrainings)
                let days = rng.within(template.5)
                let roll = rng.below(100)
                let status = template.1 == "academic" ? "approved" : isOnline ? (roll < 70 ? "rejected" : "approved")
                    : (roll < 55 ? "pending" : roll < 85 ? "rejected" : "approved")
                let hours = Int64(days) * Int64(rng.within(4...8)) * 100
                result.append(
                    filing(&rng, learner: learner, year: year, type: isOnline ? "online" : "onsite", status: status,
                           template: template,
                           start: startDay(&rng, year: year, firstMonth: firstMonth - yearStart, lastMonth: lastMonth - yearStart, days: days),
                           days: days, hours: plan.outcome == .met || status != "approved" ? hours : 100, cutsNowAndThen: !isOnline))
            }
        }
        return result.sorted { ($0.submittedAt ?? 0, $0.learner) < ($1.submittedAt ?? 0, $1.learner) }
    }

    /// A start day in the learner's months of `year` (months 1-based within the year) for a training of `days` days.
    private func startDay(_ rng: inout SeededGenerator, year: Int, firstMonth: Int, lastMonth: Int, days: Int) -> Int64 {
        let month = rng.within(firstMonth...lastMonth) + 1
        return DemoCalendar.dayNumber(year, month, rng.within(1...(28 - min(days, 20))))
    }

    /// An onsite or online filing of `hours` (hundredths) over `days` days from `start`; with
    /// `cutsNowAndThen`, one in twenty asks ten hours a day and is cut to eight (F-HOURS-CUT).
    private func filing(
        _ rng: inout SeededGenerator, learner: DemoLearner, year: Int, type: String, status: String,
        template: (String, String, String, String, String, ClosedRange<Int>), start: Int64, days: Int, hours: Int64,
        cutsNowAndThen: Bool = false
    ) -> DemoFiling {
        let isOnline = type == "online"
        let end = start + Int64(days - 1)
        var requested = hours
        if cutsNowAndThen, days <= 5, status == "approved", rng.chance(50) { requested = max(hours, Int64(days) * 1000) }
        let submitted = (end + Int64(rng.within(1...20))) * 86_400_000 + Int64(rng.within(1...9)) * 3_600_000
        var filing = DemoFiling(
            learner: learner.id, year: year, type: type, status: status,
            submittedAt: submitted, name: template.0, category: template.1, subject: template.2,
            start: start, end: end, requestedHours: requested, host: template.3, contact: rng.pick(contacts),
            contactPhone: "010-6857" + padded(rng.below(10_000), 4), location: template.4,
            cost: isOnline ? nil : Int64(rng.within(0...50)), purpose: rng.pick(purposes), content: rng.pick(contents))
        if status != "pending" { filing.reviewedAt = submitted + Int64(rng.within(1...10)) * 86_400_000 }
        let digest: DemoAttachment.Digest = rng.chance(100) ? .correct : .none
        if isOnline {
            filing.attachments = [DemoAttachment(name: "certificate.png", kind: .png, digest: digest)]
        } else {
            filing.attachments = [DemoAttachment(name: "notice.pdf", kind: .pdf, digest: digest)]
            if rng.chance(400) { filing.attachments.append(DemoAttachment(name: "certificate.jpg", kind: .jpeg)) }
        }
        return filing
    }

    /// Exams of the online classes with an exam: most learners sit it after reaching the hours,
    /// a few before (X-EXAM-EARLY).
    func exams(states: [StudyState], trackedClasses: [(index: Int, courses: [Int], required: Int64, endsBefore: Int64)], seed: UInt64) -> [DemoExam] {
        var rng = SeededGenerator(seed: seed, stream: 9)
        var result: [DemoExam] = []
        guard learners.count >= first else { return result }
        for (slot, tracked) in trackedClasses.enumerated() {
            let item = catalog.classes[tracked.index]
            let classMonth = (DemoCalendar.date(dayNumber: item.end).year - 2024) * 12 + DemoCalendar.date(dayNumber: item.end).month - 1
            for index in first...learners.count {
                let learner = learners[index - 1]
                guard item.isMember(index), learner.firstMonth <= classMonth, classMonth <= learner.lastMonth else { continue }
                if let reached = states[index - 1].classReached[slot] {
                    guard rng.chance(850) else { continue }
                    let score = rng.within(55...100)
                    // A day or more after both the class opened and the hours were reached, in the daytime.
                    let reachedDay = (reached + 8 * 3_600_000) / 86_400_000
                    let day = max(reachedDay, item.start) + Int64(rng.within(1...10))
                    let at = (day * 86_400 + Int64(rng.within(8 * 3600...21 * 3600)) - 8 * 3600) * 1000
                    result.append(
                        DemoExam(learner: learner.id, classID: item.id, takenAt: at, score: score, isPassed: score >= 60))
                } else if (item.members != nil || states[index - 1].joinsPlenum), rng.chance(40) {
                    let score = rng.within(40...90)
                    result.append(
                        DemoExam(learner: learner.id, classID: item.id,
                                 takenAt: tracked.endsBefore - Int64(rng.within(2 * 86_400...6 * 86_400)) * 1000, score: score,
                                 isPassed: score >= 60))
                }
            }
        }
        return result.sorted { ($0.takenAt, $0.learner) < ($1.takenAt, $1.learner) }
    }
}
