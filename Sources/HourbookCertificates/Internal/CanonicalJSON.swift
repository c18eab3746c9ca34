/// The JSON Canonicalization Scheme (JCS, RFC 8785): the exact bytes that eddsa-jcs-2022
/// hashes. Members sorted by their names' UTF-16 code units, no white space, strings
/// escaped as ECMAScript's JSON.stringify does, numbers written as ECMAScript writes them.
enum CanonicalJSON {
    static func bytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        append(value, to: &output)
        return output
    }

    static func text(_ value: JSONValue) -> String { String(decoding: bytes(value), as: UTF8.self) }

    static func append(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output += Array("null".utf8)
        case .bool(let flag): output += Array((flag ? "true" : "false").utf8)
        case .number(let number): output += Array(numberText(number).utf8)
        case .string(let text): appendString(text, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                append(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let names = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (index, name) in names.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                appendString(name, to: &output)
                output.append(UInt8(ascii: ":"))
                append(members[name]!, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// RFC 8785 section 3.2.2.2: only `"`, `\` and the controls below U+0020 are escaped.
    static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case 0x22: output += [0x5C, 0x22]
            case 0x5C: output += [0x5C, 0x5C]
            case 0x08: output += [0x5C, UInt8(ascii: "b")]
            case 0x09: output += [0x5C, UInt8(ascii: "t")]
            case 0x0A: output += [0x5C, UInt8(ascii: "n")]
            case 0x0C: output += [0x5C, UInt8(ascii: "f")]
            case 0x0D: output += [0x5C, UInt8(ascii: "r")]
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                output += Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 15)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// ECMAScript's Number::toString (ECMA-262, 7.1.12.1) from the shortest digits that read
    /// back as the same double (Swift's `description` gives those digits).
    static func numberText(_ value: Double) -> String {
        precondition(value.isFinite, "JSON has no NaN or Infinity")
        if value == 0 { return "0" }
        let text = value.magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = Array(mantissa[0]) + (mantissa.count == 2 ? Array(mantissa[1]) : [])
        // value = 0.digits × 10^n
        var n = mantissa[0].count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            n -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let k = digits.count
        var result = value < 0 ? "-" : ""
        if k <= n && n <= 21 {
            result += String(digits) + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            result += String(digits[0..<n]) + "." + String(digits[n...])
        } else if -6 < n && n <= 0 {
            result += "0." + String(repeating: "0", count: -n) + String(digits)
        } else {
            let e = n - 1
            result += String(digits[0])
            if k > 1 { result += "." + String(digits[1...]) }
            result += "e" + (e < 0 ? "-" : "+") + String(abs(e))
        }
        return result
    }
}

extension CanonicalJSON {
    /// The same members in the same order as `text`, indented by two spaces for people.
    static func pretty(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members) where !members.isEmpty:
            let names = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            return "{\n"
                + names.map { name in
                    var key: [UInt8] = []
                    appendString(name, to: &key)
                    return inner + String(decoding: key, as: UTF8.self) + ": " + pretty(members[name]!, indent: inner)
                }.joined(separator: ",\n") + "\n" + indent + "}"
        default:
            return text(value)
        }
    }
}
