import Hummingbird

/// The bare route the HTTP benchmark (`scripts/bench-http.sh`) compares FaultRay's routes with: the
/// same Hummingbird, HTTP/1 with its default configuration, one route answering a fixed small JSON
/// body, no middleware. `faultray-bare [port]` (8100 by default) listens on 127.0.0.1.
let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8100
let body = ByteBuffer(string: #"{"status":"ok"}"#)
let router = Router()
router.get("/bare") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
}
let app = Application(router: router, server: .http1(), configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
