import Foundation
import HummingbirdTesting
import NIOCore
import Testing
import UndertoneEngine
import UndertoneStore

@testable import UndertoneServer

/// The ingest stream's messages taken on the event loop (`IngestFrameHandler`), seen from a raw socket: frames written
/// with the upgrade request (so they reach the server before the handler exists), during its handover and after it.
@Suite("Ingest WebSocket: messages taken on the event loop")
struct IngestFrameHandlerTests {
    @Test("messages sent with the upgrade, during the handover and after it, fragmented and among pings, are all taken once and in order")
    func handover() async throws {
        let server = try await TestServer()
        let call = "handover-1"
        try await server.run { client in
            let port = try #require(client.port)
            try await RawConnection.with(port: port) { connection in
                // The upgrade and the first ten messages in one write.
                var first = Array(RawConnection.upgrade("/v1/calls/\(call)/stream", headers: ["Authorization: Bearer \(TestServer.adminKey)"]).utf8)
                for seq in 1...10 { first += Self.frame(0x1, Self.line(call, seq)) }
                await connection.send(bytes: first)
                try await Self.wait(for: connection) { Self.acknowledged($0).count >= 1 }
                // Forty more in one write (more than the handler lets wait before it stops reading), a ping among them, and
                // the last message in three fragments with another ping between the first two.
                var more: [UInt8] = []
                for seq in 11...50 {
                    more += Self.frame(0x1, Self.line(call, seq))
                    if seq == 30 { more += Self.frame(0x9, Array("p1".utf8)) }
                }
                let last = Self.line(call, 51)
                more += Self.frame(0x1, Array(last[..<10]), fin: false)
                more += Self.frame(0x9, Array("p2".utf8))
                more += Self.frame(0x0, Array(last[10..<20]), fin: false)
                more += Self.frame(0x0, Array(last[20...]))
                await connection.send(bytes: more)
                // The pongs go out on their own path (the WebSocket layer answers pings): the last ack may come first.
                try await Self.wait(for: connection) { bytes in
                    Self.acknowledged(bytes).count >= 51 && Self.frames(bytes).filter { $0.opcode == 0xA }.count >= 2
                }
                let frames = Self.frames(connection.bytes)
                #expect(Self.acknowledged(connection.bytes) == Array(1...51))
                #expect(frames.filter { $0.opcode == 0xA }.map { String(decoding: $0.payload, as: UTF8.self) } == ["p1", "p2"])
                #expect(frames.first.map { String(decoding: $0.payload, as: UTF8.self) }?.contains("\"type\":\"ready\"") == true)

                // The client closes: the server answers the close and ends the connection.
                await connection.send(bytes: Self.frame(0x8, [0x03, 0xE8]))
                #expect(try await connection.waitForClose(timeout: .seconds(10)))
                #expect(Self.frames(connection.bytes).last?.opcode == 0x8)
            }
            let stored = try await server.context.store.entries(call: call, after: 0, limit: 200).compactMap(\.entry.clientSequence)
            #expect(stored == Array(1...51))
        }
    }

    @Test("a stream's first message and one sent long after its last answer are patient; one sent right after it is not")
    func patience() {
        let answered = NIODeadline.uptimeNanoseconds(1_000_000_000)
        #expect(IngestFrameHandler.isPatient(lastAnswered: nil, now: answered))
        #expect(!IngestFrameHandler.isPatient(lastAnswered: answered, now: answered))
        #expect(!IngestFrameHandler.isPatient(lastAnswered: answered, now: answered + .milliseconds(19)))
        #expect(IngestFrameHandler.isPatient(lastAnswered: answered, now: answered + IngestFrameHandler.patientAfter))
        #expect(IngestFrameHandler.isPatient(lastAnswered: answered, now: answered + .seconds(2)))
    }

