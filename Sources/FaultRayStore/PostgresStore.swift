import Foundation
import FaultRayCore
import Logging
import PostgresNIO

/// The store shared by several servers: one PostgreSQL database, reached through a pool of
/// connections. Every statement commits before the call returns (PostgreSQL's own durability), and
/// what one server writes every other reads at once.
///
/// Each call gives up after `timeout` (a database that stopped answering would otherwise hold
/// requests until the pool gives up, a minute later): the call throws, the server answers 503, and
/// the next call tries again, so the store recovers by itself when the database returns.
public final class PostgresStore: Store {
    private let client: PostgresClient
    /// Runs the client's connection pool until the store is closed.
    private let pool: Task<Void, Never>
    private let logger: Logger
    private let timeout: Duration

    /// The advisory lock held while the schema is brought up to date (`FaultRay` in ASCII), so servers
    /// starting together apply each step once.
    static let migrationLock: Int64 = 0x4661_756C_7452_6179

    /// Connects to the database at `url` (see `PostgresURL`) and brings its schema up to date.
    public static func open(url: String, logger: Logger, timeout: Duration = .seconds(5)) async throws -> PostgresStore {
        let store = PostgresStore(configuration: try PostgresURL.configuration(url), logger: logger, timeout: timeout)
        do {
            try await store.migrate()
        } catch {
            await store.close()
            throw StoreError("cannot prepare the database: \(error)")
        }
        return store
    }

    private init(configuration: PostgresClient.Configuration, logger: Logger, timeout: Duration) {
        var configuration = configuration
        configuration.options.connectTimeout = timeout
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.timeout = timeout
        pool = Task { await client.run() }
    }

