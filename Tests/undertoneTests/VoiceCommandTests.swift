import Foundation
import Testing

/// Speech-like recordings made in code for the voice commands: phrases of voiced syllables with pitch accents over a
/// faint line noise, calm or agitated (higher, louder, brighter, rougher), written as 16-bit WAV files.
enum Recording {
    struct Style {
        var pitchHz: Double
        var level: Double
        var tilt: Double
        var roughness: Double

        static let calm = Style(pitchHz: 120, level: -30, tilt: 1.7, roughness: -30)
        static let agitated = Style(pitchHz: 165, level: -18, tilt: 0.9, roughness: -14)
    }

    struct Noise {
        var state: UInt64

        mutating func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }

        mutating func gaussian() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
    }

    static func speech(_ style: Style?, seconds: Double, seed: UInt64) -> [Double] {
        var noise = Noise(state: seed)
        let rate = 8000.0
        var samples = (0..<Int(seconds * rate)).map { _ in 0.0005 * noise.gaussian() }
        guard let style else { return samples }
        var time = 0.2
        var phase = 0.0
        while time < seconds - 0.5 {
            let syllables = 5 + Int(noise.uniform() * 6)
            for syllable in 0..<syllables {
                let start = time + Double(syllable) * 0.25
                let pitch = style.pitchHz * pow(2, (3 * (noise.uniform() - 0.5) - 1.5 * Double(syllable) / Double(syllables)) / 12)
                let amplitude = pow(10, style.level / 20) * 1.41
                let weights = (1...Int(3600 / (pitch * 1.1))).map { 1 / pow(Double($0), style.tilt) }
                let norm = 1 / (weights.reduce(0) { $0 + $1 * $1 / 2 }).squareRoot()
                let first = Int(start * rate)
                let last = min(samples.count, Int((start + 0.17) * rate))
                guard first < last else { continue }
                for index in first..<last {
                    let envelope = sin(Double.pi * Double(index - first) / Double(last - first))
                    phase += 2 * Double.pi * pitch / rate
                    var value = 0.0
                    for (offset, weight) in weights.enumerated() { value += weight * sin(Double(offset + 1) * phase) }
                    value = value * norm + pow(10, style.roughness / 20) * 1.41 * noise.gaussian()
                    samples[index] += amplitude * envelope * value / 1.41
                }
            }
            time += Double(syllables) * 0.25 + 0.4 + 0.4 * noise.uniform()
        }
        return samples
    }

    /// A 16-bit PCM WAV file of one or two channels at 8 kHz.
    static func wav(_ channels: [[Double]]) -> Data {
        let frames = channels.map(\.count).min() ?? 0
        var out = Data()
        func u32(_ value: Int) { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> shift)) } }
        func u16(_ value: Int) { out.append(contentsOf: [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]) }
        out.append(contentsOf: Array("RIFF".utf8))
        u32(36 + frames * 2 * channels.count)
        out.append(contentsOf: Array("WAVEfmt ".utf8))
        u32(16)
        u16(1)
        u16(channels.count)
        u32(8000)
        u32(8000 * 2 * channels.count)
        u16(2 * channels.count)
        u16(16)
        out.append(contentsOf: Array("data".utf8))
        u32(frames * 2 * channels.count)
        for index in 0..<frames {
            for channel in channels { u16(Int(max(-32768, min(32767, (channel[index] * 32768).rounded())))) }
        }
        return out
    }
}

@Suite("undertone voice commands")
struct VoiceCommandTests {
    static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-voice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func write(_ data: Data, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("prosody prints a table, JSON lines, and a summary scored against a given baseline")
    func prosody() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let calm = try Self.write(Recording.wav([Recording.speech(.calm, seconds: 6, seed: 1)]), "calm.wav", in: directory)
        let calmAgain = try Self.write(Recording.wav([Recording.speech(.calm, seconds: 6, seed: 2)]), "calm2.wav", in: directory)
        let angry = try Self.write(Recording.wav([Recording.speech(.agitated, seconds: 6, seed: 3)]), "angry.wav", in: directory)

        let table = try await Undertone.run(["prosody", angry])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("arousal") && table.stdout.contains("8000 Hz 16-bit PCM mono, 6.0 s"))
        #expect(table.stdout.contains("(baseline)"))

