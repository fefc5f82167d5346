import Foundation

/// Inputs for the import benchmark, generated: a Terraform state of three-tier stacks and Kubernetes
/// manifests of services that call each other.
enum ImportInputs {
    /// `terraform show -json` of a state with `resources` resources: stacks of a load balancer, its target
    /// group and listener, an autoscaling group with its launch template, two security groups and a rule,
    /// a Multi-AZ database and a queue (10 resources each), over three shared subnets.
    static func terraformState(resources: Int) -> String {
        let zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
        var items: [String] = zones.enumerated().map { i, zone in
            resource("aws_subnet.private[\(i)]", "aws_subnet", "private", ["id": "\"subnet-0000\(i)abcdef\"", "availability_zone": "\"\(zone)\""], index: i)
        }
        var stack = 0
        while items.count + 10 <= max(resources, 13) {
            let s = "s\(stack)", arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012"
            let subnets = "[\"subnet-00000abcdef\", \"subnet-00001abcdef\", \"subnet-00002abcdef\"]"
            items.append(resource("aws_lb.\(s)", "aws_lb", s, ["id": "\"\(arn):loadbalancer/app/\(s)/a1\"", "arn": "\"\(arn):loadbalancer/app/\(s)/a1\"",
                                                              "name": "\"lb-\(s)\"", "subnets": subnets, "dns_name": "\"lb-\(s)-123.us-east-1.elb.amazonaws.com\""]))
            items.append(resource("aws_lb_target_group.\(s)", "aws_lb_target_group", s, ["arn": "\"\(arn):targetgroup/\(s)/b2\"", "id": "\"\(arn):targetgroup/\(s)/b2\"", "port": "8080"]))
            items.append(resource("aws_lb_listener.\(s)", "aws_lb_listener", s, ["id": "\"\(arn):listener/app/\(s)/c3\"", "load_balancer_arn": "\"\(arn):loadbalancer/app/\(s)/a1\"",
                                                                              "default_action": "[{\"type\": \"forward\", \"target_group_arn\": \"\(arn):targetgroup/\(s)/b2\"}]"]))
            items.append(resource("aws_security_group.\(s)_web", "aws_security_group", "\(s)_web", ["id": "\"sg-web-\(s)-0001\"", "name": "\"web-\(s)\""]))
            items.append(resource("aws_security_group.\(s)_db", "aws_security_group", "\(s)_db", ["id": "\"sg-db-\(s)-00001\"", "name": "\"db-\(s)\""]))
            items.append(resource("aws_security_group_rule.\(s)_db", "aws_security_group_rule", "\(s)_db",
                                  ["id": "\"sgrule-\(s)-000001\"", "type": "\"ingress\"", "from_port": "5432", "security_group_id": "\"sg-db-\(s)-00001\"", "source_security_group_id": "\"sg-web-\(s)-0001\""]))
            items.append(resource("aws_launch_template.\(s)", "aws_launch_template", s, ["id": "\"lt-\(s)-0000001\"", "vpc_security_group_ids": "[\"sg-web-\(s)-0001\"]"]))
            items.append(resource("aws_autoscaling_group.\(s)", "aws_autoscaling_group", s,
                                  ["id": "\"asg-\(s)\"", "name": "\"asg-\(s)\"", "min_size": "2", "max_size": "6", "desired_capacity": "3", "vpc_zone_identifier": subnets,
                                   "target_group_arns": "[\"\(arn):targetgroup/\(s)/b2\"]", "launch_template": "[{\"id\": \"lt-\(s)-0000001\", \"version\": \"$Latest\"}]"]))
            items.append(resource("aws_db_instance.\(s)", "aws_db_instance", s, ["id": "\"db-\(s)-identifier\"", "identifier": "\"db-\(s)\"", "multi_az": "true",
                                                                              "availability_zone": "\"us-east-1a\"", "engine": "\"postgres\"", "vpc_security_group_ids": "[\"sg-db-\(s)-00001\"]"]))
            items.append(resource("aws_sqs_queue.\(s)", "aws_sqs_queue", s, ["id": "\"https://sqs.us-east-1.amazonaws.com/123456789012/q-\(s)\"",
                                                                          "arn": "\"arn:aws:sqs:us-east-1:123456789012:q-\(s)\"", "name": "\"q-\(s)\""]))
            stack += 1
        }
        return "{\"format_version\": \"1.0\", \"terraform_version\": \"1.9.8\", \"values\": {\"root_module\": {\"resources\": [\n" + items.joined(separator: ",\n") + "\n]}}}\n"
    }

    private static func resource(_ address: String, _ type: String, _ name: String, _ values: [String: String], index: Int? = nil) -> String {
        let body = values.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
        return "  {\"address\": \"\(address)\", \"mode\": \"managed\", \"type\": \"\(type)\", \"name\": \"\(name)\""
            + (index.map { ", \"index\": \($0)" } ?? "")
            + ", \"provider_name\": \"registry.terraform.io/hashicorp/aws\", \"schema_version\": 0, \"values\": {\(body)}}"
    }

    /// `manifests` Kubernetes documents in files of 10: a Deployment and its Service per service, each
    /// Deployment calling the next two services through env vars.
    static func kubernetesFiles(manifests: Int) -> [(name: String, text: String)] {
        let services = max(1, manifests / 2)
        var files: [(String, String)] = []
        var documents: [String] = []
        for i in 0..<services {
            let calls = [(i + 1) % services, (i + 2) % services].filter { $0 != i }
            let env = calls.map { "            - name: SVC\($0)_ADDR\n              value: \"svc-\($0):8080\"" }.joined(separator: "\n")
            documents.append("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: svc-\(i)
                spec:
                  replicas: \(1 + i % 3)
                  selector:
                    matchLabels: {app: svc-\(i)}
                  template:
                    metadata:
                      labels: {app: svc-\(i)}
                    spec:
                      containers:
                        - name: app
                          image: registry.example.com/svc-\(i):1.0.0
                          ports: [{containerPort: 8080}]
                          livenessProbe: {periodSeconds: 10, httpGet: {path: /healthz, port: 8080}}
                          resources: {limits: {cpu: 500m, memory: 256Mi}}
                          env:
                \(env)
                """)
            documents.append("apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-\(i)\nspec:\n  selector: {app: svc-\(i)}\n  ports: [{port: 8080}]")
            if documents.count >= 10 || i == services - 1 {
                files.append((String(format: "manifests-%04d.yaml", files.count), documents.joined(separator: "\n---\n") + "\n"))
                documents = []
            }
        }
        return files
    }
}