    @Test("a message the handler refuses gets its error frame and a close with its code; the connection ends on the client's close")
    func refusals() async throws {
        let server = try await TestServer()
        try await server.run { client in
            let port = try #require(client.port)
            // A sequence gap after the handover: 1008 with the gap's words, nothing after it taken.
            try await RawConnection.with(port: port) { connection in
                try await Self.start("refused-1", on: connection)
                await connection.send(bytes: Self.frame(0x1, Self.line("refused-1", 5)) + Self.frame(0x1, Self.line("refused-1", 2)))
                try await Self.wait(for: connection) { Self.frames($0).contains { $0.opcode == 0x8 } }
                let frames = Self.frames(connection.bytes)
                let error = try #require(frames.last { $0.opcode == 0x1 }.map { String(decoding: $0.payload, as: UTF8.self) })
                #expect(error.contains("\"type\":\"error\"") && error.contains("\"seq\":5") && error.contains("expected 2, received 5"), "\(error)")
                let close = try #require(frames.last)
                #expect(close.opcode == 0x8 && Self.code(close.payload) == 1008)
                #expect(Self.acknowledged(connection.bytes) == [1])
                await connection.send(bytes: Self.frame(0x8, [0x03, 0xE8]))
                #expect(try await connection.waitForClose(timeout: .seconds(10)))
            }
            #expect(try await server.context.store.lastClientSequence(call: "refused-1") == 1)

            // A continuation frame with no message before it: a protocol error (1002).
            try await RawConnection.with(port: port) { connection in
                try await Self.start("refused-2", on: connection)
                await connection.send(bytes: Self.frame(0x0, Array("stray".utf8)))
                try await Self.wait(for: connection) { Self.frames($0).contains { $0.opcode == 0x8 } }
                #expect(Self.frames(connection.bytes).last.map { Self.code($0.payload) } == 1002)
            }

            // A message in fragments that grows past the largest message: 1009, counted as too large.
            try await RawConnection.with(port: port) { connection in
                try await Self.start("refused-3", on: connection)
                let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 60_000)
                let pieces = server.context.configuration.maxMessageBytes / piece.count + 1
                await connection.send(
                    bytes: Self.frame(0x1, Array("{".utf8), fin: false) + (0..<pieces).flatMap { _ in Self.frame(0x0, piece, fin: false) })
                try await Self.wait(for: connection) { Self.frames($0).contains { $0.opcode == 0x8 } }
                #expect(Self.frames(connection.bytes).last.map { Self.code($0.payload) } == 1009)
            }
            #expect(server.context.metrics.text().contains(#"undertone_rejected_total{reason="too_large",via="websocket"} 1"#))

            // An event for another call whose id is long and not ASCII: the error frame names it whole; the close frame's
            // reason is cut between characters to what a control frame holds (125 bytes with the code).
            try await RawConnection.with(port: port) { connection in
                try await Self.start("refused-4", on: connection)
                let other = String(repeating: "é", count: 80)
                await connection.send(bytes: Self.frame(0x1, Array(String(decoding: Self.line(other, 2), as: UTF8.self).utf8)))
                try await Self.wait(for: connection) { Self.frames($0).contains { $0.opcode == 0x8 } }
                let frames = Self.frames(connection.bytes)
                let error = frames.last { $0.opcode == 0x1 }.map { String(decoding: $0.payload, as: UTF8.self) } ?? ""
                #expect(error.contains(other), "\(error)")
                let close = try #require(frames.last)
                #expect(close.opcode == 0x8 && Self.code(close.payload) == 1008)
                #expect(close.payload.count <= 125 && close.payload.count > 100, "\(close.payload.count)")
                #expect(String(validatingUTF8: close.payload.dropFirst(2).map { CChar(bitPattern: $0) } + [0]) != nil)
            }
        }
    }

    @Test("an answer made in one buffer is RFC 6455 frames: a short ack, an ack over 125 bytes, outputs over 125 bytes; a text is unmasked whole")
    func answerFrames() async throws {
        let server = try await TestServer()
        // An id long enough that its acks are over 125 bytes (a 16-bit length), and a turn whose text is not ASCII.
        let call = "frames-" + String(repeating: "x", count: 140)
        let text = "I am furious — the café charged me twice 😡 and nobody answers"
        try await server.run { client in
            let port = try #require(client.port)
            try await RawConnection.with(port: port) { connection in
                try await Self.start(call, on: connection)
                let turn = #"{"seq":2,"v":1,"type":"turn","call":"\#(call)","at":2000,"utterance":"u2","speaker":"customer","text":"\#(text)"}"#
                await connection.send(bytes: Self.frame(0x1, Array(turn.utf8)))
                try await Self.wait(for: connection) { Self.acknowledged($0) == [1, 2] }
                let texts = Self.frames(connection.bytes).filter { $0.opcode == 0x1 }.map { String(decoding: $0.payload, as: UTF8.self) }
                // Every frame parsed whole (the parser stops at the first it cannot read) and each is one JSON object.
                #expect(texts.allSatisfy { !jsonObject($0).isEmpty }, "\(texts)")
                let acks = texts.filter { jsonObject($0)["type"] as? String == "ack" }
                #expect(acks.count == 2 && acks.allSatisfy { $0.utf8.count > 125 && jsonObject($0)["call"] as? String == call })
                let signal = try #require(texts.first { jsonObject($0)["type"] as? String == "signal" })
                #expect(signal.utf8.count > 125 && jsonObject(signal)["utteranceID"] as? String == "u2")
                // What follows an ack is its outputs, as many as it says.
                let afterAck = texts.drop { jsonObject($0)["acknowledged"] as? [Int] != [2] }
                #expect(afterAck.count == 1 + ((jsonObject(afterAck.first ?? "")["outputs"] as? Int) ?? -1))
            }
            let stored = try await server.context.store.entries(call: call, after: 0, limit: 10)
            let event = try #require(stored.first { $0.entry.clientSequence == 2 })
            #expect(jsonObject(event.entry.body)["text"] as? String == text)
        }
    }

    @Test("a text frame's header for each payload length: 7 bits, 16 bits from 126 bytes, 64 bits from 64 KiB")
    func frameHeaders() {
        for length in [0, 1, 125, 126, 127, 65_535, 65_536, 70_000] {
            var buffer = ByteBuffer()
            IngestFrameHandler.writeTextFrameHeader(length: length, into: &buffer)
            #expect(buffer.readableBytes == IngestFrameHandler.frameHeaderSize(length))
            buffer.writeRepeatingByte(UInt8(ascii: "a"), count: length)
            // `frames(_:)` reads what follows a response's head.
            let frames = Self.frames(Array("HTTP/1.1 101\r\n\r\n".utf8) + Array(buffer.readableBytesView))
            #expect(frames.count == 1 && frames.first?.opcode == 0x1 && frames.first?.payload.count == length, "\(length)")
            #expect(buffer.getInteger(at: 0, as: UInt8.self) == 0x81)
        }
    }

    // MARK: Frames

    /// Opens `call`'s stream on `connection` and sends its first message once `ready` has come: the handler takes it.
    static func start(_ call: String, on connection: RawConnection) async throws {
        await connection.send(
            bytes: Array(RawConnection.upgrade("/v1/calls/\(call)/stream", headers: ["Authorization: Bearer \(TestServer.adminKey)"]).utf8))
        try await wait(for: connection) { frames($0).count >= 1 }
        await connection.send(bytes: frame(0x1, line(call, 1)))
        try await wait(for: connection) { acknowledged($0) == [1] }
    }

    /// Message `seq` of a call: its start, then customer turns.
    static func line(_ call: String, _ seq: Int) -> [UInt8] {
        let text =
            seq == 1
            ? #"{"seq":1,"v":1,"type":"call_started","call":"\#(call)","at":0,"channel":"chat","customer":"c","queue":"q"}"#
            : #"{"seq":\#(seq),"v":1,"type":"turn","call":"\#(call)","at":\#(seq * 1_000),"utterance":"u\#(seq)","speaker":"customer","text":"message number \#(seq)"}"#
        return Array(text.utf8)
    }

    /// A client's frame, masked as RFC 6455 asks of clients.
    static func frame(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        if payload.count < 126 {
            bytes.append(0x80 | UInt8(payload.count))
        } else {
            bytes += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        let mask: [UInt8] = [0x5A, 0x13, 0xC7, 0x2E]
        bytes += mask
        bytes += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return bytes
    }

    /// The server's frames after the upgrade's head (unmasked), as far as they have arrived whole.
    static func frames(_ bytes: [UInt8]) -> [(opcode: UInt8, payload: [UInt8])] {
        guard let head = bytes.indices.dropLast(3).first(where: { bytes[$0..<$0 + 4] == [13, 10, 13, 10] }) else { return [] }
        var frames: [(UInt8, [UInt8])] = []
        var index = head + 4
        while index + 2 <= bytes.count {
            var length = Int(bytes[index + 1] & 0x7F)
            var start = index + 2
            if length == 126 {
                guard start + 2 <= bytes.count else { break }
                length = Int(bytes[start]) << 8 | Int(bytes[start + 1])
                start += 2
            } else if length == 127 {
                guard start + 8 <= bytes.count else { break }
                length = bytes[start..<start + 8].reduce(0) { $0 << 8 | Int($1) }
                start += 8
            }
            guard start + length <= bytes.count else { break }
            frames.append((bytes[index] & 0x0F, Array(bytes[start..<start + length])))
            index = start + length
        }
        return frames
    }

    /// The sequence numbers the server's acks have acknowledged, in the order they came.
    static func acknowledged(_ bytes: [UInt8]) -> [Int] {
        frames(bytes).filter { $0.opcode == 0x1 }.flatMap { frame -> [Int] in
            let object = jsonObject(String(decoding: frame.payload, as: UTF8.self))
            return object["type"] as? String == "ack" ? object["acknowledged"] as? [Int] ?? [] : []
        }
    }

    static func code(_ payload: [UInt8]) -> Int? {
        payload.count >= 2 ? Int(payload[0]) << 8 | Int(payload[1]) : nil
    }

    /// Waits until `done` holds for what has arrived (10 s at most); fails the test when it never does.
    static func wait(for connection: RawConnection, until done: ([UInt8]) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !done(connection.bytes) {
            guard ContinuousClock.now < deadline, !connection.isClosed else {
                Issue.record(
                    "waited in vain; frames so far: \(frames(connection.bytes).map { ($0.opcode, String(decoding: $0.payload, as: UTF8.self)) })",
                    sourceLocation: sourceLocation)
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
