import Foundation

/// Reads the JSON of `terraform show -json` (a state, or a plan: its planned values and configuration)
/// into a model. AWS resources become components (`TerraformRole`); their zones and regions come from the
/// resources and their subnets; dependencies come from references between resources (values that name
/// another resource, the configuration's references, `depends_on`), followed through listeners, target
/// groups, integrations and task definitions, and from security-group rules.
public enum TerraformImporter {
    /// One resource instance of the state or plan.
    struct Resource {
        let address: String
        /// The address without an instance key (`aws_instance.web` for `aws_instance.web[0]`).
        let base: String
        let type: String
        let name: String
        let isData: Bool
        let node: SourceNode
        var values: SourceNode? { node["values"] }
        var role: TerraformRole { TerraformRole.of(type) }
        /// A value of the resource as text.
        func string(_ key: String) -> String? { values?[key]?.string }
    }

    /// Imports the JSON file at `url`.
    public static func load(contentsOf url: URL) throws -> ImportedModel {
        try load(text: try SourceDocuments.text(of: url), file: url.path)
    }

    /// Imports `terraform show -json` output; `file` names it in positions and the report.
    public static func load(text: String, file: String = "<input>") throws -> ImportedModel {
        let documents = try SourceDocuments.read(text, file: file)
        guard let root = documents.first else { throw SourceDocuments.problem(file, "the file is empty; expected the JSON of `terraform show -json`") }
        guard root.isMapping else { throw SourceDocuments.problem("expected the JSON of `terraform show -json` (an object), found \(root.kindDescription)", at: root) }
        let isPlan = root["planned_values"] != nil
        guard let module = (root["planned_values"] ?? root["values"])?["root_module"] else {
            let hint = root["resource"] != nil ? " (this looks like Terraform configuration in JSON; run `terraform show -json` on a state or plan)" : ""
            throw SourceDocuments.problem("not the JSON of `terraform show -json`: no 'values.root_module' or 'planned_values.root_module'\(hint)", at: root)
        }
        var resources: [Resource] = []
        try collect(module, into: &resources)
        var importer = Importer(resources: resources, root: root, builder: ImportBuilder(file: file, name: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent))
        importer.readConfiguration(root["configuration", "root_module"], prefix: "")
        importer.run()
        var imported = importer.builder.finish(kind: "terraform")
        imported.header.insert("Read from a Terraform \(isPlan ? "plan (planned values)" : "state") of \(resources.count) resource instances.", at: 1)
        return imported
    }

    /// The resources of a module and its child modules, in document order.
    private static func collect(_ module: SourceNode, into resources: inout [Resource]) throws {
        guard module.isMapping else { throw SourceDocuments.problem("a module must be an object, found \(module.kindDescription)", at: module) }
        for node in module["resources"]?.items ?? [] {
            guard let address = node["address"]?.string, let type = node["type"]?.string else {
                throw SourceDocuments.problem("a resource without 'address' or 'type'", at: node)
            }
            var base = address
            if base.hasSuffix("]"), let open = base.lastIndex(of: "[") { base = String(base[..<open]) }
            resources.append(Resource(address: address, base: base, type: type, name: node["name"]?.string ?? address,
                                      isData: node["mode"]?.string == "data", node: node))
        }
        for child in module["child_modules"]?.items ?? [] { try collect(child, into: &resources) }
    }
}

/// The work of one import: indexes over the resources, then components, parts, links and rules.
private struct Importer {
    typealias Resource = TerraformImporter.Resource
    let resources: [Resource]
    let root: SourceNode
    var builder: ImportBuilder
    /// Resource positions by base address.
    var byBase: [String: [Int]] = [:]
    /// Resource position by an identifying value (id, ARN, DNS name …) that only it has.
    var byValue: [String: Int] = [:]
    /// Configuration of each base address (its `expressions` and `depends_on`), from a plan.
    var configuration: [String: SourceNode] = [:]
    /// References of each resource, to positions of others, and the other way round.
    var references: [[Int]] = [], referrers: [[Int]] = []
    /// The layer of each component (`TerraformRole`), by id.
    var layers: [String: Int] = [:]
    /// The component each resource is or belongs to.
    var owner: [String?] = []
    var region = ""

