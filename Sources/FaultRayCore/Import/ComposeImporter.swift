import Foundation

/// Reads a Compose file (`compose.yaml`, `docker-compose.yml`) into a model: each service a component
/// (`deploy.replicas`, health checks, memory limits), `depends_on` (with its conditions) and host names in
/// settings as dependencies; every service runs on the one Docker host the file describes.
public enum ComposeImporter {
    /// Top-level keys that hold no service (reported as skipped entry by entry).
    static let resourceSections = ["networks", "volumes", "configs", "secrets"]

    /// Imports the Compose file at `url`.
    public static func load(contentsOf url: URL) throws -> ImportedModel {
        try load(text: try SourceDocuments.text(of: url), file: url.path)
    }

    /// Imports Compose YAML; `file` names it in positions and the report.
    public static func load(text: String, file: String = "<input>") throws -> ImportedModel {
        let documents = try SourceDocuments.read(text, file: file)
        guard documents.count == 1, let root = documents.first else {
            guard let second = documents.dropFirst().first else { throw SourceDocuments.problem(file, "the file is empty; expected a Compose file with 'services'") }
            throw SourceDocuments.problem("a Compose file is one YAML document; found \(documents.count)", at: second)
        }
        guard root.isMapping else { throw SourceDocuments.problem("expected a Compose file (a mapping with 'services'), found \(root.kindDescription)", at: root) }
        guard let services = root["services"], services.isMapping else {
            throw SourceDocuments.problem(root["services"].map { "'services' must be a mapping of service names, found \($0.kindDescription)" }
                                          ?? "not a Compose file: no 'services' key", at: root["services"] ?? root)
        }
        let project = root["name"]?.string ?? url(file).deletingPathExtension().lastPathComponent
        var builder = ImportBuilder(file: file, name: project)
        for (key, value) in root.pairs {
            switch key {
            case "services", "name", "version", "include": continue
            case _ where key.hasPrefix("x-"): continue
            case _ where resourceSections.contains(key):
                for (name, entry) in value.pairs { builder.skip("\(key.dropLast()) \(name)", at: entry, "a \(key.dropLast()) is not a failure point in the model") }
            default: builder.skip(key, at: value, "unknown top-level key of a Compose file")
            }
        }

        // Services others only wait for to complete (migrations, seeds) are one-off jobs, not on the serving path.
        var jobs: Set<String> = []
        for (_, service) in services.pairs {
            for (target, entry) in service["depends_on"]?.pairs ?? [] where entry["condition"]?.string == "service_completed_successfully" { jobs.insert(target) }
        }
        var ids: [String: String] = [:]  // service name -> component id
        for (name, service) in services.pairs {
            guard service.isMapping else { throw SourceDocuments.problem("service '\(name)' must be a mapping, found \(service.kindDescription)", at: service) }
            if jobs.contains(name) {
                builder.skip("service \(name)", at: service, "a one-off job (other services wait for it to complete): not on the serving path")
                continue
            }
            let id = addService(name, service, project: project, into: &builder)
            ids[name.lowercased()] = id
        }
        for (name, service) in services.pairs where !jobs.contains(name) {
            addDependencies(of: name, service, ids: ids, into: &builder)
        }
        return builder.finish(kind: "compose")
    }

    private static func url(_ file: String) -> URL { URL(fileURLWithPath: file) }

