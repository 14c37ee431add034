import Foundation
import Testing

@testable import UndertoneEngine

/// The example policy of `docs/policy.md`, with every rule field and the three groups.
private let examplePolicy = """
    name: default
    version: 1
    description: Balanced escalation for general customer service.
    signals:
      smoothing: 0.5
      trendTurns: 4
    tiers:
      coach:      { cooldown: 45s }
      supervisor: { cooldown: 2m, acknowledgeWithin: 90s }
      manager:    { cooldown: 5m }
    rearmBelow: 0.35
    rules:
      - id: frustration-rising
        tier: coach
        description: Minor frustration — coach the agent.
        when:
          all:
            - stress: { above: 0.45 }
          none:
            - recovering: true
        say: Slow down, acknowledge the problem, say what you will do next.
        respond: [empathy_protocol]
      - id: sustained-anger
        tier: supervisor
        when:
          all:
            - stress: { above: 0.6, forTurns: 2 }
            - trend: rising
      - id: cancel-threat
        tier: manager
        when:
          any:
            - cue: { kind: cancel_threat, conditional: false }
            - cue: abuse
            - stress: { above: 0.85 }
        channels: [voice, chat]
        queues: [billing]
        industries: [telecom]
        languages: [en]
        cooldown: 10m
        rearmBelow: 0.2
    """

/// A minimal valid policy around one rule's `when:` (given as lines indented for a rule), for condition tests.
private func policy(when lines: String) -> String {
    """
    name: test
    version: 1
    rules:
      - id: the-rule
        tier: coach
        when:
    \(lines.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n"))
    """
}

private func condition(_ whenLines: String) throws -> Condition {
    try #require(try Policy.parse(yaml: policy(when: whenLines)).rules.first).condition
}

@Suite("Policy presets")
struct PolicyPresetTests {
    @Test("every preset parses with no errors", arguments: Policy.presetNames)
    func presetParses(name: String) throws {
        let yaml = try Policy.presetYAML(named: name)
        #expect(Policy.validate(yaml: yaml) == [])
        let policy = try Policy.preset(named: name)
        #expect(policy.name == name)
        #expect(policy.description?.isEmpty == false)
        #expect(Set(policy.rules.map(\.tier)) == Set(Tier.allCases), "each preset has rules at every tier")
        #expect(yaml.contains("#"), "presets are commented for the reader")
        for rule in policy.rules { #expect(rule.line > 0) }
    }

    @Test("the presets differ from one another")
    func presetsDiffer() throws {
        let policies = try Policy.presetNames.map { try Policy.preset(named: $0) }
        #expect(Set(policies.map { $0.rules.map(\.id) }).count == policies.count)
        let b2b = try Policy.preset(named: "b2b")
        let `default` = try Policy.preset(named: "default")
        #expect(b2b.settings(for: .supervisor).cooldownMs > `default`.settings(for: .supervisor).cooldownMs)
        #expect(b2b.rules.contains { $0.condition.dependsOnTime }, "b2b measures stress over minutes")
    }

    @Test("healthcare: a scared patient reaches a supervisor, never coaching alone")
    func healthcareScared() throws {
        let healthcare = try Policy.preset(named: "healthcare")
        let anxietyThresholds = { (tier: Tier) in
            healthcare.rules.filter { $0.tier == tier }.flatMap(\.condition.leaves).compactMap { leaf -> Double? in
                if case .threshold(let threshold) = leaf, threshold.signal == .anxiety, threshold.direction == .above { return threshold.value }
                return nil
            }
        }
        let coach = try #require(anxietyThresholds(.coach).min())
        let supervisor = try #require(anxietyThresholds(.supervisor).min())
        #expect(coach <= 0.35, "the care protocol starts at lower anxiety than elsewhere")
        #expect(supervisor <= 0.6)
        #expect(healthcare.rule(id: "anxious-patient")?.responses == [.clarityGuidance, .empathyProtocol])
    }

    @Test("banking and ecommerce use history, segments and queues")
    func bankingAndEcommerce() throws {
        let banking = try Policy.preset(named: "banking")
        #expect(banking.rule(id: "regulator-threat")?.tier == .manager)
        let vulnerable = try #require(banking.rule(id: "vulnerable-customer-distress"))
        #expect(vulnerable.condition.leaves.contains(.history(HistoryCondition(segments: ["vulnerable"]))))
        #expect(banking.rule(id: "fraud-worry")?.filters.queues == ["fraud", "cards"])
        let ecommerce = try Policy.preset(named: "ecommerce")
        let valuable = try #require(ecommerce.rule(id: "valuable-customer-leaving"))
        #expect(valuable.tier == .manager)
        #expect(valuable.condition.leaves.contains(.history(HistoryCondition(lifetimeValueAtLeast: 2000))))
        #expect(ecommerce.rule(id: "text-channel-anger")?.filters.channels == [.chat, .email])
        #expect(ecommerce.rule(id: "delivery-or-refund-frustration")?.responses == [.knowledgeBase, .priorityBoost])
    }

    @Test("an unknown preset is refused with a suggestion")
    func unknownPreset() {
        #expect(
            throws: PolicyError(
                message: #"unknown preset "bankng"; did you mean "banking"? (expected default, banking, healthcare, ecommerce or b2b)"#)
        ) {
            try Policy.preset(named: "bankng")
        }
    }
}

@Suite("Policy parsing")
struct PolicyParsingTests {
    @Test("the full example reads into the expected policy")
    func fullExample() throws {
        let policy = try Policy.parse(yaml: examplePolicy)
        let expected = Policy(
            name: "default", version: 1, description: "Balanced escalation for general customer service.",
            signals: SignalSettings(risingWeight: 0.5, fallingWeight: 0.5, trendTurns: 4),
            tiers: [
                .coach: TierSettings(cooldownMs: 45_000), .supervisor: TierSettings(cooldownMs: 120_000, acknowledgeWithinMs: 90_000),
                .manager: TierSettings(cooldownMs: 300_000),
            ],
            rearmBelow: 0.35,
            rules: [
                Rule(
                    id: "frustration-rising", tier: .coach, description: "Minor frustration — coach the agent.",
                    condition: .all([.all([.threshold(SignalThreshold(.stress, .above, 0.45))]), .none([.recovering(true)])]),
                    say: "Slow down, acknowledge the problem, say what you will do next.", responses: [.empathyProtocol], line: 13),
                Rule(
                    id: "sustained-anger", tier: .supervisor,
                    condition: .all([.threshold(SignalThreshold(.stress, .above, 0.6, sustain: .turns(2))), .trend(TrendCondition(.rising))]),
                    line: 23),
                Rule(
                    id: "cancel-threat", tier: .manager,
                    condition: .any([
                        .cue(CueCondition(.cancellationThreat, conditional: false)), .cue(CueCondition(.abuse)),
                        .threshold(SignalThreshold(.stress, .above, 0.85)),
                    ]),
                    filters: RuleFilters(channels: [.voice, .chat], queues: ["billing"], industries: ["telecom"], languages: ["en"]),
                    cooldownMs: 600_000, rearmBelow: 0.2, line: 29),
            ])
        #expect(policy == expected)
        #expect(policy.cooldownMs(for: policy.rules[2]) == 600_000)
        #expect(policy.cooldownMs(for: policy.rules[1]) == 120_000)
        #expect(policy.rearmBelow(for: policy.rules[2]) == 0.2)
        #expect(policy.rearmBelow(for: policy.rules[0]) == 0.35)
        #expect(policy.rule(id: "sustained-anger")?.tier == .supervisor)
    }

