import HourbookRules

extension ArraySlice<LedgerEntry> {
    /// Calls `body` with each entry of `year`, in ledger order, read in place: subscripting
    /// the slice copies a whole entry (a dozen reference-counted fields) to read its year, and
    /// the archives read every entry of every member.
    func forEachEntry(inYear year: Int, _ body: (UnsafePointer<LedgerEntry>) -> Void) {
        withUnsafeBufferPointer { entries in
            guard let base = entries.baseAddress else { return }
            for index in entries.indices where base[index].year == year { body(base + index) }
        }
    }
}
