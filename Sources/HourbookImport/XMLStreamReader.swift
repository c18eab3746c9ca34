import CLibXML2
import HourbookCore

/// A pull reader over libxml2's streaming `xmlTextReader`: start tags with their attributes and
/// exact lines, text, and ends, one at a time, in constant memory (81 MB in 0.74 s, FINDINGS.md).
///
/// It never processes a DTD: a document with a DOCTYPE is refused before libxml2 sees it, no
/// option that loads DTDs or expands entities is ever passed, and an entity reference node is
/// refused too. libxml2's messages never reach standard error; the first one becomes the
/// `InputFailure` of a document that is not well-formed.
final class XMLStreamReader {
    /// The file being read, relative to the data folder, for messages.
    let file: String
    private let reader: xmlTextReaderPtr
    private let errors: XMLErrorSink
    private var scanner: XMLSourceScanner
    /// The end to report next, for an empty element (`<x/>`), which libxml2 reports as a start only.
    private var pendingEnd: String?

    /// NONET: never touch the network. IGNORE_ENC: the bytes are UTF-8 whatever the declaration
    /// says (`XMLEncoding` has transcoded them). Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE
    /// or HUGE: libxml2's size limits stay on.
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue)

    /// libxml2 wants one initialisation before any use from several threads; `static let` runs it once.
    private static let libraryInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    private init(file: String, reader: xmlTextReaderPtr, errors: XMLErrorSink, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.reader = reader
        self.errors = errors
        self.scanner = XMLSourceScanner(bytes)
    }

    /// Reads the UTF-8 document `utf8` from `file`, handing a reader to `body`; the reader is
    /// valid only inside `body`.
    ///
    /// Throws `.xmlDoctype` for a document with a DOCTYPE (before anything is parsed) and
    /// `.xmlMalformed` for one that is not well-formed.
    static func read<Result>(
        _ utf8: [UInt8], file: String, _ body: (XMLStreamReader) throws(InputFailure) -> Result
    ) throws(InputFailure) -> Result {
        _ = libraryInitialized
        let outcome: Swift.Result<Result, InputFailure> = utf8.withUnsafeBufferPointer { bytes in
            do throws(InputFailure) {
                return .success(try read(bytes, file: file, body))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private static func read<Result>(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, _ body: (XMLStreamReader) throws(InputFailure) -> Result
    ) throws(InputFailure) -> Result {
        if let line = XMLSourceScanner.doctypeLine(in: bytes) {
            throw InputFailure(
                file: file, code: .xmlDoctype,
                message: "line \(line) declares a DOCTYPE; DTDs and entities are never processed — remove the DOCTYPE and write every value out in full")
        }
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            throw InputFailure(file: file, code: .xmlMalformed, message: "the file is empty; it must hold one XML document")
        }
        guard bytes.count <= Int(Int32.max) else {
            throw InputFailure(file: file, code: .fileUnreadable, message: "the file is larger than 2 GB; split it")
        }
        let errors = XMLErrorSink()
        let context = Unmanaged.passUnretained(errors).toOpaque()
        // Errors raised without a parser context go to the thread's structured handler: catch
        // those too while this thread reads, then put back whatever was there.
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(context, XMLErrorSink.handler)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }

        let pointer = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
        guard let reader = xmlReaderForMemory(pointer, Int32(bytes.count), nil, "UTF-8", options) else {
            throw InputFailure(file: file, code: .xmlMalformed, message: "libxml2 could not start reading the file")
        }
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetStructuredErrorHandler(reader, XMLErrorSink.handler, context)
        let streamReader = XMLStreamReader(file: file, reader: reader, errors: errors, bytes: bytes)
        return try withExtendedLifetime(errors) { () throws(InputFailure) -> Result in try body(streamReader) }
    }

    /// The next event, or nil at the end of the document.
    func next() throws(InputFailure) -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name)
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status < 0 || errors.firstError != nil { throw malformed() }
            if status == 0 { return nil }
            switch xmlReaderTypes(UInt32(xmlTextReaderNodeType(reader))) {
            case XML_READER_TYPE_ELEMENT:
                let name = currentName()
                if xmlTextReaderIsEmptyElement(reader) == 1 { pendingEnd = name }
                return .start(XMLStartTag(name: name, attributes: currentAttributes(), line: scanner.nextStartTagLine()))
            case XML_READER_TYPE_TEXT, XML_READER_TYPE_CDATA, XML_READER_TYPE_WHITESPACE,
                XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
                return .text(currentValue())
            case XML_READER_TYPE_END_ELEMENT:
                return .end(currentName())
            case XML_READER_TYPE_DOCUMENT_TYPE, XML_READER_TYPE_ENTITY, XML_READER_TYPE_NOTATION:
                // Unreachable after the prolog check; kept so that no path ever processes a DTD.
                throw InputFailure(
                    file: file, code: .xmlDoctype,
                    message: "line \(xmlTextReaderGetParserLineNumber(reader)) declares a DOCTYPE; DTDs and entities are never processed — remove the DOCTYPE")
            case XML_READER_TYPE_ENTITY_REFERENCE:
                throw InputFailure(
                    file: file, code: .xmlMalformed,
                    message: "line \(xmlTextReaderGetParserLineNumber(reader)): the entity reference &\(currentName()); is not allowed; write the value out in full")
            default:
                // Comments, processing instructions, the XML declaration: nothing to read.
                continue
            }
        }
    }

    /// Reads a whole document whose root element must be `rootName`, handing each element
    /// directly inside the root to `record`, whole; returns the root's start tag.
    func readRecords(
        inRoot rootName: String, _ record: (XMLElement) throws(InputFailure) -> Void
    ) throws(InputFailure) -> XMLStartTag {
        var root: XMLStartTag?
        while let event = try next() {
            guard case .start(let tag) = event else { continue }
            guard root != nil else {
                guard tag.name == rootName else {
                    throw InputFailure(
                        file: file, code: .xmlMalformed,
                        message: "the root element is <\(tag.name)>, but this file must hold one <\(rootName)> element; check that it is the right file")
                }
                root = tag
                continue
            }
            try record(try XMLElement.read(tag, from: self))
        }
        guard let root else {
            throw InputFailure(file: file, code: .xmlMalformed, message: "the file holds no <\(rootName)> element")
        }
        return root
    }

    private func malformed() -> InputFailure {
        if let error = errors.firstError {
            return InputFailure(
                file: file, code: .xmlMalformed,
                message: "the file is not well-formed XML: line \(error.line): \(error.message); fix the markup there")
        }
        return InputFailure(
            file: file, code: .xmlMalformed,
            message: "the file is not well-formed XML near line \(xmlTextReaderGetParserLineNumber(reader)); fix the markup there")
    }

    private func currentName() -> String {
        guard let name = xmlTextReaderConstName(reader) else { return "" }
        return String(cString: name)
    }

    private func currentValue() -> String {
        guard let value = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: value)
    }

    private func currentAttributes() -> [XMLAttribute] {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return [] }
        var attributes: [XMLAttribute] = []
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            attributes.append(XMLAttribute(name: currentName(), value: currentValue()))
        }
        xmlTextReaderMoveToElement(reader)
        return attributes
    }
}

/// Collects libxml2's structured errors for one reader instead of letting libxml2 print them.
private final class XMLErrorSink {
    /// The first error or fatal error: its line and libxml2's message.
    private(set) var firstError: (line: Int, message: String)?

    /// The C callback; `context` is an unretained `XMLErrorSink`.
    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let sink = Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue()
        // Warnings (a namespace URI that is not absolute, …) do not make a document unreadable.
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, sink.firstError == nil else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
        sink.firstError = (Int(error.pointee.line), Text.trimmed(message))
    }
}
