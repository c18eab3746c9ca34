import HourbookCore

/// The print files: `certificates/YEAR/DEPT.html` holds the certificates of a department's
/// members for a year, one A4 page each, so HR prints a department at once; a learner's
/// archive links to their page in it (`#c-…`). No navigation or search prints.
struct CertificatePages {
    let labels: CertificateLabels
    let paths: OutputPaths
    /// The issuer's key, when the build signs.
    let publicKey: PublicKey?

    func makeDepartmentHTML(
        departmentID: String, departmentName: String, year: Int,
        certificates: [(Certificate, code: String, proofValue: String?)]
    ) -> [UInt8] {
        let heading = departmentName.isEmpty ? departmentID : departmentName
        var html = HTMLBytes(capacity: 4096 + certificates.count * 3072)
        html.raw("""
            <!DOCTYPE html>
            <html lang="
            """)
        html.raw(labels.htmlLang)
        html.raw("""
            ">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>
            """)
        html.text(heading)
        html.raw(" · ")
        html.raw(year)
        html.raw(" · ")
        html.raw(labels.departmentTitle)
        html.raw("""
            </title>
            <link rel="stylesheet" href="../certificate.css">
            </head>
            <body class="certificates">
            <nav class="toolbar no-print"><a href="../../index.html">
            """)
        html.raw(labels.home)
        html.raw("</a> · <a href=\"../../verify.html\">")
        html.raw(labels.verifyPage)
        html.raw("</a>\n<p>")
        html.text(heading)
        html.raw(" · ")
        html.raw(year)
        html.raw(" · ")
        html.raw(labels.printHint)
        html.raw("</p></nav>\n")
        // Density depends on the category names alone, which the certificates of a build share.
        var densityOf: (categories: [Certificate.CategoryHours], isDense: Bool)?
        for (certificate, code, proofValue) in certificates {
            let isDense: Bool
            if let known = densityOf, known.categories.elementsEqual(certificate.categories, by: { $0.name == $1.name }) {
                isDense = known.isDense
            } else {
                isDense = Self.isDense(certificate)
                densityOf = (certificate.categories, isDense)
            }
            appendSection(certificate, code: code, proofValue: proofValue, isDense: isDense, to: &html)
        }
        html.raw("</body>\n</html>\n")
        return html.bytes
    }

    /// Whether the category table needs the small type to keep the certificate on one A4 page:
    /// more than 12 lines at about 38 characters a line (the default ten categories take 11).
    static func isDense(_ certificate: Certificate) -> Bool {
        certificate.categories.reduce(0) { $0 + max(1, ($1.name.count + 37) / 38) } > 12
    }

