/// One playback row (one continuous stretch of video) before it is written.
struct DemoPlaybackRow {
    var learner: [UInt8]
    var course: [UInt8]
    var chapter: [UInt8]
    var session: [UInt8]
    var startedAt: Int64
    var endedAt: Int64
    var positionFrom: Int64
    var positionTo: Int64
    /// Playback speed in thousandths (`1250` is 1.25×).
    var rate: Int64
    /// 0 = absent, 1 = pc, 2 = app.
    var client: UInt8
    /// Timestamps written in UTC (`Z`) instead of `+08:00`.
    var isUTC: Bool
}

/// Writes playback/*.csv rows; the second export of a month (`…-export2.csv`) has its columns in
/// another order, every timestamp in `+08:00` and whole rates written `1.0`, so that every
/// repeated row is an exact duplicate by value.
enum PlaybackLog {
    static let header = "event_id,learner_id,course_id,chapter_id,session_id,started_at,ended_at,pos_from,pos_to,rate,client\n"
    static let exportHeader = "event_id,started_at,ended_at,learner_id,chapter_id,course_id,session_id,pos_from,pos_to,client,rate\n"
    static let pc = Array("pc".utf8), app = Array("app".utf8)

    static func write(_ row: DemoPlaybackRow, event: Int64, to sink: ByteSink) {
        sink.byte(69)  // E
        sink.integer(event, width: 10)
        sink.byte(44)
        sink.bytes(row.learner); sink.byte(44)
        sink.bytes(row.course); sink.byte(44)
        sink.bytes(row.chapter); sink.byte(44)
        sink.bytes(row.session); sink.byte(44)
        sink.timestamp(row.startedAt, isUTC: row.isUTC); sink.byte(44)
        sink.timestamp(row.endedAt, isUTC: row.isUTC); sink.byte(44)
        sink.decimal(row.positionFrom, digits: 3); sink.byte(44)
        sink.decimal(row.positionTo, digits: 3); sink.byte(44)
        sink.decimal(row.rate, digits: 3); sink.byte(44)
        if row.client == 1 { sink.bytes(pc) } else if row.client == 2 { sink.bytes(app) }
        sink.byte(10)
    }

    static func writeExport(_ row: DemoPlaybackRow, event: Int64, to sink: ByteSink) {
        sink.byte(69)
        sink.integer(event, width: 10)
        sink.byte(44)
        sink.timestamp(row.startedAt, isUTC: false); sink.byte(44)
        sink.timestamp(row.endedAt, isUTC: false); sink.byte(44)
        sink.bytes(row.learner); sink.byte(44)
        sink.bytes(row.chapter); sink.byte(44)
        sink.bytes(row.course); sink.byte(44)
        sink.bytes(row.session); sink.byte(44)
        sink.decimal(row.positionFrom, digits: 3); sink.byte(44)
        sink.decimal(row.positionTo, digits: 3); sink.byte(44)
        if row.client == 1 { sink.bytes(pc) } else if row.client == 2 { sink.bytes(app) }
        sink.byte(44)
        sink.decimal(row.rate, digits: 3, keepsOneDecimal: true)
        sink.byte(10)
    }
}

/// What one learner is in the middle of, carried from month to month.
struct StudyState {
    var rng: SeededGenerator
    var queue: [Int]
    var queueIndex = 0
    var chapter = -1
    var chapterSlot = 0
    var course = -1
    var position: Int64 = 0
    var covered: [(Int64, Int64)] = []
    var isCredited = false
    /// Expected sessions per month, in hundredths.
    var sessionsPerMonth: Int
    var joinsPlenum: Bool
    /// Progress towards each tracked online class (hundredths of hours) and the instant it was reached.
    var classProgress: [Int64]
    var classReached: [Int64?]
    var sessionCounter = 0
    /// Online hours the learner means to earn in 2024 and 2025 (YearPlan.playback), and what the
    /// chapters credited so far in each year (by the crossing row's local date) add up to.
    var playbackTarget: [Int64] = [0, 0]
    var yearCredited: [Int64] = [0, 0]
    /// Per mille: above 1000 the learner studies ahead of schedule, below it leaves things late.
    var pace = 1000
}

/// Generates believable viewing behaviour month by month: sessions (browser tabs or app screens)
/// of a few stretches each, pauses, seeks forward and back, faster playback, and now and then
/// a second tab, a 3× stretch or a scripted jump that the rules reject.
struct PlaybackGenerator {
    let catalog: DemoCatalog
    let learners: [DemoLearner]
    let learnerBytes: [[UInt8]]
    let courseBytes: [[UInt8]]
    let chapterBytes: [[UInt8]]
    /// Online classes whose progress decides exam eligibility: (class index, courses, required, end instant).
    let trackedClasses: [(index: Int, courses: [Int], required: Int64, endsBefore: Int64)]
    var states: [StudyState] = []
    private static let hexDigits = Array("0123456789abcdef".utf8)

