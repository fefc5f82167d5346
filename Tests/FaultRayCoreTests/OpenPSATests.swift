import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FaultRayCore

/// Debian's `scram` (an open-source probabilistic risk analysis tool reading Open-PSA MEF), if installed.
enum ScramTool {
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        return (directories + ["/usr/bin"]).map { $0 + "/scram" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
    static var available: Bool { path != nil }
    /// `FAULTRAY_REQUIRE_TOOLS=1` (CI): a missing tool is a failure, not a skip.
    static var required: Bool { ProcessInfo.processInfo.environment["FAULTRAY_REQUIRE_TOOLS"] == "1" }

    /// Records an issue and returns nil when the tool is required but missing.
    static func require() -> String? {
        if path == nil { Issue.record("scram is not installed but FAULTRAY_REQUIRE_TOOLS=1 (apt-get install -y scram)") }
        return path
    }

    /// What SCRAM reports for one top gate: its exact (BDD) probability, its products (minimal cut sets)
    /// and, with importance, each basic event's Birnbaum (MIF) and criticality (CIF) importance.
    struct Result {
        var probability: Double
        var probabilityText: String
        var products: Set<[String]>
        var importance: [String: (mif: Double, cif: Double)] = [:]
    }

    /// Runs `scram --bdd --probability true [--importance true] -l ORDER` on a document and parses the report.
    static func analyse(_ document: String, maxOrder: Int = 3, importance: Bool = false) throws -> [String: Result] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-scram-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("tree.xml"), output = directory.appendingPathComponent("out.xml")
        let log = directory.appendingPathComponent("scram.log")
        try Data(document.utf8).write(to: input)
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = ["--bdd", "--probability", "true"] + (importance ? ["--importance", "true"] : [])
            + ["-l", "\(maxOrder)", "-o", output.path, input.path]
        process.currentDirectoryURL = directory
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        process.waitUntilExit()
        try logHandle.close()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw ScramError(message: "scram exited with \(process.terminationStatus): \(message)")
        }
        let parser = XMLParser(data: try Data(contentsOf: output))
        let reader = ReportReader()
        parser.delegate = reader
        guard parser.parse() else { throw ScramError(message: "unreadable SCRAM report: \(parser.parserError.map { "\($0)" } ?? "?")") }
        return reader.results
    }

    struct ScramError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Reads `<sum-of-products name= probability=>` with its `<product>`s of `<basic-event name=>`, and
    /// `<importance name=>` with its `<basic-event name= MIF= CIF=>`.
    final class ReportReader: NSObject, XMLParserDelegate {
        var results: [String: Result] = [:]
        private var top: String?
        private var product: [String]?
        private var importance: String?

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch element {
            case "sum-of-products":
                let name = attributes["name"] ?? ""
                top = name
                let text = attributes["probability"] ?? "nan"
                results[name] = Result(probability: Double(text) ?? .nan, probabilityText: text, products: [])
            case "product" where top != nil: product = []
            case "basic-event" where product != nil: product!.append(attributes["name"] ?? "")
            case "importance" where attributes["name"] != nil: importance = attributes["name"]
            case "basic-event" where importance != nil:
                results[importance!, default: Result(probability: .nan, probabilityText: "", products: [])]
                    .importance[attributes["name"] ?? ""] = (Double(attributes["MIF"] ?? "") ?? .nan, Double(attributes["CIF"] ?? "") ?? .nan)
            case "not" where product != nil: product!.append("NOT")  // never expected: the trees are coherent
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            switch element {
            case "sum-of-products": top = nil
            case "importance": importance = nil
            case "product":
                if let top, let product { results[top]!.products.insert(product.sorted()) }
                product = nil
            default: break
            }
        }
    }
}

/// A FaultRay cut set at the instance level, by the exporter's basic-event names: an event "r of the n
/// instances of c" becomes every r of c's instance events.
func instanceLevel(_ cutSet: CutSet, tree: FaultTree, names: OpenPSA.Names) -> Set<[String]> {
    var sets: [[String]] = [[]]
    for e in cutSet.events {
        let basic = names.basicEvents[Int(e)]
        var choices: [[String]] = []
        if case .instances(_, let r, let n) = tree.events[Int(e)].kind, n > 1 {
            CutSetFinder.forEachSubset(of: basic.count, size: r) { choices.append($0.map { basic[$0] }) }
        } else {
            choices = [basic]
        }
        sets = sets.flatMap { set in choices.map { set + $0 } }
    }
    return Set(sets.map { $0.sorted() })
}

