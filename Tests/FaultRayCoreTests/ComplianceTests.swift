import Foundation
import Testing
@testable import FaultRayCore

@Suite("Compliance")
struct ComplianceTests {
    let demo: Assessment

    init() throws { demo = Assessment(try example("demo.yaml")) }

    func statuses(_ report: Compliance) -> [String: ControlStatus] {
        Dictionary(uniqueKeysWithValues: report.controls.map { ($0.id, $0.status) })
    }

    @Test("the catalogue has the four frameworks, unique control ids, and a test for every control")
    func catalogue() throws {
        let catalog = try ComplianceCatalog.bundled.get()
        #expect(catalog.frameworks.map(\.id) == ["soc2", "pci-dss", "hipaa", "iso27001"])
        for framework in catalog.frameworks {
            #expect(Set(framework.controls.map(\.id)).count == framework.controls.count)
            #expect(framework.controls.allSatisfy { !$0.tests.isEmpty && $0.tests.allSatisfy { !$0.scope.isEmpty } })
        }
    }

    @Test("framework ids ignore case; an unknown one lists the known ones")
    func frameworkIDs() throws {
        #expect(try Compliance(demo, framework: "SOC2").framework == "soc2")
        #expect(try Compliance(demo, framework: "PCI-DSS").name == "PCI DSS")
        #expect(throws: UnknownNameError(.framework, name: "gdpr", known: ["soc2", "pci-dss", "hipaa", "iso27001"])) {
            try Compliance(demo, framework: "gdpr")
        }
        #expect(UnknownNameError(.framework, name: "x", known: ["soc2", "hipaa"]).description
            == "Unknown compliance framework 'x'. Supported: soc2, hipaa")
    }

    @Test("demo PCI DSS: the card processor lacks the controls its scope needs")
    func demoPCI() throws {
        let report = try Compliance(demo, framework: "pci-dss")
        #expect(report.version == "4.0.1")
        // In scope: payment-service, database, payment-provider. The provider is not segmented, not encrypted
        // at rest, has no change management or audit logging; the database has no intrusion detection.
        #expect(statuses(report) == ["1.3": .fail, "3.5.1": .fail, "4.2.1": .pass, "6.5.1": .fail, "7.2": .pass,
                                     "10.2.1": .fail, "11.5.1": .fail])
        let atRest = report.controls.first { $0.id == "3.5.1" }!
        #expect(atRest.violations == ["payment-provider"])
        #expect(atRest.evidence == ["payment-service", "database"])
        #expect(report.controls.first { $0.id == "11.5.1" }!.violations == ["database", "payment-provider"])
        // 4.2.1 covers the PCI components and everything connected to them: 8 components, all encrypted in transit.
        #expect(report.controls.first { $0.id == "4.2.1" }!.evidence.count == 8)
        // 2 passes of 7 applicable controls.
        #expect(report.compliancePercent == 28.6)
    }

    @Test("demo SOC 2: partial coverage for estate-wide controls, failure for unprotected sensitive data")
    func demoSOC2() throws {
        let report = try Compliance(demo, framework: "soc2")
        // CC6.1: web-server holds PII without authentication or encryption at rest -> fail (data scope).
        // A1.2: the SPOFs on the critical path (order-service: 2 replicas at 85 % load cannot lose one;
        // the database; payment-provider, behind a breaker without a fallback) -> partial.
        #expect(statuses(report) == ["CC6.1": .fail, "CC6.6": .pass, "CC6.7": .pass, "CC7.2": .partial,
                                     "CC8.1": .partial, "A1.2": .partial])
        #expect(report.controls.first { $0.id == "A1.2" }!.violations == ["order-service", "database", "payment-provider"])
        // (2 + 0.5 × 3) / 6.
        #expect(report.compliancePercent == 58.3)
        let s = report.summary
        let counts: [Int] = [s.total, s.applicable, s.passed, s.partial, s.failed, s.notApplicable]
        #expect(counts == [6, 6, 2, 3, 1, 0])
    }

    @Test("no PHI in the demo: every HIPAA control is not applicable")
    func demoHIPAA() throws {
        let report = try Compliance(demo, framework: "hipaa")
        #expect(report.controls.allSatisfy { $0.status == .notApplicable })
        #expect(report.summary.applicable == 0)
        #expect(report.compliancePercent == nil)
        #expect(String(decoding: try WireJSON.encode(report), as: UTF8.self).contains("\"compliance_percent\":null"))
    }

    @Test("PHI on a component without encryption at rest fails HIPAA encryption")
    func phiWithoutEncryption() throws {
        var model = demo.model
        for id in ["web-server", "database"] { model.components[model.index(of: id)!].complianceTags.containsPHI = true }
        let report = try Compliance(Assessment(model), framework: "hipaa")
        let encryption = report.controls.first { $0.id == "164.312(a)(2)(iv)" }!
        #expect(encryption.status == .fail)
        #expect(encryption.violations == ["web-server"])
        #expect(encryption.evidence == ["database"])
        // Every neighbour of the two encrypts in transit.
        #expect(report.controls.first { $0.id == "164.312(e)(1)" }!.status == .pass)
        // web-server has no authentication.
        #expect(report.controls.first { $0.id == "164.312(a)(1)" }!.violations == ["web-server"])
        // The database backs up, but names no disaster-recovery region.
        #expect(report.controls.first { $0.id == "164.308(a)(7)(ii)(A)" }!.status == .pass)
        #expect(report.controls.first { $0.id == "164.308(a)(7)(ii)(B)" }!.status == .fail)
    }

    @Test("multi-region payments, ISO 27001: redundancy and recovery nearly everywhere")
    func multiRegionISO() throws {
        let report = try Compliance(Assessment(try example("multi-region-payments.yaml")), framework: "iso27001")
        #expect(report.version == "2022 (Annex A)")
        let controls = Dictionary(uniqueKeysWithValues: report.controls.map { ($0.id, $0) })
        // card-network is the one SPOF on the critical path.
        #expect(controls["8.14"]?.status == .partial)
        #expect(controls["8.14"]?.violations == ["card-network"])
        // Of the three data stores only the eu replica names no DR region.
        #expect(controls["5.30"]?.violations == ["ledger-db-replica-eu"])
        #expect(controls["8.13"]?.status == .pass)
    }
}
