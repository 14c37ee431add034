import Logging
import NIOCore
import NIOWebSocket
import WSCore

/// An ingest stream's messages taken on the connection's event loop, where its frames are decoded, instead of through
/// Hummingbird's asynchronous inbound stream: each message is read, handed to its call's shard, and answered (ack and
/// outputs) from the shard's reply, without waking the session's task twice a message.
///
/// It sits right after the WebSocket frame decoder (and NIO's protocol-error handler), in front of Hummingbird's
/// channel handler, and is added once the session has sent `ready`. Frames that reached Hummingbird before it was added
/// are still there, so it hands over with a marker: it sends Hummingbird's stream a text message no client can know (a
/// random token) and holds every frame until the session's task, having handled all messages before the marker the old
/// way, reads the marker and calls ``Control/start()``. From then on messages go one at a time, as before: the next is
/// read once the last is answered, and frames queue meanwhile (the socket's reads stop while too many wait).
///
/// Control frames keep their place in the order and go on to Hummingbird, which answers pings and the client's close.
/// A message the stream refuses gets its `error` frame and a close frame from here, and the connection is closed when
/// the client answers the close (or after ``closeTimeout``); a close Hummingbird sends (the server shutting down, the
/// key revoked) stops the taking of messages.
final class IngestFrameHandler: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// How many frames may wait before the socket's reads stop.
    static let waitingLimit = 32
    /// How long the client has to answer a close frame sent from here.
    static let closeTimeout = TimeAmount.seconds(10)
    /// A message taken this long or longer after the stream's last answer (or its first) is patient: its sender sends as
    /// the call goes, not as answers come, and may be held a little longer for company (``GroupWait``). One that queued
    /// behind an answer, or came right after it, is a sender waiting on us.
    static let patientAfter = TimeAmount.milliseconds(20)

    private enum State {
        /// Added; frames wait until the session's task reaches the marker.
        case handingOver
        /// Taking messages.
        case running
        /// A close frame went out: sent from here (the connection closes on the client's answer), or by Hummingbird
        /// (its close handshake goes on; control frames pass).
        case closing(sentHere: Bool)
        /// The session's task refused a message before the handover, or the channel went: nothing more is taken.
        case stopped
    }

    private let stream: CallStream
    /// The text that marks the handover in Hummingbird's stream.
    let marker: String
    private var state = State.handingOver
    private var waiting = CircularBuffer<WebSocketFrame>()
    /// A message is with its shard; the next waits for its answer.
    private var answering = false
    /// When the last answer went out: a message taken long after it was not sent in answer to it (``patientAfter``).
    private var lastAnswered: NIODeadline?
    /// The first frames of a fragmented message: its opcode and data so far.
    private var fragments: (opcode: WebSocketOpcode, data: ByteBuffer)?
    /// A read asked for while too many frames wait.
    private var readHeld = false
    /// The frame encoder's place in the pipeline: an answer's frames, made here whole, are written from it (see
    /// ``writeFrames(_:capacity:encoder:_:)``). Nil where the pipeline has no encoder: the answer then goes out as frames.
    private var encoder: ChannelHandlerContext?

    init(stream: CallStream) {
        self.stream = stream
        marker = "undertone-handover-" + (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 36) }.joined(separator: "-")
    }

    /// What the session's task holds: starts or stops the handler on its event loop.
    struct Control: Sendable {
        let handler: NIOLoopBound<IngestFrameHandler>
        let context: NIOLoopBound<ChannelHandlerContext>
        let marker: String

        /// Every message before the marker is handled: take the rest here.
        func start() {
            context.eventLoop.execute { handler.value.start(context: context.value) }
        }

        /// The session refused a message before the handover, or ended: take nothing more.
        func stop() {
            context.eventLoop.execute { handler.value.stop(context: context.value) }
        }
    }

    /// Adds a handler for `stream` to `channel`'s pipeline after the WebSocket frame decoder and sends its marker down
    /// the pipeline. Nil when it cannot be added (the channel closed, a pipeline without the decoder): the session then
    /// goes on reading its messages itself.
    static func install(for stream: CallStream, on channel: any Channel) async -> Control? {
        try? await channel.eventLoop.submit {
            let operations = channel.pipeline.syncOperations
            let anchor = try operations.webSocketFrameReader()
            let handler = IngestFrameHandler(stream: stream)
            handler.encoder = try? operations.context(handlerType: WebSocketFrameEncoder.self)
            try operations.addHandler(handler, position: .after(anchor.handler))
            let context = try operations.context(handler: handler)
            let marker = WebSocketFrame(fin: true, opcode: .text, data: channel.allocator.buffer(string: handler.marker))
            context.fireChannelRead(NIOAny(marker))
            context.fireChannelReadComplete()
            return Control(
                handler: NIOLoopBound(handler, eventLoop: channel.eventLoop), context: NIOLoopBound(context, eventLoop: channel.eventLoop),
                marker: handler.marker)
        }.get()
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch state {
        case .handingOver, .running:
            waiting.append(frame)
            pump(context)
        case .closing(sentHere: true):
            if frame.opcode == .connectionClose { context.close(promise: nil) }
        case .closing(sentHere: false), .stopped:
            if frame.opcode.isControlOpcode { pass(frame, context) }
        }
    }

    func read(context: ChannelHandlerContext) {
        if waiting.count >= Self.waitingLimit {
            readHeld = true
        } else {
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        pump(context)
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        state = .stopped
        waiting.removeAll()
        encoder = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        encoder = nil
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if unwrapOutboundIn(data).opcode == .connectionClose {
            switch state {
            case .handingOver, .running:
                state = .closing(sentHere: false)
                passWaitingControlFrames(context)
            case .closing, .stopped:
                break
            }
        }
        context.write(data, promise: promise)
    }

    // MARK: Taking messages

    private func start(context: ChannelHandlerContext) {
        guard case .handingOver = state else { return }
        state = .running
        pump(context)
    }

    private func stop(context: ChannelHandlerContext) {
        switch state {
        case .handingOver, .running:
            state = .stopped
            passWaitingControlFrames(context)
        case .closing, .stopped:
            break
        }
    }

    /// Takes waiting frames until a message goes to its shard, or none waits.
    private func pump(_ context: ChannelHandlerContext) {
        while case .running = state, !answering, context.channel.isWritable, let frame = waiting.popFirst() {
            take(frame, context)
        }
        if readHeld, waiting.count < Self.waitingLimit {
            readHeld = false
            context.read()
        }
    }

    private func take(_ frame: WebSocketFrame, _ context: ChannelHandlerContext) {
        switch frame.opcode {
        case .text, .binary:
            guard frame.reservedBits.isEmpty, fragments == nil else { return refuse(.protocolError, context) }
            if frame.fin {
                send(message(of: frame), context)
            } else {
                fragments = (frame.opcode, frame.unmaskedData)
            }
        case .continuation:
            guard frame.reservedBits.isEmpty, var message = fragments else { return refuse(.protocolError, context) }
            guard message.data.readableBytes + frame.data.readableBytes <= stream.undertone.configuration.maxMessageBytes else {
                return refuse(.messageTooLarge, context)
            }
            var data = frame.unmaskedData
            message.data.writeBuffer(&data)
            if frame.fin {
                fragments = nil
                send(self.message(message.opcode, message.data), context)
            } else {
                fragments = message
            }
        case .connectionClose:
            state = .closing(sentHere: false)
            pass(frame, context)
            passWaitingControlFrames(context)
        case .ping, .pong:
            pass(frame, context)
        default:
            refuse(.protocolError, context)
        }
    }

    /// A whole frame's message; a text is unmasked straight into its string (one copy, where unmasking into a buffer and
    /// then decoding that made two). Invalid UTF-8 reads as `String(buffer:)` reads it, repaired.
    private func message(of frame: WebSocketFrame) -> WebSocketMessage {
        guard frame.opcode == .text, frame.extensionData == nil, let key = frame.maskKey else {
            return message(frame.opcode, frame.unmaskedData)
        }
        let count = frame.data.readableBytes
        let text = frame.data.withUnsafeReadableBytes { bytes in
            String(unsafeUninitializedCapacity: count) { out in
                for index in 0..<count { out[index] = bytes[index] ^ key[index & 3] }
                return count
            }
        }
        return .text(text)
    }

    private func message(_ opcode: WebSocketOpcode, _ data: ByteBuffer) -> WebSocketMessage {
        opcode == .text ? .text(String(buffer: data)) : .binary(data)
    }

    /// Reads `message` and hands it to its shard; its answer comes back on the event loop.
    private func send(_ message: WebSocketMessage, _ context: ChannelHandlerContext) {
        let item: IngestItem
        do {
            item = try stream.read(message)
        } catch {
            return refuse(error as? CallStream.Refusal ?? Self.unexpected(error), context)
        }
        answering = true
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let sequence = item.sequence
        let patient = Self.isPatient(lastAnswered: lastAnswered, now: .now())
        stream.undertone.shards.ingest(callID: stream.callID, items: [item], scope: stream.scope, patient: patient) { result in
            bound.eventLoop.execute { handler.value.answer(result, sequence: sequence, context: bound.value) }
        }
    }

    /// Whether a message taken at `now` is patient (``patientAfter``): the stream's first, or one long after its last answer.
    static func isPatient(lastAnswered: NIODeadline?, now: NIODeadline) -> Bool {
        guard let lastAnswered else { return true }
        return now - lastAnswered >= patientAfter
    }

    private func answer(_ result: Result<IngestReceipt, any Error>, sequence: Int?, context: ChannelHandlerContext) {
        answering = false
        lastAnswered = .now()
        // Stored, but the connection is closing: the client learns it on its next connection (`ready`'s lastSeq).
        guard case .running = state else { return }
        switch result {
        case .success(let receipt):
            // The ack, then each output: one frame each, one flush.
            let capacity = 96 + 8 * (receipt.acknowledged.count + receipt.duplicates.count)
            if let encoder {
                writeFrames(receipt, capacity: capacity, encoder: encoder, context)
                break
            }
            var ack = context.channel.allocator.buffer(capacity: capacity)
            IngestWire.writeReceipt(receipt, callID: stream.callID, into: &ack)
            let frames = receipt.outputLines.count
            write(ack, flush: frames == 0, context)
            for (index, line) in receipt.outputLines.enumerated() {
                write(context.channel.allocator.buffer(string: line), flush: index == frames - 1, context)
            }
        case .failure(let error as IngestError):
            return refuse(
                CallStream.Refusal(code: error.closeCode, reason: error.description, metric: error.metricReason, sequence: sequence), context)
        case .failure(let error):
            return refuse(Self.unexpected(error), context)
        }
        pump(context)
    }

    /// The answer's frames (the ack, then each output: unmasked, unfragmented text frames, RFC 6455 §5.2) made here in
    /// one buffer and written from the frame encoder's place, below it: one buffer and one write for the answer, where
    /// frames through the encoder took a buffer for each message and another for each header.
    private func writeFrames(_ receipt: IngestReceipt, capacity: Int, encoder: ChannelHandlerContext, _ context: ChannelHandlerContext) {
        var size = capacity + 4
        for line in receipt.outputLines { size += Self.frameHeaderSize(line.utf8.count) + line.utf8.count }
        var buffer = context.channel.allocator.buffer(capacity: size)
        // The ack's length is known once it is written: its header goes in the four bytes kept in front of it (a
        // shorter header leaves the first bytes unread).
        buffer.writeInteger(UInt32(0))
        IngestWire.writeReceipt(receipt, callID: stream.callID, into: &buffer)
        let ackLength = buffer.writerIndex - 4
        if ackLength < 126 {
            buffer.setInteger(UInt16(0x8100 | ackLength), at: 2)
            buffer.moveReaderIndex(forwardBy: 2)
        } else if ackLength <= Int(UInt16.max) {
            buffer.setInteger(UInt16(0x8100 | 126), at: 0)
            buffer.setInteger(UInt16(ackLength), at: 2)
        } else {
            // An ack of 64 KiB (a resent batch's duplicates): as frames, through the encoder.
            buffer.moveReaderIndex(forwardBy: 4)
            write(buffer, flush: receipt.outputLines.isEmpty, context)
            for (index, line) in receipt.outputLines.enumerated() {
                write(context.channel.allocator.buffer(string: line), flush: index == receipt.outputLines.count - 1, context)
            }
            return
        }
        for line in receipt.outputLines {
            Self.writeTextFrameHeader(length: line.utf8.count, into: &buffer)
            buffer.writeString(line)
        }
        encoder.writeAndFlush(NIOAny(IOData.byteBuffer(buffer)), promise: nil)
    }

    /// The bytes of an unmasked frame's header for a payload of `length` bytes.
    static func frameHeaderSize(_ length: Int) -> Int {
        length < 126 ? 2 : length <= Int(UInt16.max) ? 4 : 10
    }

    /// The header of a final, unmasked text frame of `length` bytes.
    static func writeTextFrameHeader(length: Int, into buffer: inout ByteBuffer) {
        if length < 126 {
            buffer.writeInteger(UInt16(0x8100 | length))
        } else if length <= Int(UInt16.max) {
            buffer.writeInteger(UInt16(0x8100 | 126))
            buffer.writeInteger(UInt16(length))
        } else {
            buffer.writeInteger(UInt16(0x8100 | 127))
            buffer.writeInteger(UInt64(length))
        }
    }

    private func write(_ text: ByteBuffer, flush: Bool, _ context: ChannelHandlerContext) {
        let frame = wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: text))
        if flush { context.writeAndFlush(frame, promise: nil) } else { context.write(frame, promise: nil) }
    }

    private static func unexpected(_ error: any Error) -> CallStream.Refusal {
        CallStream.Refusal(code: .unexpectedServerError, reason: "the event could not be taken: \(error)", metric: "store", sequence: nil)
    }

    private func refuse(_ code: WebSocketErrorCode, _ context: ChannelHandlerContext) {
        let (reason, metric) =
            switch code {
            case .messageTooLarge: ("message too large", "too_large")
            default: ("WebSocket protocol error", "protocol")
            }
        refuse(CallStream.Refusal(code: code, reason: reason, metric: metric, sequence: nil), context)
    }

    /// Refuses the stream: its `error` frame and a close frame, as the session's task sends them; the connection closes
    /// when the client answers the close.
    private func refuse(_ refusal: CallStream.Refusal, _ context: ChannelHandlerContext) {
        state = .closing(sentHere: true)
        waiting.removeAll()
        fragments = nil
        if readHeld {
            readHeld = false
            context.read()
        }
        stream.undertone.metrics.rejected(refusal.metric, via: "websocket")
        stream.logger.notice("Closing an ingest stream", metadata: ["reason": "\(refusal.reason)"])
        let error = WebSocketFrame(
            fin: true, opcode: .text, data: context.channel.allocator.buffer(string: CallStream.errorText(refusal)))
        var data = context.channel.allocator.buffer(capacity: 2 + 123)
        data.write(webSocketErrorCode: refusal.code)
        data.writeString(refusal.closeReason)
        context.write(wrapOutboundOut(error), promise: nil)
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)), promise: nil)
        let channel = context.channel
        context.eventLoop.scheduleTask(in: Self.closeTimeout) { channel.close(promise: nil) }
    }

    private func pass(_ frame: WebSocketFrame, _ context: ChannelHandlerContext) {
        context.fireChannelRead(wrapInboundOut(frame))
        context.fireChannelReadComplete()
    }

    /// Once no more messages are taken: control frames that waited go on, in order; messages are dropped.
    private func passWaitingControlFrames(_ context: ChannelHandlerContext) {
        let frames = waiting
        waiting.removeAll()
        fragments = nil
        for frame in frames where frame.opcode.isControlOpcode { pass(frame, context) }
        if readHeld {
            readHeld = false
            context.read()
        }
    }
}

extension ChannelPipeline.SynchronousOperations {
    /// The last handler that reads a WebSocket's frames before the application: NIO's protocol-error handler where the
    /// upgrade added one, else the frame decoder. Handlers that take frames on the event loop go right after it.
    func webSocketFrameReader() throws -> ChannelHandlerContext {
        if let errors = try? context(handlerType: WebSocketProtocolErrorHandler.self) { return errors }
        return try context(handlerType: ByteToMessageHandler<WebSocketFrameDecoder>.self)
    }
}