/// What one comparison with SCRAM covered.
struct ScramComparison {
    var entries = 0
    var cutSets = 0
    var maxRelativeDifference = 0.0
    var importances = 0
    var maxImportanceRelativeDifference = 0.0
}

/// Whether FaultRay's `ours` equals SCRAM's six-significant-digit `scram`: within half a unit of the last
/// printed digit, and 1e-9 relative beyond it.
func agreesWithPrinted(_ ours: Double, _ scram: Double) -> Bool {
    let lastDigit = scram > 0 ? pow(10, log10(scram).rounded(.down) - 5) : 0
    return abs(ours - scram) <= lastDigit / 2 + 1e-9 * abs(ours) + 1e-300
}

/// Exports every entry point of a model, runs SCRAM, and checks each top-event probability, the minimal
/// cut sets up to order 3 and (with `importance`) every basic event's Birnbaum and criticality importance
/// against FaultRay's.
@discardableResult
func compareWithScram(_ model: InfrastructureModel, label: String, maxOrder: Int = 3, importance: Bool = true) throws -> ScramComparison {
    let graph = CompiledGraph(model)
    let reliability = ReliabilityModel(graph: graph)
    let tree = reliability.tree
    let names = OpenPSA.Names(tree: tree)
    let entries = graph.entryPoints.map(Int.init)
    let document = OpenPSA.export(tree, entries: entries)
    if let dump = ProcessInfo.processInfo.environment["FAULTRAY_OPENPSA_DUMP"] {
        try? Data(document.utf8).write(to: URL(fileURLWithPath: dump).appendingPathComponent(OpenPSA.sanitize(label) + ".xml"))
    }
    let report = try ScramTool.analyse(document, maxOrder: maxOrder, importance: importance)
    var comparison = ScramComparison()
    var finder = CutSetFinder(tree: tree, maxOrder: maxOrder)
    for (entry, figures) in zip(entries, reliability.entries) {
        let id = model.components[entry].id
        let top = names.tops[entry]
        guard let scram = report[top] else {
            Issue.record("\(label): SCRAM reports nothing for \(top) (entry \(id))")
            continue
        }
        comparison.entries += 1
        #expect(figures.method == .exact, "\(label) \(id): not evaluated exactly")
        // FaultRay's figure includes the time spent switching over, which is not a basic event.
        let ours = figures.unavailability - figures.switchoverUnavailability
        let difference = abs(ours - scram.probability)
        let relative = difference / max(abs(ours), .leastNormalMagnitude)
        comparison.maxRelativeDifference = max(comparison.maxRelativeDifference, ours == 0 && scram.probability == 0 ? 0 : relative)
        // SCRAM prints six significant digits.
        #expect(agreesWithPrinted(ours, scram.probability),
                "\(label) \(id): SCRAM \(scram.probabilityText), FaultRay \(ours) (relative difference \(relative))")

        if importance {
            // Birnbaum of each basic event. FaultRay's event "r of the n instances" is one event; each
            // instance's Birnbaum is the event's times dP(event)/dq = C(n-1, r-1) q^(r-1) (1-q)^(n-r).
            // FaultRay's Fussell–Vesely (q × Birnbaum / P) is SCRAM's criticality importance (CIF). SCRAM lists
            // the events of its products (up to the order limit) only.
            let birnbaum = Dictionary(uniqueKeysWithValues: figures.contributions.map { (Int($0.event), $0.birnbaum) })
            for (e, event) in tree.events.enumerated() {
                var mif = birnbaum[e] ?? 0, q = event.probability
                if case .instances(let c, let r, let n) = event.kind, n > 1 {
                    q = FaultTree.instanceUnavailability(model.components[c])
                    mif *= FaultTree.binomialTerm(n - 1, r - 1, q)
                }
                let cif = ours > 0 ? q * mif / ours : 0
                for name in names.basicEvents[e] {
                    guard let theirs = scram.importance[name] else { continue }
                    comparison.importances += 1
                    if mif > 0 { comparison.maxImportanceRelativeDifference = max(comparison.maxImportanceRelativeDifference, abs(mif - theirs.mif) / mif) }
                    #expect(agreesWithPrinted(mif, theirs.mif) || abs(mif - theirs.mif) < 1e-15,
                            "\(label) \(id) \(name): Birnbaum SCRAM \(theirs.mif), FaultRay \(mif)")
                    #expect(agreesWithPrinted(cif, theirs.cif) || abs(cif - theirs.cif) < 1e-12,
                            "\(label) \(id) \(name): criticality SCRAM \(theirs.cif), FaultRay \(cif)")
                }
            }
        }

        let cutSets = finder.cutSets(of: tree.componentNode[entry])
        #expect(!finder.truncated)
        var expected = Set<[String]>()
        for cutSet in cutSets { expected.formUnion(instanceLevel(cutSet, tree: tree, names: names)) }
        comparison.cutSets += expected.count
        let missing = expected.subtracting(scram.products), extra = scram.products.subtracting(expected)
        #expect(missing.isEmpty && extra.isEmpty,
                "\(label) \(id): FaultRay only \(missing.sorted { $0.lexicographicallyPrecedes($1) }.prefix(10)), SCRAM only \(extra.sorted { $0.lexicographicallyPrecedes($1) }.prefix(10))")
    }
    #expect(comparison.entries == entries.count)
    return comparison
}

