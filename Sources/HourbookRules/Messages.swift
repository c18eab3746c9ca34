import HourbookCore

/// What a reason says, with the few values it names; rendered in either language on demand.
enum ReasonTemplate: Hashable, Sendable {
    indirect case text(chinese: String, english: String)
    // The two cases of millions of entries keep their payload within 13 bytes, so that a reason
    // takes 16 (a chapter as a `Symbol`, a percent in a byte, a threshold and the hours in
    // hundredths in 32 bits): every byte here is 7 MB in the benchmark's ledger. A chapter of
    // more than 21 million hours takes the boxed case (`chapterCredit` chooses).
    case chapterCredited(chapter: Symbol, thresholdHundredths: Int32, hoursHundredths: Int32, percent: UInt8)
    indirect case chapterCreditedBoxed(chapter: Symbol, thresholdHundredths: Int32, hours: Hours, percent: UInt8)
    case chapterIncomplete(chapter: Symbol, thresholdHundredths: Int32, percent: UInt8)
    indirect case playbackRejected(rule: RuleCode, learnerID: String, courseID: String, chapterID: String, rate: String, maxRate: String)
    indirect case sessionCredited(classTitle: String, date: LocalDate, start: TimeOfDay, end: TimeOfDay, hours: Hours)
    indirect case checkinRejected(rule: RuleCode, learnerID: String, classID: String, sessionID: String, at: Timestamp, offset: UTCOffset, windowMinutes: Int64)
    indirect case filing(rule: RuleCode, name: String, learnerID: String, classID: String, categoryID: String, isMakeup: Bool, hours: Hours, cut: Hours, maxPerDay: Hours)
    indirect case capped(isZeroed: Bool, cap: Hours, categoryID: String, categoryName: String, hours: Hours, cut: Hours)
    indirect case examEarly(classID: String, required: Hours, reachedAt: Timestamp?, offset: UTCOffset)

    /// The reason of a credited chapter, in 16 bytes unless its hours do not fit 32 bits.
    static func chapterCredit(_ chapter: Symbol, percent: UInt8, thresholdHundredths: Int32, hours: Hours) -> ReasonTemplate {
        if let hundredths = Int32(exactly: hours.hundredths) {
            return .chapterCredited(chapter: chapter, thresholdHundredths: thresholdHundredths, hoursHundredths: hundredths, percent: percent)
        }
        return .chapterCreditedBoxed(chapter: chapter, thresholdHundredths: thresholdHundredths, hours: hours, percent: percent)
    }

    /// A chapter decision's values, whichever case holds them: `hours` for a credited chapter,
    /// nil for one in progress.
    var chapterDecision: (chapter: Symbol, percent: UInt8, threshold: Int32, hours: Hours?)? {
        switch self {
        case let .chapterCredited(chapter, threshold, hours, percent): (chapter, percent, threshold, Hours(hundredths: Int64(hours)))
        case let .chapterCreditedBoxed(chapter, threshold, hours, percent): (chapter, percent, threshold, hours)
        case let .chapterIncomplete(chapter, threshold, percent): (chapter, percent, threshold, nil)
        default: nil
        }
    }

    func render(english en: Bool) -> String {
        switch self {
        case let .text(chinese, english):
            return en ? english : chinese
        case .chapterCredited, .chapterCreditedBoxed, .chapterIncomplete:
            let (chapter, percent, threshold, hours) = chapterDecision!
            let (id, covered, required) = (chapter.text, "\(percent)", Self.percent(Int64(threshold)))
            guard let hours else { return Sentence.chapterIncomplete.text(english: en, id, covered, required) }
            return Sentence.chapterCredited.text(english: en, id, covered, required, "\(hours)")
        case let .playbackRejected(rule, learner, course, chapter, rate, maxRate):
            return Self.playback(rule, learner: learner, course: course, chapter: chapter, rate: rate, maxRate: maxRate, en: en)
        case let .sessionCredited(title, date, start, end, hours):
            return en
                ? "Checked in at \(title) (\(date) \(start)–\(end)): \(hours) hours credited."
                : "\(title)（\(date) \(start)–\(end)）签到有效，认定 \(hours) 学时。"
        case let .checkinRejected(rule, learner, classID, sessionID, at, offset, minutes):
            return Self.checkin(rule, learner: learner, classID: classID, sessionID: sessionID, at: at.formatted(in: offset), minutes: minutes, en: en)
        case let .filing(rule, name, learner, classID, category, isMakeup, hours, cut, maxPerDay):
            return Self.filing(rule, name: name, learner: learner, classID: classID, category: category, isMakeup: isMakeup, hours: hours, cut: cut, maxPerDay: maxPerDay, en: en)
        case let .capped(isZeroed, cap, category, categoryName, hours, cut):
            if isZeroed {
                return en
                    ? "Y-CAP: the year's cap of \(cap) hours in \(category) was already reached; \(cut) hours cut."
                    : "Y-CAP：本年度「\(categoryName)」已达 \(cap) 学时上限，本项不再计入（核减 \(cut) 学时）。"
            }
            return en
                ? "Y-CAP: this credit reaches the year's cap of \(cap) hours in \(category); \(hours) credited, \(cut) cut."
                : "Y-CAP：本项使「\(categoryName)」达到 \(cap) 学时上限，计入 \(hours) 学时（核减 \(cut) 学时）。"
        case let .examEarly(classID, required, reachedAt, offset):
            if let reachedAt {
                return en
                    ? "Exam of \(classID) taken before the required \(required) hours were reached (at \(reachedAt.formatted(in: offset)))."
                    : "考试早于学时达标时间（\(reachedAt.formatted(in: offset))）：仅当学时要求（\(required)）达标后，才可进入考试。"
            }
            return en
                ? "Exam of \(classID) taken without ever reaching the required \(required) hours."
                : "未达到学时要求（\(required)）即参加考试：仅当学时要求达标后，才可进入考试。"
        }
    }

