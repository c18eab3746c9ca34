/// The site's look for other reports (`hourbook diff --out`): the built-in stylesheet and
/// script (sortable tables), and the one HTML escape, so that a report reads like the site.
public enum SiteTheme {
    /// The built-in stylesheet (assets/style.css).
    public static var stylesheet: String { Assets.stylesheet }
    /// The built-in script (assets/site.js): sortable tables (`table.sortable`, numbers by `data-v`).
    public static var script: String { Assets.script }

    /// Escapes `& < > " '`: safe in element content and in quoted attributes.
    public static func escape(_ text: String) -> String { Escape.html(text) }
}
