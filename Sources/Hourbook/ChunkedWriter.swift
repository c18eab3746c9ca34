import Dispatch
import Foundation
import HourbookCore

/// Writes a large file made of many small items (the ledger's millions of lines): the items
/// are rendered in chunks on every core, and the chunks written in order, so that memory holds
/// one round of chunks, never the whole file.
enum ChunkedWriter {
    /// Renders `count` items in order into the file at `path`, after `header`.
    static func write(
        count: Int, to path: String, header: [UInt8] = [], chunkSize: Int = 20_000,
        render: @Sendable (Range<Int>, inout ByteBuffer) -> Void
    ) throws {
        guard let file = fopen(path, "wb") else { throw OutputFailure.lastError(at: path) }
        var isClosed = false
        defer { if !isClosed { fclose(file) } }
        func emit(_ bytes: [UInt8]) throws {
            let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
            guard written == bytes.count else { throw OutputFailure.lastError(at: path) }
        }
        try emit(header)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunksPerRound = workers * 2
        var start = 0
        while start < count {
            let ranges = stride(from: start, to: min(count, start + chunksPerRound * chunkSize), by: chunkSize)
                .map { $0..<min(count, $0 + chunkSize) }
            let results = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: ranges.count)
            results.initialize(repeating: [])
            defer { results.deinitialize(); results.deallocate() }
            nonisolated(unsafe) let slots = results
            DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                var buffer = ByteBuffer(capacity: ranges[index].count * 320)
                render(ranges[index], &buffer)
                slots[index] = buffer.bytes
            }
            for bytes in results { try emit(bytes) }
            start = ranges.last!.upperBound
        }
        // Buffered bytes meet a full disk at the last flush: check it.
        isClosed = true
        guard fclose(file) == 0 else { throw OutputFailure.lastError(at: path) }
    }
}
