import Dispatch
import Foundation
import HourbookCore
import HourbookRules

/// Writes the evidence archives of an output folder: one zip per department and year that
/// `EvidenceScope` selects, for auditors (see docs/evidence.md).
public enum EvidenceWriter {
    /// Writes `folder/evidence/YEAR/DEPT.zip` for every department-year of
    /// `EvidenceScope.archives`, in parallel (at most one archive per core), and returns them
    /// ordered by year, then department id. Throws the first failure, by that order.
    /// `publicKey`, when the build signs certificates, is shown in every README.
    public static func write(
        dataset: Dataset, ledger: Ledger, years: [Int], to folder: String, publicKey: EvidencePublicKey? = nil
    ) throws -> [EvidenceArchive] {
        let scope = EvidenceScope.archives(dataset: dataset, ledger: ledger, years: years)
        let jobs = scope.flatMap { department, years in years.map { (departmentID: department, year: $0) } }
            .sorted { $0.year != $1.year ? $0.year < $1.year : CodePoint.less($0.departmentID, $1.departmentID) }
        guard !jobs.isEmpty else { return [] }
        let context = EvidenceContext(
            dataset: dataset, ledger: ledger, departmentIDs: Array(scope.keys), publicKey: publicKey)
        for year in Set(jobs.map(\.year)) {
            try FileManager.default.createDirectory(
                atPath: folder + "/evidence/\(year)", withIntermediateDirectories: true)
        }
        // The largest archives first, so that the cores run out of work together rather than
        // one of them finishing a large archive alone at the end.
        let size = jobs.map { context.ledgerEntryCount(ofDepartment: $0.departmentID) }
        let order = jobs.indices.sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
        let results = ResultSlots<EvidenceArchive>(count: jobs.count)
        let renderers = LedgerCSV.Renderers()
        // concurrentPerform runs as many iterations at once as there are cores, handing them
        // out in order.
        DispatchQueue.concurrentPerform(iterations: jobs.count) { position in
            let index = order[position]
            let job = jobs[index]
            results.set(index) {
                try renderers.withRenderer { ledgerCSV in
                    try writeArchive(
                        departmentID: job.departmentID, year: job.year, context: context, ledgerCSV: &ledgerCSV,
                        folder: folder)
                }
            }
        }
        return try results.values()
    }

    static func writeArchive(
        departmentID: String, year: Int, context: EvidenceContext, ledgerCSV: inout LedgerCSV, folder: String
    ) throws -> EvidenceArchive {
        let contents = ArchiveAssembler.assemble(
            departmentID: departmentID, year: year, context: context, ledgerCSV: &ledgerCSV)
        let path = context.paths.evidenceArchive(departmentID, year: year)
        let absolutePath = folder + "/" + path
        let sha256 = try ZipArchiveWriter.write(contents.files, to: absolutePath)
        return EvidenceArchive(
            path: path, departmentID: departmentID, year: year, entryCount: contents.files.count, sha256: sha256)
    }
}

/// The organisation's public key for the certificates (学时证明), as every README shows it.
public struct EvidencePublicKey: Hashable, Sendable {
    /// `did:key:z6Mk…`
    public var did: String
    /// The SubjectPublicKeyInfo PEM text.
    public var pem: String

    public init(did: String, pem: String) {
        self.did = did
        self.pem = pem
    }
}
