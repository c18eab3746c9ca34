import Dispatch

/// Work spread over every core: the rules' large loops (the P rules' rows and learners, the
/// ledger's learners) run as a few slices each.
enum Parallel {
    /// Ranges covering 0..<count, a few per core, for `map`.
    static func slices(count: Int) -> [Range<Int>] {
        let pieces = max(1, min(count, 8))
        return (0..<pieces).map { piece in (count * piece / pieces)..<(count * (piece + 1) / pieces) }
    }

    /// `transform` over `inputs` on every core; results in the order of `inputs`.
    static func map<Input: Sendable, Output>(_ inputs: [Input], _ transform: (Input) -> Output) -> [Output] {
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: inputs.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let slots = results
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let work = transform
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in slots[index] = work(inputs[index]) }
        }
        return results.map { $0! }
    }
}
