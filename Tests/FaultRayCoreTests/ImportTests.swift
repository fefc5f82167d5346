import Foundation
@testable import FaultRayCore
import Testing

/// The importers' fixtures, shaped like real projects' files.
let importFixturesURL = examplesURL.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/import")

/// The imported model's YAML must load: the file `faultray validate` reads is the one written.
private func reloaded(_ imported: ImportedModel) throws -> InfrastructureModel {
    try ModelLoader.load(text: imported.yaml(), file: "imported.yaml")
}

private func edges(_ model: InfrastructureModel) -> Set<String> {
    Set(model.dependencies.map { "\($0.source) -> \($0.target) \($0.type.rawValue)" })
}

private func problem(_ work: () throws -> Any) -> ModelIssue? {
    do {
        _ = try work()
        return nil
    } catch let error as ModelError {
        return error.issues.first
    } catch {
        return ModelIssue(line: 0, column: 0, path: "", message: "unexpected \(error)")
    }
}

@Suite("Import: Compose")
struct ComposeImportTests {
    @Test func theWebStackBecomesServicesOnOneHostWithTheirDependencies() throws {
        let imported = try ComposeImporter.load(contentsOf: importFixturesURL.appendingPathComponent("compose-web-stack.yaml"))
        let model = try reloaded(imported)
        #expect(model == imported.model)
        let byID = Dictionary(uniqueKeysWithValues: model.components.map { ($0.id, $0) })
        #expect(model.components.map(\.id) == ["proxy", "web", "worker", "scheduler", "db", "cache", "broker", "mailhog"])
        #expect(byID["proxy"]?.type == .loadBalancer && byID["db"]?.type == .database && byID["cache"]?.type == .cache && byID["broker"]?.type == .queue)
        #expect(byID["web"]?.replicas == 2 && byID["worker"]?.replicas == 2 && byID["db"]?.replicas == 1)
        #expect(byID["web"]?.capacity.maxMemoryMB == 512)
        #expect(Set(model.components.map(\.host)) == ["shop"])
        // The health check restarts a container: 10 s × 5 + 30 s = 80 s.
        #expect(byID["web"]?.operationalProfile.mttrMinutes == 1.33)
        #expect(byID["cache"]?.operationalProfile.mttrMinutes == OperationalProfile().mttrMinutes)
        #expect(edges(model) == [
            "proxy -> web requires", "web -> db requires", "web -> cache requires", "web -> broker async", "worker -> broker async",
            "worker -> db requires", "worker -> cache requires", "scheduler -> broker async", "scheduler -> db requires",
            "scheduler -> cache requires", "mailhog -> web optional",
        ])
        // The migration job only has to finish; the volumes and the network are reported by name.
        let skipped = imported.report.skipped.map(\.source)
        #expect(skipped.contains("service web depends_on migrate") && skipped.contains("service migrate"))
        #expect(Set(skipped).isSuperset(of: ["volume pgdata", "volume static", "network default"]))
        #expect(imported.report.assumed.contains { $0.component == "web" && $0.note.contains("restarts the container") })
        #expect(imported.report.assumed.contains { $0.component == "web" && $0.note == "needs 'broker' because setting CELERY_BROKER_URL names it" })
        #expect(imported.report.assumed.contains { $0.component == "scheduler" && $0.note.contains("profile scheduling") })
        #expect(imported.yaml().contains("# assumed: runs on the one Docker host"))
    }

    @Test func aFileThatIsNotComposeIsRefusedWithItsPosition() throws {
        let syntax = problem { try ComposeImporter.load(text: "services:\n  web:\n    image: [nginx\n", file: "c.yaml") }
        #expect(syntax?.line == 4 && syntax?.message.hasPrefix("invalid YAML") == true, "\(String(describing: syntax))")
        let noServices = problem { try ComposeImporter.load(text: "version: '3'\nvolumes: {}\n", file: "c.yaml") }
        #expect(noServices?.message == "not a Compose file: no 'services' key" && noServices?.line == 1)
        let badService = problem { try ComposeImporter.load(text: "services:\n  web: nginx\n", file: "c.yaml") }
        #expect(badService?.line == 2 && badService?.column == 8, "\(String(describing: badService))")
    }
}

