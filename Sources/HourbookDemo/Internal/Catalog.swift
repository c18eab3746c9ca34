/// A chapter (章节) of a course: a video of `duration` milliseconds worth `hours` hundredths.
struct DemoChapter {
    var id: String
    var title: String
    var duration: Int64
    var hours: Int64
    var course: Int
}

/// A course (课程) of the catalog.
struct DemoCourse {
    var id: String
    var title: String
    var category: String
    var subject: String
    var author: String
    var producer: String
    /// Indices into `DemoCatalog.chapters`.
    var chapters: [Int]
}

/// An offline session (课次) of a class, on `day` (days since 1970-01-01), local times in minutes.
struct DemoSession {
    var id: String
    var day: Int64
    var start: Int
    var end: Int
    var hours: Int64
    /// Latitude and longitude in millionths of a degree, radius in metres.
    var place: (latitude: Int64, longitude: Int64, radius: Int)?

    var startInstant: Int64 { (day * 86_400 + Int64(start * 60) - 8 * 3600) * 1000 }
    var endInstant: Int64 { (day * 86_400 + Int64(end * 60) - 8 * 3600) * 1000 }
}

/// A training class (培训班): online (courses, required hours, maybe an exam) or offline (sessions).
struct DemoClass {
    var id: String
    var title: String
    var isOnline: Bool
    var category: String
    var subject: String
    var host: String
    var start: Int64
    var end: Int64
    var location: String?
    var requiredHours: Int64?
    var hasExam: Bool
    var courses: [Int] = []
    var sessions: [DemoSession] = []
    /// Learner indices (1-based roster positions), sorted; nil means open to every learner.
    var members: [Int]?

    func isMember(_ learner: Int) -> Bool {
        guard let members else { return true }
        return binarySearch(members, learner)
    }
}

