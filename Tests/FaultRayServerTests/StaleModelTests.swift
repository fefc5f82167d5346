import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import Testing

/// A model read from the store (then assessed, both suspension points) while the model is replaced
/// or its project deleted: the change wins, the older read is not cached over it.
@Suite("Model reads racing changes")
struct StaleModelTests {
    /// Saves the demo as `project`'s model in the store only (as after a restart), starts a read of it
    /// that is held after reading, makes `change` meanwhile, then lets the read finish. Returns what
    /// the read returned and what the project's model is afterwards.
    func race(_ project: String, change: (ServerState, any Store) async throws -> Void) async throws -> (read: Int?, after: Int?) {
        let gate = Gate()
        let store = GatedStore(base: try await memoryStore(), gate: gate)
        let state = ServerState(store: MonitoredStore(store), clock: Date.init, logger: quietLogger)
        return try await closing(store) {
            _ = try await store.createProject(Project(id: project, name: project, description: "", createdAt: ""))
            try await store.saveModel(StoredModel(document: try DemoModel.load().json(), updatedAt: ""), project: project)
            await gate.arm()
            let read = Task { try await state.model(project) }
            await gate.arrival()
            try await change(state, store)
            await gate.release()
            return (try await read.value?.model.components.count, try await state.model(project)?.model.components.count)
        }
    }

    @Test func anUploadDuringARead() async throws {
        let small = try ModelLoader.load(text: ModelRouteTests.small, file: "small.yaml")
        let (read, after) = try await race("p") { state, _ in try await state.replace("p", with: small) }
        #expect(read == small.components.count)
        #expect(after == small.components.count)
    }

    @Test func aDeleteDuringARead() async throws {
        let (read, after) = try await race("p") { state, store in
            _ = try await store.deleteProject(id: "p")
            await state.forget("p")
        }
        #expect(read == nil)
        #expect(after == nil)
    }

    /// Two uploads, the first one's save slow: the store keeps the second (the one served), not
    /// whichever save happened to land last.
    @Test func uploadsAreSavedInTheOrderTheyAreServed() async throws {
        let gate = Gate()
        let store = GatedStore(base: try await memoryStore(), gate: gate, held: .save)
        let state = ServerState(store: MonitoredStore(store), clock: Date.init, logger: quietLogger)
        let small = try ModelLoader.load(text: ModelRouteTests.small, file: "small.yaml")
        try await closing(store) {
            await gate.arm()
            let first = Task { try await state.replace(Project.defaultID, with: try DemoModel.load()) }
            await gate.arrival()
            let second = Task { try await state.replace(Project.defaultID, with: small) }
            // Time for the second upload to reach the store if nothing holds it back.
            try await Task.sleep(for: .milliseconds(300))
            await gate.release()
            _ = try await (first.value, second.value)
            #expect(try await store.model(project: Project.defaultID)?.document == small.json())
            #expect(try await state.model(Project.defaultID)?.model.components.count == small.components.count)
        }
    }

    /// An upload that passed its project check before a delete saves after it: a project created
    /// later under the same id starts empty all the same.
    @Test(.tags(.live), arguments: Backend.tested) func anUploadSavedAfterItsProjectWasDeletedIsNotInherited(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let project = Project(id: "p", name: "p", description: "", createdAt: "")
            #expect(try await store.createProject(project))
            #expect(try await store.deleteProject(id: "p"))
            try await store.saveModel(StoredModel(document: try DemoModel.load().json(), updatedAt: ""), project: "p")
            _ = try await store.appendScore(ScoreEntry(timestamp: "", trigger: .modelChange, score: 1, grade: "F", components: 12,
                                                       dependencies: 18, spofCount: 0), project: "p")
            #expect(try await store.createProject(project))
            #expect(try await store.model(project: "p") == nil)
            #expect(try await store.scoreHistory(project: "p", limit: 10, trigger: nil).isEmpty)
        }
    }
}