    init(resources: [Resource], root: SourceNode, builder: ImportBuilder) {
        self.resources = resources
        self.root = root
        self.builder = builder
        owner = Array(repeating: nil, count: resources.count)
        var seen: [String: Int] = [:], shared: Set<String> = []
        for (i, r) in resources.enumerated() {
            byBase[r.base, default: []].append(i)
            guard !r.isData, let values = r.values else { continue }
            for key in TerraformRole.identityAttributes {
                guard let value = values[key]?.string, value.count >= 8 else { continue }
                if let other = seen[value], other != i { shared.insert(value) } else { seen[value] = i }
            }
        }
        for value in shared { seen[value] = nil }
        byValue = seen
    }

    /// Remembers the configuration of every resource of a module and its module calls (plans only).
    mutating func readConfiguration(_ module: SourceNode?, prefix: String) {
        guard let module else { return }
        for resource in module["resources"]?.items ?? [] {
            if let address = resource["address"]?.string { configuration[prefix + address] = resource }
        }
        for (name, call) in module["module_calls"]?.pairs ?? [] {
            readConfiguration(call["module"], prefix: prefix + "module.\(name).")
        }
        if prefix.isEmpty, let configured = root["configuration", "provider_config", "aws", "expressions", "region", "constant_value"]?.string {
            region = configured
        }
    }

    // MARK: References

    /// Resources named by a text: the whole text, its words, and host names in it (without a port).
    func named(by text: String) -> [Int] {
        if let i = byValue[text] { return [i] }
        guard text.count >= 8 else { return [] }
        var found: [Int] = []
        let separators = CharacterSet(charactersIn: " \t\n\"',;=()[]{}")
        for word in text.components(separatedBy: separators) where word.count >= 8 {
            if let i = byValue[word] { found.append(i); continue }
            for part in word.components(separatedBy: CharacterSet(charactersIn: "/@")) where part.count >= 8 {
                let host = part.split(separator: ":").first.map(String.init) ?? part
                if let i = byValue[part] ?? byValue[host] { found.append(i) }
            }
        }
        return found
    }

    /// The resources a configuration reference (`aws_db_instance.main.address`) names, within a module's `prefix`.
    func resolve(reference: String, prefix: String) -> [Int] {
        let parts = reference.split(separator: ".")
        guard parts.count >= 2, !["var", "local", "data", "module", "each", "count", "path", "self"].contains(String(parts[0])) else { return [] }
        var name = String(parts[1])
        if let open = name.firstIndex(of: "[") { name = String(name[..<open]) }
        return byBase[prefix + parts[0] + "." + name] ?? []
    }

    /// The module prefix of an address (`module.db.` of `module.db.aws_db_instance.this`).
    static func prefix(of base: String) -> String {
        var parts = base.split(separator: ".", omittingEmptySubsequences: false)
        parts.removeLast(min(2, parts.count))
        return parts.isEmpty ? "" : parts.joined(separator: ".") + "."
    }

    /// The resources an attribute of `i` refers to, at a path of keys (lists of blocks are walked item by
    /// item): by its values, and by the configuration's references of the same attribute.
    func attribute(_ i: Int, _ path: [String]) -> [Int] {
        var found: [Int] = []
        var texts: [String] = []
        for node in Self.walk(resources[i].values, path) { node.scalars(into: &texts) }
        for text in texts { found += named(by: text) }
        if let config = configuration[resources[i].base] {
            let prefix = Self.prefix(of: resources[i].base)
            for node in Self.walk(config["expressions"], path) {
                for reference in Self.referenceTexts(node) { found += resolve(reference: reference, prefix: prefix) }
            }
        }
        return found.filter { $0 != i }
    }

