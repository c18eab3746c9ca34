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
    /// The last date a parser read, with its day number: a playback row's two timestamps, and a
    /// learner's rows, mostly fall on one date, whose checks and day number (`LocalDate`, in
    /// another module, so not inlined) are then skipped. The timestamps went from 3.6 % to 2.2 %
    /// of the import's CPU (perf, 20,000 learners). Holds only a date that was valid.
    struct LastDate {
        fileprivate var text: (UInt64, UInt16)?
        fileprivate var dayNumber: Int64 = 0

        init() {}

        fileprivate init(text: (UInt64, UInt16), dayNumber: Int64) {
            self.text = text
            self.dayNumber = dayNumber
        }
    }

    /// `YYYY-MM-DD[T| ]HH:MM:SS[.fff…][Z|±HH:MM]` as milliseconds since the epoch, as `Timestamp.parse`.
    static func timestamp(_ bytes: UnsafeBufferPointer<UInt8>, defaultOffset: UTCOffset) -> Int64? {
        var lastDate = LastDate()
        return timestamp(bytes, defaultOffset: defaultOffset, lastDate: &lastDate)
    }

    /// The same, skipping the date's checks when its 10 bytes are those of `lastDate`.
    static func timestamp(
        _ bytes: UnsafeBufferPointer<UInt8>, defaultOffset: UTCOffset, lastDate: inout LastDate
    ) -> Int64? {
        let n = bytes.count
        guard n >= 19, let base = bytes.baseAddress else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int64? {
            let v = bytes[i]
            return v >= 48 && v <= 57 ? Int64(v - 48) : nil
        }
        @inline(__always) func two(_ i: Int) -> Int64? {
            guard let x = digit(i), let y = digit(i + 1) else { return nil }
            return x * 10 + y
        }
        let raw = UnsafeRawPointer(base)
        let dateText = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        let dayNumber: Int64
        if let text = lastDate.text, text == dateText {
            dayNumber = lastDate.dayNumber
        } else {
            guard let y1 = two(0), let y2 = two(2), bytes[4] == 45, let month = two(5), bytes[7] == 45,
                let day = two(8), let date = LocalDate(year: Int(y1 * 100 + y2), month: Int(month), day: Int(day))
            else { return nil }
            dayNumber = date.dayNumber
            lastDate = LastDate(text: dateText, dayNumber: dayNumber)
        }
        let separator = bytes[10]
        guard separator == 0x54 || separator == 0x20 || separator == 0x74,
            let hour = two(11), bytes[13] == 58, let minute = two(14), bytes[16] == 58, let second = two(17),
            hour < 24, minute < 60, second < 60
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
        let local = dayNumber * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis
        return local - offsetMinutes * 60_000
    }

    /// Seconds as milliseconds, as `RecordReader.milliseconds`: digits with an optional fraction
    /// cut at the millisecond; no sign, no exponent.
    static func milliseconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = bytes.count
        var i = 0
        var whole: Int64 = 0
        var wholeDigits = 0
        while i < n, bytes[i] >= 48, bytes[i] <= 57 {
            let (m, o1) = whole.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(bytes[i] - 48))
            if o1 || o2 { return nil }
            whole = s
            wholeDigits += 1
            i += 1
        }
        var fraction: Int64 = 0
        var fractionCount = 0
        if i < n, bytes[i] == 0x2E {
            i += 1
            let fractionStart = i
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                if fractionCount < 3 {
                    fraction = fraction * 10 + Int64(bytes[i] - 48)
                    fractionCount += 1
                }
                i += 1
            }
            if i == fractionStart { return nil }
        }
        guard i == n, wholeDigits > 0 || fractionCount > 0 else { return nil }
        while fractionCount < 3 {
            fraction *= 10
            fractionCount += 1
        }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: 1000)
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        return o1 || o2 ? nil : total
    }
}

/// What a `ByteInternerCache` fronts: a list that numbers the ids appended to it.
protocol ByteInternable {
    /// Appends `id`, which the caller knows is new, and returns its key.
    mutating func appendNew(_ id: UnsafeBufferPointer<UInt8>) -> Int32
}

extension Interner: ByteInternable {
    mutating func appendNew(_ id: UnsafeBufferPointer<UInt8>) -> Int32 { appendNew(String(decoding: id, as: UTF8.self)) }
}

extension ByteIDs: ByteInternable {
    mutating func appendNew(_ id: UnsafeBufferPointer<UInt8>) -> Int32 { append(id) }
}

