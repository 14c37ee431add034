import Foundation

/// One customer turn as the decision stage remembers it.
public struct CustomerTurnRecord: Sendable, Equatable {
    public var utteranceID: String
    public var at: Int
    public var stress: Double
    /// Smoothed values after this turn, by signal (stress, each emotion, peak, fusedStress).
    public var readings: SignalReadings
    public var cues: [Cue]
}

/// A call's running state for the decision stage: smoothed signals, trend, peak, repeats, recovery, history risk.
public struct CallState: Sendable, Equatable {
    public var call: CallStarted?
    public private(set) var customerTurns: [CustomerTurnRecord] = []
    /// Earlier contacts about this issue: each repeat-contact cue counts the contacts it names before this one ("third
    /// time" → 2, otherwise 1), plus one when the CRM flags the issue as a repeat.
    public private(set) var repeatCount = 0
    /// Smoothed customer stress when the agent last apologised or acknowledged the problem; nil before that.
    public private(set) var recoveryBaseline: Double?
    public private(set) var peak = 0.0
    let settings: SignalSettings
    /// The customer's voice (voice calls): baseline and arousal, from their voice windows.
    public internal(set) var customerVoice: SpeakerVoice
    /// The agent's voice.
    public internal(set) var agentVoice: SpeakerVoice
    /// Talk-over, interruptions and dead air between the two.
    public internal(set) var turnTaking = TurnTaking()
    /// The customer's voice signals now (`vocalStress`, `fusedStress`, `mismatch`), once the voice has been read.
    public internal(set) var voiceReadings: [SignalName: Double] = [:]
    /// Each change of the voice signals with its time, for voice thresholds held `for:` a duration.
    var voiceMoments: [VoiceMoment] = []
    /// How the conversation is going for the customer: repeats, corrections, rejections, giving up (`friction`).
    public private(set) var flow = ConversationFlow()

    /// How far stress must fall below its level at the agent's apology to count as recovery.
    static let recoveryDrop = 0.1

    init(settings: SignalSettings, voice: VoiceSettings = VoiceSettings()) {
        self.settings = settings
        customerVoice = SpeakerVoice(settings: voice)
        agentVoice = SpeakerVoice(settings: voice)
    }

    /// Latest smoothed customer stress (0 before the customer speaks).
    public var smoothedStress: Double { customerTurns.last?.readings[.stress] ?? 0 }

    /// Whether stress has fallen after the agent's apology or acknowledgement.
    public var isRecovering: Bool {
        guard let recoveryBaseline, !customerTurns.isEmpty else { return false }
        return smoothedStress <= recoveryBaseline - Self.recoveryDrop
    }

    /// Risk carried in from the customer's history, 0...1: a saturating sum of recent contacts, escalations, open
    /// follow-ups, a flagged repeat issue and a negative last contact.
    public var historyRisk: Double {
        guard let history = call?.history else { return 0 }
        var load = 0.15 * Double(history.contacts30d) + 0.35 * Double(history.escalations90d) + 0.25 * Double(history.openFollowUps)
        if history.repeatIssue { load += 0.4 }
        if history.lastSentiment == .negative { load += 0.3 }
        return 1 - exp(-load)
    }

    /// Least-squares slope of smoothed stress per customer turn over the last `trendTurns` turns (0 with fewer than two).
    public var trend: Double {
        let window = customerTurns.suffix(settings.trendTurns).map { $0.readings[.stress] ?? 0 }
        guard window.count >= 2 else { return 0 }
        let n = Double(window.count)
        let meanX = (n - 1) / 2
        let meanY = window.reduce(0, +) / n
        var covariance = 0.0
        var variance = 0.0
        for (index, y) in window.enumerated() {
            covariance += (Double(index) - meanX) * (y - meanY)
            variance += (Double(index) - meanX) * (Double(index) - meanX)
        }
        return covariance / variance
    }

    mutating func start(_ call: CallStarted) {
        self.call = call
        if call.history?.repeatIssue == true { repeatCount += 1 }
    }

