/// A UTF-8 validator that keeps its state across chunks (a sequence may straddle two reads).
struct UTF8Validator {
    private var pending = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private(set) var isValid = true

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard isValid else { return }
        var index = 0
        let count = bytes.count
        while index < count {
            // ASCII runs eight bytes at a time: most of a playback log is ASCII.
            if pending == 0, let base = bytes.baseAddress {
                while index + 8 <= count,
                    UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                }
                if index == count { break }
            }
            let byte = bytes[index]
            index += 1
            if pending == 0 {
                if byte < 0x80 { continue }
                switch byte {
                case 0xC2...0xDF: pending = 1; lower = 0x80; upper = 0xBF
                case 0xE0: pending = 2; lower = 0xA0; upper = 0xBF
                case 0xE1...0xEC, 0xEE...0xEF: pending = 2; lower = 0x80; upper = 0xBF
                case 0xED: pending = 2; lower = 0x80; upper = 0x9F
                case 0xF0: pending = 3; lower = 0x90; upper = 0xBF
                case 0xF1...0xF3: pending = 3; lower = 0x80; upper = 0xBF
                case 0xF4: pending = 3; lower = 0x80; upper = 0x8F
                default: isValid = false; return
                }
            } else {
                guard byte >= lower, byte <= upper else { isValid = false; return }
                pending -= 1
                lower = 0x80
                upper = 0xBF
            }
        }
    }

    /// Whether every byte fed was valid UTF-8 and no sequence was left unfinished.
    func finish() -> Bool { isValid && pending == 0 }
}
