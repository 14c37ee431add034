/// The choices behind the metrics that a contact centre may want to set (`docs/metrics.md`).
public struct MetricsSettings: Sendable, Equatable {
    /// Two contacts by the same customer about the same intent this many days apart or less are one issue: the later is
    /// a repeat contact, and the earlier was not resolved at first contact.
    public var repeatWindowDays: Int
    /// Smoothed customer stress below this counts as calm again: the policy's `rearmBelow` (0.35 unless it says otherwise).
    public var calmBelow: Double
    /// Or stress this far below its value at the alert counts as fallen back (the engine's recovery drop, 0.1).
    public var recoveryDrop: Double
    /// How many of the customer's first final turns are read to name the call's intent.
    public var intentTurns: Int

    public init(repeatWindowDays: Int = 7, calmBelow: Double = 0.35, recoveryDrop: Double = 0.1, intentTurns: Int = 3) {
        self.repeatWindowDays = repeatWindowDays
        self.calmBelow = calmBelow
        self.recoveryDrop = recoveryDrop
        self.intentTurns = intentTurns
    }

    /// Whether stress `after` an alert has fallen back from `before`: calm again, or at least `recoveryDrop` lower.
    public func fellBack(from before: Double, to after: Double) -> Bool {
        after < calmBelow || after <= before - recoveryDrop
    }

    /// The repeat window in seconds.
    var repeatWindow: Double { Double(repeatWindowDays) * 86_400 }
}