    init(catalog: DemoCatalog, learners: [DemoLearner], plans: [[YearPlan?]], seed: UInt64) {
        self.catalog = catalog
        self.learners = learners
        learnerBytes = learners.map { Array($0.id.utf8) }
        courseBytes = catalog.courses.map { Array($0.id.utf8) }
        chapterBytes = catalog.chapters.map { Array($0.id.utf8) }
        trackedClasses = catalog.classes.enumerated().compactMap { index, item in
            guard item.isOnline, item.hasExam, let required = item.requiredHours else { return nil }
            return (index, item.courses, required, (item.end + 1) * 86_400_000 - 8 * 3_600_000)
        }
        let memberOf2024 = catalog.classes.first { $0.id == "T2024-01" }!
        states.reserveCapacity(learners.count)
        for index in 1...learners.count {
            var rng = SeededGenerator(seed: seed, stream: 1000 + UInt64(index))
            var others = Array(0..<catalog.courses.count).filter { ![4, 5].contains($0) }
            others.shuffle(using: &rng)
            if index > Organisation.scenarioLearners.count, memberOf2024.isMember(index) {
                others.removeAll { $0 == 0 || $0 == 1 }
                others.insert(contentsOf: [0, 1], at: 0)
            }
            let sessions = 20 + rng.below(310)
            let joins = rng.chance(700)
            var state = StudyState(
                rng: rng, queue: others, sessionsPerMonth: sessions, joinsPlenum: joins,
                classProgress: Array(repeating: 0, count: trackedClasses.count),
                classReached: Array(repeating: nil, count: trackedClasses.count))
            state.playbackTarget = plans[index - 1].map { $0?.playback ?? 0 }
            state.pace = 700 + state.rng.below(900)
            states.append(state)
        }
    }

    /// The rows of learner `index` (1-based) in month `month` (0 = January of the first year), in time order.
    mutating func rows(learner index: Int, month: Int, year: Int, monthOfYear: Int, into rows: inout [DemoPlaybackRow]) {
        var state = states[index - 1]
        defer { states[index - 1] = state }
        if month == 14 {
            // March 2025: the plenum class opens; most learners take its courses next.
            if state.joinsPlenum {
                state.queue.insert(contentsOf: [4, 5], at: min(state.queueIndex, state.queue.count))
            } else {
                state.queue.append(contentsOf: [4, 5])
            }
        }
        // Paced by the year's plan: what is still missing, spread over the months left; a learner
        // who has the hours stops for the year (the chapter in progress stays incomplete).
        let slot = month / 12
        let missing = state.playbackTarget[slot] - state.yearCredited[slot]
        guard missing > 0 else { return }
        let monthsLeft = Int64(max(1, min(learners[index - 1].lastMonth, slot * 12 + 11) - month + 1))
        // About 1.6 hours credited per session; `expected` in hundredths of sessions.
        // Late in the year everyone catches up.
        let pace = Int64(monthsLeft <= 2 ? max(state.pace, 1400) : state.pace)
        let expected = Int(missing * pace / 1000 / monthsLeft * 100 / 190)
        var sessions = min(14, expected / 100)
        if sessions < 14, state.rng.below(100) < expected % 100 { sessions += 1 }
        guard sessions > 0 else { return }
        let daysInMonth = DemoCalendar.daysIn(month: monthOfYear, year: year)
        var days = (0..<sessions).map { _ in 1 + state.rng.below(daysInMonth) }
        days.sort()
        let firstDay = DemoCalendar.dayNumber(year, monthOfYear, 1)
        var previousDay = 0
        for day in days where day != previousDay {
            previousDay = day
            let hour = state.rng.pick([9, 10, 11, 12, 12, 14, 15, 16, 19, 20, 20, 21])
            var clock = ((firstDay + Int64(day - 1)) * 86_400 + Int64(hour * 3600 + state.rng.below(3600)) - 8 * 3600) * 1000
            let isApp = state.rng.chance(300)
            let isUTC = isApp && state.rng.chance(400)
            let session = sessionID(&state, isApp: isApp)
            let stretches = state.rng.within(1...4)
            for stretch in 0..<stretches {
                guard advanceIfNeeded(&state) else { return }
                let chapter = catalog.chapters[state.chapter]
                var rate: Int64 = 1000
                let roll = state.rng.below(1000)
                if roll < 5 { rate = 3000 } else if roll < 25 { rate = 750 } else if roll < 125 { rate = 2000 }
                else if roll < 275 { rate = 1500 } else if roll < 395 { rate = 1250 }
                let isScripted = state.rng.chance(1)
                // Mostly a whole lecture or most of one in a sitting; now and then a short stretch.
                var content = Int64(state.rng.chance(150) ? state.rng.within(180...900) : state.rng.within(1800...3600)) * 1000
                if state.rng.chance(200) { content += Int64(state.rng.below(1000)) }
                content = min(content, chapter.duration - state.position)
                let pause: Int64 = state.rng.chance(200) ? Int64(state.rng.within(5...90)) * 1000 : Int64(state.rng.below(4)) * 1000
                var wall = (content * 1000 + rate - 1) / rate + pause
                if isScripted { wall = 40_000 }
                wall = (wall + 999) / 1000 * 1000
                let row = DemoPlaybackRow(
                    learner: learnerBytes[index - 1], course: courseBytes[chapter.course], chapter: chapterBytes[state.chapter],
                    session: session, startedAt: clock, endedAt: clock + wall, positionFrom: state.position,
                    positionTo: state.position + content, rate: rate, client: isApp ? 2 : 1, isUTC: isUTC)
                rows.append(row)
                let wasCredited = state.isCredited
                if rate <= 2000 && !isScripted { cover(&state, row: row, chapter: chapter) }
                // Once the chapter is credited (60 %), many move on without watching the rest.
                if !wasCredited, state.isCredited, state.rng.chance(600) { state.position = chapter.duration }
                if stretch == 0, rate <= 2000, !isScripted, wall >= 120_000, state.rng.chance(20) {
                    rows.append(secondTab(&state, index: index, during: row, isApp: isApp))
                }
                state.position += content
                if state.position >= chapter.duration {
                    state.chapter = -1
                } else if state.rng.chance(80) {
                    state.position = min(chapter.duration - 1000, state.position + Int64(state.rng.within(30...200)) * 1000)
                } else if state.rng.chance(60) {
                    state.position = max(0, state.position - Int64(state.rng.within(60...300)) * 1000)
                }
                clock += wall + Int64(state.rng.within(5...600)) * 1000
            }
        }
    }

