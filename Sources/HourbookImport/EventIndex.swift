import HourbookCore

/// event_id → row index, as an open-addressing table of (32-bit hash tag, row index) pairs: about
/// 8 bytes a slot instead of a `Dictionary<String, Int>` entry, with every hit verified against
/// the row's own event_id so a hash collision can never merge two events.
struct EventIndex {
    private var slots: [UInt64] = HashTableSlots.make(count: 1 << 16, repeating: 0)
    private var count = 0

    /// Sizes the table for `expected` ids at most 80 % full (inserting grows it past 70 %).
    mutating func reserve(_ expected: Int) {
        var size = slots.count
        while expected * 10 > size * 8 { size *= 2 }
        guard size > slots.count else { return }
        let old = slots
        slots = HashTableSlots.make(count: size, repeating: 0)
        for entry in old where entry != 0 { place(entry) }
    }

    /// A 32-bit hash of the id: the slot tag and the start of its probe.
    static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { hash($0) }
    }

    /// The same hash straight from the id's bytes (the parsing workers compute it, so the
    /// sequential merge only probes): `ByteInternerCache`'s hash of an id.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteInternerCache.hash(bytes) }

    /// Loads the first probe slot of each hash and returns a value depending on them all, so the
    /// loads cannot be dropped. The merge calls this for the next 32 rows before probing them one
    /// by one: independent loads overlap their cache misses (the table is 128 MB for 10 million
    /// ids), where the probes, each behind the last row's work, wait for theirs one at a time.
    func touch(_ hashes: UnsafeBufferPointer<UInt32>) -> UInt64 {
        let mask = slots.count - 1
        return slots.withUnsafeBufferPointer { slots in
            var sum: UInt64 = 0
            for hash in hashes { sum &+= slots[Int(hash) & mask] }
            return sum
        }
    }

    func find(hash: UInt64, eventID: String, rows: [PlaybackRow]) -> Int? {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == hash {
                let row = Int(entry & 0xFFFF_FFFF) - 1
                if rows[row].eventID == eventID { return row }
            }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(hash: UInt64, row: Int) {
        if (count + 1) * 10 > slots.count * 7 {
            let old = slots
            slots = HashTableSlots.make(count: old.count * 2, repeating: 0)
            for entry in old where entry != 0 { place(entry) }
        }
        place(hash << 32 | UInt64(row + 1))
        count += 1
    }

    private mutating func place(_ entry: UInt64) {
        let mask = slots.count - 1
        var slot = Int(entry >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }
}
