/// What each Terraform resource type means to the importer: a component, a part folded into one, a link
/// between components, or something the failure model leaves out (with the reason).
enum TerraformRole: Equatable {
    /// Becomes a component of this type; `sla` is the provider's published availability for a managed service.
    case component(ComponentType, layer: Int, sla: Double?)
    /// Folded into the component it refers to (a cluster's instances, a node group, an autoscaling target).
    case part
    /// Connects components (listeners, target groups, integrations, task definitions): followed when
    /// looking for dependencies.
    case link
    /// Security groups and their rules: dependencies from the rules.
    case securityGroup, securityRule
    /// Networks: read for the zones of what runs in them.
    case network
    /// Left out, with the reason.
    case skipped(String)
}

extension TerraformRole {
    /// Layers from the edge inwards: a component depends on the components of deeper layers it is linked to.
    static let dnsLayer = 0, edgeLayer = 1, balancerLayer = 2, computeLayer = 3, dataLayer = 4

    /// Published availability of AWS services (their SLAs, in percent), for components AWS runs.
    static let roles: [String: TerraformRole] = [
        "aws_route53_record": .component(.dns, layer: dnsLayer, sla: 100),
        "aws_cloudfront_distribution": .component(.loadBalancer, layer: edgeLayer, sla: 99.9),
        "aws_api_gateway_rest_api": .component(.loadBalancer, layer: edgeLayer, sla: 99.95),
        "aws_apigatewayv2_api": .component(.loadBalancer, layer: edgeLayer, sla: 99.95),
        "aws_lb": .component(.loadBalancer, layer: balancerLayer, sla: nil),
        "aws_alb": .component(.loadBalancer, layer: balancerLayer, sla: nil),
        "aws_elb": .component(.loadBalancer, layer: balancerLayer, sla: nil),
        "aws_autoscaling_group": .component(.appServer, layer: computeLayer, sla: nil),
        "aws_instance": .component(.appServer, layer: computeLayer, sla: nil),
        "aws_ecs_service": .component(.appServer, layer: computeLayer, sla: nil),
        "aws_eks_cluster": .component(.appServer, layer: computeLayer, sla: nil),
        "aws_lambda_function": .component(.appServer, layer: computeLayer, sla: 99.95),
        "aws_db_instance": .component(.database, layer: dataLayer, sla: nil),
        "aws_rds_cluster": .component(.database, layer: dataLayer, sla: nil),
        "aws_elasticache_replication_group": .component(.cache, layer: dataLayer, sla: nil),
        "aws_elasticache_cluster": .component(.cache, layer: dataLayer, sla: nil),
        "aws_dynamodb_table": .component(.database, layer: dataLayer, sla: 99.99),
        "aws_sqs_queue": .component(.queue, layer: dataLayer, sla: 99.9),
        "aws_sns_topic": .component(.queue, layer: dataLayer, sla: 99.9),
        "aws_kinesis_stream": .component(.queue, layer: dataLayer, sla: 99.9),
        "aws_s3_bucket": .component(.storage, layer: dataLayer, sla: 99.9),
        "aws_rds_cluster_instance": .part, "aws_eks_node_group": .part, "aws_appautoscaling_target": .part,
        "aws_autoscaling_policy": .part, "aws_appautoscaling_policy": .part,
        "aws_lb_listener": .link, "aws_alb_listener": .link, "aws_lb_listener_rule": .link, "aws_lb_target_group": .link,
        "aws_alb_target_group": .link, "aws_lb_target_group_attachment": .link, "aws_autoscaling_attachment": .link,
        "aws_launch_template": .link, "aws_launch_configuration": .link, "aws_ecs_task_definition": .link,
        "aws_api_gateway_integration": .link, "aws_apigatewayv2_integration": .link, "aws_apigatewayv2_route": .link,
        "aws_api_gateway_resource": .link, "aws_api_gateway_method": .link, "aws_api_gateway_deployment": .link,
        "aws_api_gateway_stage": .link, "aws_apigatewayv2_stage": .link,
        "aws_lambda_event_source_mapping": .link, "aws_sns_topic_subscription": .link,
        "aws_security_group": .securityGroup, "aws_security_group_rule": .securityRule,
        "aws_vpc_security_group_ingress_rule": .securityRule, "aws_vpc_security_group_egress_rule": .securityRule,
        "aws_subnet": .network, "aws_vpc": .network, "aws_db_subnet_group": .network, "aws_elasticache_subnet_group": .network,
        "aws_route53_zone": .skipped("a hosted zone: its records are the components"),
        "aws_ecs_cluster": .skipped("an ECS cluster: its services are the components"),
        "aws_lambda_permission": .skipped("an access policy, not a failure point"),
        "aws_key_pair": .skipped("SSH keys, not a failure point"),
        "aws_internet_gateway": .skipped("network plumbing AWS runs redundantly; not modelled"),
        "aws_nat_gateway": .skipped("a NAT gateway is not modelled (outbound traffic of private subnets)"),
        "aws_eip": .skipped("an address, not a failure point"),
        "aws_db_parameter_group": .skipped("database settings"), "aws_rds_cluster_parameter_group": .skipped("database settings"),
        "aws_elasticache_parameter_group": .skipped("cache settings"),
    ]

    /// Type prefixes left out, with the reason.
    static let skippedPrefixes: [(String, String)] = [
        ("aws_iam_", "access control, not a failure point"), ("aws_cloudwatch_", "monitoring, not a failure point"),
        ("aws_kms_", "encryption keys, not a failure point"), ("aws_acm_", "certificates, not a failure point"),
        ("aws_s3_bucket_", "bucket settings of a bucket already imported"), ("aws_route_table", "routing, not modelled"),
        ("aws_ssm_", "configuration, not a failure point"), ("aws_secretsmanager_", "credentials, not a failure point"),
        ("aws_ecr_", "the image registry is only used at deploy time"),
    ]

    /// The role of a resource type; unknown types are skipped by name.
    static func of(_ type: String) -> TerraformRole {
        if let role = roles[type] { return role }
        if let (_, reason) = skippedPrefixes.first(where: { type.hasPrefix($0.0) }) { return .skipped(reason) }
        return .skipped("unknown resource type '\(type)'")
    }

    /// Attributes whose values other resources use to refer to this one.
    static let identityAttributes = ["id", "arn", "dns_name", "address", "endpoint", "reader_endpoint", "invoke_arn", "url",
                                     "primary_endpoint_address", "configuration_endpoint_address", "fqdn", "execution_arn",
                                     "bucket_domain_name", "bucket_regional_domain_name", "api_endpoint", "domain_name", "name"]

    /// Attributes that name or describe the resource itself: never read as references to others.
    static let ownAttributes = Set(identityAttributes + ["identifier", "name_prefix", "description", "tags", "tags_all", "function_name", "bucket",
                                                         "replication_group_id", "cluster_identifier", "cluster_id", "family", "engine", "engine_version"])
}
