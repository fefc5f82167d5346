import FaultRayCore

/// Human-readable tables for the terminal.
enum Report {
    static func printCascade(_ result: CascadeResult) {
        print("Failure of \(result.rootCause): risk \(Format.number(result.riskScore))/10 (\(result.severity.rawValue)), "
              + "\(result.totalAffected) affected, blast radius \(result.blastRadiusScore), recovery \(result.recoveryTimeEstimate)")
        for wave in result.waves {
            print("  wave \(wave.wave) at \(Format.number(wave.timeSeconds))s")
            for c in wave.components {
                let cause = c.causedBy.map { " <- \($0)" } ?? ""
                print("    \(pad(c.health.name, 10)) \(pad(c.id, 24)) \(c.reason)\(cause)")
            }
        }
    }

    static func printFullRun(_ report: FullRunReport, assessment: Assessment) {
        let availability = AvailabilityFigures(availability: assessment.availability.overall)
        print("Resilience score: \(Format.number(report.resilienceScore))/100 (grade \(report.grade))")
        print("Availability: \(availability.percent)% (\(availability.nines) nines, \(Format.number(availability.annualDowntimeMinutes)) min/year downtime)")
        print("Single points of failure: \(assessment.spofs.count)")
        print("Scenarios: \(report.generated) generated, \(report.merged) merged as duplicates, \(report.run) run, \(report.skipped) skipped")
        print("Results: \(report.critical) critical, \(report.warning) warning, \(report.passed) passed")
        print("")
        print("\(pad("category", 18)) \(pad("generated", 10)) \(pad("run", 8)) \(pad("critical", 9)) \(pad("warning", 8)) passed")
        for c in report.categories where c.generated > 0 {
            print("\(pad(c.category.rawValue, 18)) \(pad(String(c.generated), 10)) \(pad(String(c.run), 8)) \(pad(String(c.critical), 9)) \(pad(String(c.warning), 8)) \(c.passed)")
        }
        let worst = (report.scenarios + report.worstPairs).sorted { $0.riskScore > $1.riskScore }.prefix(10)
        if !worst.isEmpty {
            print("\nWorst scenarios:")
            for s in worst { print("  \(pad(Format.number(s.riskScore), 5)) \(pad(s.severity.rawValue, 9)) \(s.name) (\(s.totalAffected) affected)") }
        }
        let findings = assessment.score.largestFindings(limit: 5)
        if !findings.isEmpty {
            print("\nFix first:")
            for f in findings { print("  -\(pad(Format.number(f.points), 5)) \(f.message); \(f.fix)") }
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
