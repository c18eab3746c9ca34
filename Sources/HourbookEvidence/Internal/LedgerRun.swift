import HourbookRules

extension ArraySlice<LedgerEntry> {
    /// Calls `body` with each entry of `year`, in ledger order, read in place: subscripting
    /// the slice copies a whole entry (a dozen reference-counted fields) to read its year.
    ///
    /// The slice is one learner's run of the ledger, ordered by year (absent first), so the
    /// year's entries are one stretch, found by binary search: scanning every entry of every
    /// member, once per year and twice per archive, was an eighth of the stage's own CPU at
    /// 20,000 learners (perf: cache misses on the year of each 176-byte entry).
    func forEachEntry(inYear year: Int, _ body: (UnsafePointer<LedgerEntry>) -> Void) {
        withUnsafeBufferPointer { entries in
            guard let base = entries.baseAddress else { return }
            var low = 0
            var high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if (base[middle].year ?? Int.min) < year { low = middle + 1 } else { high = middle }
            }
            var index = low
            while index < entries.count, base[index].year == year {
                body(base + index)
                index += 1
            }
        }
    }
}
