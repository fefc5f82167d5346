import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// SVG badges (for READMEs and dashboards) and their Markdown snippets. Like every route they are rate
/// limited and a key confined to a project sees no other; once authentication is on they need
/// `view_results`, unless the project opted in to public badges (`public_badges`). The Markdown is a generated
/// operation (below); the SVG, served outside /api, stays a hand-written route.
enum BadgeRoutes {
    static let guards: [String: RouteTable.Guard] = ["GET /badge-markdown": .init(permission: .viewResults, checkedByHandler: true)]

    static func register(_ api: API) {
        api.routes.on(.get, "/badge/{type}.svg", .root, permission: .viewResults, checkedByHandler: true) { request, context in
            let project = try await project(id: api.projectID(request), context, api)
            let name = context.parameter("type")
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
    }

    /// The project of a badge route (`?project=`, absent or empty: `default`), once the caller may see
    /// its badges: a key confined to another project gets 404, as if it did not exist; once
    /// authentication is on, a project that did not opt in to public badges needs `view_results`
    /// (401/403 before anything about the project is told).
    static func project(id: String, _ context: FaultRayContext, _ api: API) async throws -> String {
        // Only with authentication on does the project's choice matter (and the store need asking).
        if try await api.access.isConfigured(), try await api.store.project(id: id)?.publicBadges != true {
            try await api.access.authorize(context.caller, for: .viewResults)
        }
        return try await api.project(id: id, context)
    }

    /// `base_url`: an absolute http(s) URL without query or fragment (default `http://localhost:8000`),
    /// without its trailing slash.
    static func baseURL(_ value: String?) throws -> String {
        let text = value.map { $0.removingPercentEncoding ?? $0 } ?? "http://localhost:8000"
        guard let components = URLComponents(string: text), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
              let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil,
              !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "(" || $0 == ")" }) else {
            throw APIError(.badRequest, "Query parameter 'base_url' must be an http or https URL such as https://faultray.example.com; got '\(Clip.text(text))'.")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}

extension OperationHandler {
    func getBadgeMarkdown(_ input: Operations.GetBadgeMarkdown.Input) async throws -> Operations.GetBadgeMarkdown.Output {
        let base = try BadgeRoutes.baseURL(input.query.baseUrl)
        let id = try await BadgeRoutes.project(id: api.projectID(input.query.project), try FaultRayContext.current, api)
        // The project's query only when one was named (empty names none).
        let query = input.query.project.map { !$0.isEmpty } == true ? "?project=" + id : ""
        let badges = try Badge.Kind.allCases.map { kind in
            let url = "\(base)/badge/\(kind.rawValue).svg\(query)"
            return Components.Schemas.BadgeLink(_type: try .init(wire: kind.rawValue), url: url, markdown: "![\(kind.label)](\(url))")
        }
        return .ok(.init(body: .json(.init(markdown: badges.map(\.markdown).joined(separator: "\n"), badges: badges))))
    }
}