    /// A percentage in hundredths without trailing zeros: 6000 → `60`, 6050 → `60.5`, 6005 →
    /// `60.05`. Integer arithmetic: every chapter reason names the threshold, and trimming a
    /// formatted text was half the cost of rendering one (7.7 million in the benchmark).
    static func percent(_ hundredths: Int64) -> String {
        var bytes: [UInt8] = []
        appendPercent(hundredths, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `percent(hundredths)`'s digits.
    static func appendPercent(_ hundredths: Int64, to bytes: inout [UInt8]) {
        if hundredths < 0 { bytes.append(UInt8(ascii: "-")) }
        let (whole, fraction) = hundredths.magnitude.quotientAndRemainder(dividingBy: 100)
        Digits.append(whole, to: &bytes)
        guard fraction != 0 else { return }
        bytes.append(UInt8(ascii: "."))
        if fraction % 10 == 0 {
            Digits.append(fraction / 10, to: &bytes)
        } else {
            Digits.append(fraction, minimumWidth: 2, to: &bytes)
        }
    }

    private static func playback(_ rule: RuleCode, learner: String, course: String, chapter: String, rate: String, maxRate: String, en: Bool) -> String {
        switch rule {
        case .playbackUnknownLearner: Sentence.learnerNotInRoster.text(english: en, learner)
        case .playbackUnknownChapter: Sentence.chapterNotInCourse.text(english: en, chapter, course)
        case .playbackBadTime: Sentence.playbackBadTime.text(english: en)
        case .playbackBadPosition: Sentence.playbackBadPosition.text(english: en)
        case .playbackRate: Sentence.playbackRate.text(english: en, rate, maxRate)
        case .playbackImplausible: Sentence.playbackImplausible.text(english: en)
        case .playbackConcurrent: Sentence.playbackConcurrent.text(english: en)
        default: rule.rawValue
        }
    }

    private static func checkin(_ rule: RuleCode, learner: String, classID: String, sessionID: String, at: String, minutes: Int64, en: Bool) -> String {
        switch rule {
        case .checkinUnknownLearner: Sentence.learnerNotInRoster.text(english: en, learner)
        case .checkinUnknownSession: Sentence.checkinUnknownSession.text(english: en, sessionID, classID)
        case .checkinNotMember: Sentence.checkinNotMember.text(english: en, classID)
        case .checkinWindow: Sentence.checkinWindow.text(english: en, at, "\(minutes)")
        case .checkinLocation: Sentence.checkinLocation.text(english: en)
        case .checkinDuplicate: Sentence.checkinDuplicate.text(english: en)
        default: rule.rawValue
        }
    }

    private static func filing(
        _ rule: RuleCode, name: String, learner: String, classID: String, category: String, isMakeup: Bool, hours: Hours,
        cut: Hours, maxPerDay: Hours, en: Bool
    ) -> String {
        switch rule {
        case .filingUnknownLearner:
            return Sentence.learnerNotInRoster.text(english: en, learner)
        case .filingMissingField:
            return isMakeup
                ? (en ? "The make-up lacks a required field (year, class)." : "补录缺少必填项（年度、培训班）。")
                : (en
                    ? "The filing lacks a required field (year, name, category, start, end, requested hours, host)."
                    : "填报缺少必填项（年度、培训名称、类别、起止日期、申报学时、主办单位）。")
        case .filingUnknownClass:
            return en ? "Class \(classID) of the make-up is not in the catalog." : "补录的培训班 \(classID) 不在目录中。"
        case .filingBadCategory:
            return en ? "Category \(category) is not configured." : "培训类别 \(category) 未配置。"
        case .filingDates:
            return en
                ? "The dates do not hold: the end is before the start, or the year is not the year of the dates."
                : "日期有误：结束早于开始，或年度与培训日期不符。"
        case .filingAttachment:
            return en
                ? "An attachment is missing, outside the data folder, not a file, or its SHA-256 does not match."
                : "附件缺失、路径不在数据目录内、文件不存在或校验值不符。"
        case .filingDuplicate:
            return en
                ? "Duplicates an earlier filing of the same learner, type, name and start."
                : "与此前的填报重复（同一学员、类型、名称和开始日期）。"
        case .filingMakeupOnline:
            return en
                ? "An online class earns its hours from playback; it cannot be made up."
                : "线上培训班的学时来自学习记录，不能补录。"
        case .filingNotMember:
            return en ? "The learner is not a member of the class." : "学员不在该培训班的学员名单中。"
        case .filingMakeupClosed:
            return en
                ? "The make-up was not submitted within that year's make-up window (or there is none)."
                : "补录不在该年度的补录时段内提交（或未配置补录时段）。"
        case .filingRejected:
            return en ? "\(name): rejected on review." : "\(name)：审核未通过。"
        case .filingPending:
            return en ? "\(name): pending approval, no hours yet." : "\(name)：待审批，暂不计学时。"
        case .filingOnline:
            return en ? "\(name): online training, \(hours) hours credited." : "\(name)：网络培训，认定 \(hours) 学时。"
        case .filingOnsite:
            return en ? "\(name): approved on-site training, \(hours) hours credited." : "\(name)：现场培训已审批，认定 \(hours) 学时。"
        case .filingHoursCut:
            return en
                ? "\(name): more than \(maxPerDay) hours a day were claimed; \(hours) credited, \(cut) cut."
                : "\(name)：申报学时超过每天 \(maxPerDay) 学时的上限，认定 \(hours) 学时，核减 \(cut) 学时。"
        case .filingMakeup:
            return en ? "\(name): approved make-up, \(hours) hours credited." : "\(name)：年终补录已审批，补记 \(hours) 学时。"
        case .filingMakeupNothing:
            return en
                ? "\(name): every session is already credited from check-ins; nothing to make up."
                : "\(name)：各场次均已签到计入，补录无可补学时。"
        default:
            return rule.rawValue
        }
    }
}

/// The sentences of the reasons that most entries give, with `{…}` where each value goes, in
/// both languages: `ReasonTemplate.render` fills them in as text, and `RenderedReasons` writes
/// them straight into an output's bytes, their fixed words escaped once per output.
enum Sentence: Int, CaseIterable, Sendable {
    case chapterCredited
    case chapterIncomplete
    case learnerNotInRoster
    case chapterNotInCourse
    case playbackBadTime
    case playbackBadPosition
    case playbackRate
    case playbackImplausible
    case playbackConcurrent
    case checkinUnknownSession
    case checkinNotMember
    case checkinWindow
    case checkinLocation
    case checkinDuplicate

    func template(english: Bool) -> String {
        switch self {
        case .chapterCredited:
            english
                ? "Chapter {chapter} was {percent}% covered (threshold {threshold}%): {hours} hours credited."
                : "章节 {chapter} 观看进度达到 {percent}%（要求 {threshold}%），认定 {hours} 学时。"
        case .chapterIncomplete:
            english
                ? "Chapter {chapter} is {percent}% covered, below the {threshold}% threshold: no hours yet."
                : "章节 {chapter} 观看进度 {percent}%，未达到 {threshold}%，暂不计学时。"
        case .learnerNotInRoster:
            english ? "Learner {learner} is not in the roster." : "学员 {learner} 不在花名册中。"
        case .chapterNotInCourse:
            english
                ? "Chapter {chapter} is not a chapter of course {course} in the catalog."
                : "章节 {chapter} 不在课程 {course} 的目录中。"
        case .playbackBadTime:
            english ? "The row ends before it starts." : "结束时间早于开始时间。"
        case .playbackBadPosition:
            english ? "The end position is before the start position." : "结束位置早于开始位置。"
        case .playbackRate:
            english
                ? "Playback rate {rate} is not above 0 and at most {maxRate}."
                : "播放倍速 {rate} 不在允许范围内（大于 0 且不超过 {maxRate}）。"
        case .playbackImplausible:
            english
                ? "More video was claimed than the wall clock allows (seeking or scripted progress)."
                : "观看内容长度超过实际经过的时间允许的范围（拖动进度或脚本刷课）。"
        case .playbackConcurrent:
            english
                ? "Overlaps an accepted row from another player session: one person watches one thing at a time."
                : "与另一播放窗口中已计入的记录时间重叠：同一时间只能学习一项内容。"
        case .checkinUnknownSession:
            english
                ? "Session {session} of class {class} is not in the catalog, or the class is not offline."
                : "培训班 {class} 的场次 {session} 不存在，或该班不是线下培训班。"
        case .checkinNotMember:
            english ? "The learner is not a member of class {class}." : "学员不在培训班 {class} 的学员名单中。"
        case .checkinWindow:
            english
                ? "Checked in at {at}, outside the session's window of ±{minutes} minutes."
                : "签到时间 {at} 不在场次前后 {minutes} 分钟的签到时段内。"
        case .checkinLocation:
            english
                ? "Location check-in without a position, outside the session's radius, or the session has no location."
                : "定位签到缺少位置，或距离培训地点超过允许范围，或该场次未设定位。"
        case .checkinDuplicate:
            english ? "The learner already checked in to this session." : "该场次已有有效签到，不重复计学时。"
        }
    }

    /// The sentence with `values` in place of its `{…}`, in order (the Chinese sentence may
    /// place them in another order: each `{name}` takes the value of that name's position in
    /// the English one).
    func text(english: Bool, _ values: String...) -> String {
        let names = Self.names(in: template(english: true))
        var text = ""
        for piece in Self.pieces(of: template(english: english)) {
            switch piece {
            case .word(let word): text += word
            case .value(let name): text += values[names.firstIndex(of: name)!]
            }
        }
        return text
    }

    enum Piece: Equatable {
        case word(Substring)
        case value(Substring)
    }

    /// The template's fixed words and `{name}`s, in order.
    static func pieces(of template: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.word(rest[..<open])) }
            pieces.append(.value(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.word(rest)) }
        return pieces
    }

