import FaultRayCore
import Testing

@Suite("Layered layout")
struct LayeredLayoutTests {
    @Test func callersSitAboveTheirDependenciesAtTheLongestPath() {
        // 0 → 1 → 2, and 0 → 2 directly: 2 is on layer 2 (the longest path), not 1.
        let layout = LayeredLayout(count: 4, edges: [(0, 1), (1, 2), (0, 2), (3, 2)])
        #expect(layout.layer == [0, 1, 2, 0])
        #expect(layout.layerCount == 3)
        #expect(layout.y == [0, 1, 2, 0])
        // Each row is centred on 0.
        #expect(layout.x[0] + layout.x[3] == 0 && layout.x[0] != layout.x[3])
        #expect(layout.x[1] == 0 && layout.x[2] == 0)
    }

    @Test func cyclesAreBrokenAndEveryNodeIsPlacedOnce() {
        let layout = LayeredLayout(count: 3, edges: [(0, 1), (1, 2), (2, 0), (1, 1), (0, 7)])
        #expect(layout.layer == [0, 1, 2])
        let places = Set(zip(layout.x, layout.y).map { "\($0),\($1)" })
        #expect(places.count == 3)
    }

    @Test func aWideLayerWrapsOntoRowsAndTheSameGraphGivesTheSameLayout() {
        let edges = (1...100).map { (from: 0, to: $0) }
        let layout = LayeredLayout(count: 101, edges: edges, rowWidth: 40)
        #expect(layout.layerCount == 2)
        #expect(Set(layout.y[1...]) == [1, 2, 3])
        #expect(layout.y[1...].filter { $0 == 3 }.count == 20)
        #expect(layout.x.allSatisfy { abs($0) <= 19.5 })
        #expect(LayeredLayout(count: 101, edges: edges, rowWidth: 40) == layout)
    }

    @Test func neighboursAreOrderedByTheirCallers() {
        // 0 calls 3, 1 calls 2: the barycentre sweep puts 3 under 0 (left) and 2 under 1 (right).
        let layout = LayeredLayout(count: 4, edges: [(0, 3), (1, 2)])
        #expect(layout.x[0] < layout.x[1])
        #expect(layout.x[3] < layout.x[2])
    }

    /// A large model is laid out whole and the same way twice (how fast is measured by the dashboard
    /// benchmark in the README, not asserted here).
    @Test func tenThousandComponentsAreLaidOutWholeAndDeterministically() {
        let model = ModelGenerator.generate(components: 10_000, seed: 11)
        let graph = CompiledGraph(model)
        let edges = (0..<graph.edgeSource.count).map { (from: Int(graph.edgeSource[$0]), to: Int(graph.edgeTarget[$0])) }
        let layout = LayeredLayout(count: graph.count, edges: edges)
        #expect(layout.x.count == 10_000)
        #expect(layout.x.allSatisfy { $0.isFinite })
        #expect(LayeredLayout(count: graph.count, edges: edges) == layout)
    }
}
