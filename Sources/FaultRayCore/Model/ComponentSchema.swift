extension Component {
    /// The keys of a component entry.
    static let schema = Schema<Component>([
        .string("id", key: \.id),
        .custom("name", read: { root, node, ctx, path in
            if let value = Read.string(node, path(), ctx) { root.name = value }
        }, write: { root, _ in root.name == root.id ? nil : .string(root.name) }),
        .choice("type", key: \.type),
        .string("description", key: \.description),
        .string("host", key: \.host),
        .int("port", \.port),
        .int("replicas", \.replicas, min: 1),
        .custom("health", read: { root, node, ctx, path in
            guard let text = Read.string(node, path(), ctx) else { return }
            guard let health = Health(name: text) else {
                Read.unknown("health", text, known: Health.allCases.map(\.name), node, path(), ctx)
                return
            }
            root.health = health
        }, write: { root, _ in root.health == .healthy ? nil : .string(root.health.name) }),
        .string("owner", key: \.owner),
        .custom("team", read: { root, node, ctx, path in
            if ctx.tree.kind(node) == .scalar, let name = Read.string(node, path(), ctx) {
                root.owner = root.owner.isEmpty ? name : root.owner
            } else {
                Read.section(into: &root.team, node, path(), ctx)
            }
        }, write: { root, defaults in root.team == defaults.team ? nil : Write.section(root.team) }),
        .strings("tags", \.tags),
        .section("metrics", \.metrics),
        .section("capacity", \.capacity),
        .section("autoscaling", \.autoscaling),
        .section("failover", \.failover),
        .section("cache_warming", \.cacheWarming),
        .section("singleflight", \.singleflight),
        .sectionList("slo_targets", \.sloTargets),
        .optionalSection("external_sla", \.externalSLA),
        .section("cost_profile", \.costProfile),
        .section("operational_profile", \.operationalProfile),
        .section("region", \.region),
        .section("network", \.network),
        .section("runtime_jitter", \.runtimeJitter),
        .section("security", \.security),
        .section("compliance_tags", \.complianceTags),
        .sectionList("redundancy_groups", \.redundancyGroups),
        .section("entry_point", \.entryPoint),
        .string("provider", key: \.provider),
        .custom("parameters", read: readParameters, write: { root, _ in
            root.parameters.isEmpty ? nil : .map(root.parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value.modelValue) })
        }),
        // Agent settings blocks of the original format, read into `parameters`.
        .custom("agent_config", read: readParameters, write: { _, _ in nil }),
        .custom("llm_config", read: readParameters, write: { _, _ in nil }),
        .custom("tool_config", read: readParameters, write: { _, _ in nil }),
        .custom("orchestrator_config", read: readParameters, write: { _, _ in nil }),
    ], required: ["id"])

    private static func readParameters(_ root: inout Component, _ node: DocumentTree.ID, _ ctx: DecodeContext, _ path: () -> String) {
        guard let mapping = Read.mapping(node, path(), ctx) else { return }
        for (keyNode, valueNode) in mapping {
            guard let key = ctx.tree.text(keyNode) else { continue }
            let tree = ctx.tree
            switch (tree.kind(valueNode), tree.type(valueNode)) {
            case (.scalar, .bool): root.parameters[key] = Read.bool(valueNode, Read.keyPath(path(), key), ctx).map(ParameterValue.flag)
            case (.scalar, .int), (.scalar, .float):
                if let value = Read.double(valueNode, Read.keyPath(path(), key), ctx, min: nil, max: nil) { root.parameters[key] = .number(value) }
            case (.scalar, .string): root.parameters[key] = .text(tree.text(valueNode) ?? "")
            default: ctx.report(valueNode, Read.keyPath(path(), key), "expected a number, string or boolean, found \(tree.kindDescription(valueNode))")
            }
        }
    }
}

extension ParameterValue {
    var modelValue: ModelValue {
        switch self {
        case .number(let value): return .double(value)
        case .text(let value): return .string(value)
        case .flag(let value): return .bool(value)
        }
    }
}

extension Dependency {
    /// The keys of a dependency entry; `source_id`, `target_id` and `dependency_type` are accepted spellings.
    static let schema = Schema<Dependency>([
        .string("source", "source_id", key: \.source),
        .string("target", "target_id", key: \.target),
        .choice("type", "dependency_type", key: \.type),
        .string("protocol", key: \.protocol),
        .int("port", \.port),
        .double("latency_ms", \.latencyMs),
        .double("weight", \.weight, max: 1),
        .section("circuit_breaker", \.circuitBreaker),
        .section("retry_strategy", \.retryStrategy),
        .section("fallback", \.fallback),
    ], required: ["source", "target"])
}
