import Hummingbird

/// The bare routes the HTTP benchmark (`scripts/bench-http.sh`) compares FaultRay's routes with: the
/// same Hummingbird, HTTP/1 with its default configuration, no middleware, two routes answering a fixed
/// JSON body: `/bare` a small one (15 bytes), `/bare/sized` one of `size` bytes (to compare with a route
/// whose answer is that large: what the framework and the kernel spend on the bytes alone).
/// `faultray-bare [port] [size]` (8100 and 6,352 bytes by default) listens on 127.0.0.1.
let arguments = CommandLine.arguments.dropFirst()
let port = arguments.first.flatMap(Int.init) ?? 8100
let size = arguments.dropFirst().first.flatMap(Int.init) ?? 6352
let small = ByteBuffer(string: #"{"status":"ok"}"#)
let sized = ByteBuffer(string: #"{"padding":""# + String(repeating: "x", count: max(0, size - 14)) + #""}"#)
let router = Router()
router.get("/bare") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: small))
}
router.get("/bare/sized") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: sized))
}
let app = Application(router: router, server: .http1(), configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
