/// Writes the structure function of entry points as an Open-PSA Model Exchange Format fault tree, the
/// format that probabilistic risk analysis tools (SCRAM, XFTA, …) read.
///
/// Everything is instance-level: a component's own event `r of its n instances lost` is written as `n`
/// basic events (one per instance, each with the single-instance unavailability `MTTR / (MTBF + MTTR)`)
/// under an `atleast min="r"` gate (`or` when `r` is 1, `and` when `r` is `n`, the basic event itself for a
/// single instance), so a tool's minimal cut sets ("products") count instance losses as FaultRay's cut
/// sets do. An external service, a failover standby and a zone or region outage are one basic event each;
/// a domain is one event shared by everything placed in it (the explicit common-cause model). Each
/// requested entry point gets a top gate `top-<id>`. Only what those top gates reach is written, and the
/// same tree always gives the same bytes. `docs/open-psa.md` describes the document and how to check it
/// with SCRAM.
public enum OpenPSA {
    /// The names of the exported elements: stable for a model whatever entry points are exported.
    public struct Names: Sendable {
        /// The basic events of each tree event: one per instance for `instances`, else one.
        public let basicEvents: [[String]]
        /// For `instances` events of more than one instance, the gate over the instance events.
        public let instanceGate: [String?]
        /// The name of each tree gate (by gate index).
        public let gates: [String]
        /// The top gate of each component when exported as a top event.
        public let tops: [String]

        public init(tree: FaultTree) {
            var registry = NameRegistry()
            let components = tree.graph.model.components
            let ids = components.map { OpenPSA.sanitize($0.id) }
            var basic: [[String]] = [], instanceGate: [String?] = []
            for event in tree.events {
                switch event.kind {
                case .instances(let c, _, let n):
                    if n <= 1 {
                        basic.append([registry.unique("inst-\(ids[c])")])
                        instanceGate.append(nil)
                    } else {
                        basic.append((1...n).map { registry.unique("inst-\(ids[c])-\($0)") })
                        instanceGate.append(registry.unique("lost-\(ids[c])"))
                    }
                case .external(let c):
                    basic.append([registry.unique("ext-\(ids[c])")])
                    instanceGate.append(nil)
                case .standby(let c):
                    basic.append([registry.unique("standby-\(ids[c])")])
                    instanceGate.append(nil)
                case .domain(let domain):
                    basic.append([registry.unique("\(domain.kind.rawValue)-\(OpenPSA.sanitize(domain.name))")])
                    instanceGate.append(nil)
                }
            }
            var gates = [String?](repeating: nil, count: tree.gates.count)
            let eventCount = tree.eventCount
            // A component's own gate: `top-` for an entry point that no gate refers to (a tool analyses every
            // gate nothing refers to as a top event, and only those), `down-` for the rest.
            var referenced = [Bool](repeating: false, count: tree.gates.count)
            for gate in tree.gates {
                for child in gate.children where Int(child) >= eventCount { referenced[Int(child) - eventCount] = true }
            }
            var owner = [Int](repeating: -1, count: tree.gates.count)
            for c in components.indices {
                let node = Int(tree.componentNode[c])
                guard node >= eventCount, gates[node - eventCount] == nil else { continue }
                let top = tree.graph.isEntryPoint[c] && !referenced[node - eventCount]
                gates[node - eventCount] = registry.unique((top ? "top-" : "down-") + ids[c])
                owner[node - eventCount] = c
            }
            for (g, gate) in tree.gates.enumerated() where gate.failoverOf >= 0 {
                let c = Int(gate.failoverOf)
                if gates[g] == nil { gates[g] = registry.unique("failover-\(ids[c])") }
                for (child, side) in zip(gate.children, ["primary-side-", "standby-side-"]) where Int(child) >= eventCount {
                    if gates[Int(child) - eventCount] == nil { gates[Int(child) - eventCount] = registry.unique(side + ids[c]) }
                }
            }
            // Any other gate belongs to the component whose gate was built next (gates are built one
            // strongly connected group at a time, the group's own gate last).
            var counter: [Int: Int] = [:]
            var nextOwner = -1
            var ownerOf = [Int](repeating: -1, count: tree.gates.count)
            for g in stride(from: tree.gates.count - 1, through: 0, by: -1) {
                if owner[g] >= 0 { nextOwner = owner[g] }
                ownerOf[g] = nextOwner
            }
            for g in tree.gates.indices where gates[g] == nil {
                if ownerOf[g] >= 0 {
                    counter[ownerOf[g], default: 0] += 1
                    gates[g] = registry.unique("gate-\(ids[ownerOf[g]])-\(counter[ownerOf[g]]!)")
                } else {
                    gates[g] = registry.unique("gate-\(g + 1)")
                }
            }
            self.basicEvents = basic
            self.instanceGate = instanceGate
            self.gates = gates.map { $0! }
            // A top gate of its own only where the component's node is not already named `top-<id>`.
            tops = components.indices.map { c in
                let node = Int(tree.componentNode[c])
                if node >= eventCount, owner[node - eventCount] == c, tree.graph.isEntryPoint[c], !referenced[node - eventCount] {
                    return gates[node - eventCount]!
                }
                return registry.unique("top-\(ids[c])")
            }
        }
    }

