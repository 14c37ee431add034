import UndertoneEngine

/// A script a simulated contact is written from: where it arrives, who it is with, and its lines, each with
/// alternatives and placeholders (`{customer}`, `{amount}`, `{order}`…) that `DemoScriptWriter` fills at random.
struct DemoScenario: Sendable {
    /// One step of a script.
    enum Line: Sendable {
        /// The customer speaks or writes one of the texts, sounding this stressed (0 calm … 1 shouting).
        case customer(ClosedRange<Double>, [String])
        /// The agent (or whoever took the call over) speaks or writes one of the texts, calmly.
        case agent([String])
        /// The virtual assistant or IVR says one of the texts.
        case bot([String])
        /// The agent puts the customer on hold for this many seconds.
        case hold(ClosedRange<Int>)
        /// The agent transfers the call (to a queue, a supervisor, a manager), with a note.
        case transfer(String, note: String)
        /// Nobody says anything for this many seconds (waiting in a queue).
        case wait(ClosedRange<Int>)
    }

    /// The line of business, which gives the queue, the teams, the company and the industry profile.
    enum Desk: String, Sendable, CaseIterable {
        case billing, technical, delivery, accountAccess, cancellation, fraud, appointments

        var queue: String {
            switch self {
            case .billing: "billing"
            case .technical: "technical-support"
            case .delivery: "delivery"
            case .accountAccess: "account-access"
            case .cancellation: "cancellations"
            case .fraud: "fraud"
            case .appointments: "appointments"
            }
        }

        var teams: [String] {
            switch self {
            case .billing: ["billing-east", "billing-west"]
            case .technical: ["tech-north", "tech-south"]
            case .delivery: ["orders"]
            case .accountAccess: ["identity"]
            case .cancellation: ["retention"]
            case .fraud: ["fraud-ops"]
            case .appointments: ["patient-access"]
            }
        }

        var industry: String? {
            switch self {
            case .billing, .technical, .cancellation: nil
            case .delivery: "ecommerce"
            case .accountAccess, .fraud: "banking"
            case .appointments: "healthcare"
            }
        }

        var companies: [String] {
            switch self {
            case .billing, .technical, .cancellation: ["Harbourline", "Brightfield Broadband", "Cobalt Mobile"]
            case .delivery: ["Parcelpoint", "Northgate Home", "Willow & Finch"]
            case .accountAccess, .fraud: ["Kestrel Bank", "Fairway Savings"]
            case .appointments: ["Riverside Health", "Elmwood Medical Centre"]
            }
        }
    }

    var id: String
    var desk: Desk
    var channels: [Channel]
    /// How often it is chosen against the others on the same channel.
    var weight: Double
    /// The customer has contacted us about this before (the CRM says so): the same customer as an earlier call when there is one.
    var repeatContact = false
    /// No human agent ever joins (a contained bot conversation, an abandoned call).
    var agentless = false
    var lines: [Line]
    var dispositions: [String]
    /// Survey scores the customer may give, and how often they answer.
    var survey: ClosedRange<Int>? = nil
    var surveyChance = 0.4
}
