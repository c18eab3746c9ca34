import Foundation
import Hourbook
import HourbookCore
import HourbookDemo
import Testing

/// `build --scope` and `bundles`: each department gets its own people, and nobody else's.
@Suite("Scopes and bundles")
struct ScopeTests {
    func text(_ path: String) throws -> String { try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8) }

    func rows(_ path: String) throws -> [String] {
        // Without the byte-order mark and the header.
        Array(try text(path).dropFirst().split(separator: "\r\n").dropFirst().map(String.init))
    }

    func bundles(_ data: String, level: Int = 1) throws -> (out: String, report: BundleReport) {
        let out = data + "-bundles"
        var options = BundleOptions(dataFolder: data, outputFolder: out)
        options.level = level
        return (out, try Pipeline.bundles(options))
    }

    /// Every bundle of `out` scanned for everyone not in its unit; returns the findings.
    func leaks(in report: BundleReport, out: String, people: [Person]) throws -> [String] {
        var findings: [String] = []
        for bundle in report.bundles {
            let inside = people.filter { person in
                HostileOrganisation.units[bundle.departmentID].map { units in person.departmentID.map(units.contains) ?? false } ?? false
            }
            // Other units' departments are looked for by name (their ids, U1…U3, are too short to be distinctive).
            let otherDepartments = HostileOrganisation.departmentNames.filter { $0.key != bundle.departmentID }.values.joined()
            let scan = LeakScan(
                insiders: inside.map { ($0.id, $0.name) },
                outsiders: people.filter { p in !inside.contains { $0.id == p.id } }.map { ($0.id, $0.name, $0.markers) }
                    + otherDepartments.map { ($0, $0, []) })
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: out + "/" + bundle.file)))
            findings += try scan.scan(file: bytes, path: bundle.file)
        }
        return findings
    }

    /// The hostile organisation built whole into `DATA-full` and with `--scope U2` into
    /// `DATA-u2`; the scoped build's report.
    func fullAndU2Builds() throws -> (data: TestFolder, report: BuildReport) {
        let data = try TestFolder(HostileOrganisation.files)
        do {
            _ = try Pipeline.build(BuildOptions(dataFolder: data.path, outputFolder: data.path + "-full"))
            var options = BuildOptions(dataFolder: data.path, outputFolder: data.path + "-u2")
            options.scope = ["U2"]
            return (data, try Pipeline.build(options))
        } catch {
            remove(data)
            throw error
        }
    }

    func remove(_ data: TestFolder) {
        data.remove()
        try? FileManager.default.removeItem(atPath: data.path + "-full")
        try? FileManager.default.removeItem(atPath: data.path + "-u2")
    }

    @Test("A scoped build holds the subtree's learners with exactly the full build's figures, and nothing of anyone else")
    func scopedBuildKeepsFiguresAndLeaksNothing() throws {
        let (data, report) = try fullAndU2Builds()
        defer { remove(data) }
        #expect(Set(report.dataset.learners.map(\.id)) == Set(HostileOrganisation.members(of: "U2").map(\.id)))

        let full = try rows(data.path + "-full/exports/learners.csv")
        let scoped = try rows(data.path + "-u2/exports/learners.csv")
        #expect(scoped.count == 4)  // two learners, two years
        #expect(scoped.allSatisfy(full.contains))
        let departments = try rows(data.path + "-u2/exports/departments.csv").map { $0.split(separator: ",").first.map(String.init) ?? "" }
        #expect(Set(departments) == ["U2", "U2-子"])

        let u2 = HostileOrganisation.members(of: "U2")
        let scan = LeakScan(
            insiders: u2.map { ($0.id, $0.name) },
            outsiders: HostileOrganisation.people.filter { p in !u2.contains { $0.id == p.id } }.map { ($0.id, $0.name, $0.markers) })
        #expect(try scan.scan(folder: data.path + "-u2") == [])
        // The scan does find people where they are: the full build holds everyone.
        #expect(try scan.scan(folder: data.path + "-full").count >= 6)
    }

    @Test("A scoped build's inputs.csv lists the scope's own files with their digests, and no other unit's attachment")
    func scopedInputsList() throws {
        let (data, report) = try fullAndU2Builds()
        defer { remove(data) }
        // The build takes the digests while the rules run, for the whole organisation, then
        // keeps the scope's files: the list is the one the scoped dataset alone gives.
        let written = try Data(contentsOf: URL(fileURLWithPath: data.path + "-u2/exports/inputs.csv"))
        #expect(Array(written) == InputInventory.csv(try InputInventory.make(dataset: report.dataset)))
        let scoped = try rows(data.path + "-u2/exports/inputs.csv")
        let full = try rows(data.path + "-full/exports/inputs.csv")
        #expect(scoped.allSatisfy(full.contains))
        let attachments = { (rows: [String]) in Set(rows.filter { $0.hasPrefix("attachments/") }) }
        #expect(attachments(scoped).count < attachments(full).count)
        #expect(full.filter { !$0.hasPrefix("attachments/") } == scoped.filter { !$0.hasPrefix("attachments/") })
    }

    @Test("A scoped output keeps its own people's diagnostics and counts the rest in one line")
    func diagnosticsOutsideTheScopeAreCounted() throws {
        let data = try TestFolder(HostileOrganisation.files)
        let out = data.path + "-u2"
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        var options = BuildOptions(dataFolder: data.path, outputFolder: out)
        options.scope = ["U2"]
        let report = try Pipeline.build(options)
        let full = try Pipeline.evaluate(dataFolder: data.path)
        let codes = report.dataset.diagnostics.map(\.code)
        // 王's bad timestamp and bad cost are U2's; the catalog, the broken row, the orphan and 李娜娜's phone are not.
        #expect(codes.sorted { $0.rawValue < $1.rawValue } == [.badOptionalValue, .badValue])
        #expect(report.dataset.diagnosticsOutsideScope == full.dataset.diagnostics.count - 2)
        let csv = try rows(out + "/exports/diagnostics.csv")
        #expect(csv[0] == ",0,info,OUTSIDE-SCOPE,\(report.dataset.diagnosticsOutsideScope) problems outside this scope")
        #expect(csv.count == 3)
        let page = try text(out + "/diagnostics.html")
        #expect(page.contains("另有 \(report.dataset.diagnosticsOutsideScope) 条问题不属于本范围"))
    }

    @Test("--scope names an unknown department: a usage error naming it, nothing written")
    func unknownScopeIsRefused() throws {
        let data = try TestFolder(HostileOrganisation.files)
        defer { data.remove() }
        var options = BuildOptions(dataFolder: data.path, outputFolder: data.path + "-out")
        options.scope = ["U1,NOPE"]
        #expect {
            try Pipeline.build(options)
        } throws: { error in
            (error as? ScopeFailure)?.description.contains("'NOPE'") == true
        }
        #expect(!FileManager.default.fileExists(atPath: data.path + "-out"))
    }

    @Test("Overlapping scopes, and an id with a comma taken whole")
    func overlappingScopes() throws {
        var files = HostileOrganisation.files
        files["departments.csv"]! += "\"U3,旧\",旧部门,U3,2\n"
        let data = try TestFolder(files)
        defer { data.remove() }
        let dataset = try Pipeline.evaluate(dataFolder: data.path).dataset
        let scope = try Scope(departments: ["U1", "U1/../x", "U3,旧"], in: dataset)
        #expect(scope.departmentIDs == ["U1", "U1/../x", "U3,旧"])
        #expect(scope.learnerIDs == Set(HostileOrganisation.members(of: "U1").map(\.id)))
    }

    @Test("Each bundle of the hostile organisation holds exactly its unit's learners and no byte of anyone else")
    func hostileBundlesLeakNothing() throws {
        let data = try TestFolder(HostileOrganisation.files)
        let (out, report) = try bundles(data.path)
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        #expect(report.bundles.map(\.departmentID) == ["U1", "U2", "U3"])
        for bundle in report.bundles {
            #expect(bundle.learners == HostileOrganisation.members(of: bundle.departmentID).count)
            let entries = try LeakScan.entries(ofZip: Data(contentsOf: URL(fileURLWithPath: out + "/" + bundle.file)))
            let stem = String(bundle.file.dropLast(4))
            let learnerPages = entries.filter { $0.name.hasPrefix(stem + "/learners/") }
            #expect(learnerPages.count == bundle.learners)
        }
        #expect(try leaks(in: report, out: out, people: HostileOrganisation.people) == [])

        // The mover's filing went with her to U3.
        let u3 = try LeakScan.entries(ofZip: Data(contentsOf: URL(fileURLWithPath: out + "/U3.zip")))
        let ledger = String(decoding: u3.first { $0.name == "U3/exports/ledger.jsonl" }!.contents, as: UTF8.self)
        #expect(ledger.contains(#""learner_id":"丁-鸮""#) && ledger.contains(#""id":"F1""#))
        #expect(u3.contains { $0.name.hasPrefix("U3/evidence/2024/") })

        let list = try Data(contentsOf: URL(fileURLWithPath: out + "/bundles.csv"))
        #expect(Array(list).starts(with: Array("\u{FEFF}department,file,learners,sha256\r\nU1,U1.zip,2,".utf8)))
    }

    @Test("Bundles are deterministic: two runs give the same bytes")
    func bundlesAreDeterministic() throws {
        let data = try TestFolder(HostileOrganisation.files)
        let (first, _) = try bundles(data.path)
        let again = data.path + "-again"
        _ = try Pipeline.bundles(BundleOptions(dataFolder: data.path, outputFolder: again))
        defer { data.remove(); try? FileManager.default.removeItem(atPath: first); try? FileManager.default.removeItem(atPath: again) }
        for name in try FileManager.default.contentsOfDirectory(atPath: first) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: first + "/" + name)) == Data(contentsOf: URL(fileURLWithPath: again + "/" + name)), "\(name)")
        }
    }

    @Test("Every link of a bundle's pages resolves inside the bundle")
    func linksResolveInsideTheBundle() throws {
        let data = try TestFolder(HostileOrganisation.files)
        let (out, report) = try bundles(data.path)
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        var broken: [String] = []
        for bundle in report.bundles {
            let entries = try LeakScan.entries(ofZip: Data(contentsOf: URL(fileURLWithPath: out + "/" + bundle.file)))
            let names = Set(entries.map(\.name))
            for entry in entries where entry.name.hasSuffix(".html") {
                let page = String(decoding: entry.contents, as: UTF8.self)
                for link in Self.links(in: page) {
                    guard !link.hasPrefix("#"), !link.contains(":") else {
                        if link.contains("://") { broken.append("\(entry.name): external \(link)") }
                        continue
                    }
                    let path = link.split(separator: "#", maxSplits: 1).first.map(String.init) ?? link
                    let decoded = path.removingPercentEncoding ?? path
                    var parts = entry.name.split(separator: "/").dropLast().map(String.init)
                    for part in decoded.split(separator: "/") {
                        if part == ".." { if parts.count > 1 { parts.removeLast() } else { parts = ["(outside)"] } } else if part != "." { parts.append(String(part)) }
                    }
                    if !names.contains(parts.joined(separator: "/")) { broken.append("\(entry.name) → \(link)") }
                }
            }
        }
        #expect(broken == [])
    }

    /// The `href` and `src` values of a page (HTML-unescaped).
    static func links(in page: String) -> [String] {
        var links: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = page[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                links.append(String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&quot;", with: "\""))
                rest = rest[end...]
            }
        }
        return links
    }

    @Test("--level 2 bundles the departments right below the top level; people above it are in no bundle")
    func levelTwo() throws {
        var files = HostileOrganisation.files
        files["learners.csv"]! += "TOP-鹳,顶层的人,U1,\n"
        let data = try TestFolder(files)
        let (out, report) = try bundles(data.path, level: 2)
        defer { data.remove(); try? FileManager.default.removeItem(atPath: out) }
        #expect(report.bundles.map(\.departmentID) == ["U1/../x", "U2-子"])
        #expect(report.bundles.map(\.learners) == [1, 1])
        #expect(report.learnersOutside == 5)
        var three = BundleOptions(dataFolder: data.path, outputFolder: out + "-3")
        three.level = 3
        #expect(throws: ScopeFailure.self) { try Pipeline.bundles(three) }
    }

    @Test("Each bundle of the demo organisation holds only its unit's people")
    func demoBundlesLeakNothing() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("hourbook-demo-\(UUID().uuidString)").path
        try DemoData.write(to: data, learners: 200, seed: 7)
        let (out, report) = try bundles(data)
        defer { try? FileManager.default.removeItem(atPath: data); try? FileManager.default.removeItem(atPath: out) }
        let dataset = try Pipeline.evaluate(dataFolder: data).dataset
        // Names that also occur in the catalog, filings or settings (a contact, a host) are ordinary
        // words of some page, not distinctive: they are looked for by id only.
        let inputs = try ["catalog.xml", "filings.xml", "hourbook.yaml", "departments.csv"].map {
            (try? text(data + "/" + $0)) ?? ""
        }.joined()
        var parent: [String: String] = [:]
        for department in dataset.departments { parent[department.id] = department.parentID }
        func unit(_ department: String) -> String {
            var current = department
            while let up = parent[current] { current = up }
            return current
        }
        var findings: [String] = []
        var total = 0
        for bundle in report.bundles {
            let inside = dataset.learners.filter { unit($0.departmentID) == bundle.departmentID }
            #expect(bundle.learners == inside.count)
            total += inside.count
            let insideIDs = Set(inside.map(\.id))
            let scan = LeakScan(
                insiders: inside.map { ($0.id, $0.name) },
                outsiders: dataset.learners.filter { !insideIDs.contains($0.id) }.map { learner in
                    (learner.id, inputs.contains(learner.name) || inside.contains { $0.name.contains(learner.name) } ? learner.id : learner.name, [])
                })
            findings += try scan.scan(file: Array(Data(contentsOf: URL(fileURLWithPath: out + "/" + bundle.file))), path: bundle.file)
        }
        #expect(total == dataset.learners.count)
        #expect(findings == [])
    }
}
