import FaultRayCore
import Foundation
import Hummingbird
import OpenAPIRuntime

/// Reading and writing bodies: the size limit, media types and the one JSON wire format.
enum JSONBody {
    /// `value` as a JSON response in the wire format (snake_case keys, sorted); a value that cannot be
    /// encoded (a non-finite number) is thrown, for the error middleware's 500.
    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = response(encoded: try WireJSON.encode(value))
        response.status = status
        return response
    }

    /// An already encoded body (JSON unless told otherwise) as a response.
    static func response(encoded data: Data, contentType: String = "application/json") -> Response {
        response(encoded: ByteBuffer(bytes: data), contentType: contentType)
    }

    /// `value` in the wire format, in a buffer: the form of an answer kept as bytes, which each of its responses
    /// shares (`response(encoded:)`) instead of copying it.
    static func buffer(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try WireJSON.encode(value))
    }

    /// An already encoded body in a buffer (shared, not copied) as a response.
    static func response(encoded buffer: ByteBuffer, contentType: String = "application/json") -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: buffer))
    }

    /// A text response with `contentType`.
    static func text(_ text: String, contentType: String, headers: HTTPFields = [:]) -> Response {
        var fields: HTTPFields = [.contentType: contentType]
        fields.append(contentsOf: headers)
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The body, at most `limit` bytes (413 beyond).
    static func collect(_ request: Request, limit: Int) async throws -> Data {
        try announcedLength(request.headers, limit: limit)
        return Data(buffer: try await request.body.collect(upTo: limit))
    }

    /// The body of a generated operation's request (`body` with `headers`), at most `limit` bytes (413 beyond).
    static func collect(_ body: HTTPBody?, headers: HTTPFields, limit: Int) async throws -> Data {
        try announcedLength(headers, limit: limit)
        var data = Data()
        for try await chunk in body ?? HTTPBody() {
            guard data.count + chunk.count <= limit else { throw tooLarge(limit) }
            data.append(contentsOf: chunk)
        }
        return data
    }

    /// The 413 of a body over `limit` bytes.
    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "Request body is larger than the limit of \(limit) bytes.")
    }

    /// A 413 when `headers` announce more than `limit` bytes.
    private static func announcedLength(_ headers: HTTPFields, limit: Int) throws {
        if let length = headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge(limit) }
    }

    /// The media type of the request without parameters, lower-cased; `nil` when absent.
    static func mediaType(of request: Request) -> String? {
        mediaType(of: request.headers)
    }

    /// The media type `headers` declare without parameters, lower-cased; `nil` when absent.
    static func mediaType(of headers: HTTPFields) -> String? {
        headers[.contentType].map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// Decodes a JSON body. An empty body decodes as `{}` when `emptyAllowed`; a body that is not
    /// declared JSON is a 415; with `fields`, a top-level key outside them is a 400.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int, emptyAllowed: Bool = false,
                                     fields: Set<String>? = nil) async throws -> T {
        let data = try json(try await collect(request, limit: limit), mediaType: mediaType(of: request), emptyAllowed: emptyAllowed)
        let value = try JSONDecoder().decode(T.self, from: data)
        if let fields, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            try only(fields, in: object.keys)
        }
        return value
    }

    /// The JSON text of a body declared `mediaType`: `{}` for an empty body when `emptyAllowed` (a 400 when not),
    /// a 415 when the body is declared anything but JSON.
    static func json(_ data: Data, mediaType: String?, emptyAllowed: Bool = false) throws -> Data {
        if data.isEmpty {
            guard emptyAllowed else { throw APIError(.badRequest, "Request body is required: a JSON object.") }
            return Data("{}".utf8)
        }
        if let media = mediaType, media != "application/json", !media.hasSuffix("+json") {
            throw APIError(.unsupportedMediaType, "Unsupported media type '\(Clip.text(media))'; send JSON with Content-Type: application/json.")
        }
        return data
    }

    /// A 400 naming the first top-level key of the object `decoder` reads outside `fields`, as `only(_:in:)`: for a
    /// request type's `init(from:)`, after its fields.
    static func only(_ fields: Set<String>, in decoder: any Decoder) throws {
        try only(fields, in: try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
    }

    /// A 400 naming the first of `keys` (the top-level keys of a body, taken in code-point order) outside `fields`.
    static func only(_ fields: Set<String>, in keys: some Sequence<String>) throws {
        for key in keys.sorted() where !fields.contains(key) {
            throw APIError(.badRequest, "unknown field '\(Clip.text(key))'\(Suggestion.hint(for: key, among: fields)); expected: \(fields.sorted().joined(separator: ", "))")
        }
    }
}

/// Two values encoded as one JSON object: the fields of both, side by side.
struct Merged<First: Encodable, Second: Encodable>: Encodable {
    var first: First
    var second: Second

    init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    func encode(to encoder: any Encoder) throws {
        try first.encode(to: encoder)
        try second.encode(to: encoder)
    }
}

/// Documents kept in the store's records: the wire format out, the same keys back in.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String { String(decoding: try WireJSON.encode(value), as: UTF8.self) }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: Data(text.utf8))
    }
}
