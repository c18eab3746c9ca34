import HourbookCore
import Testing

@testable import HourbookImport

/// 中文 in GB18030.
private let chineseGB18030: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4]

private func catalogBytes(title: [UInt8], declaration: String = "") -> [UInt8] {
    Array((declaration + "<catalog>\n<course id=\"C1\" category=\"business\" title=\"").utf8) + title
        + Array("\"/>\n</catalog>".utf8)
}

private func decode(_ bytes: [UInt8]) throws(InputFailure) -> CatalogDecoding {
    try CatalogXMLDecoder.decode(bytes, file: "catalog.xml", settings: Settings(), learnerIDs: [])
}

private func failureCode(_ bytes: [UInt8]) -> DiagnosticCode? {
    do {
        _ = try decode(bytes)
        return nil
    } catch {
        return error.code
    }
}

struct XMLEncodingTests {
    @Test func readsUndeclaredGB18030WithAnInfo() throws {
        let result = try decode(catalogBytes(title: chineseGB18030))
        #expect(result.courses.map(\.title) == ["中文"])
        #expect(result.courses.first?.source.line == 2)
        let info = result.diagnostics.filter { $0.code == .encodingGB18030 }
        #expect(info.count == 1)
        #expect(info.first?.severity == .info)
        #expect(info.first?.line == 0)
    }

    @Test func readsDeclaredGB18030WithoutAnInfo() throws {
        let result = try decode(
            catalogBytes(title: chineseGB18030, declaration: "<?xml version=\"1.0\" encoding=\"GB18030\"?>\n"))
        #expect(result.courses.map(\.title) == ["中文"])
        #expect(result.courses.first?.source.line == 3)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func readsDeclaredLowercaseGBK() throws {
        let result = try decode(
            catalogBytes(title: chineseGB18030, declaration: "<?xml version='1.0' encoding = 'gbk' ?>\n"))
        #expect(result.courses.map(\.title) == ["中文"])
    }

    @Test func readsUTF8WithAndWithoutByteOrderMark() throws {
        let plain = catalogBytes(title: Array("中文".utf8))
        #expect(try decode(plain).courses.map(\.title) == ["中文"])
        #expect(try decode([0xEF, 0xBB, 0xBF] + plain).courses.map(\.title) == ["中文"])
        let declared = catalogBytes(title: Array("中文".utf8), declaration: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        #expect(try decode(declared).diagnostics.isEmpty)
    }

    @Test func readsUTF16WithByteOrderMark() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<catalog><course id=\"C1\" category=\"business\" title=\"中文\"/></catalog>"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try decode(bytes).courses.map(\.title) == ["中文"])
    }

    @Test func refusesBytesThatAreNeitherUTF8NorGB18030() {
        #expect(failureCode(catalogBytes(title: [0x41, 0xFF, 0xFF])) == .encodingInvalid)
    }

    @Test func refusesDeclaredUTF8ThatIsNot() {
        let bytes = catalogBytes(title: chineseGB18030, declaration: "<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        #expect(failureCode(bytes) == .encodingInvalid)
    }

    @Test func refusesUnknownOrLyingDeclaredEncodings() {
        let ascii = Array("x".utf8)
        #expect(failureCode(catalogBytes(title: ascii, declaration: "<?xml version=\"1.0\" encoding=\"KLINGON\"?>")) == .encodingInvalid)
        #expect(failureCode(catalogBytes(title: ascii, declaration: "<?xml version=\"1.0\" encoding=\"GBK//IGNORE\"?>")) == .encodingInvalid)
        #expect(failureCode(catalogBytes(title: ascii, declaration: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")) == .encodingInvalid)
    }

    @Test func findsTheDeclaredEncoding() {
        #expect(XMLEncoding.declaredEncoding(Array("<?xml version=\"1.0\" encoding=\"GB18030\"?><a/>".utf8)) == "GB18030")
        #expect(XMLEncoding.declaredEncoding(Array("<?xml version=\"1.0\"?><a encoding=\"x\"/>".utf8)) == nil)
        #expect(XMLEncoding.declaredEncoding(Array("<a/>".utf8)) == nil)
    }
}
