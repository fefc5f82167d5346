import FaultRayStore
import Foundation
import Testing

/// What every store does, on each backend (`Backend.tested`): the same calls, the same answers.
@Suite("Store semantics")
struct StoreContractTests {
    static let project = Project(id: "p", name: "P", description: "d", createdAt: "2026-01-01T00:00:00+00:00", publicBadges: true)

    @Test(.tags(.live), arguments: Backend.tested) func keysAreStoredHashedAndRevokedOnce(_ backend: Backend) async throws {
        try await backend.withStore { store in
            #expect(try await store.hasActiveKeys() == false)
            let first = APIKeyRecord(id: "key_1", name: "ci", prefix: "fr_live_ab", keyHash: "h1", permissions: ["view_results", "run_simulation"],
                                     tier: "pro", project: nil, createdAt: "2026-01-01T00:00:00+00:00")
            var second = first
            second.id = "key_2"; second.keyHash = "h2"; second.project = Project.defaultID; second.createdAt = "2026-01-02T00:00:00+00:00"
            try await store.createKey(second)
            try await store.createKey(first)
            #expect(try await store.keys() == [first, second])
            #expect(try await store.key(hash: "h2") == second)
            #expect(try await store.key(hash: "nope") == nil)
            #expect(try await store.hasActiveKeys())
            await #expect(throws: StoreError.self) { try await store.createKey(first) }
            #expect(try await store.revokeKey(id: "key_1", at: "2026-02-01T00:00:00+00:00"))
            #expect(try await store.revokeKey(id: "key_1", at: "2026-02-02T00:00:00+00:00") == false)
            #expect(try await store.key(hash: "h1")?.revokedAt == "2026-02-01T00:00:00+00:00")
            #expect(try await store.revokeKey(id: "key_2", at: "2026-02-01T00:00:00+00:00"))
            #expect(try await store.hasActiveKeys() == false)
        }
    }

    @Test(.tags(.live), arguments: Backend.tested) func projectsModelsAndHistory(_ backend: Backend) async throws {
        try await backend.withStore { store in
            #expect(try await store.createProject(Self.project))
            #expect(try await store.createProject(Self.project) == false)
            #expect(try await store.projects().map(\.id) == [Project.defaultID, "p"])
            #expect(try await store.project(id: "p") == Self.project)
            #expect(try await store.project(id: "q") == nil)

            #expect(try await store.model(project: "p") == nil)
            try await store.saveModel(StoredModel(document: "{\"a\": 1}", updatedAt: "t1"), project: "p")
            try await store.saveModel(StoredModel(document: "{\"a\": 2} ünïcode", updatedAt: "t2"), project: "p")
            #expect(try await store.model(project: "p") == StoredModel(document: "{\"a\": 2} ünïcode", updatedAt: "t2"))

            let change = ScoreEntry(timestamp: "t1", trigger: .modelChange, score: 71.25, grade: "C", components: 12, dependencies: 18, spofCount: 2)
            let run = ScoreEntry(timestamp: "t2", trigger: .simulation, score: 80.5, grade: "B", components: 12, dependencies: 18, spofCount: 1,
                                 scenarios: 300, critical: 3, warning: 20, passed: 277)
            let stored = [try await store.appendScore(change, project: "p"), try await store.appendScore(run, project: "p"),
                          try await store.appendScore(change, project: "p")]
            #expect(stored[0].id < stored[1].id && stored[1].id < stored[2].id)
            #expect(try await store.scoreHistory(project: "p", limit: 10, trigger: nil) == stored.reversed())
            #expect(try await store.scoreHistory(project: "p", limit: 1, trigger: nil) == [stored[2]])
            #expect(try await store.scoreHistory(project: "p", limit: 10, trigger: .simulation) == [stored[1]])
            #expect(try await store.scoreHistory(project: Project.defaultID, limit: 10, trigger: nil).isEmpty)

            #expect(try await store.deleteProject(id: "p"))
            #expect(try await store.deleteProject(id: "p") == false)
            #expect(try await store.model(project: "p") == nil)
            #expect(try await store.scoreHistory(project: "p", limit: 10, trigger: nil).isEmpty)
        }
    }