@Suite("Import: Kubernetes")
struct KubernetesImportTests {
    @Test func theDemoShopBecomesWorkloadsEntryPointsAndServiceDependencies() throws {
        let imported = try KubernetesImporter.load(paths: [importFixturesURL.appendingPathComponent("kubernetes").path])
        let model = try reloaded(imported)
        #expect(try KubernetesImporter.load(paths: [importFixturesURL.appendingPathComponent("kubernetes").path]).yaml() == imported.yaml())
        #expect(model == imported.model)
        let byID = Dictionary(uniqueKeysWithValues: model.components.map { ($0.id, $0) })
        #expect(Set(byID.keys) == ["cartservice", "redis-cart", "checkoutservice", "frontend", "frontend-external-loadbalancer", "productcatalogservice",
                                   "currencyservice", "paymentservice", "shippingservice", "emailservice", "recommendationservice", "adservice", "shop"])
        let frontend = try #require(byID["frontend"])
        #expect(frontend.replicas == 3 && frontend.autoscaling.enabled && frontend.autoscaling.minReplicas == 3 && frontend.autoscaling.maxReplicas == 10)
        #expect(frontend.autoscaling.scaleUpThreshold == 60 && frontend.capacity.maxMemoryMB == 128 && frontend.port == 8080)
        // Spread over zones (topology spread, anti-affinity): no zone; the rest share the cluster's one.
        #expect(frontend.region.availabilityZone.isEmpty && byID["checkoutservice"]?.region.availabilityZone.isEmpty == true)
        #expect(byID["cartservice"]?.region.availabilityZone == KubernetesImporter.sharedZone)
        // Liveness probe every 5 s, 3 failures, 30 s restart: 45 s.
        #expect(frontend.operationalProfile.mttrMinutes == 0.75)
        #expect(byID["redis-cart"]?.type == .cache && byID["paymentservice"]?.replicas == 1)
        #expect(byID["shop"]?.type == .loadBalancer && byID["frontend-external-loadbalancer"]?.type == .loadBalancer)
        let all = edges(model)
        for target in ["productcatalogservice", "currencyservice", "cartservice", "recommendationservice", "shippingservice", "checkoutservice", "adservice"] {
            #expect(all.contains("frontend -> \(target) requires"), "frontend -> \(target)")
        }
        for target in ["productcatalogservice", "shippingservice", "paymentservice", "emailservice", "currencyservice", "cartservice"] {
            #expect(all.contains("checkoutservice -> \(target) requires"), "checkoutservice -> \(target) (from its ConfigMap)")
        }
        #expect(all.isSuperset(of: ["cartservice -> redis-cart requires", "recommendationservice -> productcatalogservice requires",
                                    "shop -> frontend requires", "frontend-external-loadbalancer -> frontend requires"]))
        #expect(all.count == 17)
        let skipped = Dictionary(imported.report.skipped.map { ($0.source, $0.note) }, uniquingKeysWith: { a, _ in a })
        #expect(skipped["ServiceMonitor/frontend"]?.contains("unknown kind 'ServiceMonitor'") == true)
        #expect(skipped["CronJob/catalog-refresh"] != nil && skipped["NetworkPolicy/redis-cart"] != nil && skipped["ServiceAccount/frontend"] != nil)
        #expect(imported.report.mapped.contains { $0.source == "PodDisruptionBudget/frontend" && $0.component == "frontend" })
        #expect(imported.report.assumed.contains { $0.component == "paymentservice" && $0.note.contains("no liveness probe") })
    }

    @Test func aManifestWithoutKindIsRefusedWithItsPosition() throws {
        let missingKind = problem { try KubernetesImporter.load(sources: [("m.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n")]) }
        #expect(missingKind?.line == 5 && missingKind?.message == "not a Kubernetes object: no 'kind'", "\(String(describing: missingKind))")
        let template = problem { try KubernetesImporter.load(sources: [("t.yaml", "kind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n")]) }
        #expect(template?.line == 3 && template?.column == 9 && template?.message.contains("helm template") == true, "\(String(describing: template))")
    }
}

