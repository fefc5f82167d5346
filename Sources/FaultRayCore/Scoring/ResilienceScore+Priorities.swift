extension ResilienceScore {
    /// The findings costing the most points first (ties keep the score's order), at most `limit`.
    public func largestFindings(limit: Int = .max) -> [Finding] {
        Array(findings.enumerated()
            .sorted { $0.element.points != $1.element.points ? $0.element.points > $1.element.points : $0.offset < $1.offset }
            .prefix(limit).map(\.element))
    }
}