    /// The nodes at `path` below `node`, stepping into every item of a list on the way.
    static func walk(_ node: SourceNode?, _ path: [String]) -> [SourceNode] {
        guard let node else { return [] }
        if node.isSequence { return node.items.flatMap { walk($0, path) } }
        guard let key = path.first else { return [node] }
        return walk(node[key], Array(path.dropFirst()))
    }

    /// Every string of every `references` list in a configuration expression.
    static func referenceTexts(_ node: SourceNode) -> [String] {
        if node.isSequence { return node.items.flatMap(referenceTexts) }
        var texts: [String] = []
        for (key, value) in node.pairs {
            if key == "references" { texts += value.items.compactMap(\.string) } else { texts += referenceTexts(value) }
        }
        return texts
    }

    /// Every resource that `i` refers to: values naming another resource, `depends_on`, and (plans) the configuration's references.
    func allReferences(_ i: Int) -> [Int] {
        let r = resources[i]
        var found: [Int] = []
        if let values = r.values {
            var texts: [String] = []
            for (key, value) in values.pairs where !TerraformRole.ownAttributes.contains(key) { value.scalars(into: &texts) }
            for text in texts { found += named(by: text) }
        }
        let prefix = Self.prefix(of: r.base)
        for dependency in (r.node["depends_on"]?.items ?? []) + (configuration[r.base]?["depends_on"]?.items ?? []) {
            if let text = dependency.string { found += byBase[text] ?? byBase[prefix + text] ?? [] }
        }
        if let expressions = configuration[r.base]?["expressions"] {
            for reference in Self.referenceTexts(expressions) { found += resolve(reference: reference, prefix: prefix) }
        }
        return Array(Set(found.filter { $0 != i })).sorted()
    }

    // MARK: Import

    mutating func run() {
        references = resources.indices.map(allReferences)
        referrers = Array(repeating: [], count: resources.count)
        for (i, targets) in references.enumerated() { for t in targets { referrers[t].append(i) } }
        var componentResources: [(id: String, members: [Int])] = []
        var grouped: Set<String> = []
        var replicas: [Int] = []
        for (i, r) in resources.enumerated() {
            if r.isData {
                builder.skip(r.address, at: r.node, "a data source: read by Terraform, not managed")
                continue
            }
            switch r.role {
            case .component:
                guard !grouped.contains(r.base) else { continue }
                grouped.insert(r.base)
                let members = (byBase[r.base] ?? [i]).filter { !resources[$0].isData }
                if isReadReplica(i) {
                    replicas.append(i)
                    continue
                }
                componentResources.append((addComponent(i, members: members), members))
                for m in members { owner[m] = componentResources.last!.id }
                if case .component(_, let layer, _) = r.role { layers[componentResources.last!.id] = layer }
            case .skipped(let reason):
                builder.skip(r.address, at: r.node, reason)
            default: continue
            }
        }
        for i in replicas {
            let r = resources[i]
            if let primary = attribute(i, ["replicate_source_db"]).compactMap({ owner[$0] }).first {
                for m in byBase[r.base] ?? [i] { owner[m] = primary }
                builder.update(primary) { $0.parameters["read_replicas"] = .number(($0.parameters["read_replicas"]?.number ?? 0) + 1) }
                builder.fold(r.address, at: r.node, into: primary, note: "read replica: serves reads, not promoted automatically (counted in the primary's read_replicas)")
            } else {
                let id = addReadReplica(i, source: r.string("replicate_source_db") ?? "")
                componentResources.append((id, byBase[r.base] ?? [i]))
                for m in byBase[r.base] ?? [i] { owner[m] = id }
                layers[id] = TerraformRole.dataLayer
            }
        }
        foldParts()
        for (i, r) in resources.enumerated() where !r.isData {
            switch r.role {
            case .link: builder.fold(r.address, at: r.node, into: nil, note: "links components (followed for dependencies)")
            case .securityGroup, .securityRule: builder.fold(r.address, at: r.node, into: nil, note: "security group: its rules give dependencies")
            case .network: builder.fold(r.address, at: r.node, into: nil, note: "network: read for the zones of what runs in it")
            case .part where owner[i] == nil: builder.skip(r.address, at: r.node, "belongs to no imported component")
            default: break
            }
        }
        for (id, members) in componentResources { linkDependencies(id, members) }
        securityGroupDependencies()
        specialLinks()
        if region.isEmpty { builder.report.assumed.append(.init(source: "provider aws", location: builder.file, component: nil, note: "region unknown: zones only")) }
    }