    /// The names of the template's values, in order.
    static func names(in template: String) -> [Substring] {
        pieces(of: template).compactMap { if case .value(let name) = $0 { name } else { nil } }
    }
}

/// The reasons of ledger entries, made from the records they are about.
enum Messages {
    /// `id`: the chapter's id as a symbol (the rules name it once per chapter, not once per entry).
    static func chapterCredited(_ chapter: Chapter, id: Symbol, percent: Int, settings: Settings) -> Reason {
        Reason(
            .chapterCredit(
                id, percent: UInt8(clamping: percent),
                thresholdHundredths: Int32(clamping: settings.chapterThresholdHundredths), hours: chapter.hours))
    }

    static func chapterIncomplete(_ chapter: Chapter, id: Symbol, percent: Int, settings: Settings) -> Reason {
        Reason(
            .chapterIncomplete(
                chapter: id, thresholdHundredths: Int32(clamping: settings.chapterThresholdHundredths),
                percent: UInt8(clamping: percent)))
    }

    /// `maxRate`: max-playback-rate as written (formatted once by the caller, not once a row).
    static func playbackRejected(_ rule: RuleCode, row: PlaybackRow, log: PlaybackLog, maxRate: String) -> Reason {
        Reason(
            .playbackRejected(
                rule: rule, learnerID: log.learners[row.learner], courseID: log.courses[row.course],
                chapterID: log.chapters[row.chapter], rate: log.rates[row.rate], maxRate: maxRate))
    }

