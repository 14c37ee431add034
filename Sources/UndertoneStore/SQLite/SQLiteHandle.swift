import Foundation
import NIOCore
import SQLiteNIO
// The SQLite that sqlite-nio bundles (and builds with its own settings): its C functions carry a `sqlite_nio_` prefix.
import VaporCSQLite

/// An error SQLite reported: its (extended) result code and message, and the statement that failed.
struct SQLiteFailure: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var sql: String?

    var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " (in \($0.split(separator: "\n").first.map(String.init) ?? $0))" } ?? "")
    }
}

/// The columns of a statement's result, by name.
final class SQLiteColumnIndex: Sendable {
    let offsets: [String: Int]

    init(_ names: [String]) {
        var offsets: [String: Int] = [:]
        for (offset, name) in names.enumerated() where offsets[name] == nil { offsets[name] = offset }
        self.offsets = offsets
    }
}

/// One result row.
struct SQLiteStoreRow: Sendable {
    let columns: SQLiteColumnIndex
    let values: [SQLiteData]

    func column(_ name: String) -> SQLiteData? {
        columns.offsets[name].map { values[$0] }
    }
}

/// One SQLite connection and the statements it has prepared, kept for reuse (`SQLITE_PREPARE_PERSISTENT`), keyed by
/// their SQL text. Not thread-safe: only its `SQLiteWorker` uses it, one job at a time on the worker's thread.
final class SQLiteHandle {
    private struct Prepared {
        var statement: OpaquePointer
        var columns: SQLiteColumnIndex
    }

    /// How many prepared statements a connection keeps; past it the cache is emptied and fills again. The store's
    /// statements number a few dozen (multi-row inserts come in power-of-two sizes), so this is only a bound.
    static let statementCacheLimit = 256

    private var database: OpaquePointer?
    private var statements: [String: Prepared] = [:]
    /// The thread that uses the connection: debug builds check that every statement runs there.
    private let loop: any EventLoop

    /// `sqlite3_initialize` once per process, before any connection opens (`sqlite3_open_v2` would call it too, racing).
    private static let initialized: Int32 = sqlite_nio_sqlite3_initialize()

    /// Opens (creating if needed) the database at `path`, or a private in-memory database for `:memory:`, for use on
    /// `loop`'s thread.
    init(path: String, on loop: any EventLoop) throws(SQLiteFailure) {
        self.loop = loop
        _ = Self.initialized
        var database: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &database, flags, nil)
        guard status == SQLITE_OK, let database else {
            let message = database.flatMap { sqlite_nio_sqlite3_errmsg($0).map { String(cString: $0) } } ?? "could not open"
            sqlite_nio_sqlite3_close_v2(database)
            throw SQLiteFailure(code: status, message: "\(path): \(message)")
        }
        self.database = database
    }

    var isClosed: Bool { database == nil }

    /// Finalizes the prepared statements and closes the connection; later calls do nothing.
    func close() {
        for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.statement) }
        statements.removeAll()
        sqlite_nio_sqlite3_close_v2(database)
        database = nil
    }

    deinit {
        close()
    }

    /// Runs one statement with its binds (`?` in order) and returns its rows.
    @discardableResult
    func query(_ sql: String, _ binds: [SQLiteData] = []) throws -> [SQLiteStoreRow] {
        var rows: [SQLiteStoreRow] = []
        try each(sql, binds) { rows.append($0) }
        return rows
    }

    /// Runs one statement with its binds, handing each row to `body` as it comes.
    func each(_ sql: String, _ binds: [SQLiteData], _ body: (SQLiteStoreRow) throws -> Void) throws {
        loop.assertInEventLoop()
        let prepared = try prepare(sql)
        let statement = prepared.statement
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (offset, value) in binds.enumerated() {
            try check(bind(value, at: Int32(offset + 1), of: statement), sql)
        }
        let count = sqlite_nio_sqlite3_column_count(statement)
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure(status, sql) }
            var values: [SQLiteData] = []
            values.reserveCapacity(Int(count))
            for column in 0..<count { values.append(value(of: statement, at: column)) }
            try body(SQLiteStoreRow(columns: prepared.columns, values: values))
        }
    }

    /// The row id of the last row an `INSERT` on this connection made (`sqlite3_last_insert_rowid`).
    var lastInsertRowID: Int64 {
        loop.assertInEventLoop()
        return sqlite_nio_sqlite3_last_insert_rowid(database)
    }

    /// How many rows the last `INSERT`, `UPDATE` or `DELETE` on this connection changed (`sqlite3_changes64`).
    var changes: Int64 {
        loop.assertInEventLoop()
        return sqlite_nio_sqlite3_changes64(database)
    }

    // MARK: Statements

    private func prepare(_ sql: String) throws(SQLiteFailure) -> Prepared {
        if let prepared = statements[sql] { return prepared }
        guard let database else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "the connection is closed", sql: sql) }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status, sql) }
        let names = (0..<sqlite_nio_sqlite3_column_count(statement)).map { column in
            sqlite_nio_sqlite3_column_name(statement, column).map { String(cString: $0) } ?? ""
        }
        if statements.count >= Self.statementCacheLimit {
            for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.statement) }
            statements.removeAll()
        }
        let prepared = Prepared(statement: statement, columns: SQLiteColumnIndex(names))
        statements[sql] = prepared
        return prepared
    }

    private func bind(_ value: SQLiteData, at index: Int32, of statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number): sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .text(let text):
            text.utf8.withContiguousStorageIfAvailable { bytes in
                sqlite_nio_sqlite3_bind_text64(statement, index, bytes.baseAddress, UInt64(bytes.count), Self.transient, UInt8(SQLITE_UTF8))
            } ?? sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let buffer):
            buffer.withUnsafeReadableBytes { bytes in
                sqlite_nio_sqlite3_bind_blob64(statement, index, bytes.baseAddress, UInt64(bytes.count), Self.transient)
            }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func value(of statement: OpaquePointer, at column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(SQLiteInt64(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let blob = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: blob, count: count))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    /// SQLite copies a value bound with this destructor before the bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func check(_ status: Int32, _ sql: String) throws(SQLiteFailure) {
        guard status == SQLITE_OK else { throw failure(status, sql) }
    }

    private func failure(_ status: Int32, _ sql: String) -> SQLiteFailure {
        let message = database.flatMap { sqlite_nio_sqlite3_errmsg($0).map { String(cString: $0) } } ?? "unknown error"
        return SQLiteFailure(code: status, message: message, sql: sql)
    }
}
