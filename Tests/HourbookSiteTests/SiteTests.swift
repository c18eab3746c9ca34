import Foundation
import HourbookCertificates
import HourbookCore
import HourbookRules
import Testing

@testable import HourbookSite

/// Writes the fixture's site into a fresh temporary folder and returns the folder.
func writeFixtureSite(
    language: String = "zh", dataset: Dataset = Fixture.dataset(), digests: [String: String] = [:]
) throws -> String {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("hourbook-site-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try SiteWriter.write(
        dataset: dataset, ledger: Fixture.ledger(), tally: Fixture.tally(dataset: dataset), to: folder,
        options: SiteOptions(language: language, attachmentDigests: digests))
    return folder
}

func read(_ folder: String, _ path: String) throws -> String {
    try String(contentsOfFile: folder + "/" + path, encoding: .utf8)
}

/// Every regular file under `folder`, relative, sorted.
func allFiles(_ folder: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: folder)!
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files.append(path)
        }
    }
    return files.sorted()
}

let paths = OutputPaths(
    learnerIDs: Fixture.dataset().learners.map(\.id), departmentIDs: Fixture.dataset().departments.map(\.id))

@Suite struct GoldenPages {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").path

    /// Compares a written page with its golden file; `HOURBOOK_UPDATE_GOLDEN=1` rewrites the golden files.
    func check(_ folder: String, _ page: String, golden: String) throws {
        let actual = try read(folder, page)
        let goldenPath = Self.goldenFolder + "/" + golden
        if ProcessInfo.processInfo.environment["HOURBOOK_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.goldenFolder, withIntermediateDirectories: true)
            try actual.write(toFile: goldenPath, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: goldenPath, encoding: .utf8)
        #expect(actual == expected, "\(page) differs from Golden/\(golden); rerun with HOURBOOK_UPDATE_GOLDEN=1 and review the diff")
    }

    @Test func indexDepartmentAndLearnerMatchTheirGoldenFiles() throws {
        let folder = try writeFixtureSite(digests: ["attachments/F1/通知.pdf": String(repeating: "ab", count: 32)])
        // scripts/screenshots.sh renders this fixture site: HOURBOOK_FIXTURE_SITE=/tmp/fixture-site swift test …
        if let keep = ProcessInfo.processInfo.environment["HOURBOOK_FIXTURE_SITE"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: folder, toPath: keep)
        }
        try check(folder, "index.html", golden: "index.html")
        try check(folder, paths.departmentPage("D2", year: 2024), golden: "department-D2-2024.html")
        try check(folder, String(paths.departmentPage("D2", year: 2024).dropLast(5)) + ".csv", golden: "department-D2-2024.csv")
        try check(folder, paths.learnerPage("L001"), golden: "learner-L001.html")
        try check(folder, "diagnostics.html", golden: "diagnostics.html")
        try check(folder, "diagnostics/2.html", golden: "diagnostics-2.html")
    }

    @Test func englishLabelsKeepTheData() throws {
        let folder = try writeFixtureSite(language: "en")
        let page = try read(folder, paths.learnerPage("L001"))
        #expect(page.contains("<html lang=\"en\">"))
        #expect(page.contains("Offline training"))
        #expect(page.contains("科技政策专题讲座"))
        #expect(page.contains("Requested hours above 2 days × 8: cut to 16."))
        let chinese = try read(try writeFixtureSite(), paths.learnerPage("L001"))
        #expect(chinese.contains("<html lang=\"zh-CN\">"))
        #expect(chinese.contains("线下培训情况"))
    }

    @Test func sameInputsGiveByteIdenticalFiles() throws {
        let first = try writeFixtureSite()
        let second = try writeFixtureSite()
        let files = allFiles(first)
        #expect(files == allFiles(second))
        for file in files {
            let a = FileManager.default.contents(atPath: first + "/" + file)
            let b = FileManager.default.contents(atPath: second + "/" + file)
            #expect(a == b, "\(file) differs between two builds")
        }
    }
}

@Suite struct Escaping {
    @Test func interpolationEscapesTextAndAttributes() {
        let name = "<script>alert(1)</script>"
        let quote = "a\"b' & c"
        let html: HTML = "<p title=\"\(quote)\">\(name)</p>\(Raw("<br>"))"
        #expect(html.text == "<p title=\"a&quot;b&#39; &amp; c\">&lt;script&gt;alert(1)&lt;/script&gt;</p><br>")
    }

    @Test func scriptNamedLearnerShowsAsText() throws {
        let folder = try writeFixtureSite()
        for page in [paths.learnerPage("L002"), paths.departmentPage("D2", year: 2024)] {
            let text = try read(folder, page)
            #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!text.contains("<script>alert"))
        }
        let department = try read(folder, paths.departmentPage("D3", year: 2024))
        #expect(department.contains("学会服务中心 &quot;Q&quot; &amp; &lt;b&gt;"))
        #expect(!department.contains("\"Q\""))
    }

