import Foundation

/// Both dialects keep wall-clock times as integer milliseconds since 1970 (UTC): the same SQL and the same precision
/// on either side, and a `Date` read back equals the one written when it was whole milliseconds.
extension Date {
    /// Milliseconds since 1970, rounded.
    var storeMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(storeMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Now, to the millisecond: what the store writes as `recorded_at` and returns, so the two are equal.
    static var storeNow: Date { Date(storeMilliseconds: Date().storeMilliseconds) }
}