    /// Adds a customer turn and returns its record.
    mutating func addCustomerTurn(utteranceID: String, at: Int, text: String, signal: TextSignal, cues: [Cue]) -> CustomerTurnRecord {
        let stress = Stress.of(signal.emotions, cues: cues)
        let dissatisfaction = Stress.dissatisfaction(signal.emotions, cues: cues)
        flow.addCustomerTurn(utteranceID: utteranceID, text: text, stress: dissatisfaction, satisfaction: signal.emotions.satisfaction, cues: cues)
        let previous = customerTurns.last?.readings
        func smooth(_ name: SignalName, _ value: Double) -> Double {
            guard let old = previous?[name] else { return value }
            return settings.smooth(old, towards: value)
        }
        var readings = SignalReadings()
        readings[.stress] = smooth(.stress, stress)
        readings[.frustration] = smooth(.frustration, max(signal.emotions.frustration, Stress.angerFloor(cues)))
        readings[.confusion] = smooth(.confusion, signal.emotions.confusion)
        readings[.anxiety] = smooth(.anxiety, signal.emotions.anxiety)
        readings[.sadness] = smooth(.sadness, signal.emotions.sadness)
        readings[.satisfaction] = smooth(.satisfaction, signal.emotions.satisfaction)
        // Until the voice joins, the fused stress is the text's.
        readings[.fusedStress] = readings[.stress]
        if let vocal = customerVoice.stress {
            readings[.vocalStress] = vocal
            readings[.fusedStress] = Self.fuse(text: readings[.stress], voice: vocal, confidence: customerVoice.confident?.confidence ?? 0)
            readings[.mismatch] = Self.mismatch(words: stress, voice: vocal)
        }
        peak = max(peak, readings[.stress] ?? 0)
        readings[.peak] = peak
        readings[.friction] = flow.friction
        // "The third time I'm calling" is two contacts before this one.
        for cue in cues where cue.kind == .repeatContact { repeatCount += max(1, (cue.count ?? 2) - 1) }
        let record = CustomerTurnRecord(utteranceID: utteranceID, at: at, stress: stress, readings: readings, cues: cues)
        customerTurns.append(record)
        if readings[.vocalStress] != nil {
            noteVoice(readings.dictionary(where: \.isVoice), at: at)
        } else if !voiceReadings.isEmpty {
            noteVoice([:], at: at)
        }
        return record
    }

    /// The agent's (or bot's) smoothed stress: agents under strain escalate calls too.
    public private(set) var agentSmoothedStress = 0.0
    private(set) var agentTurns = 0

    /// Notes an agent turn: its stress, and whether an apology or acknowledgement starts a recovery window.
    mutating func addAgentTurn(utteranceID: String, text: String, stress: Double, cues: [Cue]) {
        agentSmoothedStress = agentTurns == 0 ? stress : settings.smooth(agentSmoothedStress, towards: stress)
        agentTurns += 1
        flow.addAgentTurn(utteranceID: utteranceID, text: text, cues: cues)
        if AgentMoves.isApologyOrAcknowledgement(text) { recoveryBaseline = smoothedStress }
        lastAgentTurnWasBadNews = AgentMoves.isBadNews(text)
    }

    /// Whether the agent's latest turn told the customer something unwelcome ("unfortunately", "it hasn't been
    /// processed", "up to ten working days"): the context in which praise is likely sarcastic.
    public private(set) var lastAgentTurnWasBadNews = false

    /// A signal's current value, or nil when the call has no such signal (voice signals before the voice joins).
    func reading(_ name: SignalName, at index: Int? = nil) -> Double? {
        if name == .historyRisk { return historyRisk }
        if index == nil, name.isVoice, let live = voiceReadings[name] { return live }
        guard let record = index.map({ customerTurns[$0] }) ?? customerTurns.last else { return nil }
        return record.readings[name]
    }
}

/// What the agent said that matters for recovery.
enum AgentMoves {
    static let apologyOrAcknowledgement = [
        "sorry", "apologise", "apologize", "apologies", "i understand", "i hear you", "i can see why", "i can imagine",
        "that must be", "i completely understand", "let me fix", "ill make sure", "i will make sure", "ill take care",
        "i will take care", "let me sort", "ill sort", "i will sort",
    ]

    static let badNews = [
        "unfortunately", "im afraid", "i am afraid", "hasnt", "havent", "hadnt", "wasnt", "werent", "isnt", "arent", "wont", "cant",
        "cannot", "couldnt", "unable", "not able", "not possible", "no longer", "delay", "delayed", "held up", "up to", "working days",
        "no record", "out of stock", "declined", "rejected", "refused", "waiting for", "not until", "at the earliest",
    ]

