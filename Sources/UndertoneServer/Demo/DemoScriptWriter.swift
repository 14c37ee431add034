import Foundation
import UndertoneEngine

/// Writes simulated contacts one after another from the scripts, filling them with seeded random names, amounts,
/// order numbers and timings. The same seed writes the same calls in the same order.
public struct DemoScriptWriter: Sendable {
    /// Calls written so far.
    public private(set) var written = 0
    private var random: DemoRandom
    private let runID: String
    private let channelMix: DemoChannelMix
    private let voice: Bool
    private let agents: [String: [DemoAgent]]
    private let leaders: [String: (supervisor: String, manager: String)]
    private var recentCustomers: [DemoCustomer] = []

    public init(seed: UInt64, runID: String, channelMix: DemoChannelMix = DemoChannelMix(), voice: Bool = true) {
        var random = DemoRandom(seed: seed)
        var agents: [String: [DemoAgent]] = [:]
        var leaders: [String: (String, String)] = [:]
        var number = 100
        for desk in DemoScenario.Desk.allCases {
            for team in desk.teams {
                agents[team] = (0..<5).map { _ in
                    number += 1
                    return DemoAgent(id: "ag-\(number)", name: random.pick(DemoCast.firstNames), team: team, voice: DemoVoice.random(using: &random))
                }
                leaders[team] = (random.pick(DemoCast.firstNames), random.pick(DemoCast.firstNames))
            }
        }
        self.random = random
        self.runID = runID
        self.channelMix = channelMix
        self.voice = voice
        self.agents = agents
        self.leaders = leaders
    }

    /// The next call.
    public mutating func next() -> DemoCall {
        written += 1
        let callID = "\(runID)-\(String(format: "%05d", written))"
        let channel = random.pick(weighted: channelMix.weighted)
        let candidates = DemoScenario.all.filter { $0.channels.contains(channel) }
        let scenario = random.pick(weighted: candidates.map { ($0, $0.weight) })
        return write(scenario, callID: callID, channel: channel)
    }

    /// The call a scenario gives on a channel.
    mutating func write(_ scenario: DemoScenario, callID: String, channel: Channel) -> DemoCall {
        let desk = scenario.desk
        let team = random.pick(desk.teams)
        let agent = random.pick(agents[team] ?? [])
        let british = random.chance(0.5)
        let (customer, returning) = customer(for: scenario)
        var values = placeholders(channel: channel, british: british)
        values["customer"] = customer.firstName
        values["surname"] = customer.surname
        values["agent"] = agent.name
        values["supervisor"] = leaders[team]?.supervisor ?? "Sam"
        values["manager"] = leaders[team]?.manager ?? "Alex"
        values["company"] = random.pick(desk.companies)

        let history = history(returning: returning, repeatContact: scenario.repeatContact)
        var events: [CallEvent] = [
            .callStarted(
                CallStarted(
                    callID: callID, channel: channel, customerID: customer.id, queue: desk.queue, language: british ? "en-GB" : "en-US",
                    industry: desk.industry, agentID: scenario.agentless ? nil : agent.id, team: scenario.agentless ? nil : team, history: history))
        ]
        var speech: [DemoSpeech] = []
        var time = channel == .voice ? random.int(600...1_500) : 0
        var utterance = 0
        var speakerAfterTransfer: DemoVoice?
        for line in scenario.lines {
            switch line {
            case .customer(let stress, let texts):
                utterance += 1
                let level = random.uniform(stress)
                time = say(
                    fill(random.pick(texts), values), speaker: .customer, stress: level, voice: customer.voice, channel: channel, time: time,
                    utterance: utterance, callID: callID, events: &events, speech: &speech)
            case .agent(let texts):
                utterance += 1
                time = say(
                    fill(random.pick(texts), values), speaker: .agent, stress: random.uniform(0.04...0.12),
                    voice: speakerAfterTransfer ?? agent.voice,
                    channel: channel, time: time, utterance: utterance, callID: callID, events: &events, speech: &speech)
            case .bot(let texts):
                utterance += 1
                time = say(
                    fill(random.pick(texts), values), speaker: .bot, stress: 0, voice: agent.voice, channel: channel, time: time,
                    utterance: utterance,
                    callID: callID, events: &events, speech: &speech)
            case .hold(let seconds):
                time += random.int(300...900)
                events.append(.agentAction(AgentAction(callID: callID, at: time, action: .holdStart)))
                time += random.int(seconds) * 1_000
                events.append(.agentAction(AgentAction(callID: callID, at: time, action: .holdEnd)))
            case .transfer(let target, let note):
                time += random.int(300...1_200)
                events.append(.agentAction(AgentAction(callID: callID, at: time, action: .transfer, target: target, note: note)))
                // Whoever picks the call up has a voice of their own.
                speakerAfterTransfer = DemoVoice.random(using: &random)
            case .wait(let seconds):
                time += random.int(seconds) * 1_000
            }
        }
        time += random.int(800...3_000)
        let survey = scenario.survey.flatMap { range in random.chance(scenario.surveyChance) ? random.int(range) : nil }
        events.append(.callEnded(CallEnded(callID: callID, at: time, disposition: random.pick(scenario.dispositions), survey: survey)))
        // Recognisers finish a turn a little after the next speaker starts: keep the log in time order.
        let ordered =
            [events[0]] + events.dropFirst().dropLast().enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            + [events[events.count - 1]]
        let gap = channel == .voice ? random.int(2_000...15_000) : random.int(5_000...30_000)
        return DemoCall(callID: callID, scenario: scenario.id, events: ordered, speech: voice ? speech : [], gapBeforeMs: gap)
    }

