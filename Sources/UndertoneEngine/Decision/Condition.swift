/// A per-call measure a policy can put a threshold on. Every one is a number in 0...1 about the customer.
public enum SignalName: String, CaseIterable, Codable, Sendable, Hashable {
    /// Smoothed stress: the customer's negative emotion over recent turns, weighted towards the newest.
    case stress
    /// The customer's frustration (anger, annoyance), smoothed over recent turns as stress is.
    case frustration
    /// The customer's confusion, smoothed over recent turns as stress is.
    case confusion
    /// The customer's anxiety (fear, nervousness), smoothed over recent turns as stress is.
    case anxiety
    /// The customer's sadness (disappointment, grief), smoothed over recent turns as stress is.
    case sadness
    /// The customer's satisfaction (gratitude, relief), smoothed over recent turns as stress is.
    case satisfaction
    /// The highest smoothed stress seen on the call so far.
    case peak
    /// The risk read from the customer's history before the call: recent contacts, escalations, open follow-ups.
    case historyRisk
    /// Stress heard in the customer's voice (voice calls only).
    case vocalStress
    /// Text and voice stress fused into one (equal to `stress` where there is no voice).
    case fusedStress
    /// How far the words and the voice disagree, as in sarcastic politeness (voice calls only).
    case mismatch
    /// How strongly the recent turns say the conversation is failing the customer, angry words or not: requests
    /// repeated, the agent corrected, offers turned down again and again, answers waited for, giving up, sour turns
    /// (``ConversationFlow``).
    case friction

    /// The signals that move with the voice as well as with the words.
    public var isVoice: Bool { self == .vocalStress || self == .fusedStress || self == .mismatch }
}

/// How long a threshold must hold before it counts.
public enum Sustain: Sendable, Equatable, Hashable {
    /// On each of the last N customer turns (YAML `forTurns: N`).
    case turns(Int)
    /// Continuously for this many milliseconds of call time (YAML `for: 20s`).
    case milliseconds(Int)
}

/// A signal above or below a value, perhaps for a while: `stress: { above: 0.6, forTurns: 2 }`.
public struct SignalThreshold: Sendable, Equatable, Hashable {
    /// Which side of the value the signal must be on.
    public enum Direction: String, Sendable, Equatable, Hashable {
        case above, below
    }

    public var signal: SignalName
    public var direction: Direction
    /// The value in 0...1; the signal must be strictly above (or below) it.
    public var value: Double
    /// How long it must hold; nil for "on the latest turn".
    public var sustain: Sustain?

    public init(_ signal: SignalName, _ direction: Direction, _ value: Double, sustain: Sustain? = nil) {
        self.signal = signal
        self.direction = direction
        self.value = value
        self.sustain = sustain
    }

    /// Whether one reading of the signal is on the right side of the value.
    public func isMet(by reading: Double) -> Bool {
        switch direction {
        case .above: reading > value
        case .below: reading < value
        }
    }
}

/// The direction of smoothed stress over the policy's `trendTurns`: `trend: rising` or `trend: { falling: 0.05 }`.
public struct TrendCondition: Sendable, Equatable, Hashable {
    /// Which way stress must be moving.
    public enum Direction: String, Sendable, Equatable, Hashable {
        case rising, falling
    }

    /// The slope used when a policy writes only `rising` or `falling`.
    public static let defaultMinimumSlope = 0.03

    public var direction: Direction
    /// The least change of smoothed stress per customer turn, as a positive number whichever the direction.
    public var minimumSlope: Double

    public init(_ direction: Direction, minimumSlope: Double = TrendCondition.defaultMinimumSlope) {
        self.direction = direction
        self.minimumSlope = minimumSlope
    }

    /// Whether a measured slope (change per customer turn, signed) is steep enough in the right direction.
    public func isMet(bySlope slope: Double) -> Bool {
        switch direction {
        case .rising: slope >= minimumSlope
        case .falling: slope <= -minimumSlope
        }
    }
}

