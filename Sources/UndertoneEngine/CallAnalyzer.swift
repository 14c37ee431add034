/// One call, from its first event to its last: signal → decision → guidance. Pure and deterministic: the same events
/// give the same outputs, and time comes only from the events.
public struct CallAnalyzer: Sendable {
    public let policy: Policy
    let textModel: TextModel
    let cueDetector: CueDetector
    /// The models for languages other than English, and the detector that checks each turn's language.
    let languages: LanguageModels
    private var callLanguage = CallLanguage()
    public private(set) var state: CallState
    public private(set) var transcript = Transcript()
    public private(set) var alerts: [Alert] = []
    /// Rules that fired and wait for their condition to clear (hysteresis).
    private var disarmed: Set<String> = []
    /// For each rule of the policy, whether its condition reads the clock, and whether it reads the voice: the rules a
    /// tick or an agent's turn (time) and a voice window (both) can make hold. Worked out once, not at every event.
    private let ruleInputs: [(time: Bool, voice: Bool)]
    private var lastFired: [String: Int] = [:]
    private var lastRaised: [Tier: Int] = [:]
    private var callID = ""
    /// Each track's audio on its way to voice windows.
    private var customerAudio: AudioFeeder?
    private var agentAudio: AudioFeeder?
    /// The call's intent, its recent words for the knowledge base, and the pacing of guidance.
    private var guide: CallGuide

    /// `intentModel` reads the call's intent from the customer's turns (the shipped model unless another is given; nil
    /// for none); `knowledgeBase` is searched for articles to suggest (nil: hints only, no articles). `textModel` and
    /// `cueDetector` read English; `languages` reads the others (the shipped Spanish and French models unless others are
    /// given) and checks each turn's language against the call's.
    public init(
        policy: Policy, textModel: TextModel, cueDetector: CueDetector = CueDetector(), voice: VoiceSettings = VoiceSettings(),
        intentModel: IntentModel? = try? IntentModel.default, knowledgeBase: KnowledgeBase? = nil, guidance: GuidanceSettings = GuidanceSettings(),
        languages: LanguageModels = LanguageModels.bundled ?? .none
    ) {
        self.policy = policy
        ruleInputs = policy.rules.map { ($0.condition.dependsOnTime, $0.condition.dependsOnVoice) }
        self.textModel = textModel
        self.cueDetector = cueDetector
        self.languages = languages
        state = CallState(settings: policy.signals, voice: voice)
        guide = CallGuide(settings: guidance, intentModel: intentModel, knowledge: knowledgeBase, otherIntentModels: languages.intentModels)
    }

    /// What the caller wants, read from their latest turns with the intent model: re-read at each customer turn until
    /// a reading is confident enough (``GuidanceSettings/intentSettles``), then kept. Nil while every reading is out of
    /// scope.
    public var intent: IntentPrediction? { guide.intent }

    /// Takes one event and returns what it caused.
    ///
    /// `audio` frames are turned into voice windows, a second per track, and each window is applied exactly as a `voice`
    /// event carrying it would be: so replaying the `voice` outputs instead of the audio gives the same state and the same
    /// decisions. Audio and voice events move the clock for time-based rules only at the end of each window.
    ///
    /// Decisions that call for it are followed by a `guidance` output (hints and articles), and so is a customer turn
    /// whose words strongly match an article (``CallGuide``).
    public mutating func ingest(_ event: CallEvent) -> [EngineOutput] {
        let outputs = react(to: event)
        let decisions = outputs.compactMap { output -> Decision? in if case .decision(let decision) = output { decision } else { nil } }
        var afterCustomerTurn = false
        if case .turn(let turn) = event, turn.speaker == .customer, case .signal = outputs.first { afterCustomerTurn = true }
        guard !decisions.isEmpty || afterCustomerTurn,
            let guidance = guide.guidance(callID: callID, at: event.at, decisions: decisions, afterCustomerTurn: afterCustomerTurn)
        else { return outputs }
        return outputs + [.guidance(guidance)]
    }

