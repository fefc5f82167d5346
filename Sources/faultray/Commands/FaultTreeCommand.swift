import ArgumentParser
import FaultRayCore
import Foundation

struct FaultTreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fault-tree",
        abstract: "Write the entry points' structure function as an Open-PSA MEF fault tree (for SCRAM and other PRA tools).",
        discussion: """
        Each entry point gets a top gate `top-<id>`. Basic events are instance-level: a component of n replicas \
        that is lost when r of them are down is n basic events (each instance's unavailability, MTTR / (MTBF + MTTR)) \
        under an `atleast min="r"` gate; an external service, a failover standby and a zone or region outage are one \
        basic event each, a domain shared by everything placed in it. Redundancy groups are `atleast` gates, a failover \
        pair and a dependency with its fallback are `and` gates. The top-event probabilities equal FaultRay's \
        availability figures without the switchover time. See docs/open-psa.md.

        Check it with SCRAM:  scram --bdd --probability true -l 3 -o report.xml tree.xml
        """)

    @Argument(help: "The model file (YAML or JSON).")
    var file: String

    @Option(name: .customLong("entry"), help: ArgumentHelp("An entry point to export (repeatable); default: every entry point.", valueName: "id"))
    var entries: [String] = []

    @Option(help: "The output format: open-psa (the Open-PSA Model Exchange Format, XML).")
    var format: Format = .openPSA

    @Option(help: ArgumentHelp("Write the document to this file instead of standard output.", valueName: "path"))
    var output: String?

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case openPSA = "open-psa"
    }

    func run() throws {
        let graph = CompiledGraph(try loadModel(file))
        let components = graph.model.components
        let entryIDs = graph.entryPoints.map { components[Int($0)].id }
        var selected: [Int] = []
        for id in entries {
            guard let index = graph.index(of: id), graph.isEntryPoint[index] else {
                let known = graph.index(of: id) == nil ? "No component '\(id)'\(Suggestion.hint(for: id, among: entryIDs))" : "'\(id)' is not an entry point (something depends on it)"
                throw failure("\(known). The entry points are: \(entryIDs.joined(separator: ", ")).")
            }
            if !selected.contains(index) { selected.append(index) }
        }
        if selected.isEmpty { selected = graph.entryPoints.map(Int.init) }
        let document = OpenPSA.export(FaultTree(graph: graph), entries: selected)
        guard let output else {
            print(document, terminator: "")
            return
        }
        do {
            try Data(document.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw failure("cannot write \(output): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data("wrote the fault tree of \(selected.count) entry point\(selected.count == 1 ? "" : "s") to \(output)\n".utf8))
    }
}