    /// Applies the migration steps the database has not seen yet, in one transaction under the
    /// migration lock; the version applied is kept in `faultray_schema`.
    private func migrate() async throws {
        try await transaction { connection in
            try await Self.run(connection, "SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            try await Self.run(connection, "CREATE TABLE IF NOT EXISTS faultray_schema (version BIGINT NOT NULL)")
            let rows = try await Self.run(connection, "SELECT version FROM faultray_schema")
            let version: Int
            if let row = rows.first {
                version = try row.decode(Int.self)
            } else {
                version = 0
                try await Self.run(connection, "INSERT INTO faultray_schema (version) VALUES (0)")
            }
            for (number, step) in Migrations.steps.enumerated() where number + 1 > version {
                for sql in Migrations.statements(of: Migrations.postgres(step)) {
                    try await Self.run(connection, PostgresQuery(unsafeSQL: sql))
                }
                try await Self.run(connection, "UPDATE faultray_schema SET version = \(number + 1)")
            }
        }
    }

    public func probe(writing: Bool) async throws {
        if writing {
            // Rewrites one row as it is: a real write, changing nothing.
            try await query("UPDATE projects SET name = name WHERE id = \(Project.defaultID)")
        } else {
            try await query("SELECT 1")
        }
    }

    public func saveModel(_ model: StoredModel, project: String) async throws {
        try await query("""
            INSERT INTO models (project, document, updated_at) VALUES (\(project), \(model.document), \(model.updatedAt))
            ON CONFLICT (project) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at
            """)
    }

    public func model(project: String) async throws -> StoredModel? {
        try await query("SELECT document, updated_at FROM models WHERE project = \(project)").first.map { row in
            let (document, updatedAt) = try row.decode((String, String).self)
            return StoredModel(document: document, updatedAt: updatedAt)
        }
    }

    public var isShared: Bool { true }

    /// The transaction id that wrote the model's row (PostgreSQL's `xmin`): every save writes a new
    /// row version with a new one, and a model deleted and saved again is a new row.
    public func modelVersion(project: String) async throws -> String? {
        try await query("SELECT xmin::TEXT FROM models WHERE project = \(project)").first?.decode(String.self)
    }

    public func appendScore(_ entry: ScoreEntry, project: String) async throws -> ScoreEntry {
        let rows = try await query("""
            INSERT INTO score_history (project, created_at, trigger, score, grade, components, dependencies, spof_count,
                                       scenarios, critical, warning, passed)
            VALUES (\(project), \(entry.timestamp), \(entry.trigger.rawValue), \(entry.score), \(entry.grade),
                    \(entry.components), \(entry.dependencies), \(entry.spofCount),
                    \(entry.scenarios), \(entry.critical), \(entry.warning), \(entry.passed)) RETURNING id
            """)
        var stored = entry
        stored.id = try rows.first?.decode(Int.self) ?? 0
        return stored
    }

    public func scoreHistory(project: String, limit: Int, trigger: ScoreEntry.Trigger?) async throws -> [ScoreEntry] {
        try await query("""
            SELECT * FROM score_history WHERE project = \(project) AND (\(trigger?.rawValue)::TEXT IS NULL OR trigger = \(trigger?.rawValue))
            ORDER BY id DESC LIMIT \(limit)
            """).map { row in
            let row = row.makeRandomAccess()
            func value<T: PostgresDecodable>(_ column: String, _: T.Type = T.self) throws -> T { try row[column].decode(T.self) }
            return ScoreEntry(
                id: try value("id"), timestamp: try value("created_at"),
                trigger: ScoreEntry.Trigger(rawValue: try value("trigger")) ?? .modelChange,
                score: try value("score"), grade: try value("grade"), components: try value("components"),
                dependencies: try value("dependencies"), spofCount: try value("spof_count"),
                scenarios: try value("scenarios"), critical: try value("critical"), warning: try value("warning"),
                passed: try value("passed"))
        }
    }

    public func createKey(_ key: APIKeyRecord) async throws {
        try await query("""
            INSERT INTO api_keys (id, name, prefix, key_hash, permissions, tier, project, created_at, revoked_at)
            VALUES (\(key.id), \(key.name), \(key.prefix), \(key.keyHash), \(key.permissions.joined(separator: ",")),
                    \(key.tier), \(key.project), \(key.createdAt), NULL)
            """)
    }

    public func keys() async throws -> [APIKeyRecord] {
        try await query("SELECT \(unescaped: Self.keyColumns) FROM api_keys ORDER BY created_at, id").map(Self.key)
    }

    public func key(hash keyHash: String) async throws -> APIKeyRecord? {
        try await query("SELECT \(unescaped: Self.keyColumns) FROM api_keys WHERE key_hash = \(keyHash)").first.map(Self.key)
    }

    public func revokeKey(id: String, at time: String) async throws -> Bool {
        !(try await query("UPDATE api_keys SET revoked_at = \(time) WHERE id = \(id) AND revoked_at IS NULL RETURNING id")).isEmpty
    }

    public func hasActiveKeys() async throws -> Bool {
        try await query("SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL)").first?.decode(Bool.self) ?? false
    }

    public func createProject(_ project: Project) async throws -> Bool {
        try await transaction { connection in
            let created = !(try await Self.run(connection, """
                INSERT INTO projects (id, name, description, created_at, public_badges)
                VALUES (\(project.id), \(project.name), \(project.description), \(project.createdAt), \(project.publicBadges ? 1 : 0))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """)).isEmpty
            // A model upload racing the deletion of an earlier project of this id may have saved after it.
            if created { try await Self.deleteBelongings(of: project.id, connection) }
            return created
        }
    }

    public func projects() async throws -> [Project] {
        try await query("SELECT \(unescaped: Self.projectColumns) FROM projects ORDER BY created_at, id").map(Self.project)
    }

    public func project(id: String) async throws -> Project? {
        try await query("SELECT \(unescaped: Self.projectColumns) FROM projects WHERE id = \(id)").first.map(Self.project)
    }

    public func deleteProject(id: String) async throws -> Bool {
        try await transaction { connection in
            try await Self.deleteBelongings(of: id, connection)
            return !(try await Self.run(connection, "DELETE FROM projects WHERE id = \(id) RETURNING id")).isEmpty
        }
    }

    /// Deletes a project's model, history, records and full-run claim (inside a transaction).
    private static func deleteBelongings(of project: String, _ connection: PostgresConnection) async throws {
        for table in ["models", "score_history", "records", "full_runs"] {
            try await run(connection, "DELETE FROM \(unescaped: table) WHERE project = \(project)")
        }
    }

    public func putRecord(_ record: StoredRecord) async throws {
        try await query("""
            INSERT INTO records (kind, project, id, body) VALUES (\(record.kind), \(record.project), \(record.id), \(record.body))
            ON CONFLICT (kind, project, id) DO UPDATE SET body = excluded.body
            """)
    }

    public func records(kind: String, project: String) async throws -> [StoredRecord] {
        try await query("SELECT id, body FROM records WHERE kind = \(kind) AND project = \(project) ORDER BY seq").map { row in
            let (id, body) = try row.decode((String, String).self)
            return StoredRecord(kind: kind, project: project, id: id, body: body)
        }
    }

    public func deleteRecord(kind: String, project: String, id: String) async throws -> Bool {
        !(try await query("DELETE FROM records WHERE kind = \(kind) AND project = \(project) AND id = \(id) RETURNING id")).isEmpty
    }

    /// Counts without waiting for the disk (`synchronous_commit` off for this transaction only): a count is
    /// worth no flush, and PostgreSQL losing the last fraction of a second of counts in a crash only lets a few
    /// requests more through in that minute. Every other write keeps waiting for its commit.
    public func countRequests(client: String, minute: Int, limit: Int, count: Int) async throws -> Int? {
        guard RequestCounts.isValid(count: count, limit: limit) else { return nil }
        let counted = try await transaction { connection in
            try await Self.run(connection, "SET LOCAL synchronous_commit TO OFF")
            return try await Self.run(connection, try Self.shared(RequestCounts.count, [client, minute, limit, count])).first?.decode(Int.self)
        }
        // A minute's first count (the row was made) drops the old minutes.
        if counted == count { try await query(try Self.shared(RequestCounts.sweep, [minute])) }
        return counted
    }

    /// A statement written for both stores (SQLite's `?1` placeholders), with its values.
    private static func shared(_ sql: String, _ values: [any PostgresEncodable & Sendable]) throws -> PostgresQuery {
        var binds = PostgresBindings()
        for value in values { try binds.append(value) }
        return PostgresQuery(unsafeSQL: RequestCounts.postgres(sql), binds: binds)
    }

    public func claimFullRun(project: String, input: String, claim: String, now: Int, until: Int, keepingFinished: Bool) async throws -> FullRunClaim {
        try await transaction { connection in
            // The claim locks the project's row (even when it keeps it as it is), so the read that follows sees the claim that won.
            try await Self.run(connection, try Self.shared(FullRuns.claim, [project, claim, input, now, until, keepingFinished ? 1 : 0]))
            guard let current = try await Self.run(connection, try Self.shared(FullRuns.current, [project])).first else {
                throw StoreError("the full-run claim of project '\(project)' was not saved")
            }
            return try Self.fullRunClaim(current)
        }
    }

    public func fullRunClaim(project: String) async throws -> FullRunClaim? {
        try await query(try Self.shared(FullRuns.current, [project])).first.map(Self.fullRunClaim)
    }

    public func renewFullRun(project: String, claim: String, until: Int) async throws -> Bool {
        !(try await query(try Self.shared(FullRuns.renew, [project, claim, until]))).isEmpty
    }

    public func finishFullRun(project: String, claim: String, result: String) async throws -> Bool {
        !(try await query(try Self.shared(FullRuns.finish, [project, claim, result]))).isEmpty
    }

    private static func fullRunClaim(_ row: PostgresRow) throws -> FullRunClaim {
        let (id, input, expiresAt, result) = try row.decode((String, String, Int, String?).self)
        return FullRunClaim(id: id, input: input, expiresAt: expiresAt, result: result)
    }

    private static let keyColumns = "id, name, prefix, key_hash, permissions, tier, project, created_at, revoked_at"

    private static func key(_ row: PostgresRow) throws -> APIKeyRecord {
        let (id, name, prefix, keyHash, permissions, tier, project, createdAt, revokedAt) =
            try row.decode((String, String, String, String, String, String, String?, String, String?).self)
        return APIKeyRecord(id: id, name: name, prefix: prefix, keyHash: keyHash, permissions: permissions.split(separator: ",").map(String.init),
                            tier: tier, project: project, createdAt: createdAt, revokedAt: revokedAt)
    }

    private static let projectColumns = "id, name, description, created_at, public_badges"

    private static func project(_ row: PostgresRow) throws -> Project {
        let (id, name, description, createdAt, publicBadges) = try row.decode((String, String, String, String, Int).self)
        return Project(id: id, name: name, description: description, createdAt: createdAt, publicBadges: publicBadges == 1)
    }

    /// Closes the pool's connections.
    public func close() async {
        pool.cancel()
        await pool.value
    }

    /// Runs one statement on a connection of the pool (it commits on its own), within the timeout.
    @discardableResult
    private func query(_ sql: PostgresQuery) async throws -> [PostgresRow] {
        try await withinTimeout { [client, logger] in
            try await client.query(sql, logger: logger).collect()
        }
    }

    /// Runs `body` in one transaction on one connection, within the timeout: all of it is committed, or none.
    private func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withinTimeout { [client, logger] in
            try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    /// Runs one statement on `connection` (inside a transaction).
    @discardableResult
    private static func run(_ connection: PostgresConnection, _ sql: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(sql, logger: Logger(label: "faultray.postgres")).collect()
    }

    /// Runs `work`, giving up after the timeout; PostgreSQL's errors become `StoreError`. A call that
    /// times out returns at once: its work is cancelled and left to end (the pool fails the requests
    /// it cannot serve when its connection attempts keep failing).
    private func withinTimeout<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let timeout = self.timeout
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            let answer = FirstAnswer(continuation)
            let task = Task { answer.give(await Result { try await work() }) }
            Task {
                try? await Task.sleep(for: timeout)
                answer.give(.failure(StoreError("the database did not answer within \(timeout)")))
                task.cancel()
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error as PSQLError): throw StoreError("database error: \(Self.describe(error))")
        case .failure(let error as StoreError): throw error
        case .failure(let error): throw StoreError("database error: \(error)")
        }
    }

    /// What went wrong, without the query's bound values: the server's message, or the client's error code and cause.
    static func describe(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] {
            return [error.serverInfo?[.sqlState].map { "[\($0)]" }, message].compactMap { $0 }.joined(separator: " ")
        }
        return [error.code.description, error.underlying.map { "\($0)" }].compactMap { $0 }.joined(separator: ": ")
    }
}

/// Resumes a continuation with the first answer given; later ones are dropped.
private final class FirstAnswer<T: Sendable>: Sendable {
    private let continuation: Locked<CheckedContinuation<Result<T, any Error>, Never>?>

    init(_ continuation: CheckedContinuation<Result<T, any Error>, Never>) { self.continuation = Locked(continuation) }

    func give(_ result: Result<T, any Error>) {
        let waiting = continuation.withLock { continuation in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: result)
    }
}

private extension Result where Failure == any Error {
    /// The result of an async throwing call.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
