import Foundation
import UndertoneEngine

/// How AudioSocket connections are read.
public struct AudioSocketConfiguration: Sendable, Equatable {
    /// The largest payload accepted, bytes (16 000: one second of audio; Asterisk sends 20 ms, 320 bytes).
    public var maxPayloadBytes = 16_000

    public init() {}
}

/// One frame of Asterisk's AudioSocket protocol: a type byte, a two-byte big-endian length, the payload.
public enum AudioSocketFrameType: UInt8, Sendable {
    /// The call hung up (no payload).
    case hangup = 0x00
    /// The channel's UUID, 16 bytes; the first frame.
    case uuid = 0x01
    /// A DTMF digit, one ASCII byte.
    case dtmf = 0x03
    /// Signed linear audio, 16-bit little-endian, 8 kHz mono.
    case audio = 0x10
    /// An error from the other side, its code in the payload.
    case error = 0xff
}

/// One AudioSocket connection (Asterisk's `AudioSocket` application or channel), read byte by byte into call events.
///
/// Asterisk opens a TCP connection per channel and sends the channel's UUID first, then audio frames (signed linear,
/// 16-bit, 8 kHz, mono), DTMF, and a hang-up or an error. The UUID names the leg: the server looks it up (a call of that
/// id, or a leg registered for a call and a track) and calls `begin(callID:track:started:)`; audio before that waits in
/// the buffer. Plain values; the server performs the outputs. `docs/telephony.md` has the framing and the errors.
public struct AudioSocketSession: Sendable {
    public enum Phase: Sendable, Equatable {
        /// Before the UUID frame.
        case awaitingUUID
        /// The UUID came; the server is finding the leg.
        case identifying
        case streaming
        /// Hung up: nothing more is read.
        case ended
        case failed
    }

    public let configuration: AudioSocketConfiguration
    public private(set) var phase: Phase = .awaitingUUID
    /// The channel's UUID (lower case, with dashes), once sent.
    public private(set) var uuid: String?
    public private(set) var callID: String?
    public private(set) var track: SpeakerRole = .customer
    /// Samples received so far: the position, at 8 kHz.
    public private(set) var position = 0
    private var buffer: [UInt8] = []
    private var callEnded = false
    private var endsCall = true

    public init(configuration: AudioSocketConfiguration = AudioSocketConfiguration()) {
        self.configuration = configuration
    }

    /// The bytes the connection brought: complete frames become outputs; a partial one waits for the rest.
    public mutating func receive(bytes: [UInt8]) throws(AdapterError) -> [AdapterOutput] {
        guard phase != .failed, phase != .ended else { return [] }
        buffer += bytes
        do throws(AdapterError) {
            return try parse()
        } catch {
            phase = .failed
            throw error
        }
    }

    /// The leg is found: the call it belongs to, whose track it is, and a `call_started` to send first when the call
    /// is not open yet (nil when it is). `endsCall` says whether this leg's hang-up ends the call (the call's own leg
    /// does; a second party's leg does not). Returns the events of the frames that waited.
    /// `startMs` is where the leg's audio begins on the call's clock (a leg that joins a call already going).
    public mutating func begin(
        callID: String, track: SpeakerRole, started: CallStarted?, endsCall: Bool = true, startMs: Int = 0
    ) throws(AdapterError) -> [AdapterOutput] {
        guard phase == .identifying else { throw .internalError("begin called out of turn") }
        position = max(0, startMs) * 8
        self.callID = callID
        self.track = track
        self.endsCall = endsCall
        phase = .streaming
        var outputs: [AdapterOutput] = started.map { [.event(.callStarted($0))] } ?? []
        do throws(AdapterError) {
            outputs += try parse()
        } catch {
            phase = .failed
            throw error
        }
        return outputs
    }

    /// After an error or a refusal: the call's end when this leg ends it, then the close (a hang-up frame is sent).
    public mutating func terminate(with error: AdapterError) -> [AdapterOutput] {
        phase = .failed
        return endCall().map(AdapterOutput.event) + [.close(AdapterClose(error))]
    }

    /// The connection closed, for whatever reason.
    public mutating func connectionClosed() -> [CallEvent] {
        if phase != .ended { phase = .failed }
        return endCall()
    }

    /// The hang-up frame the server sends before closing.
    public static let hangupFrame: [UInt8] = [AudioSocketFrameType.hangup.rawValue, 0, 0]

    private mutating func parse() throws(AdapterError) -> [AdapterOutput] {
        var outputs: [AdapterOutput] = []
        var offset = 0
        defer { buffer.removeFirst(offset) }
        while buffer.count - offset >= 3, phase == .awaitingUUID || phase == .streaming {
            let type = buffer[offset]
            let length = Int(buffer[offset + 1]) << 8 | Int(buffer[offset + 2])
            guard let kind = AudioSocketFrameType(rawValue: type) else {
                throw .unknownMessageType(String(format: "0x%02x", type))
            }
            guard length <= configuration.maxPayloadBytes else { throw .tooBig(size: length, limit: configuration.maxPayloadBytes) }
            guard buffer.count - offset >= 3 + length else { break }
            let payload = Array(buffer[(offset + 3)..<(offset + 3 + length)])
            offset += 3 + length
            switch kind {
            case .uuid:
                guard phase == .awaitingUUID else { throw .unexpectedMessage("a second UUID frame") }
                guard payload.count == 16 else { throw .invalidMessage("the UUID frame must hold 16 bytes, not \(payload.count)") }
                uuid = Self.uuidString(payload)
                phase = .identifying
            case .audio:
                guard phase == .streaming, let callID else { throw .unexpectedMessage("audio before the UUID frame") }
                guard !payload.isEmpty, payload.count % 2 == 0 else {
                    throw .invalidAudio("an audio frame of \(payload.count) bytes; 16-bit samples come in pairs of bytes")
                }
                outputs.append(
                    .event(.audio(AudioFrame(callID: callID, at: position / 8, track: track, encoding: .pcm16, sampleRate: 8000, samples: payload))))
                position += payload.count / 2
            case .dtmf:
                // Not kept: a caller may be keying a card number or a PIN.
                guard phase == .streaming else { throw .unexpectedMessage("DTMF before the UUID frame") }
            case .hangup:
                phase = .ended
                outputs += endCall().map(AdapterOutput.event)
                outputs.append(.close(AdapterClose(code: .normal, reason: "hung up")))
            case .error:
                outputs.append(.notice("AudioSocket error from Asterisk, code \(payload.first.map { String(format: "0x%02x", $0) } ?? "none")"))
            }
        }
        return outputs
    }

    private mutating func endCall() -> [CallEvent] {
        guard let callID, !callEnded, endsCall else { return [] }
        callEnded = true
        return [.callEnded(CallEnded(callID: callID, at: position / 8))]
    }

    static func uuidString(_ bytes: [UInt8]) -> String {
        let hex = bytes.lowercaseHex
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