    /// A name Open-PSA accepts: letters, digits and `_`, with single `-` between them (never `.`, which
    /// refers into another container). Other characters become `_`.
    public static func sanitize(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let c = Character(scalar)
            if scalar.isASCII, c.isLetter || c.isNumber || c == "_" {
                result.append(c)
            } else if c == "-" {
                if !result.isEmpty, result.last != "-" { result.append("-") }
            } else {
                result.append("_")
            }
        }
        while result.last == "-" { result.removeLast() }
        return result.isEmpty ? "_" : result
    }

    /// The Open-PSA MEF document of the given components' structure functions (usually entry points).
    public static func export(_ tree: FaultTree, entries: [Int]) -> String {
        Writer(tree: tree, names: Names(tree: tree)).document(entries: entries)
    }
}

/// Unique names, compared without case (tools differ on whether case matters).
struct NameRegistry {
    private var used = Set<String>()

    mutating func unique(_ base: String) -> String {
        var name = base, suffix = 2
        while !used.insert(name.lowercased()).inserted {
            name = "\(base)-\(suffix)"
            suffix += 1
        }
        return name
    }
}

private struct Writer {
    let tree: FaultTree
    let names: OpenPSA.Names
    let components: [Component]
    /// The components whose own node each gate is.
    let owners: [Int: [Int]]
    /// The failover component and side (0 primary, 1 standby) of each side gate.
    let sides: [Int: (component: Int, side: Int)]

    init(tree: FaultTree, names: OpenPSA.Names) {
        self.tree = tree
        self.names = names
        components = tree.graph.model.components
        var owners: [Int: [Int]] = [:], sides: [Int: (component: Int, side: Int)] = [:]
        for c in components.indices where !tree.isEvent(tree.componentNode[c]) {
            owners[Int(tree.componentNode[c]) - tree.eventCount, default: []].append(c)
        }
        for gate in tree.gates where gate.failoverOf >= 0 {
            for (side, child) in gate.children.enumerated() where !tree.isEvent(child) {
                sides[Int(child) - tree.eventCount] = (Int(gate.failoverOf), side)
            }
        }
        self.owners = owners
        self.sides = sides
    }

    /// A reference to a node as a formula argument.
    enum Ref: Hashable {
        case gate(String), basic(String)
        /// Every one of these, written in place.
        indirect case all([Ref])
        var xml: String {
            switch self {
            case .gate(let name): return "<gate name=\"\(name)\"/>"
            case .basic(let name): return "<basic-event name=\"\(name)\"/>"
            case .all(let refs): return "<and>" + refs.map(\.xml).joined() + "</and>"
            }
        }
    }

    /// A gate to write: its name, label and formula.
    struct Definition {
        var name: String
        var label: String
        var connective: String?  // nil: the single argument itself
        var arguments: [Ref]
    }

    /// The node an `or`/`and` gate of one distinct child stands for.
    func resolve(_ node: Int32) -> Int32 {
        var node = node
        while !tree.isEvent(node) {
            let gate = tree.gate(node)
            guard gate.kind == .or || gate.kind == .and, Set(gate.children).count == 1 else { break }
            node = gate.children[0]
        }
        return node
    }

    func ref(_ node: Int32) -> Ref {
        let node = resolve(node)
        if tree.isEvent(node) {
            let e = Int(node)
            if let gate = names.instanceGate[e] { return .gate(gate) }
            return .basic(names.basicEvents[e][0])
        }
        return .gate(names.gates[Int(node) - tree.eventCount])
    }

