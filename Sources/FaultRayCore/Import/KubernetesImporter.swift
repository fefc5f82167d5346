import Foundation

/// Reads Kubernetes manifests into a model: workloads (Deployments, StatefulSets, DaemonSets, ReplicaSets,
/// bare Pods) become components with their replicas, autoscaling (HPA), zone spread (topology spread and
/// anti-affinity), repair from probes and memory limits; Services of type LoadBalancer or NodePort and
/// Ingresses become entry points; dependencies come from Service names in env vars, ConfigMaps and
/// command lines.
public enum KubernetesImporter {
    /// Kinds that run pods that serve, and where their pod template is.
    static let workloadKinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Pod"]
    /// Kinds read for what they say about workloads.
    static let readKinds: Set<String> = ["Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap", "List"]
    /// Kinds left out on purpose, with the reason.
    static let skippedKinds: [String: String] = [
        "Job": "a batch job: not on the serving path", "CronJob": "a scheduled batch job: not on the serving path",
        "Namespace": "a namespace is not a failure point in the model", "ServiceAccount": "access control, not a failure point",
        "Role": "access control, not a failure point", "RoleBinding": "access control, not a failure point",
        "ClusterRole": "access control, not a failure point", "ClusterRoleBinding": "access control, not a failure point",
        "Secret": "credentials are not read", "NetworkPolicy": "network policies are not modelled",
        "PersistentVolumeClaim": "storage claims are not modelled apart from their workload",
        "PersistentVolume": "storage is not modelled apart from its workload", "StorageClass": "storage classes are not modelled",
        "IngressClass": "the ingress controller is not in the manifests", "LimitRange": "quotas are not modelled",
        "ResourceQuota": "quotas are not modelled", "PriorityClass": "scheduling priorities are not modelled",
        "CustomResourceDefinition": "custom resources are not modelled",
    ]
    /// Nodes a DaemonSet is assumed to run on when the manifests cannot say.
    static let assumedNodes = 3

    /// One object of the manifests.
    struct Object {
        let kind: String
        let name: String
        let namespace: String
        let node: SourceNode
        var key: String { "\(namespace)/\(name)" }
        var label: String { "\(kind)/\(name)" + (namespace == "default" ? "" : " (\(namespace))") }
        var labels: [String: String] { Dictionary(node["spec", "template", "metadata", "labels"]?.pairs.map { ($0.key, $0.value.string ?? "") } ?? [], uniquingKeysWith: { a, _ in a }) }
    }