    /// Zones of the subnets an attribute of `i` refers to.
    func subnetZones(_ i: Int, _ path: [String]) -> [String] {
        attribute(i, path).filter { resources[$0].type == "aws_subnet" }.compactMap { resources[$0].string("availability_zone") }
    }

    /// The region of a zone (`us-east-1` of `us-east-1a`), or of an ARN.
    static func region(ofZone zone: String) -> String {
        guard let last = zone.last, last.isLetter, zone.count > 1 else { return zone }
        return String(zone.dropLast())
    }

    private mutating func addComponent(_ i: Int, members: [Int]) -> String {
        let r = resources[i]
        guard case .component(let type, _, let sla) = r.role else { return "" }
        var component = Component(id: componentName(r), type: type)
        var zones: [String] = []
        var notes: [String] = []
        switch r.type {
        case "aws_instance":
            component.replicas = members.count
            zones = members.compactMap { resources[$0].string("availability_zone") } + members.flatMap { subnetZones($0, ["subnet_id"]) }
            notes.append("\(members.count) instance\(members.count == 1 ? "" : "s")")
        case "aws_autoscaling_group":
            let desired = r.values?["desired_capacity"]?.int ?? r.values?["min_size"]?.int ?? 1
            let minimum = r.values?["min_size"]?.int ?? desired, maximum = r.values?["max_size"]?.int ?? desired
            component.replicas = max(1, desired)
            if maximum > minimum {
                component.autoscaling.enabled = true
                component.autoscaling.minReplicas = max(1, minimum)
                component.autoscaling.maxReplicas = max(maximum, max(1, minimum))
            }
            zones = (r.values?["availability_zones"]?.items.compactMap(\.string) ?? []) + subnetZones(i, ["vpc_zone_identifier"])
            notes.append("desired \(component.replicas), \(minimum)–\(maximum)")
        case "aws_ecs_service":
            component.replicas = max(1, r.values?["desired_count"]?.int ?? 1)
            zones = subnetZones(i, ["network_configuration", "subnets"])
            notes.append("desired count \(component.replicas)")
        case "aws_eks_cluster":
            zones = subnetZones(i, ["vpc_config", "subnet_ids"])
        case "aws_lb", "aws_alb", "aws_elb":
            zones = subnetZones(i, ["subnets"]) + subnetZones(i, ["subnet_mapping", "subnet_id"]) + (r.values?["availability_zones"]?.items.compactMap(\.string) ?? [])
            component.replicas = max(1, Set(zones).count)
            if r.values?["internal"]?.bool == true { notes.append("internal") }
        case "aws_db_instance":
            zones = [r.string("availability_zone") ?? ""]
            if r.values?["multi_az"]?.bool == true {
                component.failover.enabled = true
                let subnetGroupZones = attribute(i, ["db_subnet_group_name"]).flatMap { subnetZones($0, ["subnet_ids"]) }
                component.failover.standbyZone = Set(subnetGroupZones).subtracting(zones).sorted().first ?? ""
                notes.append("Multi-AZ: failover to a standby")
            }
            if let engine = r.string("engine") { notes.append(engine) }
        case "aws_rds_cluster":
            zones = r.values?["availability_zones"]?.items.compactMap(\.string) ?? []
            if let engine = r.string("engine") { notes.append(engine) }
        case "aws_elasticache_replication_group":
            let nodes = r.values?["num_cache_clusters"]?.int ?? ((r.values?["num_node_groups"]?.int ?? 1) * ((r.values?["replicas_per_node_group"]?.int ?? 0) + 1))
            let azs = r.values?["preferred_cache_cluster_azs"]?.items.compactMap(\.string) ?? []
            if r.values?["automatic_failover_enabled"]?.bool == true, nodes > 1 {
                component.failover.enabled = true
                component.failover.standbyZone = azs.count > 1 ? azs[1] : ""
                notes.append("automatic failover to one of \(nodes - 1) replica\(nodes == 2 ? "" : "s")")
            }
            zones = azs.first.map { [$0] } ?? []
        case "aws_elasticache_cluster":
            component.replicas = max(1, r.values?["num_cache_nodes"]?.int ?? 1)
            zones = (r.values?["preferred_availability_zones"]?.items.compactMap(\.string) ?? []) + [r.string("availability_zone") ?? ""]
        case "aws_lambda_function":
            zones = subnetZones(i, ["vpc_config", "subnet_ids"])
        default: break
        }
        if let sla {
            component.externalSLA = ExternalSLA()
            component.externalSLA?.providerSLA = sla
            component.provider = ""
        }
        let zoneRegion = zones.first(where: { !$0.isEmpty }).map(Self.region(ofZone:)) ?? ""
        let arnRegion = r.string("arn").flatMap { arn in arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(3).first.map(String.init) } ?? ""
        let componentRegion = !zoneRegion.isEmpty ? zoneRegion : !arnRegion.isEmpty ? arnRegion : region
        let id = builder.add(component, from: r.base, at: r.node, note: ([type.rawValue] + notes).joined(separator: ", "))
        builder.place(id, zones: zones, region: componentRegion, source: r.base, at: r.node)
        if let sla {
            builder.assume(id, "run by AWS: availability from its published SLA (\(Format.number(sla, places: 3))%), one regional service", source: r.base, at: r.node)
        }
        if ["aws_lb", "aws_alb", "aws_elb"].contains(r.type) {
            builder.assume(id, "one load balancer node per zone it is enabled in (\(component.replicas))", source: r.base, at: r.node)
        }
        if component.failover.enabled, component.failover.standbyZone.isEmpty {
            builder.assume(id, "the standby's zone is unknown: taken as the primary's zone (a zone outage takes both)", source: r.base, at: r.node)
        }
        if r.type == "aws_autoscaling_group", r.values?["desired_capacity"] == nil {
            builder.assume(id, "desired capacity not set: min_size instances run", source: r.base, at: r.node)
        }
        return id
    }