    static func sessionCredited(_ trainingClass: TrainingClass, _ session: ClassSession) -> Reason {
        Reason(.sessionCredited(classTitle: trainingClass.title, date: session.date, start: session.start, end: session.end, hours: session.hours))
    }

    static func checkinRejected(_ rule: RuleCode, _ checkin: Checkin, session: ClassSession?, settings: Settings) -> Reason {
        Reason(
            .checkinRejected(
                rule: rule, learnerID: checkin.learnerID, classID: checkin.classID, sessionID: checkin.sessionID,
                at: checkin.at, offset: settings.timezone, windowMinutes: settings.checkinWindowMilliseconds / 60_000))
    }

    static func filing(
        _ rule: RuleCode, _ filing: Filing, hours: Hours, cut: Hours, trainingClass: TrainingClass?, settings: Settings
    ) -> Reason {
        Reason(
            .filing(
                rule: rule, name: filing.name ?? trainingClass?.title ?? filing.id, learnerID: filing.learnerID,
                classID: filing.classID ?? "", categoryID: filing.categoryID ?? "", isMakeup: filing.type == .makeup,
                hours: hours, cut: cut, maxPerDay: settings.maxHoursPerDay))
    }

    static func capped(_ entry: LedgerEntry, cap: Hours, settings: Settings) -> Reason {
        let category = entry.categoryID ?? ""
        return Reason(
            .capped(
                isZeroed: entry.status == .capped, cap: cap, categoryID: category,
                categoryName: settings.category(category)?.name ?? category, hours: entry.hours, cut: entry.cutHours))
    }

    static func examEarly(_ trainingClass: TrainingClass, required: Hours, reachedAt: Timestamp?, settings: Settings) -> Reason {
        Reason(.examEarly(classID: trainingClass.id, required: required, reachedAt: reachedAt, offset: settings.timezone))
    }
}