    private mutating func react(to event: CallEvent) -> [EngineOutput] {
        if callID.isEmpty { callID = event.callID }
        var outputs: [EngineOutput] = []
        switch event {
        case .audio(let frame):
            for window in listen(frame) { outputs += apply(window) }
            return outputs
        case .voice(let window):
            return apply(window)
        case .callStarted(let started):
            state.start(started)
            callLanguage.start(declaring: started.language)
            guide.agentLanguage = callLanguage.declared
        case .turn(let turn):
            guard transcript.apply(turn) == .finalized else { break }
            outputs += analyze(turn)
        case .alertAcknowledged(let acknowledgement):
            if let index = alerts.firstIndex(where: { $0.id == acknowledgement.alertID }), alerts[index].state == .open {
                alerts[index].state = acknowledgement.outcome == .resolved ? .resolved : .acknowledged
            }
        case .callEnded:
            for index in alerts.indices where alerts[index].state == .open { alerts[index].state = .resolved }
            return outputs
        case .agentAction, .tick:
            // A tick is time passing: alerts climb and time-based rules are evaluated, below, at its time.
            break
        }
        outputs += climbUnacknowledged(now: event.at)
        if case .turn(let turn) = event, turn.speaker == .customer {
            return outputs
        }
        outputs += evaluateRules(now: event.at, triggeredBy: [], timeBasedOnly: true)
        return outputs
    }

    private mutating func analyze(_ turn: Turn) -> [EngineOutput] {
        let soured = turn.speaker == .customer && (state.lastAgentTurnWasBadNews || state.smoothedStress >= 0.3)
        let language = callLanguage.language(of: turn.text, by: turn.speaker, detector: languages.detector)
        let heard = read(turn.text, in: language, soured: soured)
        let (signal, cues) = (heard.signal, heard.cues)
        let stress: Double
        let smoothed: Double
        let trend: Double
        if turn.speaker == .customer {
            stress = state.addCustomerTurn(utteranceID: turn.utteranceID, at: turn.at, text: turn.text, signal: signal, cues: cues).stress
            (smoothed, trend) = (state.smoothedStress, state.trend)
            guide.hearCustomer(turn.text, language: language)
        } else {
            stress = Stress.of(signal.emotions, cues: cues)
            state.addAgentTurn(utteranceID: turn.utteranceID, text: turn.text, stress: stress, cues: cues)
            (smoothed, trend) = (state.agentSmoothedStress, 0)
            guide.hearAgent(turn.text)
        }
        let reading = TurnSignal(
            callID: turn.callID, utteranceID: turn.utteranceID, speaker: turn.speaker, at: turn.at, emotions: signal.emotions,
            polarity: signal.polarity, cues: cues, explanations: signal.explanations, stress: stress, smoothedStress: smoothed, trend: trend,
            intent: turn.speaker == .customer ? guide.callIntent : nil, language: language)
        guard turn.speaker == .customer else { return [.signal(reading)] }
        guide.noteCustomerSignal(reading)
        return [.signal(reading)] + evaluateRules(now: turn.at, triggeredBy: [turn.utteranceID], timeBasedOnly: false)
    }

    /// One turn read in `language`: English with the analyzer's own model and cues, another language with its model and
    /// phrase book, and a language the engine does not read as no reading at all, marked as such.
    private func read(_ text: String, in language: String, soured: Bool) -> TurnReading {
        if language == "en" { return TurnReading(text, model: textModel, cues: cueDetector, turn: true, soured: soured) }
        guard let model = languages.textModels[language], let cues = CueDetector(language: language) else {
            return TurnReading(unreadIn: language)
        }
        return TurnReading(text, model: model, cues: cues, turn: true, soured: soured)
    }

    // MARK: Voice

    /// Decodes a frame into its track's voice windows.
    private mutating func listen(_ frame: AudioFrame) -> [VoiceWindow] {
        switch frame.track {
        case .customer:
            if customerAudio == nil { customerAudio = AudioFeeder(callID: callID, track: .customer) }
            return customerAudio!.add(frame)
        case .agent:
            if agentAudio == nil { agentAudio = AudioFeeder(callID: callID, track: .agent) }
            return agentAudio!.add(frame)
        case .bot:
            return []
        }
    }

