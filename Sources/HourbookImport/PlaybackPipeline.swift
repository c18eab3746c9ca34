import Crypto
import Dispatch
import Foundation
import HourbookCore

/// Runs the playback import on both cores: two workers parse whole files (`PlaybackFileParser`)
/// while this thread merges their batches in file order (`PlaybackDecoder`), and a third thread
/// feeds the folder fingerprint (SHA-256) with the same files, which must see them in order too.
///
/// Workers may run at most `window` files ahead of the merge, so parsed batches waiting in
/// memory stay small (a 400,000-row month is about 50 MB as a batch).
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
    // The fingerprint thread's state, read only after `fingerprintDone` is signalled.
    private var hasher: SHA256
    private var fingerprintFailure: InputFailure?

    private init(files: [InputFile], settings: Settings, hasher: SHA256) {
        self.files = files
        self.settings = settings
        self.hasher = hasher
        batches = Array(repeating: nil, count: files.count)
        failures = Array(repeating: nil, count: files.count)
        isParsed = Array(repeating: false, count: files.count)
        parsedBy = Array(repeating: 0, count: files.count)
    }

    /// Reads `files` (in reading order) into `decoder`, feeding `hasher` with each file as
    /// `InputFile.scan` does. Throws the failure of the first file that stops the import.
    static func run(
        _ files: [InputFile], settings: Settings, into decoder: inout PlaybackDecoder, hashingInto hasher: inout SHA256
    ) throws(InputFailure) {
        let pipeline = PlaybackPipeline(files: files, settings: settings, hasher: hasher)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { pipeline.fingerprint() }
        for worker in 0..<min(workerCount, max(files.count, 1)) {
            DispatchQueue.global().async(group: group) { pipeline.work(worker) }
        }
        let failure = pipeline.merge(into: &decoder)
        group.wait()
        if let failure { throw failure }
        if let failure = pipeline.fingerprintFailure { throw failure }
        hasher = pipeline.hasher
    }

    private func fingerprint() {
        do throws(InputFailure) {
            for file in files { _ = try file.scan(into: &hasher, validatingUTF8: false) }
        } catch {
            fingerprintFailure = error
        }
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
    private func merge(into decoder: inout PlaybackDecoder) -> InputFailure? {
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
            spare.append(batch.take()!)
            condition.unlock()
        }
        return nil
    }
}
