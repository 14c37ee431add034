import Foundation
import Logging
import ServiceLifecycle
import UndertoneEngine
import UndertoneStore

/// Makes unacknowledged alerts climb on time on calls that have gone quiet (docs/nodes.md). The engine climbs an alert
/// when an event arrives past its tier's `acknowledgeWithin`; on a paused call, a quiet chat or an e-mail thread none
/// may come, so the server's clock makes one: a `tick` at the call's event time now, ingested like any event (logged,
/// so replay climbs the same alerts at the same times).
///
/// Every node runs one. Before ticking a call a node takes the store's lease `climb:ALERT-ID` of each alert that is
/// due, for five minutes: one node ticks, the climb closes the alert, and a node that dies in between leaves it to the
/// others once the lease is over.
struct ClimbTimer: Service {
    static let leasePrefix = "climb"
    /// How long a node has to tick a call once it has taken its due alerts.
    static let claim: TimeInterval = 300

    let undertone: ServerContext
    /// This node's name in the leases.
    var nodeID = UUID().uuidString.lowercased()

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: undertone.configuration.climbSweep)) != nil {
                guard undertone.readiness.isReady else { continue }
                do {
                    _ = try await sweep(now: .now)
                } catch {
                    undertone.logger.error("Climb timer sweep failed", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
        }
    }

    /// Ticks every live call with an open alert past its acknowledgement time at `now`; returns the calls ticked.
    func sweep(now: Date) async throws -> [String] {
        let policy = undertone.policy.policy
        let limits = Dictionary(
            uniqueKeysWithValues: Tier.allCases.compactMap { tier in
                tier.next != nil ? policy.settings(for: tier).acknowledgeWithinMs.map { (tier.rawValue, $0) } : nil
            })
        guard !limits.isEmpty else { return [] }
        // Only the alerts due now come back, with their call's clock: one query, however many calls are live.
        let dueNow = try await undertone.store.dueAlerts(limits: limits, now: now, limit: 5_000)
        var ticked: [String] = []
        for (callID, alerts) in Dictionary(grouping: dueNow, by: \.callID).sorted(by: { $0.key < $1.key }) {
            let at = alerts[0].callAt
            var due: [String] = []
            for alert in alerts {
                // Another node sweeping at the same moment finds the same alert: the lease makes it one node's.
                if try await undertone.store.lease("\(Self.leasePrefix):\(alert.alertID)", owner: nodeID, until: now + Self.claim, now: now) {
                    due.append(alert.alertID)
                }
            }
            guard !due.isEmpty else { continue }
            do {
                let receipt = try await undertone.shards.ingest(callID: callID, items: [IngestItem(event: .tick(ClockTick(callID: callID, at: at)))])
                let climbed = receipt.outputs.compactMap { if case .decision(let decision) = $0 { decision.climbedFrom } else { nil } }
                undertone.logger.info(
                    "Alert past its acknowledgement time: the call's clock ticked",
                    metadata: ["call.id": "\(callID)", "alerts": "\(due.joined(separator: ","))", "climbed": "\(climbed.joined(separator: ","))"])
                ticked.append(callID)
            } catch IngestError.callEnded, IngestError.unknownCall {
                // The call ended meanwhile: its alerts were resolved with it.
                continue
            }
        }
        return ticked
    }
}
