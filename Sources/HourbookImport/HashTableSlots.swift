#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The slot arrays of the import's open-addressing tables (`EventIndex`, `ByteInternerCache`).
///
/// These tables are probed at random, and the large ones outgrow what the TLB maps in 4 KiB pages
/// (about 8 MB here): the event index (128 MB for 10 million rows) and the merge's session table
/// (256 MB) paid a page walk on top of the cache miss at nearly every probe. So a table of 4 MiB
/// or more asks the kernel for 2 MiB pages (`MADV_HUGEPAGE`; this machine's kernel gives them
/// only when asked) before its memory is first written. The advice is only advice: where the
/// kernel has no huge page to give, the table works as before.
enum HashTableSlots {
    /// `count` copies of `empty`, in memory advised to use huge pages when large.
    static func make<Slot>(count: Int, repeating empty: Slot) -> [Slot] {
        Array(unsafeUninitializedCapacity: count) { buffer, initializedCount in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: empty)
            initializedCount = count
        }
    }

    private static let hugePage = 2 << 20

    /// Advises the whole 2 MiB pages inside `memory`, if it holds at least two of them.
    private static func adviseHugePages(_ memory: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard memory.count >= 2 * hugePage, let base = memory.baseAddress else { return }
        let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
        let end = (Int(bitPattern: base) + memory.count) & ~(hugePage - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }
}
