@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The served OpenAPI document (expanded from `openapi.yaml`) and the response checks built on it.
@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    /// The expansion rule of `docs/openapi.md` on a small document.
    @Test func eachPathIsServedUnderEachOfItsServers() throws {
        let yaml = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        servers:
        - url: http://localhost:8000/api
        - {url: http://localhost:8000/api/v1, description: v1}
        paths:
          /topology:
            get: {operationId: getTopology, responses: {'200': {description: ok}}}
            parameters: []
          /demo:
            servers: [{url: http://localhost:8000}]
            get: {operationId: loadDemo}
          /beta:
            servers: [{url: http://localhost:8000/api/v1}]
            post: {operationId: beta, summary: 'yes', deprecated: false, default: null, maximum: 1.5, minimum: 200}
        components: {}
        """
        let topology = #"{"get":{"operationId":"getTopology#(id)","responses":{"200":{"description":"ok"}}},"parameters":[]}"#
        #expect(try OpenAPIDocument.expand(yaml: yaml).json() == #"{"openapi":"3.1.0","info":{"title":"T","version":"1"},"#
            + #""servers":[{"url":"http://localhost:8000"}],"paths":{"/api/topology":"# + topology.replacingOccurrences(of: "#(id)", with: "")
            + #","/api/v1/beta":{"post":{"operationId":"beta","summary":"yes","deprecated":false,"default":null,"maximum":1.5,"minimum":200}},"#
            + #""/api/v1/topology":"# + topology.replacingOccurrences(of: "#(id)", with: "V1")
            + #","/demo":{"get":{"operationId":"loadDemo"}}},"components":{}}"#)
        // A path served twice, or a server without a URL, is an error rather than a document.
        #expect(throws: OpenAPIDocument.Invalid.self) {
            try OpenAPIDocument.expand(yaml: "servers: [{url: 'http://h/api'}, {url: 'http://h/api'}]\npaths: {/a: {}}")
        }
        #expect(throws: OpenAPIDocument.Invalid.self) { try OpenAPIDocument.expand(yaml: "servers: [{}]\npaths: {}") }
        #expect(throws: OpenAPIDocument.Invalid.self) { try OpenAPIDocument.expand(yaml: "servers: [{url: 'http://h'}]\npaths: {/a: {[1]: 2}}") }
    }

    /// Every keyword the document's schemas use is one the validator applies or knows to be an annotation.
    @Test func theValidatorKnowsEveryKeywordTheDocumentUses() {
        var used = Set<String>()
        func walk(_ value: JSON, isSchema: Bool) {
            switch value {
            case .object(let members):
                if isSchema { used.formUnion(members.keys) }
                for (key, member) in members {
                    if isSchema {
                        switch key {
                        case "properties", "dependentSchemas": member.objectValue?.values.forEach { walk($0, isSchema: true) }
                        case "allOf", "anyOf", "oneOf", "prefixItems": member.arrayValue?.forEach { walk($0, isSchema: true) }
                        case "items", "additionalProperties", "not", "if", "then", "else", "propertyNames": walk(member, isSchema: true)
                        default: break
                        }
                    } else {
                        walk(member, isSchema: key == "schema")
                    }
                }
            case .array(let items): items.forEach { walk($0, isSchema: false) }
            default: break
            }
        }
        let document = ResponseContract.served.document
        walk(document["paths"] ?? .null, isSchema: false)
        for (kind, members) in document["components"]?.objectValue ?? [:] {
            for member in members.objectValue?.values.map({ $0 }) ?? [] { walk(member, isSchema: kind == "schemas") }
        }
        #expect(used.count > 20)
        #expect(used.subtracting(JSONSchemaValidator.assertions).subtracting(JSONSchemaValidator.annotations).sorted() == [])
    }

    /// The checks fail on responses that break the document: they cannot pass whatever comes.
    @Test func aResponseThatBreaksTheDocumentIsCaught() async throws {
        let contract = ResponseContract.served
        let health = try await withServer { client in Data(buffer: try await client.get("/api/health").body) }
        func problems(_ body: Data, uri: String = "/api/health", status: Int = 200, type: String = "application/json", method: HTTPRequest.Method = .get) -> [String] {
            contract.problems(method: method, uri: uri, status: status, contentType: type, body: body)
        }
        #expect(problems(health) == [])
        #expect(problems(health, uri: "/api/v1/health?x=1") == [])
        var object = try #require(try JSONSerialization.jsonObject(with: health) as? [String: Any])
        let encode = { (value: [String: Any]) in try JSONSerialization.data(withJSONObject: value) }
        let required = try #require(contract.document.resolve(pointer: "#/components/schemas/HealthReport")?["required"]?.arrayValue?.first?.string)
        #expect(problems(try encode(object.filter { $0.key != required })).contains { $0.contains("required property \(required) is missing") })
        #expect(problems(try encode(object.merging(["surprise": 1]) { $1 })).contains { $0.contains("unexpected property surprise") })
        object["status"] = "splendid"
        #expect(problems(try encode(object)).contains { $0.contains("$.status") })
        object["status"] = 7
        #expect(problems(try encode(object)).contains { $0.contains("is not of type") })
        #expect(problems(Data("not json".utf8)).contains { $0.contains("not JSON") })
        #expect(problems(health, status: 418).contains { $0.contains("status 418 is not documented") })
        #expect(problems(health, type: "text/plain").contains { $0.contains("content type text/plain") })
        #expect(problems(health, uri: "/api/no-such-route").contains { $0.contains("no documented path") })
        #expect(problems(health, method: .delete).contains { $0.contains("documents no DELETE") })
        // An error answer is held to the error envelope, wherever it comes from.
        #expect(problems(Data(#"{"error":{"code":404,"message":"x"}}"#.utf8), uri: "/api/no-such-route", status: 404) == [])
        #expect(problems(Data(#"{"error":{"code":"404"}}"#.utf8), uri: "/api/no-such-route", status: 404).count >= 2)
        #expect(problems(Data(#"{"error":"x"}"#.utf8), uri: "/api/topology", status: 400) != [])
        // The router's choice: a literal segment wins over a parameter.
        #expect(contract.template(of: "/api/calendar/ical") == "/api/calendar/ical")
        #expect(contract.template(of: "/api/calendar/abc") == "/api/calendar/{experiment_id}")
        #expect(contract.template(of: "/badge/score.svg") == "/badge/{type}.svg")
        #expect(contract.template(of: "/badge/score.png") == nil)
    }

    /// On responses and deliberately broken copies of them, the validator says what PyPI's jsonschema
    /// (JSON Schema 2020-12) says.
    @Test(.needs(.schemaValidators)) func theValidatorAgreesWithPythonJSONSchema() async throws {
        try OutsideTool.schemaValidators.require()
        let samples: [(HTTPRequest.Method, String, String)] = [
            (.get, "/api/health", "200"), (.get, "/api/versions", "200"), (.get, "/api/topology", "200"), (.post, "/api/simulate-failure/database", "200"),
            (.get, "/api/availability", "200"), (.get, "/api/risk-heatmap", "200"), (.get, "/api/score-explanation", "200"),
            (.get, "/api/cut-sets?entry=dns", "200"), (.post, "/api/simulate-failure/nope", "404"), (.get, "/api/projects", "200"),
        ]
        let bodies = try await withServer { client in
            try await samples.asyncMap { method, uri, _ in Data(buffer: try await client.execute(uri: uri, method: method).body) }
        }
        let contract = ResponseContract.served
        var cases: [(schema: String, instance: Data)] = []
        for ((method, uri, status), body) in zip(samples, bodies) {
            let template = try #require(contract.template(of: String(uri.prefix { $0 != "?" })))
            let escaped = template.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            let pointer = status == "200" ? "#/paths/\(escaped)/\(method.rawValue.lowercased())/responses/200/content/application~1json/schema"
                : "#/components/schemas/Error"
            #expect(contract.document.resolve(pointer: pointer) != nil, "\(pointer)")
            cases.append((pointer, body))
            var object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any], "\(uri)")
            let first = try #require(object.keys.sorted().first)
            cases.append((pointer, try JSONSerialization.data(withJSONObject: object.filter { $0.key != first })))
            cases.append((pointer, try JSONSerialization.data(withJSONObject: object.merging(["unexpected_key": [1]]) { $1 })))
            object[first] = object[first] is String ? 12 : "text"
            cases.append((pointer, try JSONSerialization.data(withJSONObject: object)))
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-verdicts-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let list = cases.map { #"{"schema": "\#($0.schema)", "instance": \#(String(decoding: $0.instance, as: UTF8.self))}"# }
        try Data("{\"document\": \(OpenAPIDocument.served), \"cases\": [\(list.joined(separator: ",\n"))]}".utf8).write(to: file)
        let (status, output) = try LiveServer.shell("python3 Tests/Fixtures/schemas/openapi-verdicts.py \(file.path)")
        #expect(status == 0, "\(output)")
        let python = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Bool], "\(output)")
        let swift = try cases.map { try contract.validator.errors(JSON(data: $0.instance), .object(["$ref": .string($0.schema)])).isEmpty }
        #expect(python == swift)
        let real = stride(from: 0, to: swift.count, by: 4).map { swift[$0] }
        #expect(real == Array(repeating: true, count: samples.count), "every real response is valid")
        #expect(swift.filter { !$0 }.count >= samples.count * 2, "most broken copies are invalid")
    }
}
