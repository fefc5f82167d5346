/// The filters a `list_components` question asks for; all of them apply together.
///
/// - Replicas: "replica(s)"/"replicated"/"redundant"/"redundancy" means two or more replicas; preceded by a number it
///   means exactly that many ("one"/"single"/"1" mean exactly one); a negation ("no", "not",
///   "without", "missing", "lacking") in the two words before means exactly one.
/// - "failover" and "autoscaling"/"autoscaled": enabled, or disabled after a negation.
/// - A component type, singular or plural ("databases", "load balancers"): components of that type.
/// - "unhealthy": components the model declares degraded, overloaded or down.
/// - A zone or region the question names (`ChatQuestion.domains`): components placed in it.
struct ComponentFilter {
    var replicas: ClosedRange<Int>?
    var failover: Bool?
    var autoscaling: Bool?
    var type: ComponentType?
    var unhealthy = false
    var places: [FailureDomain] = []

    private static let negations: Set = ["no", "not", "without", "missing", "lacking", "non"]
    private static let numbers = ["one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5]

    init(_ q: ChatQuestion) {
        let words = q.words
        for (k, word) in words.enumerated() {
            let before = words[max(0, k - 2)..<k]
            let negated = !Self.negations.isDisjoint(with: before)
            switch word {
            case "replica", "replicas", "replicated", "redundant", "redundancy":
                if negated { replicas = 1...1 }
                else if let previous = before.last, let n = Int(previous) ?? Self.numbers[previous] { replicas = n...n }
                else { replicas = 2...Int.max }
            case "failover": failover = !negated
            case "autoscaling", "autoscaled": autoscaling = !negated
            case "unhealthy": unhealthy = true
            default: break
            }
        }
        places = q.domains.filter { $0.kind != .host }
        type = ComponentType.allCases.first { type in
            let singular = ChatQuestion.words(type.rawValue)
            return q.has(phrase: singular.joined(separator: " ")) || q.has(phrase: (singular.dropLast() + [singular.last! + "s"]).joined(separator: " "))
        }
    }

    var isEmpty: Bool { replicas == nil && failover == nil && autoscaling == nil && type == nil && !unhealthy && places.isEmpty }

    func matches(_ component: Component) -> Bool {
        (replicas?.contains(component.replicas) ?? true)
            && (failover.map { $0 == component.failover.enabled } ?? true)
            && (autoscaling.map { $0 == component.autoscaling.enabled } ?? true)
            && (type.map { $0 == component.type } ?? true)
            && (!unhealthy || component.health != .healthy)
            && (places.isEmpty || !Set(ChatQuestion.placement(component)).isDisjoint(with: places))
    }

    /// The filters in words, for the answer.
    var descriptions: [String] {
        var result: [String] = []
        if let replicas {
            result.append(replicas.upperBound == Int.max ? "at least \(replicas.lowerBound) replicas"
                          : "exactly \(replicas.lowerBound) replica\(replicas.lowerBound == 1 ? "" : "s")")
        }
        if let failover { result.append(failover ? "failover enabled" : "no failover") }
        if let autoscaling { result.append(autoscaling ? "autoscaling enabled" : "no autoscaling") }
        if let type { result.append("type \(type.rawValue)") }
        if unhealthy { result.append("declared unhealthy") }
        result += places.map { "\($0.kind.rawValue) \($0.name)" }
        return result
    }
}
