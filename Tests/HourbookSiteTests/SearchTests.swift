import Foundation
import HourbookCore
import HourbookRules
import Testing

@testable import HourbookSite

/// The search index as site.js reads it: the directory and the shards, and the lookup
/// site.js runs, step for step (the same shard choice, caps and order).
struct SearchEmulator: Sendable {
    /// [key, kind, name, id, context, stem?], every value as text.
    typealias Row = [String]

    let shards: [(first: String, last: String)]
    let rows: [[Row]]
    let departments: [String]

    static let maxShards = 6, maxShown = 30

    init(files: [(path: String, contents: [UInt8])]) throws {
        func json(_ bytes: [UInt8], open: Character, close: Character) throws -> Any {
            let text = String(decoding: bytes, as: UTF8.self)
            let start = text.firstIndex(of: open)!
            let end = text.lastIndex(of: close)!
            return try JSONSerialization.jsonObject(with: Data(text[start...end].utf8))
        }
        let manifest = try json(files.first { $0.path == "search/index.js" }!.contents, open: "{", close: "}")
            as! [String: Any]
        shards = (manifest["shards"] as! [[String]]).map { ($0[0], $0[1]) }
        departments = manifest["departments"] as! [String]
        rows = try (0..<shards.count).map { index in
            (try json(files.first { $0.path == "search/\(index).js" }!.contents, open: "[", close: "]") as! [[Any]])
                .map { row in row.map { "\($0)" } }
        }
    }

    /// JavaScript's `<` on strings: UTF-16 code units.
    static func less(_ a: String, _ b: String) -> Bool { a.utf16.lexicographicallyPrecedes(b.utf16) }

    /// site.js `shardsFor`.
    func shards(for query: String) -> (list: [Int], isCapped: Bool) {
        var low = 0, high = shards.count
        while low < high {
            let middle = (low + high) / 2
            if Self.less(shards[middle].last, query) { low = middle + 1 } else { high = middle }
        }
        var list: [Int] = [], extra = 0
        for index in low..<shards.count {
            let first = shards[index].first
            if Self.less(query, first) && !first.hasPrefix(query) { break }
            if Self.less(query, first) {
                if extra >= Self.maxShards { return (list, true) }
                extra += 1
            }
            list.append(index)
        }
        return (list, false)
    }

    /// site.js `run` for a normalized query: the rows shown, how many more were found, and
    /// whether shards were left unread.
    func lookup(_ query: String) -> (shown: [Row], hidden: Int, isCapped: Bool) {
        let compact = query.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == " " || $0 == "'") }) && query.first?.isLetter == true
            ? query.filter { $0 != " " && $0 != "'" } : query
        let queries = compact == query ? [query] : [query, compact]
        var seen: Set<String> = [], exact: [Row] = [], prefix: [Row] = [], isCapped = false
        for query in queries {
            let plan = shards(for: query)
            isCapped = isCapped || plan.isCapped
            for shard in plan.list {
                for row in rows[shard] {
                    let key = row[0]
                    guard key.hasPrefix(query), seen.insert(row[1] + "\u{0}" + row[3]).inserted else { continue }
                    if key == query { exact.append(row) } else { prefix.append(row) }
                }
            }
        }
        let shown = exact + prefix.prefix(max(0, Self.maxShown - exact.count))
        return (shown, exact.count + prefix.count - shown.count, isCapped)
    }

    /// The page a result opens, relative to the site's top.
    static func href(_ row: Row, year: Int) -> String {
        let stem = row.count > 5 ? row[5] : row[3]
        return (row[1]) == "l" ? "learners/\(stem).html" : "departments/\(year)/\(stem).html"
    }
}

/// A generated organisation whose namesakes straddle shard boundaries.
enum SearchFixture {
    static let surnames = ["王", "李", "张", "刘", "陈", "孔", "蔡", "单", "曾", "欧阳", "司马", "诸葛", "吕", "陶"]
    static let givenNames = [
        "伟", "芳", "倩", "建", "艳萍", "建国", "秀英", "涛", "娜", "晓明", "雪", "丽", "静", "强", "磊", "军", "洋", "勇",
        "艳", "杰", "娟", "敏", "超", "霞", "平", "刚", "桂英", "玉兰", "海燕", "志强", "文", "明", "华", "红", "婷", "鹏",
        "雄", "亮", "修", "卨",
    ]

    static func dataset(learners count: Int) -> Dataset {
        var dataset = Dataset(folderPath: "/nonexistent")
        let src = SourceLocation(file: "learners.csv", line: 2)
        dataset.departments = (0..<12).map { Department(id: "D\($0)", name: "第\($0)处", parentID: $0 == 0 ? nil : "D0", source: src) }
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        dataset.learners = (0..<count).map { index in
            let name = surnames[next(surnames.count)] + givenNames[next(givenNames.count)]
            return Learner(id: String(format: "L%05d", index), name: name, departmentID: "D\(next(12))", source: src)
        }
        // Ids that need a safe file name, and names that are not Chinese.
        dataset.learners.append(Learner(id: "a/b", name: "王伟", departmentID: "D1", source: src))
        dataset.learners.append(Learner(id: "X1", name: "Anna Smith", departmentID: "D1", source: src))
        return dataset
    }

    static func context(_ dataset: Dataset) -> SiteContext {
        SiteContext(
            dataset: dataset, ledger: Ledger(entries: []),
            tally: Tally(years: [2024, 2025], learnerYears: [], departmentYears: [], classProgress: []),
            options: SiteOptions(), logo: nil, customStylesheet: false)
    }
}

