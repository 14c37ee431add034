/// One step of a dialect's schema. Steps are applied in `version` order, each in its own transaction together with its
/// row in `schema_migrations(version, name, applied_at)`; a step once released is never edited, only followed by a
/// new one appended to the dialect's list.
struct Migration: Sendable {
    var version: Int
    var name: String
    var statements: [String]
}

extension Array where Element == Migration {
    /// Checks what the lists must hold: versions 1, 2, 3, … in order.
    var isWellOrdered: Bool { enumerated().allSatisfy { $0.offset + 1 == $0.element.version } }
}
