import FaultRayCore
import Foundation

// Times the engine on generated models: `swift run -c release faultray-bench [--sizes 1000,100000] [--json] [--pairs-up-to N]
// [--order3-up-to N]` (minimal cut sets up to order 3 only for models of at most N components; -1 in the row otherwise).
// `--import [--terraform-resources 10000] [--kubernetes-manifests 1000]` times the importers instead.

var sizes = [1_000, 100_000]
var asJSON = false
var pairsUpTo = 2_000
var order3UpTo = 1_000
var importOnly = false
var terraformResources = 10_000
var kubernetesManifests = 1_000
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--sizes": sizes = (arguments.next() ?? "").split(separator: ",").compactMap { Int($0) }
    case "--json": asJSON = true
    case "--pairs-up-to": pairsUpTo = Int(arguments.next() ?? "") ?? pairsUpTo
    case "--order3-up-to": order3UpTo = Int(arguments.next() ?? "") ?? order3UpTo
    case "--import": importOnly = true
    case "--terraform-resources": terraformResources = Int(arguments.next() ?? "") ?? terraformResources
    case "--kubernetes-manifests": kubernetesManifests = Int(arguments.next() ?? "") ?? kubernetesManifests
    default:
        FileHandle.standardError.write(Data("usage: faultray-bench [--sizes 1000,100000] [--json] [--pairs-up-to N] [--order3-up-to N] | --import [--terraform-resources N] [--kubernetes-manifests N] [--json]\n".utf8))
        exit(2)
    }
}

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The process's peak resident memory. Linux's `VmHWM` starts afresh when `swift run` hands over to the
/// benchmark (`ru_maxrss` would include the package manager's own peak); elsewhere, `ru_maxrss`.
func peakMemoryMB() -> Double {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") {
        return kilobytes / 1024
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

if importOnly {
    try runImportBenchmark(terraformResources: terraformResources, kubernetesManifests: kubernetesManifests, asJSON: asJSON)
    exit(0)
}

var rows: [[String: Double]] = []
for size in sizes {
    let yaml = ModelGenerator.generate(components: size, seed: 42).yaml()
    var model = InfrastructureModel()
    let load = try seconds { model = try ModelLoader.load(text: yaml) }
    var graph: CompiledGraph!
    let compile = seconds { graph = CompiledGraph(model) }
    var assessment: Assessment!
    let assess = seconds { assessment = Assessment(graph: graph) }
    var rng = SeededRandom(seed: 7)
    let ws = CascadeWorkspace(count: graph.count)
    var latencies: [Double] = []
    for _ in 0..<1_000 {
        let target = Int.random(in: 0..<graph.count, using: &rng)
        latencies.append(seconds { _ = assessment.engine.simulate([Fault(.componentDown, target: target)], availability: assessment.availability, workspace: ws) })
    }
    latencies.sort()
    var run = FullRun(assessment)
    run.includePairs = size <= pairsUpTo
    var report: FullRunReport!
    let full = seconds { report = run.run() }
    /// Minimal cut sets of every entry point up to `order`, from the assessment's fault tree.
    func cutSets(order: Int) -> (seconds: Double, count: Int) {
        var count = 0
        let time = seconds {
            var finder = CutSetFinder(tree: assessment.availability.reliability.tree, maxOrder: order)
            for entry in graph.entryPoints { count += finder.cutSets(of: assessment.availability.reliability.tree.componentNode[Int(entry)]).count }
        }
        return (time, count)
    }
    let order2 = cutSets(order: 2)
    let order3 = size <= order3UpTo ? cutSets(order: 3) : (seconds: -1, count: -1)
    rows.append([
        "components": Double(size), "parse_validate_s": load, "compile_s": compile, "score_availability_s": assess,
        "single_failure_p50_ms": latencies[latencies.count / 2] * 1000, "single_failure_p99_ms": latencies[latencies.count * 99 / 100] * 1000,
        "full_run_s": full, "scenarios_generated": Double(report.generated), "scenarios_run": Double(report.run),
        "scenarios_skipped": Double(report.skipped), "entry_points": Double(graph.entryPoints.count),
        "cut_sets_order2_s": order2.seconds, "cut_sets_order2": Double(order2.count),
        "cut_sets_order3_s": order3.seconds, "cut_sets_order3": Double(order3.count), "peak_memory_mb": peakMemoryMB(),
    ])
}
if asJSON {
    let data = try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
} else {
    print("components | parse+validate | compile | score+availability | single p50 / p99 | full run (generated / run / skipped) | cut sets ≤ 2 | cut sets ≤ 3 | peak memory")
    for r in rows {
        print(String(format: "%ld | %.3f s | %.3f s | %.3f s | %.3f / %.3f ms | %.2f s (%ld / %ld / %ld) | %.2f s (%ld) | %.2f s (%ld) | %.0f MB",
                     Int(r["components"]!), r["parse_validate_s"]!, r["compile_s"]!, r["score_availability_s"]!,
                     r["single_failure_p50_ms"]!, r["single_failure_p99_ms"]!, r["full_run_s"]!,
                     Int(r["scenarios_generated"]!), Int(r["scenarios_run"]!), Int(r["scenarios_skipped"]!),
                     r["cut_sets_order2_s"]!, Int(r["cut_sets_order2"]!), r["cut_sets_order3_s"]!, Int(r["cut_sets_order3"]!), r["peak_memory_mb"]!))
    }
}
