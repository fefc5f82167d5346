import Foundation
import HTTPTypes
import Hummingbird

/// The bare routes the HTTP benchmark (`scripts/bench-http.sh`) compares FaultRay's routes with: the
/// same Hummingbird, HTTP/1 with its default configuration, no middleware, routes answering a fixed
/// JSON body: `/bare` a small one (15 bytes), `/bare/sized` one of `size` bytes (to compare with a route
/// whose answer is that large: what the framework and the kernel spend on the bytes alone), and `/bare/fields` that
/// body with the header fields of `fields-file` too (`Name: value` lines, as FaultRay answers a route: what the bytes
/// of the whole answer cost, without any of FaultRay's work).
/// `faultray-bare [port] [size] [fields-file]` (8100, 6,352 bytes and no fields by default) listens on 127.0.0.1.
let arguments = Array(CommandLine.arguments.dropFirst())
let port = arguments.first.flatMap(Int.init) ?? 8100
let size = arguments.dropFirst().first.flatMap(Int.init) ?? 6352
let small = ByteBuffer(string: #"{"status":"ok"}"#)
let sized = ByteBuffer(string: #"{"padding":""# + String(repeating: "x", count: max(0, size - 14)) + #""}"#)
var fields: HTTPFields = [.contentType: "application/json"]
if arguments.count > 2 {
    fields = [:]
    for line in try String(contentsOfFile: arguments[2], encoding: .utf8).split(whereSeparator: \.isNewline) {
        guard let colon = line.firstIndex(of: ":"), let name = HTTPField.Name(String(line[..<colon])) else { continue }
        fields.append(HTTPField(name: name, value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
    }
}
let router = Router()
router.get("/bare") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: small))
}
router.get("/bare/sized") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: sized))
}
router.get("/bare/fields") { [fields] _, _ in
    Response(status: .ok, headers: fields, body: .init(byteBuffer: sized))
}
let app = Application(router: router, server: .http1(), configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
