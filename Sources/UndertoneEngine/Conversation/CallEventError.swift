/// Why an event line was refused. Descriptions are written for the integrator who sent it.
public enum CallEventError: Error, Equatable, CustomStringConvertible {
    /// `"v"` names a format version this build does not read.
    case unsupportedVersion(Int)
    /// `"type"` names no event this build knows.
    case unknownType(String)
    /// The line is not JSON, not an object, or a field is missing, ill-typed or out of range; the reason names the
    /// event type and the field, e.g. `turn: "speaker" must be customer, agent or bot`.
    case invalid(String)
    /// The error on a given line (1-based) of a JSON-lines text.
    indirect case line(Int, CallEventError)

    public var description: String {
        switch self {
        case .unsupportedVersion(let version):
            "unsupported event format version \(version) (this build reads version \(CallEvent.formatVersion))"
        case .unknownType(let type):
            "unknown event type \"\(type)\" (expected \(EventText.choices(CallEvent.types)))"
        case .invalid(let reason): reason
        case .line(let number, let error): "line \(number): \(error)"
        }
    }
}
