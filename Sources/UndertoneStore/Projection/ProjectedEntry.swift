import Foundation
import UndertoneEngine

/// A log entry's body read with the engine's own types: what the projections are built from.
///
/// Indirect: an entry is copied several times on its way into the log (numbered, logged, projected), and a boxed value
/// is one reference to count instead of every string and array of an event or output.
public indirect enum ProjectedEntry: Sendable, Equatable {
    case event(CallEvent)
    case output(EngineOutput)
    /// A `follow_up` the server made, with its packet's JSON as the entry's body holds it (nil: no packet). Only a
    /// writer's `decoded` value: the follow-ups' projection reads it instead of the body.
    case followUp(FollowUp, packetJSON: String?)

    /// The entry's `decoded` value when it has one of its kind and call, else its body decoded.
    static func of(_ entry: LogEntry) throws(Unreadable) -> ProjectedEntry {
        switch entry.decoded {
        case .event(let event)? where entry.kind == .event && event.callID == entry.callID: .event(event)
        case .output(let output)? where entry.kind == .output && output.callID == entry.callID: .output(output)
        default: try ProjectedEntry(decoding: entry)
        }
    }

    /// Why an entry leaves the projections alone.
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// Decodes the entry's body as its kind says; throws `Unreadable` when the body is not what it claims to be.
    init(decoding entry: LogEntry) throws(Unreadable) {
        switch entry.kind {
        case .event:
            do {
                self = .event(try CallEvents.decode(line: entry.body))
            } catch {
                throw Unreadable(description: "event body: \(error)")
            }
        case .output:
            do {
                self = .output(try JSONDecoder().decode(EngineOutput.self, from: Data(entry.body.utf8)))
            } catch {
                throw Unreadable(description: "output body: \(error)")
            }
        }
        guard callID == entry.callID else {
            throw Unreadable(description: "body belongs to call \"\(callID)\", entry to \"\(entry.callID)\"")
        }
    }

    public var callID: String {
        switch self {
        case .event(let event): event.callID
        case .output(let output): output.callID
        case .followUp(let followUp, _): followUp.callID
        }
    }

    /// Whether applying it reads or changes the call's alerts.
    var touchesAlerts: Bool {
        switch self {
        case .event(.alertAcknowledged), .event(.callEnded), .output(.decision): true
        default: false
        }
    }
}
