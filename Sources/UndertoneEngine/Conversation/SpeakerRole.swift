/// Who is speaking (or writing) in a turn, or whose side of the line an audio track carries.
public enum SpeakerRole: String, CaseIterable, Codable, Sendable, Hashable {
    case customer, agent, bot
}