    /// The manifest files named by `paths` (files, or folders read recursively for `.yaml`, `.yml` and `.json`), in a stable order.
    public static func files(in paths: [String]) throws -> (files: [URL], ignored: [String]) {
        var files: [URL] = [], ignored: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw SourceDocuments.problem(path, "no such file or folder")
            }
            guard isDirectory.boolValue else { files.append(URL(fileURLWithPath: path)); continue }
            let root = URL(fileURLWithPath: path)
            let found = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])?.compactMap { $0 as? URL } ?? [])
                .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
                .sorted { $0.path < $1.path }
            for url in found {
                if ["yaml", "yml", "json"].contains(url.pathExtension.lowercased()) { files.append(url) } else { ignored.append(url.path) }
            }
        }
        return (files, ignored)
    }

    /// Imports the manifests in `paths` (files or folders).
    public static func load(paths: [String]) throws -> ImportedModel {
        let (urls, ignored) = try files(in: paths)
        guard !urls.isEmpty else { throw SourceDocuments.problem(paths.joined(separator: ", "), "no .yaml, .yml or .json manifest found") }
        let sources = try urls.map { (file: $0.path, text: try SourceDocuments.text(of: $0)) }
        var imported = try load(sources: sources, name: paths.count == 1 ? URL(fileURLWithPath: paths[0]).deletingPathExtension().lastPathComponent : "kubernetes")
        for path in ignored {
            imported.report.skipped.append(.init(source: URL(fileURLWithPath: path).lastPathComponent, location: path, component: nil, note: "not a .yaml, .yml or .json file"))
        }
        return imported
    }

    /// Imports manifests given as (file name, text) pairs.
    public static func load(sources: [(file: String, text: String)], name: String = "kubernetes") throws -> ImportedModel {
        var objects: [Object] = []
        var builder = ImportBuilder(file: sources.count == 1 ? sources[0].file : "\(sources.count) files", name: name)
        for (file, text) in sources {
            for document in try SourceDocuments.read(text, file: file) {
                try collect(document, into: &objects, builder: &builder)
            }
        }
        guard !objects.isEmpty || !builder.report.skipped.isEmpty else {
            throw SourceDocuments.problem(builder.file, "no Kubernetes object found")
        }
        build(objects, into: &builder)
        return builder.finish(kind: "kubernetes")
    }

    /// Adds a document's objects (the items of a `List` too); an object without `kind` is an error.
    private static func collect(_ document: SourceNode, into objects: inout [Object], builder: inout ImportBuilder) throws {
        guard document.isMapping else { throw SourceDocuments.problem("expected a Kubernetes object (a mapping with 'kind'), found \(document.kindDescription)", at: document) }
        guard let kind = document["kind"]?.string, !kind.isEmpty else {
            throw SourceDocuments.problem("not a Kubernetes object: no 'kind'" + (document["apiVersion"] == nil ? " and no 'apiVersion'" : ""), at: document)
        }
        if kind.hasSuffix("List") {
            for item in document["items"]?.items ?? [] { try collect(item, into: &objects, builder: &builder) }
            return
        }
        if let name = document["metadata", "name"], name.string == nil || !(name.tree.kind(name.id) == .scalar) {
            throw SourceDocuments.problem("\(kind) metadata.name must be a name, found \(name.kindDescription) (a template? render it first, e.g. with `helm template`)", at: name)
        }
        guard let name = document["metadata", "name"]?.string, !name.isEmpty else {
            throw SourceDocuments.problem("\(kind) without 'metadata.name'", at: document["metadata"] ?? document)
        }
        let namespace = document["metadata", "namespace"]?.string ?? "default"
        if let reason = skippedKinds[kind] {
            builder.skip("\(kind)/\(name)", at: document, reason)
        } else if workloadKinds.contains(kind) || readKinds.contains(kind) {
            objects.append(Object(kind: kind, name: name, namespace: namespace, node: document))
        } else {
            builder.skip("\(kind)/\(name)", at: document, "unknown kind '\(kind)' (\(document["apiVersion"]?.string ?? "no apiVersion"))")
        }
    }

    private static func build(_ objects: [Object], into builder: inout ImportBuilder) {
        var componentOf: [String: String] = [:]  // workload key -> component id
        var workloads: [Object] = []
        for object in objects where workloadKinds.contains(object.kind) {
            componentOf[object.kind + "/" + object.key] = addWorkload(object, into: &builder)
            workloads.append(object)
        }
        // Services: which workloads each selects.
        var selected: [String: [String]] = [:]  // namespace/service -> component ids
        var configMaps: [String: Object] = [:]
        for object in objects {
            switch object.kind {
            case "Service":
                let selector = Dictionary(object.node["spec", "selector"]?.pairs.map { ($0.key, $0.value.string ?? "") } ?? [], uniquingKeysWith: { a, _ in a })
                let targets = selector.isEmpty ? [] : workloads.filter { w in
                    w.namespace == object.namespace && selector.allSatisfy { w.kind == "Pod" ? w.node["metadata", "labels", $0.key]?.string == $0.value : w.labels[$0.key] == $0.value }
                }.compactMap { componentOf[$0.kind + "/" + $0.key] }
                selected[object.key] = addService(object, targets: targets, into: &builder)
            case "ConfigMap": configMaps[object.key] = object
            default: break
            }
        }
        for object in objects {
            switch object.kind {
            case "Ingress": addIngress(object, services: selected, into: &builder)
            case "HorizontalPodAutoscaler": applyAutoscaler(object, componentOf: componentOf, into: &builder)
            case "PodDisruptionBudget": applyBudget(object, workloads: workloads, componentOf: componentOf, into: &builder)
            default: break
            }
        }
        var usedConfigMaps: Set<String> = []
        for workload in workloads {
            guard let id = componentOf[workload.kind + "/" + workload.key] else { continue }
            addDependencies(of: workload, id: id, services: selected, configMaps: configMaps, used: &usedConfigMaps, into: &builder)
        }
        for (key, map) in configMaps.sorted(by: { $0.key < $1.key }) where !usedConfigMaps.contains(key) {
            builder.skip("ConfigMap/\(map.name)", at: map.node, "no workload reads it")
        }
    }

    /// The pod spec of a workload.
    private static func podSpec(_ object: Object) -> SourceNode? {
        object.kind == "Pod" ? object.node["spec"] : object.node["spec", "template", "spec"]
    }

    private static func addWorkload(_ object: Object, into builder: inout ImportBuilder) -> String {
        let spec = podSpec(object)
        let containers = spec?["containers"]?.items ?? []
        let image = containers.first?["image"]?.string ?? ""
        var component = Component(id: object.name)
        let matched = ImportRules.type(ofImage: image)
        component.type = matched?.type ?? .appServer
        let replicas: Int
        switch object.kind {
        case "Pod": replicas = 1
        case "DaemonSet": replicas = assumedNodes
        default: replicas = max(1, object.node["spec", "replicas"]?.int ?? 1)
        }
        component.replicas = replicas
        var memory = 0.0
        for container in containers {
            if let limit = container["resources", "limits", "memory"]?.string.flatMap { ImportRules.megabytes($0) } { memory += limit }
        }
        if memory > 0 { component.capacity.maxMemoryMB = memory }
        for (key, path) in [("cpu_request", "requests"), ("cpu_limit", "limits")] {
            let cores = containers.compactMap { $0["resources", path, "cpu"]?.string.flatMap(cpuCores) }.reduce(0, +)
            if cores > 0 { component.parameters[key] = .number(cores) }
        }
        if let port = containers.first?["ports"]?.items.first?["containerPort"]?.int { component.port = port }
        let id = builder.add(component, from: object.label, at: object.node,
                             note: "\(component.type.rawValue), \(replicas) replica\(replicas == 1 ? "" : "s")")
        if matched == nil { builder.assume(id, "type app_server: no image rule matched '\(image)'", source: object.label, at: containers.first?["image"]) }
        if object.kind == "DaemonSet" { builder.assume(id, "one pod per node on \(assumedNodes) nodes (the node count is not in the manifests)", source: object.label, at: object.node) }
        if object.kind == "Pod" { builder.assume(id, "a bare pod: nothing recreates it on another node", source: object.label, at: object.node) }
        if object.node["spec", "replicas"] == nil, !["Pod", "DaemonSet"].contains(object.kind) {
            builder.assume(id, "1 replica (no spec.replicas)", source: object.label, at: object.node["spec"])
        }
        applyProbes(containers, id: id, source: object.label, into: &builder)
        applySpread(spec, id: id, replicas: replicas, source: object.label, into: &builder)
        return id
    }

    /// CPU in cores from a quantity (`500m`, `2`, `0.5`).
    static func cpuCores(_ text: String) -> Double? {
        if text.hasSuffix("m") { return Double(text.dropLast()).map { $0 / 1000 } }
        return Double(text)
    }

    /// Liveness probes restart a hung container (repair in seconds); readiness probes take it out of service.
    private static func applyProbes(_ containers: [SourceNode], id: String, source: String, into builder: inout ImportBuilder) {
        let liveness = containers.lazy.compactMap { $0["livenessProbe"] }.first
        let readiness = containers.lazy.compactMap { $0["readinessProbe"] }.first
        if let probe = liveness ?? readiness {
            let period = probe["periodSeconds"]?.double ?? 10
            let threshold = probe["failureThreshold"]?.int ?? 3
            builder.update(id) { c in
                c.failover.healthCheckIntervalSeconds = period
                c.failover.failoverThreshold = max(1, threshold)
            }
        }
        if let probe = liveness {
            let period = probe["periodSeconds"]?.double ?? 10
            let threshold = probe["failureThreshold"]?.int ?? 3
            let mttr = ImportRules.restartRepairMinutes(intervalSeconds: period, retries: threshold)
            builder.update(id) { $0.operationalProfile.mttrMinutes = mttr }
            builder.assume(id, "the liveness probe restarts a failed container: repair = \(Format.number(period)) s × \(threshold) failures + "
                           + "\(Format.number(ImportRules.restartSeconds)) s restart", source: source, at: probe)
        } else {
            builder.assume(id, "no liveness probe: a hung container waits for someone (repair \(Format.number(OperationalProfile().mttrMinutes)) min)", source: source, at: containers.first)
        }
    }

    /// Topology spread or anti-affinity over zones spreads the replicas (no zone set); without it every
    /// pod may land in one zone, which the model says with one shared zone.
    static let sharedZone = "cluster-zone"

    private static func applySpread(_ spec: SourceNode?, id: String, replicas: Int, source: String, into builder: inout ImportBuilder) {
        var keys: [String] = []
        for constraint in spec?["topologySpreadConstraints"]?.items ?? [] { if let key = constraint["topologyKey"]?.string { keys.append(key) } }
        let antiAffinity = spec?["affinity", "podAntiAffinity"]
        for term in antiAffinity?["requiredDuringSchedulingIgnoredDuringExecution"]?.items ?? [] { if let key = term["topologyKey"]?.string { keys.append(key) } }
        for term in antiAffinity?["preferredDuringSchedulingIgnoredDuringExecution"]?.items ?? [] {
            if let key = term["podAffinityTerm", "topologyKey"]?.string { keys.append(key) }
        }
        if keys.contains(where: { $0.contains("zone") }), replicas > 1 {
            builder.fold("topology spread / anti-affinity", at: spec, into: id, note: "replicas spread over zones: no single zone outage takes every replica")
        } else {
            builder.update(id) { $0.region.availabilityZone = sharedZone }
            builder.assume(id, "zone '\(sharedZone)': no topology spread or anti-affinity over zones, so the scheduler may place every pod in one zone",
                           source: source, at: spec)
        }
    }

    /// Adds what a Service is (an external service, an entry point, or a name for its workloads);
    /// returns the components its name leads to.
    private static func addService(_ service: Object, targets: [String], into builder: inout ImportBuilder) -> [String] {
        let type = service.node["spec", "type"]?.string ?? "ClusterIP"
        switch type {
        case "ExternalName":
            var component = Component(id: service.name, type: .externalAPI)
            component.externalSLA = ExternalSLA()
            let host = service.node["spec", "externalName"]?.string ?? ""
            let id = builder.add(component, from: service.label, at: service.node, note: "external service \(host)")
            builder.assume(id, "the external service's SLA is \(Format.number(ExternalSLA().providerSLA))% (not in the manifests)", source: service.label, at: service.node)
            return [id]
        case "LoadBalancer", "NodePort":
            var component = Component(id: service.name + "-" + type.lowercased(), type: .loadBalancer)
            component.port = service.node["spec", "ports"]?.items.first?["port"]?.int ?? 0
            let id = builder.add(component, from: service.label, at: service.node, note: "entry point (\(type)) in front of \(targets.joined(separator: ", "))")
            for target in targets { builder.depend(id, on: target, .requires, because: "Service \(service.name) (\(type)) selects it") }
            if targets.isEmpty { builder.assume(id, "its selector matches no workload in these manifests", source: service.label, at: service.node["spec"]) }
        default:
            builder.fold(service.label, at: service.node, into: targets.first,
                         note: targets.isEmpty ? "ClusterIP service selecting no workload in these manifests" : "ClusterIP service: its name leads to \(targets.joined(separator: ", "))")
        }
        return targets
    }

    private static func addIngress(_ ingress: Object, services: [String: [String]], into builder: inout ImportBuilder) {
        var backends: [SourceNode] = []
        if let fallback = ingress.node["spec", "defaultBackend"] ?? ingress.node["spec", "backend"] { backends.append(fallback) }
        for rule in ingress.node["spec", "rules"]?.items ?? [] {
            for path in rule["http", "paths"]?.items ?? [] { if let backend = path["backend"] { backends.append(backend) } }
        }
        var component = Component(id: ingress.name, type: .loadBalancer)
        component.replicas = 2
        let id = builder.add(component, from: ingress.label, at: ingress.node, note: "entry point (Ingress) with \(backends.count) backend\(backends.count == 1 ? "" : "s")")
        builder.assume(id, "the ingress controller runs 2 replicas (it is not in these manifests)", source: ingress.label, at: ingress.node)
        for backend in backends {
            guard let name = backend["service", "name"]?.string ?? backend["serviceName"]?.string else { continue }
            guard let targets = services["\(ingress.namespace)/\(name)"] else {
                builder.skip("\(ingress.label) backend \(name)", at: backend, "no Service '\(name)' in these manifests")
                continue
            }
            for target in targets { builder.depend(id, on: target, .requires, because: "Ingress \(ingress.name) routes to Service \(name)") }
        }
    }

    private static func applyAutoscaler(_ hpa: Object, componentOf: [String: String], into builder: inout ImportBuilder) {
        let kind = hpa.node["spec", "scaleTargetRef", "kind"]?.string ?? "Deployment"
        let name = hpa.node["spec", "scaleTargetRef", "name"]?.string ?? ""
        guard let id = componentOf["\(kind)/\(hpa.namespace)/\(name)"] else {
            builder.skip(hpa.label, at: hpa.node, "its target \(kind)/\(name) is not in these manifests")
            return
        }
        let minimum = max(1, hpa.node["spec", "minReplicas"]?.int ?? 1)
        let maximum = max(minimum, hpa.node["spec", "maxReplicas"]?.int ?? minimum)
        var threshold: Double?
        for metric in hpa.node["spec", "metrics"]?.items ?? [] where metric["resource", "name"]?.string == "cpu" {
            threshold = metric["resource", "target", "averageUtilization"]?.double ?? metric["resource", "targetAverageUtilization"]?.double
        }
        threshold = threshold ?? hpa.node["spec", "targetCPUUtilizationPercentage"]?.double
        builder.update(id) { c in
            c.autoscaling.enabled = true
            c.autoscaling.minReplicas = minimum
            c.autoscaling.maxReplicas = maximum
            if let threshold { c.autoscaling.scaleUpThreshold = threshold }
            c.replicas = max(c.replicas, minimum)
        }
        builder.fold(hpa.label, at: hpa.node, into: id, note: "autoscaling \(minimum)–\(maximum) replicas")
    }

    private static func applyBudget(_ pdb: Object, workloads: [Object], componentOf: [String: String], into builder: inout ImportBuilder) {
        let selector = pdb.node["spec", "selector", "matchLabels"]?.pairs.map { ($0.key, $0.value.string ?? "") } ?? []
        let matches = workloads.filter { w in w.namespace == pdb.namespace && !selector.isEmpty && selector.allSatisfy { w.labels[$0.0] == $0.1 } }
        guard let workload = matches.first, let id = componentOf[workload.kind + "/" + workload.key] else {
            builder.skip(pdb.label, at: pdb.node, "its selector matches no workload in these manifests")
            return
        }
        let rule = pdb.node["spec", "minAvailable"].map { "minAvailable \($0.string ?? "")" } ?? pdb.node["spec", "maxUnavailable"].map { "maxUnavailable \($0.string ?? "")" } ?? "no limit"
        builder.fold(pdb.label, at: pdb.node, into: id, note: "disruption budget (\(rule)): limits voluntary evictions such as node drains, which the model does not simulate")
    }

    private static func addDependencies(of workload: Object, id: String, services: [String: [String]], configMaps: [String: Object],
                                        used: inout Set<String>, into builder: inout ImportBuilder) {
        var settings: [(key: String?, value: String, origin: String)] = []
        let spec = podSpec(workload)
        func configMap(_ name: String) -> Object? {
            let key = "\(workload.namespace)/\(name)"
            guard let map = configMaps[key] else { return nil }
            if used.insert(key).inserted { builder.fold("ConfigMap/\(map.name)", at: map.node, into: id, note: "its values are read for service names") }
            return map
        }
        for container in (spec?["initContainers"]?.items ?? []) + (spec?["containers"]?.items ?? []) {
            for variable in container["env"]?.items ?? [] {
                let name = variable["name"]?.string
                if let value = variable["value"]?.string { settings.append((name, value, "env \(name ?? "")")) }
                if let ref = variable["valueFrom", "configMapKeyRef"], let mapName = ref["name"]?.string, let key = ref["key"]?.string,
                   let value = configMap(mapName)?.node["data", key]?.string {
                    settings.append((name, value, "ConfigMap \(mapName) key \(key)"))
                }
            }
            for source in container["envFrom"]?.items ?? [] {
                guard let mapName = source["configMapRef", "name"]?.string, let map = configMap(mapName) else { continue }
                for (key, value) in map.node["data"]?.pairs ?? [] { settings.append((key, value.string ?? "", "ConfigMap \(mapName) key \(key)")) }
            }
            var words: [String] = []
            container["command"]?.scalars(into: &words)
            container["args"]?.scalars(into: &words)
            if !words.isEmpty { settings.append((nil, words.joined(separator: " "), "command line")) }
        }
        for volume in spec?["volumes"]?.items ?? [] {
            guard let mapName = volume["configMap", "name"]?.string, let map = configMap(mapName) else { continue }
            for (key, value) in map.node["data"]?.pairs ?? [] { settings.append((nil, value.string ?? "", "ConfigMap \(mapName) file \(key)")) }
        }
        for (key, value, origin) in settings {
            for host in ImportRules.hostNames(in: value, key: key) {
                let parts = host.split(separator: ".").map(String.init)
                let namespace = parts.count > 1 && parts[1] != "svc" ? parts[1] : workload.namespace
                for target in services["\(namespace)/\(parts[0])"] ?? [] where target != id && !builder.connected(id, target) {
                    let type = ImportRules.dependencyType(to: builder.component(target)?.type ?? .custom)
                    builder.depend(id, on: target, type, because: "\(origin) names Service \(parts[0])")
                }
            }
        }
    }
}
