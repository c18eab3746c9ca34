/// Bar charts readable without JavaScript: each bar is a row of text label, an inline SVG bar
/// and the value as text, so the chart reflows at 375 px and prints as it shows.
enum Charts {
    struct Bar {
        var label: String
        var href: String?
        /// 0–100, one decimal, as text.
        var length: String
        var value: String
    }

    static func bars(caption: String, _ bars: [Bar]) -> HTML {
        guard !bars.isEmpty else { return "" }
        var html: HTML = "<figure class=\"chart\"><figcaption>\(caption)</figcaption><ul class=\"bars\">"
        for bar in bars {
            let label: HTML
            if let href = bar.href {
                label = "<a href=\"\(href)\" title=\"\(bar.label)\">\(Format.short(bar.label, 16))</a>"
            } else {
                label = "<span title=\"\(bar.label)\">\(Format.short(bar.label, 16))</span>"
            }
            html += """
                <li><span class="bar-label">\(label)</span>\
                <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">\
                <rect class="track" width="100" height="10"></rect><rect class="fill" width="\(Raw(bar.length))" height="10"></rect></svg>\
                <span class="bar-value">\(bar.value)</span></li>
                """
        }
        html += "</ul></figure>\n"
        return html
    }
}
