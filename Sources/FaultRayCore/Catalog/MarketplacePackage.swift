/// Which components a packaged fault targets: every component meeting all the conditions given
/// (type equal, a tag equal ignoring case, id equal). At least one condition is required.
public struct TargetSelector: Codable, Sendable, Equatable {
    public var type: ComponentType?
    public var tag: String?
    public var id: String?

    public init(type: ComponentType? = nil, tag: String? = nil, id: String? = nil) {
        (self.type, self.tag, self.id) = (type, tag, id)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(type: try c.decodeIfPresent(ComponentType.self, forKey: .type), tag: try c.decodeIfPresent(String.self, forKey: .tag),
                  id: try c.decodeIfPresent(String.self, forKey: .id))
        guard type != nil || tag != nil || id != nil else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a target needs a type, a tag or an id"))
        }
    }

    func matches(_ component: Component) -> Bool {
        (type.map { $0 == component.type } ?? true)
            && (tag.map { tag in component.tags.contains { $0.lowercased() == tag.lowercased() } } ?? true)
            && (id.map { $0 == component.id } ?? true)
    }

    /// The conditions in words: `type database`, `tag pci`, `type app_server and tag kubernetes`.
    public var summary: String {
        [type.map { "type \($0.rawValue)" }, tag.map { "tag \($0)" }, id.map { "id \($0)" }].compactMap { $0 }.joined(separator: " and ")
    }
}

/// A fault as a package writes it: `{"kind": "latency_spike", "multiplier": 10, "target": {"type": "database"}}`.
///
/// `kind` is the wire name of a targeted `FaultKind` (`FaultKind.targeted`);
/// `multiplier` is a latency spike's slow-down (default `ScenarioCatalog.latencyMultiplier`), or
/// `latency_ms` its size in milliseconds (`FaultKind.addedLatency`). Load on the
/// whole system is a scenario's `traffic_multiplier`, not a fault.
public struct PackagedFault: Codable, Sendable, Equatable {
    public var kind: FaultKind
    public var target: TargetSelector

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .kind)
        let latencyMs = try c.decodeIfPresent(Double.self, forKey: .latencyMs)
        let known: FaultKind
        do { known = try FaultKind.targeted(named: name, latencyMs: latencyMs) } catch {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: error.message)
        }
        let multiplier = try c.decodeIfPresent(Double.self, forKey: .multiplier)
        guard multiplier == nil || known == .latencySpike(multiplier: ScenarioCatalog.latencyMultiplier) else {
            throw DecodingError.dataCorruptedError(forKey: .multiplier, in: c, debugDescription: "only a latency_spike without latency_ms takes a multiplier")
        }
        kind = multiplier.map { .latencySpike(multiplier: $0) } ?? known
        target = try c.decode(TargetSelector.self, forKey: .target)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind.name, forKey: .kind)
        if case .latencySpike(let multiplier) = kind { try c.encode(multiplier, forKey: .multiplier) }
        if case .addedLatency(let ms) = kind { try c.encode(ms, forKey: .latencyMs) }
        try c.encode(target, forKey: .target)
    }

    private enum CodingKeys: String, CodingKey {
        case kind, multiplier, target
        case latencyMs = "latency_ms"
    }
}

/// One scenario of a package: faults on selected components, optionally under extra load.
public struct PackagedScenario: Codable, Sendable, Equatable {
    /// Unique within its package.
    public var id: String
    public var name: String
    public var description: String
    public var faults: [PackagedFault]
    /// Every component receives this multiple of its current load while the faults act.
    public var trafficMultiplier: Double?
}

public enum PackageSeverity: String, Codable, Sendable {
    case low, medium, high, critical
}

/// A package of chaos scenarios, as kept in `Data/marketplace-packages.json`.
public struct MarketplacePackage: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var version: String
    public var description: String
    /// `database`, `cache`, `messaging`, `storage`, `network`, `dependencies`, `compute`, `performance`, `ai`.
    public var category: String
    /// `aws`, `gcp`, `azure`, `kubernetes` or `generic`.
    public var provider: String
    public var tags: [String]
    public var severity: PackageSeverity
    public var scenarios: [PackagedScenario]
}
