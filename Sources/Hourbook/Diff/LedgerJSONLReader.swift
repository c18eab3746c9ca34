import Foundation
import HourbookCore
import HourbookRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads exports/ledger.jsonl back (millions of lines): a byte scanner for the flat objects that
/// `LedgerLines.append` writes, any key order, with JSON string escapes.
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
        let capacity = 1 << 22
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 1)
        defer { buffer.deallocate() }
        var filled = 0
        var lineNumber = 0
        var parser = LineParser()
        var isAtEnd = false
        while !isAtEnd {
            let count = read(descriptor, buffer + filled, capacity - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw InputFailure(file: file, code: .fileUnreadable, message: "the file cannot be read")
            }
            if count == 0 {
                isAtEnd = true
                // A last line without its line feed.
                if filled > 0 {
                    buffer[filled] = 10
                    filled += 1
                }
            }
            filled += count
            var start = 0
            while start < filled, let found = memchr(buffer + start, 10, filled - start) {
                let end = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                lineNumber += 1
                if end > start {
                    guard let line = parser.parse(UnsafeBufferPointer(start: buffer + start, count: end - start)) else {
                        throw InputFailure(
                            file: file, code: .badValue, message: "line \(lineNumber) is not a ledger entry that Hourbook writes")
                    }
                    body(line)
                }
                start = end + 1
            }
            guard start > 0 || filled < capacity else {
                throw InputFailure(file: file, code: .badValue, message: "line \(lineNumber + 1) is longer than 4 MiB")
            }
            if start > 0 && start < filled { buffer.update(from: buffer + start, count: filled - start) }
            filled -= start
        }
    }

    /// Parses lines, remembering the last learner and file so that repeated ones cost no new string.
    struct LineParser {
        /// The last text read for a field, with its bytes.
        struct CachedText {
            var bytes: [UInt8] = []
            var text = ""
        }

        private var learner = CachedText()
        private var file = CachedText()
        private static let rules = Dictionary(RuleCode.allCases.map { ($0.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        private static let statuses = Dictionary(EntryStatus.allCases.map { ($0.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        private static let kinds = Dictionary(SourceKind.allCases.map { ($0.rawValue, $0) }, uniquingKeysWith: { a, _ in a })

        mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Line? {
            var scanner = Scanner(bytes: bytes)
            var line = Line()
            guard scanner.skip(UInt8(ascii: "{")) else { return nil }
            var isSource = false
            while true {
                if scanner.skip(UInt8(ascii: "}")) {
                    guard isSource else { break }
                    isSource = false
                    _ = scanner.skip(UInt8(ascii: ","))
                    continue
                }
                guard let key = scanner.rawString(), scanner.skip(UInt8(ascii: ":")) else { return nil }
                let name = Key(key)
                if name == .source && !isSource {
                    guard scanner.skip(UInt8(ascii: "{")) else { return nil }
                    isSource = true
                    continue
                }
                scanner.skipSpaces()
                guard scanner.position < bytes.count else { return nil }
                if bytes[scanner.position] == UInt8(ascii: "\"") {
                    guard let raw = scanner.rawString() else { return nil }
                    switch (isSource, name) {
                    case (false, .learnerID): line.learnerID = cached(raw, &learner)
                    case (false, .rule): line.rule = Self.rules[Scanner.text(raw)]
                    case (false, .status): line.status = Self.statuses[Scanner.text(raw)]
                    case (false, .hours): line.hours = Self.hours(raw)
                    case (false, .cutHours): line.cutHours = Self.hours(raw)
                    case (false, .categoryID): line.categoryID = Scanner.text(raw)
                    case (false, .message): Self.read(message: raw, into: &line)
                    case (true, .kind): line.kind = Self.kinds[Scanner.text(raw)]
                    case (true, .id): line.sourceID = Scanner.text(raw)
                    case (true, .file): line.sourceFile = cached(raw, &file)
                    default: break
                    }
                } else {
                    guard let value = scanner.value() else { return nil }
                    if case .number(let number) = value {
                        if !isSource && name == .year { line.year = Int(number) }
                        if isSource && name == .line { line.sourceLine = Int(number) }
                    }
                }
                _ = scanner.skip(UInt8(ascii: ","))
            }
            guard line.rule != nil, line.status != nil, line.kind != nil else { return nil }
            // Only a chapter's message names its coverage.
            if line.kind != .chapter {
                line.percent = nil
                line.threshold = nil
            }
            return line
        }

        private func cached(_ raw: Scanner.RawString, _ cache: inout CachedText) -> String {
            if !raw.hasEscapes && cache.bytes.count == raw.bytes.count
                && (raw.bytes.isEmpty
                    || cache.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, raw.bytes.baseAddress!, raw.bytes.count) == 0 })
            {
                return cache.text
            }
            let text = Scanner.text(raw)
            cache = CachedText(bytes: Array(raw.bytes), text: text)
            return text
        }

        private static func hours(_ raw: Scanner.RawString) -> Hours {
            hundredths(raw.bytes).map(Hours.init(hundredths:)) ?? .zero
        }

        /// A decimal with at most two fractional digits (`2.50`, `60`), in hundredths.
        static func hundredths(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
            var value: Int64 = 0
            var fraction = -1
            for byte in bytes {
                if byte == UInt8(ascii: ".") {
                    guard fraction < 0 else { return nil }
                    fraction = 0
                    continue
                }
                guard byte >= 0x30, byte <= 0x39, fraction < 2, value < Int64.max / 100 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
                if fraction >= 0 { fraction += 1 }
            }
            guard !bytes.isEmpty else { return nil }
            for _ in max(fraction, 0)..<2 { value *= 10 }
            return value
        }

        /// The message's facts: whether it names Y-CAP, and a chapter's coverage and threshold,
        /// which both forms name in that order: "Chapter X was 64% covered (threshold 60%)…" and
        /// "Chapter X is 64% covered, below the 60% threshold…".
        private static func read(message raw: Scanner.RawString, into line: inout Line) {
            let bytes = raw.bytes
            line.isCapped = Key.equals(bytes, "Y-CAP", prefix: true)
            guard Key.equals(bytes, "Chapter ", prefix: true) else { return }
            var percents: [Int64] = []
            var index = bytes.startIndex
            while index < bytes.endIndex {
                guard bytes[index] == UInt8(ascii: "%") else {
                    index += 1
                    continue
                }
                var start = index
                while start > bytes.startIndex,
                    (bytes[start - 1] >= 0x30 && bytes[start - 1] <= 0x39) || bytes[start - 1] == UInt8(ascii: ".")
                {
                    start -= 1
                }
                if let value = hundredths(UnsafeBufferPointer(rebasing: bytes[start..<index])) {
                    percents.append(value)
                }
                index += 1
            }
            if percents.count >= 2 {
                line.percent = Int(percents[0] / 100)
                line.threshold = percents[1]
            }
        }
    }

    /// The keys of a ledger line.
    enum Key {
        /// Whether `bytes` are `text` (or start with it).
        static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString, prefix: Bool = false) -> Bool {
            let count = text.utf8CodeUnitCount
            guard prefix ? bytes.count >= count : bytes.count == count else { return false }
            return count == 0 || memcmp(bytes.baseAddress!, text.utf8Start, count) == 0
        }

        case learnerID, year, rule, status, hours, cutHours, source, kind, id, file, line, date, categoryID, message, other

        init(_ raw: Scanner.RawString) {
            let bytes = raw.bytes
            switch bytes.count {
            case 2: self = Self.equals(bytes, "id") ? .id : .other
            case 4:
                if Self.equals(bytes, "year") {
                    self = .year
                } else if Self.equals(bytes, "rule") {
                    self = .rule
                } else if Self.equals(bytes, "kind") {
                    self = .kind
                } else if Self.equals(bytes, "file") {
                    self = .file
                } else if Self.equals(bytes, "line") {
                    self = .line
                } else {
                    self = Self.equals(bytes, "date") ? .date : .other
                }
            case 5: self = Self.equals(bytes, "hours") ? .hours : .other
            case 6:
                if Self.equals(bytes, "status") {
                    self = .status
                } else {
                    self = Self.equals(bytes, "source") ? .source : .other
                }
            case 7: self = Self.equals(bytes, "message") ? .message : .other
            case 9: self = Self.equals(bytes, "cut_hours") ? .cutHours : .other
            case 10: self = Self.equals(bytes, "learner_id") ? .learnerID : .other
            case 11: self = Self.equals(bytes, "category_id") ? .categoryID : .other
            default: self = .other
            }
        }
    }

    /// A forward scanner over one line's bytes.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        enum Value {
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

        /// A JSON string's bytes as written (the opening quote next), and whether it holds escapes.
        struct RawString {
            var bytes: UnsafeBufferPointer<UInt8>
            var hasEscapes: Bool
        }

        mutating func rawString() -> RawString? {
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            position += 1
            let start = position
            var hasEscapes = false
            while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                if bytes[position] == UInt8(ascii: "\\") {
                    hasEscapes = true
                    position += 1
                }
                position += 1
            }
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return RawString(bytes: UnsafeBufferPointer(rebasing: bytes[start..<position]), hasEscapes: hasEscapes)
        }

        /// The text of a raw string, escapes resolved.
        static func text(_ raw: RawString) -> String {
            guard raw.hasEscapes else { return String(decoding: raw.bytes, as: UTF8.self) }
            var output: [UInt8] = []
            var index = raw.bytes.startIndex
            var highSurrogate: UInt32?
            while index < raw.bytes.endIndex {
                let byte = raw.bytes[index]
                index += 1
                guard byte == UInt8(ascii: "\\"), index < raw.bytes.endIndex else {
                    output.append(byte)
                    continue
                }
                let escape = raw.bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): output.append(10)
                case UInt8(ascii: "r"): output.append(13)
                case UInt8(ascii: "t"): output.append(9)
                case UInt8(ascii: "b"): output.append(8)
                case UInt8(ascii: "f"): output.append(12)
                case UInt8(ascii: "u"):
                    guard index + 4 <= raw.bytes.endIndex,
                        let code = UInt32(
                            String(decoding: UnsafeBufferPointer(rebasing: raw.bytes[index..<index + 4]), as: UTF8.self),
                            radix: 16)
                    else { return String(decoding: output, as: UTF8.self) }
                    index += 4
                    if (0xD800...0xDBFF).contains(code) {
                        highSurrogate = code
                        continue
                    }
                    var scalarValue = code
                    if (0xDC00...0xDFFF).contains(code), let high = highSurrogate {
                        scalarValue = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                    }
                    highSurrogate = nil
                    output.append(contentsOf: String(Unicode.Scalar(scalarValue).map(Character.init) ?? "\u{FFFD}").utf8)
                default: output.append(escape)
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }
}