    func document(entries: [Int]) -> String {
        var definitions: [Definition] = []
        var basicEvents = Set<Int>()
        var emittedGates = Set<Int>(), emittedInstanceGates = Set<Int>()
        var pending: [Int32] = []

        /// Queues what a reference needs and returns it.
        func use(_ node: Int32) -> Ref {
            let node = resolve(node)
            if tree.isEvent(node) {
                basicEvents.insert(Int(node))
                if names.instanceGate[Int(node)] != nil, emittedInstanceGates.insert(Int(node)).inserted { pending.append(node) }
            } else if emittedGates.insert(Int(node) - tree.eventCount).inserted {
                pending.append(node)
            }
            return ref(node)
        }

        var seenTops = Set<Int>()
        for entry in entries where seenTops.insert(entry).inserted && entry >= 0 && entry < components.count {
            let node = resolve(tree.componentNode[entry])
            let top = names.tops[entry]
            if !tree.isEvent(node), names.gates[Int(node) - tree.eventCount] == top {
                _ = use(node)
            } else {
                definitions.append(Definition(name: top, label: "Entry point '\(components[entry].id)' down", connective: nil, arguments: [use(node)]))
            }
        }
        // Breadth-first from the tops, each gate once, in the order first reached.
        var index = 0
        while index < pending.count {
            let node = pending[index]
            index += 1
            if tree.isEvent(node) {
                definitions.append(instanceGate(Int(node)))
                continue
            }
            let g = Int(node) - tree.eventCount
            let gate = tree.gate(node)
            let children = gate.children.map { use($0) }
            var distinct: [Ref] = []
            for child in children where !distinct.contains(child) { distinct.append(child) }
            let connective: String
            switch gate.kind {
            case .or: connective = "or"
            case .and: connective = "and"
            case .atLeast(let k) where k <= 1: connective = "or"
            case .atLeast(let k) where k >= children.count: connective = "and"
            case .atLeast(let k) where distinct.count < children.count:
                // The same node more than once (group members that need each other) counts as many times.
                // Open-PSA forbids repeated arguments (and SCRAM 0.16.2 gets `atleast` wrong when a repeat
                // goes through a gate of its own), so the threshold is written out.
                definitions += weightedThreshold(name: names.gates[g], label: gateLabel(g, gate), k: k, distinct: distinct,
                                                 weights: distinct.map { d in children.filter { $0 == d }.count })
                continue
            case .atLeast(let k): connective = "atleast min=\"\(k)\""
            }
            definitions.append(Definition(name: names.gates[g], label: gateLabel(g, gate),
                                          connective: distinct.count == 1 ? nil : connective, arguments: distinct))
        }

        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<!-- The structure function of FaultRay entry points as an Open-PSA MEF fault tree. -->\n"
        xml += "<!-- docs/open-psa.md says what each gate and basic event is and how to check the tree with SCRAM. -->\n"
        xml += "<opsa-mef>\n"
        xml += "  <define-fault-tree name=\"FaultRay\">\n"
        for definition in definitions {
            xml += "    <define-gate name=\"\(definition.name)\">\n"
            xml += "      <label>\(escape(definition.label))</label>\n"
            if let connective = definition.connective {
                let closing = connective.split(separator: " ")[0]
                xml += "      <\(connective)>\n"
                for argument in definition.arguments { xml += "        \(argument.xml)\n" }
                xml += "      </\(closing)>\n"
            } else {
                xml += "      \(definition.arguments[0].xml)\n"
            }
            xml += "    </define-gate>\n"
        }
        xml += "  </define-fault-tree>\n"
        xml += "  <model-data>\n"
        for e in basicEvents.sorted() {
            let event = tree.events[e]
            let basic = names.basicEvents[e]
            for (i, name) in basic.enumerated() {
                // An instance's own unavailability; every other event's probability as it is.
                var probability = event.probability
                if case .instances(let c, _, _) = event.kind { probability = FaultTree.instanceUnavailability(components[c]) }
                xml += "    <define-basic-event name=\"\(name)\">\n"
                xml += "      <label>\(escape(eventLabel(event.kind, instance: i + 1)))</label>\n"
                xml += "      <float value=\"\(probability)\"/>\n"
                xml += "    </define-basic-event>\n"
            }
        }
        xml += "  </model-data>\n"
        xml += "</opsa-mef>\n"
        return xml
    }

