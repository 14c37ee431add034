/// What a store can report besides its driver's own errors.
public enum EventStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No API key has this id.
    case apiKeyNotFound(id: String)
    /// A stored row holds a value this build cannot read (a kind, role or state it does not know).
    case unreadableRow(table: String, reason: String)
    /// The store's configuration is unusable: a bad URL, a missing variable, a bad schema name.
    case invalidConfiguration(String)
    /// The store was used after it was closed.
    case closed
    /// An append expected these calls' logs to end where they no longer do: another writer appended to them first.
    /// Nothing was appended; each call's head as the store found it.
    case callsMoved([String: Int])
    /// An append's client sequence numbers for a call do not continue the call's last one by one (a gap, or a number
    /// already stored); nothing of the append was written.
    case clientSequence(call: String, expected: Int, received: Int)

    public var description: String {
        switch self {
        case .apiKeyNotFound(let id): "no API key with id \"\(id)\""
        case .unreadableRow(let table, let reason): "unreadable row in \(table): \(reason)"
        case .invalidConfiguration(let reason): "invalid store configuration: \(reason)"
        case .closed: "the store is closed"
        case .callsMoved(let heads):
            "another writer appended to " + heads.keys.sorted().map { "call \"\($0)\" (now at \(heads[$0]!))" }.joined(separator: ", ")
        case .clientSequence(let call, let expected, let received):
            "call \"\(call)\": client sequence \(received) is not the next one (expected \(expected))"
        }
    }
}
