import Foundation
import HummingbirdWSClient
import NIOCore
import NIOWebSocket
import Synchronization

/// `loadtest --telephony twilio`: each call is a Twilio Media Stream, as Twilio sends one for a `<Stream
/// track="both_tracks">`: `connected`, `start` (with the key and the call's details in its custom parameters), a `media`
/// message of 20 ms of µ-law every 20 ms on each track, and `stop`. Twilio expects no answer, so nothing is
/// acknowledged; what tells whether the server keeps up is how long it takes, after `stop`, to take the audio it still
/// holds, end the call and close the socket.
extension LoadRun {
    /// Twilio's chunk: 20 ms of 8 kHz µ-law, 160 bytes.
    static let twilioChunkBytes = 160
    static let twilioChunkMs = 20
    /// The chunks due in this long go out together (one sleep a call every 100 ms rather than every 20 ms keeps the load
    /// generator off the server's core budget; the server sees the same messages).
    static let twilioBurstMs = 100

    /// The voice's 20 ms chunks in base64, made once for every call.
    static func twilioChunks(_ voice: [UInt8]) -> [String] {
        stride(from: 0, through: voice.count - twilioChunkBytes, by: twilioChunkBytes).map {
            Data(voice[$0..<($0 + twilioChunkBytes)]).base64EncodedString()
        }
    }

    /// One Twilio call of `durationMs` of audio on both tracks, in real time.
    func runTwilioCall(callID: String, index: Int, durationMs: Int, chunks: [String], webSocketBase: String, tally: Tally) async throws {
        guard !chunks.isEmpty else { throw CommandFailure("call \(callID): no audio to stream") }
        let streamSid = "MZ\(callID)"
        let chunkCount = max(1, durationMs / Self.twilioChunkMs)
        // Media messages sent, and how long after `stop` the server closed; set once the server has closed.
        let outcome = Mutex<(media: Int, drained: Duration)?>(nil)
        let close = try await WebSocketClient.connect(
            url: "\(webSocketBase)/v1/telephony/twilio", configuration: .init(maxFrameSize: 1 << 20), logger: logger
        ) { inbound, outbound, _ in
            var sequence = 0
            func send(_ text: String) async throws {
                try await outbound.write(.text(text))
            }
            try await send(#"{"event":"connected","protocol":"Call","version":"1.0.0"}"#)
            sequence += 1
            try await send(
                """
                {"event":"start","sequenceNumber":"\(sequence)","start":{"accountSid":"AC0000loadtest","streamSid":"\(streamSid)",\
                "callSid":"CA\(callID)","tracks":["inbound","outbound"],"customParameters":{"token":"\(key)","call":"\(callID)",\
                "customer":"cust-\(index)","queue":"billing","agent":"ag-\(index % 50)"},\
                "mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}},"streamSid":"\(streamSid)"}
                """)
            let begin = ContinuousClock.now
            var chunk = 0
            var media = 0
            while chunk < chunkCount {
                let due = begin + .milliseconds(chunk * Self.twilioChunkMs)
                if due > ContinuousClock.now { try await Task.sleep(until: due) }
                let burstEnd = min(chunkCount, chunk + Self.twilioBurstMs / Self.twilioChunkMs)
                for current in chunk..<burstEnd {
                    // The caller and the agent speak from different places in the voice.
                    for (track, offset) in [("inbound", index), ("outbound", index + chunks.count / 2)] {
                        sequence += 1
                        try await send(
                            """
                            {"event":"media","sequenceNumber":"\(sequence)","media":{"track":"\(track)","chunk":"\(current + 1)",\
                            "timestamp":"\(current * Self.twilioChunkMs)","payload":"\(chunks[(current + offset) % chunks.count])"},\
                            "streamSid":"\(streamSid)"}
                            """)
                        media += 1
                    }
                }
                chunk = burstEnd
            }
            sequence += 1
            let stopped = ContinuousClock.now
            try await send(
                #"{"event":"stop","sequenceNumber":"\#(sequence)","stop":{"accountSid":"AC0000loadtest","callSid":"CA\#(callID)"},"streamSid":"\#(streamSid)"}"#
            )
            // The server ends the call once it has taken what it holds, then closes: read to the close.
            var closedByServer = false
            do {
                for try await _ in inbound.messages(maxSize: 1 << 20) {}
                closedByServer = true
            } catch {
                throw CommandFailure("call \(callID): the stream failed after stop: \(error)")
            }
            if closedByServer { outcome.withLock { $0 = (media, ContinuousClock.now - stopped) } }
        }
        // The server ends a stream it refused with another code (and that reason): the call did not go through whole.
        if let close, close.closeCode != .normalClosure {
            throw CommandFailure("call \(callID): the server closed the stream: \(close.closeCode) \(close.reason ?? "")")
        }
        guard let (media, drained) = outcome.withLock({ $0 }) else { throw CommandFailure("call \(callID): the server did not close the stream") }
        tally.state.withLock { state in
            state.telephonyMessages += media + 3
            state.mediaMessages += media
            state.drainLatencies.append(drained)
        }
    }
}
