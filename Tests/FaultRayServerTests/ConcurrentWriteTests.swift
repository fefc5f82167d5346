import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Writes that arrive together: the store runs one statement or transaction at a time, so none runs
/// inside another's transaction and none is lost with it (the live SIGKILL test checks the same on disk).
@Suite("Concurrent writes")
struct ConcurrentWriteTests {
    /// 200 deletes of 50 projects at once: each project is deleted once (200), the rest are 404, never 503.
    @Test(.tags(.live), arguments: Backend.tested) func concurrentProjectDeletesAnswer200Or404(_ backend: Backend) async throws {
        try await backend.withStore { store in try await withServer(store: store, configure: { $0.rateLimits = nil }) { client async throws in
            let ids = (0..<50).map { "doomed-\($0)" }
            for id in ids {
                #expect(try await client.post("/api/projects", #"{"id": "\#(id)", "name": "\#(id)"}"#).status == .created)
            }
            let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for _ in 0..<4 {
                    for id in ids {
                        group.addTask {
                            let response = try await client.execute(uri: "/api/projects/\(id)", method: .delete)
                            if response.status != .ok { expectError(response, .notFound, containing: "not found") }
                            return (id, response.status.code)
                        }
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0, default: []].append($1.1) }
            }
            for id in ids {
                #expect(statuses[id]?.sorted() == [200, 404, 404, 404], "\(id): \(statuses[id] ?? [])")
            }
            let left = try Body(try await client.get("/api/projects").body)["projects"] as? [[String: Any]]
            #expect(left?.compactMap { $0["id"] as? String } == [Project.defaultID])
        } }
    }

    /// A write is committed when it returns, even while other calls run transactions: a second
    /// connection to the same data sees each scheduled experiment at once (a write that ran inside another
    /// call's open transaction would not be, and a SIGKILL then would lose it).
    @Test(.tags(.live), arguments: Backend.tested) func everyWriteIsCommittedWhenItReturns(_ backend: Backend) async throws {
        let place = try await backend.place()
        defer { place.remove() }
        let store = try await place.open(), observer = try await place.open()
        let unseen = try await closing(observer) {
            try await closing(store) {
                for index in 0..<40 { _ = try await store.createProject(Project(id: "doomed-\(index)", name: "doomed", description: "", createdAt: "")) }
                return try await withThrowingTaskGroup(of: String?.self) { group in
                    for index in 0..<40 {
                        // Whether each delete answers properly is the test above's business.
                        for _ in 0..<2 { group.addTask { _ = try? await store.deleteProject(id: "doomed-\(index)"); return nil } }
                        group.addTask {
                            let record = StoredRecord(kind: "calendar.experiment", project: Project.defaultID, id: "exp-\(index)", body: "{}")
                            try await store.putRecord(record)
                            let seen = try await observer.records(kind: record.kind, project: record.project).contains { $0.id == record.id }
                            return seen ? nil : record.id
                        }
                    }
                    return try await group.reduce(into: [String]()) { if let id = $1 { $0.append(id) } }
                }
            }
        }
        #expect(unseen.isEmpty, "acknowledged but not committed: \(unseen.sorted())")
    }
}