    /// Adds one turn (with a partial first, sometimes, on a voice call) and its speech; returns when the speaker stopped.
    private mutating func say(
        _ text: String, speaker: SpeakerRole, stress: Double, voice: DemoVoice, channel: Channel, time: Int, utterance: Int, callID: String,
        events: inout [CallEvent], speech: inout [DemoSpeech]
    ) -> Int {
        let id = "u-\(utterance)"
        switch channel {
        case .voice:
            let spoken = Self.spoken(text)
            let words = spoken.split(separator: " ")
            // Stressed customers come in faster; everyone takes a breath between turns.
            let start = time + random.int(speaker == .customer ? Int(250 + 500 * (1 - stress))...Int(600 + 900 * (1 - stress)) : 400...1_100)
            let syllablesPerSecond = DemoVoiceSynthesizer.Style(stress: stress).syllablesPerSecond
            let length = Int(Double(words.count) * 1.45 / syllablesPerSecond * 1_000 * 1.25) + 300
            let end = start + length
            if words.count >= 8, random.chance(0.5) {
                let partial = words.prefix(words.count / 2).joined(separator: " ")
                events.append(
                    .turn(
                        Turn(
                            callID: callID, at: start + length / 2, utteranceID: id, speaker: speaker, text: partial, startMs: start,
                            endMs: start + length / 2,
                            isFinal: false, confidence: Self.round(random.uniform(0.6...0.8)))))
            }
            events.append(
                .turn(
                    Turn(
                        callID: callID, at: end + random.int(150...600), utteranceID: id, speaker: speaker, text: spoken, startMs: start, endMs: end,
                        confidence: Self.round(random.uniform(0.8...0.97)))))
            if speaker != .bot {
                speech.append(DemoSpeech(track: speaker, startMs: start, endMs: end, stress: stress, voice: voice, seed: random.fork()))
            }
            return end
        case .chat, .email:
            let typed = Double(text.count) / (channel == .chat ? 4.0 : 6.0)
            let thinking: ClosedRange<Int> =
                speaker == .bot ? 800...2_500 : channel == .chat ? (speaker == .customer ? 5_000...20_000 : 8_000...25_000) : 40_000...120_000
            let at = time + random.int(thinking) + (speaker == .bot ? 0 : Int(typed * 1_000))
            events.append(.turn(Turn(callID: callID, at: at, utteranceID: id, speaker: speaker, text: text)))
            return at
        }
    }

    /// A new customer, or (for a repeat contact, when there is one) someone from an earlier call on the same desk.
    private mutating func customer(for scenario: DemoScenario) -> (DemoCustomer, returning: Bool) {
        let earlier = recentCustomers.filter { $0.desk == scenario.desk }
        if scenario.repeatContact, !earlier.isEmpty, random.chance(0.8) { return (random.pick(earlier), true) }
        let customer = DemoCustomer(
            id: "cu-\(random.int(10_000...99_999))", firstName: random.pick(DemoCast.firstNames), surname: random.pick(DemoCast.surnames),
            voice: DemoVoice.random(using: &random), desk: scenario.desk)
        recentCustomers.append(customer)
        if recentCustomers.count > 60 { recentCustomers.removeFirst() }
        return (customer, false)
    }

