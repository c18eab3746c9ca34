import Foundation
import HourbookCore

/// C — offline sessions and check-in (培训签到).
struct CheckinRules {
    let dataset: Dataset
    let context: RuleContext

    /// A session credit, with the check-in instant that earned it (for class progress).
    struct SessionCredit {
        var learnerID: String
        var classID: String
        var sessionID: String
        var hours: Hours
        var at: Timestamp
    }

    struct Outcome {
        var entries: [LedgerEntry] = []
        var credits: [SessionCredit] = []
    }

    /// One session of one class, for one learner: the class and session as their indices, so that
    /// one text is hashed, not three (with one insertion instead of a look-up and an insertion,
    /// and the entries reserved, the check-in rules 126 -> 100 M instructions at 2,000 learners).
    private struct SessionKey: Hashable {
        var learnerID: String
        var classIndex: Int
        var sessionIndex: Int
    }

    func evaluate() -> Outcome {
        let settings = dataset.settings
        var outcome = Outcome()
        // One entry per check-in: growing the array copied its 168-byte entries again and again.
        outcome.entries.reserveCapacity(dataset.checkins.count)
        // Offline classes by id, as indices: looking a class up by value copied it (its members,
        // sessions and texts) for each of a million check-ins.
        let classes = context.classes.values.filter { $0.mode == .offline }
        var classIndex: [String: Int] = [:]
        for (index, trainingClass) in classes.enumerated() { classIndex[trainingClass.id] = index }
        // Check-ins are read in place, through the order of their indices.
        let checkins = dataset.checkins
        let ordered = checkins.withUnsafeBufferPointer { checkins in
            checkins.indices.sorted { a, b in
                checkins[a].at != checkins[b].at ? checkins[a].at < checkins[b].at : CodePoint.less(checkins[a].id, checkins[b].id)
            }
        }
        // (learner, class, session) already credited (a struct key: an array of three texts per
        // check-in cost an allocation each, 800,000 times in the benchmark). The last check,
        // C-DUPLICATE, inserts the key: it is new exactly when the session is credited.
        var accepted: Set<SessionKey> = []
        for position in ordered {
            let checkin = checkins[position]
            let classAt = classIndex[checkin.classID]
            let sessionAt = classAt.flatMap { c in classes[c].sessions.firstIndex { $0.id == checkin.sessionID } }
            let rule: RuleCode
            if context.learners.index(forKey: checkin.learnerID) == nil {
                rule = .checkinUnknownLearner
            } else if classAt == nil || sessionAt == nil {
                rule = .checkinUnknownSession
            } else if classes[classAt!].excludes(checkin.learnerID) {
                rule = .checkinNotMember
            } else if !Self.isInWindow(checkin.at, session: classes[classAt!].sessions[sessionAt!], settings: settings) {
                rule = .checkinWindow
            } else if checkin.method == .location && !Self.isNearby(checkin, session: classes[classAt!].sessions[sessionAt!]) {
                rule = .checkinLocation
            } else if !accepted.insert(SessionKey(learnerID: checkin.learnerID, classIndex: classAt!, sessionIndex: sessionAt!))
                .inserted
            {
                rule = .checkinDuplicate
            } else {
                rule = .checkinSession
            }
            let source = EntrySource(kind: .checkin, id: checkin.id, location: checkin.source)
            if rule == .checkinSession, let c = classAt, let s = sessionAt {
                let session = classes[c].sessions[s]
                outcome.entries.append(
                    LedgerEntry(
                        learnerID: checkin.learnerID, year: session.date.year, date: session.date, rule: rule,
                        status: .credited, hours: session.hours, categoryID: classes[c].categoryID, source: source,
                        reason: Messages.sessionCredited(classes[c], session),
                        detail: EntryDetail(classID: classes[c].id)))
                outcome.credits.append(
                    SessionCredit(
                        learnerID: checkin.learnerID, classID: classes[c].id, sessionID: session.id,
                        hours: session.hours, at: checkin.at))
            } else {
                let date = checkin.at.localDate(in: settings.timezone)
                outcome.entries.append(
                    LedgerEntry(
                        learnerID: checkin.learnerID, year: date.year, date: date, rule: rule, status: .rejected,
                        categoryID: classAt.map { classes[$0].categoryID }, source: source,
                        reason: Messages.checkinRejected(
                            rule, checkin, session: sessionAt.map { classes[classAt!].sessions[$0] }, settings: settings),
                        detail: EntryDetail(classID: classAt.map { classes[$0].id })))
            }
        }
        return outcome
    }

    /// C-WINDOW: `at` within [date at start − window, date at end + window], bounds included.
    static func isInWindow(_ at: Timestamp, session: ClassSession, settings: Settings) -> Bool {
        let opens = Timestamp(date: session.date, minutes: session.start.minutes, offset: settings.timezone)
            .millisecondsSinceEpoch - settings.checkinWindowMilliseconds
        let closes = Timestamp(date: session.date, minutes: session.end.minutes, offset: settings.timezone)
            .millisecondsSinceEpoch + settings.checkinWindowMilliseconds
        return opens <= at.millisecondsSinceEpoch && at.millisecondsSinceEpoch <= closes
    }

    /// C-LOCATION: the check-in's position within the session's radius (great circle, R = 6,371,000 m).
    static func isNearby(_ checkin: Checkin, session: ClassSession) -> Bool {
        guard let lat = checkin.latitude, let lon = checkin.longitude, let sessionLat = session.latitude,
            let sessionLon = session.longitude, let radius = session.radius
        else { return false }
        return greatCircleDistance(lat, lon, sessionLat, sessionLon) <= radius
    }

    /// Haversine distance in metres on a sphere of radius 6,371,000 m.
    static func greatCircleDistance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radians = Double.pi / 180
        let phi1 = lat1 * radians
        let phi2 = lat2 * radians
        let deltaPhi = (lat2 - lat1) * radians
        let deltaLambda = (lon2 - lon1) * radians
        let a = sin(deltaPhi / 2) * sin(deltaPhi / 2) + cos(phi1) * cos(phi2) * sin(deltaLambda / 2) * sin(deltaLambda / 2)
        return 2 * 6_371_000 * asin(min(1, sqrt(a)))
    }
}