    /// A row from another tab, inside `row`'s wall-clock interval: always rejected as P-CONCURRENT.
    private func secondTab(_ state: inout StudyState, index: Int, during row: DemoPlaybackRow, isApp: Bool) -> DemoPlaybackRow {
        let other = catalog.chapters[state.rng.below(catalog.chapters.count)]
        let start = row.startedAt + Int64(state.rng.within(20...60)) * 1000
        let length = (row.endedAt - start) / 1000 * 1000
        return DemoPlaybackRow(
            learner: row.learner, course: courseBytes[other.course], chapter: Array(other.id.utf8),
            session: sessionID(&state, isApp: false), startedAt: start, endedAt: start + length, positionFrom: 0,
            positionTo: min(length, other.duration), rate: 1000, client: 1, isUTC: false)
    }

    private func sessionID(_ state: inout StudyState, isApp: Bool) -> [UInt8] {
        var bytes = Array((isApp ? "app-" : "pc-").utf8)
        var value = state.rng.next()
        for _ in 0..<12 {
            bytes.append(Self.hexDigits[Int(value & 0xf)])
            value >>= 4
        }
        return bytes
    }

    /// Moves to the next chapter when none is in progress; false when the learner has watched everything.
    private func advanceIfNeeded(_ state: inout StudyState) -> Bool {
        if state.chapter >= 0 { return true }
        if state.course >= 0, state.chapterSlot + 1 < catalog.courses[state.course].chapters.count {
            state.chapterSlot += 1
        } else {
            guard state.queueIndex < state.queue.count else { return false }
            state.course = state.queue[state.queueIndex]
            state.queueIndex += 1
            state.chapterSlot = 0
        }
        state.chapter = catalog.courses[state.course].chapters[state.chapterSlot]
        state.position = 0
        state.covered.removeAll(keepingCapacity: true)
        state.isCredited = false
        return true
    }

    /// Grows the chapter's covered union as RULES.md P-CHAPTER does and notes the crossing instant.
    private func cover(_ state: inout StudyState, row: DemoPlaybackRow, chapter: DemoChapter) {
        guard !state.isCredited else { return }
        var from = max(0, row.positionFrom), to = min(chapter.duration, row.positionTo)
        guard to > from else { return }
        var merged: [(Int64, Int64)] = []
        for interval in state.covered {
            if interval.1 < from || interval.0 > to {
                merged.append(interval)
            } else {
                from = min(from, interval.0)
                to = max(to, interval.1)
            }
        }
        merged.append((from, to))
        state.covered = merged
        let covered = merged.reduce(Int64(0)) { $0 + $1.1 - $1.0 }
        guard covered * 100 >= 60 * chapter.duration else { return }
        state.isCredited = true
        let creditYear = DemoCalendar.date(dayNumber: (row.endedAt + 8 * 3_600_000) / 86_400_000).year
        if creditYear == 2024 || creditYear == 2025 { state.yearCredited[creditYear - 2024] += chapter.hours }
        for (slot, tracked) in trackedClasses.enumerated()
        where tracked.courses.contains(chapter.course) && row.endedAt < tracked.endsBefore {
            state.classProgress[slot] += chapter.hours
            if state.classReached[slot] == nil, state.classProgress[slot] >= tracked.required {
                state.classReached[slot] = row.endedAt
            }
        }
    }
}
