import Foundation
import Testing
@testable import FaultRayCore

@Suite struct IncidentReplayTests {
    let catalog: IncidentCatalog

    init() throws { catalog = try IncidentCatalog.bundled.get() }

    func replay(_ file: String, _ id: String) throws -> IncidentReplay {
        IncidentReplay(Assessment(try example(file)), try catalog.incident(id: id), catalog: catalog)
    }

    func replay(_ model: InfrastructureModel, _ id: String) throws -> IncidentReplay {
        IncidentReplay(Assessment(model), try catalog.incident(id: id), catalog: catalog)
    }

    func entry(_ result: IncidentReplay, _ id: String) -> ReplayedComponent? {
        result.affectedComponents.first { $0.id == id }
    }

    /// The demo runs entirely in us-east-1 and declares no provider, so every component is assumed to be
    /// on AWS. S3 (unavailable) matches object-storage, which has no failover: down for the whole incident,
    /// 4.3 h (258 min), whatever its own MTTR: S3 is out. EC2 (impaired) matches web-server and the four app servers: degraded for the whole
    /// 4.3 h (258 min). Lambda and EBS match nothing. The load balancer requires the degraded web server
    /// and DNS the load balancer: both degrade. The only entry point, dns, is degraded, not down: survived,
    /// no downtime. dns declares no revenue, so the revenue impact is unknown (null), not zero.
    /// Risk: entry impact 0.3, spread (7 × 0.3 + 1) / 12 → 10 × (0.7 × 0.3 + 0.3 × 0.2583) = 2.9, grade C.
    @Test func s3OutageOnTheDemo() throws {
        let result = try replay("demo.yaml", "aws-us-east-1-2017")
        #expect(result.survived)
        #expect(result.downtimeEstimateMinutes == 0)
        #expect(result.impactScore == 2.9)
        #expect(result.resilienceGrade == "C")
        #expect(entry(result, "object-storage")?.health == .down)
        #expect(entry(result, "object-storage")?.impactType == .direct)
        #expect(entry(result, "object-storage")?.recoveryTimeMinutes == 258)
        for id in ["web-server", "api-gateway", "auth-service", "order-service", "payment-service"] {
            #expect(entry(result, id)?.health == .degraded, "\(id)")
            #expect(entry(result, id)?.matchedService == "ec2", "\(id)")
            #expect(entry(result, id)?.recoveryTimeMinutes == 258, "\(id)")
        }
        #expect(entry(result, "load-balancer")?.impactType == .cascade)
        #expect(entry(result, "dns")?.health == .degraded)
        for id in ["database", "cache", "message-queue", "payment-provider"] { #expect(entry(result, id) == nil, "\(id)") }
        #expect(result.unmatchedServices == ["ebs", "lambda"])
        #expect(result.revenueImpactEstimate == nil)
        #expect(result.revenueNote.contains("dns is hurt"))
        #expect(result.assumptions.contains { $0.hasPrefix("No provider declared for web-server") })
        #expect(result.recommendations.first?.hasPrefix("Give object-storage a standby outside us-east-1") == true)
    }

    /// In the multi-region example only us-east-1 is hit. payment-api-us, fraud-scoring and
    /// settlement-worker (app servers in us-east-1) are impaired by EC2 and degrade; payment-api-eu, an app
    /// server in eu-west-1, is spared (it still degrades, through its circuit-broken edge to fraud-scoring).
    /// audit-log-storage (storage in us-east-1) names a DR region but has no failover: down. Both load
    /// balancers follow their payment APIs into degradation, and global-dns (which needs one of the two
    /// regions) follows them. No entry point (global-dns, settlement-worker) is down: survived. Risk: entry
    /// impact (0.3 + 0.3) / 2, spread (7 × 0.3 + 1) / 13 → 10 × (0.7 × 0.3 + 0.3 × 0.238) = 2.8, grade C.
    @Test func s3OutageOnTheMultiRegionExample() throws {
        let result = try replay("multi-region-payments.yaml", "aws-us-east-1-2017")
        #expect(result.survived)
        #expect(result.impactScore == 2.8)
        #expect(result.resilienceGrade == "C")
        #expect(entry(result, "audit-log-storage")?.health == .down)
        for id in ["payment-api-us", "fraud-scoring", "settlement-worker"] { #expect(entry(result, id)?.impactType == .direct, "\(id)") }
        #expect(entry(result, "global-dns")?.health == .degraded)
        #expect(result.sparedComponents.map(\.id) == ["payment-api-eu"])
    }

    @Test func aComponentOutsideTheAffectedRegionSurvives() throws {
        let result = try replay("multi-region-payments.yaml", "aws-us-east-1-2017")
        let spared = try #require(result.sparedComponents.first { $0.id == "payment-api-eu" })
        #expect(spared.reason == "is in eu-west-1, outside us-east-1")
        #expect(entry(result, "payment-api-eu")?.health != .down)
        #expect(entry(result, "payment-api-eu")?.impactType == .cascade)
        #expect(result.survivalFactors.contains("payment-api-eu uses ec2 but is in eu-west-1, outside us-east-1"))
    }

    /// The 2011 EBS incident takes down EC2 and RDS in us-east-1. ledger-db-primary has failover and a DR
    /// region (eu-west-1) outside the incident: it fails over and degrades. Its eu-west-1 replica is spared.
    /// The us-east-1 app servers have no failover and go down; settlement-worker is an entry point, so the
    /// service does not survive, for the incident's whole 84 hours (5 040 min): EC2 is out, its own MTTR of
    /// 30 minutes does not bring it back. The revenue declared on payment-api-us and -eu is not on an entry
    /// point, so the revenue impact is unknown.
    @Test func aStandbyInAnUnaffectedRegionDegradesInsteadOfFailing() throws {
        let result = try replay("multi-region-payments.yaml", "aws-ebs-2011-04")
        let ledger = try #require(entry(result, "ledger-db-primary"))
        #expect(ledger.impactType == .failover)
        #expect(ledger.health == .degraded)
        #expect(ledger.recoveryTimeMinutes == 0.8, "switchover: 30 s promotion + 3 × 5 s detection = 45 s")
        #expect(result.sparedComponents.map(\.id) == ["payment-api-eu", "ledger-db-replica-eu"])
        for id in ["payment-api-us", "fraud-scoring", "settlement-worker"] { #expect(entry(result, id)?.health == .down, "\(id)") }
        #expect(entry(result, "lb-us-east")?.health == .down)
        #expect(entry(result, "global-dns")?.health == .degraded)
        #expect(!result.survived)
        #expect(result.downtimeEstimateMinutes == 5_040)
        #expect(result.revenueImpactEstimate == nil)
        #expect(result.survivalFactors.contains("ledger-db-primary fails over to eu-west-1 and keeps serving, degraded"))
    }

    @Test func everyComponentAppearsOnceInEveryReplay() throws {
        for file in ["demo.yaml", "multi-region-payments.yaml", "web-shop.yaml", "ai-support-agent.yaml"] {
            let assessment = Assessment(try example(file))
            for incident in catalog.incidents {
                let result = IncidentReplay(assessment, incident, catalog: catalog)
                let affected = result.affectedComponents.map(\.id)
                #expect(Set(affected).count == affected.count, "\(file) \(incident.id)")
                let spared = result.sparedComponents.map(\.id)
                #expect(Set(spared).count == spared.count, "\(file) \(incident.id)")
                let hit = result.affectedComponents.filter { $0.impactType == .direct || $0.impactType == .failover }.map(\.id)
                #expect(Set(hit).isDisjoint(with: spared), "\(file) \(incident.id)")
                let order = assessment.model.components.map(\.id).filter(affected.contains)
                #expect(affected == order, "model order")
                #expect(result.downtimeEstimateMinutes <= incident.durationHours * 60)
            }
        }
    }

    @Test func replayingTwiceGivesTheSameBytes() throws {
        for file in ["demo.yaml", "multi-region-payments.yaml"] {
            for incident in catalog.incidents {
                let first = try WireJSON.encode(IncidentReplay(Assessment(try example(file)), incident, catalog: catalog))
                let second = try WireJSON.encode(IncidentReplay(Assessment(try example(file)), incident, catalog: catalog))
                #expect(first == second, "\(file) \(incident.id)")
            }
        }
    }

    /// A provider's outage lasts as long as the incident: a 6-hour DNS provider outage and a 260-hour endpoint
    /// agent outage give 360 and 15 600 minutes, not the component's own MTTR of 10 minutes. With revenue on
    /// the entry point, the loss is its revenue per minute for those minutes.
    @Test func downtimeFollowsTheIncidentWhileTheProviderIsDown() throws {
        for (id, hours) in [("dyn-ddos-2016-10", 6.0), ("crowdstrike-2024-07", 260.0)] {
            let incident = try catalog.incident(id: id)
            #expect(incident.durationHours == hours)
            // One component using each incident's first service, declared on its provider, as the entry point.
            let service = try #require(incident.services.first)
            var c = Component(id: "edge", type: .dns)
            c.tags = ["\(incident.provider):\(service)"]
            c.operationalProfile.mttrMinutes = 10
            c.costProfile.revenuePerMinute = 100
            let result = IncidentReplay(Assessment(InfrastructureModel(components: [c])), incident, catalog: catalog)
            #expect(entry(result, "edge")?.impactType == .direct && entry(result, "edge")?.health == .down, "\(id)")
            #expect(result.downtimeEstimateMinutes == hours * 60, "\(id)")
            #expect(result.revenueImpactEstimate == 100 * hours * 60, "\(id)")
        }
    }

    @Test func revenueIsNullWithANoteWhenNothingDeclaresIt() throws {
        var bucket = Component(id: "bucket", type: .storage)
        bucket.region.region = "us-east-1"
        let result = try replay(InfrastructureModel(components: [bucket]), "aws-us-east-1-2017")
        #expect(result.revenueImpactEstimate == nil)
        #expect(result.revenueNote.contains("revenue_per_minute"))
        let json = String(decoding: try WireJSON.encode(result), as: UTF8.self)
        #expect(json.contains("\"revenue_impact_estimate\":null"))
        #expect(!result.survived, "the bucket is its own entry point")
    }

    @Test func tagsNameProvidersAndServices() throws {
        func storage(_ id: String, _ tags: [String]) -> Component {
            var c = Component(id: id, type: .storage)
            c.tags = tags
            c.region.region = "us-east-1"
            return c
        }
        var stream = Component(id: "stream", type: .custom)
        stream.tags = ["aws:kinesis"]
        let model = InfrastructureModel(components: [
            storage("on-gcp", ["provider:gcp"]),
            storage("on-aws", ["provider:aws"]),
            storage("dynamo-table", ["aws:dynamodb"]),
            stream,
        ])
        let s3 = try replay(model, "aws-us-east-1-2017")
        #expect(s3.sparedComponents.map(\.id) == ["on-gcp"])
        #expect(s3.sparedComponents.first?.reason == "declares provider gcp, not aws")
        #expect(entry(s3, "on-aws")?.health == .down)
        #expect(entry(s3, "dynamo-table") == nil, "a service tag for aws turns off matching by type")
        #expect(s3.assumptions.isEmpty)
        let kinesis = try replay(model, "aws-kinesis-2020-11")
        #expect(kinesis.affectedComponents.map(\.id) == ["stream"])
        #expect(entry(kinesis, "stream")?.matchedService == "kinesis")
    }

    @Test func zonesBelongToTheirRegionAndMissingPlacesAreAssumed() throws {
        func bucket(_ id: String, zone: String) -> Component {
            var c = Component(id: id, type: .storage)
            c.region.availabilityZone = zone
            return c
        }
        let model = InfrastructureModel(components: [bucket("east", zone: "us-east-1b"), bucket("west", zone: "us-west-2a"), bucket("nowhere", zone: "")])
        let result = try replay(model, "aws-us-east-1-2017")
        #expect(entry(result, "east")?.health == .down)
        #expect(result.sparedComponents.map(\.id) == ["west"])
        #expect(entry(result, "nowhere")?.health == .down)
        #expect(result.assumptions.contains("No region declared for nowhere: assumed inside us-east-1"))
    }
}
