import Testing
@testable import FaultRayServer

@Suite("Server module")
struct ServerModuleTests {
    @Test("the server module links against the engine")
    func links() {
        #expect(ServerInfo.engineLinked)
    }
}
