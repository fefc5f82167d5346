import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// SVG badges (for READMEs and dashboards) and their Markdown snippets. Like every route they are rate
/// limited and a key confined to a project sees no other; once authentication is on they need
/// `view_results`, unless the project opted in to public badges (`public_badges`).
enum BadgeRoutes {
    static func register(_ api: API) {
        api.routes.on(.get, "/badge/{type}.svg", .root, permission: .viewResults, checkedByHandler: true) { request, context in
            let project = try await project(request, context, api)
            let name = api.parameter("type", context)
            guard let kind = Badge.Kind(rawValue: name) else {
                throw UnknownNameError(.badge, name: name, known: Badge.Kind.allCases.map(\.rawValue))
            }
            let styleName = request.uri.queryParameters["style"].map(String.init) ?? Badge.Style.flat.rawValue
            guard let style = Badge.Style(rawValue: styleName) else {
                throw APIError(.badRequest, "Query parameter 'style' must be one of \(Badge.Style.allCases.map(\.rawValue).joined(separator: ", ")); got '\(Clip.text(styleName))'.")
            }
            let assessment = try await api.state.model(project)
            let svg = Badge(kind, assessment: assessment).svg(style: style)
            // The value changes with the model: caches must revalidate, and the ETag makes that cheap.
            let etag = "\"\(SHA256.hex(svg).prefix(16))\""
            let headers: HTTPFields = [.cacheControl: "no-cache, max-age=0", .eTag: etag]
            let known = request.headers[.ifNoneMatch]?.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "")
            } ?? []
            if known.contains(etag) || known.contains("*") { return Response(status: .notModified, headers: headers) }
            return JSONBody.text(svg, contentType: "image/svg+xml; charset=utf-8", headers: headers)
        }

        api.routes.on(.get, "/badge-markdown", permission: .viewResults, checkedByHandler: true) { request, context in
            let base = try baseURL(request)
            let id = try await project(request, context, api)
            // The project's query only when one was named (empty names none).
            let query = request.uri.queryParameters["project"].map({ !$0.isEmpty }) == true ? "?project=" + id : ""
            let badges = Badge.Kind.allCases.map { kind in
                let url = "\(base)/badge/\(kind.rawValue).svg\(query)"
                return BadgeLink(type: kind.rawValue, url: url, markdown: "![\(kind.label)](\(url))")
            }
            return try JSONBody.response(BadgeMarkdown(markdown: badges.map(\.markdown).joined(separator: "\n"), badges: badges))
        }
    }

    /// The project of a badge route (`?project=`, absent or empty: `default`), once the caller may see
    /// its badges: a key confined to another project gets 404, as if it did not exist; once
    /// authentication is on, a project that did not opt in to public badges needs `view_results`
    /// (401/403 before anything about the project is told).
    static func project(_ request: Request, _ context: FaultRayContext, _ api: API) async throws -> String {
        let id = api.projectID(request)
        // Only with authentication on does the project's choice matter (and the store need asking).
        if try await api.access.isConfigured(), try await api.store.project(id: id)?.publicBadges != true {
            try await api.access.authorize(context.caller, for: .viewResults)
        }
        return try await api.project(id: id, context)
    }

    /// `base_url`: an absolute http(s) URL without query or fragment (default `http://localhost:8000`),
    /// without its trailing slash.
    static func baseURL(_ request: Request) throws -> String {
        let text = request.uri.queryParameters["base_url"].map { String($0).removingPercentEncoding ?? String($0) } ?? "http://localhost:8000"
        guard let components = URLComponents(string: text), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
              let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil,
              !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "(" || $0 == ")" }) else {
            throw APIError(.badRequest, "Query parameter 'base_url' must be an http or https URL such as https://faultray.example.com; got '\(Clip.text(text))'.")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}

/// `GET /api/badge-markdown`.
struct BadgeMarkdown: Encodable {
    var markdown: String
    var badges: [BadgeLink]
}

struct BadgeLink: Encodable {
    var type: String
    var url: String
    var markdown: String
}
