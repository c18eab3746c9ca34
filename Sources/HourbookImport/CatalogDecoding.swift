import HourbookCore

/// What a catalog decoder (catalog.xml, or courses.csv with chapters.csv) made of the catalog.
struct CatalogDecoding {
    var courses: [Course]
    var chapters: [Chapter]
    var classes: [TrainingClass]
    var diagnostics: [Diagnostic]
    /// Records read per kind: `courses`, `chapters`, `classes`, `sessions`.
    var recordsRead: [String: Int]
}

/// What a filings decoder (filings.xml or filings.csv) made of the filings.
struct FilingsDecoding {
    var filings: [Filing]
    var diagnostics: [Diagnostic]
    /// Records read per kind: `filings`.
    var recordsRead: [String: Int]
}
