import Foundation

/// A row of `calls` as both dialects store it. The row exists from a call's first decodable entry; the fields
/// `call_started` brings stay nil until it arrives, and until then the call is not listed (`record` is nil).
struct CallRow: Sendable, Equatable {
    var callID: String
    var status: CallRecord.Status = .live
    var channel: String?
    var customerID: String?
    var queue: String?
    var language: String?
    var industry: String?
    var agentID: String?
    var team: String?
    var startedAt: Date
    var updatedAt: Date
    var lastAt: Int
    var endedAt: Date?
    var disposition: String?
    var survey: Int?
    var customerTurns = 0
    var stress = 0.0
    var smoothedStress = 0.0
    var peakStress = 0.0
    var highestTier: String?
    var openAlerts = 0

    init(callID: String, startedAt: Date, lastAt: Int) {
        self.callID = callID
        self.startedAt = startedAt
        self.updatedAt = startedAt
        self.lastAt = lastAt
    }

    init(
        callID: String, status: CallRecord.Status, channel: String?, customerID: String?, queue: String?, language: String?,
        industry: String?, agentID: String?, team: String?, startedAt: Date, updatedAt: Date, lastAt: Int, endedAt: Date?,
        disposition: String?, survey: Int?, customerTurns: Int, stress: Double, smoothedStress: Double, peakStress: Double,
        highestTier: String?, openAlerts: Int
    ) {
        self.callID = callID
        self.status = status
        self.channel = channel
        self.customerID = customerID
        self.queue = queue
        self.language = language
        self.industry = industry
        self.agentID = agentID
        self.team = team
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.lastAt = lastAt
        self.endedAt = endedAt
        self.disposition = disposition
        self.survey = survey
        self.customerTurns = customerTurns
        self.stress = stress
        self.smoothedStress = smoothedStress
        self.peakStress = peakStress
        self.highestTier = highestTier
        self.openAlerts = openAlerts
    }

    /// Whether this row differs from `stored` in its running figures only (those a turn, a decision or an alert moves),
    /// not in who, where, when or its status: what an update may then leave out, indexed columns among them.
    func changesRunningFiguresOnly(from stored: CallRow) -> Bool {
        status == stored.status && channel == stored.channel && customerID == stored.customerID && queue == stored.queue
            && language == stored.language && industry == stored.industry && agentID == stored.agentID && team == stored.team
            && startedAt == stored.startedAt && endedAt == stored.endedAt && disposition == stored.disposition && survey == stored.survey
    }

    /// The call as the contract shows it, once `call_started` has filled in who and where.
    var record: CallRecord? {
        guard let channel, let customerID, let queue, let language else { return nil }
        return CallRecord(
            callID: callID, status: status, channel: channel, customerID: customerID, queue: queue, language: language, industry: industry,
            agentID: agentID, team: team, startedAt: startedAt, updatedAt: updatedAt, lastAt: lastAt, endedAt: endedAt,
            disposition: disposition, survey: survey, customerTurns: customerTurns, stress: stress, smoothedStress: smoothedStress,
            peakStress: peakStress, highestTier: highestTier, openAlerts: openAlerts)
    }
}
