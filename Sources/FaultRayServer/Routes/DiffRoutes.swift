import FaultRayCore
import Foundation
import Hummingbird
import MultipartKit

/// `POST /api/topology-diff`: two model files as `multipart/form-data`, compared.
enum DiffRoutes {
    /// The largest file accepted in each part.
    static let maxFileBytes = 10 << 20

    static func register(_ api: API) {
        api.routes.on(.post, "/topology-diff", permission: .runSimulation) { request, _ in
            guard JSONBody.mediaType(of: request) == "multipart/form-data",
                  let boundary = request.headers[.contentType].flatMap({ FormParts.parameter("boundary", in: $0) }) else {
                throw APIError(.unsupportedMediaType, "Send the two models as multipart/form-data with parts 'before_file' and 'after_file' (curl -F before_file=@before.yaml -F after_file=@after.yaml).")
            }
            let body = try await JSONBody.collect(request, limit: 2 * maxFileBytes + 64 * 1024)
            // Reading two models of up to 10 MiB takes a while: off the request threads, as uploads are.
            let diff = try await Offload.run { _ in Result { try compare(body, boundary: boundary, api) } }.get()
            return try JSONBody.response(diff)
        }
    }

    /// The two models of a multipart body, compared.
    static func compare(_ body: Data, boundary: String, _ api: API) throws -> TopologyDiff {
        let parts = try FormParts.parse(body, boundary: boundary)
        let before = try model(named: "before_file", in: parts, api)
        let after = try model(named: "after_file", in: parts, api)
        return TopologyDiff(before: before, after: after)
    }

    /// The model in part `name`: a 400 naming the part when it is missing, empty, too large or invalid.
    static func model(named name: String, in parts: [String: Data], _ api: API) throws -> InfrastructureModel {
        guard let data = parts[name] else { throw APIError(.badRequest, "Missing part '\(name)': send both before_file and after_file.") }
        guard !data.isEmpty else { throw APIError(.badRequest, "Part '\(name)' is empty.") }
        guard data.count <= maxFileBytes else { throw APIError(.contentTooLarge, "Part '\(name)' is larger than \(maxFileBytes) bytes.") }
        let model: InfrastructureModel
        do {
            model = try ModelLoader.load(data: data, file: name, maxBytes: maxFileBytes)
        } catch let error as ModelError {
            throw APIError(.badRequest, "Invalid model in \(error.description)")
        }
        try Validate.size(of: model, "Part '\(name)'", api)
        return model
    }
}

/// The parts of a `multipart/form-data` body, by field name.
enum FormParts {
    static func parse(_ body: Data, boundary: String) throws -> [String: Data] {
        let parser = MultipartParser(boundary: boundary)
        let collected = Collected()
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { collected.name = parameter("name", in: value) }
        }
        parser.onBody = { buffer in collected.data.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            if let name = collected.name, collected.parts[name] == nil { collected.parts[name] = collected.data }
            collected.name = nil
            collected.data = Data()
        }
        do {
            try parser.execute([UInt8](body))
        } catch {
            throw APIError(.badRequest, "The multipart body could not be read: \(error)")
        }
        return collected.parts
    }

    /// A parameter of a header value: `name` in `form-data; name="before_file"` is `before_file`,
    /// `boundary` in `multipart/form-data; boundary=x` is `x`.
    static func parameter(_ name: String, in header: String) -> String? {
        for parameter in header.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    private final class Collected {
        var name: String?
        var data = Data()
        var parts: [String: Data] = [:]
    }
}