    /// Applies one voice window: the voice signal, then alerts climbing and the rules that can change with it, at the
    /// window's end.
    private mutating func apply(_ window: VoiceWindow) -> [EngineOutput] {
        let now = window.at + window.durationMs
        var outputs: [EngineOutput] = [.voice(state.addVoice(window))]
        outputs += climbUnacknowledged(now: now)
        outputs += evaluateRules(now: now, triggeredBy: [], timeBasedOnly: true, voice: window.track == .customer)
        return outputs
    }

    // MARK: Rules

    /// `timeBasedOnly` limits the rules to those that can change with time alone, and `voice` adds those on voice signals.
    private mutating func evaluateRules(now: Int, triggeredBy utterances: [String], timeBasedOnly: Bool, voice: Bool = false) -> [EngineOutput] {
        guard !state.customerTurns.isEmpty || !state.voiceReadings.isEmpty else { return [] }
        var firing: [(rule: Rule, reasons: [Reason])] = []
        // The rules are read in place (a `Rule` copied out for each turn costs a retain and a release of each of its
        // fields); only a rule that fires is copied.
        let rules = policy.rules
        for index in rules.indices {
            if timeBasedOnly && !ruleInputs[index].time && !(voice && ruleInputs[index].voice) { continue }
            if let call = state.call, !rules[index].filters.admitsEverything, !rules[index].filters.admits(call) { continue }
            // Whether it holds first; its reasons (words for each condition met) only for a rule that fires.
            let holds = evaluate(rules[index].condition, now: now, explain: false).holds
            if disarmed.contains(rules[index].id) {
                if !holds && state.smoothedStress < policy.rearmBelow(for: rules[index]) { disarmed.remove(rules[index].id) }
                continue
            }
            guard holds else { continue }
            if let last = lastFired[rules[index].id], now - last < policy.cooldownMs(for: rules[index]) { continue }
            firing.append((rules[index], evaluate(rules[index].condition, now: now, explain: true).reasons))
        }
        // Highest tier first: when a turn warrants a supervisor and a coaching hint, the supervisor's alert is raised
        // and the hint folds into it, rather than two alerts for one moment. Policy order breaks ties.
        let causes = utterances.isEmpty ? state.customerTurns.suffix(1).map(\.utteranceID) : utterances
        var outputs: [EngineOutput] = []
        for (rule, reasons) in firing.enumerated().sorted(by: { ($0.element.rule.tier, -$0.offset) > ($1.element.rule.tier, -$1.offset) }).map(
            \.element)
        {
            disarmed.insert(rule.id)
            lastFired[rule.id] = now
            outputs.append(.decision(fire(rule, reasons: reasons, now: now, utterances: causes)))
        }
        return outputs
    }

    /// Raises an alert for the rule, or folds the firing into an open alert of its tier or higher (de-duplication),
    /// or into the last alert of its tier while that tier cools down.
    private mutating func fire(_ rule: Rule, reasons: [Reason], now: Int, utterances: [String]) -> Decision {
        var kind = Decision.Kind.raised
        let alertID: String
        if let open = alerts.last(where: { $0.state == .open && $0.tier >= rule.tier }) {
            kind = .folded
            alertID = open.id
        } else if let senior = alerts.last(where: {
            $0.state == .acknowledged && $0.tier > rule.tier && now - $0.raisedAt < policy.settings(for: $0.tier).cooldownMs
        }) {
            // Someone senior acknowledged an alert on this call moments ago and is on it: a lower tier's rule adds to that
            // alert rather than raising one of its own.
            kind = .folded
            alertID = senior.id
        } else if let last = lastRaised[rule.tier], now - last < policy.settings(for: rule.tier).cooldownMs,
            let recent = alerts.last(where: { $0.tier == rule.tier })
        {
            kind = .folded
            alertID = recent.id
        } else {
            alertID = raise(rule.tier, rule: rule.id, now: now)
        }
        return Decision(
            callID: callID, at: now, kind: kind, tier: rule.tier, rule: rule.id, alertID: alertID, reasons: reasons, utteranceIDs: utterances,
            guidance: rule.say, responses: rule.responses)
    }

