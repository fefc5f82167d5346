import FaultRayStore
import Foundation
import Testing

/// The stores the store tests run on: SQLite always, PostgreSQL (a server the tests start, see
/// `TestPostgres`) where its programs are installed, and always when `FAULTRAY_REQUIRE_TOOLS=1`, so
/// CI fails rather than skips. `PostgresServerTests` says why when PostgreSQL is skipped.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static let tested: [Backend] = OutsideTool.requiredByEnvironment || OutsideTool.postgres.isInstalled ? allCases : [.sqlite]

    var testDescription: String { rawValue }

    /// A new, empty place for data (a directory, a database): every store `open` returns works on
    /// the same data, as several servers sharing one database do.
    func place() async throws -> StorePlace {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-store-\(UUID())")
            return StorePlace(open: { try await SQLiteStore.open(directory: directory, logger: quietLogger) },
                              remove: { try? FileManager.default.removeItem(at: directory) })
        case .postgres:
            let url = try await TestPostgres.shared.value.newDatabase()
            return StorePlace(open: { try await PostgresStore.open(url: url, logger: quietLogger, timeout: TestPostgres.timeout) },
                              remove: {})
        }
    }

    /// Runs `body` with a store on a new place, closing the store and removing the place afterwards.
    func withStore<T>(_ body: (any Store) async throws -> T) async throws -> T {
        let place = try await place()
        defer { place.remove() }
        let store = try await place.open()
        return try await closing(store) { try await body(store) }
    }
}

/// Where a test's data lives, and how to open a store on it.
struct StorePlace: Sendable {
    let open: @Sendable () async throws -> any Store
    let remove: @Sendable () -> Void
}

@Suite("PostgreSQL for the store tests", .tags(.live), .needs(.postgres))
struct PostgresServerTests {
    /// The test server starts and accepts a connection; the store tests on PostgreSQL use it.
    @Test func theTestServerStartsAndAnswers() async throws {
        try await Backend.postgres.withStore { store in
            try await store.probe(writing: true)
            #expect(try await store.projects().map(\.id) == [Project.defaultID])
        }
    }

    /// Servers starting together on one new database: each applies the migrations or waits for the
    /// one applying them (the advisory lock); none fails, and the schema is there once.
    @Test func serversStartingTogetherMigrateOnce() async throws {
        let place = try await Backend.postgres.place()
        let opened = await withTaskGroup(of: Result<any Store, any Error>.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    do { return .success(try await place.open()) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for result in opened {
            guard case .success(let store) = result else {
                Issue.record("a store did not open: \(result)")
                continue
            }
            #expect(try await store.projects().map(\.id) == [Project.defaultID])
            await store.close()
        }
    }
}
