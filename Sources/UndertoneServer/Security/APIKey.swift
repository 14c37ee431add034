import Crypto
import Foundation
import UndertoneStore

/// API keys: `ut_` and 32 random bytes in URL-safe base64. The secret is shown once; the store keeps its SHA-256.
public enum APIKey {
    /// A new secret.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let base64 = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return "ut_" + base64.replacingOccurrences(of: "=", with: "")
    }

    /// The hex SHA-256 of a secret: what is stored and looked up.
    public static func hash(_ secret: String) -> String {
        // Hashed where the string keeps its bytes (a native string always does), rather than copied into a `Data` first.
        let digest =
            secret.utf8.withContiguousStorageIfAvailable { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
            ?? SHA256.hash(data: Array(secret.utf8))
        return digest.lowercaseHex
    }

    /// A short id for a new key record.
    public static func newID() -> String {
        "key_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
    }
}

/// Who is calling, resolved from their API key.
public struct Principal: Sendable, Equatable {
    public var keyID: String
    public var name: String
    public var role: Role
    /// The agent id (agent) or team (supervisor) the key is scoped to.
    public var subject: String?

    public init(keyID: String, name: String, role: Role, subject: String?) {
        self.keyID = keyID
        self.name = name
        self.role = role
        self.subject = subject
    }

    init(_ record: APIKeyRecord) {
        self.init(keyID: record.id, name: record.name, role: record.role, subject: record.subject)
    }

    /// Whether this caller may see a call handled by `agentID` in `team`: admins all, supervisors their team's, agents
    /// their own.
    public func maySee(agentID: String?, team: String?) -> Bool {
        switch role {
        case .admin: true
        case .supervisor: subject != nil && team == subject
        case .agent: subject != nil && agentID == subject
        }
    }

    /// Who answered, as an alert records it: an agent by its agent id, anyone else by the key's name (a supervisor key's
    /// subject is a team, not a person).
    public var person: String {
        role == .agent ? subject ?? name : name
    }

    /// Ingest (events, telephony streams) needs a supervisor or admin key: agents' desktops read, connectors write.
    public var mayIngest: Bool { role >= .supervisor }
}