    /// A component's id: the name AWS knows it by when the input gives one, else the resource address.
    private func componentName(_ r: Resource) -> String {
        for key in ["name", "identifier", "cluster_identifier", "replication_group_id", "cluster_id", "function_name", "bucket"] {
            if let value = r.string(key), !value.isEmpty { return value }
        }
        return r.base
    }

    /// Whether `i` is an RDS read replica (`replicate_source_db` set, or referring to its source in a plan).
    private func isReadReplica(_ i: Int) -> Bool {
        resources[i].type == "aws_db_instance" && (resources[i].string("replicate_source_db").map { !$0.isEmpty } == true
            || configuration[resources[i].base]?["expressions", "replicate_source_db"] != nil)
    }

    /// A read replica whose source is not in the input: its own component (it serves reads; it is not a failover target until promoted).
    private mutating func addReadReplica(_ i: Int, source: String) -> String {
        let r = resources[i]
        var component = Component(id: componentName(r), type: .database)
        component.region.availabilityZone = r.string("availability_zone") ?? ""
        component.region.region = component.region.availabilityZone.isEmpty ? region : Self.region(ofZone: component.region.availabilityZone)
        let id = builder.add(component, from: r.base, at: r.node, note: "database, read replica of \(source)")
        builder.assume(id, "a read replica serves reads only and is not promoted automatically", source: r.base, at: r.node)
        return id
    }

