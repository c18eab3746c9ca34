/// `README.txt` of an archive, in Chinese and English: what the archive is, its year and
/// department, the source data's fingerprint, how to verify it, how names are derived, the
/// members and their filings, and every attachment that was not packed, with the reason.
/// Text from the data (ids, names, paths) is escaped by `Printable`.
enum EvidenceReadme {
    static func render(_ contents: ArchiveContents) -> String {
        let department = Printable.escaped(contents.departmentID)
        let archiveName = "\(contents.fileStem).zip"
        var lines: [String] = [
            "学时证据包 / Hourbook evidence archive",
            "",
            "年度 / Year: \(contents.year)",
            "部门 / Department: \(Printable.escaped(contents.departmentName ?? "")) (id: \(department))",
            "源数据指纹 / Source data fingerprint (SHA-256 over the input files): \(contents.fingerprint)",
            "",
        ]
        if let key = contents.publicKey {
            lines += [
                "签发单位公钥 / The organisation's public key (Ed25519), which signs the certificates (学时证明):",
                "  \(key.did)",
            ]
            lines += key.pem.split(separator: "\n").map { "  " + $0 }
            lines.append("")
        }
        lines += [
            "本证据包包含该部门直属成员在该年度填报（外部培训填报、年终补录）的附件——已计入、待审批和已退回的",
            "均在内——以及这些成员该年度的全部学时台账记录（ledger.csv）。",
            "This archive holds, for every direct member of the department with a filing in the year,",
            "the attachments of those filings (credited, pending and rejected), and ledger.csv: every",
            "ledger entry of those members in that year. manifest-sha256.txt lists the SHA-256 of every",
            "other file in the archive (BagIt style, RFC 8493).",
            "",
            "校验方法 / How to verify:",
            "  unzip \(archiveName) -d \(contents.fileStem) && cd \(contents.fileStem) && sha256sum -c manifest-sha256.txt",
            "  or / 或: hourbook verify \(archiveName)",
            "(the zip file may have been renamed for download: use its actual name)",
            "",
            "文件命名 / Names:",
            "  attachments/<learner>/<filing>/<file>: <learner> and <filing> are the ids themselves when",
            "  they hold only ASCII letters, digits, '-' and '_'; any other id becomes those characters",
            "  (others as '_'), '-' and 16 hex digits of a hash of the exact id, so no two ids share a",
            "  folder. <file> is the attachment's own name when it is plain, otherwise a",
            "  sanitized one; a name already used in the folder gets -2, -3, ... before its extension.",
            "  The list below maps every id and attachment to its place in the archive.",
            "",
            "成员 / Members (\(contents.members.count)):",
        ]
        var notPacked: [String] = []
        for member in contents.members {
            let learner = Printable.escaped(member.learnerID)
            lines.append("  \(learner)  \(Printable.escaped(member.name))  \(member.folder)")
            for filing in member.filings {
                let outcome = filing.outcomes.joined(separator: ", ")
                lines.append("    filing / 填报 \(Printable.escaped(filing.filingID)) (\(outcome))  \(filing.folder)")
                if !filing.isKnown { lines.append("      (the filing record is not in the source data)") }
                if filing.isKnown && filing.attachments.isEmpty { lines.append("      (no attachment / 无附件)") }
                for attachment in filing.attachments {
                    let written = Printable.escaped(attachment.writtenPath)
                    if let entryName = attachment.entryName {
                        var line = "      \(written) -> \(entryName)"
                        if attachment.digestDiffers {
                            line += "  (SHA-256 differs from the filing's / 与填报的 SHA-256 不符)"
                        }
                        lines.append(line)
                    } else {
                        let reason = attachment.refusal?.text ?? ""
                        lines.append("      \(written)  NOT PACKED / 未打包: \(reason)")
                        notPacked.append("  \(learner) / \(Printable.escaped(filing.filingID)): \(written): \(reason)")
                    }
                }
            }
        }
        lines.append("")
        lines.append("未打包的附件 / Attachments not packed (\(notPacked.count)):")
        lines += notPacked.isEmpty ? ["  (none / 无)"] : notPacked
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