/// A byte-keyed front for an `Interner` (or `ByteIDs`): finds the key of an id straight from its
/// bytes, so the millions of repeated learner, course, chapter and session ids never become Strings.
///
/// Each slot holds a hash tag, the key and, for ids of up to 16 bytes (nearly all), the id's
/// bytes themselves: a lookup costs one cache miss, where a key → bytes indirection cost three
/// (measured). Longer ids are compared against a copy in `arena`. Every hit compares the bytes in
/// full, so a hash collision can never merge two ids.
///
/// A slot is 24 bytes: the merge's session table holds 8 million of them at the end of the
/// import, where the build peaks (32-byte slots were 0.27 GB of it at 100,000 learners).
struct ByteInternerCache {
    private struct Slot {
        /// Key + 1 in the low 32 bits (0: empty); above them the tag (`tag(hash:length:)`): the
        /// hash's top 27 bits, which also place the slot, and the length code in the low 5.
        var meta: UInt64 = 0
        /// An id of up to 16 bytes, zero-padded (`words`); a longer id's start in `arena`, and
        /// its length.
        var word0: UInt64 = 0
        var word1: UInt64 = 0

        var tag: UInt64 { meta >> 32 }
        var key: Int32 { Int32(truncatingIfNeeded: (meta & 0xFFFF_FFFF) - 1) }
    }

    /// The length code of ids longer than 16 bytes (shorter ones use their length).
    private static let longCode: UInt64 = 17

    /// A slot's tag: the 32-bit hash with its low 5 bits replaced by the length code, so that one
    /// comparison checks both.
    @inline(__always)
    private static func tag(hash: UInt64, length: Int) -> UInt64 {
        (hash & ~0x1F) | (length <= 16 ? UInt64(length) : longCode)
    }

    /// Where a hash's probe starts: from the bits the tag keeps, so that growing places each slot
    /// again from its tag alone.
    @inline(__always)
    private static func home(_ tag: UInt64, mask: Int) -> Int { Int(tag >> 5) & mask }

    /// Starts small (2 KB): the course, chapter and rate tables stay this size and in the L1 cache;
    /// the others grow to fit.
    private var slots = [Slot](repeating: Slot(), count: 1 << 6)
    private var count = 0
    private var arena: [UInt8] = []
    /// The last short id looked up: logs repeat a learner's or a session's id row after row.
    private var last = Slot()
    /// Keeps `appendKeys`'s look-ahead loads alive.
    private var touched: UInt64 = 0

    /// The key of `text` in `interner`, interning it if new.
    mutating func key<Interned: ByteInternable>(_ text: String, in interner: inout Interned) -> Int32 {
        var text = text
        return text.withUTF8 { key($0, in: &interner) }
    }

