import HourbookCore

/// The one-sentence reasons of ledger entries, in Chinese and English.
enum Messages {
    static func chapterCredited(_ chapter: Chapter, percent: Int, settings: Settings) -> Reason {
        let threshold = FixedPoint.format(settings.chapterThresholdHundredths, fractionDigits: 2).trimmingZeros
        return Reason(
            chinese: "章节 \(chapter.id) 观看进度达到 \(percent)%（要求 \(threshold)%），认定 \(chapter.hours) 学时。",
            english: "Chapter \(chapter.id) was \(percent)% covered (threshold \(threshold)%): \(chapter.hours) hours credited.")
    }

    static func chapterIncomplete(_ chapter: Chapter, percent: Int, settings: Settings) -> Reason {
        let threshold = FixedPoint.format(settings.chapterThresholdHundredths, fractionDigits: 2).trimmingZeros
        return Reason(
            chinese: "章节 \(chapter.id) 观看进度 \(percent)%，未达到 \(threshold)%，暂不计学时。",
            english: "Chapter \(chapter.id) is \(percent)% covered, below the \(threshold)% threshold: no hours yet.")
    }

    static func playbackRejected(_ rule: RuleCode, row: PlaybackRow, log: PlaybackLog, settings: Settings) -> Reason {
        switch rule {
        case .playbackUnknownLearner:
            return Reason(
                chinese: "学员 \(log.learners[row.learner]) 不在花名册中。",
                english: "Learner \(log.learners[row.learner]) is not in the roster.")
        case .playbackUnknownChapter:
            return Reason(
                chinese: "章节 \(log.chapters[row.chapter]) 不在课程 \(log.courses[row.course]) 的目录中。",
                english: "Chapter \(log.chapters[row.chapter]) is not a chapter of course \(log.courses[row.course]) in the catalog.")
        case .playbackBadTime:
            return Reason(chinese: "结束时间早于开始时间。", english: "The row ends before it starts.")
        case .playbackBadPosition:
            return Reason(chinese: "结束位置早于开始位置。", english: "The end position is before the start position.")
        case .playbackRate:
            let rate = FixedPoint.format(row.rate, fractionDigits: 6).trimmingZeros
            let most = FixedPoint.format(settings.maxPlaybackRate, fractionDigits: 6).trimmingZeros
            return Reason(
                chinese: "播放倍速 \(rate) 不在允许范围内（大于 0 且不超过 \(most)）。",
                english: "Playback rate \(rate) is not above 0 and at most \(most).")
        case .playbackImplausible:
            return Reason(
                chinese: "观看内容长度超过实际经过的时间允许的范围（拖动进度或脚本刷课）。",
                english: "More video was claimed than the wall clock allows (seeking or scripted progress).")
        case .playbackConcurrent:
            return Reason(
                chinese: "与另一播放窗口中已计入的记录时间重叠：同一时间只能学习一项内容。",
                english: "Overlaps an accepted row from another player session: one person watches one thing at a time.")
        default:
            return Reason(chinese: rule.rawValue, english: rule.rawValue)
        }
    }

    static func sessionCredited(_ trainingClass: TrainingClass, _ session: ClassSession) -> Reason {
        Reason(
            chinese: "\(trainingClass.title)（\(session.date) \(session.start)–\(session.end)）签到有效，认定 \(session.hours) 学时。",
            english: "Checked in at \(trainingClass.title) (\(session.date) \(session.start)–\(session.end)): \(session.hours) hours credited.")
    }

    static func checkinRejected(_ rule: RuleCode, _ checkin: Checkin, session: ClassSession?, settings: Settings) -> Reason {
        switch rule {
        case .checkinUnknownLearner:
            return Reason(chinese: "学员 \(checkin.learnerID) 不在花名册中。", english: "Learner \(checkin.learnerID) is not in the roster.")
        case .checkinUnknownSession:
            return Reason(
                chinese: "培训班 \(checkin.classID) 的场次 \(checkin.sessionID) 不存在，或该班不是线下培训班。",
                english: "Session \(checkin.sessionID) of class \(checkin.classID) is not in the catalog, or the class is not offline.")
        case .checkinNotMember:
            return Reason(
                chinese: "学员不在培训班 \(checkin.classID) 的学员名单中。",
                english: "The learner is not a member of class \(checkin.classID).")
        case .checkinWindow:
            let minutes = settings.checkinWindowMilliseconds / 60_000
            return Reason(
                chinese: "签到时间 \(checkin.at.formatted(in: settings.timezone)) 不在场次前后 \(minutes) 分钟的签到时段内。",
                english: "Checked in at \(checkin.at.formatted(in: settings.timezone)), outside the session's window of ±\(minutes) minutes.")
        case .checkinLocation:
            return Reason(
                chinese: "定位签到缺少位置，或距离培训地点超过允许范围。",
                english: "Location check-in without a position, outside the session's radius, or the session has no location.")
        case .checkinDuplicate:
            return Reason(chinese: "该场次已有有效签到，不重复计学时。", english: "The learner already checked in to this session.")
        default:
            return Reason(chinese: rule.rawValue, english: rule.rawValue)
        }
    }

