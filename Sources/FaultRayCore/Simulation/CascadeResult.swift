import Foundation
/// A component's final state in a cascade.
public struct AffectedComponent: Codable, Sendable, Equatable {
    public var id: String
    public var health: Health
    public var reason: String
    /// Simulated seconds after the fault when it reached this health (to the millisecond).
    public var timeSeconds: Double
    /// The dependency whose failure caused this, or nil for an injected fault.
    public var causedBy: String?
}

/// Components whose health changed at one simulated time; wave 0 holds the injected faults.
public struct Wave: Codable, Sendable, Equatable {
    public var wave: Int
    public var timeSeconds: Double
    public var components: [AffectedComponent]
}

/// The outcome of one failure scenario, as the API and the CLI report it.
public struct CascadeResult: Codable, Sendable, Equatable {
    /// The failed component (ids joined with `+` when several fail).
    public var rootCause: String
    /// Distinct components the fault left worse than before it (components the model declares unhealthy
    /// count only if the fault makes them worse still).
    public var totalAffected: Int
    /// 0–10, see `RiskScore`.
    public var riskScore: Double
    public var severity: Severity
    public var waves: [Wave]
    /// `totalAffected / components`, in [0, 1].
    public var blastRadiusScore: Double
    public var recoveryTimeEstimate: String
    /// From the failed components' MTTR, or their failover switchover time.
    public var recoveryTimeMinutes: Double
    /// Annual probability of this failure happening, from the availability model.
    public var likelihood: Double
    /// Expected minutes per year of entry-point outage from this failure: outages per year × recovery
    /// time × share of entry-point impact.
    public var expectedAnnualImpactMinutes: Double

    /// Bucket text of a recovery time.
    public static func estimate(minutes: Double) -> String {
        switch minutes {
        case ..<5: return "< 5 minutes"
        case ..<15: return "5-15 minutes"
        case ...30: return "15-30 minutes"
        case ...60: return "30-60 minutes"
        case ...240: return "1-4 hours"
        default: return "> 4 hours"
        }
    }
}

/// The compact outcome used by full runs: final health of each affected component, in input order.
public struct CascadeOutcome: Sendable, Equatable {
    public var affected: [(node: Int32, health: Health)]
    public var riskScore: Double

    public static func == (lhs: CascadeOutcome, rhs: CascadeOutcome) -> Bool {
        lhs.riskScore == rhs.riskScore && lhs.affected.count == rhs.affected.count
            && zip(lhs.affected, rhs.affected).allSatisfy { $0.node == $1.node && $0.health == $1.health }
    }

    /// The severity of this outcome (`RiskScore.severity`).
    public func severity(in graph: CompiledGraph) -> Severity { RiskScore.severity(risk: riskScore, affected, in: graph) }

    /// Worst-of two outcomes, component by component (the outcome of both failures together, unless a
    /// redundancy group or a fallback couples them: `FullRun` simulates those pairs).
    public func joined(with other: CascadeOutcome, in graph: CompiledGraph) -> CascadeOutcome {
        var merged: [(node: Int32, health: Health)] = []
        merged.reserveCapacity(affected.count + other.affected.count)
        var a = 0, b = 0
        while a < affected.count || b < other.affected.count {
            if b == other.affected.count || (a < affected.count && affected[a].node < other.affected[b].node) {
                merged.append(affected[a]); a += 1
            } else if a == affected.count || other.affected[b].node < affected[a].node {
                merged.append(other.affected[b]); b += 1
            } else {
                merged.append((affected[a].node, max(affected[a].health, other.affected[b].health))); a += 1; b += 1
            }
        }
        return CascadeOutcome(affected: merged, riskScore: RiskScore.score(merged, in: graph))
    }
}

