import Dispatch
import Foundation

/// A job of the import on a thread of its own, joined with `wait()`.
///
/// The import's jobs (two playback parsers, the fingerprint, the check-ins and filings) run for
/// seconds each and must all run at once. Dispatch's global queue ran only two of them at a time
/// on this 2-core machine: the first playback parser waited 0.6 s for the fingerprint, the
/// second 2.5 s for the check-ins and filings (20,000 learners).
final class ImportThread: @unchecked Sendable {
    private let done = DispatchGroup()

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () -> Void) {
        done.enter()
        let done = done
        Thread.detachNewThread {
            body()
            done.leave()
        }
    }

    /// Waits until the job has finished (at once if it has).
    func wait() { done.wait() }
}