@Suite struct SearchFindsEveryone {
    static let dataset = SearchFixture.dataset(learners: 3000)
    static let context = SearchFixture.context(dataset)
    /// 40 rows a shard: about 400 shards, most names spread over several.
    static let index = SearchIndex(context: context, shardSize: 40)
    static let emulator = try! SearchEmulator(files: index.files)

    /// Every holder of a key appears among the results, and each result opens the person's page.
    func expectFound(_ query: String, holders: [Learner], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let result = Self.emulator.lookup(SearchIndex.normalize(query))
        let found = Set(result.shown.filter { ($0[1]) == "l" }.map { $0[3] })
        let missing = holders.filter { !found.contains($0.id) }
        #expect(missing.isEmpty, "\(query): \(missing.count) of \(holders.count) not found, e.g. \(missing.prefix(3).map(\.id))",
                sourceLocation: sourceLocation)
        for row in result.shown where (row[1]) == "l" {
            let id = row[3]
            #expect(SearchEmulator.href(row, year: 2025) == Self.context.paths.learnerPage(id), sourceLocation: sourceLocation)
        }
    }

    @Test func namesakesStraddleShardBoundaries() {
        // The fixture is only a test if some name is split over shards.
        let boundaryKeys = Set(Self.emulator.shards.indices.dropFirst().filter {
            Self.emulator.shards[$0].first == Self.emulator.shards[$0 - 1].last
        }.map { Self.emulator.shards[$0].first })
        #expect(Self.emulator.shards.count > 100)
        #expect(boundaryKeys.count > 20)
        let names = Set(Self.dataset.learners.map(\.name))
        #expect(boundaryKeys.contains { names.contains($0) })
    }

    @Test func everyHolderOfEveryFullNameIsFound() {
        let byName = Dictionary(grouping: Self.dataset.learners, by: \.name)
        for (name, holders) in byName { expectFound(name, holders: holders) }
    }

    @Test func everyHolderOfEveryGivenNameIsFound() {
        let chinese = Self.dataset.learners.filter { $0.name.unicodeScalars.allSatisfy { $0.value >= 0x4E00 } }
        let byGiven = Dictionary(grouping: chinese) { learner in
            SearchFixture.surnames.filter { learner.name.hasPrefix($0) }.max { $0.count < $1.count }.map {
                String(learner.name.dropFirst($0.count))
            }!
        }
        for (given, holders) in byGiven { expectFound(given, holders: holders) }
    }

    @Test func everyHolderOfEveryPinyinAndInitialsIsFound() {
        var byKey: [String: [Learner]] = [:]
        for learner in Self.dataset.learners {
            for key in PersonName.extraKeys(learner.name) where key.first!.isASCII { byKey[key, default: []].append(learner) }
        }
        #expect(byKey["taofang"] != nil && byKey["tf"] != nil)
        for (key, holders) in byKey { expectFound(key, holders: holders) }
    }

    @Test func idsFindTheirLearner() {
        for learner in Self.dataset.learners { expectFound(learner.id, holders: [learner]) }
    }

    @Test func theEmulatorUsesSiteJSLimits() {
        #expect(Assets.script.contains("var MAX_SHARDS = \(SearchEmulator.maxShards), MAX_SHOWN = \(SearchEmulator.maxShown);"))
    }

    @Test func aShortPrefixSaysThereIsMore() {
        let result = Self.emulator.lookup("w")
        #expect(result.shown.count == SearchEmulator.maxShown)
        #expect(result.hidden > 0 || result.isCapped)
    }

    @Test func pinyinTypedWithSpacesIsFound() {
        let holders = Self.dataset.learners.filter { $0.name == "陶芳" }
        #expect(!holders.isEmpty)
        expectFound("tao fang", holders: holders)
        expectFound("tao'fang", holders: holders)
        expectFound("ＴＡＯＦＡＮＧ", holders: holders)
    }
}

@Suite struct PersonNameKeys {
    @Test func givenNamePinyinAndInitials() {
        #expect(PersonName.extraKeys("陶芳") == ["芳", "taofang", "tf", "fang"])
        #expect(PersonName.extraKeys("王艳萍") == ["艳萍", "wangyanping", "wyp", "yanping"])
    }

    @Test func compoundSurnamesStayWhole() {
        #expect(PersonName.extraKeys("欧阳修") == ["修", "ouyangxiu", "oyx", "xiu"])
        #expect(PersonName.extraKeys("诸葛亮").first == "亮")
        #expect(PersonName.extraKeys("万俟卨").contains("moqixie"))
    }

    @Test func surnameReadingsComeFirstAndTheCommonReadingStays() {
        let keys = PersonName.extraKeys("单雄")
        #expect(keys.firstIndex(of: "shanxiong")! < keys.firstIndex(of: "danxiong")!)
        #expect(keys.contains("sx") && keys.contains("dx"))
        #expect(PersonName.extraKeys("曾涛").contains("zengtao"))
        #expect(PersonName.extraKeys("吕丽") .contains("lvli"))
    }

    @Test func otherNamesHaveNoExtraKeys() {
        #expect(PersonName.extraKeys("anna smith").isEmpty)
        #expect(PersonName.extraKeys("王 ab").isEmpty)
        #expect(PersonName.extraKeys("王").isEmpty)
        #expect(PersonName.extraKeys("买买提·艾力") == ["maimaitiaili", "mmtal"])
    }
}
