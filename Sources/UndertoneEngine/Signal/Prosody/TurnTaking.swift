/// What the two sides' speech activity says about the conversation in one window: talk-over, interruptions, dead air.
public struct TurnTakingReading: Sendable, Equatable, Codable {
    /// Seconds in the window when both spoke at once.
    public var talkOver: Double
    /// Times the customer started speaking over the agent, and the agent over the customer.
    public var customerInterruptions: Int
    public var agentInterruptions: Int
    /// Seconds in the window of silence on both sides that had lasted 3 s or more (after someone first spoke).
    public var deadAir: Double

    public init(talkOver: Double = 0, customerInterruptions: Int = 0, agentInterruptions: Int = 0, deadAir: Double = 0) {
        self.talkOver = talkOver
        self.customerInterruptions = customerInterruptions
        self.agentInterruptions = agentInterruptions
        self.deadAir = deadAir
    }
}

/// Reads talk-over, interruptions and dead air from the customer's and the agent's voice windows, 100 ms slot by slot.
///
/// A window is read once both sides' windows for the same second have arrived. An interruption is one side starting
/// (after at least 200 ms of its own silence) while the other has been speaking for 300 ms or more and goes on. Dead air
/// is silence on both sides once it has lasted 3 s. A function of the windows alone, so replay rebuilds it.
public struct TurnTaking: Sendable, Equatable {
    static let slotSeconds = 0.1
    static let interrupterSilence = 2
    static let interruptedSpeech = 3
    static let deadAirSlots = 30

    private var pending: [SpeakerRole: [Int: String]] = [:]
    private var speaking: [SpeakerRole: Int] = [.customer: 0, .agent: 0]
    private var silent: [SpeakerRole: Int] = [.customer: 0, .agent: 0]
    private var bothSilent = 0
    private var anyoneSpoke = false
    /// Totals over the call.
    public private(set) var total = TurnTakingReading()

    public init() {}

    /// Takes a window of either side; returns the reading for its second once the other side's window is in.
    public mutating func add(_ window: VoiceWindow) -> TurnTakingReading? {
        guard window.track == .customer || window.track == .agent else { return nil }
        let other: SpeakerRole = window.track == .customer ? .agent : .customer
        guard let match = pending[other]?[window.at] else {
            pending[window.track, default: [:]][window.at] = window.features.activity
            // A window whose partner never came is forgotten once a later one arrives from the same side.
            pending[window.track] = pending[window.track]?.filter { $0.key >= window.at - 10 * ProsodyExtractor.windowMs }
            return nil
        }
        pending[other]?[window.at] = nil
        pending[other] = pending[other]?.filter { $0.key > window.at }
        pending[window.track] = pending[window.track]?.filter { $0.key > window.at }
        let customer = Array((window.track == .customer ? window.features.activity : match).utf8)
        let agent = Array((window.track == .agent ? window.features.activity : match).utf8)
        var reading = TurnTakingReading()
        var talkOverSlots = 0
        var deadAirSlots = 0
        for slot in 0..<min(customer.count, agent.count) {
            let active: [SpeakerRole: Bool] = [.customer: customer[slot] == UInt8(ascii: "1"), .agent: agent[slot] == UInt8(ascii: "1")]
            if active[.customer]! && silent[.customer]! >= Self.interrupterSilence && speaking[.agent]! >= Self.interruptedSpeech && active[.agent]! {
                reading.customerInterruptions += 1
            }
            if active[.agent]! && silent[.agent]! >= Self.interrupterSilence && speaking[.customer]! >= Self.interruptedSpeech && active[.customer]! {
                reading.agentInterruptions += 1
            }
            for role in [SpeakerRole.customer, .agent] {
                if active[role]! {
                    speaking[role]! += 1
                    silent[role] = 0
                    anyoneSpoke = true
                } else {
                    silent[role]! += 1
                    speaking[role] = 0
                }
            }
            if active[.customer]! && active[.agent]! { talkOverSlots += 1 }
            if !active[.customer]! && !active[.agent]! {
                bothSilent += 1
                if anyoneSpoke && bothSilent == Self.deadAirSlots {
                    deadAirSlots += Self.deadAirSlots
                } else if anyoneSpoke && bothSilent > Self.deadAirSlots {
                    deadAirSlots += 1
                }
            } else {
                bothSilent = 0
            }
        }
        reading.talkOver = VoiceFeatures.rounded(Double(talkOverSlots) * Self.slotSeconds)
        reading.deadAir = VoiceFeatures.rounded(Double(deadAirSlots) * Self.slotSeconds)
        total.talkOver = VoiceFeatures.rounded(total.talkOver + reading.talkOver)
        total.deadAir = VoiceFeatures.rounded(total.deadAir + reading.deadAir)
        total.customerInterruptions += reading.customerInterruptions
        total.agentInterruptions += reading.agentInterruptions
        return reading
    }
}
