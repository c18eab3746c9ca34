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

    /// One session of one class, for one learner.
    private struct SessionKey: Hashable {
        var learnerID: String
        var classID: String
        var sessionID: String
    }

    func evaluate() -> Outcome {
        let settings = dataset.settings
        var outcome = Outcome()
        let ordered = dataset.checkins.sorted { a, b in
            a.at != b.at ? a.at < b.at : CodePoint.less(a.id, b.id)
        }
        // (learner, class, session) already credited (a struct key: an array of three texts per
        // check-in cost an allocation each, 800,000 times in the benchmark).
        var accepted: Set<SessionKey> = []
        for checkin in ordered {
            let key = SessionKey(learnerID: checkin.learnerID, classID: checkin.classID, sessionID: checkin.sessionID)
            let trainingClass = context.classes[checkin.classID].flatMap { $0.mode == .offline ? $0 : nil }
            let session = trainingClass?.session(checkin.sessionID)
            let rule: RuleCode
            if context.learners[checkin.learnerID] == nil {
                rule = .checkinUnknownLearner
            } else if trainingClass == nil || session == nil {
                rule = .checkinUnknownSession
            } else if trainingClass!.excludes(checkin.learnerID) {
                rule = .checkinNotMember
            } else if !Self.isInWindow(checkin.at, session: session!, settings: settings) {
                rule = .checkinWindow
            } else if checkin.method == .location && !Self.isNearby(checkin, session: session!) {
                rule = .checkinLocation
            } else if accepted.contains(key) {
                rule = .checkinDuplicate
            } else {
                rule = .checkinSession
            }
            let source = EntrySource(kind: .checkin, id: checkin.id, location: checkin.source)
            if rule == .checkinSession, let trainingClass, let session {
                accepted.insert(key)
                outcome.entries.append(
                    LedgerEntry(
                        learnerID: checkin.learnerID, year: session.date.year, date: session.date, rule: rule,
                        status: .credited, hours: session.hours, categoryID: trainingClass.categoryID, source: source,
                        reason: Messages.sessionCredited(trainingClass, session),
                        detail: EntryDetail(classID: trainingClass.id)))
                outcome.credits.append(
                    SessionCredit(
                        learnerID: checkin.learnerID, classID: trainingClass.id, sessionID: session.id,
                        hours: session.hours, at: checkin.at))
            } else {
                let date = checkin.at.localDate(in: settings.timezone)
                outcome.entries.append(
                    LedgerEntry(
                        learnerID: checkin.learnerID, year: date.year, date: date, rule: rule, status: .rejected,
                        categoryID: trainingClass?.categoryID, source: source,
                        reason: Messages.checkinRejected(rule, checkin, session: session, settings: settings),
                        detail: EntryDetail(classID: trainingClass?.id)))
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
