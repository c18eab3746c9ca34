/// The random check-ins, filings and exams of every learner after the scenario ones.
struct BulkRecords {
    let learners: [DemoLearner]
    let catalog: DemoCatalog
    let first = Organisation.scenarioLearners.count + 1

    /// Check-ins of `year`, in order of time; `credited` collects (learner, class, session) keys
    /// of the check-ins the rules will credit, for the make-up filings.
    func checkins(year: Int, seed: UInt64, credited: inout Set<String>) -> [DemoCheckin] {
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
                    var checkin = DemoCheckin(
                        learner: learner.id, classID: item.id, sessionID: session.id,
                        at: session.startInstant - 25 * 60_000 + Int64(rng.below(45 * 60)) * 1000, method: "qr")
                    var isCredited = true
                    let roll = rng.below(100)
                    if roll < 10 {
                        checkin.method = "manual"
                    } else if roll < 45, let place = session.place {
                        checkin.method = "location"
                        if rng.chance(30) {
                            checkin.latitude = place.latitude + Int64(rng.within(1500...3000)) * 9
                            checkin.longitude = place.longitude
                            isCredited = false
                        } else {
                            let limit = place.radius / 2
                            checkin.latitude = place.latitude + Int64(rng.within(-limit...limit)) * 9
                            checkin.longitude = place.longitude + Int64(rng.within(-limit...limit)) * 117 / 10
                        }
                    }
                    if rng.chance(30) {
                        // Scanned long after the session ended: C-WINDOW.
                        checkin.at = session.endInstant + Int64(rng.within(31 * 60...120 * 60)) * 1000
                        isCredited = false
                    }
                    result.append(checkin)
                    if isCredited { credited.insert(learner.id + "|" + item.id + "|" + session.id) }
                    if rng.chance(30) {
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

    /// Filings of `year`, about one per five active learners, plus make-ups for missed sessions.
    func filings(year: Int, seed: UInt64, credited: Set<String>) -> [DemoFiling] {
        var rng = SeededGenerator(seed: seed, stream: 6 + UInt64(year))
        var result: [DemoFiling] = []
        guard learners.count >= first else { return result }
        let yearStart = (year - 2024) * 12
        for index in first...learners.count {
            let learner = learners[index - 1]
            let firstMonth = max(learner.firstMonth, yearStart), lastMonth = min(learner.lastMonth, yearStart + 11)
            guard firstMonth <= lastMonth else { continue }
            if rng.chance(200) {
                let isOnline = rng.chance(450)
                let template = rng.pick(isOnline ? onlineTrainings : onsiteTrainings)
                let month = rng.within(firstMonth...lastMonth) - yearStart + 1
                let days = rng.within(template.5)
                let startDay = DemoCalendar.dayNumber(year, month, rng.within(1...(28 - min(days, 10))))
                let endDay = startDay + Int64(days - 1)
                var hours = Int64(days) * Int64(rng.within(3...8)) * 100
                if !isOnline && rng.chance(150) { hours = Int64(days) * 1000 }  // more than 8 a day: F-HOURS-CUT
                if isOnline { hours = min(hours, Int64(rng.within(2...16)) * 100) }
                let submitted = (endDay + Int64(rng.within(1...20))) * 86_400_000 + Int64(rng.within(1...9)) * 3_600_000
                let roll = rng.below(100)
                let status = isOnline
                    ? (roll < 60 ? "approved" : roll < 95 ? "pending" : "rejected")
                    : (roll < 70 ? "approved" : roll < 90 ? "pending" : "rejected")
                var filing = DemoFiling(
                    learner: learner.id, year: year, type: isOnline ? "online" : "onsite", status: status,
                    submittedAt: submitted, name: template.0, category: template.1, subject: template.2,
                    start: startDay, end: endDay, requestedHours: hours, host: template.3, contact: rng.pick(contacts),
                    contactPhone: "010-6857" + padded(rng.below(10_000), 4), location: template.4,
                    cost: isOnline ? nil : Int64(rng.within(0...50)), purpose: rng.pick(purposes), content: rng.pick(contents))
                if status != "pending" { filing.reviewedAt = submitted + Int64(rng.within(1...10)) * 86_400_000 }
                if status == "approved", rng.chance(300) { filing.approvedHours = max(100, hours / 200 * 100) }
                let digest: DemoAttachment.Digest = rng.chance(100) ? .correct : .none
                if isOnline {
                    filing.attachments = [DemoAttachment(name: "certificate.png", kind: .png, digest: digest)]
                } else {
                    filing.attachments = [DemoAttachment(name: "notice.pdf", kind: .pdf, digest: digest)]
                    if rng.chance(500) { filing.attachments.append(DemoAttachment(name: "certificate.jpg", kind: .jpeg)) }
                }
                result.append(filing)
            }
            for item in catalog.classes where !item.isOnline && DemoCalendar.date(dayNumber: item.end).year == year {
                guard item.members.map({ binarySearch($0, index) }) ?? false else { continue }
                let month = (year - 2024) * 12 + DemoCalendar.date(dayNumber: item.start).month - 1
                guard learner.firstMonth <= month, month <= learner.lastMonth else { continue }
                let missed = item.sessions.contains { !credited.contains(learner.id + "|" + item.id + "|" + $0.id) }
                guard missed, rng.chance(500) else { continue }
                // Inside the year's make-up window (15 Dec – 15 Jan).
                let submitted = (DemoCalendar.dayNumber(year, 12, 15) + Int64(rng.below(31))) * 86_400_000
                    + Int64(rng.within(1...9)) * 3_600_000
                let roll = rng.below(100)
                var filing = DemoFiling(
                    learner: learner.id, year: year, type: "makeup", status: roll < 80 ? "approved" : roll < 95 ? "pending" : "rejected",
                    submittedAt: submitted, classID: item.id,
                    attachments: [DemoAttachment(name: "makeup-proof.pdf", kind: .pdf)])
                if filing.status != "pending" { filing.reviewedAt = submitted + Int64(rng.within(1...5)) * 86_400_000 }
                result.append(filing)
            }
        }
        return result.sorted { ($0.submittedAt ?? 0, $0.learner) < ($1.submittedAt ?? 0, $1.learner) }
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
