import HourbookCore
import HourbookRules

/// One setting of hourbook.yaml that differs: its key as written in the file, and both values
/// as hourbook.yaml would write them ("—" when absent).
public struct SettingChange: Hashable, Sendable {
    public var key: String
    public var before: String
    public var after: String

    public init(key: String, before: String, after: String) {
        self.key = key
        self.before = before
        self.after = after
    }

    /// `chapter-threshold: 60 → 80`
    public var description: String { "\(key): \(before) → \(after)" }
}

/// Compares two `Settings` key by key, in hourbook.yaml's order.
enum SettingsComparison {
    static let absent = "—"

    static func changes(_ before: Settings, _ after: Settings) -> [SettingChange] {
        var changes: [SettingChange] = []
        func compare(_ key: String, _ a: String?, _ b: String?) {
            if a != b { changes.append(SettingChange(key: key, before: a ?? absent, after: b ?? absent)) }
        }
        compare("timezone", before.timezone.description, after.timezone.description)
        compare("years", years(before.years), years(after.years))
        compare("chapter-threshold", percent(before.chapterThresholdHundredths), percent(after.chapterThresholdHundredths))
        compare("max-playback-rate", rate(before.maxPlaybackRate), rate(after.maxPlaybackRate))
        compare(
            "plausibility-tolerance", decimal(before.plausibilityToleranceMilliseconds, 3),
            decimal(after.plausibilityToleranceMilliseconds, 3))
        compare(
            "checkin-window", decimal(before.checkinWindowMilliseconds / 6, 4), decimal(after.checkinWindowMilliseconds / 6, 4))
        compare("max-hours-per-day", hours(before.maxHoursPerDay), hours(after.maxHoursPerDay))

        let categoriesBefore = Dictionary(before.categories.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let categoriesAfter = Dictionary(after.categories.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in union(before.categories.map(\.id), after.categories.map(\.id)) {
            compare("categories.\(id)", categoriesBefore[id].map(category), categoriesAfter[id].map(category))
        }
        let orderBefore = before.categories.map(\.id).filter { categoriesAfter[$0] != nil }
        let orderAfter = after.categories.map(\.id).filter { categoriesBefore[$0] != nil }
        if orderBefore != orderAfter {
            compare("categories (order)", orderBefore.joined(separator: ", "), orderAfter.joined(separator: ", "))
        }
        for id in union(Array(before.caps.keys), Array(after.caps.keys)) {
            compare("caps.\(id)", before.caps[id].map(hours), after.caps[id].map(hours))
        }
        for rank in union(Array(before.requirements.keys), Array(after.requirements.keys)) {
            let a = before.requirements[rank]
            let b = after.requirements[rank]
            if a == nil || b == nil {
                compare("requirements.\(rank)", a.map(requirement), b.map(requirement))
                continue
            }
            compare("requirements.\(rank).total", hours(a!.total), hours(b!.total))
            for id in union(Array(a!.categoryMinimums.keys), Array(b!.categoryMinimums.keys)) {
                compare(
                    "requirements.\(rank).categories.\(id)", a!.categoryMinimums[id].map(hours),
                    b!.categoryMinimums[id].map(hours))
            }
            compare("requirements.\(rank).rolling", a!.rolling.map(rolling), b!.rolling.map(rolling))
        }
        for year in Set(before.makeupWindows.keys).union(after.makeupWindows.keys).sorted() {
            compare("makeup-windows.\(year)", before.makeupWindows[year].map(window), after.makeupWindows[year].map(window))
        }
        compare("site.title", quoted(before.site.title), quoted(after.site.title))
        compare("site.organisation", quoted(before.site.organisation), quoted(after.site.organisation))
        compare("site.logo", quoted(before.site.logo), quoted(after.site.logo))
        compare("site.stylesheet", quoted(before.site.stylesheet), quoted(after.site.stylesheet))
        compare("site.lang", before.site.language, after.site.language)
        return changes
    }

    /// Text settings as YAML would write them: `""` when empty.
    private static func quoted(_ text: String) -> String { text.isEmpty ? "\"\"" : text }

    private static func union(_ a: [String], _ b: [String]) -> [String] {
        Array(Set(a).union(b)).sorted(by: CodePoint.less)
    }

    private static func years(_ years: [Int]) -> String {
        "[" + years.map(String.init).joined(separator: ", ") + "]"
    }

    private static func decimal(_ value: Int64, _ digits: Int) -> String {
        FixedPoint.format(value, fractionDigits: digits).trimmingZeros
    }

    static func percent(_ hundredths: Int64) -> String { decimal(hundredths, 2) }

    private static func rate(_ value: PlaybackRate) -> String { value.description }

    private static func hours(_ value: Hours) -> String { value.description.trimmingZeros }

    private static func category(_ category: HourbookCore.Category) -> String {
        "{mode: \(category.mode.rawValue), name: \(category.name)}"
    }

    private static func requirement(_ requirement: Requirement) -> String {
        var parts = ["total: \(hours(requirement.total))"]
        if !requirement.categoryMinimums.isEmpty {
            let minimums = requirement.categoryMinimums.keys.sorted(by: CodePoint.less).map {
                "\($0): \(hours(requirement.categoryMinimums[$0]!))"
            }
            parts.append("categories: {\(minimums.joined(separator: ", "))}")
        }
        if let rolling = requirement.rolling { parts.append("rolling: \(self.rolling(rolling))") }
        return "{\(parts.joined(separator: ", "))}"
    }

    private static func rolling(_ rolling: RollingRequirement) -> String {
        "{years: \(rolling.years), total: \(hours(rolling.total))}"
    }

    private static func window(_ window: MakeupWindow) -> String { "{from: \(window.from), to: \(window.to)}" }
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
