import Foundation

extension Policy {
    /// The presets shipped with the engine, in the order `undertone policy list` shows them.
    public static let presetNames = ["default", "banking", "healthcare", "ecommerce", "b2b"]

    /// A bundled preset, parsed.
    public static func preset(named name: String) throws(PolicyError) -> Policy {
        let yaml = try presetYAML(named: name)
        do {
            return try parse(yaml: yaml)
        } catch {
            throw PolicyError(line: error.line, column: error.column, message: "preset \(name): \(error.message)")
        }
    }

    /// The YAML text of a bundled preset, comments and all, as a starting point for a policy of one's own.
    public static func presetYAML(named name: String) throws(PolicyError) -> String {
        guard presetNames.contains(name) else {
            throw PolicyError(message: PolicyText.unknown("preset", name, expected: presetNames))
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Policies"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw PolicyError(message: "preset \(name) is missing from the engine's resources (Policies/\(name).yaml)")
        }
        return text
    }
}