    @Test("left-out settings take their defaults")
    func defaults() throws {
        let policy = try Policy.parse(yaml: policy(when: "any:\n  - cue: abuse"))
        #expect(policy.signals == SignalSettings(risingWeight: 0.5, fallingWeight: 0.5, trendTurns: 4))
        #expect(policy.rearmBelow == 0.35)
        #expect(policy.description == nil)
        for tier in Tier.allCases { #expect(policy.settings(for: tier) == TierSettings.defaults(for: tier)) }
        #expect(policy.settings(for: .supervisor) == TierSettings(cooldownMs: 120_000, acknowledgeWithinMs: 90_000))
        let rule = try #require(policy.rules.first)
        #expect(rule.filters.admitsEverything && rule.responses.isEmpty && rule.say == nil && rule.cooldownMs == nil && rule.rearmBelow == nil)
    }

    @Test("a tier given in part keeps its other defaults; acknowledgeWithin: never turns climbing off")
    func tierOverrides() throws {
        let yaml = """
            name: t
            version: 1
            tiers:
              supervisor: { cooldown: 3m }
              coach: { acknowledgeWithin: 2m }
            rules:
              - { id: a, tier: coach, when: { any: [ { cue: abuse } ] } }
            """
        var policy = try Policy.parse(yaml: yaml)
        #expect(policy.settings(for: .supervisor) == TierSettings(cooldownMs: 180_000, acknowledgeWithinMs: 90_000))
        #expect(policy.settings(for: .coach) == TierSettings(cooldownMs: 45_000, acknowledgeWithinMs: 120_000))
        let never = try Policy.parse(yaml: yaml.replacingOccurrences(of: "{ cooldown: 3m }", with: "{ acknowledgeWithin: never }"))
        #expect(never.settings(for: .supervisor) == TierSettings(cooldownMs: 120_000, acknowledgeWithinMs: nil))
        policy.set(TierSettings(cooldownMs: 1), for: .manager)
        #expect(policy.settings(for: .manager).cooldownMs == 1)
    }

    @Test("thresholds on every signal, with and without a sustain")
    func thresholds() throws {
        for signal in SignalName.allCases {
            #expect(try condition("all:\n  - \(signal.rawValue): { below: 0.2 }") == .all([.threshold(SignalThreshold(signal, .below, 0.2))]))
        }
        #expect(
            try condition("all:\n  - anxiety: { above: 0.4, forTurns: 3 }")
                == .all([.threshold(SignalThreshold(.anxiety, .above, 0.4, sustain: .turns(3)))]))
        #expect(
            try condition("all:\n  - stress: { above: 0.5, for: 20s }")
                == .all([.threshold(SignalThreshold(.stress, .above, 0.5, sustain: .milliseconds(20_000)))]))
        #expect(try condition("all:\n  - peak: { above: 1 }") == .all([.threshold(SignalThreshold(.peak, .above, 1))]))
        #expect(
            try condition("all:\n  - stress:\n      above: 0\n      for: 2m")
                == .all([.threshold(SignalThreshold(.stress, .above, 0, sustain: .milliseconds(120_000)))]))
    }

    @Test("trend in all its forms")
    func trends() throws {
        #expect(try condition("all:\n  - trend: rising") == .all([.trend(TrendCondition(.rising, minimumSlope: 0.03))]))
        #expect(try condition("all:\n  - trend: falling") == .all([.trend(TrendCondition(.falling, minimumSlope: 0.03))]))
        #expect(try condition("all:\n  - trend: { rising: 0.05 }") == .all([.trend(TrendCondition(.rising, minimumSlope: 0.05))]))
        #expect(try condition("all:\n  - trend: { falling: 0.1 }") == .all([.trend(TrendCondition(.falling, minimumSlope: 0.1))]))
    }

    @Test("cues in all their forms", arguments: CueKind.allCases)
    func cues(kind: CueKind) throws {
        #expect(try condition("any:\n  - cue: \(kind.rawValue)") == .any([.cue(CueCondition(kind, conditional: nil, withinTurns: 1, atLeast: 1))]))
        #expect(
            try condition("any:\n  - cue: { kind: \(kind.rawValue), conditional: true, withinTurns: 3, atLeast: 2 }")
                == .any([.cue(CueCondition(kind, conditional: true, withinTurns: 3, atLeast: 2))]))
        #expect(
            try condition("any:\n  - cue: { kind: \(kind.rawValue), conditional: false }") == .any([.cue(CueCondition(kind, conditional: false))]))
        #expect(try condition("any:\n  - cue: { kind: \(kind.rawValue), conditional: any }") == .any([.cue(CueCondition(kind, conditional: nil))]))
    }

    @Test("repeats, history and recovering")
    func repeatsHistoryRecovering() throws {
        #expect(try condition("all:\n  - repeats: { atLeast: 2 }") == .all([.repeats(atLeast: 2)]))
        #expect(try condition("all:\n  - recovering: true") == .all([.recovering(true)]))
        #expect(try condition("none:\n  - recovering: false") == .none([.recovering(false)]))
        let history = """
            all:
              - history:
                  contacts30d: { atLeast: 3 }
                  escalations90d: { atLeast: 1 }
                  openFollowUps: { atLeast: 2 }
                  repeatIssue: true
                  lastSentiment: negative
                  segment: [premium, vulnerable]
                  lifetimeValue: { atLeast: 2500.5 }
            """
        #expect(
            try condition(history)
                == .all([
                    .history(
                        HistoryCondition(
                            contacts30dAtLeast: 3, escalations90dAtLeast: 1, openFollowUpsAtLeast: 2, repeatIssue: true, lastSentiment: .negative,
                            segments: ["premium", "vulnerable"], lifetimeValueAtLeast: 2500.5))
                ]))
        #expect(try condition("all:\n  - history: { segment: premium }") == .all([.history(HistoryCondition(segments: ["premium"]))]))
    }

    @Test("groups nest; several groups, or a bare condition under when, must all hold")
    func groups() throws {
        let nested = """
            any:
              - cue: abuse
              - all:
                  - stress: { above: 0.6 }
                  - none:
                      - recovering: true
            """
        #expect(
            try condition(nested)
                == .any([
                    .cue(CueCondition(.abuse)),
                    .all([.threshold(SignalThreshold(.stress, .above, 0.6)), .none([.recovering(true)])]),
                ]))
        #expect(
            try condition("none:\n  - cue: gratitude\nall:\n  - stress: { above: 0.5 }")
                == .all([.none([.cue(CueCondition(.gratitude))]), .all([.threshold(SignalThreshold(.stress, .above, 0.5))])]))
        #expect(try condition("cue: legal_threat") == .cue(CueCondition(.legalThreat)))
        #expect(
            try condition("any:\n  - { all: [ { cue: abuse } ], none: [ { recovering: true } ] }")
                == .any([.all([.all([.cue(CueCondition(.abuse))]), .none([.recovering(true)])])]))
    }

    @Test("conditions read back in words and list their leaves")
    func conditionWords() throws {
        let condition = try condition(
            """
            all:
              - stress: { above: 0.6, forTurns: 2 }
              - trend: rising
              - cue: { kind: cancel_threat, conditional: false, withinTurns: 3, atLeast: 2 }
            any:
              - stress: { below: 0.2, for: 1m30s }
              - repeats: { atLeast: 2 }
              - history: { contacts30d: { atLeast: 3 }, segment: [premium, vulnerable] }
            none:
              - recovering: true
            """)
        #expect(
            condition.description
                == "all of (all of (stress above 0.6 on 2 turns; stress rising (at least 0.03 a turn); cue cancel_threat outright at least 2 within 3 turns); "
                + "any of (stress below 0.2 for 1m30s; repeated issue at least 2 times; history: contacts30d at least 3, segment premium or vulnerable); "
                + "none of (recovering))")
        #expect(condition.leaves.count == 7)
        #expect(condition.dependsOnTime)
        #expect(condition.members.count == 3)
        #expect(Condition.recovering(false).description == "not recovering")
    }

    @Test("rule ids: lower-case letters, digits and hyphens")
    func ruleIDs() {
        #expect(PolicyReader.isRuleID("sustained-anger-2"))
        #expect(!PolicyReader.isRuleID("Sustained"))
        #expect(!PolicyReader.isRuleID("2-fast"))
        #expect(!PolicyReader.isRuleID("under_score"))
        #expect(!PolicyReader.isRuleID(""))
    }

    @Test("tiers are ordered and climb")
    func tiers() {
        #expect(Tier.coach < .supervisor && Tier.supervisor < .manager)
        #expect(Tier.allCases.sorted() == [.coach, .supervisor, .manager])
        #expect(Tier.coach.next == .supervisor && Tier.supervisor.next == .manager && Tier.manager.next == nil)
    }
}

