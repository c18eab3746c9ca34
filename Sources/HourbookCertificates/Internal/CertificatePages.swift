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
    ) -> String {
        let heading = departmentName.isEmpty ? departmentID : departmentName
        var html = """
            <!DOCTYPE html>
            <html lang="\(labels.htmlLang)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(heading)) · \(year) · \(labels.departmentTitle)</title>
            <link rel="stylesheet" href="../certificate.css">
            </head>
            <body class="certificates">
            <nav class="toolbar no-print"><a href="../../index.html">\(labels.home)</a> · <a href="../../verify.html">\(labels.verifyPage)</a>
            <p>\(Markup.escape(heading)) · \(year) · \(labels.printHint)</p></nav>

            """
        for (certificate, code, proofValue) in certificates {
            html += section(certificate, code: code, proofValue: proofValue)
        }
        html += "</body>\n</html>\n"
        return html
    }

    /// Whether the category table needs the small type to keep the certificate on one A4 page:
    /// more than 12 lines at about 38 characters a line (the default ten categories take 11).
    static func isDense(_ certificate: Certificate) -> Bool {
        certificate.categories.reduce(0) { $0 + max(1, ($1.name.count + 37) / 38) } > 12
    }

    private func section(_ certificate: Certificate, code: String, proofValue: String?) -> String {
        let department = certificate.departmentName.isEmpty ? certificate.departmentID : certificate.departmentName
        var html = """
            <section class="certificate\(Self.isDense(certificate) ? " dense" : "")" id="\(paths.certificateAnchor(certificate.learnerID))">
            <header>
            <p class="organisation">\(Markup.escape(certificate.organisation))</p>
            <h1>\(labels.title)</h1>
            <p class="subtitle">\(labels.subtitle)</p>
            </header>
            <p class="lead">\(Markup.escape(labels.lead(certificate.learnerName, certificate.learnerID, department, certificate.year)))</p>
            <table class="figures">
            <thead><tr><th scope="col">\(labels.category)</th><th scope="col">\(labels.mode)</th><th scope="col" class="num">\(labels.hours)</th></tr></thead>
            <tbody>

            """
        for category in certificate.categories {
            html += "<tr><th scope=\"row\">\(Markup.escape(category.name))</th><td>\(labels.modeText(category.mode))</td><td class=\"num\">\(category.hours)</td></tr>\n"
        }
        html += """
            </tbody>
            <tfoot>
            <tr><th scope="row" colspan="2">\(labels.onlineHours)</th><td class="num">\(certificate.onlineHours)</td></tr>
            <tr><th scope="row" colspan="2">\(labels.offlineHours)</th><td class="num">\(certificate.offlineHours)</td></tr>
            <tr class="total"><th scope="row" colspan="2">\(labels.totalHours)</th><td class="num">\(certificate.totalHours)</td></tr>
            <tr><th scope="row" colspan="2">\(labels.requiredHours)</th><td class="num">\(certificate.requiredHours)</td></tr>
            <tr><th scope="row" colspan="2">\(labels.status)</th><td class="num status-\(certificate.status.rawValue)">\(labels.statusText(certificate.status))</td></tr>
            </tfoot>
            </table>
            <div class="closing">
            <dl class="facts">
            <div><dt>\(labels.issueDate)</dt><dd>\(certificate.issueDate) <span class="note">\(labels.issueDateNote)</span></dd></div>
            <div><dt>\(labels.fingerprint)</dt><dd><code>\(certificate.fingerprint)</code></dd></div>
            <div class="code"><dt>\(labels.code)</dt><dd><code>\(code)</code></dd></div>

            """
        if let proofValue, let publicKey {
            html += """
                <div class="signature"><dt>\(labels.signature)</dt><dd><code>\(proofValue)</code></dd></div>
                <div class="signature"><dt>\(labels.issuerKey)</dt><dd><code>\(publicKey.did)</code></dd></div>

                """
        }
        html += """
            </dl>
            <div class="seal" aria-label="\(labels.seal)">\(labels.seal)</div>
            </div>
            <p class="how">\(Markup.escape(labels.howToVerify))</p>
            </section>

            """
        return html
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