    static func filing(
        _ rule: RuleCode, _ filing: Filing, hours: Hours, cut: Hours, trainingClass: TrainingClass?, settings: Settings
    ) -> Reason {
        let name = filing.name ?? trainingClass?.title ?? filing.id
        switch rule {
        case .filingUnknownLearner:
            return Reason(chinese: "学员 \(filing.learnerID) 不在花名册中。", english: "Learner \(filing.learnerID) is not in the roster.")
        case .filingMissingField:
            let fields = filing.type == .makeup ? "year、class" : "year、name、category、start、end、requested-hours、host"
            return Reason(
                chinese: "填报缺少必填项（\(fields)）。", english: "The filing lacks a required field (\(fields.replacingOccurrences(of: "、", with: ", "))).")
        case .filingUnknownClass:
            return Reason(
                chinese: "补录的培训班 \(filing.classID ?? "") 不在目录中。",
                english: "Class \(filing.classID ?? "") of the make-up is not in the catalog.")
        case .filingBadCategory:
            return Reason(
                chinese: "培训类别 \(filing.categoryID ?? "") 未配置。",
                english: "Category \(filing.categoryID ?? "") is not configured.")
        case .filingDates:
            return Reason(
                chinese: "日期有误：结束早于开始，或年度与培训日期不符。",
                english: "The dates do not hold: the end is before the start, or the year is not the year of the dates.")
        case .filingAttachment:
            return Reason(
                chinese: "附件缺失、路径不在数据目录内、文件不存在或校验值不符。",
                english: "An attachment is missing, outside the data folder, not a file, or its SHA-256 does not match.")
        case .filingDuplicate:
            return Reason(
                chinese: "与此前的填报重复（同一学员、类型、名称和开始日期）。",
                english: "Duplicates an earlier filing of the same learner, type, name and start.")
        case .filingMakeupOnline:
            return Reason(
                chinese: "线上培训班的学时来自学习记录，不能补录。",
                english: "An online class earns its hours from playback; it cannot be made up.")
        case .filingNotMember:
            return Reason(chinese: "学员不在该培训班的学员名单中。", english: "The learner is not a member of the class.")
        case .filingMakeupClosed:
            return Reason(
                chinese: "补录不在该年度的补录时段内提交（或未配置补录时段）。",
                english: "The make-up was not submitted within that year's make-up window (or there is none).")
        case .filingRejected:
            return Reason(chinese: "\(name)：审核未通过。", english: "\(name): rejected on review.")
        case .filingPending:
            return Reason(chinese: "\(name)：待审批，暂不计学时。", english: "\(name): pending approval, no hours yet.")
        case .filingOnline:
            return Reason(chinese: "\(name)：网络培训，认定 \(hours) 学时。", english: "\(name): online training, \(hours) hours credited.")
        case .filingOnsite:
            return Reason(chinese: "\(name)：现场培训已审批，认定 \(hours) 学时。", english: "\(name): approved on-site training, \(hours) hours credited.")
        case .filingHoursCut:
            return Reason(
                chinese: "\(name)：申报学时超过每天 \(settings.maxHoursPerDay) 学时的上限，认定 \(hours) 学时，核减 \(cut) 学时。",
                english: "\(name): more than \(settings.maxHoursPerDay) hours a day were claimed; \(hours) credited, \(cut) cut.")
        case .filingMakeup:
            return Reason(chinese: "\(name)：年终补录已审批，补记 \(hours) 学时。", english: "\(name): approved make-up, \(hours) hours credited.")
        case .filingMakeupNothing:
            return Reason(
                chinese: "\(name)：各场次均已签到计入，补录无可补学时。",
                english: "\(name): every session is already credited from check-ins; nothing to make up.")
        default:
            return Reason(chinese: rule.rawValue, english: rule.rawValue)
        }
    }

    static func capped(_ entry: LedgerEntry, cap: Hours, settings: Settings) -> Reason {
        let category = settings.category(entry.categoryID ?? "")?.name ?? entry.categoryID ?? ""
        if entry.status == .capped {
            return Reason(
                chinese: "Y-CAP：本年度「\(category)」已达 \(cap) 学时上限，本项不再计入（核减 \(entry.cutHours) 学时）。",
                english: "Y-CAP: the year's cap of \(cap) hours in \(entry.categoryID ?? "") was already reached; \(entry.cutHours) hours cut.")
        }
        return Reason(
            chinese: "Y-CAP：本项使「\(category)」达到 \(cap) 学时上限，计入 \(entry.hours) 学时（核减 \(entry.cutHours) 学时）。",
            english: "Y-CAP: this credit reaches the year's cap of \(cap) hours in \(entry.categoryID ?? ""); \(entry.hours) credited, \(entry.cutHours) cut.")
    }

    static func examEarly(_ trainingClass: TrainingClass, required: Hours, reachedAt: Timestamp?, settings: Settings) -> Reason {
        if let reachedAt {
            return Reason(
                chinese: "考试早于学时达标时间（\(reachedAt.formatted(in: settings.timezone))）：仅当学时要求（\(required)）达标后，才可进入考试。",
                english: "Exam taken before the required \(required) hours were reached (at \(reachedAt.formatted(in: settings.timezone))).")
        }
        return Reason(
            chinese: "未达到学时要求（\(required)）即参加考试：仅当学时要求达标后，才可进入考试。",
            english: "Exam taken without ever reaching the required \(required) hours of \(trainingClass.id).")
    }
}

extension String {
    /// `60.00` → `60`, `1.250000` → `1.25`.
    var trimmingZeros: String {
        guard contains(".") else { return self }
        var text = self
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
