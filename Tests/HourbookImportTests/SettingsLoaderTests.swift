import HourbookCore
import Testing
@testable import HourbookImport

@Suite struct SettingsLoaderTests {
    func settingsFailure(_ yaml: String) -> InputFailure? {
        failure { _ = try SettingsLoader.load(yaml: yaml) }
    }

    @Test func emptyFileGivesTheDefaults() throws {
        #expect(try SettingsLoader.load(yaml: "") == Settings())
        #expect(try SettingsLoader.load(yaml: "# nothing\n") == Settings())
    }

    @Test func everyScalarSettingIsReadExactly() throws {
        let settings = try SettingsLoader.load(
            yaml: """
                timezone: "-05:30"
                years: [2021, 2022]
                chapter-threshold: 62.5
                max-playback-rate: 1.25
                plausibility-tolerance: 12.345
                checkin-window: 0.5
                max-hours-per-day: 7.5
                site: {title: 学时, organisation: 中国科协机关, logo: logo.svg, stylesheet: a.css, lang: en}
                """)
        #expect(settings.timezone == UTCOffset(minutes: -330))
        #expect(settings.years == [2021, 2022])
        #expect(settings.chapterThresholdHundredths == 6250)
        #expect(settings.maxPlaybackRate == PlaybackRate(parsing: "1.25"))
        #expect(settings.plausibilityToleranceMilliseconds == 12_345)
        #expect(settings.checkinWindowMilliseconds == 30_000)
        #expect(settings.maxHoursPerDay == Hours(hundredths: 750))
        #expect(settings.site.title == "学时")
        #expect(settings.site.organisation == "中国科协机关")
        #expect(settings.site.language == "en")
        #expect(try SettingsLoader.load(yaml: "timezone: Z").timezone == UTCOffset(minutes: 0))
    }

    @Test func unknownKeyAtAnyLevelIsRefusedWithItsPath() {
        #expect(settingsFailure("timezon: \"+08:00\"")?.message.contains("'timezon'") == true)
        let nested = settingsFailure("site:\n  titel: x\n")
        #expect(nested?.code == .settingsInvalid)
        #expect(nested?.message.contains("'site.titel'") == true)
        let deep = settingsFailure("requirements:\n  局级: {total: 110, rolling: {years: 5, totl: 550}}\n")
        #expect(deep?.message.contains("'requirements.局级.rolling.totl'") == true)
        #expect(settingsFailure("categories:\n  - {id: a, mode: online, kind: x}\n")?.message.contains("categories[0].kind") == true)
    }

    @Test func numericTimezoneIsRefused() {
        #expect(settingsFailure("timezone: 8")?.code == .settingsInvalid)
        #expect(settingsFailure("timezone: +8:00")?.message.contains("number") == true)
        #expect(settingsFailure("timezone: \"8:00\"")?.code == .settingsInvalid)
    }

    @Test func categoriesReplaceTheWholeListAndNameDefaultsToID() throws {
        let settings = try SettingsLoader.load(
            yaml: "categories:\n  - {id: study, mode: Online}\n  - {id: field, mode: offline, name: 现场}\n")
        #expect(settings.categories == [
            HourbookCore.Category(id: "study", name: "study", mode: .online),
            HourbookCore.Category(id: "field", name: "现场", mode: .offline),
        ])
        #expect(settingsFailure("categories:\n  - {id: a}\n")?.message.contains("mode") == true)
        #expect(settingsFailure("categories:\n  - {mode: online}\n")?.message.contains("needs an id") == true)
    }

    @Test func capOrRequirementWithUnknownCategoryIsRefused() throws {
        #expect(settingsFailure("caps: {nope: 10}")?.message.contains("'caps.nope'") == true)
        #expect(
            settingsFailure("requirements: {局级: {total: 1, categories: {nope: 1}}}")?.message
                .contains("'requirements.局级.categories.nope'") == true)
        // Categories given after the caps still count.
        let settings = try SettingsLoader.load(yaml: "caps: {study: 20}\ncategories: [{id: study, mode: online}]\n")
        #expect(settings.caps == ["study": Hours(20)])
        #expect(settingsFailure("categories: [{id: study, mode: online}]\ncaps: {party-theory: 5}\n") != nil)
    }

    @Test func requirementsMergeOverTheBuiltInDefault() throws {
        let settings = try SettingsLoader.load(
            yaml: """
                requirements:
                  局级: {total: 110, categories: {party-theory: 20}, rolling: {years: 5, total: 550}}
                  处级: {}
                """)
        #expect(settings.requirements["default"] == Requirement(total: Hours(50)))
        #expect(
            settings.requirements["局级"]
                == Requirement(
                    total: Hours(110), categoryMinimums: ["party-theory": Hours(20)],
                    rolling: RollingRequirement(years: 5, total: Hours(550))))
        #expect(settings.requirements["处级"] == Requirement(total: .zero))
        let replaced = try SettingsLoader.load(yaml: "requirements: {default: {total: 40}}")
        #expect(replaced.requirements == ["default": Requirement(total: Hours(40))])
    }

    @Test func makeupWindowsAcceptDatesAndQuotedDates() throws {
        let settings = try SettingsLoader.load(
            yaml: "makeup-windows:\n  2021: {from: 2021-12-15, to: \"2022/1/15\"}\n")
        #expect(
            settings.makeupWindows == [
                2021: MakeupWindow(from: LocalDate(year: 2021, month: 12, day: 15)!, to: LocalDate(year: 2022, month: 1, day: 15)!)
            ])
        #expect(settingsFailure("makeup-windows: {2021: {from: 2022-01-15, to: 2021-12-15}}") != nil)
        #expect(settingsFailure("makeup-windows: {2021: {from: 2021-12-15}}") != nil)
    }

    @Test func outOfRangeValuesAreRefused() {
        #expect(settingsFailure("chapter-threshold: 100.5") != nil)
        #expect(settingsFailure("chapter-threshold: -1") != nil)
        #expect(settingsFailure("max-playback-rate: 0") != nil)
        #expect(settingsFailure("max-hours-per-day: 1.234") != nil)
        #expect(settingsFailure("checkin-window: 1e3") != nil)
        #expect(settingsFailure("plausibility-tolerance: -3") != nil)
        #expect(settingsFailure("years: [twenty]") != nil)
        #expect(settingsFailure("site: {lang: fr}") != nil)
        #expect(settingsFailure("timezone: [1]") != nil)
        #expect(settingsFailure("a: [") != nil)
    }

    @Test func settingsFileInTheFolderIsUsedAndABadOneStopsTheImport() throws {
        let dataset = try DataFolder.minimal(with: ["hourbook.yaml": "timezone: \"+00:00\"\n"]).importDataset()
        #expect(dataset.settings.timezone == UTCOffset(minutes: 0))
        let folder = try DataFolder.minimal(with: ["hourbook.yaml": "caps: {nope: 1}\n"])
        #expect(failure { _ = try folder.importDataset() }?.code == .settingsInvalid)
        // A course of a category the settings no longer configure is a catalog error.
        let replaced = try DataFolder.minimal(with: ["hourbook.yaml": "categories: [{id: study, mode: online}]\n"])
            .importDataset()
        #expect(replaced.places(.unknownCategory) == ["courses.csv:2"])
    }
}
