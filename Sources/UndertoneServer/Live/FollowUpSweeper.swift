import Foundation
import Logging
import ServiceLifecycle
import UndertoneEngine
import UndertoneStore

/// Looks for open follow-ups past their due time and raises a supervisor alert for each, once: a `decision` entry
/// (rule `follow-up-overdue`) and a `follow_up_update` marking it overdue, in one append. Closing the follow-up resolves
/// the alert. Nodes sharing one PostgreSQL store each run a sweeper; the store's `follow-up-sweep` lease lets one of
/// them sweep at a time, and a lease per follow-up that never lapses (`follow-up-overdue:ID`) makes sure that an
/// overdue follow-up raises its alert once, even if a sweeping node stalls past its lease.
struct FollowUpSweeper: Service {
    static let rule = "follow-up-overdue"
    static let leaseName = "follow-up-sweep"

    let undertone: ServerContext
    /// This node's name in the lease.
    var nodeID = UUID().uuidString.lowercased()

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: undertone.configuration.followUps.overdueSweep)) != nil {
                guard undertone.readiness.isReady else { continue }
                do {
                    // Held for three sweeps, renewed at each: another node takes over only when this one stops sweeping.
                    let period = undertone.configuration.followUps.overdueSweep
                    let hold = Double(period.components.seconds) * 3 + Double(period.components.attoseconds) * 3 / 1e18
                    guard try await undertone.store.lease(Self.leaseName, owner: nodeID, until: Date() + hold, now: Date()) else { continue }
                    _ = try await sweep(now: .now)
                } catch {
                    undertone.logger.error("Follow-up sweep failed", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
        }
        // Handed back at shutdown, so that another node (or this one, restarted) sweeps without waiting it out.
        _ = try? await undertone.store.lease(Self.leaseName, owner: nodeID, until: Date(timeIntervalSince1970: 0), now: Date())
    }

    /// Raises the alerts for follow-ups overdue at `now`; returns how many.
    func sweep(now: Date) async throws -> Int {
        let overdue = try await undertone.store.followUps(FollowUpFilter(dueBefore: now, limit: 500)).filter { $0.followUp.overdueAlertID == nil }
        var raised = 0
        for record in overdue {
            let followUp = record.followUp
            // The sweep lease keeps nodes from sweeping together, but a node stalled past its lease could still race
            // the next one: a lease on this follow-up that never lapses makes its overdue alert one node's, once.
            guard try await undertone.store.lease("\(Self.rule):\(followUp.id)", owner: nodeID, until: .distantFuture, now: Date()) else {
                continue
            }
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
            let decisionJSON = String(decoding: try JSONEncoder.sorted.encode(EngineOutput.decision(decision)), as: UTF8.self)
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
