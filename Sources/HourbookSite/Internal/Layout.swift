import HourbookCore

/// The frame every page shares: head, header with the organisation, navigation, search box
/// and footer. `root` is the relative way back to the site's top (`""`, `"../"`, `"../../"`).
struct Layout {
    let context: SiteContext
    let root: String

    init(context: SiteContext, depth: Int) {
        self.context = context
        self.root = String(repeating: "../", count: depth)
    }

    /// A relative link to a path of the output folder (an `OutputPaths` path or an asset).
    func link(_ path: String) -> String { root + path }

    /// A whole page. `year` is the year the page shows (search opens departments in it).
    func page(title: String, breadcrumbs: [(String, String?)], bodyClass: String, year: Int? = nil, main: HTML) -> HTML {
        var page = HTML(capacity: main.bytes.count + 4096)
        begin(&page, title: title, breadcrumbs: breadcrumbs, bodyClass: bodyClass, year: year)
        page += main
        end(&page)
        return page
    }

    /// Writes everything before the page's main content: head, header, breadcrumbs and search,
    /// up to `<main>`. With `end`, lets a large page write its content straight into its own
    /// buffer instead of into a fragment copied into the page.
    func begin(_ page: inout HTML, title: String, breadcrumbs: [(String, String?)], bodyClass: String, year: Int? = nil) {
        let labels = context.labels
        let site = context.dataset.settings.site
        let yearAttribute: HTML = year.map { " data-year=\"\($0)\"" } ?? ""
        page += """
            <!DOCTYPE html>
            <html lang="\(labels.htmlLang)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(context.siteTitle)</title>
            <link rel="stylesheet" href="\(link("assets/style.css"))">

            """
        if context.hasCustomStylesheet {
            page += "<link rel=\"stylesheet\" href=\"\(link("assets/custom.css"))\">\n"
        }
        page += """
            <script src="\(link("assets/site.js"))" defer></script>
            </head>
            <body class="\(bodyClass)" data-root="\(root)" data-lang="\(context.options.language == "en" ? "en" : "zh")"\(yearAttribute)>
            <a class="skip" href="#main">\(labels.skipToContent)</a>
            <header class="site-header">

            """
        if let logo = context.hasLogo {
            page += "<img class=\"logo\" src=\"\(link(logo))\" alt=\"\">\n"
        }
        page += """
            <div class="site-id"><a class="site-title" href="\(link("index.html"))">\(context.siteTitle)</a>
            """
        if !site.organisation.isEmpty { page += "<span class=\"organisation\">\(site.organisation)</span>" }
        page += "</div>\n</header>\n"

        page += "<nav class=\"site-nav\" aria-label=\"breadcrumb\"><ol class=\"crumbs\">"
        for (index, crumb) in breadcrumbs.enumerated() {
            if let href = crumb.1, index < breadcrumbs.count - 1 {
                page += "<li><a href=\"\(href)\">\(crumb.0)</a></li>"
            } else {
                page += "<li aria-current=\"page\">\(crumb.0)</li>"
            }
        }
        page += """
            </ol>
            <form class="search" role="search" hidden onsubmit="return false">
            <label for="search-box">\(labels.search)</label>
            <input id="search-box" type="search" autocomplete="off" placeholder="\(labels.searchPlaceholder)" aria-describedby="search-hint">
            <span id="search-hint" class="hint">\(labels.searchHint)</span>
            <ul id="search-results" class="search-results" aria-live="polite"></ul>
            </form>
            <noscript><p class="search-fallback"><a href="\(link("index.html#tree"))">\(labels.searchNoJS)</a></p></noscript>
            </nav>
            <main id="main">

            """
    }

    /// Writes everything after the page's main content: the footer and the document's end.
    func end(_ page: inout HTML) {
        page += """
            </main>
            <footer class="site-footer"><a href="\(link("index.html"))">\(context.labels.home)</a> · <a href="\(link("diagnostics.html"))">\(context.labels.diagnostics)</a></footer>
            </body>
            </html>

            """
    }

    /// Year links; the current one marked. `href` gives each year's target.
    func yearSwitcher(current: Int?, years: [Int], href: (Int) -> String) -> HTML {
        guard years.count > 1 else { return "" }
        var html: HTML = "<nav class=\"year-switch\" aria-label=\"\(context.labels.years)\"><span>\(context.labels.years)</span>"
        for year in years {
            if year == current {
                html += "<a aria-current=\"true\" href=\"\(href(year))\">\(year)</a>"
            } else {
                html += "<a href=\"\(href(year))\">\(year)</a>"
            }
        }
        html += "</nav>\n"
        return html
    }
}

/// Small formatting helpers with no Foundation (they run for every cell of 100,000 pages).
enum Format {
    /// `met / learners` as a percentage with one decimal, rounded half up: `66.7%`.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        let tenths = (part * 2000 + whole) / (2 * whole)
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// An integer with thousands separators: `1,287`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// Hours with thousands separators: `1,631,754.75` (tables keep the plain value in `data-v`).
    static func grouped(_ hours: Hours) -> String {
        let text = hours.description
        guard let dot = text.firstIndex(of: "."), text.distance(from: text.startIndex, to: dot) > 3 else { return text }
        let whole = Int(text[..<dot])!
        return (whole == 0 && text.hasPrefix("-") ? "-" : "") + grouped(whole) + String(text[dot...])
    }

    /// A file's size for a download link: `1.0 GB`, `523 KB`, `812 B`.
    static func fileSize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        let tenths = Int((value * 10).rounded())
        return value >= 100 ? "\(Int(value.rounded())) \(units[unit])" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// The fraction as a bar length of 0–100 with one decimal (`63.2`).
    static func barLength(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0, part > 0 else { return "0" }
        let tenths = min(1000, (part * 2000 + whole) / (2 * whole))
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `138****5678`: the first three and last four digits of an 11-digit number, the rest masked.
    static func maskedPhone(_ phone: String) -> String {
        let characters = Array(phone)
        guard characters.count >= 7 else { return String(repeating: "*", count: characters.count) }
        return String(characters[0..<3]) + String(repeating: "*", count: characters.count - 7)
            + String(characters[(characters.count - 4)...])
    }

    /// `2024-09-01 10:00`, local time of the configured zone.
    static func localMinute(_ instant: Timestamp, in offset: UTCOffset) -> String {
        let text = instant.formatted(in: offset)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }

    static func period(_ start: LocalDate?, _ end: LocalDate?) -> String {
        switch (start, end) {
        case let (s?, e?): return s == e ? s.description : s.description + " – " + e.description
        case let (s?, nil): return s.description
        case let (nil, e?): return e.description
        default: return ""
        }
    }

    /// A label cut to `limit` characters with an ellipsis (the full text stays in a title).
    static func short(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
