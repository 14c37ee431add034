import Crypto
import Foundation
import Synchronization
import UndertoneEngine

/// Replaces a customer id that is personal data — the caller's phone number, which AudioHook sends by default, or an
/// e-mail address — with a pseudonym before anything is stored: `cust-` and 20 hex digits of HMAC-SHA256 under the
/// server's pseudonym key. The same number always gives the same pseudonym, so repeat contacts are still counted;
/// without the key it cannot be turned back (a plain hash of a phone number could be, by trying them all).
public final class CustomerPseudonyms: Sendable {
    private let key = Mutex<SymmetricKey?>(nil)

    public init() {}

    /// The key: `UNDERTONE_PSEUDONYM_KEY`, or one made on first start and kept with the log (`EventStore.setting`).
    func use(_ secret: String) {
        key.withLock { $0 = SymmetricKey(data: Data(secret.utf8)) }
    }

    /// The pseudonym for a customer id (written the same way whatever its spacing: a phone number by its digits).
    func pseudonym(for customerID: String) -> String {
        let trimmed = customerID.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.filter(\.isASCIIDigit)
        let normalized = trimmed.contains("@") || digits.count < 7 ? trimmed : digits
        // Before startup has set the key (ingest is refused until then) nothing identifying is kept either.
        guard let key = key.withLock({ $0 }) else { return "cust-unknown" }
        let code = HMAC<SHA256>.authenticationCode(for: Data(normalized.utf8), using: key)
        return "cust-" + code.prefix(10).lowercaseHex
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension ServerContext {
    /// Free text from outside that is not an event (a follow-up's outcome or owner) with personal data
    /// redacted as turns are, before it is stored (kept as written with redaction off).
    func redacted(_ text: String) -> String {
        configuration.redactPersonalData ? Redactor.standard.redact(text).text : text
    }
}
