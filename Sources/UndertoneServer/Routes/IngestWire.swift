import Foundation
import NIOCore
import UndertoneEngine

/// Reading events off the wire: one JSON event a line (docs/events.md) with an optional `"seq"`, and binary audio
/// frames with a 12-byte header.
enum IngestWire {
    private struct SequenceField: Decodable {
        var seq: Int?
    }

    /// One event line and its sequence number (`"seq"`, a whole number from 1), or a `CallEventError`.
    static func item(line: String) throws -> IngestItem {
        let event = try CallEvents.decode(line: line)
        let sequence: Int?
        do {
            sequence = try JSONDecoder().decode(SequenceField.self, from: Data(line.utf8)).seq
        } catch {
            throw CallEventError.invalid("\"seq\" must be a whole number")
        }
        if let sequence, sequence < 1 { throw CallEventError.invalid("\"seq\" must be 1 or more, not \(sequence)") }
        return IngestItem(sequence: sequence, event: event)
    }

    /// A batch: JSON lines, or one JSON array of events. Every line is checked before any is accepted; the errors
    /// name their line (or array index, from 1).
    static func batch(_ text: String) -> (items: [IngestItem], errors: [String]) {
        var items: [IngestItem] = []
        var errors: [String] = []
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var lines: [(number: Int, text: String)] = []
        if trimmed.hasPrefix("[") {
            guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [Any] else {
                return ([], ["the body is not a JSON array of events"])
            }
            for (index, element) in array.enumerated() {
                guard let data = try? JSONSerialization.data(withJSONObject: element) else {
                    errors.append("event \(index + 1): not a JSON object")
                    continue
                }
                lines.append((index + 1, String(decoding: data, as: UTF8.self)))
            }
        } else {
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                lines.append((index + 1, String(line)))
            }
        }
        for line in lines {
            do {
                items.append(try item(line: line.text))
            } catch {
                errors.append("line \(line.number): \(error)")
            }
        }
        if lines.isEmpty && errors.isEmpty { errors.append("the body holds no events") }
        return (items, errors)
    }

    /// Binary audio frame: `seq` (UInt32), `at` ms (UInt32), track (0 customer, 1 agent), encoding (0 PCMU, 1 PCM16
    /// little-endian), sample rate in Hz (UInt16), all big-endian, then the samples.
    static let audioHeaderBytes = 12

    enum AudioFrameError: Error, CustomStringConvertible {
        case short(Int)
        case track(UInt8)
        case encoding(UInt8)
        case invalid(String)

        var description: String {
            switch self {
            case .short(let count): "an audio frame needs a 12-byte header and samples; got \(count) bytes"
            case .track(let value): "unknown track \(value) (0 customer, 1 agent)"
            case .encoding(let value): "unknown audio encoding \(value) (0 PCMU, 1 PCM16)"
            case .invalid(let reason): reason
            }
        }
    }

    static func audio(_ buffer: ByteBuffer, callID: String) throws(AudioFrameError) -> IngestItem {
        var buffer = buffer
        guard buffer.readableBytes > audioHeaderBytes,
            let sequence = buffer.readInteger(endianness: .big, as: UInt32.self),
            let at = buffer.readInteger(endianness: .big, as: UInt32.self),
            let trackByte = buffer.readInteger(as: UInt8.self),
            let encodingByte = buffer.readInteger(as: UInt8.self),
            let rate = buffer.readInteger(endianness: .big, as: UInt16.self)
        else { throw .short(buffer.readableBytes) }
        let track: SpeakerRole
        switch trackByte {
        case 0: track = .customer
        case 1: track = .agent
        default: throw .track(trackByte)
        }
        let encoding: AudioEncoding
        switch encodingByte {
        case 0: encoding = .pcmu
        case 1: encoding = .pcm16
        default: throw .encoding(encodingByte)
        }
        let frame = AudioFrame(
            callID: callID, at: Int(at), track: track, encoding: encoding, sampleRate: Int(rate),
            samples: buffer.readBytes(length: buffer.readableBytes) ?? [])
        do {
            try frame.validate()
        } catch {
            throw .invalid(String(describing: error))
        }
        guard sequence >= 1 else { throw .invalid("\"seq\" must be 1 or more") }
        return IngestItem(sequence: Int(sequence), event: .audio(frame))
    }

    /// The JSON answer to a batch or a stream message: acknowledgements, duplicates and outputs.
    static func receiptJSON(_ receipt: IngestReceipt, callID: String) throws -> String {
        var object = "{\"type\":\"ack\",\"call\":\(try jsonString(callID)),\"lastSeq\":\(receipt.lastSequence)"
        object += ",\"acknowledged\":[\(receipt.acknowledged.map(String.init).joined(separator: ","))]"
        if !receipt.duplicates.isEmpty { object += ",\"duplicates\":[\(receipt.duplicates.map(String.init).joined(separator: ","))]" }
        return object + ",\"outputs\":\(receipt.outputLines.count)}"
    }

    static func jsonString(_ text: String) throws -> String {
        String(decoding: try JSONEncoder.sorted.encode(text), as: UTF8.self)
    }
}
