import FaultRayStore
import ServiceLifecycle

/// The store as a service of the application: it stays open while the application runs and is closed
/// (its connections with it) when the application shuts down. The application's service group stops
/// services in reverse order, so the HTTP server, listed after it, has stopped answering by then.
struct StoreService: Service {
    let store: any Store

    func run() async throws {
        // Returns at graceful shutdown, or throws when the group is cancelled: the store closes in both cases.
        try? await gracefulShutdown()
        await store.close()
    }
}