        let lines = try await Undertone.run(["prosody", angry, "--json"])
        let objects = try lines.stdout.split(separator: "\n").map { try Self.json(String($0)) }
        #expect(objects.count == 6)
        #expect(objects.allSatisfy { $0["type"] as? String == "voice" && $0["features"] is [String: Any] })

        let scored = try Self.json(try await Undertone.run(["prosody", angry, "--summary", "--baseline", calm]).stdout)
        #expect(try #require(scored["arousal"] as? Double) > 0.8)
        #expect(try #require(scored["confidence"] as? Double) > 0.5)
        let control = try Self.json(try await Undertone.run(["prosody", calmAgain, "--summary", "--baseline", calm]).stdout)
        #expect(try #require(control["arousal"] as? Double) < 0.4)
        let own = try Self.json(try await Undertone.run(["prosody", angry, "--summary"]).stdout)
        #expect((own["arousal"] as? Double).map { (0...1).contains($0) } == true)
    }

    @Test("stereo files read the customer on the left and the agent on the right")
    func stereo() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try Self.write(
            Recording.wav([Recording.speech(.calm, seconds: 4, seed: 4), Recording.speech(nil, seconds: 4, seed: 5)]), "call.wav", in: directory)
        let summary = try Self.json(try await Undertone.run(["prosody", file, "--summary"]).stdout)
        let tracks = try #require(summary["tracks"] as? [String: [String: Any]])
        #expect(Set(tracks.keys) == ["customer", "agent"])
        #expect(tracks["agent"]?["note"] as? String == "no voiced speech")
        #expect((tracks["customer"]?["voiced"] as? Double ?? 0) > 1)
    }

    @Test("corrupt, truncated and unsupported WAV files are clear errors; silence is a low-confidence result")
    func badFiles() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = Recording.wav([Recording.speech(.calm, seconds: 1, seed: 6)])
        let truncated = try Self.write(good.prefix(good.count / 2), "cut.wav", in: directory)
        let outcome = try await Undertone.run(["prosody", truncated])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("truncated WAV file: the data chunk declares"))
        var eightBit = good
        eightBit[34] = 8
        let unsupported = try Self.write(eightBit, "8bit.wav", in: directory)
        #expect(try await Undertone.run(["prosody", unsupported]).stderr.contains("unsupported WAV encoding (format tag 1, 8 bits a sample)"))
        let text = try Self.write(Data("not audio at all".utf8), "text.wav", in: directory)
        #expect(try await Undertone.run(["prosody", text]).stderr.contains("not a WAV file"))
        #expect(try await Undertone.run(["prosody", directory.appendingPathComponent("missing.wav").path]).stderr.contains("cannot read audio file"))

        let silence = try Self.write(Recording.wav([Recording.speech(nil, seconds: 3, seed: 7)]), "silence.wav", in: directory)
        let quiet = try await Undertone.run(["prosody", silence, "--summary"])
        #expect(quiet.status == 0)
        let summary = try Self.json(quiet.stdout)
        #expect(summary["confidence"] as? Double == 0)
        #expect(summary["note"] as? String == "no voiced speech")
    }

    @Test("analyze takes a WAV alone, or a call file with --audio, and shows the voice and the decisions it causes")
    func analyze() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let customer = Recording.speech(.calm, seconds: 16, seed: 8) + Recording.speech(.agitated, seconds: 16, seed: 9)
        let recording = try Self.write(Recording.wav([customer, Recording.speech(nil, seconds: 32, seed: 10)]), "c42.wav", in: directory)
        let alone = try await Undertone.run(["analyze", recording])
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(alone.stdout.contains("call c42 started"))
        #expect(alone.stdout.contains("voice customer"))
        #expect(alone.stdout.contains("rule voice-agitated"))
        #expect(alone.stdout.contains("because vocalStress above 0.9 for 1500ms"))

        let call = try Self.write(
            Data(
                [
                    #"{"v":1,"type":"call_started","call":"c43","at":0,"channel":"voice","customer":"x","queue":"billing"}"#,
                    #"{"v":1,"type":"turn","call":"c43","at":29000,"utterance":"u1","speaker":"customer","text":"sure no problem at all thats totally fine"}"#,
                    #"{"v":1,"type":"call_ended","call":"c43","at":32000}"#,
                ].joined(separator: "\n").utf8), "c43.jsonl", in: directory)
        let merged = try await Undertone.run(["analyze", call, "--audio", recording, "--json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let outputs = try merged.stdout.split(separator: "\n").map { try Self.json(String($0)) }
        #expect(outputs.contains { $0["type"] as? String == "voice" && $0["call"] as? String == "c43" })
        #expect(outputs.contains { $0["type"] as? String == "decision" && $0["rule"] as? String == "tone-mismatch" })
    }

    @Test("eval calls scores a folder of stereo voice calls: the escalating call alerts soon after its onset, the calm one not")
    func evalVoiceCalls() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Turn-taking as on a call: the customer speaks on the left, then the agent on the right, four seconds each.
        func call(_ customerTurns: [Recording.Style], seed: UInt64) -> Data {
            var left: [Double] = []
            var right: [Double] = []
            for (index, style) in customerTurns.enumerated() {
                let customer = Recording.speech(style, seconds: 4, seed: seed + UInt64(2 * index))
                let agent = Recording.speech(.calm, seconds: 4, seed: seed + UInt64(2 * index + 1))
                left += customer + Recording.speech(nil, seconds: 4, seed: seed + 99)
                right += Recording.speech(nil, seconds: 4, seed: seed + 98) + agent
            }
            return Recording.wav([left, right])
        }
        _ = try Self.write(call([.calm, .calm, .agitated, .agitated, .agitated], seed: 40), "escalating.wav", in: directory)
        _ = try Self.write(call([.calm, .calm, .calm, .calm, .calm], seed: 60), "control.wav", in: directory)
        let labels =
            #"{"escalating.wav": {"kind": "escalating", "customer_channel": "left", "anger_onset_ms": 16000},"#
            + #" "control.wav": {"kind": "control", "customer_channel": "left", "anger_onset_ms": null}}"#
        _ = try Self.write(Data(labels.utf8), "calls.json", in: directory)
        let outcome = try await Undertone.run(["eval", "calls", directory.path, "--json", "--details"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try Self.json(outcome.stdout)
        let set = try #require((report["sets"] as? [[String: Any]])?.first)
        #expect(set["format"] as? String == "stereo voice calls")
        let coach = try #require((set["tiers"] as? [[String: Any]])?.first)
        #expect(coach["caught"] as? Int == 1 && coach["troubled"] as? Int == 1)
        #expect(coach["falseAlarms"] as? Int == 0 && coach["calm"] as? Int == 1)
        let latency = try #require(coach["medianLatencyMs"] as? Int)
        #expect(latency <= 10_000, "the first alert came \(latency) ms after the anger began")

        _ = try Self.write(Data(#"{"escalating.wav": {"kind": "furious"}}"#.utf8), "calls.json", in: directory)
        let bad = try await Undertone.run(["eval", "calls", directory.path])
        #expect(bad.status != 0 && bad.stderr.contains("kind must be escalating or control"))
    }

    @Test("prosody-eval ranks angry above calm on RAVDESS-named files and reports the AUC; a missing folder is an error")
    func evaluation() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let actor = directory.appendingPathComponent("Actor_01")
        try FileManager.default.createDirectory(at: actor, withIntermediateDirectories: true)
        let files: [(String, Recording.Style)] = [
            ("03-01-01-01-01-01-01", .calm), ("03-01-01-01-02-01-01", .calm), ("03-01-01-01-01-02-01", .calm), ("03-01-02-01-01-01-01", .calm),
            ("03-01-05-01-01-01-01", .agitated), ("03-01-05-02-02-02-01", .agitated), ("03-01-03-01-01-01-01", .agitated),
        ]
        for (index, (name, style)) in files.enumerated() {
            _ = try Self.write(Recording.wav([Recording.speech(style, seconds: 3, seed: UInt64(20 + index))]), name + ".wav", in: actor)
        }
        let outcome = try await Undertone.run(["prosody-eval", "--data", directory.path, "--actors", "1", "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try Self.json(outcome.stdout)
        #expect(report["auc"] as? Double == 1)
        #expect(report["angry"] as? Int == 2 && report["neutralOrCalm"] as? Int == 2)
        let missing = try await Undertone.run(["prosody-eval", "--data", directory.appendingPathComponent("nowhere").path])
        #expect(missing.status != 0 && missing.stderr.contains("cannot read folder"))
    }
}