@Suite("Policy durations")
struct PolicyDurationTests {
    @Test(
        "written durations",
        arguments: [
            ("45s", 45_000), ("2m", 120_000), ("1h", 3_600_000), ("1500ms", 1500), ("90", 90_000), ("2.5", 2500), ("1m30s", 90_000),
            ("1.5m", 90_000), ("0", 0), ("0s", 0), ("1h 30m", 5_400_000), ("250ms", 250),
        ])
    func written(text: String, milliseconds: Int) {
        #expect(PolicyDuration.milliseconds(text) == milliseconds)
    }

    @Test("not durations", arguments: ["", "s", "2 mins", "-5s", "30s1m", "1m1m", "5d", "1e3", "1:30", "abc", "1.2.3s", "m5"])
    func notDurations(text: String) {
        #expect(PolicyDuration.milliseconds(text) == nil)
    }

    @Test("durations written back shortest")
    func text() {
        #expect(PolicyDuration.text(45_000) == "45s")
        #expect(PolicyDuration.text(120_000) == "2m")
        #expect(PolicyDuration.text(90_000) == "1m30s")
        #expect(PolicyDuration.text(3_600_000) == "1h")
        #expect(PolicyDuration.text(1500) == "1500ms")
        #expect(PolicyDuration.text(0) == "0s")
    }