    /// "At least `k` down" over arguments that count `weights` times each, without repeating any:
    /// `T(i, k) = (a_i ∧ T(i+1, k − w_i)) ∨ T(i+1, k)`, one gate `<name>-t<i>-<k>` per step reached.
    func weightedThreshold(name: String, label: String, k: Int, distinct: [Ref], weights: [Int]) -> [Definition] {
        var suffix = [Int](repeating: 0, count: distinct.count + 1)
        for i in stride(from: distinct.count - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] + weights[i] }
        var result: [Definition] = [], made: [String: Ref] = [:]
        func step(_ i: Int, _ need: Int) -> Ref {
            let stepName = i == 0 ? name : "\(name)-t\(i + 1)-\(need)"
            if let known = made[stepName] { return known }
            let slot = result.count
            result.append(Definition(name: stepName, label: "", connective: nil, arguments: []))
            var terms: [Ref] = []
            let rest = need - weights[i]
            if rest <= 0 { terms.append(distinct[i]) } else if suffix[i + 1] >= rest { terms.append(.all([distinct[i], step(i + 1, rest)])) }
            if suffix[i + 1] >= need { terms.append(step(i + 1, need)) }
            var conjunction = false
            if case .all = terms[0] { conjunction = true }
            if i > 0, terms.count == 1, !conjunction {
                // A single argument stands for itself.
                result.remove(at: slot)
                made[stepName] = terms[0]
                return terms[0]
            }
            made[stepName] = .gate(stepName)
            result[slot] = Definition(name: stepName, label: i == 0 ? label : "Part of \(name): at least \(need) down among its arguments \(i + 1) to \(distinct.count)",
                                      connective: terms.count == 1 ? nil : "or", arguments: terms)
            return .gate(stepName)
        }
        _ = step(0, k)
        return result
    }

    func instanceGate(_ e: Int) -> Definition {
        guard case .instances(let c, let r, let n) = tree.events[e].kind else { preconditionFailure("not an instance event") }
        let connective = r <= 1 ? "or" : r >= n ? "and" : "atleast min=\"\(r)\""
        let k = tree.instancesNeeded[c]
        return Definition(name: names.instanceGate[e]!,
                          label: "'\(components[c].id)' lost: \(r) of its \(n) instances down (\(k) needed to carry the load)\(placement(components[c]))",
                          connective: connective, arguments: names.basicEvents[e].map { .basic($0) })
    }

    func gateLabel(_ g: Int, _ gate: FaultTree.Gate) -> String {
        if let owners = owners[g] {
            let ids = owners.map { "'\(components[$0].id)'" }
            if owners.count == 1, names.tops[owners[0]] == names.gates[g] { return "Entry point \(ids[0]) down" }
            return ids.count == 1 ? "\(ids[0]) down" : "\(ids.joined(separator: ", ")) down (they need each other)"
        }
        if gate.failoverOf >= 0 {
            return "'\(components[Int(gate.failoverOf)].id)' lost with its failover: the primary side and the standby side both down"
        }
        if let (c, side) = sides[g] {
            return side == 0 ? "Primary side of '\(components[c].id)' down (its instances or its domains)"
                : "Standby side of '\(components[c].id)' down (the standby or its domains)"
        }
        switch gate.kind {
        case .or: return "Any of these down"
        case .and: return "All of these down (a dependency together with its fallback)"
        case .atLeast(let k): return "At least \(k) of these down (more than a redundancy group can lose)"
        }
    }

    func placement(_ component: Component) -> String {
        var parts: [String] = []
        if !component.region.availabilityZone.isEmpty { parts.append("zone \(component.region.availabilityZone)") }
        if !component.region.region.isEmpty { parts.append("region \(component.region.region)") }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: ", ")
    }

    func eventLabel(_ kind: FaultTree.EventKind, instance: Int) -> String {
        switch kind {
        case .instances(let c, let r, let n):
            let component = components[c]
            if n <= 1 { return "'\(component.id)' (\(component.type.rawValue)) down: its single instance\(placement(component))" }
            return "Instance \(instance) of \(n) of '\(component.id)' (\(component.type.rawValue)) down; \(r) down lose the component\(placement(component))"
        case .external(let c):
            let component = components[c]
            let sla = component.externalSLA.map { " (provider SLA \($0.providerSLA) %)" } ?? ""
            return "External service '\(component.id)' down\(sla)"
        case .standby(let c):
            let component = components[c]
            let place = tree.standbyDomains[c].map { "\($0.kind.rawValue) \($0.name)" }.joined(separator: ", ")
            return "Failover standby of '\(component.id)' lost\(place.isEmpty ? "" : "; " + place)"
        case .domain(let domain):
            return "\(domain.kind.rawValue.capitalized) \(domain.name) out: every component placed in it is lost (common cause)"
        }
    }

    /// Text content escaped (names are identifiers and need none).
    func escape(_ text: String) -> String {
        var result = ""
        for c in text {
            switch c {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(c)
            }
        }
        return result
    }
}