func binarySearch(_ sorted: [Int], _ value: Int) -> Bool {
    var low = 0, high = sorted.count
    while low < high {
        let mid = (low + high) / 2
        if sorted[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low < sorted.count && sorted[low] == value
}

/// The courses and classes of catalog.xml. Courses are the same for every seed; memberships are drawn.
struct DemoCatalog {
    var chapters: [DemoChapter] = []
    var courses: [DemoCourse] = []
    var classes: [DemoClass] = []

    static let courseTable: [(String, String, String, String, String)] = [
        ("“十四五”经济发展目标与构建新发展格局", "platform-online", "政治理论", "张鹏", "国家行政学院"),
        ("学习贯彻党的二十大精神", "platform-online", "政治理论", "李红", "中央党校（国家行政学院）"),
        ("习近平新时代中国特色社会主义思想概论", "platform-online", "政治理论", "王志刚", "中央党校（国家行政学院）"),
        ("党章党规党纪学习教育", "party-cloud", "党性教育", "陈立新", "科协党建云"),
        ("学习贯彻党的二十届三中全会精神", "platform-online", "政治理论", "刘晓东", "中央党校（国家行政学院）"),
        ("进一步全面深化改革 推进中国式现代化", "platform-online", "政治理论", "赵文斌", "国家行政学院"),
        ("科技自立自强与新质生产力", "platform-online", "科技创新", "周振华", "中国科协创新战略研究院"),
        ("新时代科普工作的使命与任务", "platform-online", "业务知识", "孙雪梅", "中国科普研究所"),
        ("基层党组织建设实务", "party-cloud", "党性教育", "马建国", "科协党建云"),
        ("中央八项规定精神解读", "party-cloud", "党风廉政", "黄海燕", "科协党建云"),
        ("总体国家安全观与保密知识", "platform-online", "法治教育", "郭永健", "中国科协党校"),
        ("数字政府建设与数据治理", "other-platforms", "信息化", "林思远", "中国干部网络学院"),
        ("公文写作与办文规范", "platform-online", "业务知识", "何俊峰", "中国科协党校"),
        ("科技社团治理与学会改革", "platform-online", "业务知识", "高博文", "中国科协学会服务中心"),
        ("人工智能发展趋势与治理", "other-platforms", "科技创新", "罗晨曦", "中国干部网络学院"),
        ("中华优秀传统文化与文化自信", "party-cloud", "文化素养", "梁秋实", "科协党建云"),
    ]

    /// Longer courses (C017–C036) of a full lecture per chapter, 40–100 minutes at one hour per
    /// 45 minutes (rounded to the half hour): most of a learner's online hours come from these.
    static let lectureCourseTable: [(String, String, String, String, String)] = [
        ("习近平文化思想专题讲座", "platform-online", "政治理论", "唐建军", "中央党校（国家行政学院）"),
        ("习近平经济思想学习纲要导读", "platform-online", "政治理论", "许文涛", "中央党校（国家行政学院）"),
        ("党的自我革命与全面从严治党", "party-cloud", "党性教育", "韩立群", "科协党建云"),
        ("中国式现代化的理论与实践", "platform-online", "政治理论", "冯志远", "国家行政学院"),
        ("领导干部科学素质提升", "platform-online", "科技创新", "邓晓明", "中国科协党校"),
        ("党史专题：伟大建党精神", "party-cloud", "党史学习", "曹国庆", "科协党建云"),
        ("全球科技治理与科技外交", "other-platforms", "科技创新", "彭晨", "中国干部网络学院"),
        ("依法行政与法治政府建设", "platform-online", "法治教育", "曾宪文", "国家行政学院"),
        ("政府会计与预算绩效管理", "platform-online", "业务知识", "肖红梅", "中国科协党校"),
        ("科学家精神与科研诚信", "platform-online", "科技创新", "田野", "中国科协创新战略研究院"),
        ("新时代党的组织路线", "party-cloud", "党性教育", "董建民", "科协党建云"),
        ("应急管理与风险防范", "other-platforms", "综合素养", "袁立", "中国干部网络学院"),
        ("数字经济与数据要素", "other-platforms", "信息化", "潘宇航", "中国干部网络学院"),
        ("科普信息化与新媒体传播", "platform-online", "业务知识", "于佳", "中国科普研究所"),
        ("意识形态工作责任制", "party-cloud", "党性教育", "蒋振国", "科协党建云"),
        ("国际科技合作政策与实务", "platform-online", "外事业务", "蔡文", "中国科协国际联络部"),
        ("调查研究的方法与实践", "platform-online", "业务知识", "余海波", "中国科协党校"),
        ("生态文明建设与“双碳”目标", "other-platforms", "综合素养", "杜明远", "中国干部网络学院"),
        ("心理健康与压力管理", "other-platforms", "综合素养", "叶思雨", "中国干部网络学院"),
        ("公务员职业道德与作风建设", "party-cloud", "党风廉政", "程建华", "科协党建云"),
    ]

    static let lectureNumbers = ["第一讲", "第二讲", "第三讲", "第四讲", "第五讲", "第六讲"]

    /// C001 and C002 have fixed chapters because the scenario (docs/demo-data.md) watches them.
    static let fixedChapters: [Int: [(String, Int64, Int64)]] = [
        0: [
            ("第一讲 新发展阶段的历史方位", 1_520_000, 50), ("第二讲 构建新发展格局的战略意义", 1_712_500, 50),
            ("第三讲 “十四五”时期经济社会发展主要目标", 2_400_000, 100),
        ],
        1: [
            ("第一讲 新时代十年的伟大变革", 1_800_000, 100), ("第二讲 以中国式现代化全面推进中华民族伟大复兴", 2_700_000, 100),
            ("第三讲 全面从严治党永远在路上", 1_500_000, 50),
        ],
    ]

    init(learners: [DemoLearner], seed: UInt64) {
        var fixed = SeededGenerator(seed: 20_240_101)
        for (index, row) in Self.courseTable.enumerated() {
            let id = "C" + padded(index + 1, 3)
            var course = DemoCourse(
                id: id, title: row.0, category: row.1, subject: row.2, author: row.3, producer: row.4, chapters: [])
            let specs: [(String, Int64, Int64)]
            if let given = Self.fixedChapters[index] {
                specs = given
            } else {
                specs = (0..<fixed.within(2...5)).map { n in
                    // 15–50 minutes, sometimes on a half second.
                    let duration = Int64(fixed.within(900...3000)) * 1000 + (fixed.chance(250) ? 500 : 0)
                    return (Self.lectureNumbers[n], duration, duration < 1_800_000 ? 50 : 100)
                }
            }
            for (n, spec) in specs.enumerated() {
                course.chapters.append(chapters.count)
                chapters.append(
                    DemoChapter(id: id + "-" + String(n + 1), title: spec.0, duration: spec.1, hours: spec.2, course: index))
            }
            courses.append(course)
        }
        // A separate stream, so that the courses above stay the same.
        var lectures = SeededGenerator(seed: 20_250_101)
        for row in Self.lectureCourseTable {
            let index = courses.count
            let id = "C" + padded(index + 1, 3)
            var course = DemoCourse(
                id: id, title: row.0, category: row.1, subject: row.2, author: row.3, producer: row.4, chapters: [])
            for n in 0..<lectures.within(3...6) {
                let duration = Int64(lectures.within(2400...6000)) * 1000
                // One hour per 45 minutes, rounded to the half hour.
                let hours = max(100, (duration * 2 + 1_350_000) / 2_700_000 * 50)
                course.chapters.append(chapters.count)
                chapters.append(
                    DemoChapter(id: id + "-" + String(n + 1), title: Self.lectureNumbers[n], duration: duration, hours: hours,
                                course: index))
            }
            courses.append(course)
        }
        classes = Self.makeClasses(learners: learners, seed: seed)
    }

    private static func day(_ y: Int, _ m: Int, _ d: Int) -> Int64 { DemoCalendar.dayNumber(y, m, d) }

    /// 中国科技会堂 (复兴路3号) and 中国科学技术馆 (北辰东路5号), in millionths of a degree.
    static let sciencePalace = (latitude: Int64(39_907_500), longitude: Int64(116_297_000), radius: 500)
    static let scienceMuseum = (latitude: Int64(40_004_400), longitude: Int64(116_391_300), radius: 300)

    private static func makeClasses(learners: [DemoLearner], seed: UInt64) -> [DemoClass] {
        var rng = SeededGenerator(seed: seed, stream: 3)
        let scenario = Organisation.scenarioLearners.count
        func members(_ fixed: [Int], month: Int, _ include: (DemoLearner, inout SeededGenerator) -> Bool) -> [Int] {
            var result = fixed
            for index in (scenario + 1)...learners.count {
                let learner = learners[index - 1]
                guard learner.firstMonth <= month, month <= learner.lastMonth else { continue }
                if include(learner, &rng) { result.append(index) }
            }
            return result.sorted()
        }
        let host = "中国科协党校"
        var classes: [DemoClass] = []

        var online = DemoClass(
            id: "T2024-01", title: "2024年度处级干部网络专题培训班", isOnline: true, category: "platform-online",
            subject: "政治理论", host: "科协系统网上党校", start: day(2024, 3, 1), end: day(2024, 6, 30),
            requiredHours: 400, hasExam: true)
        online.courses = [0, 1]
        online.members = members([4, 5], month: 2) { learner, _ in learner.rank == "处级" }
        classes.append(online)

        var partyClass = DemoClass(
            id: "T2024-03", title: "处级干部党性教育专题培训班", isOnline: false, category: "party-theory",
            subject: "党性教育", host: host, start: day(2024, 6, 3), end: day(2024, 6, 4),
            location: "北京市海淀区复兴路3号 中国科技会堂", hasExam: false)
        partyClass.sessions = [
            DemoSession(id: "S1", day: day(2024, 6, 3), start: 540, end: 720, hours: 300, place: sciencePalace),
            DemoSession(id: "S2", day: day(2024, 6, 3), start: 840, end: 1050, hours: 350, place: sciencePalace),
            DemoSession(id: "S3", day: day(2024, 6, 4), start: 540, end: 720, hours: 300, place: nil),
        ]
        partyClass.members = members([2, 4, 5], month: 5) { learner, rng in learner.rank == "处级" && rng.chance(500) }
        classes.append(partyClass)

        var scienceClass = DemoClass(
            id: "T2024-07", title: "科普工作业务能力提升培训班", isOnline: false, category: "business", subject: "业务知识",
            host: host, start: day(2024, 9, 10), end: day(2024, 9, 11), location: "北京市朝阳区北辰东路5号 中国科学技术馆",
            hasExam: false)
        scienceClass.sessions = [
            DemoSession(id: "S1", day: day(2024, 9, 10), start: 540, end: 720, hours: 300, place: scienceMuseum),
            DemoSession(id: "S2", day: day(2024, 9, 10), start: 840, end: 1020, hours: 300, place: scienceMuseum),
            DemoSession(id: "S3", day: day(2024, 9, 11), start: 540, end: 690, hours: 250, place: scienceMuseum),
        ]
        scienceClass.members = members([], month: 8) { _, rng in rng.chance(300) }
        classes.append(scienceClass)

        var secretaries = DemoClass(
            id: "T2024-11", title: "机关党支部书记培训班（面向全体党员开放）", isOnline: false, category: "party-group-study",
            subject: "党建业务", host: host, start: day(2024, 11, 19), end: day(2024, 11, 19),
            location: "北京市海淀区复兴路3号 中国科技会堂", hasExam: false)
        secretaries.sessions = [
            DemoSession(id: "S1", day: day(2024, 11, 19), start: 540, end: 690, hours: 250, place: sciencePalace),
            DemoSession(id: "S2", day: day(2024, 11, 19), start: 810, end: 960, hours: 250, place: sciencePalace),
        ]
        classes.append(secretaries)

        var plenum = DemoClass(
            id: "T2025-01", title: "学习贯彻党的二十届三中全会精神网络专题班", isOnline: true, category: "platform-online",
            subject: "政治理论", host: "科协系统网上党校", start: day(2025, 3, 1), end: day(2025, 5, 31),
            requiredHours: 300, hasExam: true)
        plenum.courses = [4, 5]
        classes.append(plenum)

        var rotation = DemoClass(
            id: "T2025-04", title: "学习贯彻党的二十届三中全会精神集中轮训", isOnline: false, category: "party-theory",
            subject: "政治理论", host: host, start: day(2025, 4, 15), end: day(2025, 4, 16),
            location: "北京市海淀区复兴路3号 中国科技会堂", hasExam: false)
        rotation.sessions = [
            DemoSession(id: "S1", day: day(2025, 4, 15), start: 540, end: 720, hours: 300, place: sciencePalace),
            DemoSession(id: "S2", day: day(2025, 4, 15), start: 840, end: 1020, hours: 300, place: sciencePalace),
            DemoSession(id: "S3", day: day(2025, 4, 16), start: 540, end: 720, hours: 300, place: sciencePalace),
        ]
        rotation.members = members([5], month: 15) { _, rng in rng.chance(450) }
        classes.append(rotation)

        var cloud = DemoClass(
            id: "T2025-06", title: "“科协党建云”主题党日在线学习", isOnline: true, category: "party-cloud", subject: "党性教育",
            host: "科协党建云", start: day(2025, 6, 1), end: day(2025, 7, 31), requiredHours: 200, hasExam: false)
        cloud.courses = [8, 9]
        classes.append(cloud)

        var seniors = DemoClass(
            id: "T2025-09", title: "局级干部专题研讨班", isOnline: false, category: "party-theory", subject: "党性教育",
            host: host, start: day(2025, 9, 22), end: day(2025, 9, 24), location: "北京市海淀区复兴路3号 中国科技会堂",
            hasExam: false)
        seniors.sessions = (0..<5).map { n in
            DemoSession(
                id: "S" + String(n + 1), day: day(2025, 9, 22 + n / 2), start: n % 2 == 0 ? 540 : 840,
                end: n % 2 == 0 ? 720 : 1020, hours: 300, place: sciencePalace)
        }
        seniors.members = members([], month: 20) { learner, rng in learner.rank == "局级" && rng.chance(900) }
        classes.append(seniors)

        var societies = DemoClass(
            id: "T2025-11", title: "全国学会秘书长能力提升培训班", isOnline: false, category: "business", subject: "业务知识",
            host: host, start: day(2025, 11, 12), end: day(2025, 11, 13), location: "北京市朝阳区北辰东路5号 中国科学技术馆",
            hasExam: false)
        societies.sessions = [
            DemoSession(id: "S1", day: day(2025, 11, 12), start: 540, end: 720, hours: 300, place: scienceMuseum),
            DemoSession(id: "S2", day: day(2025, 11, 13), start: 540, end: 720, hours: 300, place: nil),
        ]
        societies.members = members([], month: 22) { _, rng in rng.chance(300) }
        classes.append(societies)

        // Party-theory classes of 3–3.5-hour sessions that most 处级 and 局级 cadres attend.
        var discipline = DemoClass(
            id: "T2024-05", title: "党纪学习教育专题读书班", isOnline: false, category: "party-theory", subject: "党性教育",
            host: host, start: day(2024, 5, 14), end: day(2024, 5, 15), location: "北京市海淀区复兴路3号 中国科技会堂",
            hasExam: false)
        discipline.sessions = [
            DemoSession(id: "S1", day: day(2024, 5, 14), start: 510, end: 720, hours: 350, place: sciencePalace),
            DemoSession(id: "S2", day: day(2024, 5, 14), start: 840, end: 1050, hours: 350, place: sciencePalace),
            DemoSession(id: "S3", day: day(2024, 5, 15), start: 540, end: 720, hours: 300, place: sciencePalace),
        ]
        discipline.members = members([], month: 4) { learner, rng in
            rng.chance(learner.rank == "处级" || learner.rank == "局级" ? 850 : 350)
        }
        classes.append(discipline)

        var cadres = DemoClass(
            id: "T2025-10", title: "2025年处级干部党性教育专题培训班", isOnline: false, category: "party-theory",
            subject: "党性教育", host: host, start: day(2025, 10, 14), end: day(2025, 10, 15),
            location: "北京市海淀区复兴路3号 中国科技会堂", hasExam: false)
        cadres.sessions = [
            DemoSession(id: "S1", day: day(2025, 10, 14), start: 510, end: 720, hours: 350, place: sciencePalace),
            DemoSession(id: "S2", day: day(2025, 10, 14), start: 840, end: 1050, hours: 350, place: sciencePalace),
            DemoSession(id: "S3", day: day(2025, 10, 15), start: 540, end: 750, hours: 350, place: sciencePalace),
        ]
        cadres.members = members([], month: 9 + 12) { learner, rng in
            rng.chance(learner.rank == "处级" ? 850 : learner.rank == "局级" ? 500 : 120)
        }
        classes.append(cadres)

        // A year's series of theory lectures, one afternoon a quarter, mostly for party members.
        for year in [2024, 2025] {
            let days = year == 2024 ? [(3, 26), (6, 25), (9, 24), (11, 26)] : [(3, 25), (6, 24), (9, 23), (11, 25)]
            var lectures = DemoClass(
                id: "T\(year)-02", title: "\(year)年机关党员干部理论学习专题讲座", isOnline: false, category: "party-theory",
                subject: "政治理论", host: "机关党委", start: day(year, days[0].0, days[0].1), end: day(year, days[3].0, days[3].1),
                location: "北京市海淀区复兴路3号 中国科技会堂", hasExam: false)
            lectures.sessions = days.enumerated().map { n, date in
                DemoSession(id: "S" + String(n + 1), day: day(year, date.0, date.1), start: 840, end: 1020, hours: 300,
                            place: sciencePalace)
            }
            lectures.members = members([], month: (year - 2024) * 12) { learner, rng in
                rng.chance(learner.isPartyMember == true ? 700 : 250)
            }
            classes.append(lectures)
        }
        return classes
    }

    /// catalog.xml.
    func write(to sink: ByteSink, learners: [DemoLearner]) {
        sink.text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalog>\n")
        for course in courses {
            sink.text(
                "  <course id=\"\(course.id)\" title=\"\(xml(course.title))\" category=\"\(course.category)\" subject=\"\(course.subject)\" author=\"\(course.author)\" producer=\"\(xml(course.producer))\">\n"
            )
            for index in course.chapters {
                let chapter = chapters[index]
                sink.text("    <chapter id=\"\(chapter.id)\" title=\"\(xml(chapter.title))\" duration=\"")
                sink.decimal(chapter.duration, digits: 3)
                sink.text("\" hours=\"")
                sink.decimal(chapter.hours, digits: 2)
                sink.text("\"/>\n")
            }
            sink.text("  </course>\n")
        }
        for item in classes {
            sink.text(
                "\n  <class id=\"\(item.id)\" title=\"\(xml(item.title))\" mode=\"\(item.isOnline ? "online" : "offline")\" category=\"\(item.category)\" subject=\"\(item.subject)\" host=\"\(item.host)\"\n         start=\"\(DemoCalendar.text(dayNumber: item.start))\" end=\"\(DemoCalendar.text(dayNumber: item.end))\""
            )
            if let location = item.location { sink.text(" location=\"\(xml(location))\"") }
            if let required = item.requiredHours {
                sink.text(" required-hours=\"")
                sink.decimal(required, digits: 2)
                sink.text("\"")
            }
            if item.hasExam { sink.text(" exam=\"yes\"") }
            sink.text(">\n")
            for course in item.courses { sink.text("    <course ref=\"\(courses[course].id)\"/>\n") }
            for session in item.sessions {
                sink.text(
                    "    <session id=\"\(session.id)\" date=\"\(DemoCalendar.text(dayNumber: session.day))\" start=\"\(clock(session.start))\" end=\"\(clock(session.end))\" hours=\""
                )
                sink.decimal(session.hours, digits: 2)
                sink.text("\"")
                if let place = session.place {
                    sink.text(" lat=\"")
                    sink.decimal(place.latitude, digits: 6)
                    sink.text("\" lon=\"")
                    sink.decimal(place.longitude, digits: 6)
                    sink.text("\" radius=\"\(place.radius)\"")
                }
                sink.text("/>\n")
            }
            for member in item.members ?? [] { sink.text("    <member ref=\"\(learners[member - 1].id)\"/>\n") }
            sink.text("  </class>\n")
        }
        sink.text("</catalog>\n")
    }
}

/// `HH:MM` of minutes after midnight.
func clock(_ minutes: Int) -> String { padded(minutes / 60, 2) + ":" + padded(minutes % 60, 2) }

/// Text escaped for XML attributes and element content.
func xml(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.unicodeScalars.append(character)
        }
    }
    return out
}
