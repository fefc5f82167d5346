import Foundation
import Logging
import SQLiteNIO

/// The embedded store: one SQLite file in WAL mode with full synchronous commits, so an acknowledged
/// write survives a crash of the process or the machine.
///
/// Its one connection runs one statement or transaction at a time, in order of arrival: an actor
/// alone lets another call in while one awaits, which would run a statement inside another call's
/// transaction (committed or rolled back with it) or begin a transaction within a transaction.
///
/// Every write first checks that the database file is still the one opened: a file deleted or
/// replaced under a running server (its data directory removed, say) would take every later write
/// with it, so such writes fail instead.
public actor SQLiteStore: Store {
    private let connection: SQLiteConnection
    /// The database file, `nil` in memory.
    private let path: String?
    /// The identity of the file once opened and prepared.
    private var identity: FileIdentity?
    /// Whether a statement or transaction holds the connection.
    private var busy = false
    /// Calls waiting for the connection, first come first served.
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Opens (creating if needed) `faultray.sqlite` in `directory` and brings its schema up to date.
    public static func open(directory: URL, logger: Logger) async throws -> SQLiteStore {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create the data directory \(directory.path): \(error.localizedDescription)")
        }
        return try await open(storage: .file(path: directory.appendingPathComponent("faultray.sqlite").path), logger: logger)
    }

    /// Opens an SQLite database (`.memory` for a throw-away store).
    public static func open(storage: SQLiteConnection.Storage, logger: Logger) async throws -> SQLiteStore {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        } catch {
            throw StoreError("cannot open the database: \(error)")
        }
        let path: String?
        if case .file(let file) = storage { path = file } else { path = nil }
        let store = SQLiteStore(connection: connection, path: path)
        do {
            try await store.prepare()
        } catch {
            try? await connection.close()
            throw StoreError("cannot prepare the database: \(error)")
        }
        return store
    }

    private init(connection: SQLiteConnection, path: String?) {
        self.connection = connection
        self.path = path
    }

    private func prepare() async throws {
        _ = try await connection.query("PRAGMA journal_mode = WAL")
        _ = try await connection.query("PRAGMA synchronous = FULL")
        _ = try await connection.query("PRAGMA busy_timeout = 5000")
        let version = try await connection.query("PRAGMA user_version").first?.column("user_version")?.integer ?? 0
        for (number, step) in Migrations.steps.enumerated() where number + 1 > version {
            try await transaction {
                for sql in Migrations.statements(of: step) {
                    try await self.run(sql, [])
                }
                try await self.run("PRAGMA user_version = \(number + 1)", [])
            }
        }
        identity = path.flatMap(FileIdentity.of)
    }

    /// Throws when the database file is no longer the one opened (deleted, or replaced by another).
    private func checkFile() throws {
        guard let path, let identity else { return }
        guard FileIdentity.of(path) == identity else {
            throw StoreError("the database file \(path) was deleted or replaced while the server ran; restart it to open the store again")
        }
    }

    public func probe(writing: Bool) async throws {
        if writing {
            // Rewrites one row as it is: a real write (and fsync), changing nothing.
            try await transaction { _ = try await self.run("UPDATE projects SET name = name WHERE id = ?", [.text(Project.defaultID)]) }
        } else {
            try await exclusively {
                try checkFile()
                _ = try await run("SELECT 1", [])
            }
        }
    }

    public func saveModel(_ model: StoredModel, project: String) async throws {
        try await write("""
            INSERT INTO models (project, document, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (project) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at
            """, [.text(project), .text(model.document), .text(model.updatedAt)])
    }

    public func model(project: String) async throws -> StoredModel? {
        let rows = try await statement("SELECT document, updated_at FROM models WHERE project = ?", [.text(project)])
        guard let row = rows.first, let document = row.column("document")?.string else { return nil }
        return StoredModel(document: document, updatedAt: row.column("updated_at")?.string ?? "")
    }

    public func appendScore(_ entry: ScoreEntry, project: String) async throws -> ScoreEntry {
        let optional: (Int?) -> SQLiteData = { $0.map { .integer($0) } ?? .null }
        let rows = try await write("""
            INSERT INTO score_history (project, created_at, trigger, score, grade, components, dependencies, spof_count,
                                       scenarios, critical, warning, passed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, [.text(project), .text(entry.timestamp), .text(entry.trigger.rawValue), .float(entry.score), .text(entry.grade),
                  .integer(entry.components), .integer(entry.dependencies), .integer(entry.spofCount),
                  optional(entry.scenarios), optional(entry.critical), optional(entry.warning), optional(entry.passed)])
        var stored = entry
        stored.id = rows.first?.column("id")?.integer ?? 0
        return stored
    }

    public func scoreHistory(project: String, limit: Int, trigger: ScoreEntry.Trigger?) async throws -> [ScoreEntry] {
        let filter = trigger == nil ? "" : "AND trigger = ?"
        let binds: [SQLiteData] = [.text(project)] + (trigger.map { [.text($0.rawValue)] } ?? []) + [.integer(limit)]
        let rows = try await statement("SELECT * FROM score_history WHERE project = ? \(filter) ORDER BY id DESC LIMIT ?", binds)
        return rows.map { row in
            ScoreEntry(
                id: row.column("id")?.integer ?? 0,
                timestamp: row.column("created_at")?.string ?? "",
                trigger: ScoreEntry.Trigger(rawValue: row.column("trigger")?.string ?? "") ?? .modelChange,
                score: row.column("score")?.double ?? 0,
                grade: row.column("grade")?.string ?? "",
                components: row.column("components")?.integer ?? 0,
                dependencies: row.column("dependencies")?.integer ?? 0,
                spofCount: row.column("spof_count")?.integer ?? 0,
                scenarios: row.column("scenarios")?.integer,
                critical: row.column("critical")?.integer,
                warning: row.column("warning")?.integer,
                passed: row.column("passed")?.integer)
        }
    }

    public func createKey(_ key: APIKeyRecord) async throws {
        try await write("""
            INSERT INTO api_keys (id, name, prefix, key_hash, permissions, tier, project, created_at, revoked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
            """, [.text(key.id), .text(key.name), .text(key.prefix), .text(key.keyHash), .text(key.permissions.joined(separator: ",")),
                  .text(key.tier), key.project.map { .text($0) } ?? .null, .text(key.createdAt)])
    }

    public func keys() async throws -> [APIKeyRecord] {
        try await statement("SELECT * FROM api_keys ORDER BY created_at, id", []).map(Self.key)
    }

    public func key(hash keyHash: String) async throws -> APIKeyRecord? {
        try await statement("SELECT * FROM api_keys WHERE key_hash = ?", [.text(keyHash)]).first.map(Self.key)
    }

    public func revokeKey(id: String, at time: String) async throws -> Bool {
        let rows = try await write("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING id", [.text(time), .text(id)])
        return !rows.isEmpty
    }

    public func hasActiveKeys() async throws -> Bool {
        let rows = try await statement("SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL) AS active", [])
        return rows.first?.column("active")?.integer == 1
    }

    public func createProject(_ project: Project) async throws -> Bool {
        try await transaction {
            let created = !(try await self.run("""
                INSERT INTO projects (id, name, description, created_at, public_badges) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING RETURNING id
                """, [.text(project.id), .text(project.name), .text(project.description), .text(project.createdAt),
                      .integer(project.publicBadges ? 1 : 0)])).isEmpty
            // A model upload racing the deletion of an earlier project of this id may have saved after it.
            if created { try await self.deleteBelongings(of: project.id) }
            return created
        }
    }

    public func projects() async throws -> [Project] {
        try await statement("SELECT * FROM projects ORDER BY created_at, id", []).map(Self.project)
    }

    public func project(id: String) async throws -> Project? {
        try await statement("SELECT * FROM projects WHERE id = ?", [.text(id)]).first.map(Self.project)
    }

    public func deleteProject(id: String) async throws -> Bool {
        try await transaction {
            try await self.deleteBelongings(of: id)
            return !(try await self.run("DELETE FROM projects WHERE id = ? RETURNING id", [.text(id)])).isEmpty
        }
    }

    /// Deletes a project's model, history, records and full-run claim (inside a transaction).
    private func deleteBelongings(of project: String) async throws {
        for table in ["models", "score_history", "records", "full_runs"] {
            try await run("DELETE FROM \(table) WHERE project = ?", [.text(project)])
        }
    }

    public func putRecord(_ record: StoredRecord) async throws {
        try await write("""
            INSERT INTO records (kind, project, id, body) VALUES (?, ?, ?, ?)
            ON CONFLICT (kind, project, id) DO UPDATE SET body = excluded.body
            """, [.text(record.kind), .text(record.project), .text(record.id), .text(record.body)])
    }

    public func records(kind: String, project: String) async throws -> [StoredRecord] {
        try await statement("SELECT id, body FROM records WHERE kind = ? AND project = ? ORDER BY seq", [.text(kind), .text(project)]).map { row in
            StoredRecord(kind: kind, project: project, id: row.column("id")?.string ?? "", body: row.column("body")?.string ?? "")
        }
    }

    public func deleteRecord(kind: String, project: String, id: String) async throws -> Bool {
        !(try await write("DELETE FROM records WHERE kind = ? AND project = ? AND id = ? RETURNING id", [.text(kind), .text(project), .text(id)])).isEmpty
    }

    public func countRequests(client: String, minute: Int, limit: Int, count: Int) async throws -> Int? {
        guard RequestCounts.isValid(count: count, limit: limit) else { return nil }
        let counted = try await write(RequestCounts.count, [.text(client), .integer(minute), .integer(limit), .integer(count)]).first?.column("count")?.integer
        // A minute's first count (the row was made) drops the old minutes.
        if counted == count { try await write(RequestCounts.sweep, [.integer(minute)]) }
        return counted
    }

    public func claimFullRun(project: String, input: String, claim: String, now: Int, until: Int, keepingFinished: Bool) async throws -> FullRunClaim {
        try await transaction {
            try await self.run(FullRuns.claim, [.text(project), .text(claim), .text(input), .integer(now), .integer(until), .integer(keepingFinished ? 1 : 0)])
            guard let current = try await self.run(FullRuns.current, [.text(project)]).first.map(Self.fullRunClaim) else {
                throw StoreError("the full-run claim of project '\(project)' was not saved")
            }
            return current
        }
    }

    public func fullRunClaim(project: String) async throws -> FullRunClaim? {
        try await statement(FullRuns.current, [.text(project)]).first.map(Self.fullRunClaim)
    }

    public func renewFullRun(project: String, claim: String, until: Int) async throws -> Bool {
        !(try await write(FullRuns.renew, [.text(project), .text(claim), .integer(until)])).isEmpty
    }

    public func finishFullRun(project: String, claim: String, result: String) async throws -> Bool {
        !(try await write(FullRuns.finish, [.text(project), .text(claim), .text(result)])).isEmpty
    }

    private static func fullRunClaim(_ row: SQLiteRow) -> FullRunClaim {
        FullRunClaim(id: row.column("claim")?.string ?? "", input: row.column("input")?.string ?? "",
                     expiresAt: row.column("expires_at")?.integer ?? 0, result: row.column("result")?.string)
    }

    private static func key(_ row: SQLiteRow) -> APIKeyRecord {
        APIKeyRecord(
            id: row.column("id")?.string ?? "", name: row.column("name")?.string ?? "", prefix: row.column("prefix")?.string ?? "",
            keyHash: row.column("key_hash")?.string ?? "",
            permissions: (row.column("permissions")?.string ?? "").split(separator: ",").map(String.init),
            tier: row.column("tier")?.string ?? "", project: row.column("project")?.string,
            createdAt: row.column("created_at")?.string ?? "", revokedAt: row.column("revoked_at")?.string)
    }

    private static func project(_ row: SQLiteRow) -> Project {
        Project(id: row.column("id")?.string ?? "", name: row.column("name")?.string ?? "",
                description: row.column("description")?.string ?? "", createdAt: row.column("created_at")?.string ?? "",
                publicBadges: row.column("public_badges")?.integer == 1)
    }

    /// Runs `body` in one transaction, alone on the connection: all of it is committed, or none.
    private func transaction<T>(_ body: () async throws -> T) async throws -> T {
        try await exclusively {
            try checkFile()
            try await run("BEGIN IMMEDIATE", [])
            do {
                let result = try await body()
                try await run("COMMIT", [])
                return result
            } catch {
                _ = try? await run("ROLLBACK", [])
                throw error
            }
        }
    }

    /// Runs one statement alone on the connection (outside any other call's transaction).
    @discardableResult
    private func statement(_ sql: String, _ binds: [SQLiteData]) async throws -> [SQLiteRow] {
        try await exclusively { try await run(sql, binds) }
    }

    /// Runs one statement that writes, alone on the connection, if the database file is still the one opened.
    @discardableResult
    private func write(_ sql: String, _ binds: [SQLiteData]) async throws -> [SQLiteRow] {
        try await exclusively {
            try checkFile()
            return try await run(sql, binds)
        }
    }

    /// Runs `body` once no other statement or transaction holds the connection, holding it meanwhile.
    private func exclusively<T>(_ body: () async throws -> T) async throws -> T {
        if busy {
            // `release` hands the connection over without clearing `busy`, so nobody overtakes.
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer { release() }
        return try await body()
    }

    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Closes the connection once the statements already waiting for it have run.
    public func close() async {
        try? await exclusively { try await connection.close() }
    }

    /// Runs one statement, turning SQLite's errors into `StoreError`.
    @discardableResult
    private func run(_ sql: String, _ binds: [SQLiteData]) async throws -> [SQLiteRow] {
        do {
            return try await connection.query(sql, binds)
        } catch {
            throw StoreError("database error: \(error)")
        }
    }
}
