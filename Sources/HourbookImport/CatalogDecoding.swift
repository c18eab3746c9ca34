import HourbookCore

/// What the catalog (catalog.xml, or courses.csv + chapters.csv) yields: the usable courses,
/// chapters and training classes (培训班), every diagnostic, and the records read per kind.
struct CatalogDecoding {
    var courses: [Course]
    var chapters: [Chapter]
    var classes: [TrainingClass]
    var diagnostics: [Diagnostic]
    /// Records read per kind (`courses`, `chapters`, `classes`, `sessions`), usable or not.
    var recordsRead: [String: Int]
}

/// What filings.xml or filings.csv yields: the usable filings (学时补录), every diagnostic, and
/// the records read (`filings`).
struct FilingsDecoding {
    var filings: [Filing]
    var diagnostics: [Diagnostic]
    /// Records read per kind (`filings`), usable or not.
    var recordsRead: [String: Int]
}
