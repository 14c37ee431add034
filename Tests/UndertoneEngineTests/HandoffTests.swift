import Foundation
import Testing
import UndertoneEngine

@Suite("Hand-off packet")
struct HandoffTests {
    static let model = try! TextModel.bundled()

    static func call(_ prefix: String) throws -> (events: [CallEvent], outputs: [EngineOutput]) {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/calls")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasPrefix(prefix) })
        let events = try CallEvents.decode(jsonLines: String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        var analyzer = CallAnalyzer(policy: try Policy.preset(named: "default"), textModel: model)
        return (events, events.flatMap { analyzer.ingest($0) })
    }

    @Test("an angry call's packet: the issue, the cancel threat and the peak quoted as said, the tier, what was tried")
    func angryCall() throws {
        let (events, outputs) = try Self.call("04")
        let packet = try #require(HandoffPacket.build(events: events, outputs: outputs, intent: "billing", link: "https://ut.example/p/1"))
        let turns = Dictionary(
            events.compactMap { if case .turn(let turn) = $0 { (turn.utteranceID, turn.text) } else { nil } }, uniquingKeysWith: { $1 })
        #expect(packet.summary.contains { $0.why == "the issue" })
        #expect(packet.cues.contains { $0.kind == "cancel_threat" })
        #expect(packet.summary.contains { $0.why == "cancel_threat" })
        // Faithful: every line is a turn's own words (clipped at most), in call order.
        for line in packet.summary {
            let original = try #require(turns[line.utteranceID])
            #expect(original.hasPrefix(line.text.replacingOccurrences(of: "…", with: "")))
        }
        #expect(packet.summary.map(\.at) == packet.summary.map(\.at).sorted())
        #expect(packet.tier != nil)
        #expect(packet.timeline.count == outputs.filter { if case .signal(let s) = $0 { s.speaker == .customer } else { false } }.count)
        #expect(packet.peakStress >= packet.timeline.map(\.stress).max() ?? 0)
        #expect(!packet.tried.isEmpty)
        // The compact form fits a SIP header and names the essentials.
        #expect(packet.compact.utf8.count <= 255)
        #expect(packet.compact.contains("call=\(packet.callID)"))
        #expect(packet.compact.contains("cancel_threat"))
        #expect(packet.text.contains("customer \(packet.customerID)"))
        // Deterministic, and its JSON reads back the same.
        #expect(HandoffPacket.build(events: events, outputs: outputs, intent: "billing", link: "https://ut.example/p/1") == packet)
        let json = try JSONEncoder().encode(packet)
        #expect(try JSONDecoder().decode(HandoffPacket.self, from: json) == packet)
    }

    @Test("a calm call has no escalation cues and no peak in its summary")
    func calmCall() throws {
        let (events, outputs) = try Self.call("01")
        let packet = try #require(HandoffPacket.build(events: events, outputs: outputs))
        #expect(packet.cues.isEmpty)
        #expect(!packet.summary.contains { $0.why == "peak stress" })
        #expect(packet.tier == nil)
        #expect(HandoffPacket.build(events: [], outputs: []) == nil)
    }
}