    /// Cluster instances, node groups and autoscaling targets change the component they belong to.
    private mutating func foldParts() {
        var nodeGroups: [String: (desired: Int, minimum: Int, maximum: Int, zones: [String])] = [:]
        for (i, r) in resources.enumerated() where r.role == .part && !r.isData {
            func target(_ key: String) -> Int? { attribute(i, [key]).first { owner[$0] != nil } }
            switch r.type {
            case "aws_rds_cluster_instance":
                guard let c = target("cluster_identifier"), let id = owner[c] else { continue }
                owner[i] = id
                let zone = r.string("availability_zone") ?? ""
                let members = resources.indices.filter { owner[$0] == id && resources[$0].type == "aws_rds_cluster_instance" }
                builder.update(id) { component in
                    if members.count == 1 {
                        if !zone.isEmpty { component.region.availabilityZone = zone; component.region.region = Self.region(ofZone: zone) }
                    } else {
                        component.failover.enabled = true
                        if component.failover.standbyZone.isEmpty, zone != component.region.availabilityZone { component.failover.standbyZone = zone }
                    }
                }
                builder.fold(r.address, at: r.node, into: id, note: members.count == 1 ? "the cluster's writer" : "a reader the cluster fails over to")
            case "aws_eks_node_group":
                guard let c = target("cluster_name"), let id = owner[c] else { continue }
                owner[i] = id
                func size(_ key: String) -> Int? { Self.walk(r.values, ["scaling_config", key]).first?.int }
                let desired = size("desired_size") ?? 1, minimum = size("min_size") ?? desired, maximum = size("max_size") ?? desired
                nodeGroups[id, default: (0, 0, 0, [])].desired += desired
                nodeGroups[id]!.minimum += minimum
                nodeGroups[id]!.maximum += maximum
                nodeGroups[id]!.zones += subnetZones(i, ["subnet_ids"])
                builder.fold(r.address, at: r.node, into: id, note: "node group: \(desired) nodes (\(minimum)–\(maximum))")
            case "aws_appautoscaling_target":
                let resourceID = r.string("resource_id") ?? ""
                let byName = resources.indices.first { resources[$0].type == "aws_ecs_service" && resources[$0].string("name").map { resourceID.hasSuffix("/" + $0) } == true }
                guard let c = byName ?? target("resource_id"), let id = owner[c] else { continue }
                owner[i] = id
                let minimum = max(1, r.values?["min_capacity"]?.int ?? 1), maximum = max(minimum, r.values?["max_capacity"]?.int ?? minimum)
                builder.update(id) { component in
                    component.autoscaling.enabled = true
                    component.autoscaling.minReplicas = minimum
                    component.autoscaling.maxReplicas = maximum
                    component.replicas = max(component.replicas, minimum)
                }
                builder.fold(r.address, at: r.node, into: id, note: "autoscaling \(minimum)–\(maximum)")
            case "aws_autoscaling_policy", "aws_appautoscaling_policy":
                let key = r.type == "aws_autoscaling_policy" ? "autoscaling_group_name" : "resource_id"
                let id = target(key).flatMap { owner[$0] } ?? attribute(i, [key]).compactMap { owner[$0] }.first
                guard let id else { continue }
                owner[i] = id
                builder.fold(r.address, at: r.node, into: id, note: "scaling policy")
            default: continue
            }
        }
        for (id, nodes) in nodeGroups.sorted(by: { $0.key < $1.key }) {
            builder.update(id) { component in
                component.replicas = max(1, nodes.desired)
                if nodes.maximum > nodes.minimum {
                    component.autoscaling.enabled = true
                    component.autoscaling.minReplicas = max(1, nodes.minimum)
                    component.autoscaling.maxReplicas = max(nodes.maximum, 1)
                }
            }
            if !nodes.zones.isEmpty { builder.place(id, zones: nodes.zones, region: region, source: "node groups of \(id)", at: nil) }
        }
    }

    private func layer(_ id: String) -> Int { layers[id] ?? TerraformRole.computeLayer }

