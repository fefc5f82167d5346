/// The availability of the paths to a component, from the reliability model.
extension InfrastructureChat {
    /// For each component: every entry point it is reached from through dependencies of any type, with
    /// the shortest such path, the entry point's availability (`ReliabilityModel.entries`) and whether
    /// the entry point goes down when the component does (the cascade engine), and the component with
    /// everything it requires, evaluated on the reliability model's fault tree.
    func paths(_ indices: [Int]) -> [ChatPathAvailability] {
        guard !indices.isEmpty else { return [] }
        let reliability = assessment.availability.reliability
        let tree = reliability.tree
        let evaluator = Evaluator(tree: tree, budget: ReliabilityModel.defaultNodeBudget, forceMonteCarlo: false,
                                  samples: ReliabilityModel.defaultSamples, seed: 1)
        return indices.map { i in
            let cascade = assessment.engine.simulate([Fault(.componentDown, target: i)], availability: assessment.availability)
            let down = Set(cascade.waves.flatMap(\.components).filter { $0.health == .down }.map(\.id))
            let entries = reliability.entries.compactMap { entry -> ChatPathEntry? in
                guard let path = shortestPath(from: entry.entry, to: i) else { return nil }
                let id = components[entry.entry].id
                return ChatPathEntry(entry: id, path: path.map { components[$0].id }, availability: AvailabilityFigures(availability: entry.availability),
                                     needsComponent: entry.entry == i || down.contains(id))
            }
            let own = evaluator.evaluate(tree.componentNode[i], entry: i)
            return ChatPathAvailability(component: components[i].id, entryPoints: entries, withDependencies: AvailabilityFigures(availability: own.availability))
        }
    }

    /// One component's paths in words.
    func describe(_ p: ChatPathAvailability) -> String {
        let figure = { (a: AvailabilityFigures) in "**\(Format.number(a.percent, places: 4))%** (\(Format.number(a.nines, places: 2)) nines)" }
        let own = "\(Markdown.code(p.component)) with everything it requires: \(figure(p.withDependencies))."
        guard !p.entryPoints.isEmpty else { return "\(Markdown.code(p.component)) is not reached from any entry point. \(own)" }
        return p.entryPoints.map { e in
            let chain = e.path.map(Markdown.code).joined(separator: " → ")
            if e.entry == p.component {
                return "\(Markdown.code(e.entry)) is an entry point: its availability from the reliability model is \(figure(e.availability))."
            }
            let share = e.needsComponent
                ? "\(Markdown.code(e.entry)) goes down when \(Markdown.code(p.component)) does, so the path's availability is the entry point's: \(figure(e.availability)) from the reliability model."
                : "\(Markdown.code(e.entry)) stays up without \(Markdown.code(p.component)) (degraded), at \(figure(e.availability)); requests that need \(Markdown.code(p.component)) get at most the lower of that and the figure below."
            return "The path to \(Markdown.code(p.component)) from entry point \(Markdown.code(e.entry)): \(chain). \(share)"
        }.joined(separator: "\n\n") + " " + own
    }

    /// The shortest chain of dependencies from `source` to `target`, both included, or nil.
    private func shortestPath(from source: Int, to target: Int) -> [Int]? {
        let graph = assessment.graph
        var parent = [Int: Int]()
        var queue = [source], seen: Set = [source], k = 0
        while k < queue.count {
            let node = queue[k]
            k += 1
            if node == target {
                var path = [node]
                while let p = parent[path[0]] { path.insert(p, at: 0) }
                return path
            }
            for (next, _) in graph.dependenciesOf(node) where seen.insert(next).inserted {
                parent[next] = node
                queue.append(next)
            }
        }
        return nil
    }
}
