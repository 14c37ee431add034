import Foundation
import UndertoneEngine

/// How the simulated contacts split between channels, as relative weights.
public struct DemoChannelMix: Sendable, Equatable {
    public var voice: Double
    public var chat: Double
    public var email: Double

    public init(voice: Double = 7, chat: Double = 2, email: Double = 1) {
        self.voice = voice
        self.chat = chat
        self.email = email
    }

    /// Reads `voice=7,chat=2,email=1` (any subset; the channels left out get 0).
    public init(parsing text: String) throws(DemoSettingsError) {
        var mix = DemoChannelMix(voice: 0, chat: 0, email: 0)
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let weight = Double(pair[1]), weight >= 0, weight.isFinite else {
                throw .invalid("channel mix \"\(text)\": write it as voice=7,chat=2,email=1")
            }
            switch pair[0] {
            case "voice": mix.voice = weight
            case "chat": mix.chat = weight
            case "email": mix.email = weight
            default: throw .invalid("channel mix \"\(text)\": unknown channel \"\(pair[0])\" (voice, chat, email)")
            }
        }
        guard mix.voice + mix.chat + mix.email > 0 else { throw .invalid("channel mix \"\(text)\": at least one channel needs a weight above 0") }
        self = mix
    }

    var weighted: [(Channel, Double)] { [(.voice, voice), (.chat, chat), (.email, email)] }
}