    @Test func searchIndexIsSafeInScriptContext() throws {
        var output = ""
        Escape.jsonString("</script>\u{2028}\u{2029}\"\\", into: &output)
        #expect(output == #""\u003c/script\u003e\u2028\u2029\"\\""#)
        let folder = try writeFixtureSite()
        for file in allFiles(folder) where file.hasPrefix("search/") {
            let text = try read(folder, file)
            #expect(!text.contains("</"))
            #expect(!text.contains("\u{2028}"))
        }
    }

    @Test func csvHasBOMAndFormulaGuard() throws {
        let folder = try writeFixtureSite()
        let path = String(paths.departmentPage("has space", year: 2024).dropLast(5)) + ".csv"
        let bytes = FileManager.default.contents(atPath: folder + "/" + path)!
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let csv = try read(folder, path)
        #expect(csv.contains("\r\n'=cmd,王 =cmd,"))
    }

    @Test func phoneIsMasked() throws {
        #expect(Format.maskedPhone("13812345678") == "138****5678")
        let page = try read(try writeFixtureSite(), paths.learnerPage("L001"))
        #expect(page.contains("138****5678"))
        #expect(!page.contains("13812345678"))
    }
}

@Suite struct PathsAndLinks {
    @Test func trickyIdsGetDistinctPagesInsideTheFolder() throws {
        let folder = try writeFixtureSite()
        let learnerPages = Fixture.dataset().learners.map { paths.learnerPage($0.id) }
        #expect(Set(learnerPages.map { $0.lowercased() }).count == learnerPages.count)
        let departmentPages = Fixture.dataset().departments.map { paths.departmentPage($0.id, year: 2024) }
        #expect(Set(departmentPages.map { $0.lowercased() }).count == departmentPages.count)
        for page in learnerPages + departmentPages {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + page), "\(page) missing")
            #expect(!page.contains(".."), "\(page)")
        }
        // Nothing was written outside: every file under the folder resolves inside it.
        let base = URL(fileURLWithPath: folder).standardizedFileURL.path
        for file in allFiles(folder) {
            #expect(URL(fileURLWithPath: folder + "/" + file).standardizedFileURL.path.hasPrefix(base + "/"))
        }
        // Pages of the learners "Ab" and "ab" are two files with their own names.
        #expect(try read(folder, paths.learnerPage("Ab")).contains("王 Ab"))
        #expect(try read(folder, paths.learnerPage("ab")).contains("王 ab"))
    }

    /// href and src values of a page (and url() in stylesheets).
    static func references(in text: String) -> [String] {
        var result: [String] = []
        for marker in ["href=\"", "src=\"", "url("] {
            var rest = Substring(text)
            while let range = rest.range(of: marker) {
                rest = rest[range.upperBound...]
                let end = rest.firstIndex(where: { $0 == "\"" || $0 == ")" }) ?? rest.endIndex
                result.append(String(rest[..<end]))
            }
        }
        return result
    }

    @Test func everyInternalLinkResolves() throws {
        let dataset = Fixture.dataset()
        let folder = try writeFixtureSite()
        // What the pipeline writes beside the pages.
        try FileManager.default.createDirectory(atPath: folder + "/exports", withIntermediateDirectories: true)
        for file in ["learners.csv", "hours.csv", "departments.csv", "ledger.jsonl", "diagnostics.csv"] {
            FileManager.default.createFile(atPath: folder + "/exports/" + file, contents: Data())
        }
        try CertificateWriter.write(
            dataset: dataset, ledger: Fixture.ledger(), tally: Fixture.tally(dataset: dataset), signingKey: nil,
            language: "zh", to: folder)
        let scope = EvidenceScope.archives(dataset: dataset, ledger: Fixture.ledger(), years: [2023, 2024])
        #expect(scope["D2"] == [2024])
        for (department, years) in scope {
            for year in years {
                let path = folder + "/" + paths.evidenceArchive(department, year: year)
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                FileManager.default.createFile(atPath: path, contents: Data())
            }
        }
        var checked = 0
        for file in allFiles(folder) where file.hasSuffix(".html") {
            let text = try read(folder, file)
            let directory = (file as NSString).deletingLastPathComponent
            for reference in Self.references(in: text) {
                guard !reference.hasPrefix("#") else { continue }
                let target = String(reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                let resolved = URL(fileURLWithPath: folder + "/" + directory + "/" + target).standardizedFileURL.path
                #expect(FileManager.default.fileExists(atPath: resolved), "\(file): \(reference) does not resolve")
                checked += 1
            }
        }
        #expect(checked > 100)
        // The department with a filing links its archive; one without says so.
        #expect(try read(folder, paths.departmentPage("D2", year: 2024)).contains(paths.evidenceArchive("D2", year: 2024)))
        #expect(!(try read(folder, paths.departmentPage("D2", year: 2023)).contains("evidence/")))
    }

    @Test func noExternalReferenceAnywhere() throws {
        var dataset = Fixture.dataset()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("hourbook-data-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(toFile: data + "/logo.svg", atomically: true, encoding: .utf8)
        try "body{color:#000}".write(toFile: data + "/extra.css", atomically: true, encoding: .utf8)
        dataset.folderPath = data
        dataset.settings.site.logo = "logo.svg"
        dataset.settings.site.stylesheet = "extra.css"
        let folder = try writeFixtureSite(dataset: dataset)
        let index = try read(folder, "index.html")
        #expect(index.contains("src=\"assets/logo.svg\""))
        #expect(index.range(of: "assets/style.css")!.lowerBound < index.range(of: "assets/custom.css")!.lowerBound)
        for file in allFiles(folder) where !file.hasPrefix("assets/logo") {
            let text = try read(folder, file)
            #expect(!text.contains("http:") && !text.contains("https:"), "\(file) names an external URL")
            for reference in Self.references(in: text) {
                #expect(!reference.hasPrefix("//") && !reference.contains(":"), "\(file): \(reference)")
            }
        }
    }

    @Test func logoOutsideTheDataFolderIsNotCopied() throws {
        var dataset = Fixture.dataset(folder: FileManager.default.temporaryDirectory.path + "/hourbook-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dataset.folderPath, withIntermediateDirectories: true)
        dataset.settings.site.logo = "../../etc/hostname.png"
        let folder = try writeFixtureSite(dataset: dataset)
        #expect(!FileManager.default.fileExists(atPath: folder + "/assets/logo.png"))
        #expect(!(try read(folder, "index.html")).contains("logo"))
    }
}

@Suite struct Search {
    /// The rows of every shard: [key, kind, name, id, context, stem?], the context as text.
    static func rows(_ folder: String) throws -> [[String]] {
        var rows: [[String]] = []
        for file in allFiles(folder) where file.hasPrefix("search/") && file != "search/index.js" {
            let text = try read(folder, file)
            let open = text.firstIndex(of: "[")!
            let close = text.lastIndex(of: "]")!
            let json = try JSONSerialization.jsonObject(with: Data(text[open...close].utf8)) as! [[Any]]
            rows += json.map { row in row.map { "\($0)" } }
        }
        return rows
    }

    @Test func indexHoldsEveryLearnerAndDepartment() throws {
        let folder = try writeFixtureSite()
        let rows = try Self.rows(folder)
        let dataset = Fixture.dataset()
        for learner in dataset.learners {
            #expect(rows.contains { $0[1] == "l" && $0[3] == learner.id && $0[0] == SearchIndex.normalize(learner.name) })
            #expect(rows.contains { $0[1] == "l" && $0[3] == learner.id && $0[0] == SearchIndex.normalize(learner.id) })
            #expect(rows.contains { $0[1] == "l" && (($0.count > 5 ? $0[5] : $0[3]) == paths.learnerName(learner.id)) })
        }
        for department in dataset.departments {
            #expect(rows.contains { $0[1] == "d" && $0[3] == department.id && $0[2] == department.name })
        }
        let manifest = try read(folder, "search/index.js")
        #expect(manifest.hasPrefix("HB.manifest({\"year\":2024,"))
        // Keys are sorted by UTF-16 code units, as JavaScript compares them.
        let keys = rows.map { $0[0] }
        #expect(keys == keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
    }

    @Test func everyPageHasTheSearchBoxAndANoScriptFallback() throws {
        let folder = try writeFixtureSite()
        for file in allFiles(folder) where file.hasSuffix(".html") {
            let text = try read(folder, file)
            #expect(text.contains("id=\"search-box\""), "\(file)")
            #expect(text.contains("<noscript>"), "\(file)")
        }
    }
}

@Suite struct Formatting {
    @Test func largeNumbersHaveThousandsSeparators() {
        #expect(Format.grouped(1_631_754) == "1,631,754")
        #expect(Format.grouped(999) == "999")
        #expect(Format.grouped(Hours(hundredths: 163_175_475)) == "1,631,754.75")
        #expect(Format.grouped(Hours(hundredths: 99_950)) == "999.50")
        #expect(Format.grouped(Hours(hundredths: -123_456_789)) == "-1,234,567.89")
    }

    @Test func fileSizesForDownloadLinks() {
        #expect(Format.fileSize(812) == "812 B")
        #expect(Format.fileSize(1_331_200) == "1.3 MB")
        #expect(Format.fileSize(1_095_216_660) == "1.0 GB")
        #expect(Format.fileSize(523 * 1024) == "523 KB")
    }

    @Test func exportLinksDownloadAndShowTheirSize() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hourbook-site-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/exports", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder + "/exports/ledger.jsonl", contents: Data(count: 3 * 1024 * 1024))
        let dataset = Fixture.dataset()
        try SiteWriter.write(
            dataset: dataset, ledger: Fixture.ledger(), tally: Fixture.tally(dataset: dataset), to: folder,
            options: SiteOptions())
        let index = try read(folder, "index.html")
        #expect(index.contains("<a download=\"ledger.jsonl\" type=\"application/x-ndjson\" data-size=\"3145728\" href=\"exports/ledger.jsonl\">ledger.jsonl</a> <span class=\"meta\">（下载，3.0 MB）</span>"))
    }
}
