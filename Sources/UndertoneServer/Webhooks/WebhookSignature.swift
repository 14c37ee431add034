import Crypto
import Foundation

/// How a webhook delivery is signed, and how a receiver checks it.
///
/// Each delivery carries `Undertone-Timestamp: T` (Unix seconds) and `Undertone-Signature: v1=HEX`, where HEX is the
/// lowercase hex HMAC-SHA256 of `T.BODY` (the timestamp, a full stop, the raw body bytes) keyed with the webhook's
/// secret. A receiver recomputes it over the bytes it received, compares in constant time, and refuses timestamps too
/// far from its clock (replays).
public enum WebhookSignature {
    public static let timestampHeader = "Undertone-Timestamp"
    public static let signatureHeader = "Undertone-Signature"

    /// The `Undertone-Signature` value for a body sent at `timestamp`.
    public static func sign(body: some DataProtocol, timestamp: Int, secret: String) -> String {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: Data(secret.utf8)))
        hmac.update(data: Data("\(timestamp).".utf8))
        hmac.update(data: Data(body))
        return "v1=" + Data(hmac.finalize()).lowercaseHex
    }

    /// Whether a received delivery is genuine: one of the header's `v1=` signatures matches (constant-time) and the
    /// timestamp is within `tolerance` seconds of `now`.
    public static func verify(
        body: some DataProtocol, timestamp: String, signature: String, secret: String, now: Date = .now, tolerance: TimeInterval = 300
    ) -> Bool {
        guard let seconds = Int(timestamp), abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else { return false }
        let key = SymmetricKey(data: Data(secret.utf8))
        let message = Data("\(seconds).".utf8) + Data(body)
        for part in signature.split(separator: ",") {
            let value = part.trimmingCharacters(in: .whitespaces)
            guard value.hasPrefix("v1="), let mac = hexBytes(value.dropFirst(3)) else { continue }
            if HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key) { return true }
        }
        return false
    }

    private static func hexBytes(_ text: Substring) -> Data? {
        guard text.count == 64 else { return nil }
        var bytes = Data(capacity: 32)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
