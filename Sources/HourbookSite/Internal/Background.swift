import Dispatch

/// A value computed on another thread while the caller goes on, for the site's one-thread
/// parts (the evidence scope, the search index) that would otherwise leave a core idle
/// beside them. `value` waits for it.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once by the work before `group` leaves, read only after waiting on it.
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    var value: Value {
        group.wait()
        return result!
    }
}
