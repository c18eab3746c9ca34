import HourbookCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Non-generic byte parsers for the playback hot path. `Timestamp.parse` and `FixedPoint.parse`
/// are generic and live in another module, so they run unspecialised here (about 3× slower);
/// these follow exactly the same grammar, and tests hold them to the shared parsers.
enum PlaybackFastParsing {
    /// `YYYY-MM-DD[T| ]HH:MM:SS[.fff…][Z|±HH:MM]` as milliseconds since the epoch, as `Timestamp.parse`.
    static func timestamp(_ bytes: UnsafeBufferPointer<UInt8>, defaultOffset: UTCOffset) -> Int64? {
        let n = bytes.count
        guard n >= 19 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int64? {
            let v = bytes[i]
            return v >= 48 && v <= 57 ? Int64(v - 48) : nil
        }
        @inline(__always) func two(_ i: Int) -> Int64? {
            guard let x = digit(i), let y = digit(i + 1) else { return nil }
            return x * 10 + y
        }
        let separator = bytes[10]
        guard let y1 = two(0), let y2 = two(2), bytes[4] == 45, let month = two(5), bytes[7] == 45,
            let day = two(8), separator == 0x54 || separator == 0x20 || separator == 0x74,
            let hour = two(11), bytes[13] == 58, let minute = two(14), bytes[16] == 58, let second = two(17),
            hour < 24, minute < 60, second < 60,
            let date = LocalDate(year: Int(y1 * 100 + y2), month: Int(month), day: Int(day))
        else { return nil }
        var i = 19
        var millis: Int64 = 0
        if i < n, bytes[i] == 0x2E {
            i += 1
            var count = 0
            while i < n, let d = digit(i) {
                if count < 3 { millis = millis * 10 + d }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            if count == 1 { millis *= 100 } else if count == 2 { millis *= 10 }
        }
        var offsetMinutes = Int64(defaultOffset.minutes)
        if i < n {
            let rest = n - i
            if rest == 1, bytes[i] == 0x5A || bytes[i] == 0x7A {
                offsetMinutes = 0
            } else {
                guard rest == 6, bytes[i] == 0x2B || bytes[i] == 0x2D, bytes[i + 3] == 58,
                    let hours = two(i + 1), let minutes = two(i + 4), hours < 24, minutes < 60
                else { return nil }
                offsetMinutes = bytes[i] == 0x2D ? -(hours * 60 + minutes) : hours * 60 + minutes
            }
        }
        let local = date.dayNumber * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis
        return local - offsetMinutes * 60_000
    }

    /// A decimal scaled by 10^fractionDigits, as `FixedPoint.parse` without truncation.
    static func decimal(
        _ bytes: UnsafeBufferPointer<UInt8>, fractionDigits: Int, allowsNegative: Bool
    ) -> Int64? {
        let n = bytes.count
        var i = 0
        guard n > 0 else { return nil }
        var isNegative = false
        if bytes[0] == 0x2D || bytes[0] == 0x2B {
            if bytes[0] == 0x2D {
                guard allowsNegative else { return nil }
                isNegative = true
            }
            i = 1
        }
        var integerPart: Int64 = 0
        var integerDigits = 0
        while i < n, bytes[i] >= 48, bytes[i] <= 57 {
            let (m, o1) = integerPart.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(bytes[i] - 48))
            if o1 || o2 { return nil }
            integerPart = s
            integerDigits += 1
            i += 1
        }
        var fraction: Int64 = 0
        var fractionCount = 0
        if i < n, bytes[i] == 0x2E {
            i += 1
            var sawDigit = false
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                sawDigit = true
                guard fractionCount < fractionDigits else { return nil }
                fraction = fraction * 10 + Int64(bytes[i] - 48)
                fractionCount += 1
                i += 1
            }
            if !sawDigit { return nil }
        }
        guard i == n, integerDigits > 0 || fractionCount > 0 else { return nil }
        while fractionCount < fractionDigits {
            fraction *= 10
            fractionCount += 1
        }
        let (scaled, o1) = integerPart.multipliedReportingOverflow(by: FixedPoint.pow10(fractionDigits))
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        if o1 || o2 { return nil }
        return isNegative ? -total : total
    }
}

/// A byte-keyed front for an `Interner`: finds the key of an id straight from its bytes, so the
/// millions of repeated learner, course, chapter and session ids never become Strings. It keeps
/// its own copy of each id's bytes, compared on every hash-tag match, so a collision cannot merge ids.
struct ByteInternerCache {
    private var slots: [UInt64] = Array(repeating: 0, count: 1 << 12)
    private var count = 0
    /// Every id's bytes back to back; entry n is `arena[starts[n]..<starts[n + 1]]` with key `keys[n]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var keys: [Int32] = []

    /// The key of `bytes` in `interner`, interning it if new.
    mutating func key(_ bytes: UnsafeBufferPointer<UInt8>, in interner: inout Interner) -> Int32 {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry >> 32 == hash {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                let start = starts[index]
                let length = starts[index + 1] - start
                if length == bytes.count,
                    arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + start, bytes.baseAddress!, length) == 0 })
                {
                    return keys[index]
                }
            }
            slot = (slot + 1) & mask
        }
        let key = interner.key(String(decoding: bytes, as: UTF8.self))
        if (count + 1) * 10 > slots.count * 7 {
            let old = slots
            slots = Array(repeating: 0, count: old.count * 2)
            for entry in old where entry != 0 { place(entry) }
        }
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        keys.append(key)
        place(hash << 32 | UInt64(keys.count))
        count += 1
        return key
    }

    private mutating func place(_ entry: UInt64) {
        let mask = slots.count - 1
        var slot = Int(entry >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    /// FNV-1a with MurmurHash3's finaliser, cut to 32 bits.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash & 0xFFFF_FFFF
    }
}