/// A small random model with what the reliability model knows about: zones and regions, failover
/// standbys placed elsewhere, external services, redundancy groups, fallbacks, and varied MTBF/MTTR.
func randomReliabilityModel(seed: UInt64, size: Int = 10, edges: Int = 16) -> InfrastructureModel {
    var model = randomModel(seed: seed, size: size, edges: edges)
    var rng = SeededRandom(seed: seed &* 7919 &+ 17)
    let zones = [("z1a", "r1"), ("z1b", "r1"), ("z2a", "r2")]
    model.failureDomains.zone = DomainOutageRate(outagesPerYear: Double(Int.random(in: 1...20, using: &rng)), meanOutageHours: 4)
    model.failureDomains.region = DomainOutageRate(outagesPerYear: Double(Int.random(in: 0...6, using: &rng)), meanOutageHours: 8)
    for i in model.components.indices {
        var c = model.components[i]
        switch Int.random(in: 0..<4, using: &rng) {
        case 0, 1:
            let (zone, region) = zones[Int.random(in: 0..<zones.count, using: &rng)]
            c.region.availabilityZone = zone
            c.region.region = region
        case 2: c.region.region = ["r1", "r2"][Int.random(in: 0..<2, using: &rng)]
        default: break
        }
        if c.failover.enabled, Bool.random(using: &rng) {
            let (zone, region) = zones[Int.random(in: 0..<zones.count, using: &rng)]
            c.failover.standbyZone = zone
            c.failover.standbyRegion = region
        }
        if Int.random(in: 0..<6, using: &rng) == 0 {
            var sla = ExternalSLA()
            sla.providerSLA = [99.0, 99.5, 99.9, 99.99][Int.random(in: 0..<4, using: &rng)]
            c.externalSLA = sla
        }
        if Int.random(in: 0..<5, using: &rng) == 0 { c.replicas = Int.random(in: 4...5, using: &rng) }
        c.operationalProfile.mtbfHours = Double(Int.random(in: 50...5_000, using: &rng))
        c.operationalProfile.mttrMinutes = Double(Int.random(in: 5...600, using: &rng))
        model.components[i] = c
    }
    for e in model.dependencies.indices where model.dependencies[e].type == .requires && Int.random(in: 0..<5, using: &rng) == 0 {
        model.dependencies[e].fallback.enabled = true
        if Bool.random(using: &rng) { model.dependencies[e].fallback.target = "c\(Int.random(in: 0..<size, using: &rng))" }
        if model.dependencies[e].fallback.target == model.dependencies[e].source { model.dependencies[e].fallback.target = "" }
    }
    for i in model.components.indices where Int.random(in: 0..<3, using: &rng) == 0 {
        let id = model.components[i].id
        let targets = model.dependencies.filter { $0.source == id && !$0.fallback.enabled }.map(\.target)
        guard targets.count >= 2 else { continue }
        var group = RedundancyGroup()
        group.name = "g\(i)"
        group.members = Array(targets.prefix(Int.random(in: 2...min(4, targets.count), using: &rng)))
        group.minHealthy = Int.random(in: 1...group.members.count, using: &rng)
        model.components[i].redundancyGroups = [group]
    }
    return model
}

@Suite("Open-PSA export")
struct OpenPSATests {
    static let examples = ["demo.yaml", "web-shop.yaml", "multi-region-payments.yaml", "ai-support-agent.yaml", "original-demo.yaml"]

    @Test("names: letters, digits, _ and single -, never .")
    func sanitize() {
        #expect(OpenPSA.sanitize("api-gateway") == "api-gateway")
        #expect(OpenPSA.sanitize("db.primary") == "db_primary")
        #expect(OpenPSA.sanitize("--a--b--") == "a-b")
        #expect(OpenPSA.sanitize("cache (redis)/1") == "cache__redis__1")
        #expect(OpenPSA.sanitize("") == "_")
        #expect(OpenPSA.sanitize("café") == "caf_")
    }