/// Explicit cues in recent customer turns: `cue: cancel_threat` or
/// `cue: { kind: cancel_threat, conditional: false, withinTurns: 3, atLeast: 2 }`.
public struct CueCondition: Sendable, Equatable, Hashable {
    public var kind: CueKind
    /// True: only conditional cues ("if it's not fixed I'll cancel") count; false: only outright ones; nil: either.
    public var conditional: Bool?
    /// How many of the latest customer turns to look at; 1 is the current turn only.
    public var withinTurns: Int
    /// How many matching cues those turns must hold between them.
    public var atLeast: Int

    public init(_ kind: CueKind, conditional: Bool? = nil, withinTurns: Int = 1, atLeast: Int = 1) {
        self.kind = kind
        self.conditional = conditional
        self.withinTurns = withinTurns
        self.atLeast = atLeast
    }

    /// Whether one detected cue counts towards this condition.
    public func matches(_ cue: Cue) -> Bool {
        cue.kind == kind && (conditional.map { $0 == cue.conditional } ?? true)
    }
}

/// What the CRM says about the customer, checked when the call starts. Every field set must hold.
public struct HistoryCondition: Sendable, Equatable, Hashable {
    /// At least this many contacts in the last 30 days.
    public var contacts30dAtLeast: Int?
    /// At least this many escalations in the last 90 days.
    public var escalations90dAtLeast: Int?
    /// At least this many follow-ups promised and not done.
    public var openFollowUpsAtLeast: Int?
    /// Whether the CRM links the contact to an earlier issue.
    public var repeatIssue: Bool?
    /// The sentiment of the customer's previous contact.
    public var lastSentiment: Polarity?
    /// The customer's segment is one of these (compared without regard to case).
    public var segments: [String]?
    /// A lifetime value of at least this much, in the business's currency.
    public var lifetimeValueAtLeast: Double?

    public init(
        contacts30dAtLeast: Int? = nil, escalations90dAtLeast: Int? = nil, openFollowUpsAtLeast: Int? = nil, repeatIssue: Bool? = nil,
        lastSentiment: Polarity? = nil, segments: [String]? = nil, lifetimeValueAtLeast: Double? = nil
    ) {
        self.contacts30dAtLeast = contacts30dAtLeast
        self.escalations90dAtLeast = escalations90dAtLeast
        self.openFollowUpsAtLeast = openFollowUpsAtLeast
        self.repeatIssue = repeatIssue
        self.lastSentiment = lastSentiment
        self.segments = segments
        self.lifetimeValueAtLeast = lifetimeValueAtLeast
    }

    /// Whether a customer's history meets every field set. A call without history is judged as an empty one: no
    /// contacts, no repeat issue, no segment, sentiment and lifetime value unknown.
    public func isMet(by history: CustomerHistory?) -> Bool {
        let history = history ?? CustomerHistory()
        if let contacts30dAtLeast, history.contacts30d < contacts30dAtLeast { return false }
        if let escalations90dAtLeast, history.escalations90d < escalations90dAtLeast { return false }
        if let openFollowUpsAtLeast, history.openFollowUps < openFollowUpsAtLeast { return false }
        if let repeatIssue, history.repeatIssue != repeatIssue { return false }
        if let lastSentiment, history.lastSentiment != lastSentiment { return false }
        if let segments {
            guard let segment = history.segment?.lowercased(), segments.contains(where: { $0.lowercased() == segment }) else { return false }
        }
        if let lifetimeValueAtLeast {
            guard let value = history.lifetimeValue, value >= lifetimeValueAtLeast else { return false }
        }
        return true
    }
}

