import Foundation
import Hummingbird

extension Request {
    /// A whole-number query parameter, or nil when it is absent; 400 when it is given and is not one (a filter silently
    /// dropped would answer another question than the one asked). A whole number too large for 64 bits reads as the
    /// largest (or smallest) there is: these parameters are bounds.
    func integerQuery(_ name: String) throws -> Int? {
        guard let text = uri.queryParameters[Substring(name)] else { return nil }
        if let value = Int(text) { return value }
        let digits = text.hasPrefix("-") ? text.dropFirst() : text[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw Problem.badRequest("\(name) must be a whole number, not \"\(text.prefix(40))\"")
        }
        return text.hasPrefix("-") ? Int.min : Int.max
    }

    /// The `limit` parameter: `fallback` when absent, at least 1 and at most 5,000 (larger asks are cut), 400 when it is
    /// not a whole number.
    func limit(default fallback: Int) throws -> Int {
        try integerQuery("limit").map { min(max($0, 1), 5_000) } ?? fallback
    }
}
