/// One labelled text to learn from.
public struct IntentExample: Sendable, Hashable {
    public var text: String
    public var label: String
    /// How much the example counts in training, relative to the others (1 unless a recipe says otherwise).
    public var weight: Float

    public init(text: String, label: String, weight: Float = 1) {
        self.text = text
        self.label = label
        self.weight = weight
    }
}