/// When a rule fires: a tree of groups (`all`, `any`, `none`) over conditions on signals, trends, cues, repeats,
/// history and recovery. A policy's `when:` is parsed into one of these.
public indirect enum Condition: Sendable, Equatable, Hashable {
    /// Every member holds.
    case all([Condition])
    /// At least one member holds.
    case any([Condition])
    /// No member holds.
    case none([Condition])
    /// A signal above or below a value, perhaps for a number of turns or a length of time.
    case threshold(SignalThreshold)
    /// Smoothed stress rising or falling over the policy's `trendTurns`.
    case trend(TrendCondition)
    /// Explicit cues in recent customer turns.
    case cue(CueCondition)
    /// The repeated-issue count (repeat-contact cues plus the CRM's repeat-issue flag) is at least this.
    case repeats(atLeast: Int)
    /// The customer's history.
    case history(HistoryCondition)
    /// Whether stress is falling after the agent apologised or acknowledged the problem.
    case recovering(Bool)

    /// The members of a group; empty for a single condition.
    public var members: [Condition] {
        switch self {
        case .all(let members), .any(let members), .none(let members): members
        default: []
        }
    }

    /// Every single (non-group) condition in the tree, depth first.
    public var leaves: [Condition] {
        switch self {
        case .all(let members), .any(let members), .none(let members): members.flatMap(\.leaves)
        default: [self]
        }
    }

    /// Whether some single condition of the tree meets `test` (``leaves``' answer, without gathering them: asked of every
    /// rule on every event).
    func containsLeaf(where test: (Condition) -> Bool) -> Bool {
        switch self {
        case .all(let members), .any(let members), .none(let members): members.contains { $0.containsLeaf(where: test) }
        default: test(self)
        }
    }

    /// Whether some threshold must hold for a length of time, so the condition can start to hold between turns and
    /// must be checked on every event, not only on customer turns.
    public var dependsOnTime: Bool {
        containsLeaf {
            if case .threshold(let threshold) = $0, case .milliseconds = threshold.sustain { return true }
            return false
        }
    }

    /// Whether some threshold is on a voice signal, so the condition can change with each voice window.
    public var dependsOnVoice: Bool {
        containsLeaf {
            if case .threshold(let threshold) = $0 { return threshold.signal.isVoice }
            return false
        }
    }
}

extension Condition: CustomStringConvertible {
    /// The condition in words, as a decision's reason quotes it: `all of (stress above 0.6 on 2 turns; stress rising)`.
    public var description: String {
        switch self {
        case .all(let members): "all of (\(members.map(\.description).joined(separator: "; ")))"
        case .any(let members): "any of (\(members.map(\.description).joined(separator: "; ")))"
        case .none(let members): "none of (\(members.map(\.description).joined(separator: "; ")))"
        case .threshold(let threshold):
            "\(threshold.signal.rawValue) \(threshold.direction.rawValue) \(PolicyText.number(threshold.value))"
                + {
                    switch threshold.sustain {
                    case nil: ""
                    case .turns(let turns): " on \(turns) turns"
                    case .milliseconds(let ms): " for \(PolicyDuration.text(ms))"
                    }
                }()
        case .trend(let trend):
            "stress \(trend.direction.rawValue) (at least \(PolicyText.number(trend.minimumSlope)) a turn)"
        case .cue(let cue):
            {
                var words = ["cue \(cue.kind.rawValue)"]
                switch cue.conditional {
                case true?: words.append("conditional")
                case false?: words.append("outright")
                case nil: break
                }
                if cue.atLeast > 1 { words.append("at least \(cue.atLeast)") }
                if cue.withinTurns > 1 { words.append("within \(cue.withinTurns) turns") }
                return words.joined(separator: " ")
            }()
        case .repeats(let atLeast): "repeated issue at least \(atLeast) times"
        case .history(let history):
            {
                var words: [String] = []
                if let value = history.contacts30dAtLeast { words.append("contacts30d at least \(value)") }
                if let value = history.escalations90dAtLeast { words.append("escalations90d at least \(value)") }
                if let value = history.openFollowUpsAtLeast { words.append("openFollowUps at least \(value)") }
                if let value = history.repeatIssue { words.append(value ? "repeat issue" : "not a repeat issue") }
                if let value = history.lastSentiment { words.append("last sentiment \(value.rawValue)") }
                if let value = history.segments { words.append("segment \(EventText.choices(value))") }
                if let value = history.lifetimeValueAtLeast { words.append("lifetime value at least \(PolicyText.number(value))") }
                return "history: " + words.joined(separator: ", ")
            }()
        case .recovering(let recovering): recovering ? "recovering" : "not recovering"
        }
    }
}
