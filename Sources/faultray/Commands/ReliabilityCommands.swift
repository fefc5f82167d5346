import ArgumentParser
import FaultRayCore
import Foundation

struct AvailabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "availability",
        abstract: "Each entry point's availability: with zone and region outages as common causes, independent-only, and fully working.",
        discussion: """
        Computed exactly on a decision diagram of each entry point's structure function; when that diagram grows \
        past its budget (or with --monte-carlo), by seeded Monte Carlo with a 95 % interval. The formulas are in \
        docs/reliability-model.md.
        """)

    @Argument(help: "The model file (YAML or JSON).")
    var file: String

    @Option(help: "Monte Carlo samples, when sampling is used.")
    var samples = ReliabilityModel.defaultSamples

    @Option(help: "Monte Carlo seed; the same seed gives the same figures.")
    var seed: UInt64 = 1

    @Flag(help: "Sample even where the exact figure can be computed (to cross-check it).")
    var monteCarlo = false

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard (100...100_000_000).contains(samples) else { throw ValidationError("--samples must be between 100 and 100000000") }
    }

    func run() throws {
        let graph = CompiledGraph(try loadModel(file))
        let report = AvailabilityReport(ReliabilityModel(graph: graph, samples: samples, seed: seed, forceMonteCarlo: monteCarlo))
        if json { return print(String(decoding: try WireJSON.encode(report), as: UTF8.self)) }
        for entry in report.entryPoints {
            let a = entry.availability
            print("\(entry.entry): \(a.percent)% (\(a.nines) nines, \(Format.number(a.annualDowntimeMinutes)) min/year down), \(entry.method)"
                  + (entry.samples.map { " over \($0) samples, 95 % interval \(entry.interval.lowPercent)–\(entry.interval.highPercent)%" } ?? ""))
            print("  independent only: \(entry.independent.percent)% (\(entry.independent.nines) nines); fully working: \(entry.fullyWorking.percent)%")
            for contributor in entry.topContributors {
                print("  \(Format.percent(contributor.fussellVesely * 100)) of the downtime: \(contributor.event.label)")
            }
        }
        if !report.unplacedComponents.isEmpty {
            print("\(report.unplacedComponents.count) components have no zone or region: no common-cause outage is counted for them.")
        }
    }
}

struct CutSetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cut-sets",
        abstract: "The minimal cut sets of each entry point: the sets of failures (instances, standbys, zones, regions) that together take it down.",
        discussion: "Order counts single instance and domain losses; an order-1 cut set is a single point of failure.")

    @Argument(help: "The model file (YAML or JSON).")
    var file: String

    @Option(help: "Largest order (1 to 4).")
    var maxOrder = 2

    @Option(help: "Only this entry point (a component nothing depends on).")
    var entry: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard CutSetReport.orderRange.contains(maxOrder) else { throw ValidationError("--max-order must be between 1 and 4") }
    }

    func run() throws {
        let graph = CompiledGraph(try loadModel(file))
        let reliability = ReliabilityModel(graph: graph)
        var entries = graph.entryPoints.map(Int.init)
        if let entry {
            guard let i = graph.index(of: entry), graph.isEntryPoint[i] else {
                throw failure("'\(entry)' is not an entry point; entry points: \(entries.map { graph.model.components[$0].id }.joined(separator: ", "))")
            }
            entries = [i]
        }
        let reports = entries.map { CutSetReport(reliability, entry: $0, maxOrder: maxOrder) }
        if json { return print(String(decoding: try WireJSON.encode(reports), as: UTF8.self)) }
        for report in reports {
            print("\(report.entry): \(report.total) minimal cut sets up to order \(report.maxOrder) (by order: \(report.countsByOrder.map(String.init).joined(separator: ", ")))")
            for set in report.cutSets.prefix(20) {
                print("  order \(set.order), \(Format.number(set.frequencyPerYear, places: 4))/year: " + set.events.map(\.label).joined(separator: " + "))
            }
        }
    }
}
