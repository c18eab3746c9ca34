import HourbookCore

/// Ledger reasons in the bytes one output needs (escaped HTML in the page language, a JSON
/// string literal or a CSV cell in English), for the outputs that write every entry.
///
/// The sentences most entries give (a chapter credited or in progress, a playback or check-in
/// rejected: `Sentence`) are written straight into the output: their fixed words escaped once,
/// when the renderer is made, and their values (a chapter id, digits) appended as they are.
/// Hashing and finding each reason in a table of rendered ones was about 12 % of the site
/// stage's CPU and a quarter of the ledger export's (20,000 learners, perf), and the reasons
/// that name a learner or a minute filled the table without ever repeating.
///
/// The other reasons (sessions, filings, caps, exams) are rendered once each and remembered:
/// few sentences stand behind them (a session's credit reads the same for its whole class).
/// One value per rendering thread: no lock on the hot path. The renderings lie in one byte
/// area, so remembering one costs no reference to count on every use.
public struct RenderedReasons {
    /// Reasons remembered at most; then the memory starts over, so that data whose every reason
    /// is different costs time, not gigabytes.
    public static let limit = 1 << 16

    private let english: Bool
    private let escape: (String) -> [UInt8]
    /// Each sentence's escaped words, one more than its values, the first with what the output
    /// writes before the text (a quote) and the last with what it writes after: ranges in
    /// `words`, the sentence's first at `firstWord[sentence.rawValue]`.
    private let words: [UInt8]
    private let wordRanges: [Range<Int>]
    private let firstWord: [Int]
    /// For each value place of each sentence in the output's language, in order, the value's
    /// position among the English sentence's values (the Chinese may name them in another
    /// order), at the same indices as the places' words.
    private let valueOrder: [Int]
    private var ranges: [Reason: Range<Int>] = [:]
    private var store: [UInt8] = []

    /// `escape` gives the bytes the output writes for a text; its reasons are in English or in
    /// Chinese. `escape` must leave `{`, `}`, letters and the bytes `isPlain` accepts as they
    /// are (HTML, JSON string and CSV cell escaping all do).
    public init(english: Bool, escape: @escaping (String) -> [UInt8]) {
        self.english = english
        self.escape = escape
        // The words are cut out of the whole template escaped, so that what the escape adds
        // around a text (quotes, the CSV formula guard) and the CSV quoting its words call for
        // are kept: values that are plain change neither.
        var words: [UInt8] = []
        var wordRanges: [Range<Int>] = []
        var firstWord: [Int] = []
        var valueOrder: [Int] = []
        for sentence in Sentence.allCases {
            let template = sentence.template(english: english)
            let englishNames = Sentence.names(in: sentence.template(english: true))
            precondition(template.first != "{", "a sentence starts with a word (the CSV guard reads its first byte)")
            firstWord.append(wordRanges.count)
            let escaped = escape(template)
            var start = 0
            var index = 0
            for name in Sentence.names(in: template) {
                let placeholder = Array("{\(name)}".utf8)
                while !escaped[index...].starts(with: placeholder) {
                    index += 1
                    precondition(index < escaped.count, "the escape keeps a sentence's {…} as they are")
                }
                wordRanges.append(words.count..<words.count + index - start)
                words += escaped[start..<index]
                valueOrder.append(englishNames.firstIndex(of: name)!)
                index += placeholder.count
                start = index
            }
            wordRanges.append(words.count..<words.count + escaped.count - start)
            words += escaped[start...]
            valueOrder.append(-1)
        }
        self.words = words
        self.wordRanges = wordRanges
        self.firstWord = firstWord
        self.valueOrder = valueOrder
        // Growing the table would rehash every reason remembered so far.
        ranges.reserveCapacity(Self.limit)
    }

