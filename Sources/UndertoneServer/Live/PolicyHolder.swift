import Synchronization
import UndertoneEngine

/// The policy new calls are analysed with, and its YAML. Replaced by an admin at run time (`PUT /v1/policy`); calls
/// already live keep the policy they started with.
public final class PolicyHolder: Sendable {
    private let current: Mutex<(policy: Policy, yaml: String)>

    public init(policy: Policy, yaml: String) {
        current = Mutex((policy, yaml))
    }

    public var policy: Policy { current.withLock { $0.policy } }
    public var yaml: String { current.withLock { $0.yaml } }

    public func replace(_ policy: Policy, yaml: String) {
        current.withLock { $0 = (policy, yaml) }
    }
}
