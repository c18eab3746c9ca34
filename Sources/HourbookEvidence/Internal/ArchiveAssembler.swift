import Foundation
import HourbookCore
import HourbookRules

/// Gathers one department-year archive: for every direct member with a filing entry in the
/// year, the attachments of those filings (credited, pending and rejected) under
/// `attachments/<learner>/<filing>/`, the members' `ledger.csv` for the year, `README.txt`
/// and, last, `manifest-sha256.txt` over all of them.
enum ArchiveAssembler {
    /// `ledgerCSV` renders the archive's ledger.csv (a worker's renderer, kept across archives).
    static func assemble(
        departmentID: String, year: Int, context: EvidenceContext, ledgerCSV: inout LedgerCSV
    ) -> ArchiveContents {
        var members: [ArchiveContents.Member] = []
        var files: [ArchiveFile] = []
        var ledgerRuns: [ArraySlice<LedgerEntry>] = []
        // Attachments are hashed once, for the filed digest and for the manifest.
        var digests: [String: String] = [:]
        for learnerID in context.membersByDepartment[departmentID] ?? [] {
            let entries = context.entries(of: learnerID)
            // The distinct `status rule` of each filing's entries in the year, in ledger order.
            var outcomesByFiling: [String: [String]] = [:]
            entries.forEachEntry(inYear: year) { entry in
                guard entry.pointee.source.kind == .filing else { return }
                let outcome = "\(entry.pointee.status.rawValue) \(entry.pointee.rule.rawValue)"
                if outcomesByFiling[entry.pointee.source.id]?.contains(outcome) != true {
                    outcomesByFiling[entry.pointee.source.id, default: []].append(outcome)
                }
            }
            guard !outcomesByFiling.isEmpty else { continue }
            ledgerRuns.append(entries)
            let learnerFolder = "attachments/" + context.paths.learnerName(learnerID)
            var member = ArchiveContents.Member(
                learnerID: learnerID, name: context.learnersByID[learnerID]?.name ?? "", folder: learnerFolder + "/",
                filings: [])
            let filingIDs = outcomesByFiling.keys.sorted(by: CodePoint.less)
            // Filing folders are named as pages are: a plain id as it is, any other safely.
            let folderNames = OutputPaths.allocate(filingIDs)
            for filingID in filingIDs {
                let folder = learnerFolder + "/" + folderNames[filingID]! + "/"
                let outcomes = outcomesByFiling[filingID]!
                let filing = context.filingsByID[filingID]
                var names = AttachmentFileName()
                var attachments: [ArchiveContents.AttachmentOutcome] = []
                for attachment in filing?.attachments ?? [] {
                    switch context.resolver.read(attachment.path) {
                    case .contents(let data):
                        let entryName = folder + names.claim(forAttachmentPath: attachment.path)
                        let digest = Digest.sha256Hex(data)
                        files.append(ArchiveFile(name: entryName, contents: data))
                        digests[entryName] = digest
                        let differs = attachment.sha256.map { $0.lowercased() != digest } ?? false
                        attachments.append(.init(
                            writtenPath: attachment.path, entryName: entryName, refusal: nil, digestDiffers: differs))
                    case .refused(let refusal):
                        attachments.append(.init(
                            writtenPath: attachment.path, entryName: nil, refusal: refusal, digestDiffers: false))
                    }
                }
                member.filings.append(.init(
                    filingID: filingID, folder: folder, outcomes: outcomes, attachments: attachments,
                    isKnown: filing != nil))
            }
            members.append(member)
        }
        files.append(ArchiveFile(name: "ledger.csv", contents: ledgerCSV.render(ledgerRuns, year: year)))
        var contents = ArchiveContents(
            departmentID: departmentID, departmentName: context.departmentNames[departmentID],
            fileStem: context.paths.departmentName(departmentID), year: year,
            fingerprint: context.dataset.fingerprint, publicKey: context.publicKey, members: members, files: files)
        contents.files.append(ArchiveFile(name: "README.txt", contents: Data(EvidenceReadme.render(contents).utf8)))
        let manifest = contents.files.map {
            Manifest.Line(digest: digests[$0.name] ?? Digest.sha256Hex($0.contents), path: $0.name)
        }
        contents.files.append(ArchiveFile(name: Manifest.fileName, contents: Manifest.render(manifest)))
        return contents
    }
}