extension CascadeEngine {
    /// Simulates `faults` and reports the full result with waves and reasons.
    public func simulate(_ faults: [Fault], availability: AvailabilityModel? = nil, workspace: CascadeWorkspace? = nil) -> CascadeResult {
        let ws = workspace ?? CascadeWorkspace(count: graph.count)
        propagate(faults, in: ws)
        let components = graph.model.components
        let nodes = ws.touched.map(Int.init).sorted()
        var waveZero: [AffectedComponent] = []
        var later: [Double: [AffectedComponent]] = [:]
        var affected: [(node: Int32, health: Health)] = []
        for i in nodes {
            let isSeed = ws.causeNode[i] < 0 && ws.seedReason[i] >= 0
            if isWorse(i, in: ws) { affected.append((Int32(i), ws.health[i])) }
            guard ws.health[i] > .healthy || isSeed else { continue }
            let time = Format.round(ws.time[i], places: 3)
            let entry = AffectedComponent(
                id: components[i].id, health: ws.health[i], reason: reason(i, ws),
                timeSeconds: time, causedBy: isSeed ? nil : components[Int(ws.causeNode[i])].id)
            if isSeed { waveZero.append(entry) } else { later[time, default: []].append(entry) }
        }
        var waves = [Wave(wave: 0, timeSeconds: 0, components: waveZero)]
        for (number, time) in later.keys.sorted().enumerated() {
            waves.append(Wave(wave: number + 1, timeSeconds: time, components: later[time]!))
        }
        let risk = RiskScore.score(affected, in: graph)
        let availability = availability ?? AvailabilityModel(graph: graph)
        var recovery = 0.0
        var targets: [String] = []
        for seed in ws.seeds where seed.cause == .injected {
            let component = components[seed.node]
            if !targets.contains(component.id) { targets.append(component.id) }
            guard seed.health > .healthy else { continue }
            let minutes = seed.failsOver && seed.health == .down
                ? component.switchoverSeconds / 60 : component.operationalProfile.mttrMinutes
            recovery = max(recovery, minutes)
        }
        let targeted = Array(Set(faults.map(\.target).filter { graph.model.components.indices.contains($0) })).sorted()
        let rate = targeted.isEmpty ? 0 : availability.overlapRate(of: targeted)
        let probability = 1 - exp(-rate)
        let entryImpact = graph.totalEntryWeight > 0
            ? graph.entryPoints.reduce(0.0) { $0 + RiskScore.weight(ws.health[Int($1)]) * graph.entryWeight[Int($1)] } / graph.totalEntryWeight : 0
        return CascadeResult(
            rootCause: targets.isEmpty ? faults.map(\.kind.name).joined(separator: "+") : targets.joined(separator: "+"),
            totalAffected: affected.count,
            riskScore: risk,
            severity: RiskScore.severity(risk: risk, affected, in: graph),
            waves: waves,
            blastRadiusScore: graph.count == 0 ? 0 : Format.round(Double(affected.count) / Double(graph.count), places: 2),
            recoveryTimeEstimate: CascadeResult.estimate(minutes: recovery),
            recoveryTimeMinutes: Format.round(recovery, places: 1),
            likelihood: Format.round(probability, places: 6),
            expectedAnnualImpactMinutes: Format.round(rate * recovery * entryImpact, places: 2))
    }

    /// Simulates `faults` and reports only final healths and risk (for full runs).
    public func outcome(_ faults: [Fault], workspace ws: CascadeWorkspace) -> CascadeOutcome {
        propagate(faults, in: ws)
        var affected: [(node: Int32, health: Health)] = []
        for node in ws.touched where isWorse(Int(node), in: ws) { affected.append((node, ws.health[Int(node)])) }
        affected.sort { $0.node < $1.node }
        return CascadeOutcome(affected: affected, riskScore: RiskScore.score(affected, in: graph))
    }

    /// A wait in words: `12 ms`, `2.5 s`, `forever (no timeout)`.
    static func wait(_ ms: Double) -> String {
        guard ms.isFinite else { return "forever (no timeout)" }
        return ms < 1000 ? "\(Format.number(ms)) ms" : "\(Format.number(ms / 1000)) s"
    }

    private func reason(_ i: Int, _ ws: CascadeWorkspace) -> String {
        if ws.causeNode[i] < 0 { return ws.seeds[Int(ws.seedReason[i])].reason }
        let source = graph.model.components[Int(ws.causeNode[i])]
        let component = graph.model.components[i]
        switch ws.cause[i] {
        case .requiresDown:
            return "Requires \(source.name), which fails: requests fail after \(Self.wait(ws.latency[i]))"
        case .circuitBreaker:
            return "Circuit breaker to \(source.name) opened: calls fail fast, and nothing serves in its place"
        case .fallback:
            let cost = graph.model.dependencies[Int(ws.causeEdge[i])].fallback.latencyMs
            return "\(source.name) fails: its fallback serves in its place" + (cost == nil ? "" : ", answers \(Self.wait(ws.latency[i])) slower")
        case .latency:
            return "\(source.name) answers \(Self.wait(ws.latency[i])) slower, within this component's timeout: so does this component"
        case .fallbackLoad:
            return "\(source.name) fails: fallbacks move \(Format.percent(ws.extraLoad[i])) of load here (load \(Format.percent(graph.load[i])) -> \(Format.percent(graph.load[i] + ws.extraLoad[i])))"
        case .retryLoad:
            let attempts = graph.model.dependencies[Int(ws.causeEdge[i])].retryStrategy.attempts
            return "Calls from \(source.name) time out and are retried: \(attempts)x its load (\(Format.percent(graph.load[i] * Double(attempts))))"
        case .groupDegraded:
            return "\(source.name) is down: the rest of its redundancy group serves"
        case .groupLost:
            return "\(source.name) is down: too few of its redundancy group remain"
        case .loadShift:
            return "\(source.name) is down: its share of the group's load moved here"
        case .failover:
            return "\(source.name) is failing over to its standby (\(Format.number(source.switchoverSeconds))s switchover)"
        case .overloadSpill:
            return "\(source.name) is overloaded and this component already runs at \(Format.percent(graph.load[i])) load"
        case .slowdown:
            return "\(source.name) is \(ws.sent[Int(ws.causeNode[i])].name): responses slow down"
        case .optionalDown:
            return "Optional dependency \(source.name) is down: reduced functionality"
        case .asyncDown:
            return "Async dependency \(source.name) is down: its queue backs up"
        case .injected, .declared:
            return ws.seeds[Int(ws.seedReason[i])].reason
        }
    }
}
