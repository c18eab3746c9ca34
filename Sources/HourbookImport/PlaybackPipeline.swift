import Dispatch
import Foundation
import HourbookCore

/// Runs the playback import on both cores: two workers parse whole files (`PlaybackFileParser`)
/// while the calling thread merges their batches in file order (`PlaybackDecoder`).
///
/// The workers start with the import (`start`), so they parse the first files while the calling
/// thread still reads the roster and the catalog; the merge follows (`merge(into:)`). Workers may
/// run at most `window` files ahead of the merge, so parsed batches waiting in memory stay small
/// (a 400,000-row month is about 50 MB as a batch).
final class PlaybackPipeline: @unchecked Sendable {
    static let workerCount = 2
    static let window = 3

    private let files: [InputFile]
    private let settings: Settings
    // Shared state, guarded by `condition`.
    private let condition = NSCondition()
    // Per file: its batch or its failure once parsed, and the worker that parsed it. Batches are
    // moved in and out (`take()`), never copied, so their memory can be recycled unshared.
    private var batches: [PlaybackBatch?]
    private var failures: [InputFailure?]
    private var isParsed: [Bool]
    private var parsedBy: [Int]
    private var claimed = 0
    private var merged = 0
    private var isStopped = false
    /// Merged batches, handed back to the workers to be filled again.
    private var spare: [PlaybackBatch] = []
    private var workers: [Background<Void>] = []

    private init(files: [InputFile], settings: Settings) {
        self.files = files
        self.settings = settings
        batches = Array(repeating: nil, count: files.count)
        failures = Array(repeating: nil, count: files.count)
        isParsed = Array(repeating: false, count: files.count)
        parsedBy = Array(repeating: 0, count: files.count)
    }

    /// Starts parsing `files` (in reading order) on the workers.
    static func start(_ files: [InputFile], settings: Settings) -> PlaybackPipeline {
        let pipeline = PlaybackPipeline(files: files, settings: settings)
        pipeline.workers = (0..<min(workerCount, max(files.count, 1))).map { worker in
            Background { pipeline.work(worker) }
        }
        return pipeline
    }

    /// Merges every file in order into `decoder` and waits for the workers. Throws the failure of
    /// the first file that stops the import.
    func merge(into decoder: inout PlaybackDecoder) throws(InputFailure) {
        let failure = mergeAll(into: &decoder)
        for worker in workers { worker.wait() }
        if let failure { throw failure }
    }

    /// Stops the workers after the files they are parsing and waits for them (the import failed
    /// before the merge). Does nothing after `merge(into:)`.
    func stop() {
        condition.lock()
        isStopped = true
        condition.broadcast()
        condition.unlock()
        for worker in workers { worker.wait() }
    }

    private func work(_ worker: Int) {
        var parser = PlaybackFileParser(settings: settings)
        while true {
            condition.lock()
            while !isStopped, claimed < files.count, claimed >= merged + Self.window { condition.wait() }
            guard !isStopped, claimed < files.count else {
                condition.unlock()
                return
            }
            let index = claimed
            claimed += 1
            var recycled = spare.popLast()
            condition.unlock()
            var result = Optional(parser.parse(path: files[index].path, name: files[index].name, recycled: &recycled))
            condition.lock()
            switch result.take()! {
            case .success(let batch): batches[index] = batch
            case .failure(let failure): failures[index] = failure
            }
            isParsed[index] = true
            parsedBy[index] = worker
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Merges every file in order; returns the first failure (and stops the workers) if any.
    private func mergeAll(into decoder: inout PlaybackDecoder) -> InputFailure? {
        for index in files.indices {
            condition.lock()
            while !isParsed[index] { condition.wait() }
            var batch = batches[index].take()
            let failure = failures[index]
            let worker = parsedBy[index]
            merged = index + 1
            condition.broadcast()
            condition.unlock()
            if let failure {
                condition.lock()
                isStopped = true
                condition.broadcast()
                condition.unlock()
                return failure
            }
            decoder.merge(batch!, worker: worker)
            condition.lock()
            // Handed back only while files are left to claim: the last batches go as they are
            // merged, while the log's rows reach their size (five batches of a 400,000-row month
            // held 0.2 GB at the end of the merge, where the import peaks).
            if claimed < files.count { spare.append(batch.take()!) }
            condition.unlock()
            batch = nil
        }
        return nil
    }
}