    private func appendSection(
        _ certificate: Certificate, code: String, proofValue: String?, isDense: Bool, to html: inout HTMLBytes
    ) {
        let department = certificate.departmentName.isEmpty ? certificate.departmentID : certificate.departmentName
        html.raw("<section class=\"certificate")
        if isDense { html.raw(" dense") }
        html.raw("\" id=\"")
        html.raw(paths.certificateAnchor(certificate.learnerID))
        html.raw("""
            ">
            <header>
            <p class="organisation">
            """)
        html.text(certificate.organisation)
        html.raw("</p>\n<h1>")
        html.raw(labels.title)
        html.raw("</h1>\n<p class=\"subtitle\">")
        html.raw(labels.subtitle)
        html.raw("""
            </p>
            </header>
            <p class="lead">
            """)
        html.text(labels.lead(certificate.learnerName, certificate.learnerID, department, certificate.year))
        html.raw("""
            </p>
            <table class="figures">
            <thead><tr><th scope="col">
            """)
        html.raw(labels.category)
        html.raw("</th><th scope=\"col\">")
        html.raw(labels.mode)
        html.raw("</th><th scope=\"col\" class=\"num\">")
        html.raw(labels.hours)
        html.raw("</th></tr></thead>\n<tbody>\n")
        for category in certificate.categories {
            html.raw("<tr><th scope=\"row\">")
            html.text(category.name)
            html.raw("</th><td>")
            html.raw(labels.modeText(category.mode))
            html.raw("</td><td class=\"num\">")
            html.raw(category.hours)
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody>\n<tfoot>\n")
        appendFigure(labels.onlineHours, certificate.onlineHours, to: &html)
        appendFigure(labels.offlineHours, certificate.offlineHours, to: &html)
        appendFigure(labels.totalHours, certificate.totalHours, row: "<tr class=\"total\">", to: &html)
        appendFigure(labels.requiredHours, certificate.requiredHours, to: &html)
        html.raw("<tr><th scope=\"row\" colspan=\"2\">")
        html.raw(labels.status)
        html.raw("</th><td class=\"num status-")
        html.raw(certificate.status.rawValue)
        html.raw("\">")
        html.raw(labels.statusText(certificate.status))
        html.raw("""
            </td></tr>
            </tfoot>
            </table>
            <div class="closing">
            <dl class="facts">
            <div><dt>
            """)
        html.raw(labels.issueDate)
        html.raw("</dt><dd>")
        html.raw(certificate.issueDate)
        html.raw(" <span class=\"note\">")
        html.raw(labels.issueDateNote)
        html.raw("</span></dd></div>\n")
        appendFact(labels.fingerprint, certificate.fingerprint, to: &html)
        appendFact(labels.code, code, division: "<div class=\"code\">", to: &html)
        if let proofValue, let publicKey {
            appendFact(labels.signature, proofValue, division: "<div class=\"signature\">", to: &html)
            appendFact(labels.issuerKey, publicKey.did, division: "<div class=\"signature\">", to: &html)
        }
        html.raw("</dl>\n<div class=\"seal\" aria-label=\"")
        html.raw(labels.seal)
        html.raw("\">")
        html.raw(labels.seal)
        html.raw("</div>\n</div>\n<p class=\"how\">")
        html.text(labels.howToVerify)
        html.raw("</p>\n</section>\n")
    }

    /// `<tr><th scope="row" colspan="2">LABEL</th><td class="num">HOURS</td></tr>`, a line of the table's foot.
    private func appendFigure(_ label: String, _ hours: Hours, row: StaticString = "<tr>", to html: inout HTMLBytes) {
        html.raw(row)
        html.raw("<th scope=\"row\" colspan=\"2\">")
        html.raw(label)
        html.raw("</th><td class=\"num\">")
        html.raw(hours)
        html.raw("</td></tr>\n")
    }

    /// `<div><dt>LABEL</dt><dd><code>VALUE</code></dd></div>`, one of the facts under the table.
    private func appendFact(_ label: String, _ value: String, division: StaticString = "<div>", to html: inout HTMLBytes) {
        html.raw(division)
        html.raw("<dt>")
        html.raw(label)
        html.raw("</dt><dd><code>")
        html.raw(value)
        html.raw("</code></dd></div>\n")
    }

    /// The print files' stylesheet (`certificates/certificate.css`), shared with verify.html.
    static let stylesheet = """
        @page{size:A4;margin:16mm 18mm}
        *{box-sizing:border-box}
        body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,"WenQuanYi Zen Hei",serif;color:#111;background:#eee;margin:0;padding:12px;line-height:1.45}
        .toolbar{font-family:system-ui,sans-serif;font-size:14px;max-width:210mm;margin:0 auto 12px}
        .toolbar p{margin:4px 0 0;color:#555}
        .certificate{background:#fff;max-width:210mm;min-height:270mm;margin:0 auto 16px;padding:14mm 16mm;box-shadow:0 1px 4px rgba(0,0,0,.25);display:flex;flex-direction:column}
        .certificate header{text-align:center;border-bottom:2px solid #8b0000;padding-bottom:3mm;margin-bottom:5mm}
        .certificate .organisation{font-size:15pt;margin:0;letter-spacing:.1em;min-height:1em}
        .certificate h1{font-size:24pt;margin:2mm 0 0;letter-spacing:.02em;color:#8b0000}
        html[lang="zh-CN"] .certificate h1{font-size:26pt;letter-spacing:.4em}
        .certificate .subtitle{margin:0;font-size:10pt;color:#555;letter-spacing:.05em}
        .lead{font-size:12pt;margin:0 0 4mm}
        table.figures{width:100%;border-collapse:collapse;font-size:10.5pt}
        table.figures th,table.figures td{border:1px solid #999;padding:1.3mm 2mm;text-align:left;vertical-align:top}
        table.figures thead th{background:#f3f3f3}
        table.figures .num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        table.figures tfoot th{font-weight:600}
        table.figures tr.total th,table.figures tr.total td{font-weight:700;font-size:12pt}
        .dense{line-height:1.2}
        .dense header{padding-bottom:1.5mm;margin-bottom:3mm}
        .dense h1{font-size:20pt}
        .dense .lead{margin-bottom:2mm}
        .dense table.figures{font-size:8pt}
        .dense table.figures th,.dense table.figures td{padding:.3mm 1.5mm}
        .dense table.figures tr.total th,.dense table.figures tr.total td{font-size:9.5pt}
        .dense .closing{padding-top:3mm}
        .dense .facts div{margin-bottom:.8mm}
        .dense .seal{width:32mm;height:32mm}
        .status-met{color:#0a6b2b;font-weight:700}
        .status-not-met{color:#a40000;font-weight:700}
        .closing{display:flex;gap:6mm;align-items:flex-end;margin-top:auto;padding-top:5mm}
        .facts{flex:1;margin:0;font-size:9.5pt}
        .facts div{margin:0 0 1.5mm}
        .facts dt{font-weight:600}
        .facts dd{margin:0;overflow-wrap:anywhere}
        .facts code{font-family:"DejaVu Sans Mono",monospace;font-size:8.5pt}
        .facts .code code{font-size:17pt;font-weight:700;letter-spacing:.08em}
        .facts .signature code{font-size:7.5pt}
        .note{color:#555;font-size:8.5pt}
        .seal{width:42mm;height:42mm;border:1.5px dashed #8b0000;border-radius:50%;display:flex;align-items:center;justify-content:center;color:#8b0000;font-size:12pt;flex:none}
        .how{font-size:8.5pt;color:#444;margin:3mm 0 0;border-top:1px solid #ccc;padding-top:2mm}
        main.verify{background:#fff;max-width:210mm;margin:0 auto;padding:8mm 10mm;font-family:system-ui,sans-serif}
        main.verify input{font:inherit;font-size:18px;padding:6px 8px;width:min(100%,24ch);letter-spacing:.05em}
        main.verify button{font:inherit;font-size:18px;padding:6px 14px}
        main.verify table{border-collapse:collapse;margin-top:8px;width:100%;table-layout:fixed}
        main.verify th{width:34%}
        main.verify th,main.verify td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        main.verify td.num{text-align:right}
        main.verify code{overflow-wrap:anywhere}
        .verdict-ok{color:#0a6b2b;font-weight:700}
        .verdict-bad{color:#a40000;font-weight:700}
        @media print{
          body{background:#fff;padding:0}
          .no-print{display:none!important}
          .certificate{box-shadow:none;margin:0;padding:0;max-width:none;min-height:262mm;break-after:page;page-break-after:always}
          .certificate:last-of-type{break-after:auto;page-break-after:auto}
        }

        """
}