    /// What the CRM knows: a repeat contact has called recently about the same issue and it went badly.
    private mutating func history(returning: Bool, repeatContact: Bool) -> CustomerHistory? {
        if repeatContact {
            return CustomerHistory(
                contacts30d: random.int(returning ? 2...4 : 1...3), escalations90d: random.int(0...1), openFollowUps: random.int(0...1),
                lastSentiment: .negative, repeatIssue: true, segment: random.pick(DemoCast.segments),
                lifetimeValue: Double(random.int(300...6_000)))
        }
        guard random.chance(0.6) else { return nil }
        return CustomerHistory(
            contacts30d: random.int(0...2), lastSentiment: random.pick(weighted: [(Polarity.positive, 2), (.neutral, 5), (.negative, 1)]),
            segment: random.pick(DemoCast.segments), lifetimeValue: Double(random.int(100...5_000)))
    }

    /// Random values for the placeholders, written as the channel writes them (a recogniser's words on a voice call).
    private mutating func placeholders(channel: Channel, british: Bool) -> [String: String] {
        let voice = channel == .voice
        func money(_ range: ClosedRange<Int>) -> String {
            let pounds = random.int(range)
            let pence = random.pick([0, 0, 49, 50, 99, 25, 75, 20])
            if voice {
                let unit = british ? "pounds" : "dollars"
                return pence == 0 ? "\(pounds) \(unit)" : "\(pounds) \(unit) \(pence)"
            }
            return (british ? "£" : "$") + String(format: "%d.%02d", pounds, pence)
        }
        let orderDigits = String(random.int(100_000...999_999))
        let day = random.int(1...28)
        let month = random.pick(DemoCast.months)
        let year = random.int(1948...2002)
        let dob = british ? "\(day) \(month) \(year)" : "\(month) \(day), \(year)"
        let phone =
            british
            ? "07700 900\(random.int(100...999))"
            : "(\(random.pick(["212", "312", "415", "503", "617", "720"]))) 555-0\(random.int(100...199))"
        var weekdays = DemoCast.weekdays
        let first = weekdays.remove(at: random.int(0...weekdays.count - 1))
        return [
            "amount": money(40...480), "amount2": money(5...60), "order": voice ? orderDigits : "PP-\(orderDigits)",
            "account": String(random.int(10_000_000...99_999_999)), "card": Self.cardNumber(using: &random), "phone": phone, "dob": dob,
            "weekday": first, "weekday2": random.pick(weekdays), "city": random.pick(DemoCast.cities), "doctor": random.pick(DemoCast.doctors),
            "years": String(random.int(3...15)), "position": random.pick(["four", "six", "seven", "nine", "twelve"]),
        ]
    }

    /// A 16-digit card number with a valid Luhn check digit, in groups of four: the redactor must catch it.
    static func cardNumber(using random: inout DemoRandom) -> String {
        var digits = [4] + (0..<14).map { _ in random.int(0...9) }
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            // Counting from the right of the number without its check digit, every first, third, … digit is doubled.
            let value = index % 2 == 0 ? digit * 2 : digit
            sum += value > 9 ? value - 9 : value
        }
        digits.append((10 - sum % 10) % 10)
        return stride(from: 0, to: 16, by: 4).map { digits[$0..<$0 + 4].map(String.init).joined() }.joined(separator: " ")
    }

    /// Fills `{name}` placeholders.
    func fill(_ template: String, _ values: [String: String]) -> String {
        var result = template
        for (key, value) in values where result.contains("{\(key)}") { result = result.replacingOccurrences(of: "{\(key)}", with: value) }
        return result
    }

    /// Typed text as a speech recogniser writes it: lower case, no punctuation or apostrophes.
    static func spoken(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            switch character {
            case "'", "’", ".", ",", "!", "?", ";", ":", "(", ")", "\"": continue
            case "-", "/": out.append(" ")
            case "&": out += "and"
            default: out.append(character)
            }
        }
        return out.split(separator: " ").joined(separator: " ")
    }

    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
