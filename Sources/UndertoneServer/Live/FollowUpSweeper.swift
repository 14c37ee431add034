import Foundation
import Logging
import ServiceLifecycle
import UndertoneEngine
import UndertoneStore

/// Looks for open follow-ups past their due time and raises a supervisor alert for each, once: a `decision` entry
/// (rule `follow-up-overdue`) and a `follow_up_update` marking it overdue, in one append. Closing the follow-up resolves
/// the alert. Nodes sharing one PostgreSQL store each run a sweeper; before raising a follow-up's alert a node takes
/// the store's lease `follow-up-overdue:ID` for five minutes, so the alert is raised once. A node that dies between the
/// lease and the append leaves the follow-up to the next node's sweep after those five minutes.
struct FollowUpSweeper: Service {
    static let rule = "follow-up-overdue"
    /// How long a node has to raise a follow-up's overdue alert once it has taken it.
    static let claim: TimeInterval = 300

    let undertone: ServerContext
    /// This node's name in the leases.
    var nodeID = UUID().uuidString.lowercased()

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: undertone.configuration.followUps.overdueSweep)) != nil {
                guard undertone.readiness.isReady else { continue }
                do {
                    _ = try await sweep(now: .now)
                } catch {
                    undertone.logger.error("Follow-up sweep failed", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
        }
    }

    /// Raises the alerts for follow-ups overdue at `now`; returns how many.
    func sweep(now: Date) async throws -> Int {
        let overdue = try await undertone.store.followUps(FollowUpFilter(dueBefore: now, limit: 500)).filter { $0.followUp.overdueAlertID == nil }
        var raised = 0
        for record in overdue {
            let followUp = record.followUp
            // Another node sweeping at the same moment takes the same follow-up: the lease makes it one node's.
            guard try await undertone.store.lease("\(Self.rule):\(followUp.id)", owner: nodeID, until: Date() + Self.claim, now: Date())
            else { continue }
            raised += 1
            let at = try await undertone.store.call(followUp.callID)?.lastAt ?? 0
            let alertID = "\(followUp.id)-overdue"
            let decision = Decision(
                callID: followUp.callID, at: at, kind: .raised, tier: .supervisor, rule: Self.rule, alertID: alertID,
                reasons: [
                    Reason(
                        condition: "follow-up open past its due time",
                        observed: "due \(ISODate.format(followUp.due)), owner \(followUp.owner ?? "nobody"): \(followUp.reason)")
                ],
                utteranceIDs: [], guidance: "Call the customer back now, or hand the follow-up to someone who can.", responses: [])
            let change = FollowUpChange(
                id: followUp.id, callID: followUp.callID, action: .overdue, by: "system", overdueAlertID: alertID, changedAt: now)
            let decisionJSON = try SortedJSON.string(EngineOutput.decision(decision))
            let changeJSON = try TaggedEntry(change, type: FollowUpChange.entryType, at: at).json()
            let logged = try await undertone.store.append([
                LogEntry(callID: followUp.callID, kind: .output, type: "decision", at: at, body: decisionJSON),
                LogEntry(callID: followUp.callID, kind: .output, type: FollowUpChange.entryType, at: at, body: changeJSON),
            ])
            undertone.announce(logged)
            var shown = followUp
            shown.overdueAlertID = alertID
            undertone.feed.publish([
                FeedMessage(callID: followUp.callID, agentID: record.agentID, team: record.team, type: "decision", json: decisionJSON),
                FeedMessage(
                    callID: followUp.callID, agentID: record.agentID, team: record.team, type: FollowUp.entryType,
                    json: try FollowUpView(shown, now: now, withPacket: false).json()),
            ])
            undertone.logger.info("Follow-up overdue: alert raised", metadata: ["follow_up.id": "\(followUp.id)", "alert.id": "\(alertID)"])
        }
        return raised
    }
}