    @Test(.tags(.live), arguments: Backend.tested) func recordsKeepTheirFirstPlace(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let kind = "calendar.experiment"
            for id in ["b", "a", "c"] { try await store.putRecord(StoredRecord(kind: kind, project: "p", id: id, body: "{\"v\": 1}")) }
            try await store.putRecord(StoredRecord(kind: kind, project: "p", id: "b", body: "{\"v\": 2}"))
            try await store.putRecord(StoredRecord(kind: "other", project: "p", id: "x", body: "{}"))
            let records = try await store.records(kind: kind, project: "p")
            #expect(records.map(\.id) == ["b", "a", "c"])
            #expect(records.first?.body == "{\"v\": 2}")
            #expect(try await store.deleteRecord(kind: kind, project: "p", id: "a"))
            #expect(try await store.deleteRecord(kind: kind, project: "p", id: "a") == false)
            #expect(try await store.records(kind: kind, project: "p").map(\.id) == ["b", "c"])
            #expect(try await store.records(kind: kind, project: "q").isEmpty)
        }
    }

    /// Requests counted per client and minute up to the limit, one or several at once; those that would pass it
    /// are refused and not counted, even when they arrive together.
    @Test(.tags(.live), arguments: Backend.tested) func requestsAreCountedUpToTheLimit(_ backend: Backend) async throws {
        try await backend.withStore { store in
            func count(_ client: String, _ minute: Int, limit: Int, _ count: Int = 1) async throws -> Int? {
                try await store.countRequests(client: client, minute: minute, limit: limit, count: count)
            }
            for expected in 1...3 { #expect(try await count("a", 100, limit: 3) == expected) }
            #expect(try await count("a", 100, limit: 3) == nil)
            #expect(try await count("a", 100, limit: 4) == 4)
            #expect(try await count("b", 100, limit: 3) == 1)
            #expect(try await count("a", 101, limit: 3) == 1)
            // Several at once: all of them or none.
            #expect(try await count("d", 101, limit: 10, 4) == 4)
            #expect(try await count("d", 101, limit: 10, 4) == 8)
            #expect(try await count("d", 101, limit: 10, 4) == nil)
            #expect(try await count("d", 101, limit: 10, 2) == 10)
            #expect(try await count("d", 101, limit: 10) == nil)
            // Outside 1...limit, nothing is counted.
            #expect(try await count("e", 101, limit: 3, 4) == nil)
            #expect(try await count("e", 101, limit: 3, 0) == nil)
            #expect(try await count("e", 101, limit: 3, 3) == 3)
            let counts = try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<25 { group.addTask { try await count("c", 101, limit: 10) } }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(counts.compactMap { $0 }.sorted() == Array(1...10))
            #expect(try await count("c", 101, limit: 10) == nil)
        }
    }

    /// A store opened again (a restart) applies nothing twice.
    @Test(.tags(.live), arguments: Backend.tested) func aStoreOpenedAgainMigratesNothingTwice(_ backend: Backend) async throws {
        let place = try await backend.place()
        defer { place.remove() }
        for _ in 0..<2 {
            let store = try await place.open()
            let projects = try await closing(store) { try await store.projects() }
            #expect(projects.map(\.id) == [Project.defaultID])
        }
    }

    /// A write one store acknowledged is what another store on the same data reads next.
    @Test(.tags(.live), arguments: Backend.tested) func aWriteIsSeenThroughAnotherStore(_ backend: Backend) async throws {
        let place = try await backend.place()
        defer { place.remove() }
        let writer = try await place.open(), reader = try await place.open()
        try await closing(reader) {
            try await closing(writer) {
                for index in 0..<20 {
                    let model = StoredModel(document: "{\"n\": \(index)}", updatedAt: "t\(index)")
                    try await writer.saveModel(model, project: Project.defaultID)
                    #expect(try await reader.model(project: Project.defaultID) == model)
                }
            }
        }
    }
}
