/// verify.html: type a certificate's code, see its figures, or a plain "no such certificate".
/// Works from `file://`: the lookup loads `verify/XX.js` shards with `<script src>`.
enum VerifyPage {
    static func makeHTML(labels: CertificateLabels, publicKey: PublicKey?) -> String {
        var key = "<p class=\"key\">\(labels.publicKey)：\(labels.unsigned)</p>\n"
        if let publicKey {
            key = """
                <p class="key">\(labels.publicKey)：<code>\(publicKey.did)</code> · <a href="certificates/public-key.pem">public-key.pem</a></p>

                """
        }
        return """
            <!DOCTYPE html>
            <html lang="\(labels.htmlLang)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(labels.verifyTitle)</title>
            <link rel="stylesheet" href="certificates/certificate.css">
            </head>
            <body>
            <nav class="toolbar no-print"><a href="index.html">\(labels.home)</a></nav>
            <main class="verify">
            <h1>\(labels.verifyTitle)</h1>
            <form id="verify-form" onsubmit="return false">
            <label for="verify-code">\(labels.verifyPrompt)</label><br>
            <input id="verify-code" name="code" type="text" autocomplete="off" spellcheck="false" inputmode="latin" placeholder="XXXX-XXXX-XXXX-XXXX">
            <button id="verify-button" type="submit">\(labels.verifyButton)</button>
            </form>
            <noscript><p>\(labels.verifyNoScript)</p></noscript>
            <div id="verify-result" aria-live="polite"></div>
            \(key)</main>
            <script src="verify/verify.js"></script>
            <script src="verify/index.js"></script>
            </body>
            </html>

            """
    }

    /// The lookup script. Text from the data is placed with textContent only.
    static let script = #"""
        (function () {
          "use strict";
          var manifest = null, shards = {}, waiting = {};
          window.HBV = {
            manifest: function (m) { manifest = m; start(); },
            chunk: function (prefix, rows) {
              shards[prefix] = rows;
              var callbacks = waiting[prefix] || [];
              delete waiting[prefix];
              callbacks.forEach(function (f) { f(rows); });
            }
          };
          function normalize(text) {
            if (text.normalize) text = text.normalize("NFKC");
            text = text.replace(/[\s\-]/g, "").toUpperCase();
            if (!/^[0-9A-F]{16}$/.test(text)) return null;
            return text.match(/.{4}/g).join("-");
          }
          function load(prefix, done) {
            if (shards[prefix]) { done(shards[prefix]); return; }
            if (waiting[prefix]) { waiting[prefix].push(done); return; }
            waiting[prefix] = [done];
            var script = document.createElement("script");
            script.src = "verify/" + prefix + ".js";
            script.onerror = function () { HBV.chunk(prefix, []); };
            document.body.appendChild(script);
          }
          function element(tag, text, className) {
            var node = document.createElement(tag);
            if (text !== undefined && text !== null) node.textContent = text;
            if (className) node.className = className;
            return node;
          }
          function row(table, label, value, className) {
            var tr = element("tr");
            tr.appendChild(element("th", label));
            tr.appendChild(element("td", value, className));
            table.appendChild(tr);
          }
          function show(code, rows) {
            var L = manifest.labels, out = document.getElementById("verify-result");
            out.textContent = "";
            var matches = rows.filter(function (r) { return r[0] === code; });
            if (matches.length === 0) { out.appendChild(element("p", L.notFound, "verdict-bad")); return; }
            out.appendChild(element("p", L.found, "verdict-ok"));
            matches.forEach(function (r) {
              var table = element("table", null, "certificate-figures");
              row(table, L.code, r[0]);
              row(table, L.organisation, manifest.organisation);
              row(table, L.learner, r[2]);
              row(table, L.learnerID, r[1]);
              row(table, L.department, r[4] ? r[4] + " (" + r[3] + ")" : r[3]);
              row(table, L.year, r[5]);
              r[6].forEach(function (c) {
                var category = manifest.categories[c[0]];
                row(table, category[1] + " (" + (category[2] === "online" ? L.online : L.offline) + ")", c[1], "num");
              });
              row(table, L.onlineHours, r[7], "num");
              row(table, L.offlineHours, r[8], "num");
              row(table, L.totalHours, r[9], "num");
              row(table, L.requiredHours, r[10], "num");
              row(table, L.status, r[11] === "met" ? L.met : L.notMet, r[11] === "met" ? "status-met" : "status-not-met");
              row(table, L.issueDate, manifest.issueDate);
              row(table, L.fingerprint, manifest.fingerprint);
              if (r[12]) row(table, L.signature, r[12]);
              out.appendChild(table);
            });
          }
          function lookup() {
            var out = document.getElementById("verify-result");
            var code = normalize(document.getElementById("verify-code").value);
            if (!code) { out.textContent = ""; out.appendChild(element("p", manifest.labels.badCode, "verdict-bad")); return; }
            var prefix = code.replace(/-/g, "").slice(0, manifest.prefixLength);
            load(prefix, function (rows) { show(code, rows); });
          }
          function start() {
            document.getElementById("verify-form").addEventListener("submit", function (event) { event.preventDefault(); lookup(); });
            var query = /[?&#]code=([^&]+)/.exec(location.href);
            if (query) { document.getElementById("verify-code").value = decodeURIComponent(query[1]); lookup(); }
          }
        })();

        """#
}