@Suite("Import: Terraform")
struct TerraformImportTests {
    @Test func theThreeTierPlanBecomesComponentsZonesAndDependencies() throws {
        let imported = try TerraformImporter.load(contentsOf: importFixturesURL.appendingPathComponent("terraform-three-tier-plan.json"))
        let model = try reloaded(imported)
        #expect(model == imported.model)
        // The same input gives the same bytes.
        #expect(try TerraformImporter.load(contentsOf: importFixturesURL.appendingPathComponent("terraform-three-tier-plan.json")).yaml() == imported.yaml())
        let byID = Dictionary(uniqueKeysWithValues: model.components.map { ($0.id, $0) })
        #expect(Set(byID.keys) == ["www.shop.example.com", "shop-web", "aws_autoscaling_group.web", "shop-orders", "shop-sessions", "shop-orders-dlq",
                                   "aws_sqs_queue.orders", "shop-order-events", "shop-fulfilment", "shop-webhooks", "aws_apigatewayv2_api.webhooks", "shop-prod-assets"])
        let web = try #require(byID["aws_autoscaling_group.web"])
        #expect(web.replicas == 3 && web.autoscaling.enabled && web.autoscaling.minReplicas == 3 && web.autoscaling.maxReplicas == 9)
        #expect(web.region.region == "us-east-1" && web.region.availabilityZone.isEmpty)
        let lb = try #require(byID["shop-web"])
        #expect(lb.type == .loadBalancer && lb.replicas == 3)
        let db = try #require(byID["shop-orders"])
        #expect(db.type == .database && db.failover.enabled && db.region.availabilityZone == "us-east-1a" && db.failover.standbyZone == "us-east-1b")
        #expect(db.parameters["read_replicas"] == .number(1))
        let cache = try #require(byID["shop-sessions"])
        #expect(cache.failover.enabled && cache.failover.standbyZone == "us-east-1b")
        #expect(byID["www.shop.example.com"]?.type == .dns && byID["www.shop.example.com"]?.externalSLA?.providerSLA == 100)
        let all = edges(model)
        // Through links (target group, launch template), security-group rules, configuration references,
        // the subscription and the event source mapping.
        #expect(all == [
            "www.shop.example.com -> shop-web requires", "shop-web -> aws_autoscaling_group.web requires",
            "aws_autoscaling_group.web -> shop-sessions requires", "aws_autoscaling_group.web -> aws_sqs_queue.orders async",
            "aws_autoscaling_group.web -> shop-prod-assets requires", "aws_autoscaling_group.web -> shop-orders requires",
            "aws_sqs_queue.orders -> shop-orders-dlq async", "shop-fulfilment -> shop-orders requires", "shop-fulfilment -> shop-order-events async",
            "shop-fulfilment -> aws_sqs_queue.orders async", "shop-webhooks -> shop-order-events async",
            "aws_apigatewayv2_api.webhooks -> shop-webhooks requires", "shop-order-events -> aws_sqs_queue.orders async",
        ], "\(all.sorted())")
        #expect(model.dependencies.first { $0.source == "aws_autoscaling_group.web" && $0.target == "shop-orders" }.map { imported.dependencyNotes[model.dependencies.firstIndex(of: $0)!] }
                == ["aws_security_group_rule.db_from_web: aws_security_group.web may reach aws_security_group.db on port 5432"])
        let skipped = Dictionary(imported.report.skipped.map { ($0.source, $0.note) }, uniquingKeysWith: { a, _ in a })
        #expect(skipped["aws_wafv2_web_acl.web"] == "unknown resource type 'aws_wafv2_web_acl'")
        #expect(skipped["random_password.db"] == "unknown resource type 'random_password'")
        #expect(skipped["aws_iam_role.lambda"] != nil && skipped["aws_route53_zone.main"] != nil)
        #expect(imported.report.mapped.contains { $0.source == "aws_db_instance.orders_replica" && $0.component == "shop-orders" })
    }

    @Test func inputThatIsNotTerraformShowJSONIsRefusedWithItsPosition() throws {
        let syntax = problem { try TerraformImporter.load(text: "{\n  \"format_version\": \"1.2\",\n  \"values\": {\n    \"root_module\": {\"resources\": [}\n  }\n}\n", file: "s.json") }
        #expect(syntax?.line == 4 && syntax?.message.hasPrefix("invalid YAML") == true, "\(String(describing: syntax))")
        let configuration = problem { try TerraformImporter.load(text: "{\"resource\": {\"aws_s3_bucket\": {\"a\": {}}}}", file: "main.tf.json") }
        #expect(configuration?.line == 1 && configuration?.message.contains("terraform show -json") == true)
        let noAddress = problem { try TerraformImporter.load(text: "{\"values\": {\"root_module\": {\"resources\": [\n  {\"type\": \"aws_s3_bucket\"}]}}}", file: "s.json") }
        #expect(noAddress?.line == 2 && noAddress?.column == 3, "\(String(describing: noAddress))")
    }
}

