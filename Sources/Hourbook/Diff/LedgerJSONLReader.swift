import Foundation
import HourbookCore
import HourbookRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads exports/ledger.jsonl back (millions of lines): a byte scanner for the flat objects that
/// `Exports.appendJSONLine` writes, any key order, with JSON string escapes.
struct LedgerJSONLReader {
    let path: String
    let file: String

    /// One line's fields.
    struct Line {
        var learnerID = ""
        var year: Int?
        var rule: RuleCode?
        var status: EntryStatus?
        var hours = Hours.zero
        var cutHours = Hours.zero
        var kind: SourceKind?
        var sourceID = ""
        var sourceFile = ""
        var sourceLine = 0
        var categoryID: String?
        /// Coverage in percent named by a chapter entry's message, and whether the message names Y-CAP.
        var percent: Int?
        var isCapped = false
        var threshold: Int64?
    }

    /// Calls `body` with each line, in file order.
    func forEachLine(_ body: (Line) -> Void) throws(InputFailure) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputFailure(file: file, code: .fileUnreadable, message: "the file cannot be opened for reading")
        }
        defer { close(descriptor) }
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var lineNumber = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputFailure(file: file, code: .fileUnreadable, message: "the file cannot be read")
            }
            if count == 0 { break }
            pending.append(contentsOf: chunk[0..<count])
            var start = 0
            while let newline = pending[start...].firstIndex(of: 10) {
                lineNumber += 1
                if newline > start {
                    try pending.withUnsafeBufferPointer { buffer throws(InputFailure) in
                        body(try parse(UnsafeBufferPointer(rebasing: buffer[start..<newline]), lineNumber: lineNumber))
                    }
                }
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty {
            lineNumber += 1
            try pending.withUnsafeBufferPointer { buffer throws(InputFailure) in body(try parse(buffer, lineNumber: lineNumber)) }
        }
    }

    private func failure(_ lineNumber: Int, _ what: String) -> InputFailure {
        InputFailure(file: file, code: .badValue, message: "line \(lineNumber) is not a ledger entry of Hourbook: \(what)")
    }

    func parse(_ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(InputFailure) -> Line {
        var scanner = Scanner(bytes: bytes)
        var line = Line()
        var message: String?
        guard scanner.skip(UInt8(ascii: "{")) else { throw failure(lineNumber, "no object") }
        var isSource = false
        while true {
            if scanner.skip(UInt8(ascii: "}")) {
                if isSource {
                    isSource = false
                    _ = scanner.skip(UInt8(ascii: ","))
                    continue
                }
                break
            }
            guard let key = scanner.string(), scanner.skip(UInt8(ascii: ":")) else { throw failure(lineNumber, "a key") }
            if key == "source" {
                guard scanner.skip(UInt8(ascii: "{")) else { throw failure(lineNumber, "source") }
                isSource = true
                continue
            }
            let value: Scanner.Value
            switch scanner.value() {
            case .some(let read): value = read
            case .none: throw failure(lineNumber, "the value of \(key)")
            }
            switch (isSource, key, value) {
            case (false, "learner_id", .string(let text)): line.learnerID = text
            case (false, "year", .number(let number)): line.year = Int(number)
            case (false, "rule", .string(let text)): line.rule = RuleCode(rawValue: text)
            case (false, "status", .string(let text)): line.status = EntryStatus(rawValue: text)
            case (false, "hours", .string(let text)): line.hours = Hours(parsing: text) ?? .zero
            case (false, "cut_hours", .string(let text)): line.cutHours = Hours(parsing: text) ?? .zero
            case (false, "category_id", .string(let text)): line.categoryID = text
            case (false, "message", .string(let text)): message = text
            case (true, "kind", .string(let text)): line.kind = SourceKind(rawValue: text)
            case (true, "id", .string(let text)): line.sourceID = text
            case (true, "file", .string(let text)): line.sourceFile = text
            case (true, "line", .number(let number)): line.sourceLine = Int(number)
            default: break
            }
            _ = scanner.skip(UInt8(ascii: ","))
        }
        guard line.rule != nil, line.status != nil, line.kind != nil else {
            throw failure(lineNumber, "no rule, status or source kind that Hourbook knows")
        }
        if let message {
            line.isCapped = message.hasPrefix("Y-CAP")
            if line.kind == .chapter { (line.percent, line.threshold) = Self.coverage(in: message) }
        }
        return line
    }

    /// The coverage and threshold a chapter's exported (English) message names:
    /// "Chapter X was 64% covered (threshold 60%)…" or "Chapter X is 64% covered, below the 60% threshold…".
    static func coverage(in message: String) -> (percent: Int?, threshold: Int64?) {
        let words = message.split(separator: " ")
        var percent: Int?
        var threshold: Int64?
        for (index, word) in words.enumerated() {
            guard word.hasSuffix("%") || word.hasSuffix("%)") || word.hasSuffix("%):") else { continue }
            let number = word.drop { $0 == "(" }.prefix { $0 != "%" }
            let next = index + 1 < words.count ? words[index + 1] : ""
            let previous = index > 0 ? words[index - 1] : ""
            if next.hasPrefix("covered"), percent == nil {
                percent = Int(number)
            } else if previous == "(threshold" || previous == "the" || next.hasPrefix("threshold") {
                threshold = FixedPoint.parse(number, fractionDigits: 2)
            }
        }
        return (percent, threshold)
    }

    /// A forward scanner over one line's bytes.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        enum Value {
            case string(String)
            case number(Int64)
            case null
        }

        mutating func skipSpaces() {
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0D {
                position += 1
            }
        }

        mutating func skip(_ byte: UInt8) -> Bool {
            skipSpaces()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func value() -> Value? {
            skipSpaces()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "n"):
                guard position + 4 <= bytes.count else { return nil }
                position += 4
                return .null
            default:
                var negative = false
                if bytes[position] == UInt8(ascii: "-") {
                    negative = true
                    position += 1
                }
                var number: Int64 = 0
                var digits = 0
                while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                    number = number &* 10 &+ Int64(bytes[position] - 0x30)
                    position += 1
                    digits += 1
                }
                return digits == 0 ? nil : .number(negative ? -number : number)
            }
        }

        /// A JSON string (the opening quote next), unescaped.
        mutating func string() -> String? {
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            position += 1
            let start = position
            // The common case: no escapes.
            while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
                position += 1
            }
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: "\"") {
                defer { position += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            }
            var output = Array(bytes[start..<position])
            var highSurrogate: UInt32?
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: output, as: UTF8.self) }
                guard byte == UInt8(ascii: "\\") else {
                    output.append(byte)
                    continue
                }
                guard position < bytes.count else { return nil }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "n"): output.append(10)
                case UInt8(ascii: "r"): output.append(13)
                case UInt8(ascii: "t"): output.append(9)
                case UInt8(ascii: "b"): output.append(8)
                case UInt8(ascii: "f"): output.append(12)
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                        let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + 4]), as: UTF8.self), radix: 16)
                    else { return nil }
                    position += 4
                    var scalarValue = code
                    if (0xD800...0xDBFF).contains(code) {
                        highSurrogate = code
                        continue
                    }
                    if (0xDC00...0xDFFF).contains(code), let high = highSurrogate {
                        scalarValue = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                    }
                    highSurrogate = nil
                    output.append(contentsOf: String(Unicode.Scalar(scalarValue).map(Character.init) ?? "\u{FFFD}").utf8)
                default: output.append(escape)
                }
            }
            return nil
        }
    }
}
