/// The process's memory, as the operating system sees it.
public enum Memory {

    /// Returns the pages malloc holds free to the system (glibc's `malloc_trim`).
    ///
    /// glibc keeps memory freed by a thread in that thread's arena, so a stage whose parts are
    /// built on worker threads and then gathered on one holds both in its resident size until
    /// the next allocation reuses them. Called after such a gathering, this lowers the build's
    /// peak by the size of the parts.
    public static func returnFreedPages() {
        #if os(Linux)
            _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
    /// `int malloc_trim(size_t pad)` from <malloc.h>, which the Glibc module does not export.
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
