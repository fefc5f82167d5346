import FaultRayCore
import Hummingbird

extension RouteTable {
    /// The methods of each path of the served document (`/api/v1/keys`), upper-cased, in the order it lists them.
    private static let documentMethods: [String: [String]] = {
        guard case .map(let document) = OpenAPIDocument.expanded, case .map(let paths)? = document.first(where: { $0.0 == "paths" })?.1 else { return [:] }
        return Dictionary(paths.map { path, item in
            guard case .map(let members) = item else { return (path, []) }
            return (path, members.map { $0.0.uppercased() })
        }, uniquingKeysWith: { first, _ in first })
    }()

    /// `methods` (HEAD right after GET) in the order the document lists them for the route `path`, whether its
    /// operations are generated or hand-written, as `Allow` gives them; a path the document lacks keeps the order of
    /// registration.
    static func inDocumentOrder(_ methods: [HTTPRequest.Method], path: String) -> [HTTPRequest.Method] {
        guard let order = documentMethods[path] else { return methods }
        func rank(_ method: HTTPRequest.Method) -> Int {
            (order.firstIndex(of: method == .head ? "GET" : method.rawValue) ?? order.count) * 2 + (method == .head ? 1 : 0)
        }
        return methods.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}
