/// Outcome of one control.
public enum ControlStatus: String, Codable, Sendable {
    case pass, partial, fail
    case notApplicable = "not_applicable"
}

/// One control evaluated on the model.
public struct ControlResult: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var requirement: String
    public var tests: [ControlTest]
    public var status: ControlStatus
    /// In-scope components that satisfy every test they are in scope of, in model order.
    public var evidence: [String]
    /// In-scope components that fail a test, in model order.
    public var violations: [String]
    /// What was found, in words.
    public var finding: String
}

/// Counts of control statuses; `applicable` excludes the not-applicable ones.
public struct ComplianceSummary: Codable, Sendable, Equatable {
    public var total: Int, applicable: Int, passed: Int, partial: Int, failed: Int, notApplicable: Int

    init(_ statuses: [ControlStatus]) {
        let count = { (status: ControlStatus) in statuses.filter { $0 == status }.count }
        (passed, partial, failed, notApplicable) = (count(.pass), count(.partial), count(.fail), count(.notApplicable))
        total = statuses.count
        applicable = total - notApplicable
    }
}

/// A compliance check of the model against one framework of `ComplianceCatalog`.
///
/// Each control has tests: a check on the model's security and compliance fields or its topology,
/// over a scope of components. A control's scope is every component some test applies to; a
/// component violates it when it fails a test it is in scope of. Status:
/// - `not_applicable` when no component is in scope;
/// - `pass` when nothing violates it;
/// - `fail` when a test over protected data (PHI, PCI, sensitive data and their flows) has a violation:
///   data in scope without its protection is never a pass, nor a partial one;
/// - otherwise `partial` when some in-scope component satisfies it, `fail` when none does.
/// `compliance_percent = 100 × (pass + 0.5 × partial) / applicable controls`, 1 decimal; `null` when
/// no control applies (nothing in scope: neither compliant nor not). Framework ids are matched ignoring case.
public struct Compliance: Codable, Sendable, Equatable {
    public var framework: String
    public var name: String
    public var version: String
    @EncodedAsNull public var compliancePercent: Double?
    public var summary: ComplianceSummary
    public var controls: [ControlResult]

    /// Evaluates `framework` from the bundled catalogue; throws `UnknownNameError` for an unknown id.
    public init(_ assessment: Assessment, framework id: String) throws {
        try self.init(assessment, framework: try ComplianceCatalog.bundled.get().framework(id))
    }

    public init(_ assessment: Assessment, framework: ComplianceFramework) {
        self.framework = framework.id
        name = framework.name
        version = framework.version
        let used = Set(framework.controls.flatMap { $0.tests.flatMap(\.scope) })
        let members = Dictionary(uniqueKeysWithValues: used.map { ($0, $0.members(in: assessment)) })
        controls = framework.controls.map { Self.evaluate($0, assessment, members) }
        let summary = ComplianceSummary(controls.map(\.status))
        self.summary = summary
        compliancePercent = summary.applicable == 0 ? nil
            : Format.round(100 * (Double(summary.passed) + 0.5 * Double(summary.partial)) / Double(summary.applicable), places: 1)
    }

    private static func evaluate(_ control: ComplianceControl, _ assessment: Assessment, _ members: [ComplianceScope: [Bool]]) -> ControlResult {
        let components = assessment.model.components
        var inScope = [Bool](repeating: false, count: components.count)
        var violates = inScope
        var dataGap = false
        var gaps: [String] = []
        for test in control.tests {
            let scope = test.scope.reduce(components.map { _ in true }) { acc, set in zip(acc, members[set]!).map { $0 && $1 } }
            let failing = components.indices.filter { scope[$0] && !test.check.holds(for: $0, in: assessment) }
            for i in components.indices where scope[i] { inScope[i] = true }
            for i in failing { violates[i] = true }
            guard !failing.isEmpty else { continue }
            dataGap = dataGap || test.scope.contains(where: \.protectsData)
            gaps.append(test.check.missing + ": " + failing.map { components[$0].id }.joined(separator: ", "))
        }
        let evidence = components.indices.filter { inScope[$0] && !violates[$0] }.map { components[$0].id }
        let violations = components.indices.filter { violates[$0] }.map { components[$0].id }
        let scopeCount = inScope.filter { $0 }.count
        let status: ControlStatus
        let finding: String
        if scopeCount == 0 {
            status = .notApplicable
            finding = "No component is in scope"
        } else if violations.isEmpty {
            status = .pass
            finding = "All \(scopeCount) in-scope component\(scopeCount == 1 ? "" : "s") comply"
        } else {
            status = dataGap || evidence.isEmpty ? .fail : .partial
            finding = "\(violations.count) of \(scopeCount) in-scope components fall short (" + gaps.joined(separator: "; ") + ")"
        }
        return ControlResult(id: control.id, title: control.title, requirement: control.requirement, tests: control.tests,
                             status: status, evidence: evidence, violations: violations, finding: finding)
    }
}
