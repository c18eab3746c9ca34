import Foundation
import HourbookCore
import Testing

@testable import HourbookImport

/// Every event of `xml`, read with `XMLStreamReader`.
private func events(_ xml: String) throws -> [XMLEvent] {
    try events(Array(xml.utf8))
}

private func events(_ bytes: [UInt8]) throws -> [XMLEvent] {
    try XMLStreamReader.read(bytes, file: "t.xml") { reader throws(InputFailure) in
        var all: [XMLEvent] = []
        while let event = try reader.next() { all.append(event) }
        return all
    }
}

private func startTags(_ xml: String) throws -> [XMLStartTag] {
    try events(xml).compactMap { event in
        if case .start(let tag) = event { return tag }
        return nil
    }
}

/// Runs `body` with standard error redirected, and returns what was written to it.
private func capturingStandardError(_ body: () -> Void) -> String {
    fflush(nil)
    let saved = dup(2)
    var pipeEnds: [Int32] = [0, 0]
    pipe(&pipeEnds)
    dup2(pipeEnds[1], 2)
    body()
    fflush(nil)
    dup2(saved, 2)
    close(saved)
    close(pipeEnds[1])
    var output = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(pipeEnds[0], &buffer, buffer.count)
        if count <= 0 { break }
        output += buffer[..<count]
    }
    close(pipeEnds[0])
    return String(decoding: output, as: UTF8.self)
}

@Suite(.serialized) struct XMLStreamReaderTests {
    @Test func reportsStartTextAndEndWithEmptyElementsClosed() throws {
        let all = try events("<a x=\"1\">hi<b/></a>")
        #expect(
            all == [
                .start(XMLStartTag(name: "a", attributes: [XMLAttribute(name: "x", value: "1")], line: 1)),
                .text("hi"),
                .start(XMLStartTag(name: "b", attributes: [], line: 1)),
                .end("b"),
                .end("a"),
            ])
    }

    @Test func linesAreWhereStartTagsBegin() throws {
        let xml = """
            <?xml version="1.0"?>
            <!-- a comment with <fake> markup
                 over two lines -->
            <root>
              <multi a="1"
                     b="x > y"
                     c='2'/>
              <![CDATA[ <not-a-tag>
              ]]>
              <?pi <inside> ?>
              <next/>\r
              <crlf/>\r
              <cr/>\r<last/>
            </root>
            """
        let lines = try startTags(xml).map { "\($0.name):\($0.line)" }
        #expect(lines == ["root:4", "multi:5", "next:11", "crlf:12", "cr:13", "last:14"])
    }

    @Test func linesBeyondSixtyFiveThousandAreExact() throws {
        let xml = "<root>" + String(repeating: "\n", count: 70_000) + "<deep/></root>"
        #expect(try startTags(xml).map(\.line) == [1, 70_001])
    }

    @Test func unescapesPredefinedEntitiesAndCharacterReferences() throws {
        let all = try events("<a t=\"A &amp; B &#x4E2D;&lt;\">x &gt; y &#25991;</a>")
        #expect(all.first == .start(XMLStartTag(name: "a", attributes: [XMLAttribute(name: "t", value: "A & B 中<")], line: 1)))
        #expect(all.dropFirst().first == .text("x > y 文"))
    }

    @Test func refusesExternalEntityBeforeReadingAnything() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <x>&e;</x>
            """
        var bodyRan = false
        let refused = failure {
            _ = try XMLStreamReader.read(Array(xml.utf8), file: "t.xml") { _ throws(InputFailure) in bodyRan = true }
        }
        #expect(refused?.code == .xmlDoctype)
        #expect(refused?.message.contains("line 2 declares a DOCTYPE") == true)
        #expect(!bodyRan)
    }

    @Test func refusesBillionLaughs() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        xml += "]>\n<lolz>&lol9;</lolz>"
        #expect(failure { _ = try events(xml) }?.code == .xmlDoctype)
    }

    @Test func refusesExternalDTD() {
        let xml = "<!-- prolog comment -->\n<!DOCTYPE catalog SYSTEM \"http://example.com/catalog.dtd\">\n<catalog/>"
        let refused = failure { _ = try events(xml) }
        #expect(refused?.code == .xmlDoctype)
        #expect(refused?.message.contains("line 2") == true)
    }

    @Test func refusesLowercaseDoctypeAsDoctype() {
        #expect(failure { _ = try events("<!doctype catalog>\n<catalog/>") }?.code == .xmlDoctype)
    }

    @Test func doctypeInsideACommentIsNoDoctype() throws {
        #expect(try startTags("<!-- <!DOCTYPE x> -->\n<catalog/>").map(\.name) == ["catalog"])
    }

    @Test func refusesUndeclaredEntityAsMalformed() {
        #expect(failure { _ = try events("<x>&e;</x>") }?.code == .xmlMalformed)
    }

    @Test func refusesMalformedWithLibxmlLineAndMessage() {
        let refused = failure { _ = try events("<a>\n<b>\n</a>") }
        #expect(refused?.code == .xmlMalformed)
        #expect(refused?.message.contains("line 3") == true)
        #expect(refused?.message.contains("mismatch") == true)
    }

    @Test func refusesTruncatedAndEmptyDocuments() {
        #expect(failure { _ = try events("<a><b>") }?.code == .xmlMalformed)
        #expect(failure { _ = try events("") }?.code == .xmlMalformed)
        #expect(failure { _ = try events("   ") }?.code == .xmlMalformed)
        #expect(failure { _ = try events("<a/><b/>") }?.code == .xmlMalformed)
    }

    @Test func libxmlPrintsNothingToStandardError() {
        let printed = capturingStandardError {
            _ = failure { _ = try events("<a>\n<b>\n</a>") }
            _ = failure { _ = try events("<x>&e;</x>") }
            _ = failure { _ = try events("<a xmlns:p=\"not a uri\"><p:b/><q:c/></a>") }
        }
        #expect(printed.isEmpty)
    }
}
