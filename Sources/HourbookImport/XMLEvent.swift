/// One step through a streamed XML document, as `XMLStreamReader` reports it.
///
/// An empty element (`<chapter …/>`) is reported as a start followed by its end, so that
/// readers never need to tell the two spellings apart.
enum XMLEvent: Equatable {
    /// An element's start tag, with its attributes and the line where the tag begins.
    case start(XMLStartTag)
    /// Character data (text, CDATA or white space), untrimmed; adjacent pieces may arrive separately.
    case text(String)
    /// An element's end, by qualified name.
    case end(String)
}

/// An element's start tag: its qualified name, its attributes in document order, and the
/// 1-based line of its `<`.
struct XMLStartTag: Equatable {
    var name: String
    var attributes: [XMLAttribute]
    var line: Int
}

/// One attribute as written, its value already unescaped by libxml2 (`&amp;` is `&`).
struct XMLAttribute: Equatable {
    var name: String
    var value: String
}
