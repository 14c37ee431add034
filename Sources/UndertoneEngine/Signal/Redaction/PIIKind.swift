/// A kind of personal information the redactor finds in what was said or written.
public enum PIIKind: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    /// A payment card number: 13 to 19 digits that pass the Luhn check.
    case card
    /// A US Social Security number (`123-45-6789`, or nine digits said after "social security" or "SSN").
    case ssn
    /// A telephone number: North American forms and E.164 international ones.
    case phone
    /// An e-mail address, written or spelled out ("john dot smith at gmail dot com").
    case email
    /// A date of birth: a date said near "born", "date of birth", "DOB" or "birthday".
    case dateOfBirth = "dob"
    /// An account, member or policy number: 6 to 17 digits after that wording.
    case account

    /// The default replacement: the kind's name in brackets (`[card]`, `[dob]`).
    public var tag: String { "[\(rawValue)]" }

    public static func < (lhs: PIIKind, rhs: PIIKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