    private static func addService(_ name: String, _ service: SourceNode, project: String, into builder: inout ImportBuilder) -> String {
        let source = "service \(name)"
        var component = Component(id: name)
        let image = service["image"]?.string ?? ""
        var typeNote = "type app_server (no image rule matched)"
        if let matched = ImportRules.type(ofImage: image) {
            component.type = matched.type
            typeNote = "type \(matched.type.rawValue) from its image '\(image)' ('\(matched.fragment)')"
        } else if image.isEmpty {
            typeNote = "type app_server (built from source, no image)"
            component.type = .appServer
        } else {
            component.type = .appServer
        }
        component.host = project
        if let replicas = service["deploy", "replicas"]?.int ?? service["scale"]?.int { component.replicas = max(1, replicas) }
        if let memory = service["deploy", "resources", "limits", "memory"]?.string ?? service["mem_limit"]?.string, let mb = ImportRules.megabytes(memory, binary: true) {
            component.capacity.maxMemoryMB = mb
        }
        if let ports = service["ports"]?.items, !ports.isEmpty,
           let first = ports.first?.string?.split(separator: ":").last.flatMap({ Int($0.split(separator: "/")[0]) }) {
            component.port = first
        }
        let id = builder.add(component, from: source, at: service, note: "\(typeNote), \(component.replicas) replica\(component.replicas == 1 ? "" : "s")")
        if ImportRules.type(ofImage: image) == nil {
            builder.assume(id, typeNote, source: source, at: service["image"] ?? service)
        }
        builder.assume(id, "runs on the one Docker host of this Compose project ('\(project)'): the host's outage takes every service down",
                       source: source, at: service)
        if let check = service["healthcheck"], check["disable"]?.bool != true, check["test"] != nil {
            let interval = check["interval"]?.string.flatMap(ImportRules.seconds) ?? 30
            let retries = check["retries"]?.int ?? 3
            let restarts = ["always", "unless-stopped", "on-failure"].contains(service["restart"]?.string ?? "")
                || service["deploy", "restart_policy", "condition"].map { $0.string != "none" } == true
            builder.update(id) { c in
                c.failover.healthCheckIntervalSeconds = interval
                c.failover.failoverThreshold = max(1, retries)
                if restarts { c.operationalProfile.mttrMinutes = ImportRules.restartRepairMinutes(intervalSeconds: interval, retries: retries) }
            }
            if restarts {
                builder.assume(id, "a failed health check restarts the container: repair = \(Format.number(interval)) s × \(retries) checks + "
                               + "\(Format.number(ImportRules.restartSeconds)) s restart", source: source, at: check)
            }
        }
        if let profiles = service["profiles"]?.items, !profiles.isEmpty {
            builder.assume(id, "imported although it only starts with profile \(profiles.compactMap(\.string).joined(separator: ", "))", source: source, at: service["profiles"])
        }
        return id
    }

    private static func addDependencies(of name: String, _ service: SourceNode, ids: [String: String], into builder: inout ImportBuilder) {
        guard let id = ids[name.lowercased()] else { return }
        let source = "service \(name)"
        let dependsOn = service["depends_on"]
        var listed: [(String, SourceNode)] = dependsOn?.items.compactMap { item in item.string.map { ($0, item) } } ?? []
        listed += dependsOn?.pairs.map { ($0.key, $0.value) } ?? []
        for (target, entry) in listed {
            let condition = entry["condition"]?.string ?? "service_started"
            if condition == "service_completed_successfully" {
                builder.skip("\(source) depends_on \(target)", at: entry, "'\(target)' only has to finish before '\(name)' starts (a one-off job), not keep running")
                continue
            }
            guard let targetID = ids[target.lowercased()] else {
                builder.skip("\(source) depends_on \(target)", at: entry, "no service '\(target)' in this file")
                continue
            }
            let required = entry["required"]?.bool ?? true
            let targetType = builder.component(targetID)?.type ?? .custom
            builder.depend(id, on: targetID, required ? ImportRules.dependencyType(to: targetType) : .optional,
                           because: "depends_on \(target) (\(condition)\(required ? "" : ", required: false"))")
        }
        for link in service["links"]?.items ?? [] {
            guard let target = link.string?.split(separator: ":").first.map(String.init), let targetID = ids[target.lowercased()] else { continue }
            builder.depend(id, on: targetID, ImportRules.dependencyType(to: builder.component(targetID)?.type ?? .custom), because: "links \(target)")
        }
        var settings: [(key: String?, value: String)] = []
        if let environment = service["environment"] {
            for item in environment.items {
                guard let text = item.string else { continue }
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                settings.append((parts[0], parts.count > 1 ? parts[1] : ""))
            }
            for (key, value) in environment.pairs { settings.append((key, value.string ?? "")) }
        }
        for key in ["command", "entrypoint"] {
            if let node = service[key] {
                var words: [String] = []
                node.scalars(into: &words)
                settings.append((nil, words.joined(separator: " ")))
            }
        }
        for (key, value) in settings {
            for host in ImportRules.hostNames(in: value, key: key) {
                guard let targetID = ids[host], targetID != id, !builder.connected(id, targetID) else { continue }
                let targetType = builder.component(targetID)?.type ?? .custom
                builder.depend(id, on: targetID, ImportRules.dependencyType(to: targetType),
                               because: "\(key.map { "setting \($0)" } ?? "command line") names '\(host)'")
                builder.assume(id, "needs '\(host)' because \(key.map { "setting \($0)" } ?? "its command line") names it", source: source, at: service)
            }
        }
    }
}
