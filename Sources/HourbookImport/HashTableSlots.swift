#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The slot arrays of the import's open-addressing tables (`EventIndex`, `ByteInternerCache`).
///
/// These tables are probed at random, and the large ones outgrow what the TLB maps in 4 KiB pages
/// (about 8 MB here): the event index (128 MB for 10 million rows) and the merge's session table
/// (256 MB) paid a page walk on top of the cache miss at nearly every probe. So a table of more
/// than 32 MiB asks the kernel for 2 MiB pages (`MADV_HUGEPAGE`; this machine's kernel gives them
/// only when asked) before its memory is first written. glibc maps a block that large on its own
/// and unmaps it when freed. The workers' tables (8-16 MB) live inside malloc's arenas, where the
/// advice can reach the arenas' other memory too: advised from 4 MiB, the kernel's page zeroing
/// took 8.2 % of validate's samples instead of 4.4 %, more than their look-ups gained. The advice
/// is only advice: where the kernel has no huge page to give, the table works as before.
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

    /// glibc's largest threshold for serving a block with a mapping of its own (`mmap_threshold`).
    private static let ownMapping = 32 << 20

    /// Advises the whole 2 MiB pages inside `memory`, if it is large enough to be mapped on its own.
    private static func adviseHugePages(_ memory: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard memory.count > ownMapping, let base = memory.baseAddress else { return }
        let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
        let end = (Int(bitPattern: base) + memory.count) & ~(hugePage - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }
}
