import Foundation
@testable import FaultRayCore

/// The repository's examples folder.
let examplesURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples")

func example(_ name: String) throws -> InfrastructureModel {
    try ModelLoader.load(contentsOf: examplesURL.appendingPathComponent(name))
}

/// Loads YAML text that must be invalid, returning its issues.
func issues(_ yaml: String) -> [ModelIssue] {
    do {
        _ = try ModelLoader.load(text: yaml, file: "test.yaml")
        return []
    } catch let error as ModelError {
        return error.issues
    } catch {
        return [ModelIssue(line: 0, column: 0, path: "", message: "unexpected \(error)")]
    }
}

/// A small random model, cycles allowed, for property tests.
func randomModel(seed: UInt64, size: Int = 12, edges: Int = 20, cycles: Bool = true) -> InfrastructureModel {
    var rng = SeededRandom(seed: seed)
    var model = InfrastructureModel()
    for i in 0..<size {
        var c = Component(id: "c\(i)", type: ComponentType.allCases[Int.random(in: 0..<ComponentType.allCases.count, using: &rng)])
        c.replicas = Int.random(in: 1...3, using: &rng)
        c.failover.enabled = Int.random(in: 0..<4, using: &rng) == 0
        c.autoscaling.enabled = Int.random(in: 0..<4, using: &rng) == 0
        c.autoscaling.maxReplicas = c.replicas * 2
        c.metrics.cpuPercent = Double(Int.random(in: 0...95, using: &rng))
        c.capacity.timeoutSeconds = Double(Int.random(in: 1...40, using: &rng))
        c.host = "h\(Int.random(in: 0..<4, using: &rng))"
        model.components.append(c)
    }
    var seen = Set<String>()
    for _ in 0..<edges {
        let a = Int.random(in: 0..<size, using: &rng), b = Int.random(in: 0..<size, using: &rng)
        guard a != b, cycles || a < b, seen.insert("\(a)-\(b)").inserted else { continue }
        var d = Dependency(source: "c\(a)", target: "c\(b)", type: DependencyType.allCases[Int.random(in: 0..<3, using: &rng)])
        d.circuitBreaker.enabled = Int.random(in: 0..<5, using: &rng) == 0
        model.dependencies.append(d)
    }
    return model
}

/// Components that can reach any of `targets` by following dependencies (including the targets).
func reverseReachable(_ graph: CompiledGraph, from targets: [Int]) -> Set<Int> {
    var seen = Set(targets), stack = targets
    while let i = stack.popLast() {
        for (d, _) in graph.dependentsOf(i) where seen.insert(d).inserted { stack.append(d) }
    }
    return seen
}