    private mutating func raise(_ tier: Tier, rule: String, now: Int) -> String {
        let id = "\(callID)-a\(alerts.count + 1)"
        alerts.append(Alert(id: id, tier: tier, rule: rule, raisedAt: now, state: .open))
        lastRaised[tier] = now
        return id
    }

    /// Open alerts past their tier's acknowledgement time climb to the next tier.
    private mutating func climbUnacknowledged(now: Int) -> [EngineOutput] {
        var outputs: [EngineOutput] = []
        for index in alerts.indices where alerts[index].state == .open {
            let alert = alerts[index]
            guard let limit = policy.settings(for: alert.tier).acknowledgeWithinMs, now - alert.raisedAt >= limit, let next = alert.tier.next else {
                continue
            }
            alerts[index].state = .climbed
            // Climbing into a tier that already has an open alert joins it rather than raising a second one.
            let existing = alerts.last { $0.state == .open && $0.tier >= next }
            let id = existing?.id ?? raise(next, rule: alert.rule, now: now)
            let waited = (now - alert.raisedAt) / 1000 * 1000
            let reason = Reason(
                condition: "\(alert.tier.rawValue) alert not acknowledged within \(PolicyDuration.text(limit))",
                observed: "\(alert.id) unacknowledged for \(PolicyDuration.text(waited))")
            outputs.append(
                .decision(
                    Decision(
                        callID: callID, at: now, kind: existing == nil ? .climbed : .folded, tier: next, rule: "acknowledgement-timeout",
                        alertID: id, reasons: [reason], utteranceIDs: state.customerTurns.suffix(1).map(\.utteranceID), guidance: nil,
                        responses: [], climbedFrom: alert.id)))
        }
        return outputs
    }

    // MARK: Conditions

    /// Whether the condition holds now, and with `explain` the reasons: each satisfied leaf with what was observed (none
    /// without it: most rules are asked on every turn and hold or fire rarely).
    func evaluate(_ condition: Condition, now: Int, explain: Bool) -> (holds: Bool, reasons: [Reason]) {
        switch condition {
        case .all(let members):
            var reasons: [Reason] = []
            for member in members {
                let (holds, why) = evaluate(member, now: now, explain: explain)
                guard holds else { return (false, []) }
                reasons += why
            }
            return (true, reasons)
        case .any(let members):
            var reasons: [Reason] = []
            var anyHeld = false
            for member in members {
                let (holds, why) = evaluate(member, now: now, explain: explain)
                if holds {
                    // Without reasons to gather, the first member that holds settles it.
                    if !explain { return (true, []) }
                    anyHeld = true
                    reasons += why
                }
            }
            return (anyHeld, reasons)
        case .none(let members):
            let noneHeld = !members.contains { evaluate($0, now: now, explain: false).holds }
            return noneHeld ? (true, explained(explain, condition, "none held")) : (false, [])
        case .threshold(let threshold):
            return evaluateThreshold(threshold, condition: condition, now: now, explain: explain)
        case .trend(let trend):
            let slope = state.trend
            return trend.isMet(bySlope: slope) && state.customerTurns.count >= 2
                ? (true, explained(explain, condition, "slope \(Self.number(slope)) a turn")) : (false, [])
        case .cue(let cueCondition):
            let recent = state.customerTurns.suffix(cueCondition.withinTurns)
            let matches = recent.flatMap { $0.cues.filter(cueCondition.matches) }
            guard matches.count >= cueCondition.atLeast else { return (false, []) }
            return (
                true,
                explained(explain, condition, matches.map { "\"\($0.text)\"" + ($0.conditional ? " (conditional)" : "") }.joined(separator: ", "))
            )
        case .repeats(let atLeast):
            return state.repeatCount >= atLeast ? (true, explained(explain, condition, "\(state.repeatCount) repeats")) : (false, [])
        case .history(let history):
            return history.isMet(by: state.call?.history)
                ? (true, explained(explain, condition, "history risk \(Self.number(state.historyRisk))")) : (false, [])
        case .recovering(let wanted):
            return state.isRecovering == wanted ? (true, explained(explain, condition, "stress \(Self.number(state.smoothedStress))")) : (false, [])
        }
    }