    private static let badNewsPhrases = PhraseSet(badNews)
    /// With a plural last word too ("apologies", "sorrys" as a transcript may write them).
    private static let apologyPhrases = PhraseSet(apologyOrAcknowledgement + apologyOrAcknowledgement.map { $0 + "s" })

    static func isBadNews(_ text: String) -> Bool {
        badNewsPhrases.occurs(in: speechTranscriptForm(text))
    }

    static func isApologyOrAcknowledgement(_ text: String) -> Bool {
        apologyPhrases.occurs(in: speechTranscriptForm(text))
    }
}

/// Whole-word phrases looked up among a text's word sequences. Every agent turn is checked against some sixty phrases;
/// Foundation's substring search (CoreFoundation on Linux) made that a tenth of the engine's time.
struct PhraseSet: Sendable {
    private let phrases: Set<Substring>
    /// The most words in one phrase.
    private let longest: Int
    /// The phrases an ASCII text can hold, by the FNV-1a hash of their bytes (nil in the unlikely case that two phrases
    /// share a hash): an ASCII text, nearly every text, is looked up without hashing a `Substring`.
    private let asciiTable: ColumnTable?
    private let asciiPhrases: [[UInt8]]

    init(_ list: [String]) {
        phrases = Set(list.map { Substring($0) })
        longest = list.map { $0.split(separator: " ").count }.max() ?? 1
        // Strings are equal when they are canonically equivalent: an ASCII text equals a phrase exactly when the phrase's
        // composed form is that text, byte for byte.
        var seen: [UInt64: [UInt8]] = [:]
        var unique = true
        for phrase in Set(list.map(\.precomposedStringWithCanonicalMapping)) where phrase.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(phrase.utf8)
            let hash = FNV.hash(bytes, seed: FNV.offset)
            if let other = seen[hash], other != bytes { unique = false }
            seen[hash] = bytes
        }
        let entries = seen.sorted { $0.key < $1.key }
        asciiPhrases = entries.map(\.value)
        asciiTable = unique ? ColumnTable(entries.map(\.key)) : nil
    }

    /// Whether any phrase occurs in `text` (words separated by spaces) as whole words.
    func occurs(in text: String) -> Bool {
        if asciiTable != nil, let found = text.utf8.withContiguousStorageIfAvailable({ occurs(inASCII: $0) }), let found { return found }
        return occurs(amongWords: text)
    }

    /// ``occurs(in:)`` for any text: each word sequence looked up as a `Substring` (the reference the ASCII path is tested
    /// against).
    func occurs(amongWords text: String) -> Bool {
        let words = text.split(separator: " ")
        for start in words.indices {
            let last = min(words.count, start + longest) - 1
            guard start <= last else { break }
            for end in start...last {
                // The words from `start` through `end`, as they stand in the text (single spaces between them).
                let gram = text[words[start].startIndex..<words[end].endIndex]
                if phrases.contains(gram) { return true }
            }
        }
        return false
    }

    /// ``occurs(in:)`` over the bytes of an ASCII text, the same word sequences hashed as they are walked; nil when the
    /// text is not ASCII.
    private func occurs(inASCII bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let asciiTable, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let space = UInt8(ascii: " ")
        var start = 0
        while start < bytes.count {
            if bytes[start] == space {
                start += 1
                continue
            }
            // The words from `start` on, one more each round, as they stand in the text.
            var hash = FNV.offset
            var index = start
            var words = 0
            while index < bytes.count, words < longest {
                while index < bytes.count, bytes[index] != space {
                    hash = (hash ^ UInt64(bytes[index])) &* FNV.prime
                    index += 1
                }
                words += 1
                if let row = asciiTable[hash], asciiPhrases[Int(row)].elementsEqual(bytes[start..<index]) { return true }
                while index < bytes.count, bytes[index] == space {
                    hash = (hash ^ UInt64(space)) &* FNV.prime
                    index += 1
                }
            }
            // On to the next word.
            while start < bytes.count, bytes[start] != space { start += 1 }
        }
        return false
    }
}