    @Test("every name is a valid identifier and unique, even when ids collide once sanitised")
    func uniqueNames() throws {
        var model = InfrastructureModel()
        for id in ["a.b", "a_b", "A_B", "x", "x-1"] {
            var c = Component(id: id)
            c.replicas = id == "x" ? 2 : 1
            c.metrics.cpuPercent = 90
            model.components.append(c)
        }
        model.dependencies = [Dependency(source: "a.b", target: "x"), Dependency(source: "a_b", target: "x-1")]
        let tree = FaultTree(graph: CompiledGraph(model))
        let names = OpenPSA.Names(tree: tree)
        let all = names.basicEvents.flatMap { $0 } + names.instanceGate.compactMap { $0 } + names.gates
        #expect(Set(all.map { $0.lowercased() }).count == all.count)
        let identifier = try Regex("^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$")
        for name in all + names.tops { #expect(name.wholeMatch(of: identifier) != nil, "\(name)") }
        #expect(names.basicEvents[Int(tree.componentEvent[3])] == ["inst-x-1", "inst-x-2"])
        #expect(names.basicEvents[Int(tree.componentEvent[4])] == ["inst-x-1-2"])
    }

    @Test("the same model gives the same bytes; only what the requested entries reach is written", arguments: examples)
    func deterministic(name: String) throws {
        let model = try example(name)
        let graph = CompiledGraph(model)
        let entries = graph.entryPoints.map(Int.init)
        let a = OpenPSA.export(FaultTree(graph: graph), entries: entries)
        let b = OpenPSA.export(FaultTree(graph: CompiledGraph(try example(name))), entries: entries)
        #expect(a == b)
        #expect(XMLParser(data: Data(a.utf8)).parse())
        let identifier = try Regex("^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$")
        for match in a.matches(of: try Regex("name=\"([^\"]*)\"")) {
            let value = String(match.output[1].substring ?? "")
            #expect(value.wholeMatch(of: identifier) != nil || value == "FaultRay", "\(value)")
        }
        for entry in entries { #expect(a.contains("<define-gate name=\"top-\(OpenPSA.sanitize(model.components[entry].id))\">")) }
        let one = OpenPSA.export(FaultTree(graph: graph), entries: [entries[0]])
        #expect(one.components(separatedBy: "<define-gate").count <= a.components(separatedBy: "<define-gate").count)
        #expect(one.components(separatedBy: "name=\"top-").count == 2)
    }

    @Test("a 2-of-3 instance event is three basic events under atleast 2; a single child is written directly")
    func instanceEvents() throws {
        var model = InfrastructureModel()
        var app = Component(id: "app", type: .appServer)
        app.replicas = 3
        app.metrics.cpuPercent = 60  // two instances carry the load, so losing two of three takes it down
        app.operationalProfile.mtbfHours = 1000
        app.operationalProfile.mttrMinutes = 60
        var db = Component(id: "db", type: .database)
        db.operationalProfile.mtbfHours = 999
        db.operationalProfile.mttrMinutes = 60
        model.components = [Component(id: "lb", type: .loadBalancer), app, db]
        model.dependencies = [Dependency(source: "lb", target: "app"), Dependency(source: "app", target: "db")]
        let tree = FaultTree(graph: CompiledGraph(model))
        let xml = OpenPSA.export(tree, entries: [0])
        #expect(xml.contains("<atleast min=\"2\">\n        <basic-event name=\"inst-app-1\"/>\n        <basic-event name=\"inst-app-2\"/>\n        <basic-event name=\"inst-app-3\"/>\n      </atleast>"))
        #expect(xml.contains("<define-basic-event name=\"inst-app-2\">"))
        #expect(xml.contains("<float value=\"\(1.0 / 1001)\"/>"))
        #expect(xml.contains("<float value=\"\(1.0 / 1000)\"/>"))
        #expect(!xml.contains("<or>\n        <basic-event name=\"inst-db\"/>\n      </or>"))
        if ScramTool.available || ScramTool.required, ScramTool.require() != nil {
            let report = try ScramTool.analyse(xml)
            let q = 1.0 / 1001, qdb = 1.0 / 1000, ql = FaultTree.instanceUnavailability(model.components[0])
            let exact = 1 - (1 - ql) * (1 - qdb) * (1 - (3 * q * q * (1 - q) + q * q * q))
            let scram = try #require(report["top-lb"])
            #expect(abs(scram.probability - exact) / exact < 1e-5)
            #expect(scram.products == [["inst-lb"], ["inst-db"], ["inst-app-1", "inst-app-2"], ["inst-app-1", "inst-app-3"], ["inst-app-2", "inst-app-3"]])
        }
    }

    @Test("two members of a redundancy group that need each other count twice under atleast, written without repeats",
          .enabled(if: ScramTool.available || ScramTool.required, "scram not installed (apt-get install -y scram)"))
    func repeatedGroupMember() throws {
        guard ScramTool.require() != nil else { return }
        var model = InfrastructureModel()
        model.components = ["lb", "a", "b", "c", "d"].map { Component(id: $0) }
        var group = RedundancyGroup()
        group.members = ["a", "b", "c", "d"]
        group.minHealthy = 2  // down when 3 members are: a and b (down together) and c or d
        model.components[0].redundancyGroups = [group]
        model.dependencies = ["a", "b", "c", "d"].map { Dependency(source: "lb", target: $0) }
            + [Dependency(source: "a", target: "b"), Dependency(source: "b", target: "a")]
        let tree = FaultTree(graph: CompiledGraph(model))
        let xml = OpenPSA.export(tree, entries: [0])
        #expect(!xml.contains("<atleast"))
        #expect(xml.contains("<define-gate name=\"gate-lb-1-t2-1\">"))
        let result = try compareWithScram(model, label: "repeated member")
        #expect(result.entries == 1 && result.cutSets == 5)  // {lb}, {a, c}, {a, d}, {b, c}, {b, d}
    }

    @Test("cut sets: events shared by both sides of an and count once (found by the SCRAM comparison)")
    func sharedEventsCountOnce() {
        // A failover pair whose standby is in the primary's zone: the zone alone takes both sides.
        var model = InfrastructureModel()
        var db = Component(id: "db", type: .database)
        db.failover.enabled = true
        db.region.availabilityZone = "z1"
        model.components = [db]
        let tree = FaultTree(graph: CompiledGraph(model))
        let zone = Int32(tree.events.firstIndex { $0.kind == .domain(FailureDomain(.zone, "z1")) }!)
        var finder = CutSetFinder(tree: tree, maxOrder: 1)
        #expect(finder.cutSets(of: tree.componentNode[0]).map(\.events) == [[zone]])
        #expect(SinglePointsOfFailure(tree: tree).domains == [FailureDomain(.zone, "z1")])
    }

    @Test("SCRAM agrees on each example: top-event probability and every minimal cut set up to order 3",
          .enabled(if: ScramTool.available || ScramTool.required, "scram not installed (apt-get install -y scram)"),
          arguments: examples)
    func scramExamples(name: String) throws {
        guard ScramTool.require() != nil else { return }
        let result = try compareWithScram(try example(name), label: name)
        print("SCRAM \(name): \(result.entries) entry points, \(result.cutSets) cut sets, max relative difference \(result.maxRelativeDifference), "
              + "\(result.importances) importances, max relative difference \(result.maxImportanceRelativeDifference)")
    }

    @Test("SCRAM agrees on a generated 1,000-component model",
          .enabled(if: ScramTool.available || ScramTool.required, "scram not installed (apt-get install -y scram)"))
    func scramGenerated() throws {
        guard ScramTool.require() != nil else { return }
        let result = try compareWithScram(ModelGenerator.generate(components: 1_000, seed: 3), label: "generated 1000")
        print("SCRAM generated 1000: \(result.entries) entry points, \(result.cutSets) cut sets, max relative difference \(result.maxRelativeDifference), "
              + "\(result.importances) importances, max relative difference \(result.maxImportanceRelativeDifference)")
    }

    @Test("SCRAM agrees on seeded random models (zones, regions, failover, groups, fallbacks, cycles)",
          .enabled(if: ScramTool.available || ScramTool.required, "scram not installed (apt-get install -y scram)"),
          arguments: Array(UInt64(1)...50))
    func scramRandom(seed: UInt64) throws {
        guard ScramTool.require() != nil else { return }
        // Seeds above 40: larger models, more edges.
        let model = seed <= 40 ? randomReliabilityModel(seed: seed) : randomReliabilityModel(seed: seed, size: 18, edges: 34)
        let result = try compareWithScram(model, label: "random seed \(seed)")
        print("SCRAM random \(seed): \(result.entries) entry points, \(result.cutSets) cut sets, max relative difference \(result.maxRelativeDifference), "
              + "\(result.importances) importances, max relative difference \(result.maxImportanceRelativeDifference)")
    }
}
