/// Where a record came from: the file relative to the data folder and the 1-based line
/// where it starts (CSV) or its element's line (XML).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// A department or directly affiliated unit (部门、直属单位).
public struct Department: Hashable, Sendable {
    public var id: String
    public var name: String
    /// The effective parent after the hierarchy repair of FORMATS.md (nil for a root).
    public var parentID: String?
    /// What the file said, before repair (for the pages and diagnostics).
    public var declaredParentID: String?
    public var kind: String?
    public var sortOrder: Int?
    public var source: SourceLocation

    public init(
        id: String, name: String, parentID: String? = nil, declaredParentID: String? = nil, kind: String? = nil,
        sortOrder: Int? = nil, source: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.parentID = parentID
        self.declaredParentID = declaredParentID ?? parentID
        self.kind = kind
        self.sortOrder = sortOrder
        self.source = source
    }
}

/// A learner of the roster (学员).
public struct Learner: Hashable, Sendable {
    public var id: String
    public var name: String
    public var departmentID: String
    /// The requirement group (职级).
    public var rank: String?
    /// 11 digits when present; pages show it masked.
    public var phone: String?
    public var isPartyMember: Bool?
    public var joinedOn: LocalDate?
    public var leftOn: LocalDate?
    public var source: SourceLocation

    public init(
        id: String, name: String, departmentID: String, rank: String? = nil, phone: String? = nil,
        isPartyMember: Bool? = nil, joinedOn: LocalDate? = nil, leftOn: LocalDate? = nil, source: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.departmentID = departmentID
        self.rank = rank
        self.phone = phone
        self.isPartyMember = isPartyMember
        self.joinedOn = joinedOn
        self.leftOn = leftOn
        self.source = source
    }

    /// Active in `year` unless joined after it or left before it.
    public func isActive(in year: Int) -> Bool {
        if let joinedOn, joinedOn.year > year { return false }
        if let leftOn, leftOn.year < year { return false }
        return true
    }
}

/// A video course of the catalog (网络课程).
public struct Course: Hashable, Sendable {
    public var id: String
    public var title: String
    public var categoryID: String
    public var subject: String?
    public var author: String?
    public var producer: String?
    /// Chapter ids in catalog order.
    public var chapterIDs: [String]
    /// The sum of the chapters' hours.
    public var hours: Hours
    public var source: SourceLocation

    public init(
        id: String, title: String, categoryID: String, subject: String? = nil, author: String? = nil,
        producer: String? = nil, chapterIDs: [String] = [], hours: Hours = .zero, source: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.categoryID = categoryID
        self.subject = subject
        self.author = author
        self.producer = producer
        self.chapterIDs = chapterIDs
        self.hours = hours
        self.source = source
    }
}

/// A chapter (章节) of a course: a video with a duration and the hours it earns.
public struct Chapter: Hashable, Sendable {
    public var id: String
    public var courseID: String
    public var title: String?
    /// The video's length in milliseconds (> 0).
    public var durationMilliseconds: Int64
    public var hours: Hours
    public var source: SourceLocation

    public init(
        id: String, courseID: String, title: String? = nil, durationMilliseconds: Int64, hours: Hours,
        source: SourceLocation
    ) {
        self.id = id
        self.courseID = courseID
        self.title = title
        self.durationMilliseconds = durationMilliseconds
        self.hours = hours
        self.source = source
    }
}

/// A training class (培训班), online (of courses) or offline (of sessions).
public struct TrainingClass: Hashable, Sendable {
    public var id: String
    public var title: String
    public var mode: LearningMode
    public var categoryID: String
    public var subject: String?
    public var host: String?
    public var location: String?
    public var start: LocalDate
    public var end: LocalDate
    public var requiredHours: Hours?
    public var hasExam: Bool
    /// Online classes: the courses it lists (unknown references dropped).
    public var courseIDs: [String]
    /// Offline classes: its sessions in catalog order (invalid ones dropped).
    public var sessions: [ClassSession]
    /// The member references as listed (including ones not in the roster); empty means open to all.
    public var memberIDs: Set<String>
    public var source: SourceLocation

    public init(
        id: String, title: String, mode: LearningMode, categoryID: String, subject: String? = nil,
        host: String? = nil, location: String? = nil, start: LocalDate, end: LocalDate,
        requiredHours: Hours? = nil, hasExam: Bool = false, courseIDs: [String] = [],
        sessions: [ClassSession] = [], memberIDs: Set<String> = [], source: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.mode = mode
        self.categoryID = categoryID
        self.subject = subject
        self.host = host
        self.location = location
        self.start = start
        self.end = end
        self.requiredHours = requiredHours
        self.hasExam = hasExam
        self.courseIDs = courseIDs
        self.sessions = sessions
        self.memberIDs = memberIDs
        self.source = source
    }

    /// Whether the class lists members and `learnerID` is not one of them.
    public func excludes(_ learnerID: String) -> Bool { !memberIDs.isEmpty && !memberIDs.contains(learnerID) }

    public func session(_ id: String) -> ClassSession? { sessions.first { $0.id == id } }
}