    /// Appends the rendering of `reason` to `bytes`.
    public mutating func append(_ reason: Reason, to bytes: inout [UInt8]) {
        if appendSentence(reason.template, to: &bytes) { return }
        let range = self.range(of: reason)
        store.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Writes the reason as its `Sentence`, when it is one and its texts are plain; false otherwise.
    private func appendSentence(_ template: ReasonTemplate, to bytes: inout [UInt8]) -> Bool {
        switch template {
        case .chapterCredited, .chapterCreditedBoxed, .chapterIncomplete:
            let (symbol, percent, threshold, hours) = template.chapterDecision!
            let chapter = symbol.text
            guard Self.isPlain(chapter) else { return false }
            append(hours == nil ? .chapterIncomplete : .chapterCredited, to: &bytes) { value, bytes in
                switch value {
                case 0: Bytes.append(chapter, to: &bytes)
                case 1: Digits.append(UInt64(percent), to: &bytes)
                case 2: ReasonTemplate.appendPercent(Int64(threshold), to: &bytes)
                default: Digits.append(hours!, to: &bytes)
                }
            }
        case let .playbackRejected(rule, learner, course, chapter, rate, maxRate):
            switch rule {
            case .playbackUnknownLearner: return appendTexts(.learnerNotInRoster, learner, to: &bytes)
            case .playbackUnknownChapter: return appendTexts(.chapterNotInCourse, chapter, course, to: &bytes)
            case .playbackBadTime: return appendTexts(.playbackBadTime, to: &bytes)
            case .playbackBadPosition: return appendTexts(.playbackBadPosition, to: &bytes)
            case .playbackRate: return appendTexts(.playbackRate, rate, maxRate, to: &bytes)
            case .playbackImplausible: return appendTexts(.playbackImplausible, to: &bytes)
            case .playbackConcurrent: return appendTexts(.playbackConcurrent, to: &bytes)
            default: return false
            }
        case let .checkinRejected(rule, learner, classID, sessionID, at, offset, minutes):
            switch rule {
            case .checkinUnknownLearner: return appendTexts(.learnerNotInRoster, learner, to: &bytes)
            case .checkinUnknownSession: return appendTexts(.checkinUnknownSession, sessionID, classID, to: &bytes)
            case .checkinNotMember: return appendTexts(.checkinNotMember, classID, to: &bytes)
            case .checkinWindow: return appendTexts(.checkinWindow, at.formatted(in: offset), "\(minutes)", to: &bytes)
            case .checkinLocation: return appendTexts(.checkinLocation, to: &bytes)
            case .checkinDuplicate: return appendTexts(.checkinDuplicate, to: &bytes)
            default: return false
            }
        default:
            return false
        }
        return true
    }

    /// Writes a sentence whose values are texts, when they are all plain.
    private func appendTexts(_ sentence: Sentence, _ values: String..., to bytes: inout [UInt8]) -> Bool {
        guard values.allSatisfy(Self.isPlain) else { return false }
        append(sentence, to: &bytes) { value, bytes in Bytes.append(values[value], to: &bytes) }
        return true
    }

    /// Writes the sentence's words with its values between them; `appendValue` appends the
    /// value at a position of the English sentence's values.
    @inline(__always)
    private func append(_ sentence: Sentence, to bytes: inout [UInt8], _ appendValue: (Int, inout [UInt8]) -> Void) {
        words.withUnsafeBufferPointer { words in
            var word = firstWord[sentence.rawValue]
            while true {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: words[wordRanges[word]]))
                let value = valueOrder[word]
                guard value >= 0 else { return }
                appendValue(value, &bytes)
                word += 1
            }
        }
    }

    /// Whether no output escapes a byte of `text`, so that it is written as it is: no control
    /// characters, none of `& < > " ' \` (HTML and JSON escape them), no comma (it makes a CSV
    /// cell quoted), and not U+2028 or U+2029 (JSON escapes them; their first byte is 0xE2).
    /// A text that is not plain takes the rendered and escaped way.
    static func isPlain(_ text: String) -> Bool {
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 in
            utf8.allSatisfy { byte in
                switch byte {
                case 0..<0x20, 0x7F, 0xE2: false
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"),
                    UInt8(ascii: "\\"), UInt8(ascii: ","):
                    false
                default: true
                }
            }
        }
        return plain ?? false
    }

    private mutating func range(of reason: Reason) -> Range<Int> {
        if let known = ranges[reason] { return known }
        if ranges.count >= Self.limit {
            ranges.removeAll(keepingCapacity: true)
            store.removeAll(keepingCapacity: true)
        }
        let start = store.count
        store += escape(reason.template.render(english: english))
        ranges[reason] = start..<store.count
        return start..<store.count
    }
}

/// Numbers as decimal digits (the reasons', and the pages' through `write`), each in one append
/// of bytes written right to left on the stack. `Bytes.appendDigits` copies its digits out of a
/// raw buffer's slice byte by byte: with three numbers in each chapter reason written directly,
/// that copy was 7 % of the ledger export (perf, 20,000 learners).
public enum Digits {
    /// Appends `value`, zero-padded on the left to `minimumWidth`.
    @inline(__always)
    static func append(_ value: UInt64, minimumWidth: Int = 1, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            let start = write(value, minimumWidth: minimumWidth, endingAt: buffer.count, in: buffer)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Appends hours as `Hours.description` does (`2.50`).
    @inline(__always)
    static func append(_ hours: Hours, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            let magnitude = hours.hundredths.magnitude
            var start = write(magnitude % 100, minimumWidth: 2, endingAt: buffer.count, in: buffer)
            start -= 1
            buffer[start] = UInt8(ascii: ".")
            start = write(magnitude / 100, minimumWidth: 1, endingAt: start, in: buffer)
            if hours.hundredths < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Writes the digits of `value`, zero-padded on the left to `minimumWidth`, so that they end
    /// at `end`; returns the index of the first. (The pages format their numbers with it too.)
    @inlinable
    public static func write(
        _ value: UInt64, minimumWidth: Int, endingAt end: Int, in buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var start = end
        var rest = value
        repeat {
            start -= 1
            buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest > 0
        while end - start < minimumWidth {
            start -= 1
            buffer[start] = UInt8(ascii: "0")
        }
        return start
    }
}
