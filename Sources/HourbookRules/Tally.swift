import HourbookCore

/// Whether a learner-year meets its requirement.
public enum RequirementStatus: String, Sendable, Hashable {
    case met
    case notMet = "not-met"
}

/// One item of a requirement that was not reached, and by how much.
public struct Shortfall: Hashable, Sendable {
    public enum Item: Hashable, Sendable {
        /// The yearly total.
        case total
        /// A category minimum.
        case category(String)
        /// The rolling window of `years` years ending with the reported one.
        case rolling(years: Int)
    }

    public var item: Item
    public var required: Hours
    public var actual: Hours

    public init(item: Item, required: Hours, actual: Hours) {
        self.item = item
        self.required = required
        self.actual = actual
    }

    /// How many hours are missing.
    public var missing: Hours { required - actual }
}

/// 学时档案 for one year: a learner's certified hours by category, against the requirement.
public struct LearnerYear: Hashable, Sendable {
    public var learnerID: String
    public var year: Int
    /// Credited hours after caps, by category id; categories with no hours are absent.
    public var hoursByCategory: [String: Hours]
    /// 线上: the sum over online categories.
    public var onlineHours: Hours
    /// 线下: the sum over offline categories.
    public var offlineHours: Hours
    public var totalHours: Hours
    /// The requirement group applied: the learner's rank if configured, else `default`.
    public var requirementGroup: String
    public var requirement: Requirement
    /// The total over the rolling window, when the requirement has one.
    public var rollingTotal: Hours?
    public var status: RequirementStatus
    /// Every item not reached; empty when met.
    public var shortfalls: [Shortfall]

    public init(
        learnerID: String, year: Int, hoursByCategory: [String: Hours], onlineHours: Hours, offlineHours: Hours,
        totalHours: Hours, requirementGroup: String, requirement: Requirement, rollingTotal: Hours?,
        status: RequirementStatus, shortfalls: [Shortfall]
    ) {
        self.learnerID = learnerID
        self.year = year
        self.hoursByCategory = hoursByCategory
        self.onlineHours = onlineHours
        self.offlineHours = offlineHours
        self.totalHours = totalHours
        self.requirementGroup = requirementGroup
        self.requirement = requirement
        self.rollingTotal = rollingTotal
        self.status = status
        self.shortfalls = shortfalls
    }
}

/// A department's figures for one year, for its direct members and for its whole subtree.
public struct DepartmentYear: Hashable, Sendable {
    public var departmentID: String
    public var year: Int
    /// Active direct members.
    public var learners: Int
    /// Active direct members who met their requirement.
    public var met: Int
    public var totalHours: Hours
    /// total / learners, rounded half-up to hundredths (0 with no learners).
    public var averageHours: Hours
    /// Direct members' hours by category.
    public var hoursByCategory: [String: Hours]
    /// The same counts over the department and every department below it.
    public var subtreeLearners: Int
    public var subtreeMet: Int
    public var subtreeTotalHours: Hours

    public init(
        departmentID: String, year: Int, learners: Int, met: Int, totalHours: Hours, averageHours: Hours,
        hoursByCategory: [String: Hours], subtreeLearners: Int, subtreeMet: Int, subtreeTotalHours: Hours
    ) {
        self.departmentID = departmentID
        self.year = year
        self.learners = learners
        self.met = met
        self.totalHours = totalHours
        self.averageHours = averageHours
        self.hoursByCategory = hoursByCategory
        self.subtreeLearners = subtreeLearners
        self.subtreeMet = subtreeMet
        self.subtreeTotalHours = subtreeTotalHours
    }
}

/// A learner's progress in a training class (已学学时 / 学时要求) and exam eligibility.
public struct ClassProgress: Hashable, Sendable {
    public var classID: String
    public var learnerID: String
    /// 已学学时: hours learned for the class, before caps.
    public var learnedHours: Hours
    /// 学时要求, when the class sets one.
    public var requiredHours: Hours?
    /// The instant progress reached the required hours, if it did.
    public var reachedAt: Timestamp?

    public init(classID: String, learnerID: String, learnedHours: Hours, requiredHours: Hours?, reachedAt: Timestamp?) {
        self.classID = classID
        self.learnerID = learnerID
        self.learnedHours = learnedHours
        self.requiredHours = requiredHours
        self.reachedAt = reachedAt
    }

    /// 仅当学时要求达标后，才可进入开始考试: eligible once the required hours are reached.
    public var isExamEligible: Bool { requiredHours == nil || reachedAt != nil }
}

/// Everything the outputs show: the reported years, every learner-year, every department-year
/// and class progress, computed from the ledger.
public struct Tally: Sendable {
    /// Reported years, ascending.
    public var years: [Int]
    /// Active learner-years of reported years, by learner id (code point order), then year.
    public var learnerYears: [LearnerYear]
    /// Every department in every reported year, by department id, then year.
    public var departmentYears: [DepartmentYear]
    /// Class progress, by class id, then learner id.
    public var classProgress: [ClassProgress]

    public init(
        years: [Int], learnerYears: [LearnerYear], departmentYears: [DepartmentYear], classProgress: [ClassProgress]
    ) {
        self.years = years
        self.learnerYears = learnerYears
        self.departmentYears = departmentYears
        self.classProgress = classProgress
    }
}
