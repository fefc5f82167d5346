// The keys of every nested model section, as written in model files.
// Each table is the one place that names a section's keys, for reading and for writing.

extension ResourceMetrics: ModelSection {
    static let schema = Schema<Self>([
        .double("cpu_percent", \.cpuPercent), .double("memory_percent", \.memoryPercent),
        .double("memory_used_mb", \.memoryUsedMB), .double("memory_total_mb", \.memoryTotalMB),
        .double("disk_percent", \.diskPercent), .double("disk_used_gb", \.diskUsedGB),
        .double("disk_total_gb", \.diskTotalGB), .int("network_connections", \.networkConnections),
        .int("open_files", \.openFiles),
    ])
}

extension Capacity: ModelSection {
    static let schema = Schema<Self>([
        .int("max_connections", \.maxConnections), .int("max_rps", \.maxRPS),
        .int("connection_pool_size", \.connectionPoolSize), .double("max_memory_mb", \.maxMemoryMB),
        .double("max_disk_gb", \.maxDiskGB), .double("timeout_seconds", \.timeoutSeconds),
        .double("retry_multiplier", \.retryMultiplier),
    ])
}

extension AutoscalingConfig: ModelSection {
    static let schema = Schema<Self>([
        .bool("enabled", \.enabled), .int("min_replicas", \.minReplicas, min: 1), .int("max_replicas", \.maxReplicas, min: 1),
        .double("scale_up_threshold", \.scaleUpThreshold), .double("scale_down_threshold", \.scaleDownThreshold),
        .int("scale_up_delay_seconds", \.scaleUpDelaySeconds), .int("scale_down_delay_seconds", \.scaleDownDelaySeconds),
        .int("scale_up_step", \.scaleUpStep, min: 1),
    ])
}

extension FailoverConfig: ModelSection {
    static let schema = Schema<Self>([
        .bool("enabled", \.enabled), .double("promotion_time_seconds", \.promotionTimeSeconds),
        .double("health_check_interval_seconds", \.healthCheckIntervalSeconds),
        .int("failover_threshold", \.failoverThreshold),
        .string("standby_zone", key: \.standbyZone), .string("standby_region", key: \.standbyRegion),
    ])
}

extension CacheWarmingConfig: ModelSection {
    static let schema = Schema<Self>([
        .bool("enabled", \.enabled), .double("initial_hit_ratio", \.initialHitRatio, max: 1),
        .int("warm_duration_seconds", \.warmDurationSeconds), .string("warming_curve", key: \.warmingCurve),
    ])
}

extension SingleflightConfig: ModelSection {
    static let schema = Schema<Self>([.bool("enabled", \.enabled), .double("coalesce_ratio", \.coalesceRatio, max: 1)])
}

extension SLOTarget: ModelSection {
    static let schema = Schema<Self>([
        .string("name", key: \.name), .string("metric", key: \.metric), .double("target", \.target),
        .string("unit", key: \.unit), .int("window_days", \.windowDays, min: 1),
    ])
}

extension ExternalSLA: ModelSection {
    static let schema = Schema<Self>([.double("provider_sla", \.providerSLA, max: 100)])
}

extension CostProfile: ModelSection {
    static let schema = Schema<Self>([
        .double("hourly_infra_cost", \.hourlyInfraCost), .double("revenue_per_minute", \.revenuePerMinute),
        .double("sla_credit_percent", \.slaCreditPercent), .double("recovery_engineer_cost", \.recoveryEngineerCost),
        .double("monthly_contract_value", \.monthlyContractValue), .double("customer_ltv", \.customerLTV),
        .double("churn_rate_per_hour_outage", \.churnRatePerHourOutage), .int("recovery_team_size", \.recoveryTeamSize),
        .double("data_loss_cost_per_gb", \.dataLossCostPerGB),
    ])
}

extension Degradation: ModelSection {
    static let schema = Schema<Self>([
        .double("memory_leak_mb_per_hour", \.memoryLeakMBPerHour), .double("disk_fill_gb_per_hour", \.diskFillGBPerHour),
        .double("connection_leak_per_hour", \.connectionLeakPerHour),
    ])
}

extension OperationalProfile: ModelSection {
    static let schema = Schema<Self>([
        .double("mtbf_hours", \.mtbfHours), .double("mttr_minutes", \.mttrMinutes),
        .double("deploy_downtime_seconds", \.deployDowntimeSeconds),
        .double("maintenance_downtime_minutes", \.maintenanceDowntimeMinutes), .section("degradation", \.degradation),
    ])
}