    @Test("durations in a policy: a plain number is seconds")
    func inPolicy() throws {
        let yaml = """
            name: t
            version: 1
            tiers:
              coach: { cooldown: 90 }
              supervisor: { cooldown: 1m30s, acknowledgeWithin: ACK }
            rules:
              - id: a
                tier: coach
                cooldown: 2.5
                when:
                  all:
                    - stress: { above: 0.5, for: 1h }
            """
        let policy = try Policy.parse(yaml: yaml.replacingOccurrences(of: "ACK", with: "1500"))
        #expect(policy.settings(for: .coach).cooldownMs == 90_000)
        #expect(policy.settings(for: .supervisor) == TierSettings(cooldownMs: 90_000, acknowledgeWithinMs: 1_500_000))
        #expect(policy.rules[0].cooldownMs == 2500)
        #expect(policy.rules[0].condition == .all([.threshold(SignalThreshold(.stress, .above, 0.5, sustain: .milliseconds(3_600_000)))]))
        // Half a second is too short to wait for an acknowledgement.
        let tooShort = Policy.validate(yaml: yaml.replacingOccurrences(of: "ACK", with: "500ms"))
        #expect(tooShort.map(\.message) == [#""acknowledgeWithin" must be from 1s to 1h, not 500ms"#])
        #expect(tooShort.map(\.line) == [5])
    }
}

/// One broken policy: the YAML, the line the error must name, and the message.
struct BrokenPolicy: Sendable, CustomTestStringConvertible {
    var yaml: String
    var line: Int
    var message: String
    var testDescription: String { "line \(line): \(message)" }

    init(_ line: Int, _ message: String, _ yaml: String) {
        self.yaml = yaml
        self.line = line
        self.message = message
    }

    /// A policy whose first rule has these extra lines (indented as rule keys); the rule starts on line 4.
    static func rule(_ line: Int, _ message: String, _ ruleLines: String) -> BrokenPolicy {
        let indented = ruleLines.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        return BrokenPolicy(line, message, "name: t\nversion: 1\nrules:\n  - id: r\n\(indented)")
    }
}

private let when = "when:\n  all:\n    - cue: abuse"

