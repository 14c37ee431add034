/// How the customer reached the contact centre.
public enum Channel: String, CaseIterable, Codable, Sendable, Hashable {
    case voice, chat, email
}
