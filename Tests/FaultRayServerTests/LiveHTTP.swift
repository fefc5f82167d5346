import Foundation
import Hummingbird
import Testing

/// Requests to a live server (`LiveServer`, `Fleet`), made with curl, every answer checked against the
/// OpenAPI document for its method, path template and status as the route tests' are
/// (`ResponseContract.check`). Each request writes what it sends and gets to files in `scratch`.
struct LiveHTTP: Sendable {
    /// Where the files of each request go.
    let scratch: URL

    /// An HTTP answer: its status (0 when none came), body and header lines, and what curl wrote to stderr.
    struct Reply: Sendable {
        let status: Int
        let body: String
        /// The header lines of every response that came (a `100 Continue` before the final one).
        let headers: [String]
        /// curl's messages (with `-v`: the exchange).
        let trace: String

        /// The value of the header `name` (case-insensitive) in the final response.
        func header(_ name: String) -> String? {
            headers.last { $0.lowercased().hasPrefix(name.lowercased() + ":") }.map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        /// The body as a JSON object (empty when it is not one).
        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]) ?? [:] }
        /// The `id`s of the objects the body lists under `key`.
        func ids(_ key: String) throws -> Set<String> {
            let list = try #require(json[key] as? [[String: Any]], "\(status) \(body.prefix(300))")
            return Set(list.compactMap { $0["id"] as? String })
        }
    }

    /// One request (at most 60 s): `body` is sent as is, `file` from disk; `options` are more curl options (`-v`).
    /// A break of the document is recorded at `sourceLocation`.
    func callAsFunction(_ method: String, _ url: String, headers: [String] = [], body: String? = nil, file upload: URL? = nil,
                        options: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let name = scratch.appendingPathComponent("request-\(UUID())").path
        var arguments = ["-sS", "-m", "60", "-o", name + ".body", "-D", name + ".headers", "--stderr", name + ".err",
                         "-w", "%{http_code}", "-X", method] + options + headers.flatMap { ["-H", $0] }
        if let body {
            try Data(body.utf8).write(to: URL(fileURLWithPath: name + ".sent"))
            arguments += ["--data-binary", "@" + name + ".sent"]
        }
        if let upload { arguments += ["--data-binary", "@" + upload.path] }
        let (_, code) = try await Spawned.run("/usr/bin/env", ["curl"] + arguments + [url], log: URL(fileURLWithPath: name + ".code"), within: .seconds(90))
        let read = { (suffix: String) in (try? Data(contentsOf: URL(fileURLWithPath: name + suffix))) ?? Data() }
        let headerLines = String(decoding: read(".headers"), as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
        let reply = Reply(status: Int(code.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, body: String(decoding: read(".body"), as: UTF8.self),
                          headers: headerLines, trace: String(decoding: read(".err"), as: UTF8.self))
        if reply.status != 0 {
            Self.check(method: method, url: url, status: reply.status, contentType: reply.header("Content-Type"), body: read(".body"),
                       sourceLocation: sourceLocation)
        }
        return reply
    }

    /// Records a test issue for each way the answer of `method url` breaks the OpenAPI document.
    static func check(method: String, url: String, status: Int, contentType: String?, body: Data, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let parts = URLComponents(string: url), let method = HTTPRequest.Method(method) else {
            Issue.record("\(method) \(url) → \(status) cannot be checked against the OpenAPI document: not a method and URL", sourceLocation: sourceLocation)
            return
        }
        let uri = parts.percentEncodedPath + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        ResponseContract.served.check(method: method, uri: uri, status: status, contentType: contentType, body: body, sourceLocation: sourceLocation)
    }
}