extension RegionConfig: ModelSection {
    static let schema = Schema<Self>([
        .string("region", key: \.region), .string("availability_zone", key: \.availabilityZone),
        .bool("is_primary", \.isPrimary), .string("dr_target_region", key: \.drTargetRegion),
        .int("rpo_seconds", \.rpoSeconds), .int("rto_seconds", \.rtoSeconds),
    ])
}

extension NetworkProfile: ModelSection {
    static let schema = Schema<Self>([
        .double("rtt_ms", \.rttMs), .double("packet_loss_rate", \.packetLossRate, max: 1), .double("jitter_ms", \.jitterMs),
        .double("dns_resolution_ms", \.dnsResolutionMs), .double("tls_handshake_ms", \.tlsHandshakeMs),
    ])
}

extension RuntimeJitter: ModelSection {
    static let schema = Schema<Self>([
        .double("gc_pause_ms", \.gcPauseMs), .double("gc_pause_frequency", \.gcPauseFrequency),
        .double("scheduling_jitter_ms", \.schedulingJitterMs),
    ])
}

extension SecurityProfile: ModelSection {
    static let schema = Schema<Self>([
        .bool("encryption_at_rest", \.encryptionAtRest), .bool("encryption_in_transit", \.encryptionInTransit),
        .bool("waf_protected", \.wafProtected), .bool("rate_limiting", \.rateLimiting), .bool("auth_required", \.authRequired),
        .bool("network_segmented", \.networkSegmented), .bool("backup_enabled", \.backupEnabled),
        .double("backup_frequency_hours", \.backupFrequencyHours), .double("patch_sla_hours", \.patchSLAHours),
        .bool("log_enabled", \.logEnabled), .bool("ids_monitored", \.idsMonitored),
    ])
}

extension ComplianceTags: ModelSection {
    static let schema = Schema<Self>([
        .string("data_classification", key: \.dataClassification), .bool("pci_scope", \.pciScope),
        .bool("contains_pii", \.containsPII), .bool("contains_phi", \.containsPHI),
        .bool("audit_logging", \.auditLogging), .bool("change_management", \.changeManagement),
    ])
}

extension OperationalTeam: ModelSection {
    static let schema = Schema<Self>([
        .int("team_size", \.teamSize), .double("oncall_coverage_hours", \.oncallCoverageHours, max: 24),
        .int("timezone_coverage", \.timezoneCoverage), .double("mean_acknowledge_time_minutes", \.meanAcknowledgeTimeMinutes),
        .double("mean_diagnosis_time_minutes", \.meanDiagnosisTimeMinutes),
        .double("runbook_coverage_percent", \.runbookCoveragePercent, max: 100),
        .double("automation_percent", \.automationPercent, max: 100),
    ])
}

extension CircuitBreakerConfig: ModelSection {
    static let schema = Schema<Self>([
        .bool("enabled", \.enabled), .int("failure_threshold", \.failureThreshold, min: 1),
        .double("recovery_timeout_seconds", \.recoveryTimeoutSeconds), .int("half_open_max_requests", \.halfOpenMaxRequests),
        .int("success_threshold", \.successThreshold),
    ])
}

extension RetryStrategy: ModelSection {
    static let schema = Schema<Self>([
        .bool("enabled", \.enabled), .int("max_retries", \.maxRetries), .double("initial_delay_ms", \.initialDelayMs),
        .double("max_delay_ms", \.maxDelayMs), .double("multiplier", \.multiplier), .bool("jitter", \.jitter),
        .double("retry_budget_per_second", \.retryBudgetPerSecond),
    ])
}

extension FallbackConfig: ModelSection {
    static let schema = Schema<Self>([
        .bool("enabled", \.enabled), .string("target", key: \.target),
        .custom("latency_ms", read: { root, node, ctx, path in
            if let value = Read.double(node, path(), ctx, min: 0, max: nil) { root.latencyMs = value }
        }, write: { root, _ in root.latencyMs.map { .double($0) } }),
        .double("load_percent", \.loadPercent),
    ])
}

extension RedundancyGroup: ModelSection {
    static let schema = Schema<Self>([
        .string("name", key: \.name), .int("min_healthy", \.minHealthy, min: 1), .strings("members", \.members),
    ], required: ["members"])
}

extension EntryPointConfig: ModelSection {
    static let schema = Schema<Self>([.double("weight", \.weight), .bool("critical", \.critical)])
}

extension DomainOutageRate: ModelSection {
    static let schema = Schema<Self>([
        .double("outages_per_year", \.outagesPerYear), .double("mean_outage_hours", \.meanOutageHours),
    ])
}

extension FailureDomainSettings: ModelSection {
    static let schema = Schema<Self>([.section("zone", \.zone), .section("region", \.region), .section("host", \.host),
                                      .section("provider", \.provider)])
}