@Suite("Import: Terraform state")
struct TerraformStateImportTests {
    /// A state (concrete ids and ARNs, no configuration): ECS with autoscaling and a task definition naming
    /// an Aurora cluster's endpoint, EKS with two node groups, counted instances, a data source.
    static let state = #"""
    {"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {"resources": [
      {"address": "data.aws_caller_identity.current", "mode": "data", "type": "aws_caller_identity", "name": "current", "values": {"account_id": "123456789012"}},
      {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a", "values": {"id": "subnet-0aaaaaaaa", "availability_zone": "eu-west-1a"}},
      {"address": "aws_subnet.b", "mode": "managed", "type": "aws_subnet", "name": "b", "values": {"id": "subnet-0bbbbbbbb", "availability_zone": "eu-west-1b"}},
      {"address": "aws_rds_cluster.ledger", "mode": "managed", "type": "aws_rds_cluster", "name": "ledger",
       "values": {"id": "ledger-cluster", "cluster_identifier": "ledger-cluster", "engine": "aurora-postgresql",
                  "endpoint": "ledger-cluster.cluster-abc123.eu-west-1.rds.amazonaws.com", "arn": "arn:aws:rds:eu-west-1:123456789012:cluster:ledger-cluster"}},
      {"address": "aws_rds_cluster_instance.ledger[0]", "mode": "managed", "type": "aws_rds_cluster_instance", "name": "ledger", "index": 0,
       "values": {"id": "ledger-1", "cluster_identifier": "ledger-cluster", "availability_zone": "eu-west-1a"}},
      {"address": "aws_rds_cluster_instance.ledger[1]", "mode": "managed", "type": "aws_rds_cluster_instance", "name": "ledger", "index": 1,
       "values": {"id": "ledger-2", "cluster_identifier": "ledger-cluster", "availability_zone": "eu-west-1b"}},
      {"address": "aws_ecs_task_definition.api", "mode": "managed", "type": "aws_ecs_task_definition", "name": "api",
       "values": {"arn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7", "family": "api",
                  "container_definitions": "[{\"name\":\"api\",\"environment\":[{\"name\":\"DATABASE_URL\",\"value\":\"postgres://api@ledger-cluster.cluster-abc123.eu-west-1.rds.amazonaws.com:5432/ledger\"}]}]"}},
      {"address": "aws_ecs_service.api", "mode": "managed", "type": "aws_ecs_service", "name": "api",
       "values": {"id": "arn:aws:ecs:eu-west-1:123456789012:service/prod/api", "name": "api-service", "desired_count": 2,
                  "task_definition": "arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7",
                  "network_configuration": [{"subnets": ["subnet-0aaaaaaaa", "subnet-0bbbbbbbb"], "security_groups": []}]}},
      {"address": "aws_appautoscaling_target.api", "mode": "managed", "type": "aws_appautoscaling_target", "name": "api",
       "values": {"resource_id": "service/prod/api-service", "min_capacity": 3, "max_capacity": 12}},
      {"address": "aws_eks_cluster.main", "mode": "managed", "type": "aws_eks_cluster", "name": "main",
       "values": {"name": "platform-eks", "arn": "arn:aws:eks:eu-west-1:123456789012:cluster/platform-eks", "vpc_config": [{"subnet_ids": ["subnet-0aaaaaaaa", "subnet-0bbbbbbbb"]}]}},
      {"address": "aws_eks_node_group.general", "mode": "managed", "type": "aws_eks_node_group", "name": "general",
       "values": {"cluster_name": "platform-eks", "subnet_ids": ["subnet-0aaaaaaaa", "subnet-0bbbbbbbb"], "scaling_config": [{"desired_size": 3, "min_size": 2, "max_size": 6}]}},
      {"address": "aws_eks_node_group.spot", "mode": "managed", "type": "aws_eks_node_group", "name": "spot",
       "values": {"cluster_name": "platform-eks", "subnet_ids": ["subnet-0bbbbbbbb"], "scaling_config": [{"desired_size": 2, "min_size": 0, "max_size": 10}]}},
      {"address": "aws_instance.bastion[0]", "mode": "managed", "type": "aws_instance", "name": "bastion", "index": 0,
       "values": {"id": "i-0123456789abcdef0", "availability_zone": "eu-west-1a"}},
      {"address": "aws_instance.bastion[1]", "mode": "managed", "type": "aws_instance", "name": "bastion", "index": 1,
       "values": {"id": "i-0123456789abcdef1", "availability_zone": "eu-west-1a"}},
      {"address": "aws_kinesis_stream.events", "mode": "managed", "type": "aws_kinesis_stream", "name": "events",
       "values": {"name": "ledger-events", "arn": "arn:aws:kinesis:eu-west-1:123456789012:stream/ledger-events"}}
    ]}}}
    """#

    @Test func stateValuesGiveReplicasFailoverZonesAndDependencies() throws {
        let imported = try TerraformImporter.load(text: Self.state, file: "state.json")
        let model = try ModelLoader.load(text: imported.yaml())
        let byID = Dictionary(uniqueKeysWithValues: model.components.map { ($0.id, $0) })
        #expect(Set(byID.keys) == ["ledger-cluster", "api-service", "platform-eks", "aws_instance.bastion", "ledger-events"])
        let ledger = try #require(byID["ledger-cluster"])
        #expect(ledger.failover.enabled && ledger.region.availabilityZone == "eu-west-1a" && ledger.failover.standbyZone == "eu-west-1b")
        #expect(ledger.region.region == "eu-west-1")
        let api = try #require(byID["api-service"])
        #expect(api.replicas == 3 && api.autoscaling.enabled && api.autoscaling.minReplicas == 3 && api.autoscaling.maxReplicas == 12)
        #expect(api.region.availabilityZone.isEmpty)
        let eks = try #require(byID["platform-eks"])
        #expect(eks.replicas == 5 && eks.autoscaling.minReplicas == 2 && eks.autoscaling.maxReplicas == 16)
        let bastion = try #require(byID["aws_instance.bastion"])
        #expect(bastion.replicas == 2 && bastion.region.availabilityZone == "eu-west-1a")
        #expect(byID["ledger-events"]?.type == .queue && byID["ledger-events"]?.externalSLA?.providerSLA == 99.9)
        // The task definition's JSON names the cluster's endpoint (host and port inside a URL).
        #expect(edges(model) == ["api-service -> ledger-cluster requires"])
        #expect(imported.report.skipped.contains { $0.source == "data.aws_caller_identity.current" })
        #expect(imported.report.mapped.contains { $0.source == "aws_eks_node_group.spot" && $0.component == "platform-eks" })
    }
}
