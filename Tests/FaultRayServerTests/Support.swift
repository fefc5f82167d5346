import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A fixed clock for tests: 2026-03-15T10:30:00Z, plus `offset` seconds.
let testStart = Date(timeIntervalSince1970: 1_773_570_600)

/// The repository root.
let repositoryURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A decoded JSON response body.
struct Body {
    let value: Any

    init(_ buffer: ByteBuffer) throws {
        value = try JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed])
    }

    subscript(_ key: String) -> Any? { (value as? [String: Any])?[key] }
    var object: [String: Any] { value as? [String: Any] ?? [:] }
    var keys: Set<String> { Set(object.keys) }
}

/// The `(code, message)` of an error envelope, or `nil` when the body is not one.
func envelope(_ response: TestResponse) -> (code: Int, message: String)? {
    guard let body = try? Body(response.body), body.keys == ["error"],
          let error = body["error"] as? [String: Any], Set(error.keys) == ["code", "message"],
          let code = error["code"] as? Int, let message = error["message"] as? String else { return nil }
    return (code, message)
}

/// Checks that `response` is the error envelope with `status` and a message containing `text`.
func expectError(_ response: TestResponse, _ status: HTTPResponse.Status, containing text: String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/json", sourceLocation: sourceLocation)
    let error = envelope(response)
    #expect(error?.code == Int(status.code), "body: \(String(buffer: response.body))", sourceLocation: sourceLocation)
    #expect(text.isEmpty ? error != nil : error?.message.contains(text) == true, "message: \(error?.message ?? "none")", sourceLocation: sourceLocation)
}

/// A clock tests move by hand; it starts 2h 15m 30s after `testStart`.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 8130

    func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return testStart.addingTimeInterval(offset)
    }

    func advance(by seconds: TimeInterval) {
        lock.lock()
        offset += seconds
        lock.unlock()
    }
}

/// Builds the server on an in-memory store (or `store`) and runs `test` against its router.
func withServer<T>(
    start: ServerConfiguration.StartModel = .demo, store given: (any Store)? = nil, maxBodyBytes: Int = 10 << 20,
    clock: TestClock = TestClock(), configure: (inout ServerConfiguration) -> Void = { _ in },
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> T
) async throws -> T {
    var configuration = ServerConfiguration()
    configuration.startModel = start
    configuration.maxBodyBytes = maxBodyBytes
    configure(&configuration)
    configuration.startedAt = testStart
    let logger = quietLogger
    let store: any Store
    if let given { store = given } else { store = try await memoryStore() }
    let app = await buildApplication(configuration, store: store, clock: clock.now, logger: logger)
    return try await app.testRouter(test)
}

/// A logger that reports only critical messages, for the servers and stores of tests.
var quietLogger: Logger {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}

/// A throw-away SQLite store.
func memoryStore() async throws -> any Store {
    try await SQLiteStore.open(storage: .memory, logger: quietLogger)
}

/// An SQLite store in `directory` (created if needed); close it before it goes.
func fileStore(in directory: URL) async throws -> SQLiteStore {
    try await SQLiteStore.open(directory: directory, logger: quietLogger)
}

extension TestClientProtocol {
    /// GET `uri`.
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    /// POST `body` (JSON unless `headers` say otherwise) to `uri`.
    func post(_ uri: String, _ body: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: .post, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// PUT `body` to `uri` with `contentType`.
    func put(_ uri: String, _ body: String, contentType: String?) async throws -> TestResponse {
        try await execute(uri: uri, method: .put, headers: contentType.map { [.contentType: $0] } ?? [:], body: ByteBuffer(string: body))
    }
}

/// The route table of a server built on a throw-away store.
func routeTable() async throws -> RouteTable {
    let state = ServerState(store: MonitoredStore(try await memoryStore()), clock: Date.init, logger: Logger(label: "test"))
    return buildRouter(state: state, configuration: ServerConfiguration()).1
}
