import Dispatch
import Foundation

/// A value computed on a thread of its own while the caller goes on: one-thread work that would
/// otherwise leave a core idle beside another stage (the import's parsers, fingerprint, check-ins
/// and filings; the build's digests of inputs.csv during the rules; the site's evidence scope and
/// search index). `value` waits for it.
///
/// A new thread, not Dispatch's global queue: the import's jobs run for seconds each and must
/// all run at once, and the global queue ran only two of them at a time on this 2-core machine
/// (the second playback parser waited 2.5 s for the check-ins and filings at 20,000 learners).
public final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once by the work before `group` leaves, read only after waiting on it.
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        Thread.detachNewThread {
            self.result = work()
            self.group.leave()
        }
    }

    /// Waits until the work has finished (at once if it has).
    public func wait() { group.wait() }

    public var value: Value {
        wait()
        return result!
    }
}
