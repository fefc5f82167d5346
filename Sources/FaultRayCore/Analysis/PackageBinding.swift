/// The components one packaged fault landed on.
public struct FaultBinding: Codable, Sendable, Equatable {
    /// `FaultKind` wire name.
    public var kind: String
    /// The selector, in words (`type database`, `tag pci`).
    public var target: String
    /// Matching component ids, in model order; empty when the selector matched nothing.
    public var componentIds: [String]
}

/// How one packaged scenario bound to a model.
public struct ScenarioBinding: Codable, Sendable, Equatable {
    /// The bound scenario's id: `marketplace-<package id>-<scenario id>`.
    public var id: String
    public var name: String
    public var description: String
    /// Whether every fault found a target (only bound scenarios are run).
    public var bound: Bool
    public var faults: [FaultBinding]
    public var trafficMultiplier: Double?
    /// Why the scenario did not bind.
    public var reason: String?
}

/// A package bound to a model: the scenarios a full run takes (`FullRun.run(extra:)`) and a report of
/// which scenario bound to which components and which found no target.
public struct PackageBinding: Encodable, Sendable, Equatable {
    public var packageId: String
    /// Scenarios bound (every fault found a target).
    public var bound: Int
    /// Scenarios reported but not run, because a fault's selector matched no component.
    public var unbound: Int
    /// Every scenario of the package, in package order.
    public var report: [ScenarioBinding]
    /// The bound scenarios, category `marketplace` (not encoded).
    public var scenarios: [Scenario]

    private enum CodingKeys: String, CodingKey { case packageId, bound, unbound, report }
}

extension MarketplaceCatalog {
    /// Binds a package's scenarios to a model. Each fault lands on every component its selector matches
    /// (they fail together, e.g. "every database"), and a `traffic_multiplier` adds a traffic spike on the
    /// whole system. A scenario binds only when each of its faults found a target: it is never run with a
    /// fault silently missing, and one that does not bind is reported with the selectors that matched nothing.
    public static func bind(_ package: MarketplacePackage, to assessment: Assessment) -> PackageBinding {
        let components = assessment.model.components
        var scenarios: [Scenario] = [], report: [ScenarioBinding] = []
        for scenario in package.scenarios {
            let id = "marketplace-\(package.id)-\(scenario.id)"
            var faults: [Fault] = [], bindings: [FaultBinding] = [], missing: [String] = []
            for fault in scenario.faults {
                let targets = components.indices.filter { fault.target.matches(components[$0]) }
                if targets.isEmpty { missing.append(fault.target.summary) }
                faults += targets.map { Fault(fault.kind, target: $0) }
                bindings.append(FaultBinding(kind: fault.kind.name, target: fault.target.summary, componentIds: targets.map { components[$0].id }))
            }
            if let multiplier = scenario.trafficMultiplier { faults.append(Fault(.trafficSpike(multiplier: multiplier))) }
            if missing.isEmpty {
                scenarios.append(Scenario(id: id, name: "\(package.name): \(scenario.name)", category: .marketplace, faults: faults))
            }
            report.append(ScenarioBinding(
                id: id, name: scenario.name, description: scenario.description, bound: missing.isEmpty, faults: bindings,
                trafficMultiplier: scenario.trafficMultiplier,
                reason: missing.isEmpty ? nil : "No component matches \(missing.joined(separator: "; "))"))
        }
        return PackageBinding(packageId: package.id, bound: scenarios.count, unbound: report.count - scenarios.count,
                              report: report, scenarios: scenarios)
    }
}
