import UndertoneEngine

/// The demo's supervisors: they answer some of the alerts the engine raises on a simulated call, as people at a wall
/// would, so that acknowledged alerts stop climbing and the report's alert precision has answers to count.
///
/// Whether and how an alert is answered is decided from the seed, the alert and the script, never at random per run:
/// the same seed gives the same answers. An alert is answered with chance `answerChance[tier]` after a reaction time of
/// 4 to 20 s of call time (scaled with the call's speed, like everything else). On scripts written to stay calm every
/// answer is `dismissed` (a false alarm there); on the others it is `useful` with chance `usefulChance[tier]` and
/// `dismissed` otherwise, as people judge a coaching hint less often worth it than a manager alert. The answer is an
/// `alert_ack` event sent on the call's own ingest stream, the same path a CRM connector would use.
struct DemoSupervisor: Sendable {
    /// Who the answers are from.
    static let name = "demo-supervisor"
    /// How often an alert of each tier gets an answer: coaching hints are often left to the agent, manager alerts
    /// almost never.
    static let answerChance: [Tier: Double] = [.coach: 0.4, .supervisor: 0.75, .manager: 0.9]
    static let usefulChance: [Tier: Double] = [.coach: 0.7, .supervisor: 0.85, .manager: 0.95]
    static let reactionMs = 4_000...20_000

    let seed: UInt64

    /// The answer to a raised or climbed alert on a call of `scenario`: when (call time) and what, or nil for none.
    func answer(alertID: String, tier: Tier, at: Int, scenario: String) -> (at: Int, outcome: AlertOutcome)? {
        var random = DemoRandom(seed: seed ^ Self.hash(alertID))
        guard random.chance(Self.answerChance[tier] ?? 0) else { return nil }
        let reaction = random.int(Self.reactionMs)
        let useful = !scenario.hasSuffix("-calm") && random.chance(Self.usefulChance[tier] ?? 0)
        return (at + reaction, useful ? .useful : .dismissed)
    }

    /// FNV-1a: a stable hash of the alert id (Swift's `Hasher` is seeded per process).
    static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        return value
    }
}