/// One session of an offline class (a half day of lectures), with its check-in place.
public struct ClassSession: Hashable, Sendable {
    public var id: String
    public var date: LocalDate
    public var start: TimeOfDay
    public var end: TimeOfDay
    public var hours: Hours
    public var latitude: Double?
    public var longitude: Double?
    /// Metres.
    public var radius: Double?
    public var source: SourceLocation

    public init(
        id: String, date: LocalDate, start: TimeOfDay, end: TimeOfDay, hours: Hours, latitude: Double? = nil,
        longitude: Double? = nil, radius: Double? = nil, source: SourceLocation
    ) {
        self.id = id
        self.date = date
        self.start = start
        self.end = end
        self.hours = hours
        self.latitude = latitude
        self.longitude = longitude
        self.radius = radius
        self.source = source
    }
}

/// How a learner checked in.
public enum CheckinMethod: String, Sendable, Hashable, CaseIterable {
    /// 扫一扫.
    case qr
    /// 定位签到.
    case location
    case manual
}

/// One check-in at an offline session (培训签到).
public struct Checkin: Hashable, Sendable {
    public var id: String
    public var learnerID: String
    public var classID: String
    public var sessionID: String
    public var at: Timestamp
    public var method: CheckinMethod
    public var latitude: Double?
    public var longitude: Double?
    public var source: SourceLocation

    public init(
        id: String, learnerID: String, classID: String, sessionID: String, at: Timestamp, method: CheckinMethod,
        latitude: Double? = nil, longitude: Double? = nil, source: SourceLocation
    ) {
        self.id = id
        self.learnerID = learnerID
        self.classID = classID
        self.sessionID = sessionID
        self.at = at
        self.method = method
        self.latitude = latitude
        self.longitude = longitude
        self.source = source
    }
}

/// The kind of a filing.
public enum FilingType: String, Sendable, Hashable, CaseIterable {
    /// 外部现场培训.
    case onsite
    /// 外部网络培训.
    case online
    /// 年终补录: hours of a catalog class attended but not recorded.
    case makeup
}

/// A filing's review status.
public enum FilingStatus: String, Sendable, Hashable, CaseIterable {
    case approved
    case pending
    case rejected
}

/// A file a filing points to (通知, 结业证书).
public struct Attachment: Hashable, Sendable {
    /// As written, relative to the data folder.
    public var path: String
    /// The expected SHA-256, hex, if given.
    public var sha256: String?

    public init(path: String, sha256: String? = nil) {
        self.path = path
        self.sha256 = sha256
    }
}

/// An external training filing or a make-up application (学时补录).
public struct Filing: Hashable, Sendable {
    public var id: String
    public var learnerID: String
    public var year: Int?
    public var type: FilingType
    public var status: FilingStatus
    public var approvedHours: Hours?
    public var submittedAt: Timestamp?
    public var reviewedAt: Timestamp?
    public var reviewer: String?
    public var classID: String?
    public var name: String?
    public var categoryID: String?
    public var subject: String?
    public var start: LocalDate?
    public var end: LocalDate?
    public var requestedHours: Hours?
    public var host: String?
    public var contact: String?
    public var contactPhone: String?
    public var location: String?
    /// 万元, as written (not read by any rule).
    public var cost: String?
    public var purpose: String?
    public var content: String?
    public var attachments: [Attachment]
    public var source: SourceLocation

    public init(
        id: String, learnerID: String, year: Int? = nil, type: FilingType, status: FilingStatus = .pending,
        approvedHours: Hours? = nil, submittedAt: Timestamp? = nil, reviewedAt: Timestamp? = nil,
        reviewer: String? = nil, classID: String? = nil, name: String? = nil, categoryID: String? = nil,
        subject: String? = nil, start: LocalDate? = nil, end: LocalDate? = nil, requestedHours: Hours? = nil,
        host: String? = nil, contact: String? = nil, contactPhone: String? = nil, location: String? = nil,
        cost: String? = nil, purpose: String? = nil, content: String? = nil, attachments: [Attachment] = [],
        source: SourceLocation
    ) {
        self.id = id
        self.learnerID = learnerID
        self.year = year
        self.type = type
        self.status = status
        self.approvedHours = approvedHours
        self.submittedAt = submittedAt
        self.reviewedAt = reviewedAt
        self.reviewer = reviewer
        self.classID = classID
        self.name = name
        self.categoryID = categoryID
        self.subject = subject
        self.start = start
        self.end = end
        self.requestedHours = requestedHours
        self.host = host
        self.contact = contact
        self.contactPhone = contactPhone
        self.location = location
        self.cost = cost
        self.purpose = purpose
        self.content = content
        self.attachments = attachments
        self.source = source
    }
}

/// An exam attempt; exams earn no hours, they are checked against eligibility.
public struct Exam: Hashable, Sendable {
    public var id: String
    public var learnerID: String
    public var classID: String
    public var takenAt: Timestamp
    public var score: String?
    public var passed: Bool?
    public var source: SourceLocation

    public init(
        id: String, learnerID: String, classID: String, takenAt: Timestamp, score: String? = nil,
        passed: Bool? = nil, source: SourceLocation
    ) {
        self.id = id
        self.learnerID = learnerID
        self.classID = classID
        self.takenAt = takenAt
        self.score = score
        self.passed = passed
        self.source = source
    }
}
