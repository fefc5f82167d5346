@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What the served OpenAPI document promises about responses: for a request's method and concrete
/// path, the operation it documents; for the status, the response; for the content type, the schema.
/// Every response the route tests get is checked against it (`ContractCheckedClient`), and every
/// answer of a live server (`LiveHTTP`).
struct ResponseContract: Sendable {
    /// The contract of the document the server serves.
    static let served: ResponseContract = {
        do {
            return try ResponseContract(document: JSON(data: Data(OpenAPIDocument.served.utf8)))
        } catch {
            preconditionFailure("the served OpenAPI document is not JSON: \(error)")
        }
    }()

    let document: JSON
    let validator: JSONSchemaValidator
    /// The documented paths, each split into segments.
    private let templates: [(path: String, segments: [Substring])]

    init(document: JSON) {
        self.document = document
        validator = JSONSchemaValidator(document: document)
        templates = (document["paths"]?.objectValue ?? [:]).keys.sorted().map { ($0, $0.split(separator: "/")) }
    }

    /// The dashboard's page and files (GET): served beside the API for browsers, not API operations, so
    /// not in the document and not checked against it.
    static let pages: Set<String> = ["/", "/dashboard/{file}"]
    private static let pageTemplates = pages.sorted().map { ($0, $0.split(separator: "/")) }

    /// The documented path a concrete path falls under: among those that fit it segment by segment
    /// (`{name}` any segment, `{name}.svg` one ending in `.svg`), the one whose first differing
    /// segment is literal (`/calendar/ical` before `/calendar/{id}`), as the router chooses.
    func template(of path: String) -> String? {
        Self.bestMatch(of: path, among: templates)
    }

    private static func bestMatch(of path: String, among templates: [(path: String, segments: [Substring])]) -> String? {
        let segments = path.split(separator: "/")
        var best: (path: String, rank: [Int])?
        for template in templates where template.segments.count == segments.count {
            var rank: [Int] = []
            for (part, segment) in zip(template.segments, segments) {
                if let open = part.firstIndex(of: "{"), let close = part.firstIndex(of: "}") {
                    guard segment.hasPrefix(part[..<open]), segment.hasSuffix(part[part.index(after: close)...]) else { rank = []; break }
                    rank.append(0)
                } else {
                    guard part == segment else { rank = []; break }
                    rank.append(1)
                }
            }
            if rank.count == segments.count, best.map({ $0.rank.lexicographicallyPrecedes(rank) }) ?? true { best = (template.path, rank) }
        }
        return best?.path
    }

    /// What in a response breaks the document: an undocumented path, method or status, a content type
    /// the response does not list, a JSON body its schema refuses. Empty when it conforms.
    func problems(method: HTTPRequest.Method, uri: String, status: Int, contentType: String?, body: Data) -> [String] {
        let path = String(uri.prefix { $0 != "?" && $0 != "#" })
        let errorSchema = JSON.object(["$ref": .string("#/components/schemas/Error")])
        guard let template = template(of: path) else {
            if method == .get || method == .head, Self.bestMatch(of: path, among: Self.pageTemplates) != nil { return [] }
            return status >= 400 ? jsonProblems(body, errorSchema) : ["no documented path for \(path), yet it answered \(status)"]
        }
        let operationMethod = method == .head ? "get" : method.rawValue.lowercased()
        guard let operation = document["paths"]?[template]?[operationMethod] else {
            return status >= 400 ? jsonProblems(body, errorSchema) : ["\(template) documents no \(method), yet it answered \(status)"]
        }
        let responses = operation["responses"]
        guard var response = responses?[String(status)] ?? responses?["\(status / 100)XX"] ?? responses?["default"] else {
            return ["status \(status) is not documented for \(method) \(template)"]
        }
        if let ref = response["$ref"]?.string {
            guard let target = document.resolve(pointer: ref) else { return ["unresolvable $ref \(ref)"] }
            response = target
        }
        guard method != .head else { return [] }
        let content = response["content"]?.objectValue ?? [:]
        guard !content.isEmpty else { return body.isEmpty ? [] : ["status \(status) of \(method) \(template) documents no body, yet one came"] }
        let media = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let entry = content[media] else {
            return ["content type \(contentType ?? "none") is not among \(content.keys.sorted()) for \(status) of \(method) \(template)"]
        }
        guard media == "application/json" || media.hasSuffix("+json"), let schema = entry["schema"] else { return [] }
        return jsonProblems(body, schema)
    }

    /// Records a test issue for each of the `problems` of a response (at most ten).
    func check(method: HTTPRequest.Method, uri: String, status: Int, contentType: String?, body: Data, sourceLocation: SourceLocation = #_sourceLocation) {
        for problem in problems(method: method, uri: uri, status: status, contentType: contentType, body: body).prefix(10) {
            Issue.record("\(method) \(uri) → \(status) breaks the OpenAPI document: \(problem)", sourceLocation: sourceLocation)
        }
    }

    /// Violations of `schema` by the JSON text `body`.
    func jsonProblems(_ body: Data, _ schema: JSON) -> [String] {
        guard let value = try? JSON(data: body) else { return ["the body is not JSON: \(String(decoding: body.prefix(200), as: UTF8.self))"] }
        return validator.errors(value, schema)
    }
}

/// A test client that checks every response against the OpenAPI document (`ResponseContract`),
/// recording each violation as a test issue, and hands the response back unchanged.
struct ContractCheckedClient: TestClientProtocol {
    let client: any TestClientProtocol

    var port: Int? { client.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        ResponseContract.served.check(method: method, uri: uri, status: Int(response.status.code), contentType: response.headers[.contentType],
                                      body: Data(buffer: response.body))
        return response
    }
}

extension ApplicationProtocol {
    /// Runs `test` against the application's router, every response checked against the OpenAPI document.
    func testRouter<Value>(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await self.test(.router) { client in try await test(ContractCheckedClient(client: client)) }
    }
}
