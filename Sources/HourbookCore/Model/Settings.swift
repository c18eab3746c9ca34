/// Whether a category's hours are learned online (线上) or offline (线下).
public enum LearningMode: String, Sendable, Hashable, CaseIterable {
    case online
    case offline
}

/// A training category (培训类别) from `hourbook.yaml`, in display order.
public struct Category: Hashable, Sendable {
    public var id: String
    public var name: String
    public var mode: LearningMode

    public init(id: String, name: String, mode: LearningMode) {
        self.id = id
        self.name = name
        self.mode = mode
    }
}

/// A rank's yearly requirement (学时要求).
public struct Requirement: Hashable, Sendable {
    /// The minimum total for the year.
    public var total: Hours
    /// Minimums per category id.
    public var categoryMinimums: [String: Hours]
    /// Optional rolling window: `years` years ending with the reported one must reach `total`.
    public var rolling: RollingRequirement?

    public init(total: Hours, categoryMinimums: [String: Hours] = [:], rolling: RollingRequirement? = nil) {
        self.total = total
        self.categoryMinimums = categoryMinimums
        self.rolling = rolling
    }
}

/// 干部教育培训工作条例: e.g. 550 hours every 5 years.
public struct RollingRequirement: Hashable, Sendable {
    public var years: Int
    public var total: Hours

    public init(years: Int, total: Hours) {
        self.years = years
        self.total = total
    }
}

/// The window in which year-end make-up applications (年终补录) for a year are accepted.
public struct MakeupWindow: Hashable, Sendable {
    public var from: LocalDate
    public var to: LocalDate

    public init(from: LocalDate, to: LocalDate) {
        self.from = from
        self.to = to
    }

    public func contains(_ date: LocalDate) -> Bool { from <= date && date <= to }
}

/// Presentation settings; no effect on any figure.
public struct SiteSettings: Hashable, Sendable {
    public var title: String = "学时档案"
    public var organisation: String = ""
    /// A PNG or SVG file in the data folder, relative to it.
    public var logo: String = ""
    /// A CSS file in the data folder, loaded after the built-in stylesheet.
    public var stylesheet: String = ""
    /// `zh` or `en`.
    public var language: String = "zh"

    public init() {}
}

/// Everything `hourbook.yaml` can set, with RULES.md's defaults built in.
public struct Settings: Hashable, Sendable {
    public var timezone: UTCOffset = .china
    /// Years to report; empty means every year in which a learner of the roster has a ledger entry.
    public var years: [Int] = []
    /// Percent of a chapter's duration that must be covered, in hundredths of a percent (60 % is 6000).
    public var chapterThresholdHundredths: Int64 = 6000
    /// Faster playback earns nothing; exact, as the rates it is compared with.
    public var maxPlaybackRate = PlaybackRate(parsing: "2")!
    /// Slack when checking wall time against content covered, in milliseconds.
    public var plausibilityToleranceMilliseconds: Int64 = 30_000
    /// Minutes before a session's start and after its end, in milliseconds.
    public var checkinWindowMilliseconds: Int64 = 30 * 60_000
    /// For filings: requested hours above days × this are cut.
    public var maxHoursPerDay: Hours = Hours(8)
    public var categories: [Category] = Settings.defaultCategories
    /// Category id → most hours credited per learner per year.
    public var caps: [String: Hours] = [:]
    /// Rank → requirement; always holds `default`.
    public var requirements: [String: Requirement] = ["default": Requirement(total: Hours(50))]
    /// Year → make-up window.
    public var makeupWindows: [Int: MakeupWindow] = [:]
    public var site = SiteSettings()

    public init() {}

    public func category(_ id: String) -> Category? { categories.first { $0.id == id } }

    /// The requirement for a rank: its own entry, else `default`.
    public func requirement(forRank rank: String?) -> Requirement {
        if let rank, let requirement = requirements[rank] { return requirement }
        return requirements["default"] ?? Requirement(total: .zero)
    }

    public static let defaultCategories: [Category] = [
        Category(id: "party-theory", name: "党的基本理论和党性教育培训", mode: .offline),
        Category(id: "party-group-study", name: "党组织集体学习、党课学习", mode: .offline),
        Category(id: "platform-online", name: "党校平台中的线上专题培训班和网络课程", mode: .online),
        Category(id: "business", name: "业务知识培训", mode: .offline),
        Category(id: "party-cloud", name: "“科协党建云”平台在线学习", mode: .online),
        Category(id: "special", name: "专项培训", mode: .offline),
        Category(id: "other-platforms", name: "“中国干部网络学院”等其他专业学习平台上开展的培训课程", mode: .online),
        Category(id: "academic", name: "中国科协党校重点活动中的学术会议、讲座、报告等", mode: .offline),
        Category(id: "hr-online", name: "组织人事部认可的其他网络培训", mode: .online),
        Category(id: "hr-onsite", name: "组织人事部认可的其他现场培训", mode: .offline),
    ]
}
