import Foundation
import NIOCore
import UndertoneEngine

/// Reading events off the wire: one JSON event a line (docs/events.md) with an optional `"seq"`, and binary audio
/// frames with a 12-byte header.
enum IngestWire {
    /// The largest sequence number a client may send: the audio frame header's 32 bits, for text frames as well.
    static let largestSequence = Int(UInt32.max)

    /// One decoder for every message (it holds only its default options): making one a message was a measurable part of
    /// reading it.
    private static let decoder = JSONDecoder()

    private struct SequenceField: Decodable {
        var seq: Int?
    }

    /// One element of a batch or one line: the item, or why it cannot be read. Decoding it never throws, so that one bad
    /// element of a JSON array is reported with its index while the others are still read.
    private struct Element: Decodable {
        var item: Result<IngestItem, CallEventError>

        init(from decoder: any Decoder) {
            do {
                item = .success(try IngestWire.item(decoder))
            } catch let error as CallEventError {
                item = .failure(error)
            } catch {
                item = .failure(.invalid("not a JSON object"))
            }
        }
    }

    /// One event line and its sequence number (`"seq"`, a whole number from 1), or a `CallEventError`.
    static func item(line: String) throws(CallEventError) -> IngestItem {
        // Most lines are turns read without Foundation's decoder; the rest, and every line with something wrong, are read
        // (and their errors told) by it.
        if let quick = CallEvents.decodeQuickly(line: line), quick.sequence.map({ (1...largestSequence).contains($0) }) ?? true {
            return IngestItem(sequence: quick.sequence, event: quick.event)
        }
        let element: Element
        do {
            element = try decoder.decode(Element.self, from: Data(line.utf8))
        } catch {
            throw .invalid("invalid JSON")
        }
        return try element.item.get()
    }

    /// An event and its `"seq"` from one JSON value.
    private static func item(_ decoder: any Decoder) throws -> IngestItem {
        let event = try CallEvent(from: decoder)
        let sequence: Int?
        do {
            sequence = try SequenceField(from: decoder).seq
        } catch {
            throw CallEventError.invalid("\"seq\" must be a whole number from 1 to \(largestSequence)")
        }
        if let sequence, !(1...largestSequence).contains(sequence) {
            throw CallEventError.invalid("\"seq\" must be a whole number from 1 to \(largestSequence), not \(sequence)")
        }
        return IngestItem(sequence: sequence, event: event)
    }

    /// A batch's events by call, each call's in their order, the calls in the order they first appear. A batch of one
    /// call's events (nearly every REST request) is handed back as it is, without a dictionary.
    static func byCall(_ items: [IngestItem]) -> [(callID: String, items: [IngestItem])] {
        guard let first = items.first?.event.callID else { return [] }
        if items.allSatisfy({ $0.event.callID == first }) { return [(first, items)] }
        var order: [String] = []
        var grouped: [String: [IngestItem]] = [:]
        for item in items {
            if grouped[item.event.callID] == nil { order.append(item.event.callID) }
            grouped[item.event.callID, default: []].append(item)
        }
        return order.map { ($0, grouped[$0] ?? []) }
    }

    /// A batch: JSON lines, or one JSON array of events. Every line is checked before any is accepted; the errors
    /// name their line (or array index, from 1).
    static func batch(_ text: String) -> (items: [IngestItem], errors: [String]) {
        var results: [(label: String, item: Result<IngestItem, CallEventError>)] = []
        let trimmed = text.trimmingWhitespace(newlines: true)
        if trimmed.hasPrefix("[") {
            guard let elements = try? decoder.decode([Element].self, from: Data(trimmed.utf8)) else {
                return ([], ["the body is not a JSON array of events"])
            }
            results = elements.enumerated().map { ("event \($0.offset + 1)", $0.element.item) }
        } else {
            // Lines split on the byte (as Characters, "\r\n" is one grapheme and would not match "\n"); a "\r" before the
            // "\n" belongs to the line break.
            for (index, piece) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
                var line = Substring(piece)
                if line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
                guard !line.trimmingWhitespace().isEmpty else { continue }
                results.append(("line \(index + 1)", Result { () throws(CallEventError) in try item(line: String(line)) }))
            }
        }
        var items: [IngestItem] = []
        var errors: [String] = []
        for result in results {
            switch result.item {
            case .success(let item): items.append(item)
            case .failure(let error): errors.append("\(result.label): \(error)")
            }
        }
        if results.isEmpty { errors.append("the body holds no events") }
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
    static func receiptJSON(_ receipt: IngestReceipt, callID: String) -> String {
        var buffer = ByteBuffer()
        writeReceipt(receipt, callID: callID, into: &buffer)
        return String(buffer: buffer)
    }

    /// ``receiptJSON(_:callID:)`` written straight into `buffer` (an ingest stream answers every message with it): its
    /// numbers and the call's id go in without a string made for each.
    static func writeReceipt(_ receipt: IngestReceipt, callID: String, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("{\"type\":\"ack\",\"call\":")
        writeQuoted(callID, into: &buffer)
        buffer.writeStaticString(",\"lastSeq\":")
        buffer.writeString(String(receipt.lastSequence))
        buffer.writeStaticString(",\"acknowledged\":")
        writeList(receipt.acknowledged, into: &buffer)
        if !receipt.duplicates.isEmpty {
            buffer.writeStaticString(",\"duplicates\":")
            writeList(receipt.duplicates, into: &buffer)
        }
        buffer.writeStaticString(",\"outputs\":")
        buffer.writeString(String(receipt.outputLines.count))
        buffer.writeStaticString("}")
    }

    /// `text` as a JSON string (``SortedJSON/quoted(_:)``), written into `buffer` without a string made for it when it
    /// needs no escape.
    static func writeQuoted(_ text: String, into buffer: inout ByteBuffer) {
        guard SortedJSON.needsNoEscape(text.utf8) else {
            buffer.writeString(SortedJSON.quoted(text))
            return
        }
        buffer.writeStaticString("\"")
        buffer.writeString(text)
        buffer.writeStaticString("\"")
    }

    private static func writeList(_ numbers: [Int], into buffer: inout ByteBuffer) {
        buffer.writeStaticString("[")
        for (index, number) in numbers.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            buffer.writeString(String(number))
        }
        buffer.writeStaticString("]")
    }
}
