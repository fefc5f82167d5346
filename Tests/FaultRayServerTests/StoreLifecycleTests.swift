import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Hummingbird
import HummingbirdTesting
import Testing

/// The store the application opens is one of its services: open while it runs, closed when it stops.
@Suite("Store lifecycle")
struct StoreLifecycleTests {
    /// Counts `close()` calls.
    final class ClosingStore: StoreWrapper {
        let base: any Store = UnavailableStore(reason: StoreError("not needed here"))
        let closes = Locked(0)

        func close() async {
            closes.withLock { $0 += 1 }
            await base.close()
        }
    }

    @Test("the store stays open while the application runs and is closed once when it shuts down")
    func theStoreIsClosedAtShutdown() async throws {
        let store = ClosingStore()
        let app = Application(router: Router(), services: [StoreService(store: store)])
        try await app.test(.router) { _ in
            #expect(store.closes.withLock { $0 } == 0)
        }
        #expect(store.closes.withLock { $0 } == 1)
    }
}
