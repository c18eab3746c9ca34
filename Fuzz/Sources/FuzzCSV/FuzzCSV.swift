import Crypto
import FuzzSupport
import HourbookCore
@testable import HourbookImport

// The CSV inputs as the importer reads them: the first byte picks the kind of file, the rest is
// the file's content, written to a scratch file and read through the importer's own entry points
// (`InputFile.openCSV`, which checks UTF-8 and falls back to GB18030, then the kind's decoder;
// playback through `PlaybackFileParser` and `PlaybackDecoder`'s merge, as the pipeline does).

private enum Kind: UInt8, CaseIterable {
    case playback, departments, learners, checkins, filings, exams, catalog, fastParsing
}

private let settings = Settings()
private let playbackFile = ScratchFile("playback/fuzz.csv")
private let csvFile = ScratchFile("input.csv")
private let chaptersFile = ScratchFile("chapters.csv")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let kind = Kind(rawValue: data[0] % UInt8(Kind.allCases.count))!
    let body = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    switch kind {
    case .playback: playback(body)
    case .fastParsing: fastParsing(body)
    case .catalog: catalog(body)
    default: table(kind, body)
    }
    return 0
}

/// One playback file, parsed and merged twice by one worker, as if it were exported twice: the
/// second merge meets every event_id again (exact duplicates, and the raw text of a conflict read
/// back from the file). One parser is one worker: its batches only list the ids new to it.
private func playback(_ body: UnsafeRawBufferPointer) {
    playbackFile.write(body)
    var parser = PlaybackFileParser(settings: settings)
    var decoder = PlaybackDecoder(settings: settings)
    decoder.reserve(totalBytes: body.count)
    var recycled: PlaybackBatch? = nil
    for _ in 0..<2 {
        guard case .success(let batch) = parser.parse(path: playbackFile.path, name: "playback/fuzz.csv", recycled: &recycled)
        else { return }
        decoder.merge(batch, worker: 0)
        recycled = batch
    }
    _ = decoder.log.rows.count
}

/// The other CSV kinds, each through `InputFile.openCSV` and its decoder.
private func table(_ kind: Kind, _ body: UnsafeRawBufferPointer) {
    csvFile.write(body)
    var hasher = SHA256()
    var notes: [Diagnostic] = []
    do throws(InputFailure) {
        let reader = try InputFile(path: csvFile.path, name: "input.csv").openCSV(hashingInto: &hasher, notes: &notes)
        switch kind {
        case .departments:
            _ = try DepartmentsDecoder.decode(reader, settings: settings)
        case .learners:
            _ = try LearnersDecoder.decode(reader, settings: settings, departmentIDs: ["JG01", "JG02", "D1"])
        case .checkins:
            var seen = CheckinIDs()
            _ = seen.insert("K1")
            _ = try CheckinsDecoder.decode(reader, settings: settings, seenIDs: &seen)
        case .filings:
            _ = try FilingsCSVDecoder.decode(reader, settings: settings)
        case .exams:
            _ = try ExamsDecoder.decode(reader, settings: settings, learnerIDs: ["L0001"], classIDs: ["T2024-01"])
        default:
            break
        }
    } catch {
        _ = error.message
    }
}

/// courses.csv and chapters.csv, split at the first NUL byte.
private func catalog(_ body: UnsafeRawBufferPointer) {
    let bytes = Array(body)
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    csvFile.write(Array(bytes[..<split]))
    chaptersFile.write(split < bytes.count ? Array(bytes[(split + 1)...]) : [])
    var hasher = SHA256()
    var notes: [Diagnostic] = []
    do throws(InputFailure) {
        let courses = try InputFile(path: csvFile.path, name: "courses.csv").openCSV(hashingInto: &hasher, notes: &notes)
        let chapters = try InputFile(path: chaptersFile.path, name: "chapters.csv").openCSV(
            hashingInto: &hasher, notes: &notes)
        _ = try CoursesCSVDecoder.decode(courses: courses, chapters: chapters, settings: settings)
    } catch {
        _ = error.message
    }
}

/// The playback fast path's parsers against the shared ones: whatever the fast path accepts, the
/// shared parser (which decides every row the fast path turns down) must read to the same value.
private func fastParsing(_ body: UnsafeRawBufferPointer) {
    let reader = CSVReader(bytes: Array(body), file: "fields.csv")
    while reader.next() {
        for index in 0..<reader.fieldCount {
            let field = reader.field(index)
            guard let bytes = PlaybackFileParser.trimmedASCII(field) else { continue }
            let text = Substring(String(decoding: bytes, as: UTF8.self))
            if let fast = PlaybackFastParsing.timestamp(bytes, defaultOffset: settings.timezone) {
                let shared = Timestamp.parse(text, defaultOffset: settings.timezone)?.millisecondsSinceEpoch
                precondition(shared == fast, "timestamp '\(text)': fast \(fast), shared \(String(describing: shared))")
            }
            if let fast = PlaybackFastParsing.milliseconds(bytes) {
                // RecordReader.milliseconds: a plain decimal cut at the millisecond, no sign.
                let shared = text.hasPrefix("+") ? nil : FixedPoint.parse(text.utf8, fractionDigits: 3, truncatingExtraDigits: true)
                precondition(shared == fast, "position '\(text)': fast \(fast), shared \(String(describing: shared))")
            }
            var normalized: [UInt8] = []
            if PlaybackRate.normalize(bytes, into: &normalized) {
                let fast = String(decoding: normalized, as: UTF8.self)
                let shared = PlaybackRate(parsing: String(text))?.description
                precondition(shared == fast, "rate '\(text)': fast \(fast), shared \(String(describing: shared))")
            }
        }
    }
}
