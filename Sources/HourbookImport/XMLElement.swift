import HourbookCore

/// One element read whole: its name, attributes, line, direct text and child elements.
///
/// The catalog and the filings are streamed record by record; each record (a `<course>`, a
/// `<class>`, a `<filing>`) is small, so it is held as one of these while it is decoded.
struct XMLElement {
    var name: String
    var attributes: [XMLAttribute]
    /// The line of the element's start tag.
    var line: Int
    /// The element's own character data, concatenated and untrimmed (its children's is theirs).
    var text: String
    var children: [XMLElement]

    /// Reads the element whose start tag `start` the reader has just returned, up to its end.
    static func read(_ start: XMLStartTag, from reader: XMLStreamReader) throws(InputFailure) -> XMLElement {
        var element = XMLElement(name: start.name, attributes: start.attributes, line: start.line, text: "", children: [])
        // libxml2 limits nesting (256 levels), so recursion stays shallow.
        while let event = try reader.next() {
            switch event {
            case .start(let child): element.children.append(try read(child, from: reader))
            case .text(let text): element.text += text
            case .end: return element
            }
        }
        return element
    }

    /// The value of the attribute `name`, untrimmed; nil when the element has none.
    func attribute(_ name: String) -> Substring? {
        attributes.first { $0.name == name }.map { Substring($0.value) }
    }

    /// The markup of the start tag alone, for a diagnostic's raw text: `<chapter id="C1" hours="x">`.
    var startTagMarkup: String {
        var markup = "<" + name
        for attribute in attributes {
            markup += " \(attribute.name)=\"\(Self.escaped(attribute.value))\""
        }
        return markup + ">"
    }

    /// The whole element as compact markup, for a diagnostic's raw text (a filing with its fields).
    var markup: String {
        guard !children.isEmpty || !Text.trimmed(text).isEmpty else {
            return String(startTagMarkup.dropLast()) + "/>"
        }
        var markup = startTagMarkup + Self.escaped(Text.trimmed(text))
        for child in children { markup += child.markup }
        return markup + "</\(name)>"
    }

    private static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return text }
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension XMLElement {
    /// A warning (XML-UNKNOWN-ATTRIBUTE) for each attribute not in `known`, at this element's line.
    func unknownAttributeWarnings(known: [String], file: String) -> [Diagnostic] {
        attributes.filter { !known.contains($0.name) }.map { attribute in
            Diagnostic(
                file: file, line: line, severity: .warning, code: .xmlUnknownAttribute,
                message: "<\(name)> has an attribute '\(attribute.name)' that the format does not know; it is ignored",
                rawText: startTagMarkup)
        }
    }

    /// The warning (XML-UNKNOWN-ELEMENT) for this element where the format does not expect it.
    func unknownElementWarning(in parent: String, file: String) -> Diagnostic {
        Diagnostic(
            file: file, line: line, severity: .warning, code: .xmlUnknownElement,
            message: "<\(parent)> holds an element <\(name)> that the format does not know; it is ignored",
            rawText: startTagMarkup)
    }
}

extension [Diagnostic] {
    /// These diagnostics with their record's raw text filled in. The markup is built only when
    /// there is something to report: building it for every record would cost more than parsing.
    func withRawText(_ rawText: @autoclosure () -> String) -> [Diagnostic] {
        guard !isEmpty else { return self }
        let text = rawText()
        return map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.rawText = text
            return diagnostic
        }
    }
}