    /// The key of `bytes` in `interner`, interning it if new. `interner` must be fed through this
    /// cache only: a miss here appends to it without looking.
    ///
    /// An id of up to 16 bytes is loaded into two words once, compared with the last id before
    /// anything is hashed (a hit there costs no hash), and hashed from the words (`hash(words:)`).
    /// Hashing every id byte by byte first made this 13 % of the import's CPU (perf, 100,000 learners).
    mutating func key<Interned: ByteInternable>(_ bytes: UnsafeBufferPointer<UInt8>, in interner: inout Interned) -> Int32 {
        let length = bytes.count
        let isShort = length <= 16
        var word0: UInt64 = 0
        var word1: UInt64 = 0
        let hash: UInt64
        if isShort {
            (word0, word1) = Self.words(bytes)
            if last.meta != 0, last.word0 == word0, last.word1 == word1, last.tag & 0x1F == UInt64(length) {
                return last.key
            }
            hash = Self.hash(word0: word0, word1: word1, length: length)
        } else {
            hash = Self.hash(bytes)
        }
        let tag = Self.tag(hash: hash, length: length)
        let found: Int32? = slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Self.home(tag, mask: mask)
            while true {
                let slot = slots[index]
                if slot.meta == 0 { return nil }
                if slot.tag == tag {
                    if isShort {
                        if slot.word0 == word0, slot.word1 == word1 {
                            last = slot
                            return slot.key
                        }
                    } else if slot.word1 == UInt64(length) {
                        let start = Int(slot.word0)
                        let same = arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, bytes.baseAddress!, length) == 0 }
                        if same { return slot.key }
                    }
                }
                index = (index + 1) & mask
            }
        }
        if let found { return found }
        let key = interner.appendNew(bytes)
        if (count + 1) * 10 > slots.count * 7 {
            let old = slots
            slots = HashTableSlots.make(count: old.count * 2, repeating: Slot())
            for slot in old where slot.meta != 0 { place(slot) }
        }
        var slot = Slot(meta: tag << 32 | UInt64(UInt32(bitPattern: key) + 1), word0: word0, word1: word1)
        if !isShort {
            slot.word0 = UInt64(arena.count)
            slot.word1 = UInt64(length)
            arena.append(contentsOf: bytes)
        }
        place(slot)
        if isShort { last = slot }
        count += 1
        return key
    }

    /// Appends the key of every id of `ids` to `keys`, in order, interning the new ones: `key` for
    /// each, but 16 at a time, with the first slot of each of the 16 loaded beforehand in a tight
    /// loop, so that their cache misses overlap. The merge interns each month's 200,000 player
    /// sessions so, into a table that grows to 256 MB (4.5 million ids): one miss at a time, it
    /// was 4.7 % of the import's CPU (perf, 100,000 learners).
    mutating func appendKeys<Interned: ByteInternable>(of ids: ByteIDs, to keys: inout [Int32], in interner: inout Interned) {
        var start = 0
        while start < ids.count {
            let end = min(start + 16, ids.count)
            touched &+= slots.withUnsafeBufferPointer { slots in
                var sum: UInt64 = 0
                for index in start..<end {
                    let tag = ids.withBytes(of: index) { Self.tag(hash: Self.hash($0), length: $0.count) }
                    sum &+= slots[Self.home(tag, mask: slots.count - 1)].meta
                }
                return sum
            }
            for index in start..<end { keys.append(ids.withBytes(of: index) { key($0, in: &interner) }) }
            start = end
        }
    }

    /// Sizes the table for `expected` ids, so that it does not grow on the way: each doubling
    /// zeroes a table twice the size and places every id again, one cache miss each.
    mutating func reserve(_ expected: Int) {
        var size = slots.count
        while expected * 10 > size * 7 { size *= 2 }
        guard size > slots.count else { return }
        let old = slots
        slots = HashTableSlots.make(count: size, repeating: Slot())
        for slot in old where slot.meta != 0 { place(slot) }
    }

    /// Forgets every id but keeps the table's size, for a list started afresh (a file's sessions).
    mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: Slot()) }
        count = 0
        arena.removeAll(keepingCapacity: true)
        last = Slot()
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Self.home(slot.tag, mask: mask)
        while slots[index].meta != 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    /// The bytes of an id of up to 16 bytes as two little-endian words, zero-padded: loaded whole
    /// (overlapping loads for the odd lengths), never byte by byte nor past the id's end.
    @inline(__always)
    static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let length = bytes.count
        guard length > 0, let base = bytes.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        if length >= 8 {
            let word0 = raw.loadUnaligned(as: UInt64.self)
            guard length > 8 else { return (word0, 0) }
            // The last 8 bytes, shifted down so that byte 8 lands in the low byte.
            return (word0, raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) >> (8 * (16 - length)))
        }
        if length >= 4 {
            // Two 4-byte loads that overlap for lengths under 8 (the shared bytes are equal).
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self))
            return (low | high << (8 * (length - 4)), 0)
        }
        var word: UInt64 = 0
        for index in 0..<length { word |= UInt64(base[index]) << (8 * index) }
        return (word, 0)
    }

    /// A 32-bit hash of an id: from its words (`words`) up to 16 bytes, else byte by byte.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if bytes.count <= 16 {
            let (word0, word1) = words(bytes)
            return hash(word0: word0, word1: word1, length: bytes.count)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return finalized(hash)
    }

    /// The two words of a short id, each multiplied by an odd constant (the products run side by
    /// side), folded with the length: a few cycles where FNV-1a takes one multiply per byte.
    @inline(__always)
    static func hash(word0: UInt64, word1: UInt64, length: Int) -> UInt64 {
        finalized((word0 &* 0x9e37_79b9_7f4a_7c15) ^ (word1 &* 0xc2b2_ae3d_27d4_eb4f) ^ UInt64(length))
    }

    /// MurmurHash3's finaliser (every input bit reaches every output bit), cut to 32 bits.
    @inline(__always)
    private static func finalized(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash & 0xFFFF_FFFF
    }
}