    /// Dependencies from references: a component linked to another (directly, or through links) depends
    /// on it when it is in an outer layer; within a layer, the one that refers depends on the one referred to.
    private mutating func linkDependencies(_ id: String, _ members: [Int]) {
        let mine = layer(id)
        var visited = Set(members)
        var frontier = members.map { ($0, 0) }
        while let next = frontier.popLast() {
            let (i, depth) = next
            for j in references[i] + referrers[i] where visited.insert(j).inserted {
                let r = resources[j]
                if let other = owner[j], other != id {
                    let theirs = layer(other)
                    let direct = depth == 0 && references[i].contains(j)
                    if theirs > mine || (theirs == mine && direct) {
                        let type = ImportRules.dependencyType(to: builder.component(other)?.type ?? .custom)
                        builder.depend(id, on: other, type, because: depth == 0 ? "\(resources[i].address) refers to \(r.address)"
                                                                               : "linked through \(resources[i].address)")
                    }
                } else if r.role == .link, depth < 3, !["aws_sns_topic_subscription", "aws_lambda_event_source_mapping"].contains(r.type) {
                    frontier.append((j, depth + 1))
                }
            }
        }
    }


    /// Subscriptions and event sources: a topic delivers to its subscribers, a function reads its queue or stream.
    private mutating func specialLinks() {
        for (i, r) in resources.enumerated() {
            switch r.type {
            case "aws_sns_topic_subscription":
                for topic in attribute(i, ["topic_arn"]).compactMap({ owner[$0] }) {
                    for endpoint in attribute(i, ["endpoint"]).compactMap({ owner[$0] }) {
                        builder.depend(topic, on: endpoint, .async, because: "\(r.address) delivers the topic's messages to it")
                    }
                }
            case "aws_lambda_event_source_mapping":
                for function in attribute(i, ["function_name"]).compactMap({ owner[$0] }) {
                    for source in attribute(i, ["event_source_arn"]).compactMap({ owner[$0] }) {
                        builder.depend(function, on: source, .async, because: "\(r.address): the function reads it")
                    }
                }
            default: continue
            }
        }
    }

    /// Ingress rules: what runs in the source group depends on what runs in the protected group.
    private mutating func securityGroupDependencies() {
        var members: [Int: Set<String>] = [:]  // security group -> components in it
        for (i, r) in resources.enumerated() where !r.isData {
            guard let id = owner[i] else { continue }
            var groups = references[i]
            for j in references[i] where ["aws_launch_template", "aws_launch_configuration", "aws_ecs_task_definition"].contains(resources[j].type) { groups += references[j] }
            for g in groups where resources[g].role == .securityGroup { members[g, default: []].insert(id) }
        }
        var rules: [(protected: [Int], sources: [Int], rule: Int)] = []
        for (i, r) in resources.enumerated() where !r.isData {
            switch r.type {
            case "aws_security_group":
                let sources = attribute(i, ["ingress", "security_groups"])
                if !sources.isEmpty { rules.append(([i], sources, i)) }
            case "aws_security_group_rule" where r.string("type") == "ingress":
                rules.append((attribute(i, ["security_group_id"]), attribute(i, ["source_security_group_id"]), i))
            case "aws_vpc_security_group_ingress_rule":
                rules.append((attribute(i, ["security_group_id"]), attribute(i, ["referenced_security_group_id"]), i))
            default: continue
            }
        }
        for (protected, sources, rule) in rules {
            let port = resources[rule].values?["from_port"]?.int ?? resources[rule].values?["ingress", "from_port"]?.int
            for p in protected where resources[p].role == .securityGroup {
                for s in sources where resources[s].role == .securityGroup {
                    for client in (members[s] ?? []).sorted() {
                        for server in (members[p] ?? []).sorted() where client != server && !builder.connected(client, server) {
                            let type = ImportRules.dependencyType(to: builder.component(server)?.type ?? .custom)
                            builder.depend(client, on: server, type, because: "\(resources[rule].address): \(resources[s].base) may reach \(resources[p].base)"
                                           + (port.map { " on port \($0)" } ?? ""))
                        }
                    }
                }
            }
        }
    }
}
