import Foundation
import HourbookCore
import HourbookRules
import Testing

@testable import HourbookSite

/// Each site reads as one language: no English rule word on a Chinese page, no full-width
/// punctuation in an English page's labels.
@Suite struct OneLanguage {
    /// The text a person reads: tags, scripts, `<code>` (ids, file names, rule codes) and
    /// elements marked `lang="en"` (the importer's own message, under 技术细节) and the data
    /// folder's file names (`playback/2024-01.csv`) removed.
    static func readableText(_ html: String) -> String {
        var text = html
        for pattern in [
            "<script[^>]*>.*?</script>", "<code[^>]*>.*?</code>", "<pre[^>]*>.*?</pre>", "<p lang=\"en\">.*?</p>",
            "<[^>]+>", "[^\\s>]+\\.(csv|xml|yaml|jsonl)",
        ] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: [.regularExpression])
        }
        return text
    }

    static let englishRuleWords = [
        "chapter ", "checkin", "check-in", "playback", "filing ", "not-met", "default", "credited", "pending",
        "rejected", "flagged", "warning", "error",
    ]

    @Test func chineseSiteHasNoEnglishRuleWords() throws {
        let folder = try writeFixtureSite()
        var pages = 0
        for file in allFiles(folder) where file.hasSuffix(".html") || file.hasSuffix(".csv") {
            let text = Self.readableText(try read(folder, file)).lowercased()
            for word in Self.englishRuleWords {
                #expect(!text.contains(word), "\(file) shows “\(word)”")
            }
            pages += 1
        }
        #expect(pages > 20)
    }

    @Test func englishSiteHasNoFullWidthPunctuationInItsLabels() throws {
        let folder = try writeFixtureSite(language: "en")
        for file in allFiles(folder) where file.hasSuffix(".html") || file.hasSuffix(".csv") {
            let text = Self.readableText(try read(folder, file))
            for mark in ["：", "（", "）", "，", "；", "’s"] {
                #expect(!text.contains(mark), "\(file) has “\(mark)”")
            }
        }
        let page = try read(folder, paths.learnerPage("L001"))
        #expect(page.contains("Requirement (Group: 处级): Total hours 50.00"))
        #expect(page.contains("Yearly total: 22.00 / 50.00, Shortfall"))
        #expect(page.contains("<h1>张三<span class=\"suffix\"> · Training record</span></h1>"))
    }

    @Test func theDefaultRequirementGroupIsNotNamed() throws {
        let page = try read(try writeFixtureSite(), paths.learnerPage("L003"))
        #expect(page.contains("<p class=\"requirement\">学时要求：总学时 50.00"))
        #expect(!page.contains("default"))
    }

    @Test func everyDiagnosticCodeHasATitleInBothLanguages() {
        for code in DiagnosticCode.allCases {
            #expect(Labels.chineseDiagnosticTitles[code] != nil, "\(code.rawValue)")
            #expect(Labels.englishDiagnosticTitles[code] != nil, "\(code.rawValue)")
        }
        #expect(Labels.quotedValues("started_at '2024-13-01' is not a timestamp; don't") == ["2024-13-01"])
    }
}

@Suite struct DiagnosticsPaging {
    @Test func thousandsOfDiagnosticsAreSplitIntoPagesByFile() throws {
        var dataset = Fixture.dataset()
        dataset.diagnostics = (1...450).map {
            Diagnostic(file: "playback/2024-01.csv", line: $0 + 1, severity: .error, code: .badValue,
                       message: "started_at 'x\($0)' is not a timestamp.", rawText: "E\($0),L001")
        } + [Diagnostic(file: "learners.csv", line: 3, severity: .warning, code: .badOptionalValue, message: "phone '1' is not 11 digits; treated as absent.")]
        let folder = try writeFixtureSite(dataset: dataset)
        let summary = try read(folder, "diagnostics.html")
        #expect(summary.contains("href=\"diagnostics/2.html\""))
        #expect(summary.contains("<td class=\"num\">450</td>"))
        for page in ["diagnostics/2.html", "diagnostics/2-2.html", "diagnostics/2-3.html"] {
            let text = try read(folder, page)
            #expect(text.contains("第 ") && text.contains(" 页，共 3 页"), "\(page)")
        }
        let last = try read(folder, "diagnostics/2-3.html")
        #expect(last.components(separatedBy: "<tr class=\"severity-error\">").count - 1 == 50)
        #expect(last.contains("涉及的值：</span><code>x450</code>"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/diagnostics/2-4.html"))
    }
}
