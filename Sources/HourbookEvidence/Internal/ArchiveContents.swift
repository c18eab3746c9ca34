import Foundation
import HourbookCore
import HourbookRules

/// What goes into one department-year archive, before any zip is written: the members, their
/// filings with the attachments packed or refused, the ledger entries, and the files.
struct ArchiveContents {
    /// One member with filing entries in the year.
    struct Member {
        var learnerID: String
        var name: String
        var folder: String
        var filings: [FilingFolder]
    }

    /// One filing of a member and its folder `attachments/<learner>/<filing>/`.
    struct FilingFolder {
        var filingID: String
        var folder: String
        /// The distinct `status rule` of its entries in the year, e.g. `credited F-ONSITE`.
        var outcomes: [String]
        var attachments: [AttachmentOutcome]
        /// False when the ledger names a filing the dataset does not hold.
        var isKnown: Bool
    }

    /// An attachment as written in the filing, and where it went or why it did not.
    struct AttachmentOutcome {
        var writtenPath: String
        /// The entry name in the zip, when packed.
        var entryName: String?
        var refusal: AttachmentResolver.Refusal?
        /// The packed file's SHA-256 differs from the one the filing gives.
        var digestDiffers: Bool
    }

    var departmentID: String
    var departmentName: String?
    /// The archive's file name without `.zip` (the department's safe name).
    var fileStem: String
    var year: Int
    var fingerprint: String
    var publicKey: EvidencePublicKey?
    var members: [Member]
    /// Attachments, `ledger.csv`, `README.txt` and `manifest-sha256.txt`.
    var files: [ArchiveFile]
}
