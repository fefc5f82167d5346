import FaultRayCore
@testable import FaultRayServer
import Foundation
import Testing

/// Kept answers are read without a turn on the state's actor (`ServerState.answer`): still, once a new model is
/// acknowledged, no answer of an older model is served, however many requests were making or reading one meanwhile.
@Suite("Kept answers follow the acknowledged model")
struct KeptAnswerTests {
    /// A model of `count` components, none depending on another.
    static func model(_ count: Int) -> InfrastructureModel {
        InfrastructureModel(components: (0..<count).map { Component(id: "c\($0)") })
    }

    @Test func noAnswerOfAnOlderModelAfterAReplacementIsAcknowledged() async throws {
        try await AnalysisSchedulingTests.withState { state in
            // Slow enough that answers of a model are still being made when it is replaced.
            let count: @Sendable (Assessment) -> Int = { usleep(500); return $0.model.components.count }
            try await state.replace("p", with: Self.model(1))
            let acknowledged = Locked(1), stale = Locked(0)
            // Readers ask all along, so answers of each model are being made, kept and read while it is replaced;
            // each answer must be of the model acknowledged when it was asked for, or a newer one.
            let readers = (0..<4).map { _ in
                Task {
                    while !Task.isCancelled {
                        let floor = acknowledged.withLock { $0 }
                        if try await state.answer("p", "count", count) < floor { stale.withLock { $0 += 1 } }
                        await Task.yield()  // a kept answer is read without suspending: let the writer run
                    }
                }
            }
            for size in 2...60 {
                try await state.replace("p", with: Self.model(size))
                acknowledged.withLock { $0 = size }
                #expect(try await state.answer("p", "count", count) == size, "an answer of an older model after model \(size)")
                try await Task.sleep(for: .milliseconds(2))
            }
            for reader in readers { reader.cancel() }
            for reader in readers { _ = try? await reader.value }
            #expect(stale.withLock { $0 } == 0, "answers of an older model served after a newer one was acknowledged")
        }
    }
}
