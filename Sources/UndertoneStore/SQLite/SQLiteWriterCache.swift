import Foundation

/// What the write connection knows of the calls it appends to: each call's head and row as its own commits left them,
/// so that the next append to a call reads neither (two statements of the five a call costs in a group).
///
/// It holds only while nobody else writes, and is emptied whenever that is in doubt: when another connection has
/// committed (`PRAGMA data_version` moved, checked once a transaction holds the write lock), when the connection runs
/// any write job other than an append, and when any part of an append fails. What a transaction reads and writes is
/// staged and kept only once it commits. Touched only on the writer's thread, inside ``SQLiteWorker``.
final class SQLiteWriterCache {
    private var heads: [String: CallHead] = [:]
    private var calls: [String: CallRow] = [:]
    /// What the transaction in progress has read or written (nil: the call leaves the cache when it commits).
    private var stagedHeads: [String: CallHead?] = [:]
    private var stagedCalls: [String: CallRow?] = [:]
    /// The database's `data_version` when the writer last looked (nil: not yet).
    private var dataVersion: Int64?
    /// The most calls kept; past it the cache starts again (live calls come back on their next append).
    static let limit = 50_000

    /// Empties the cache when another connection has committed since the last look.
    func check(dataVersion version: Int64) {
        if dataVersion != version { clear() }
        dataVersion = version
    }

    func head(_ callID: String) -> CallHead? {
        if let staged = stagedHeads[callID] { return staged }
        return heads[callID]
    }

    /// The call's row as this transaction or an earlier commit left it; nil when not known here (read the database).
    func call(_ callID: String) -> CallRow? {
        if let staged = stagedCalls[callID] { return staged }
        return calls[callID]
    }

    func stage(_ head: CallHead, of callID: String) { stagedHeads[callID] = head }

    /// A row read or written in this transaction; an ended call leaves the cache, head and row (what is appended to it
    /// later, a follow-up's change, reads them again), so that the cache holds live calls only.
    func stage(_ row: CallRow) {
        guard row.status == .live else {
            stagedHeads[row.callID] = .some(nil)
            stagedCalls[row.callID] = .some(nil)
            return
        }
        stagedCalls[row.callID] = row.normalisedAsStored
    }

    /// The transaction committed: what it staged is what the database holds.
    func commit() {
        for (callID, head) in stagedHeads { heads[callID] = head }
        for (callID, row) in stagedCalls { calls[callID] = row }
        stagedHeads.removeAll(keepingCapacity: true)
        stagedCalls.removeAll(keepingCapacity: true)
        if heads.count > Self.limit || calls.count > Self.limit { clear() }
    }

    /// Forgets everything, staged or kept (a failure, another kind of write).
    func clear() {
        heads.removeAll()
        calls.removeAll()
        stagedHeads.removeAll()
        stagedCalls.removeAll()
    }
}

extension CallRow {
    /// The row as the database gives it back: its times to the millisecond, as they are stored.
    fileprivate var normalisedAsStored: CallRow {
        var row = self
        row.startedAt = Date(storeMilliseconds: startedAt.storeMilliseconds)
        row.updatedAt = Date(storeMilliseconds: updatedAt.storeMilliseconds)
        row.endedAt = endedAt.map { Date(storeMilliseconds: $0.storeMilliseconds) }
        return row
    }
}
