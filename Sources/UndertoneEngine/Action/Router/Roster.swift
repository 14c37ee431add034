/// Whether an agent can take a contact now.
public enum Presence: String, Sendable, Codable, CaseIterable {
    case available, busy, away, offline
}

/// One agent as routing sees them: what they can handle, how much, and since when they have been idle.
public struct RosterAgent: Sendable, Equatable, Codable {
    public var id: String
    public var team: String?
    /// Skill name → proficiency, 1 (learning) to 5 (expert).
    public var skills: [String: Int]
    /// Languages spoken, BCP 47 primary tags (`en`, `es`).
    public var languages: [String]
    /// Contacts the agent may hold at once (a voice agent 1; a chat agent 3 or so).
    public var capacity: Int
    /// Contacts held now.
    public var active: Int
    public var presence: Presence
    /// When the agent last became free, in the caller's clock (milliseconds); the longest idle has the smallest.
    public var idleSinceMs: Int
    /// Traits routing can ask for: `empathy` marks the specialists for anxious or vulnerable callers.
    public var traits: [String]

    public init(
        id: String, team: String? = nil, skills: [String: Int], languages: [String] = ["en"], capacity: Int = 1, active: Int = 0,
        presence: Presence = .available, idleSinceMs: Int = 0, traits: [String] = []
    ) {
        self.id = id
        self.team = team
        self.skills = skills
        self.languages = languages
        self.capacity = capacity
        self.active = active
        self.presence = presence
        self.idleSinceMs = idleSinceMs
        self.traits = traits
    }

    /// Free to take one more contact now.
    public var hasRoom: Bool { presence == .available && active < capacity }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        team = try container.decodeIfPresent(String.self, forKey: .team)
        skills = try container.decodeIfPresent([String: Int].self, forKey: .skills) ?? [:]
        languages = try container.decodeIfPresent([String].self, forKey: .languages) ?? ["en"]
        capacity = try container.decodeIfPresent(Int.self, forKey: .capacity) ?? 1
        active = try container.decodeIfPresent(Int.self, forKey: .active) ?? 0
        presence = try container.decodeIfPresent(Presence.self, forKey: .presence) ?? .available
        idleSinceMs = try container.decodeIfPresent(Int.self, forKey: .idleSinceMs) ?? 0
        traits = try container.decodeIfPresent([String].self, forKey: .traits) ?? []
    }
}

/// A queue: the skill it needs and how urgent its contacts start.
public struct RoutingQueue: Sendable, Equatable, Codable {
    public var name: String
    /// The skill an agent needs for it, and the least proficiency.
    public var skill: String
    public var minimumProficiency: Int
    /// Priority a contact starts with in this queue (higher is served first).
    public var basePriority: Double

    public init(name: String, skill: String, minimumProficiency: Int = 1, basePriority: Double = 0) {
        self.name = name
        self.skill = skill
        self.minimumProficiency = minimumProficiency
        self.basePriority = basePriority
    }
}
