import Foundation

/// One result per parallel job, filled from any thread, read once all jobs are done.
final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Runs `work` and stores what it returned or threw at `index`.
    func set(_ index: Int, _ work: () throws -> Value) {
        let result = Result { try work() }
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    /// The values in job order; rethrows the first job's error.
    func values() throws -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        return try slots.map { try $0!.get() }
    }
}