@Suite("Policy validation")
struct PolicyValidationTests {
    static let cases: [BrokenPolicy] = [
        BrokenPolicy(3, "YAML syntax: did not find expected key (while parsing a block mapping from line 1)", "rules:\n  - id: a\n tier: coach\n"),
        BrokenPolicy(
            2,
            "YAML syntax: found a tab character that violates indentation (while scanning a plain scalar from line 1); indent with spaces, not tabs",
            "name: t\n\tversion: 1\n"),
        BrokenPolicy(1, "the policy is empty: it needs at least name, version and rules", "# nothing here\n"),
        BrokenPolicy(1, "a policy must be a mapping of keys (name:, version:, rules: …), not a single value or a list", "- name: t\n"),
        BrokenPolicy(3, #"key "version" appears twice in the same mapping (first on line 2)"#, "name: t\nversion: 1\nversion: 1\nrules: []\n"),
        BrokenPolicy(
            2, "unsupported policy version 2 (this build reads version 1)",
            "name: t\nversion: 2\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            3, #"unknown key "rule"; did you mean "rules"? (expected name, version, description, signals, tiers, rearmBelow or rules)"#,
            "name: t\nversion: 1\nrule:\n  - { id: a, tier: coach, when: { cue: abuse } }\nrules:\n  - { id: b, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(1, "the policy needs a version (version: 1)", "name: t\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            4, #""smoothing" must be greater than 0 and at most 1, not 0"#,
            "name: t\nversion: 1\nsignals:\n  smoothing: 0\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            4, #""smoothing.falling" must be greater than 0 and at most 1, not 1.5"#,
            "name: t\nversion: 1\nsignals:\n  smoothing: { rising: 0.7, falling: 1.5 }\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            4, #"unknown key "rise" in "smoothing" (expected rising or falling)"#,
            "name: t\nversion: 1\nsignals:\n  smoothing: { rise: 0.7 }\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            4, #""trendTurns" must be from 2 to 20, not 1"#,
            "name: t\nversion: 1\nsignals:\n  trendTurns: 1\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            4, #""trendTurns" must be a whole number, not "2.5""#,
            "name: t\nversion: 1\nsignals:\n  trendTurns: 2.5\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            4, #"unknown tier "boss" (expected coach, supervisor or manager)"#,
            "name: t\nversion: 1\ntiers:\n  boss: { cooldown: 1m }\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            4, #"unknown key "cooldwn" in "tiers.coach"; did you mean "cooldown"? (expected cooldown or acknowledgeWithin)"#,
            "name: t\nversion: 1\ntiers:\n  coach: { cooldwn: 1m }\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            5, #""cooldown" is not a duration: "2 mins" (write e.g. 45s, 2m, 1h, 1500ms or a number of seconds)"#,
            "name: t\nversion: 1\ntiers:\n  coach:\n    cooldown: 2 mins\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            4, "manager is the top tier, so its alerts have nowhere to climb: leave out acknowledgeWithin",
            "name: t\nversion: 1\ntiers:\n  manager: { acknowledgeWithin: 1m }\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            3, #""rearmBelow" must be from 0 to 1, not 1.2"#,
            "name: t\nversion: 1\nrearmBelow: 1.2\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(3, #""rules" is empty: a policy needs at least one rule"#, "name: t\nversion: 1\nrules: []\n"),
        .rule(5, #"rule "r": unknown tier "boss" (expected coach, supervisor or manager)"#, "tier: boss\n\(when)"),
        .rule(
            5, #"rule "r": unknown tier "supervsior"; did you mean "supervisor"? (expected coach, supervisor or manager)"#,
            "tier: supervsior\n\(when)"),
        .rule(
            6,
            #"rule "r": unknown key "thresold" (expected id, tier, description, when, say, respond, cooldown, rearmBelow, channels, queues, industries or languages)"#,
            "tier: coach\nthresold: 0.5\n\(when)"),
        .rule(4, #"rule "r": needs a "when" saying what makes it fire"#, "tier: coach\nsay: hello"),
        .rule(4, "rule \"r\": needs a tier (coach, supervisor or manager)", when),
        .rule(
            8,
            #"rule "r": unknown condition "stres"; did you mean "stress"? (expected stress, frustration, confusion, anxiety, sadness, satisfaction, peak, historyRisk, vocalStress, fusedStress, mismatch, friction, trend, cue, repeats, history, recovering, all, any or none)"#,
            "tier: coach\nwhen:\n  all:\n    - stres: { above: 0.5 }"),
        .rule(
            8, #"rule "r": "stress" takes above or below, not both (write two conditions for a band)"#,
            "tier: coach\nwhen:\n  all:\n    - stress: { above: 0.5, below: 0.9 }"),
        .rule(8, #"rule "r": "stress" needs { above: X } or { below: X }"#, "tier: coach\nwhen:\n  all:\n    - stress: { forTurns: 2 }"),
        .rule(8, #"rule "r": "stress" needs { above: X } or { below: X }, not "0.5""#, "tier: coach\nwhen:\n  all:\n    - stress: 0.5"),
        .rule(9, #"rule "r": "above" must be from 0 to 1, not 1.5"#, "tier: coach\nwhen:\n  all:\n    - stress:\n        above: 1.5"),
        .rule(8, #"rule "r": "above" must be a number, not "high""#, "tier: coach\nwhen:\n  all:\n    - stress: { above: high }"),
        .rule(
            8, #"rule "r": "stress" takes forTurns or for, not both"#,
            "tier: coach\nwhen:\n  all:\n    - stress: { above: 0.5, forTurns: 2, for: 10s }"),
        .rule(8, #"rule "r": "forTurns" must be from 1 to 50, not 0"#, "tier: coach\nwhen:\n  all:\n    - stress: { above: 0.5, forTurns: 0 }"),
        .rule(8, #"rule "r": "for" must be from 1s to 1h, not 2h"#, "tier: coach\nwhen:\n  all:\n    - stress: { above: 0.5, for: 2h }"),
        .rule(8, #"rule "r": "for" must be from 1s to 1h, not 700ms"#, "tier: coach\nwhen:\n  all:\n    - stress: { above: 0.5, for: 700ms }"),
        .rule(
            8, #"rule "r": "for" must be from 500ms to 1h, not 300ms"#,
            "tier: coach\nwhen:\n  all:\n    - vocalStress: { above: 0.9, for: 300ms }"),
        .rule(
            8, #"rule "r": "for" is not a duration: "soon" (write e.g. 45s, 2m, 1h, 1500ms or a number of seconds)"#,
            "tier: coach\nwhen:\n  all:\n    - stress: { above: 0.5, for: soon }"),
        .rule(
            8, #"rule "r": unknown key "over" in "stress" (expected above, below, forTurns or for)"#,
            "tier: coach\nwhen:\n  all:\n    - stress: { over: 0.5, above: 0.1 }"),
        .rule(8, #"rule "r": unknown trend "up" (expected rising or falling)"#, "tier: coach\nwhen:\n  all:\n    - trend: up"),
        .rule(8, #"rule "r": "rising" must be from 0 to 1, not 2"#, "tier: coach\nwhen:\n  all:\n    - trend: { rising: 2 }"),
        .rule(
            8,
            #"rule "r": unknown cue "cancel-threat"; did you mean "cancel_threat"? (expected cancel_threat, cancel_request, supervisor_request, legal_threat, repeat_contact, abuse, profanity, stated_anger, sarcasm, confusion, correction, rejection, giving_up, unanswered, cannot_help, gratitude, resolution or unsupported_language)"#,
            "tier: coach\nwhen:\n  any:\n    - cue: cancel-threat"),
        .rule(
            8, #"rule "r": "conditional" must be true, false or any, not "maybe""#,
            "tier: coach\nwhen:\n  any:\n    - cue: { kind: abuse, conditional: maybe }"),
        .rule(
            8,
            #"rule "r": "cue" needs a kind (cancel_threat, cancel_request, supervisor_request, legal_threat, repeat_contact, abuse, profanity, stated_anger, sarcasm, confusion, correction, rejection, giving_up, unanswered, cannot_help, gratitude, resolution or unsupported_language)"#,
            "tier: coach\nwhen:\n  any:\n    - cue: { atLeast: 2 }"),
        .rule(8, #"rule "r": "atLeast" must be from 1 to 20, not 0"#, "tier: coach\nwhen:\n  any:\n    - cue: { kind: abuse, atLeast: 0 }"),
        .rule(8, #"rule "r": "repeats" needs { atLeast: N }"#, "tier: coach\nwhen:\n  any:\n    - repeats: 2"),
        .rule(8, #"rule "r": "contacts30d" needs { atLeast: N }"#, "tier: coach\nwhen:\n  any:\n    - history: { contacts30d: 3 }"),
        .rule(
            9, #"rule "r": unknown sentiment "angry" (expected negative, neutral or positive)"#,
            "tier: coach\nwhen:\n  any:\n    - history:\n        lastSentiment: angry"),
        .rule(
            9,
            #"rule "r": unknown key "segments" in "history"; did you mean "segment"? (expected contacts30d, escalations90d, openFollowUps, repeatIssue, lastSentiment, segment or lifetimeValue)"#,
            "tier: coach\nwhen:\n  any:\n    - history:\n        segments: [premium]"),
        .rule(
            8,
            #"rule "r": "history" is empty: give one or more of contacts30d, escalations90d, openFollowUps, repeatIssue, lastSentiment, segment or lifetimeValue"#,
            "tier: coach\nwhen:\n  any:\n    - history: {}"),
        .rule(8, #"rule "r": "recovering" must be true or false, not "perhaps""#, "tier: coach\nwhen:\n  none:\n    - recovering: perhaps"),
        .rule(7, #"rule "r": "all" is an empty group: list at least one condition"#, "tier: coach\nwhen:\n  all: []"),
        .rule(6, #"rule "r": "when" is empty: give it all:, any: or none: with a list of conditions"#, "tier: coach\nwhen: {}"),
        .rule(7, #"rule "r": "any" must be a list of conditions, each starting with "- ""#, "tier: coach\nwhen:\n  any:\n    cue: abuse"),
        .rule(
            8, #"rule "r": each item of "all" must be a condition such as "- stress: { above: 0.6 }", not "recovering""#,
            "tier: coach\nwhen:\n  all:\n    - recovering"),
        .rule(
            9, #"rule "r": one condition per item: start "trend" on a line of its own with "- ""#,
            "tier: coach\nwhen:\n  any:\n    - stress: { above: 0.6 }\n      trend: rising"),
        .rule(
            6,
            #"rule "r": unknown response "empathy"; did you mean "empathy_protocol"? (expected clarity_guidance, empathy_protocol, priority_boost, knowledge_base or follow_up)"#,
            "tier: coach\nrespond: [empathy]\n\(when)"),
        .rule(
            8, #"rule "r": "empathy_protocol" is listed twice in "respond""#,
            "tier: coach\nrespond:\n  - empathy_protocol\n  - empathy_protocol\n\(when)"),
        .rule(6, #"rule "r": unknown channel "phone" (expected voice, chat or email)"#, "tier: coach\nchannels: [voice, phone]\n\(when)"),
        .rule(6, #"rule "r": "queues" is an empty list: list at least one value, or leave "queues" out"#, "tier: coach\nqueues: []\n\(when)"),
        .rule(6, #"rule "r": "en_GB" is not a language tag (write e.g. en, en-GB, fr)"#, "tier: coach\nlanguages: [en_GB]\n\(when)"),
        .rule(6, #"rule "r": "cooldown" must be from 0s to 1h, not 2h"#, "tier: coach\ncooldown: 2h\n\(when)"),
        .rule(6, #"rule "r": "say" has no value"#, "tier: coach\nsay:\n\(when)"),
        BrokenPolicy(
            4, #"rule 1: rule id "Sustained_Anger" must be lower-case letters, digits and hyphens, starting with a letter (e.g. sustained-anger)"#,
            "name: t\nversion: 1\nrules:\n  - id: Sustained_Anger\n    tier: coach\n    when: { cue: abuse }"),
        BrokenPolicy(
            6, #"rule 2: rule id "a" is already used by the rule on line 4"#,
            "name: t\nversion: 1\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }\n  - tier: coach\n    id: a\n    when: { cue: abuse }"),
        BrokenPolicy(
            5, "rule 2: needs an id (lower-case words joined by hyphens, e.g. sustained-anger)",
            "name: t\nversion: 1\nrules:\n  - { id: a, tier: coach, when: { cue: abuse } }\n  - { tier: coach, when: { cue: abuse } }"),
        BrokenPolicy(
            4, "rule 1: must be a mapping of keys (id:, tier:, when: …), not a single value or a list",
            "name: t\nversion: 1\nrules:\n  - sustained-anger\n"),
    ]

    @Test("each problem is reported on its line", arguments: cases)
    func reported(_ broken: BrokenPolicy) throws {
        let errors = Policy.validate(yaml: broken.yaml)
        try #require(errors.count == 1, "\(errors)")
        #expect(errors[0].line == broken.line)
        #expect(errors[0].message == broken.message)
        #expect(throws: errors[0]) { try Policy.parse(yaml: broken.yaml) }
    }

    @Test("all problems are collected, in the order of the file")
    func collected() {
        let yaml = """
            name: many
            version: 1
            tiers:
              coach: { cooldown: forever }
            rules:
              - id: first
                tier: boss
                when:
                  any:
                    - stres: { above: 0.5 }
                    - cue: { kind: abuse, atLeast: 0 }
              - id: first
                tier: coach
              - id: third
                tier: manager
                when: { all: [ { trend: up } ] }
                respond: [priority]
            rearmBelow: 2
            """
        let errors = Policy.validate(yaml: yaml)
        #expect(errors.map(\.line) == [4, 7, 10, 11, 12, 12, 16, 17, 18])
        #expect(errors[1].description == #"line 7, column 11: rule "first": unknown tier "boss" (expected coach, supervisor or manager)"#)
        #expect(errors[4].message == #"rule 2: needs a "when" saying what makes it fire"#)
        #expect(errors[5].message == #"rule 2: rule id "first" is already used by the rule on line 6"#)
        #expect(throws: errors[0]) { try Policy.parse(yaml: yaml) }
    }

    @Test("several problems on one line come in column order")
    func columns() {
        let errors = Policy.validate(yaml: policy(when: "all:\n  - stress: { above: 2, below: 3 }"))
        #expect(errors.map(\.line) == [8, 8, 8])
        #expect(errors.compactMap(\.column) == [11, 28, 38])
    }

    @Test("error descriptions name the line and column when they have them")
    func descriptions() {
        #expect(PolicyError(line: 12, column: 5, message: "m").description == "line 12, column 5: m")
        #expect(PolicyError(line: 12, message: "m").description == "line 12: m")
        #expect(PolicyError(message: "m").description == "m")
    }

    @Test("suggestions: another case or separator, a prefix, or a small slip")
    func suggestions() {
        let signals = SignalName.allCases.map(\.rawValue)
        #expect(PolicyText.nearest(to: "Stress", in: signals) == "stress")
        #expect(PolicyText.nearest(to: "history_risk", in: signals) == "historyRisk")
        #expect(PolicyText.nearest(to: "frustation", in: signals) == "frustration")
        #expect(PolicyText.nearest(to: "anxeity", in: signals) == "anxiety")
        #expect(PolicyText.nearest(to: "vocal", in: signals) == "vocalStress")
        #expect(PolicyText.nearest(to: "happiness", in: signals) == nil)
        #expect(PolicyText.nearest(to: "x", in: signals) == nil)
    }
}

@Suite("Policy filters and conditions")
struct PolicyFilterTests {
    @Test("filters admit calls")
    func admits() {
        let open = RuleFilters()
        #expect(open.admitsEverything)
        #expect(open.admits(channel: .email, queue: "any", industry: nil, language: "fr"))
        let filters = RuleFilters(channels: [.voice, .chat], queues: ["billing"], industries: ["Banking"], languages: ["en", "fr-CA"])
        #expect(!filters.admitsEverything)
        #expect(filters.admits(channel: .voice, queue: "billing", industry: "banking", language: "en"))
        #expect(filters.admits(channel: .chat, queue: "billing", industry: "BANKING", language: "en-GB"))
        #expect(filters.admits(channel: .chat, queue: "billing", industry: "banking", language: "fr-ca"))
        #expect(!filters.admits(channel: .email, queue: "billing", industry: "banking", language: "en"))
        #expect(!filters.admits(channel: .voice, queue: "Billing", industry: "banking", language: "en"))
        #expect(!filters.admits(channel: .voice, queue: "billing", industry: nil, language: "en"))
        #expect(!filters.admits(channel: .voice, queue: "billing", industry: "retail", language: "en"))
        #expect(!filters.admits(channel: .voice, queue: "billing", industry: "banking", language: "fr"))
        #expect(!filters.admits(channel: .voice, queue: "billing", industry: "banking", language: "eng"))
        let call = CallStarted(callID: "c", channel: .voice, customerID: "u", queue: "billing", language: "en-US", industry: "banking")
        #expect(filters.admits(call))
        #expect(!RuleFilters(queues: ["fraud"]).admits(call))
    }

    @Test("thresholds and trends are strict about their side")
    func thresholdsAndTrends() {
        let above = SignalThreshold(.stress, .above, 0.6)
        #expect(above.isMet(by: 0.61) && !above.isMet(by: 0.6))
        let below = SignalThreshold(.satisfaction, .below, 0.2)
        #expect(below.isMet(by: 0.1) && !below.isMet(by: 0.2))
        #expect(TrendCondition(.rising).isMet(bySlope: 0.03) && !TrendCondition(.rising).isMet(bySlope: 0.02))
        #expect(TrendCondition(.falling, minimumSlope: 0.05).isMet(bySlope: -0.06) && !TrendCondition(.falling).isMet(bySlope: 0.1))
    }

    @Test("cue conditions match by kind and conditionality")
    func cueMatching() {
        let outright = Cue(kind: .cancellationThreat, text: "i'm cancelling")
        let conditional = Cue(kind: .cancellationThreat, text: "i'll cancel", conditional: true)
        #expect(CueCondition(.cancellationThreat).matches(outright) && CueCondition(.cancellationThreat).matches(conditional))
        #expect(CueCondition(.cancellationThreat, conditional: false).matches(outright))
        #expect(!CueCondition(.cancellationThreat, conditional: false).matches(conditional))
        #expect(CueCondition(.cancellationThreat, conditional: true).matches(conditional))
        #expect(!CueCondition(.abuse).matches(outright))
    }

    @Test("history conditions: every field set must hold")
    func history() {
        let history = CustomerHistory(
            contacts30d: 3, escalations90d: 1, openFollowUps: 0, lastSentiment: .negative, repeatIssue: true, segment: "Premium", lifetimeValue: 2500)
        #expect(HistoryCondition(contacts30dAtLeast: 3, escalations90dAtLeast: 1, repeatIssue: true).isMet(by: history))
        #expect(HistoryCondition(segments: ["vulnerable", "premium"], lifetimeValueAtLeast: 2000).isMet(by: history))
        #expect(HistoryCondition(lastSentiment: .negative).isMet(by: history))
        #expect(!HistoryCondition(contacts30dAtLeast: 4).isMet(by: history))
        #expect(!HistoryCondition(openFollowUpsAtLeast: 1).isMet(by: history))
        #expect(!HistoryCondition(contacts30dAtLeast: 3, lifetimeValueAtLeast: 5000).isMet(by: history))
        #expect(!HistoryCondition(segments: ["vulnerable"]).isMet(by: history))
        #expect(!HistoryCondition(repeatIssue: true).isMet(by: nil))
        #expect(HistoryCondition(repeatIssue: false).isMet(by: nil))
        #expect(!HistoryCondition(lifetimeValueAtLeast: 0).isMet(by: CustomerHistory()))
    }
}
