import Dispatch

/// A value computed on another thread while the caller goes on, for one-thread work that would
/// otherwise leave a core idle beside another stage (the site's evidence scope and search index,
/// the build's digests of inputs.csv during the rules). `value` waits for it.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once by the work before `group` leaves, read only after waiting on it.
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    public var value: Value {
        group.wait()
        return result!
    }
}