    /// The reason for a condition met, what was observed written only when it is wanted.
    private func explained(_ explain: Bool, _ condition: Condition, _ observed: @autoclosure () -> String) -> [Reason] {
        explain ? [Reason(condition: condition.description, observed: observed())] : []
    }

    private func evaluateThreshold(_ threshold: SignalThreshold, condition: Condition, now: Int, explain: Bool) -> (holds: Bool, reasons: [Reason]) {
        let turns = state.customerTurns
        guard let current = state.reading(threshold.signal), threshold.isMet(by: current) else { return (false, []) }
        let name = threshold.signal.rawValue
        switch threshold.sustain {
        case nil:
            return (
                true,
                explained(explain, condition, "\(name) \(Self.number(current))" + voiceDetail(threshold.signal) + frictionDetail(threshold.signal))
            )
        case .turns(let count):
            guard turns.count >= count else { return (false, []) }
            let values = (turns.count - count..<turns.count).compactMap { state.reading(threshold.signal, at: $0) }
            guard values.count == count, values.allSatisfy(threshold.isMet) else { return (false, []) }
            return (true, explained(explain, condition, "\(name) " + values.map(Self.number).joined(separator: ", ")))
        case .milliseconds(let duration) where threshold.signal.isVoice && !state.voiceMoments.isEmpty:
            guard let held = state.voiceHeld(threshold, now: now), held >= duration else { return (false, []) }
            let speech = PolicyDuration.text(held / 100 * 100)
            return (
                true,
                explained(
                    explain, condition, "\(name) \(Self.number(current)) for \(speech) of the customer's speech" + voiceDetail(threshold.signal))
            )
        case .milliseconds(let duration):
            var first = turns.count - 1
            while first > 0, let value = state.reading(threshold.signal, at: first - 1), threshold.isMet(by: value) { first -= 1 }
            let held = now - turns[first].at
            guard held >= duration else { return (false, []) }
            return (true, explained(explain, condition, "\(name) \(Self.number(current)) for \(PolicyDuration.text(held))"))
        }
    }

    /// What a voice signal's value rests on, for its reason: the words' and the voice's parts of a fused stress, and the
    /// voice cues that moved most from the customer's baseline (" (words 0.31, voice 0.97: loudness +2.4σ, roughness
    /// +1.9σ)"). Empty for other signals.
    private func voiceDetail(_ signal: SignalName) -> String {
        guard signal.isVoice, let reading = state.customerVoice.confident else { return "" }
        let cues = reading.drivers.filter { $0.contribution >= 0.25 }.prefix(2).map {
            "\($0.cue.rawValue) \($0.z >= 0 ? "+" : "")\(Self.number($0.z))σ"
        }
        let voice = "voice \(Self.number(reading.arousal))" + (cues.isEmpty ? "" : ": " + cues.joined(separator: ", "))
        guard signal == .fusedStress, let words = state.customerTurns.last?.readings[.stress] else { return " (\(voice))" }
        return " (words \(Self.number(words)), \(voice))"
    }

    /// The signs behind friction, strongest first: " (rejection "not interested" at u5; asks again what u3 asked at u7)".
    private func frictionDetail(_ signal: SignalName) -> String {
        guard signal == .friction else { return "" }
        let signs = state.flow.strongestSigns.prefix(3).map {
            "\($0.kind.rawValue.split(separator: "_").joined(separator: " ")) \($0.detail) at \($0.utteranceID)"
        }
        return signs.isEmpty ? "" : " (" + signs.joined(separator: "; ") + ")"
    }

    static func number(_ value: Double) -> String { JSONText.probability((value * 100).rounded() / 100) }
}
