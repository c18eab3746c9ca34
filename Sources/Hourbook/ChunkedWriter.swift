import Dispatch
import Foundation
import HourbookCore

/// Writes a large file made of many small items (the ledger's millions of lines): the items
/// are rendered in chunks on every core, and each chunk is written as soon as the chunks
/// before it are, by whichever thread completes the run, so that writing overlaps rendering
/// and memory holds a few chunks, never the whole file.
enum ChunkedWriter {
    /// Renders `count` items in order into the file at `path`.
    ///
    /// Each rendering thread borrows a `Renderer` made by `makeRenderer` and keeps it for the
    /// chunks it renders, so a renderer can remember what it rendered before (the ledger's
    /// messages repeat); a renderer is never used by two threads at once.
    static func write<Renderer>(
        count: Int, to path: String, chunkSize: Int = 20_000,
        makeRenderer: @Sendable () -> Renderer,
        render: @Sendable (inout Renderer, Range<Int>, inout ByteBuffer) -> Void
    ) throws {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw OutputFailure.lastError(at: path) }
        var isClosed = false
        defer { if !isClosed { close(file) } }
        let output = OrderedOutput<Renderer>(file: file, path: path)
        let chunks = (count + chunkSize - 1) / chunkSize
        // Chunks rendered ahead of the one being written, at most: a thread the machine
        // deschedules must not let the others fill memory.
        let window = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            // Iterations start in order, so every earlier chunk is already being rendered.
            output.waitUntilWithin(window, of: chunk)
            var renderer = output.takeRenderer() ?? makeRenderer()
            var buffer = ByteBuffer()
            buffer.bytes = output.takeSpareBuffer() ?? []
            buffer.bytes.reserveCapacity(chunkSize * 360)
            let start = chunk * chunkSize
            render(&renderer, start..<min(count, start + chunkSize), &buffer)
            output.finish(chunk, bytes: buffer.bytes, renderer: renderer)
        }
        if let failure = output.failure { throw failure }
        // Some file systems report a write's failure only at close: check it.
        isClosed = true
        guard close(file) == 0 else { throw OutputFailure.lastError(at: path) }
    }
}

/// The state the rendering threads of `ChunkedWriter` share, guarded by one condition: the
/// rendered chunks waiting for their turn, the next chunk to write, idle renderers and spent
/// buffers to reuse (a chunk is megabytes: fresh ones cost page faults).
private final class OrderedOutput<Renderer>: @unchecked Sendable {
    private let condition = NSCondition()
    private let file: Int32
    private let path: String
    private var rendered: [Int: [UInt8]] = [:]
    private var nextToWrite = 0
    private var isWriting = false
    private var idleRenderers: [Renderer] = []
    private var spareBuffers: [[UInt8]] = []
    /// The first write that failed; later chunks are dropped.
    private(set) var failure: OutputFailure?

    init(file: Int32, path: String) {
        self.file = file
        self.path = path
    }

    func waitUntilWithin(_ window: Int, of chunk: Int) {
        condition.lock()
        while chunk - nextToWrite >= window { condition.wait() }
        condition.unlock()
    }

    func takeRenderer() -> Renderer? {
        condition.lock()
        defer { condition.unlock() }
        return idleRenderers.popLast()
    }

    func takeSpareBuffer() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        return spareBuffers.popLast()
    }

    /// Hands in a rendered chunk; the thread that completes the run after the last written
    /// chunk writes the run, while the others go on rendering.
    func finish(_ chunk: Int, bytes: [UInt8], renderer: Renderer) {
        condition.lock()
        idleRenderers.append(renderer)
        rendered[chunk] = bytes
        guard !isWriting else {
            condition.unlock()
            return
        }
        isWriting = true
        while var bytes = rendered.removeValue(forKey: nextToWrite) {
            condition.unlock()
            emit(bytes)
            bytes.removeAll(keepingCapacity: true)
            condition.lock()
            spareBuffers.append(bytes)
            nextToWrite += 1
            condition.broadcast()
        }
        isWriting = false
        condition.unlock()
    }

    /// Writes `bytes` unless a write failed before; called by one thread at a time.
    func emit(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(OutputFailure) in try FileWriter.writeAll(raw, to: file, path: path) }
        }
        if case .failure(let error) = result { failure = error }
    }
}
