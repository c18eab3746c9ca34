import HourbookCore
import Yams

/// Reads `hourbook.yaml` over RULES.md's built-in defaults. Any unknown key, at any level, any
/// malformed or out-of-range value, and any cap or requirement naming an unknown category stops
/// the run with SETTINGS-INVALID: a typo must never silently change the rules.
public enum SettingsLoader {
    /// The settings `yaml` describes; `file` names it in the failure message.
    public static func load(yaml: String, file: String = "hourbook.yaml") throws(InputFailure) -> Settings {
        var loader = Loader(file: file)
        return try loader.load(yaml)
    }
}

/// The YAML walk, with the key path of every value for messages (`requirements.局级.rolling.total`).
private struct Loader {
    let file: String
    var settings = Settings()

    init(file: String) { self.file = file }

    /// A year, in ten-thousandths of a minute (how `checkin-window` is read).
    static let longestCheckinWindow: Int64 = 525_600 * 10_000

    func failure(_ path: String, _ message: String) -> InputFailure {
        InputFailure(file: file, code: .settingsInvalid, message: path.isEmpty ? message : "'\(path)' \(message)")
    }

    mutating func load(_ yaml: String) throws(InputFailure) -> Settings {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw failure("", "is not valid YAML: \(error)")
        }
        guard let root, !isNull(root) else { return settings }
        let entries = try mapping(root, "")
        for (key, value) in entries {
            if isNull(value) { continue }  // `caps:` with nothing after it keeps the default
            switch key {
            case "timezone": settings.timezone = try timezone(value, key)
            case "years": settings.years = try years(value, key)
            case "chapter-threshold":
                let hundredths = try decimal(value, key, fractionDigits: 2, what: "a percentage")
                guard hundredths <= 10_000 else { throw failure(key, "must be at most 100 (a percentage)") }
                settings.chapterThresholdHundredths = hundredths
            case "max-playback-rate":
                let text = try scalarText(value, key)
                guard let rate = PlaybackRate(parsing: text), !rate.isNegative else {
                    throw failure(key, "must be a playback speed (a plain decimal, e.g. 2 or 1.5), not '\(text)'")
                }
                guard rate.isPositive else { throw failure(key, "must be above 0") }
                settings.maxPlaybackRate = rate
            case "plausibility-tolerance":
                settings.plausibilityToleranceMilliseconds = try decimal(
                    value, key, fractionDigits: 3, what: "seconds (at most three decimals)")
            case "checkin-window":
                // Minutes with up to four decimals are whole milliseconds (0.0001 min = 6 ms). At
                // most a year: the rules add the window to instants, which must not overflow.
                let minutes = try decimal(value, key, fractionDigits: 4, what: "minutes (at most four decimals)")
                guard minutes <= Self.longestCheckinWindow else {
                    throw failure(key, "must be at most 525600 minutes (a year)")
                }
                settings.checkinWindowMilliseconds = minutes * 6
            case "max-hours-per-day":
                settings.maxHoursPerDay = try hours(value, key)
            case "categories": settings.categories = try categories(value, key)
            case "caps": settings.caps = try hoursByCategory(value, key)
            case "requirements": try requirements(value, key)
            case "makeup-windows": settings.makeupWindows = try makeupWindows(value, key)
            case "site": try site(value, key)
            default: throw failure(key, "is not a known setting (see docs/formats.md for the list)")
            }
        }
        try checkCategoryReferences()
        return settings
    }

    // MARK: - Sections

    func timezone(_ node: Node, _ path: String) throws(InputFailure) -> UTCOffset {
        guard case .scalar(let scalar) = node else { throw failure(path, "must be a string such as \"+08:00\" or \"Z\"") }
        if scalar.style == .plain || scalar.style == .any {
            let tag = Resolver.default.resolveTag(of: node)
            if tag == .int || tag == .float {
                throw failure(path, "is read by YAML as a number; write it as a quoted string such as \"+08:00\"")
            }
        }
        guard let offset = UTCOffset(parsing: Substring(scalar.string)) else {
            throw failure(path, "must be a string \"±HH:MM\" or \"Z\", not '\(scalar.string)'")
        }
        return offset
    }

    func years(_ node: Node, _ path: String) throws(InputFailure) -> [Int] {
        guard case .sequence(let sequence) = node else { throw failure(path, "must be a list of years, such as [2021, 2022]") }
        var result: [Int] = []
        for (index, item) in sequence.enumerated() {
            result.append(try year(item, "\(path)[\(index)]"))
        }
        return result
    }

    func year(_ node: Node, _ path: String) throws(InputFailure) -> Int {
        let text = try scalarText(node, path)
        guard let value = FixedPoint.parse(Substring(text), fractionDigits: 0), (1...9999).contains(value) else {
            throw failure(path, "must be a year such as 2021, not '\(text)'")
        }
        return Int(value)
    }

    mutating func categories(_ node: Node, _ path: String) throws(InputFailure) -> [HourbookCore.Category] {
        guard case .sequence(let sequence) = node else {
            throw failure(path, "must be a list of {id, mode, name} entries")
        }
        var result: [HourbookCore.Category] = []
        var seen: Set<String> = []
        for (index, item) in sequence.enumerated() {
            let itemPath = "\(path)[\(index)]"
            var id: String?
            var name: String?
            var mode: LearningMode?
            for (key, value) in try mapping(item, itemPath) {
                let keyPath = "\(itemPath).\(key)"
                switch key {
                case "id":
                    let text = try scalarText(value, keyPath)
                    guard Text.isValidIdentifier(Substring(text)) else {
                        throw failure(keyPath, "must be an identifier (1 to 64 characters, no surrounding spaces)")
                    }
                    id = text
                case "name": name = try scalarText(value, keyPath)
                case "mode":
                    let text = try scalarText(value, keyPath)
                    guard let parsed = LearningMode(rawValue: text.lowercased()) else {
                        throw failure(keyPath, "must be online or offline, not '\(text)'")
                    }
                    mode = parsed
                default: throw failure(keyPath, "is not a known setting (a category has id, name and mode)")
                }
            }
            guard let id else { throw failure(itemPath, "needs an id") }
            guard let mode else { throw failure(itemPath, "needs a mode (online or offline)") }
            guard seen.insert(id).inserted else { throw failure(itemPath, "repeats the category id '\(id)'") }
            result.append(HourbookCore.Category(id: id, name: name ?? id, mode: mode))
        }
        guard !result.isEmpty else { throw failure(path, "must list at least one category") }
        return result
    }

    func hoursByCategory(_ node: Node, _ path: String) throws(InputFailure) -> [String: Hours] {
        var result: [String: Hours] = [:]
        for (key, value) in try mapping(node, path) {
            result[key] = try hours(value, "\(path).\(key)")
        }
        return result
    }

    mutating func requirements(_ node: Node, _ path: String) throws(InputFailure) {
        for (rank, value) in try mapping(node, path) {
            let rankPath = "\(path).\(rank)"
            var requirement = Requirement(total: .zero)
            for (key, field) in try mapping(value, rankPath) {
                let keyPath = "\(rankPath).\(key)"
                if isNull(field) { continue }
                switch key {
                case "total": requirement.total = try hours(field, keyPath)
                case "categories": requirement.categoryMinimums = try hoursByCategory(field, keyPath)
                case "rolling":
                    var years: Int?
                    var total: Hours?
                    for (rollingKey, rollingValue) in try mapping(field, keyPath) {
                        let rollingPath = "\(keyPath).\(rollingKey)"
                        switch rollingKey {
                        case "years":
                            let text = try scalarText(rollingValue, rollingPath)
                            guard let value = FixedPoint.parse(Substring(text), fractionDigits: 0), (1...100).contains(value)
                            else { throw failure(rollingPath, "must be a whole number of years from 1, not '\(text)'") }
                            years = Int(value)
                        case "total": total = try hours(rollingValue, rollingPath)
                        default: throw failure(rollingPath, "is not a known setting (rolling has years and total)")
                        }
                    }
                    guard let years, let total else { throw failure(keyPath, "needs both years and total") }
                    requirement.rolling = RollingRequirement(years: years, total: total)
                default: throw failure(keyPath, "is not a known setting (a requirement has total, categories and rolling)")
                }
            }
            settings.requirements[rank] = requirement
        }
    }

    func makeupWindows(_ node: Node, _ path: String) throws(InputFailure) -> [Int: MakeupWindow] {
        var result: [Int: MakeupWindow] = [:]
        for (key, value) in try mapping(node, path) {
            let yearPath = "\(path).\(key)"
            guard let year = FixedPoint.parse(Substring(key), fractionDigits: 0), (1...9999).contains(year) else {
                throw failure(yearPath, "must be keyed by a year such as 2021")
            }
            var from: LocalDate?
            var to: LocalDate?
            for (bound, dateNode) in try mapping(value, yearPath) {
                let boundPath = "\(yearPath).\(bound)"
                // YAML may read 2021-12-15 as a date; either way its text is the date.
                let text = try scalarText(dateNode, boundPath)
                guard let date = LocalDate(parsing: Substring(text)) else {
                    throw failure(boundPath, "must be a date (YYYY-MM-DD), not '\(text)'")
                }
                switch bound {
                case "from": from = date
                case "to": to = date
                default: throw failure(boundPath, "is not a known setting (a make-up window has from and to)")
                }
            }
            guard let from, let to else { throw failure(yearPath, "needs both from and to") }
            guard from <= to else { throw failure(yearPath, "ends (\(to)) before it starts (\(from))") }
            result[Int(year)] = MakeupWindow(from: from, to: to)
        }
        return result
    }

    mutating func site(_ node: Node, _ path: String) throws(InputFailure) {
        for (key, value) in try mapping(node, path) {
            let keyPath = "\(path).\(key)"
            if isNull(value) { continue }
            let text = try scalarText(value, keyPath)
            switch key {
            case "title": settings.site.title = text
            case "organisation": settings.site.organisation = text
            case "logo": settings.site.logo = text
            case "stylesheet": settings.site.stylesheet = text
            case "lang":
                guard text == "zh" || text == "en" else { throw failure(keyPath, "must be zh or en, not '\(text)'") }
                settings.site.language = text
            default: throw failure(keyPath, "is not a known setting (site has title, organisation, logo, stylesheet, lang)")
            }
        }
    }

    /// Caps and requirements may only name configured categories, whatever order the keys came in.
    func checkCategoryReferences() throws(InputFailure) {
        let known = Set(settings.categories.map(\.id))
        for id in settings.caps.keys.sorted() where !known.contains(id) {
            throw failure("caps.\(id)", "names a category that is not configured")
        }
        for rank in settings.requirements.keys.sorted() {
            for id in settings.requirements[rank]!.categoryMinimums.keys.sorted() where !known.contains(id) {
                throw failure("requirements.\(rank).categories.\(id)", "names a category that is not configured")
            }
        }
    }

    // MARK: - Values

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return Resolver.default.resolveTag(of: node) == .null
    }

    /// A mapping's entries with their keys as text, in file order; repeated keys are refused.
    func mapping(_ node: Node, _ path: String) throws(InputFailure) -> [(String, Node)] {
        guard case .mapping(let mapping) = node else { throw failure(path, "must be a mapping of keys to values") }
        var result: [(String, Node)] = []
        var seen: Set<String> = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw failure(path, "has a key that is not plain text") }
            let name = scalar.string
            let keyPath = path.isEmpty ? name : "\(path).\(name)"
            guard seen.insert(name).inserted else { throw failure(keyPath, "is given twice") }
            result.append((name, value))
        }
        return result
    }

    func scalarText(_ node: Node, _ path: String) throws(InputFailure) -> String {
        guard case .scalar(let scalar) = node else { throw failure(path, "must be a single value") }
        return Text.trimmed(scalar.string)
    }

    /// An exact non-negative decimal scaled by 10^fractionDigits, from the scalar's own text (never Double).
    func decimal(_ node: Node, _ path: String, fractionDigits: Int, what: String) throws(InputFailure) -> Int64 {
        let text = try scalarText(node, path)
        guard let value = FixedPoint.parse(Substring(text), fractionDigits: fractionDigits) else {
            throw failure(path, "must be \(what), 0 or more, not '\(text)'")
        }
        return value
    }

    func hours(_ node: Node, _ path: String) throws(InputFailure) -> Hours {
        let text = try scalarText(node, path)
        guard let hours = Hours(parsing: text) else {
            throw failure(path, "must be hours (0 to 9999999.99, at most two decimals), not '\(text)'")
        }
        return hours
    }
}
