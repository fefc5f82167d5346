#!/usr/bin/env python3
"""Writes Sources/FaultRayServer/openapi.json, the OpenAPI 3.1 document of every route.

Run it after changing a route or a response type: `python3 scripts/openapi.py`. The server tests
check that the document and the router list the same routes.
"""
import json
import os
import sys
from collections import OrderedDict

REF = lambda name: {"$ref": f"#/components/schemas/{name}"}
RESP = lambda name: {"$ref": f"#/components/responses/{name}"}


def obj(props, required=None, closed=True, description=None, **extra):
    """An object schema; every property is required unless listed otherwise in `required`."""
    out = OrderedDict()
    if description:
        out["description"] = description
    out["type"] = "object"
    out["required"] = list(props.keys()) if required is None else required
    if not out["required"]:
        del out["required"]
    out["properties"] = OrderedDict(props)
    if closed:
        out["additionalProperties"] = False
    out.update(extra)
    return out


def s(t, description=None, **kw):
    out = OrderedDict()
    if description:
        out["description"] = description
    out["type"] = t
    out.update(kw)
    return out


# Bounds of every number in a model (Sources/FaultRayCore/Model/Schema.swift: largestInt, largestNumber).
LARGEST_INT = 1_000_000_000
LARGEST_NUMBER = 1e12
# The most replicas a what-if may ask for (WhatIf.maxReplicas).
WHATIF_MAX_REPLICAS = 100_000
INT0 = lambda d=None, **kw: s("integer", d, minimum=0, **kw)
NUM = lambda d=None, **kw: s("number", d, **kw)
STR = lambda d=None, **kw: s("string", d, **kw)
BOOL = lambda d=None: s("boolean", d)
ARR = lambda items, d=None, **kw: OrderedDict([*([("description", d)] if d else []), ("type", "array"), ("items", items), *kw.items()])

class Schemas(OrderedDict):
    """The component schemas; a name is defined once (a second definition would silently replace the first)."""

    def __setitem__(self, key, value):
        if key in self:
            raise SystemExit(f"schema {key} is defined twice")
        super().__setitem__(key, value)


schemas = Schemas()

# ---------------------------------------------------------------- errors
schemas["Error"] = obj({
    "error": obj({
        "code": s("integer", "The HTTP status code of the answer.", minimum=400, maximum=599),
        "message": STR("What went wrong and, where possible, how to fix it."),
    }),
}, description="The one error envelope: every non-2xx answer has this body.",
   examples=[{"error": {"code": 404, "message": "Component 'databse' not found. Did you mean 'database'?"}}])

# ---------------------------------------------------------------- enums
schemas["Health"] = s("string", "Health of a component, from best to worst.",
                      enum=["healthy", "degraded", "overloaded", "down"])
schemas["Severity"] = s("string", "Severity class of a risk score: critical from 7, warning from 4, passed below.",
                        enum=["critical", "warning", "passed"])
schemas["RiskLevel"] = s("string", "Risk level of a component, from its SPOF status and utilization.",
                         enum=["critical", "high", "medium", "low"])
schemas["Grade"] = s("string", "Letter grade of a resilience score: A+ from 95, A from 90, B from 80, C from 70, D from 60, F below.",
                     enum=["A+", "A", "B", "C", "D", "F"])
schemas["ComponentType"] = s("string", "Kind of infrastructure a component represents.", enum=[
    "load_balancer", "web_server", "app_server", "database", "cache", "queue", "storage", "dns",
    "external_api", "custom", "ai_agent", "llm_endpoint", "tool_service", "agent_orchestrator"])
schemas["DependencyType"] = s("string", "How the source of a dependency depends on its target.",
                              enum=["requires", "optional", "async"])
schemas["ScenarioCategory"] = s("string", "Category of a generated failure scenario.", enum=[
    "single_failure", "instance_failure", "typed_fault", "traffic_spike", "host_outage", "zone_outage",
    "region_outage", "pair", "marketplace"])
schemas["ScoreCategory"] = s("string", "Category of the resilience score; each has a ceiling of points it can cost.", enum=[
    "single_points_of_failure", "capacity_headroom", "unprotected_external_dependencies", "dependency_depth",
    "dependency_cycles", "failure_domains"])
schemas["ScoreTrigger"] = s("string", "What caused a score-history entry: a model load or replacement, or a full run.",
                            enum=["model_change", "simulation"])
schemas["ResilienceScore"] = NUM("Resilience score, 0 to 100.", minimum=0, maximum=100)
schemas["Timestamp"] = STR("ISO-8601 date and time with offset, e.g. `2026-11-29T04:19:25+00:00`.", format="date-time")

# ---------------------------------------------------------------- scoring
schemas["AvailabilityFigures"] = obj({
    "percent": NUM("Availability in percent (6 decimals).", minimum=0, maximum=100),
    "nines": NUM("Number of nines (2 decimals), at most 12.", minimum=0, maximum=12),
    "annual_downtime_minutes": NUM("Expected minutes of downtime per year (2 decimals).", minimum=0),
}, description="Availability of the weakest entry point.")
schemas["EventDescription"] = obj(OrderedDict([
    ("kind", s("string", "What the event is.", enum=["instances", "external", "standby", "zone", "region", "host", "provider"])),
    ("component", STR("The component, for `instances`, `external` and `standby`.")),
    ("instances", s("integer", "For `instances`: how many are lost at once.", minimum=1)),
    ("of", s("integer", "For `instances`: of how many.", minimum=1)),
    ("domain", STR("For `zone`, `region`, `host` and `provider`: its name.")),
    ("probability", NUM("Steady-state probability that the event is in force.", minimum=0, maximum=1)),
    ("label", STR("A readable name.")),
]), required=["kind", "probability", "label"], description="A basic event of the reliability model.")
schemas["EventImportance"] = obj({
    "event": REF("EventDescription"),
    "birnbaum": NUM("P(down | event) - P(down | no event).", minimum=0, maximum=1),
    "fussell_vesely": NUM("Share of the unavailability that goes away without the event.", minimum=0, maximum=1),
}, description="One event's importance for an entry point.")
schemas["DomainRateFigures"] = obj({
    "outages_per_year": NUM(minimum=0), "mean_outage_hours": NUM(minimum=0),
    "unavailability": NUM(minimum=0, maximum=1),
}, description="A failure domain's outage rate.")
schemas["EntryPointReliability"] = obj(OrderedDict([
    ("entry", STR()), ("weight", NUM(minimum=0)), ("critical", BOOL()),
    ("availability", REF("AvailabilityFigures")),
    ("interval", obj({"low_percent": NUM(minimum=0, maximum=100), "high_percent": NUM(minimum=0, maximum=100)},
                     description="95 % interval of the availability (a point when exact).")),
    ("independent", REF("AvailabilityFigures")),
    ("fully_working", REF("AvailabilityFigures")),
    ("switchover_minutes_per_year", NUM(minimum=0)),
    ("method", s("string", enum=["exact", "monte_carlo"])),
    ("samples", s("integer", "Monte Carlo samples, when sampled.", minimum=1)),
    ("top_contributors", ARR(REF("EventImportance"))),
]), required=["entry", "weight", "critical", "availability", "interval", "independent", "fully_working",
              "switchover_minutes_per_year", "method", "top_contributors"], description="One entry point's availability.")
schemas["AvailabilityReport"] = obj(OrderedDict([
    ("entry_points", ARR(REF("EntryPointReliability"))),
    ("weakest", STR("The weakest entry point.")),
    ("overall", REF("AvailabilityFigures")),
    ("zone_outage", REF("DomainRateFigures")),
    ("region_outage", REF("DomainRateFigures")),
    ("unplaced_components", ARR(STR(), "Components with neither zone nor region: no common-cause event is counted for them.")),
    ("note", STR()),
]), required=["entry_points", "overall", "zone_outage", "region_outage", "unplaced_components", "note"],
    description="Every entry point's availability.")
schemas["CutSetFigures"] = obj({
    "order": s("integer", minimum=1), "events": ARR(REF("EventDescription")),
    "probability": NUM(minimum=0, maximum=1), "frequency_per_year": NUM("How often these are in force together.", minimum=0),
}, description="A minimal cut set.")
schemas["CutSetReport"] = obj(OrderedDict([
    ("entry", STR()), ("max_order", s("integer", minimum=1, maximum=4)),
    ("counts_by_order", ARR(INT0())), ("total", INT0()), ("listed", INT0()), ("truncated", BOOL()),
    ("cut_sets", ARR(REF("CutSetFigures"))), ("importance", ARR(REF("EventImportance"))),
]), description="An entry point's minimal cut sets.")
schemas["Finding"] = obj({
    "category": REF("ScoreCategory"),
    "component": STR("The component concerned, when the finding is about one."),
    "points": NUM("Points this finding costs.", minimum=0),
    "message": STR(),
    "fix": STR("What would remove the finding."),
}, required=["category", "points", "message", "fix"], description="One reason the score is below 100.")
schemas["CategoryScore"] = obj({
    "category": REF("ScoreCategory"),
    "max_points": NUM("The most this category can cost.", minimum=0),
    "points_lost": NUM(minimum=0),
    "findings": INT0("Number of findings in this category."),
}, description="Points lost in one scoring category.")
schemas["ScoreDecomposition"] = obj({
    "score": REF("ResilienceScore"),
    "grade": REF("Grade"),
    "categories": ARR(REF("CategoryScore")),
    "findings": ARR(REF("Finding")),
}, description="Why the score is what it is: points lost per category and each finding with its fix.")

# ---------------------------------------------------------------- model summary
schemas["ModelSummary"] = obj({
    "status": STR("Always `loaded`.", enum=["loaded"]),
    "name": STR("Name of the model (may be empty)."),
    "components": INT0("Number of components."),
    "dependencies": INT0("Number of dependencies."),
    "resilience_score": REF("ResilienceScore"),
    "grade": REF("Grade"),
    "spof_count": INT0("Number of single points of failure."),
    "availability": REF("AvailabilityFigures"),
}, description="The model now loaded and its headline figures.")

# ---------------------------------------------------------------- topology
schemas["TopologyNode"] = obj({
    "id": STR(),
    "name": STR(),
    "type": REF("ComponentType"),
    "replicas": s("integer", minimum=1),
    "utilization": NUM("Utilization in percent (1 decimal).", minimum=0),
    "health": REF("Health"),
    "is_spof": BOOL("Whether the component is a single point of failure."),
    "risk_level": REF("RiskLevel"),
    "dependents_count": INT0("Components that depend on this one."),
    "dependencies_count": INT0("Components this one depends on."),
})
schemas["TopologyEdge"] = obj({
    "source": STR("The component that depends on `target`."),
    "target": STR(),
    "dependency_type": REF("DependencyType"),
    "weight": NUM(minimum=0, maximum=1),
    "critical": BOOL("A `requires` edge without a circuit breaker: the source goes down with the target."),
})
schemas["TopologyMetadata"] = obj({
    "total_components": INT0(),
    "total_edges": INT0(),
    "resilience_score": REF("ResilienceScore"),
    "grade": REF("Grade"),
    "score_decomposition": REF("ScoreDecomposition"),
})
schemas["Topology"] = obj({
    "nodes": ARR(REF("TopologyNode"), "The components, in model order."),
    "edges": ARR(REF("TopologyEdge"), "The dependencies, in model order."),
    "metadata": REF("TopologyMetadata"),
}, description="Nodes and edges for drawing, with risk, SPOFs and the score's decomposition.")

# ---------------------------------------------------------------- simulation
schemas["AffectedComponent"] = obj({
    "id": STR(),
    "health": REF("Health"),
    "reason": STR("Why the component reached this health."),
    "time_seconds": NUM("Simulated seconds after the fault when it reached this health.", minimum=0),
    "caused_by": STR("The dependency whose failure caused this; absent for an injected fault."),
}, required=["id", "health", "reason", "time_seconds"], description="A component's final state in a cascade.")
schemas["Wave"] = obj({
    "wave": INT0("0 for the injected faults, then 1, 2, … in time order."),
    "time_seconds": NUM(minimum=0),
    "components": ARR(REF("AffectedComponent")),
}, description="Components whose health changed at one simulated time.")
schemas["CascadeResult"] = obj({
    "root_cause": STR("The failed component (ids joined with `+` when several fail)."),
    "total_affected": INT0("Distinct components left unhealthy."),
    "risk_score": NUM("0 to 10 (1 decimal).", minimum=0, maximum=10),
    "severity": REF("Severity"),
    "waves": ARR(REF("Wave"), minItems=1),
    "blast_radius_score": NUM("Share of components affected (2 decimals).", minimum=0, maximum=1),
    "recovery_time_estimate": STR(enum=["< 5 minutes", "5-15 minutes", "15-30 minutes", "30-60 minutes", "1-4 hours", "> 4 hours"]),
    "recovery_time_minutes": NUM("From the failed component's MTTR, or its failover switchover time (1 decimal).", minimum=0),
    "likelihood": NUM("Annual probability of this failure (6 decimals).", minimum=0, maximum=1),
    "expected_annual_impact_minutes": NUM("Expected minutes per year of entry-point outage from this failure (2 decimals).", minimum=0),
}, description="The outcome of one failure: the cascade in waves, its risk and recovery.")
schemas["ScenarioResult"] = obj({
    "id": STR(),
    "name": STR(),
    "category": REF("ScenarioCategory"),
    "risk_score": NUM(minimum=0, maximum=10),
    "severity": REF("Severity"),
    "total_affected": INT0(),
    "components_down": INT0(),
    "merged_scenarios": ARR(STR(), "Ids of scenarios with exactly the same starting faults, reported once under this one."),
    "affected": ARR(REF("ComponentHealth"), "The components left unhealthy, in model order."),
    "entry_points": ARR(REF("ComponentHealth"), "Every entry point's health after the scenario, in model order."),
}, description="One scenario's outcome in a full run.")
schemas["ComponentHealth"] = obj({
    "id": STR(),
    "health": REF("Health"),
}, description="A component's health after a scenario.")
schemas["FaultRequest"] = obj({
    "fault": STR("The fault's kind (default `component_down`, a crash): `hang` stops answering (callers wait for their timeout).",
                 enum=["component_down", "hang", "instance_failure", "latency_spike", "cpu_saturation", "memory_exhaustion",
                       "disk_full", "connection_pool_exhaustion", "network_partition"]),
    "latency_ms": NUM("A latency_spike's size: milliseconds added to every answer, compared with each caller's timeout.",
                      minimum=0, maximum=86_400_000),
}, required=[], description="The fault to simulate; an empty or absent body takes the component down. `latency_ms` sizes a latency_spike "
   "(alone, it implies one).", dependentSchemas={"latency_ms": {"properties": {"fault": {"const": "latency_spike"}}}},
   examples=[{"fault": "latency_spike", "latency_ms": 3000}])
schemas["CategoryCount"] = obj({
    "category": REF("ScenarioCategory"),
    "generated": INT0(),
    "run": INT0(),
    "critical": INT0(),
    "warning": INT0(),
    "passed": INT0(),
}, description="Counts for one category of scenarios.")
schemas["SimulationRun"] = obj({
    "run_id": s("integer", "Id of the score-history entry recorded for this run.", minimum=1),
    "timestamp": REF("Timestamp"),
    "resilience_score": REF("ResilienceScore"),
    "grade": REF("Grade"),
    "total_scenarios": INT0(),
    "generated": INT0(),
    "merged": INT0("Scenarios identical to an earlier one (same starting faults), reported under it."),
    "run": INT0(),
    "skipped": INT0(),
    "critical": INT0(),
    "warning": INT0(),
    "passed": INT0(),
    "categories": ARR(REF("CategoryCount"), "One entry per scenario category, in a fixed order."),
    "scenarios": ARR(REF("ScenarioResult"), "Every non-pair scenario run, worst first."),
    "worst_pairs": ARR(REF("ScenarioResult"), "The worst pairs of component failures (every pair is run and counted).", maxItems=20),
    "critical_only_together": INT0("Pairs critical together while neither failure is critical alone (order-2 cut sets of the service)."),
    "critical_together_pairs": ARR(REF("ScenarioResult"), "The worst of those pairs.", maxItems=20),
}, description="The report of a full run, with the id of its score-history entry.")

# ---------------------------------------------------------------- what-if
schemas["Modification"] = obj({
    "replicas": s("integer", "New replica count.", minimum=1, maximum=WHATIF_MAX_REPLICAS),
    "circuit_breaker": BOOL("Turn circuit breakers on (or off) for every dependency on this component."),
    "failover": BOOL("Enable (or disable) failover."),
    "autoscaling": BOOL("Enable (or disable) autoscaling."),
    "health_check": BOOL("Health checks every 10 s (true) or none (false)."),
}, required=[], description="Changes to try on one component; unknown keys are rejected.")
schemas["WhatIfRequest"] = obj({
    "modifications": s("object", "Changes keyed by component id.", additionalProperties=REF("Modification")),
}, description="Changes to try without touching the loaded model.",
   examples=[{"modifications": {"database": {"replicas": 3, "failover": True}}}])
schemas["WhatIfResult"] = obj({
    "resilience_score": REF("ResilienceScore"),
    "baseline_score": REF("ResilienceScore"),
    "delta": NUM("Modified minus baseline score (1 decimal)."),
    "spof_count": INT0(),
    "baseline_spof_count": INT0(),
    "grade": REF("Grade"),
    "availability": REF("AvailabilityFigures"),
    "baseline_availability": REF("AvailabilityFigures"),
    "recommendations": ARR(STR(), "The top findings still costing points on the modified model, with their fixes.", maxItems=5),
}, description="The before and after of a what-if.")

# ---------------------------------------------------------------- system
schemas["APIVersion"] = obj({
    "version": STR(examples=["v1"]),
    "status": STR("`stable` or `beta`."),
    "prefix": STR(examples=["/api/v1"]),
    "release_date": STR(format="date"),
    "changelog": ARR(STR()),
}, description="One API version, its status and what changed in it.")
schemas["Versions"] = obj({"versions": ARR(REF("APIVersion"))})
schemas["HealthReport"] = obj({
    "status": STR("`healthy`, or `degraded` while the store fails (probed when asked, at most once a second).", enum=["healthy", "degraded"]),
    "version": STR("The FaultRay release.", examples=["0.3.0"]),
    "uptime": STR(examples=["0h 12m 5s"], pattern="^[0-9]+h [0-9]+m [0-9]+s$"),
    "uptime_seconds": NUM(minimum=0),
    "components_loaded": INT0("Components of the default project's model (0 when it has none)."),
    "api_versions": ARR(REF("APIVersion")),
    "rate_limit_tiers": obj({k: INT0() for k in ["basic", "enterprise", "free", "pro"]},
                            description="Requests per minute of each tier."),
    "rate_limiting": STR("Whether the tiers are enforced on this server.", enum=["off", "on"]),
    "timestamp": REF("Timestamp"),
})
schemas["ScoreEntry"] = obj({
    "id": s("integer", minimum=1),
    "timestamp": REF("Timestamp"),
    "trigger": REF("ScoreTrigger"),
    "score": REF("ResilienceScore"),
    "grade": REF("Grade"),
    "components": INT0(),
    "dependencies": INT0(),
    "spof_count": INT0(),
    "scenarios": INT0("Scenarios run (full runs only)."),
    "critical": INT0("Full runs only."),
    "warning": INT0("Full runs only."),
    "passed": INT0("Full runs only."),
}, required=["id", "timestamp", "trigger", "score", "grade", "components", "dependencies", "spof_count"],
   description="One entry of the score history, written on every model change and full run.")
schemas["ScoreHistory"] = obj({
    "history": ARR(REF("ScoreEntry"), "Newest first."),
    "count": INT0("Number of entries in `history`."),
})
schemas["DashboardSummary"] = obj({
    "name": STR(),
    "resilience_score": REF("ResilienceScore"),
    "grade": REF("Grade"),
    "sla_estimate": STR("Availability of the weakest entry point, rounded down to three decimals, e.g. `99.977%`.",
                        pattern="^[0-9]+(\\.[0-9]+)?%$"),
    "availability": REF("AvailabilityFigures"),
    "spof_count": INT0(),
    "components": INT0(),
    "dependencies": INT0(),
    "last_run": {"$ref": "#/components/schemas/ScoreEntry", "description": "The last full run (`POST /api/simulate`), absent when none."},
    "top_risks": ARR(REF("Finding"), "The findings that cost the most points.", maxItems=5),
}, required=["name", "resilience_score", "grade", "sla_estimate", "availability", "spof_count", "components",
             "dependencies", "top_risks"], description="The headline figures of the loaded model.")
schemas["OpenAPIDocument"] = s("object", "This OpenAPI 3.1 document.", required=["openapi", "info", "paths"])

# ---------------------------------------------------------------- model document
# Section keys, as in Sources/FaultRayCore/Model/Sections.swift: (key, kind, min, max).
I, D, B, T = "int", "double", "bool", "string"
SECTIONS = OrderedDict([
    ("ModelMetrics", [("cpu_percent", D), ("memory_percent", D), ("memory_used_mb", D), ("memory_total_mb", D),
                      ("disk_percent", D), ("disk_used_gb", D), ("disk_total_gb", D), ("network_connections", I),
                      ("open_files", I)]),
    ("ModelCapacity", [("max_connections", I), ("max_rps", I), ("connection_pool_size", I), ("max_memory_mb", D),
                       ("max_disk_gb", D), ("timeout_seconds", D), ("retry_multiplier", D)]),
    ("ModelAutoscaling", [("enabled", B), ("min_replicas", I, 1), ("max_replicas", I, 1), ("scale_up_threshold", D),
                          ("scale_down_threshold", D), ("scale_up_delay_seconds", I), ("scale_down_delay_seconds", I),
                          ("scale_up_step", I, 1)]),
    ("ModelFailover", [("enabled", B), ("promotion_time_seconds", D), ("health_check_interval_seconds", D),
                       ("failover_threshold", I), ("standby_zone", T), ("standby_region", T)]),
    ("ModelCacheWarming", [("enabled", B), ("initial_hit_ratio", D, 0, 1), ("warm_duration_seconds", I),
                           ("warming_curve", T)]),
    ("ModelSingleflight", [("enabled", B), ("coalesce_ratio", D, 0, 1)]),
    ("ModelSLOTarget", [("name", T), ("metric", T), ("target", D), ("unit", T), ("window_days", I, 1)]),
    ("ModelExternalSLA", [("provider_sla", D, 0, 100)]),
    ("ModelCostProfile", [("hourly_infra_cost", D), ("revenue_per_minute", D), ("sla_credit_percent", D),
                          ("recovery_engineer_cost", D), ("monthly_contract_value", D), ("customer_ltv", D),
                          ("churn_rate_per_hour_outage", D), ("recovery_team_size", I), ("data_loss_cost_per_gb", D)]),
    ("ModelDegradation", [("memory_leak_mb_per_hour", D), ("disk_fill_gb_per_hour", D), ("connection_leak_per_hour", D)]),
    ("ModelOperationalProfile", [("mtbf_hours", D), ("mttr_minutes", D), ("deploy_downtime_seconds", D),
                                 ("maintenance_downtime_minutes", D), ("degradation", "ModelDegradation")]),
    ("ModelRegion", [("region", T), ("availability_zone", T), ("is_primary", B), ("dr_target_region", T),
                     ("rpo_seconds", I), ("rto_seconds", I)]),
    ("ModelNetwork", [("rtt_ms", D), ("packet_loss_rate", D, 0, 1), ("jitter_ms", D), ("dns_resolution_ms", D),
                      ("tls_handshake_ms", D)]),
    ("ModelRuntimeJitter", [("gc_pause_ms", D), ("gc_pause_frequency", D), ("scheduling_jitter_ms", D)]),
    ("ModelSecurity", [("encryption_at_rest", B), ("encryption_in_transit", B), ("waf_protected", B),
                       ("rate_limiting", B), ("auth_required", B), ("network_segmented", B), ("backup_enabled", B),
                       ("backup_frequency_hours", D), ("patch_sla_hours", D), ("log_enabled", B), ("ids_monitored", B)]),
    ("ModelComplianceTags", [("data_classification", T), ("pci_scope", B), ("contains_pii", B), ("contains_phi", B),
                             ("audit_logging", B), ("change_management", B)]),
    ("ModelTeam", [("team_size", I), ("oncall_coverage_hours", D, 0, 24), ("timezone_coverage", I),
                   ("mean_acknowledge_time_minutes", D), ("mean_diagnosis_time_minutes", D),
                   ("runbook_coverage_percent", D, 0, 100), ("automation_percent", D, 0, 100)]),
    ("ModelCircuitBreaker", [("enabled", B), ("failure_threshold", I, 1), ("recovery_timeout_seconds", D),
                             ("half_open_max_requests", I), ("success_threshold", I)]),
    ("ModelRetryStrategy", [("enabled", B), ("max_retries", I), ("initial_delay_ms", D), ("max_delay_ms", D),
                            ("multiplier", D), ("jitter", B), ("retry_budget_per_second", D)]),
    ("ModelFallback", [("enabled", B), ("target", T), ("latency_ms", D), ("load_percent", D)]),
    ("ModelEntryPoint", [("weight", D), ("critical", B)]),
    ("ModelDomainOutageRate", [("outages_per_year", D), ("mean_outage_hours", D)]),
    ("ModelFailureDomains", [("zone", "ModelDomainOutageRate"), ("region", "ModelDomainOutageRate"),
                             ("host", "ModelDomainOutageRate"), ("provider", "ModelDomainOutageRate")]),
])

# Strings in a model are any non-null scalar (a number or boolean is taken as its text).
schemas["ModelText"] = s(["string", "number", "boolean"],
                         "A string; a number or boolean is read as its text. Models written by FaultRay use strings.")


def field_schema(kind, lo=None, hi=None):
    if kind == I:
        out = s("integer", minimum=0 if lo is None else lo, maximum=LARGEST_INT)
    elif kind == D:
        out = s("number", minimum=0 if lo is None else lo, maximum=LARGEST_NUMBER if hi is None else hi)
    elif kind == B:
        out = s("boolean")
    elif kind == T:
        out = REF("ModelText")
    else:
        out = REF(kind)
    return out


for name, fields in SECTIONS.items():
    props = OrderedDict()
    for f in fields:
        props[f[0]] = field_schema(f[1], *(f[2:]))
    schemas[name] = obj(props, required=[], description="Every key is optional; a key left out keeps its default (see docs/model-format.md).")

schemas["ModelRedundancyGroup"] = obj(OrderedDict([
    ("name", REF("ModelText")),
    ("min_healthy", s("integer", minimum=1, maximum=LARGEST_INT)),
    ("members", ARR(REF("ModelText"))),
]), required=["members"], description="At least `min_healthy` (default 1) of `members`, dependencies of the component, must work.")
schemas["ModelParameters"] = s("object", "Free-form settings; each value is a number, string or boolean.",
                               additionalProperties={"anyOf": [s("number", minimum=-LARGEST_NUMBER, maximum=LARGEST_NUMBER), s(["string", "boolean"])]})
component_props = OrderedDict([
    ("id", REF("ModelText")),
    ("name", REF("ModelText")),
    ("type", REF("ComponentType")),
    ("description", REF("ModelText")),
    ("host", REF("ModelText")),
    ("port", INT0(maximum=LARGEST_INT)),
    ("replicas", s("integer", minimum=1, maximum=LARGEST_INT)),
    ("health", REF("Health")),
    ("owner", REF("ModelText")),
    ("team", {"description": "A string names the owner; a mapping describes the on-call team.",
              "anyOf": [REF("ModelText"), REF("ModelTeam")]}),
    ("tags", ARR(REF("ModelText"))),
    ("metrics", REF("ModelMetrics")),
    ("capacity", REF("ModelCapacity")),
    ("autoscaling", REF("ModelAutoscaling")),
    ("failover", REF("ModelFailover")),
    ("cache_warming", REF("ModelCacheWarming")),
    ("singleflight", REF("ModelSingleflight")),
    ("slo_targets", ARR(REF("ModelSLOTarget"))),
    ("external_sla", {"description": "Availability promised by a third party; absent or null when none.",
                      "anyOf": [REF("ModelExternalSLA"), s("null")]}),
    ("cost_profile", REF("ModelCostProfile")),
    ("operational_profile", REF("ModelOperationalProfile")),
    ("region", REF("ModelRegion")),
    ("network", REF("ModelNetwork")),
    ("runtime_jitter", REF("ModelRuntimeJitter")),
    ("security", REF("ModelSecurity")),
    ("compliance_tags", REF("ModelComplianceTags")),
    ("redundancy_groups", ARR(REF("ModelRedundancyGroup"))),
    ("entry_point", REF("ModelEntryPoint")),
    ("provider", REF("ModelText")),
    ("parameters", REF("ModelParameters")),
    ("agent_config", REF("ModelParameters")),
    ("llm_config", REF("ModelParameters")),
    ("tool_config", REF("ModelParameters")),
    ("orchestrator_config", REF("ModelParameters")),
])
schemas["ModelComponent"] = obj(component_props, required=["id"],
                                description="One component. Only `id` is required; `id`s are unique and not empty. "
                                            "`agent_config`, `llm_config`, `tool_config` and `orchestrator_config` are older spellings merged into `parameters`.")
dependency_props = OrderedDict([
    ("source", REF("ModelText")), ("source_id", REF("ModelText")),
    ("target", REF("ModelText")), ("target_id", REF("ModelText")),
    ("type", REF("DependencyType")), ("dependency_type", REF("DependencyType")),
    ("protocol", REF("ModelText")),
    ("port", INT0(maximum=LARGEST_INT)),
    ("latency_ms", NUM(minimum=0, maximum=LARGEST_NUMBER)),
    ("weight", NUM(minimum=0, maximum=1)),
    ("circuit_breaker", REF("ModelCircuitBreaker")),
    ("retry_strategy", REF("ModelRetryStrategy")),
    ("fallback", REF("ModelFallback")),
])
schemas["ModelDependency"] = obj(dependency_props, required=[],
                                 description="`source` depends on `target` (both ids of components, not the same). "
                                             "`source_id`, `target_id` and `dependency_type` are alternative spellings of `source`, `target` and `type`; give one of each pair.")
schemas["ModelDependency"]["allOf"] = [
    {"anyOf": [{"required": ["source"]}, {"required": ["source_id"]}]},
    {"anyOf": [{"required": ["target"]}, {"required": ["target_id"]}]},
]
schemas["Model"] = obj(OrderedDict([
    ("schema_version", {"description": "Version of the format; any scalar, not checked. FaultRay writes `\"4.0\"`.",
                        "type": ["string", "number", "boolean", "null"]}),
    ("name", REF("ModelText")),
    ("description", REF("ModelText")),
    ("components", ARR(REF("ModelComponent"), "The components, in input order (may be empty, but the key must be present).")),
    ("dependencies", {"description": "The dependency arrows; may be left out or null.",
                      "anyOf": [ARR(REF("ModelDependency")), s("null")]}),
    ("failure_domains", REF("ModelFailureDomains")),
]), required=["components"],
    description="An infrastructure model, as YAML or JSON; see docs/model-format.md for every key, default and bound. "
                "Unknown keys are rejected with a 400 that names them.",
    examples=[{"name": "Small shop", "components": [
        {"id": "lb", "type": "load_balancer", "replicas": 2},
        {"id": "app", "type": "app_server", "replicas": 3},
        {"id": "db", "type": "database"}],
        "dependencies": [{"source": "lb", "target": "app"}, {"source": "app", "target": "db", "type": "requires"}]}])

# The written model: canonical keys only, values that differ from the defaults.
resp_component = obj(OrderedDict((k, v) for k, v in component_props.items()
                                 if k not in ("agent_config", "llm_config", "tool_config", "orchestrator_config")),
                     required=["id"], description="One component, with only the keys whose values differ from the defaults.")
resp_component["properties"]["id"] = STR()
resp_component["properties"]["name"] = STR("Present when it differs from the id.")
for k in ("description", "host", "owner"):
    resp_component["properties"][k] = STR()
resp_component["properties"]["tags"] = ARR(STR())
resp_component["properties"]["team"] = REF("ModelTeam")
resp_component["properties"]["external_sla"] = REF("ModelExternalSLA")
schemas["ModelDocumentComponent"] = resp_component
resp_dependency = obj(OrderedDict((k, v) for k, v in dependency_props.items()
                                  if k not in ("source_id", "target_id", "dependency_type")),
                      required=["source", "target"], description="One dependency, with only the keys whose values differ from the defaults.")
for k in ("source", "target", "protocol"):
    resp_dependency["properties"][k] = STR()
schemas["ModelDocumentDependency"] = resp_dependency
schemas["ModelDocument"] = obj(OrderedDict([
    ("schema_version", STR(enum=["4.0"])),
    ("name", STR("Present when not empty.")),
    ("description", STR("Present when not empty.")),
    ("components", ARR(REF("ModelDocumentComponent"))),
    ("dependencies", ARR(REF("ModelDocumentDependency"))),
]), required=["schema_version", "components", "dependencies"],
    description="The loaded model as FaultRay writes it: canonical keys only, and only values that differ from the defaults. "
                "`PUT /api/infrastructure` reads it back to the same model.")

# ---------------------------------------------------------------- projects and keys
schemas["Permission"] = s("string", "What an API key may do: `view_results` (read results, analyses and projects), "
                          "`run_simulation` (failures, full runs, what-if), `create_project` (projects, model uploads, the demo, keys).",
                          enum=["view_results", "run_simulation", "create_project"])
schemas["Tier"] = s("string", "Rate-limit tier of a key; requests per minute: free 30, basic 120, pro 600, enterprise 3000 "
                    "(unless the server sets others, see `GET /api/health`). Calls without a key count at the free tier, per client address.",
                    enum=["free", "basic", "pro", "enterprise"])
PROJECT_ID_PATTERN = "^[a-z0-9][a-z0-9_-]{0,63}$"
# Names are trimmed of spaces and tabs (Unicode Zs) and must keep a character.
# Free text the server stores (Sources/FaultRayServer/Routes/Validate.swift): names are one line of 1 to
# 200 characters with at least one that is not a space; other text is at most 4,000 characters, with tab,
# line feed and carriage return the only control characters; lists of ids have at most 1,000 entries.
CONTROLS = "\\u0000-\\u001f\\u007f-\\u009f"
TEXT_CONTROLS = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"
NAME_PATTERN = f"^[^{CONTROLS}]*[^{CONTROLS} \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000][^{CONTROLS}]*$"
NAME = lambda: STR("1 to 200 characters once surrounding spaces are trimmed; no control characters (400 otherwise).",
                   minLength=1, maxLength=200, pattern=NAME_PATTERN)
FREE_TEXT = lambda: {"description": "Free text of at most 4000 characters; tab and line breaks are the only control characters "
                                    "allowed (400 otherwise). Absent or null is empty.",
                     "type": ["string", "null"], "maxLength": 4000, "pattern": f"^[^{TEXT_CONTROLS}]*$"}
ID_LIST = lambda: ARR(STR(), maxItems=1000)
schemas["ProjectId"] = STR("A project id: 1 to 64 of `a-z`, `0-9`, `-` and `_`, starting with a letter or digit. "
                           "`default` always exists.", pattern=PROJECT_ID_PATTERN, examples=["default"])
schemas["Project"] = obj({
    "id": REF("ProjectId"),
    "name": STR(minLength=1),
    "description": STR("May be empty."),
    "created_at": REF("Timestamp"),
    "public_badges": BOOL("Whether the project's badges are served without a key once authentication is on (chosen when the project "
                          "is created; false for the default project)."),
    "model": {"$ref": "#/components/schemas/ModelSummary",
              "description": "The project's model and its headline figures (`GET /api/projects/{project_id}` only); absent when none is loaded."},
}, required=["id", "name", "description", "created_at", "public_badges"],
   description="A project: its own model and score history, selected with `?project=ID` on the model routes.")
schemas["ProjectList"] = obj({
    "projects": ARR(REF("Project"), "Oldest first (the default project first); a key confined to a project sees only that one."),
    "count": INT0("Number of entries in `projects`."),
})
schemas["NewProject"] = obj(OrderedDict([
    ("name", NAME()),
    ("id", {"description": "The id; when absent or null, the name made into a slug (`Payments Team!` → `payments-team`), "
                           "which must then be a valid id (a name without ASCII letters or digits needs an explicit id).",
            "type": ["string", "null"], "pattern": PROJECT_ID_PATTERN}),
    ("description", FREE_TEXT()),
    ("public_badges", {"description": "Serve the project's badges (`/badge/{type}.svg`, `/api/badge-markdown`) without a key once "
                                      "authentication is on, for embedding in READMEs; absent or null is false.", "type": ["boolean", "null"]}),
]), required=["name"], description="A new project. Unknown keys are rejected with a 400 that names them.",
    examples=[{"name": "Payments Team", "description": "Checkout and billing"}])
# A name with no ASCII letter or digit makes an empty slug: such a body needs an id.
schemas["NewProject"]["anyOf"] = [
    {"required": ["id"], "properties": {"id": {"type": "string"}}},
    {"properties": {"name": {"pattern": "[A-Za-z0-9]"}}},
]
schemas["ProjectDeleted"] = obj({
    "id": REF("ProjectId"),
    "status": STR(enum=["deleted"]),
}, description="The project, its model and its score history are gone.")

key_view_props = OrderedDict([
    ("id", STR("Id of the key, for `DELETE /api/keys/{key_id}`.", pattern="^key_[0-9A-Za-z]+$")),
    ("name", STR(minLength=1)),
    ("prefix", STR("The first characters of the key, to recognise it (`fr_live_` and 4 more).", pattern="^fr_live_[0-9A-Za-z]{4}$")),
    ("permissions", ARR(REF("Permission"), minItems=1, uniqueItems=True)),
    ("tier", REF("Tier")),
    ("project", STR("The one project the key may use; absent when it may use all.")),
    ("created_at", REF("Timestamp")),
    ("revoked_at", {"$ref": "#/components/schemas/Timestamp", "description": "When the key was revoked; absent while active."}),
    ("active", BOOL("False once revoked.")),
])
KEY_REQUIRED = ["id", "name", "prefix", "permissions", "tier", "created_at", "active"]
schemas["APIKey"] = obj(key_view_props, required=KEY_REQUIRED,
                        description="An API key as listed: everything but the secret (only its SHA-256 is stored).")
schemas["NewAPIKey"] = obj(OrderedDict([
    *key_view_props.items(),
    ("key", STR("The key itself: send it as `Authorization: Bearer <key>`. Shown this once.", pattern="^fr_live_[0-9A-Za-z]{43}$")),
    ("note", STR(enum=["Store this key now: it is shown only once."])),
]), required=KEY_REQUIRED + ["key", "note"], description="A new key: its details and, this once, the key.")
schemas["APIKeyList"] = obj({
    "keys": ARR(REF("APIKey"), "Every key, revoked ones included; a key confined to a project sees that project's keys only."),
    "count": INT0("Number of entries in `keys`."),
})
schemas["NewKeyRequest"] = obj(OrderedDict([
    ("name", NAME()),
    ("permissions", ARR(REF("Permission"), "At least one. A caller with a key can grant only permissions its key has.", minItems=1)),
    ("tier", {"description": "The rate-limit tier; absent or null is `free`.", "anyOf": [REF("Tier"), s("null")]}),
    ("project", {"description": "Confine the key to this existing project (400 when there is no such project); absent or null for all projects. "
                                "A caller whose key is confined to a project must name that project.",
                 "anyOf": [REF("ProjectId"), s("null")]}),
]), required=["name", "permissions"], description="A new API key. Unknown keys are rejected with a 400 that names them.",
    examples=[{"name": "ci", "permissions": ["view_results", "run_simulation"], "tier": "basic"}])
schemas["APIKeyRevoked"] = obj({
    "id": STR(),
    "status": STR(enum=["revoked"]),
    "revoked_at": REF("Timestamp"),
}, description="The key no longer authenticates.")

# ---------------------------------------------------------------- analysis: architecture advice
schemas["ChangeKind"] = s("string", "A change the advisor can plan; its effort: `add_replica` 2, `enable_failover` 3. A circuit breaker "
                          "is never planned: it adds no availability.", enum=["add_replica", "enable_failover"])
NINES = lambda d=None: NUM(d, minimum=0, maximum=12)
schemas["EntryPointAvailability"] = obj({
    "component": STR("Id of an entry point (a component nothing depends on)."),
    "availability": REF("AvailabilityFigures"),
})
schemas["Standing"] = obj({
    "availability": REF("AvailabilityFigures"),
    "resilience_score": REF("ResilienceScore"),
    "grade": REF("Grade"),
    "lower_bound": REF("AvailabilityFigures"),
    "entry_points": ARR(REF("EntryPointAvailability"), "Each entry point's own availability, in model order."),
}, description="Availability and score of one version of the model; `availability` is the weakest entry point's and "
   "`lower_bound` the low end of its 95 % interval (the same figure when it is exact), which is what a target is judged by.")
schemas["PlannedChange"] = obj({
    "change_type": REF("ChangeKind"),
    "component_id": STR(),
    "description": STR("The change, in words."),
    "pattern": STR("The architecture pattern it applies.", enum=["redundancy (N+1 replicas)", "active-passive failover"]),
    "effort": NUM("Relative effort (one replica = 2).", enum=[2, 3]),
    "effort_class": STR("`medium`: one more instance of a tier that already runs; `high`: a standby with health checks and "
                        "switchover to build and test.", enum=["medium", "high"]),
    "nines_before": NINES("Nines of the weakest entry point before this step (3 decimals)."),
    "nines_after": NINES("Nines after it (3 decimals)."),
    "gain": NUM("Nines this step gains, measured with the steps before it applied (3 decimals).", minimum=0),
}, description="One step of the plan, with its measured effect.")
schemas["ModificationEntry"] = obj({
    "component": STR(),
    "replicas": s("integer", "New replica count.", minimum=1),
    "failover": BOOL(),
    "circuit_breaker": BOOL(),
}, required=["component"], description="One component's part of the plan, as what-if modification fields.")
schemas["ExplainedFinding"] = obj(OrderedDict([
    ("category", REF("ScoreCategory")),
    ("component", STR("The component concerned, when the finding is about one.")),
    ("message", STR()),
    ("points", NUM("Share of the deficit; the findings add up exactly to 100 - score (2 decimals).", minimum=0)),
    ("fix", ARR(REF("ModificationEntry"), "The what-if that removes the finding; absent when only a change of structure does.")),
    ("gain", NUM("Score points that applying `fix` alone gains: the `delta` of `POST /api/whatif/calculate` with it (1 decimal); "
                 "absent without a fix or beyond the 50 largest findings.")),
    ("advice", STR("What to change, in words.")),
]), required=["category", "message", "points", "advice"], description="One finding: its share of the deficit and what fixing it earns.")
schemas["ScoreExplanation"] = obj(OrderedDict([
    ("score", REF("ResilienceScore")),
    ("deficit", NUM("100 - score (1 decimal).", minimum=0, maximum=100)),
    ("sharing", STR("How interactions between findings are shared, in words.")),
    ("findings", ARR(REF("ExplainedFinding"), "Largest share first.")),
]), description="Why the score is what it is, finding by finding, with the measured gain of each fix.")
schemas["Bottleneck"] = obj({
    "component": STR(),
    "availability": REF("AvailabilityFigures"),
    "reason": STR(),
}, description="A component that still bounds the weakest entry point.")
schemas["AntiPattern"] = obj({
    "name": STR(enum=["single point of failure", "no capacity headroom", "unguarded third-party dependency",
                      "deep synchronous call chain", "dependency cycle", "single failure domain"]),
    "component": STR("The component concerned, when the weakness is about one."),
    "detail": STR(),
    "fix": STR(),
}, required=["name", "detail", "fix"], description="A design weakness, from one of the resilience score's findings.")
schemas["RecommendedPattern"] = obj({
    "pattern": STR(),
    "reason": STR(),
}, description="A pattern worth applying, and why.")
schemas["ArchitectureAdvice"] = obj({
    "target_nines": NUM(minimum=1, maximum=6),
    "current": REF("Standing"),
    "projected": REF("Standing"),
    "gap": NUM("Nines missing before the plan (2 decimals); 0 when the target is already met.", minimum=0, maximum=6),
    "target_reached": BOOL("Whether the projected model meets the target."),
    "summary": STR(),
    "plan": ARR(REF("PlannedChange"), "Changes in the order chosen: greedy by measured nines gained per effort.", maxItems=12),
    "modifications": ARR(REF("ModificationEntry"), "The plan as what-if modifications, in model order: "
                         "`POST /api/whatif/calculate` with them keyed by component gives the projected figures."),
    "limiting_components": ARR(REF("Bottleneck"), "When the target is not reached: what bounds the weakest entry point.", maxItems=3),
    "anti_patterns": ARR(REF("AntiPattern")),
    "patterns_recommended": ARR(REF("RecommendedPattern"), "The plan's patterns first, then those answering the remaining weaknesses; each once."),
    "mermaid_diagram": STR("The proposed architecture as a Mermaid flowchart (`graph TD`); changed components have the class `changed`."),
}, description="The smallest plan of replicas and failover that lifts availability to the target (judged by the lower end of its interval), and what it reaches.")

# ---------------------------------------------------------------- analysis: risk heat map
UNIT = lambda d=None: NUM(d, minimum=0, maximum=1)
schemas["ComponentLayer"] = s("string", "Architectural layer of a component, from its type: edge (dns, load_balancer), "
                              "application (web_server, app_server, custom), agent (ai_agent, agent_orchestrator, tool_service), "
                              "data (database, cache, queue, storage), external (external_api, llm_endpoint).",
                              enum=["edge", "application", "agent", "data", "external"])
schemas["RiskDimensions"] = obj({
    "blast_radius": UNIT("Share of the model whose health worsens when the component is lost."),
    "spof": UNIT("1 for a single point of failure, else 0."),
    "utilization": UNIT("Utilization / 100, at most 1."),
    "dependency_depth": UNIT("Layers of dependents above it, relative to the deepest chain."),
    "recovery": UNIT("1 − (0.4·failover + 0.3·[replicas ≥ 2] + 0.3·fast repair)."),
    "security": UNIT("1 minus the weights of the protections present."),
    "external_dependency": UNIT("0 in-house; from 0.5 for a third-party service, more for an SLA under four nines."),
}, description="Seven risk dimensions (no change frequency: the model has no data for it), each in [0, 1] where 1 is the riskiest (3 decimals); the same shape carries the weights of the overall risk, which sum to 1.")
schemas["RiskProfile"] = obj({
    "component_id": STR(),
    "component_name": STR(),
    "component_type": REF("ComponentType"),
    "layer": REF("ComponentLayer"),
    "risk_scores": REF("RiskDimensions"),
    "overall_risk": UNIT("Σ weight × dimension (3 decimals)."),
    "heat_level": {"$ref": "#/components/schemas/RiskLevel",
                   "description": "Level of `overall_risk`: below 0.25 low, below 0.5 medium, below 0.75 high, else critical "
                                  "(not the topology's `risk_level`, which is another rule)."},
    "risk_factors": ARR(STR(), "One sentence per dimension above 0.5."),
}, description="The heat-map view of one component.")
schemas["RiskZone"] = obj({
    "layer": REF("ComponentLayer"),
    "description": STR(),
    "components": ARR(STR(), "Component ids, in model order.", minItems=1),
    "zone_risk": UNIT("Mean overall risk of the zone's components (3 decimals)."),
    "max_risk": UNIT(),
}, description="The components of one layer (empty layers are left out).")
schemas["RiskDistribution"] = obj({k: INT0() for k in ["critical", "high", "medium", "low"]},
                                  description="How many components fall in each heat level.")
schemas["HeatLevelThresholds"] = obj({
    "medium": UNIT(), "high": UNIT(), "critical": UNIT(),
}, description="Lowest overall risk of each level above `low`.")
schemas["RiskHeatMap"] = obj({
    "components": ARR(REF("RiskProfile"), "Every component, in model order."),
    "zones": ARR(REF("RiskZone"), "By layer, in the order edge, application, agent, data, external."),
    "hotspots": ARR(REF("RiskProfile"), "The highest overall risks, ties in model order.", maxItems=5),
    "overall_risk_score": UNIT("Mean overall risk over all components (3 decimals; 0 for an empty model)."),
    "risk_distribution": REF("RiskDistribution"),
    "dimension_weights": REF("RiskDimensions"),
    "level_thresholds": REF("HeatLevelThresholds"),
}, description="Every component scored on eight risk dimensions, grouped by layer, with the hotspots.")

# ---------------------------------------------------------------- analysis: cost attribution
MONEY = lambda d=None: NUM(d, minimum=0)
schemas["ComponentCost"] = obj({
    "id": STR(),
    "name": STR(),
    "team": STR("The owner, or `unassigned`."),
    "outages_per_year": NUM("Whole-component outages per year (4 decimals).", minimum=0),
    "annual_failure_probability": UNIT("Probability of at least one outage in a year (6 decimals)."),
    "expected_annual_downtime_minutes": NUM("(2 decimals)", minimum=0),
    "blast_radius": UNIT("Share of components its loss reaches (3 decimals)."),
    "entry_point_impact": UNIT("Share of the entry points' service its loss takes away (3 decimals)."),
    "revenue_at_risk_per_hour": MONEY("Entry-point revenue per hour its whole loss takes away: the entry points it takes down, plus the "
                                      "degraded share of those it degrades."),
    "revenue_loss": MONEY("Its share of the entry points' lost revenue along the structure function (Fussell-Vesely shares, its "
                          "switchovers), plus the degraded share of the entry points it degrades for its own downtime."),
    "sla_credits": MONEY(),
    "recovery_cost": MONEY(),
    "annual_cost_at_risk": MONEY("Revenue loss + SLA credits + recovery cost."),
    "percentage_of_total": NUM("Share of the model's total, in percent (2 decimals).", minimum=0, maximum=100),
}, description="What one component's failures are expected to cost per year.")
schemas["TeamCost"] = obj({
    "name": STR("The owner, or `unassigned`."),
    "components": ARR(STR(), "Component ids, in model order.", minItems=1),
    "annual_cost_at_risk": MONEY(),
    "percentage_of_total": NUM(minimum=0, maximum=100),
    "highest_risk_component": STR("The team's component with the highest cost at risk (ties in model order)."),
}, description="The cost at risk owned by one team.")
schemas["CostReduction"] = obj({
    "component": STR(),
    "action": STR("The advisor's changes: never a circuit breaker (it adds no availability), never on a third party.",
                  enum=["add_replica", "enable_failover"]),
    "description": STR("What to change, in words."),
    "annual_savings": NUM("Total cost at risk before minus after the change (at least a cent).", exclusiveMinimum=0),
    "added_annual_cost": MONEY("Running cost of the added instance for a year."),
    "net_annual_savings": NUM("Savings minus added cost; may be negative."),
}, description="A concrete change to one component and what it saves, recomputed on the changed model.")
schemas["DomainCost"] = obj({
    "domain": STR("`kind:name`, as in the availability report."),
    "annual_revenue_loss": MONEY(),
    "percentage_of_total": NUM(minimum=0, maximum=100),
}, description="Revenue lost to one failure domain's outages (a zone, region, host or provider).")
schemas["EntryRevenue"] = obj({
    "component": STR(),
    "revenue_per_hour": MONEY(),
    "annual_downtime_minutes": NUM("From the reliability model (2 decimals).", minimum=0),
    "annual_revenue_loss": MONEY(),
}, description="One entry point's revenue and what its downtime loses.")
schemas["CostAttribution"] = obj(OrderedDict([
    ("revenue_per_hour", NUM("The entry points' revenue per hour in all.", minimum=0, maximum=1e12)),
    ("revenue_source", STR("`request`: revenue_per_hour spread by entry_point.weight; `declared`: revenue_per_minute on the entry "
                           "points; `default`: 10000 spread by weight.", enum=["request", "declared", "default"])),
    ("degraded_revenue_share", UNIT("Share of revenue a degraded or overloaded entry point loses.")),
    ("total_annual_cost_at_risk", MONEY()),
    ("unattributed_annual_revenue_loss", MONEY("Lost revenue of sampled (Monte Carlo) entry points, not shared among events.")),
    ("entry_points", ARR(REF("EntryRevenue"), "In entry-point order.")),
    ("components", ARR(REF("ComponentCost"), "In model order.")),
    ("domains", ARR(REF("DomainCost"), "Failure domains that take entry points down, by first contribution.")),
    ("teams", ARR(REF("TeamCost"), "In order of first appearance.")),
    ("cost_reduction_opportunities", ARR(REF("CostReduction"), "Highest net savings first.")),
    ("notes", ARR(STR(), "What the figures assumed or left out.")),
]), description="The expected yearly cost of failures, with revenue counted once per entry point and shared along the structure "
   "function, per component, failure domain and team, with ways to reduce it.")

# ---------------------------------------------------------------- analysis: compliance
schemas["ComplianceCheck"] = s("string", "What a compliance test looks for on a component.", enum=[
    "encryption_at_rest", "encryption_in_transit", "access_control", "audit_logging", "logging", "intrusion_detection",
    "monitoring", "backups", "network_segmentation", "boundary_protection", "change_management", "redundancy",
    "disaster_recovery"])
schemas["ComplianceScope"] = s("string", "A named set of components a test applies to.", enum=[
    "all", "sensitive", "sensitive_flows", "pci", "pci_flows", "phi", "phi_flows", "data_stores", "edge", "critical_path"])
schemas["ControlStatus"] = s("string", "Outcome of a control.", enum=["pass", "partial", "fail", "not_applicable"])
schemas["ControlTest"] = obj({
    "check": REF("ComplianceCheck"),
    "scope": ARR(REF("ComplianceScope"), "Sets intersected to give the components the test applies to."),
})
schemas["ControlResult"] = obj({
    "id": STR(),
    "title": STR(),
    "requirement": STR(),
    "tests": ARR(REF("ControlTest")),
    "status": REF("ControlStatus"),
    "evidence": ARR(STR(), "In-scope components that satisfy every test they are in scope of, in model order."),
    "violations": ARR(STR(), "In-scope components that fail a test, in model order."),
    "finding": STR("What was found, in words."),
}, description="One control evaluated on the model.")
schemas["ComplianceSummary"] = obj({k: INT0() for k in ["total", "applicable", "passed", "partial", "failed", "not_applicable"]},
                                   description="Counts of control statuses; `applicable` excludes the not-applicable ones.")
schemas["Compliance"] = obj({
    "framework": STR("The framework id, lower-case.", examples=["soc2"]),
    "name": STR(examples=["SOC 2"]),
    "version": STR(),
    "compliance_percent": {"description": "100 × (passed + 0.5 × partial) / applicable controls (1 decimal); null when none applies.",
                           "type": ["number", "null"], "minimum": 0, "maximum": 100},
    "summary": REF("ComplianceSummary"),
    "controls": ARR(REF("ControlResult"), "In the framework's order."),
}, description="A compliance check of the model against one framework's controls.")

# ---------------------------------------------------------------- analysis: industry benchmark
schemas["BenchmarkDimension"] = s("string", "A benchmark dimension, each scored 0–100, higher is better: resilience (the score), redundancy "
                                  "(share of components with two replicas or failover), isolation (share of dependencies that are not hard), "
                                  "recovery (how fast components are back after failing), diversity (spread over zones and regions).",
                                  enum=["resilience", "redundancy", "isolation", "recovery", "diversity"])
schemas["BenchmarkRank"] = s("string", "Where a percentile falls: from 90 top 10 %, from 75 top quartile, from 50 upper half, from 25 lower half, else bottom quartile.",
                             enum=["Top 10%", "Top quartile", "Upper half", "Lower half", "Bottom quartile"])
PCT = lambda d=None: NUM(d, minimum=0, maximum=100)
ILLUSTRATIVE = BOOL("Always true for the bundled figures: no public source publishes FaultRay scores by industry.")
SOURCE_NOTE = STR("Where the reference figures come from.")
schemas["DimensionPair"] = obj({"yours": PCT(), "industry": PCT()}, description="The model's value beside the industry's.")
schemas["DimensionGap"] = obj({
    "dimension": REF("BenchmarkDimension"),
    "yours": PCT(), "industry": PCT(),
    "difference": NUM("`yours − industry` (1 decimal).", minimum=-100, maximum=100),
}, description="A dimension more than 5 points above (a strength) or below (a weakness) the industry's.")
schemas["BenchmarkComparison"] = obj({
    "your_score": REF("ResilienceScore"),
    "industry": STR("The industry id, lower-case."),
    "display_name": STR(),
    "percentile": PCT("Percentile of the score among the industry's peers (1 decimal)."),
    "rank": REF("BenchmarkRank"),
    "comparison": obj({d: REF("DimensionPair") for d in ["resilience", "redundancy", "isolation", "recovery", "diversity"]},
                      description="Each dimension, yours beside the industry's (its median score for resilience)."),
    "strengths": ARR(REF("DimensionGap"), "Largest gap first."),
    "weaknesses": ARR(REF("DimensionGap"), "Largest gap first."),
    "improvement_priorities": ARR(REF("Finding"), "The findings that cost the most points, with their fixes.", maxItems=5),
    "radar_chart": obj({
        "labels": ARR(STR(), "The dimensions' names.", minItems=5, maxItems=5),
        "your_values": ARR(PCT(), minItems=5, maxItems=5),
        "industry_values": ARR(PCT(), minItems=5, maxItems=5),
    }, description="Data for a radar chart, one value per dimension in `labels` order."),
    "illustrative": ILLUSTRATIVE,
    "source_note": SOURCE_NOTE,
}, description="The model compared with one industry.")
schemas["IndustryStanding"] = obj({
    "industry": STR(), "display_name": STR(), "percentile": PCT(), "rank": REF("BenchmarkRank"),
}, description="The model's standing in one industry.")
schemas["BenchmarkOverview"] = obj({
    "your_score": REF("ResilienceScore"),
    "benchmarks": ARR(REF("IndustryStanding"), "Every industry, in catalogue order."),
    "illustrative": ILLUSTRATIVE,
    "source_note": SOURCE_NOTE,
}, description="The model's standing in every industry (`/benchmark/all`).")
schemas["IndustrySummary"] = obj({
    "industry": STR(), "display_name": STR(), "median_score": PCT(),
})
schemas["IndustryList"] = obj({
    "industries": ARR(REF("IndustrySummary")),
    "illustrative": ILLUSTRATIVE,
    "source_note": SOURCE_NOTE,
}, description="The known industries (`/benchmark/list`).")

# ---------------------------------------------------------------- analysis: chat
schemas["ChatIntent"] = s("string", "What the question asks, from keyword rules.", enum=[
    "list_spofs", "failure_impact", "component_info", "availability", "target_plan", "resilience_score", "riskiest_components",
    "team_risk", "recommendations", "how_to_change", "domain_outage", "queue_backlog", "compare_components", "status_overview",
    "list_components", "help", "unknown"])
schemas["ChatRequest"] = obj({
    "question": {"description": "A question about the project's infrastructure, in English; at most 2000 characters, not blank.",
                 "type": "string", "minLength": 1, "maxLength": 2000, "pattern": "\\S"},
}, description="A question. Unknown keys are rejected with a 400 that names them.",
   examples=[{"question": "What happens if the database fails?"}])
schemas["ChatComponent"] = obj({
    "id": STR(), "name": STR(), "type": REF("ComponentType"), "owner": STR("The owning team, or `unassigned`."),
    "replicas": s("integer", minimum=1), "failover": BOOL(), "autoscaling": BOOL(), "health": REF("Health"),
    "utilization": NUM("Percent (1 decimal).", minimum=0),
    "is_spof": BOOL(), "risk_level": REF("RiskLevel"),
    "hard_dependents": INT0("Direct dependents that go down with it."),
}, description="One component as the chat shows it.")
schemas["ChatComponentList"] = obj({
    "filters": ARR(STR(), "How the list is filtered, in words (empty: every component)."),
    "count": INT0(),
    "components": ARR(REF("ChatComponent")),
}, description="Components, optionally filtered (`list_spofs`, `list_components`).")
schemas["ChatDependencyLink"] = obj({
    "component": STR("The component at the other end."), "type": REF("DependencyType"), "circuit_breaker": BOOL(),
})
schemas["ChatFailure"] = obj({
    "component": STR(),
    "risk_score": NUM(minimum=0, maximum=10), "severity": REF("Severity"), "total_affected": INT0(),
    "blast_radius_score": UNIT(), "recovery_time_minutes": NUM(minimum=0), "likelihood": UNIT(),
    "expected_annual_impact_minutes": NUM(minimum=0),
}, description="The outcome of one component's whole failure, from the cascade engine.")
schemas["ChatComponentDetails"] = obj({
    "component": REF("ChatComponent"),
    "depends_on": ARR(REF("ChatDependencyLink")),
    "dependents": ARR(REF("ChatDependencyLink")),
    "availability": {"$ref": "#/components/schemas/AvailabilityFigures", "description": "The component's own availability."},
    "failure": REF("ChatFailure"),
}, description="Everything about one component (`component_info`).")
schemas["ChatComparison"] = obj({
    "components": ARR(REF("ChatComponentDetails"), "In the order the question names them.", minItems=2),
}, description="Components side by side (`compare_components`).")
schemas["ChatComponentAvailability"] = obj({"component": STR(), "availability": REF("AvailabilityFigures")})
schemas["ChatAvailability"] = obj({
    "overall": REF("AvailabilityFigures"),
    "entry_points": ARR(REF("ChatComponentAvailability")),
    "components": ARR(REF("ChatComponentAvailability"), "Components the question names (else those its tags name), on their own."),
    "paths": ARR(REF("ChatPathAvailability"), "The same components' paths from the entry points."),
}, description="System availability (`availability`).")
schemas["ChatPathEntry"] = obj({
    "entry": STR(), "path": ARR(STR(), "The shortest chain of dependencies from the entry point to the component, both included.", minItems=1),
    "availability": {"$ref": "#/components/schemas/AvailabilityFigures", "description": "The entry point's, from the reliability model."},
    "needs_component": BOOL("Whether the entry point goes down when the component does (then its figure is the path's)."),
})
schemas["ChatPathAvailability"] = obj({
    "component": STR(), "entry_points": ARR(REF("ChatPathEntry")),
    "with_dependencies": {"$ref": "#/components/schemas/AvailabilityFigures", "description": "The component with everything it requires, from the fault tree."},
}, description="The availability of the paths to one component.")
schemas["ChatPlanStep"] = obj({
    "component": STR(), "change": STR(enum=["add_replica", "enable_failover", "add_circuit_breaker"]), "description": STR(),
    "nines_before": NUM(minimum=0, maximum=12), "nines_after": NUM(minimum=0, maximum=12),
})
schemas["ChatTargetPlan"] = obj({
    "target_percent": NUM("As the question states it.", minimum=90, exclusiveMaximum=100), "target_nines": NUM(minimum=1, maximum=6),
    "reached": BOOL("Whether the plan (or the model as it is) meets the target."),
    "current": REF("AvailabilityFigures"), "projected": REF("AvailabilityFigures"),
    "steps": ARR(REF("ChatPlanStep")),
    "what_if_body": STR("The plan as a `POST /api/whatif/calculate` body (JSON text); absent without steps."),
    "limited_by": ARR(STR(), "When the target is not reached: what bounds the weakest entry point."),
}, required=["target_percent", "target_nines", "reached", "current", "projected", "steps", "limited_by"],
   description="The architecture advisor's plan for the target the question states (`target_plan`).")
schemas["ChatScenario"] = obj({
    "id": STR("The scenario's id in the full run."), "name": STR(), "domain": STR("What fails, in words."),
    "components": ARR(STR(), "The components failed at the start."), "result": REF("CascadeResult"),
})
schemas["ChatScenarios"] = obj({"scenarios": ARR(REF("ChatScenario"))},
                               description="Full-run scenarios run by the cascade engine (`domain_outage`, `queue_backlog`).")
schemas["ChatTeam"] = obj({
    "team": STR("The `owner` of its components, or `unassigned`."), "components": ARR(STR()), "spofs": ARR(STR()),
    "expected_annual_impact_minutes": NUM("Expected entry-point outage minutes a year from its components' whole failures, summed (2 decimals).", minimum=0),
    "worst_risk_score": NUM(minimum=0, maximum=10), "worst_component": STR(),
})
schemas["ChatTeamRisk"] = obj({"teams": ARR(REF("ChatTeam"), "Most expected outage minutes first.")},
                              description="Risk by owning team (`team_risk`).")
schemas["ChatChangeHowTo"] = obj({
    "change": STR("The what-if modification key.", enum=["replicas", "failover", "circuit_breaker", "autoscaling", "health_check"]),
    "component": STR("The component the what-if changes; absent when none would change."),
    "what_if_body": STR("The `POST /api/whatif/calculate` body (JSON text)."),
    "result": REF("WhatIfResult"),
}, required=["change"], description="How to make a change: the model key and the what-if that tries it (`how_to_change`).")
schemas["ChatScore"] = obj({
    "score": REF("ResilienceScore"), "grade": REF("Grade"),
    "categories": ARR(REF("CategoryScore")), "top_findings": ARR(REF("Finding")),
}, description="The resilience score with its decomposition (`resilience_score`).")
schemas["ChatRiskRanking"] = obj({"components": ARR(REF("ChatFailure"), "Riskiest first.")},
                                 description="Components by the risk of their single failure (`riskiest_components`).")
schemas["ChatRecommendations"] = obj({"recommendations": ARR(REF("Finding"), "Largest first.")},
                                     description="The score's findings with their fixes (`recommendations`).")
schemas["ChatOverview"] = obj({
    "components": INT0(), "dependencies": INT0(), "entry_points": ARR(STR()),
    "score": REF("ResilienceScore"), "grade": REF("Grade"), "spofs": ARR(STR()),
    "availability": REF("AvailabilityFigures"),
    "unhealthy": ARR(STR(), "Components the model declares degraded, overloaded or down."),
}, description="The whole model at a glance (`status_overview`).")
schemas["ChatHelp"] = obj({
    "examples": ARR(obj({"intent": REF("ChatIntent"), "question": STR()})),
}, description="What the chat can answer (`help`, `unknown`).")
schemas["ChatComponentPrompt"] = obj({
    "needed": s("integer", "How many components the question must name.", minimum=1, maximum=2),
    "named": ARR(STR(), "The components it did name."),
    "close_matches": ARR(STR(), "Known ids close to words of the question.", maxItems=3),
}, description="The intent needs components the question does not name (`failure_impact`, `component_info`, `compare_components`).")
CHAT_DATA = OrderedDict([
    ("list_spofs", ["ChatComponentList"]), ("list_components", ["ChatComponentList"]),
    ("failure_impact", ["CascadeResult", "ChatComponentPrompt"]),
    ("component_info", ["ChatComponentDetails", "ChatComponentPrompt"]),
    ("compare_components", ["ChatComparison", "ChatComponentPrompt"]),
    ("availability", ["ChatAvailability"]), ("target_plan", ["ChatTargetPlan", "ChatHelp"]), ("resilience_score", ["ChatScore"]),
    ("riskiest_components", ["ChatRiskRanking"]), ("team_risk", ["ChatTeamRisk"]), ("recommendations", ["ChatRecommendations"]),
    ("how_to_change", ["ChatChangeHowTo"]), ("domain_outage", ["ChatScenarios"]), ("queue_backlog", ["ChatScenarios"]),
    ("status_overview", ["ChatOverview"]), ("help", ["ChatHelp"]), ("unknown", ["ChatHelp"]),
])
data_shapes = list(OrderedDict.fromkeys(name for names in CHAT_DATA.values() for name in names))
schemas["ChatAnswer"] = obj({
    "answer": STR("The answer in Markdown."),
    "intent": REF("ChatIntent"),
    "data": {"description": "The answer's figures; their shape follows `intent`.", "anyOf": [REF(n) for n in data_shapes]},
    "suggestions": ARR(STR(), "Follow-up questions worth asking next."),
}, description="The reply to a question: Markdown for people, typed data for programs. The same question gives the same answer.")
schemas["ChatAnswer"]["allOf"] = [
    {"if": {"properties": {"intent": {"const": intent}}},
     "then": {"properties": {"data": REF(names[0]) if len(names) == 1 else {"anyOf": [REF(n) for n in names]}}}}
    for intent, names in CHAT_DATA.items()
]

# ---------------------------------------------------------------- topology diff
schemas["FieldChange"] = obj({
    "field": STR("The field, as a dotted snake_case path (`failover.enabled`)."),
    "old_value": STR(), "new_value": STR(),
    "impact": STR("More replicas or capacity, failover, circuit breakers, security controls… improve; the opposite worsens.",
                  enum=["improves", "worsens", "neutral"]),
})
schemas["ComponentChange"] = obj({
    "component_id": STR(), "component_name": STR(),
    "diff_type": STR(enum=["added", "removed", "modified"]),
    "changes": ARR(REF("FieldChange"), "Field by field (modified components only)."),
})
schemas["EdgeChange"] = obj({
    "source": STR(), "target": STR(),
    "diff_type": STR(enum=["added", "removed", "modified"]),
    "changes": ARR(REF("FieldChange"), "Field by field (modified dependencies only)."),
})
schemas["DiffSide"] = obj({
    "resilience_score": REF("ResilienceScore"), "grade": REF("Grade"), "spof_count": INT0(),
    "availability": REF("AvailabilityFigures"),
})
schemas["TopologyDiff"] = obj({
    "components_added": ARR(REF("ComponentChange")),
    "components_removed": ARR(REF("ComponentChange")),
    "components_modified": ARR(REF("ComponentChange")),
    "components_unchanged": ARR(STR(), "Ids of the components equal in both."),
    "edges_added": ARR(REF("EdgeChange")),
    "edges_removed": ARR(REF("EdgeChange")),
    "edges_modified": ARR(REF("EdgeChange")),
    "before": REF("DiffSide"),
    "after": REF("DiffSide"),
    "score_delta": NUM("After minus before (1 decimal).", minimum=-100, maximum=100),
    "summary": STR(),
    "mermaid": STR("The after-topology as a Mermaid flowchart, with added, modified and removed components marked and removed edges dashed."),
}, description="What changed between two models, field by field, with the impact of each change and the score before and after.")
schemas["TopologyDiffRequest"] = obj({
    "before_file": STR("The model before, as YAML or JSON (at most 10 MiB; an empty part is a 400).", minLength=1, contentMediaType="application/yaml"),
    "after_file": STR("The model after, as YAML or JSON (at most 10 MiB; an empty part is a 400).", minLength=1, contentMediaType="application/yaml"),
}, closed=False, description="Two model files. Other parts are ignored.")

# ---------------------------------------------------------------- chaos calendar
schemas["Recurrence"] = s("string", "How often an experiment repeats; monthly ones skip months without the day.",
                          enum=["once", "daily", "weekly", "monthly"])
schemas["Experiment"] = obj({
    "id": STR(pattern="^exp_[0-9A-Za-z]+$"),
    "name": STR(minLength=1),
    "description": STR("May be empty."),
    "scenario_ids": ARR(STR(), "Scenario ids of the project's model (`single-failure-<component>`, …)."),
    "target_components": ARR(STR(), "Component ids of the project's model."),
    "scheduled_time": {"$ref": "#/components/schemas/Timestamp", "description": "The first occurrence, in UTC."},
    "recurrence": REF("Recurrence"),
    "created_at": REF("Timestamp"),
}, description="A scheduled chaos experiment. FaultRay schedules experiments; it does not run them on a clock.")
schemas["ScheduledExperiment"] = obj(OrderedDict([
    *schemas["Experiment"]["properties"].items(),
    ("status", STR(enum=["scheduled"])),
]), description="The experiment just scheduled.")
schemas["ScheduleRequest"] = obj(OrderedDict([
    ("name", NAME()),
    ("description", FREE_TEXT()),
    ("scenario_ids", {"description": "Scenarios of the project's model, those of installed marketplace packages included "
                                     "(400 for an unknown one, or when the project has no model).",
                      "anyOf": [ID_LIST(), s("null")]}),
    ("target_components", {"description": "Components of the project's model (400 for an unknown one, or when the project has no model).",
                           "anyOf": [ID_LIST(), s("null")]}),
    ("scheduled_time", {"description": "ISO-8601 date-time with an offset (`2026-03-15T10:30:00Z`, `2026-03-15T11:30:00+01:00`); "
                                       "stored in UTC. Absent or null: now.",
                        "type": ["string", "null"], "format": "date-time"}),
    ("recurrence", {"description": "Absent or null: `once`.", "anyOf": [REF("Recurrence"), s("null")]}),
]), required=["name"], description="An experiment to schedule. Unknown keys are rejected with a 400 that names them.",
    examples=[{"name": "Weekly database failover", "target_components": ["database"], "scenario_ids": ["single-failure-database"],
               "scheduled_time": "2026-12-01T10:00:00Z", "recurrence": "weekly"}])
schemas["BlackoutWindow"] = obj({
    "id": STR(pattern="^blk_[0-9A-Za-z]+$"),
    "name": STR(minLength=1),
    "starts_at": {"$ref": "#/components/schemas/Timestamp", "description": "Included, in UTC."},
    "ends_at": {"$ref": "#/components/schemas/Timestamp", "description": "Excluded, in UTC; after `starts_at`."},
    "reason": STR("May be empty."),
}, description="A period in which no experiment may run: scheduling one whose occurrence falls inside is a 409.")
schemas["BlackoutRequest"] = obj(OrderedDict([
    ("name", NAME()),
    ("starts_at", STR("ISO-8601 date-time with an offset.", format="date-time")),
    ("ends_at", STR("ISO-8601 date-time with an offset, after `starts_at`.", format="date-time")),
    ("reason", FREE_TEXT()),
]), required=["name", "starts_at", "ends_at"], description="A blackout window. Unknown keys are rejected with a 400 that names them.",
    examples=[{"name": "Black Friday", "starts_at": "2026-11-27T00:00:00Z", "ends_at": "2026-11-30T00:00:00Z", "reason": "Peak traffic"}])
schemas["Occurrence"] = obj({"experiment_id": STR(), "name": STR(), "time": REF("Timestamp")})
schemas["CalendarCoverage"] = obj({
    "components": INT0(), "covered": INT0(), "percent": PCT("(1 decimal)"),
    "uncovered": ARR(STR(), "Components no experiment targets, in model order."),
}, description="How much of the model the experiments target.")
schemas["CalendarView"] = obj({
    "experiments": ARR(REF("Experiment"), "In the order they were scheduled."),
    "upcoming": ARR(REF("Occurrence"), "Occurrences in the next 30 days, earliest first."),
    "history": ARR(REF("Occurrence"), "Occurrences that came due in the last 30 days, latest first (scheduled, not results: "
                                      "FaultRay does not run experiments on a clock)."),
    "blackout_windows": ARR(REF("BlackoutWindow")),
    "coverage": {"$ref": "#/components/schemas/CalendarCoverage", "description": "Absent when the project has no model."},
}, required=["experiments", "upcoming", "history", "blackout_windows"], description="The project's chaos calendar.")
schemas["BlackoutList"] = obj({"blackout_windows": ARR(REF("BlackoutWindow"))})
schemas["ExperimentCancelled"] = obj({"experiment_id": STR(), "status": STR(enum=["cancelled"])})
schemas["BlackoutDeleted"] = obj({"blackout_id": STR(), "status": STR(enum=["deleted"])})

# ---------------------------------------------------------------- incidents and replay
schemas["Incident"] = obj({
    "id": STR(examples=["aws-us-east-1-2021-12"]),
    "name": STR(),
    "provider": STR("Lower-case provider or company: `aws`, `gcp`, `azure`, `cloudflare`, …"),
    "exposure": STR("`provider`: an outage of a provider's service, reaching only components on or using that provider; "
                    "`pattern`: a failure inside one company's platform, replayed as the same failure pattern on any model.",
                    enum=["provider", "pattern"]),
    "date": STR("The day it started.", format="date"),
    "duration_hours": NUM("How long customers were affected.", minimum=0),
    "severity": STR(enum=["critical", "major"]),
    "affected_services": ARR(STR(), "Services that were unavailable: matching components go down in a replay."),
    "impaired_services": ARR(STR(), "Services that kept running with errors or delays: matching components degrade."),
    "affected_regions": ARR(STR(), "`global` means every region."),
    "root_cause": STR(),
    "lessons_learned": ARR(STR()),
    "post_mortem_url": {"description": "The operator's public post-mortem; null when none is known.",
                        "type": ["string", "null"], "format": "uri"},
    "tags": ARR(STR()),
    "aliases": ARR(STR(), "Other ids the incident is known by (accepted by `POST /api/replay/{incident_id}`)."),
}, description="A real, publicly documented outage.")
schemas["IncidentList"] = obj({
    "incidents": ARR(REF("Incident"), "In catalogue order; only the `provider`'s when one is given."),
    "count": INT0("Number of entries in `incidents`."),
    "providers": ARR(STR(), "Every provider with an incident, in catalogue order."),
})
schemas["ReplayedComponent"] = obj({
    "id": STR(), "name": STR(), "type": REF("ComponentType"),
    "impact_type": STR("`direct`: hit by the incident; `failover`: hit, and serving from its disaster-recovery region; "
                       "`cascade`: knocked on by a dependency; `preexisting`: declared unhealthy in the model already.",
                       enum=["direct", "failover", "cascade", "preexisting"]),
    "health": {"$ref": "#/components/schemas/Health", "description": "Final health, after the cascade."},
    "matched_service": STR("The incident service it uses (direct and failover only)."),
    "recovery_time_minutes": NUM("How long it stays in this state, at most the incident's duration: the whole incident for a component "
                                 "it takes down or impairs, the switchover for one failing over outside it, MTTR for one declared down, "
                                 "the chain's start for a knock-on (1 decimal).", minimum=0),
    "reason": STR(),
    "caused_by": STR("The dependency whose failure caused its health, if any."),
}, required=["id", "name", "type", "impact_type", "health", "recovery_time_minutes", "reason"],
   description="A component the replayed incident left unhealthy.")
schemas["SparedComponent"] = obj({
    "id": STR(), "name": STR(), "matched_service": STR(), "reason": STR(),
}, description="A component that uses one of the incident's services but is out of its reach (another provider or region).")
schemas["IncidentReplay"] = obj({
    "incident_id": STR(), "incident_name": STR(), "provider": STR(),
    "exposure": STR(enum=["provider", "pattern"]),
    "affected_regions": ARR(STR()),
    "incident_duration_hours": NUM(minimum=0),
    "survived": BOOL("Whether no entry point is left down."),
    "impact_score": NUM("The cascade engine's risk score of the outcome, 0 to 10.", minimum=0, maximum=10),
    "severity": REF("Severity"),
    "resilience_grade": {"$ref": "#/components/schemas/Grade", "description": "Grade of `100 − 10 × impact_score`."},
    "downtime_estimate_minutes": NUM("The longest recovery time of an entry point left down (0 when it survived).", minimum=0),
    "revenue_impact_estimate": {"description": "Over the entry points: declared `cost_profile.revenue_per_minute` × the minutes they are "
                                               "down, plus 30 % of it for the minutes they are degraded; null when no entry point declares revenue.",
                                "type": ["number", "null"], "minimum": 0},
    "revenue_note": STR("How the revenue figure was obtained, or why there is none."),
    "affected_components": ARR(REF("ReplayedComponent"), "In model order."),
    "spared_components": ARR(REF("SparedComponent")),
    "unmatched_services": ARR(STR(), "Incident services no component of the model uses."),
    "assumptions": ARR(STR(), "Facts the model does not declare and the replay assumed."),
    "survival_factors": ARR(STR()),
    "vulnerability_factors": ARR(STR()),
    "recommendations": ARR(STR()),
}, description="A historical incident replayed against the project's model. The same model and incident give the same bytes.")

# ---------------------------------------------------------------- scenario marketplace
FAULT_KINDS = ["component_down", "instance_failure", "latency_spike", "cpu_saturation", "memory_exhaustion", "disk_full",
               "connection_pool_exhaustion", "network_partition"]
schemas["TargetSelector"] = obj({
    "type": REF("ComponentType"), "tag": STR("A tag, compared ignoring case."), "id": STR(),
}, required=[], minProperties=1,
   description="Which components a packaged fault targets: every component meeting all the conditions given.")
schemas["PackagedFault"] = obj({
    "kind": STR(enum=FAULT_KINDS),
    "multiplier": NUM("A latency spike's slow-down (latency_spike only).", exclusiveMinimum=0),
    "target": REF("TargetSelector"),
}, required=["kind", "target"])
schemas["PackagedScenario"] = obj({
    "id": STR("Unique within its package."), "name": STR(), "description": STR(),
    "faults": ARR(REF("PackagedFault")),
    "traffic_multiplier": NUM("Every component receives this multiple of its load while the faults act.", exclusiveMinimum=0),
}, required=["id", "name", "description", "faults"])
schemas["MarketplacePackage"] = obj({
    "id": STR(examples=["cache-failures"]), "name": STR(), "version": STR(), "description": STR(),
    "category": STR("`database`, `cache`, `messaging`, `storage`, `network`, `dependencies`, `compute`, `performance` or `ai`."),
    "provider": STR("`aws`, `gcp`, `azure`, `kubernetes` or `generic`."),
    "tags": ARR(STR()),
    "severity": STR(enum=["low", "medium", "high", "critical"]),
    "scenarios": ARR(REF("PackagedScenario")),
}, description="A package of chaos scenarios. There are no download counts or ratings: nothing here is measured.")
schemas["PackageList"] = obj({
    "packages": ARR(REF("MarketplacePackage"), "In catalogue order; only those of `category` and `provider` when given."),
    "count": INT0("Number of entries in `packages`."),
    "categories": ARR(STR(), "Every category, in catalogue order."),
    "providers": ARR(STR(), "Every provider, in catalogue order."),
})
schemas["FaultBinding"] = obj({
    "kind": STR(enum=FAULT_KINDS),
    "target": STR("The selector, in words (`type database`, `tag pci`)."),
    "component_ids": ARR(STR(), "Matching components, in model order; empty when the selector matched nothing."),
})
schemas["ScenarioBinding"] = obj({
    "id": STR("`marketplace-<package id>-<scenario id>`: the scenario's id in full runs and calendar experiments."),
    "name": STR(), "description": STR(),
    "bound": BOOL("Whether every fault found a target (only bound scenarios are run)."),
    "faults": ARR(REF("FaultBinding")),
    "traffic_multiplier": NUM(exclusiveMinimum=0),
    "reason": STR("Why the scenario did not bind."),
}, required=["id", "name", "description", "bound", "faults"], description="How one packaged scenario bound to the project's model.")
schemas["PackageInstall"] = obj({
    "package_id": STR(),
    "bound": INT0("Scenarios bound: `POST /api/simulate` runs them from now on (category `marketplace`)."),
    "unbound": INT0("Scenarios reported but not run, because a fault's selector matched no component."),
    "report": ARR(REF("ScenarioBinding"), "Every scenario of the package, in package order."),
    "installed": BOOL("Always true."),
    "already_installed": BOOL("Whether the package was installed in the project before this call."),
}, description="The package bound to the project's model, and whether it was installed already.")
schemas["Installation"] = obj({
    "package_id": STR(), "version": STR("The package's version when installed."), "installed_at": REF("Timestamp"),
})
schemas["InstalledList"] = obj({"installed": ARR(REF("Installation"), "In the order they were installed.")})

# ---------------------------------------------------------------- dashboard (layout, session)
LAYOUT_DIMENSIONS = ["layer", "region", "zone", "team", "type"]
schemas["LayoutNode"] = obj({
    "id": STR(), "name": STR(), "type": REF("ComponentType"),
    "layer": STR("The component's layer (edge, application, agent, data, external), from its type."),
    "region": STR("`unassigned` when the model names none."), "zone": STR("`unassigned` when the model names none."),
    "team": STR("The owner; `unassigned` when the model names none."),
    "replicas": s("integer", minimum=1), "health": REF("Health"), "risk_level": REF("RiskLevel"), "is_spof": BOOL(),
    "x": NUM("Column, centred on 0 (one unit between neighbours)."),
    "y": NUM("Row from the top (a wide layer wraps onto several rows).", minimum=0),
}, description="A component placed by the layered layout.")
schemas["LayoutEdge"] = obj({
    "source": STR("The component that depends on `target`."), "target": STR(), "dependency_type": REF("DependencyType"),
    "critical": BOOL("As in `GET /api/topology`: a `requires` dependency without a fallback."),
}, description="A dependency between two components drawn.")
schemas["LayoutGroup"] = obj({
    "key": STR("The value of `group_by` its components share."),
    "count": s("integer", minimum=1), "spofs": INT0(),
    "risk_counts": obj({}, required=[], closed=False, description="Components per risk level (levels with none are absent).",
                       additionalProperties=s("integer", minimum=1), propertyNames=REF("RiskLevel")),
    "worst_risk": REF("RiskLevel"), "x": NUM(), "y": NUM(minimum=0),
}, description="Components sharing one value of `group_by`, placed by the layered layout of the groups.")
schemas["LayoutGroupEdge"] = obj({
    "source": STR(), "target": STR(),
    "count": s("integer", minimum=1, description="Dependencies from the source group's components to the target group's."),
    "critical": INT0("How many of them are critical."),
}, description="Dependencies between two groups.")
schemas["TopologyLayout"] = obj({
    "mode": STR("`components`: one node per component; `groups`: aggregated by `group_by`.", enum=["components", "groups"]),
    "group_by": STR("The grouping dimension (only in `groups` mode).", enum=LAYOUT_DIMENSIONS),
    "filters": obj({}, required=[], closed=False, description="The filters applied, by dimension.", additionalProperties=STR(),
                   propertyNames=s("string", enum=LAYOUT_DIMENSIONS)),
    "total_components": INT0("Components in the model."),
    "matching_components": INT0("Components that pass the filters."),
    "shown_components": INT0("Components drawn one by one (0 in `groups` mode; at most `limit`)."),
    "limit": s("integer", minimum=1, description="The most components drawn one by one."),
    "layers": INT0("Layers of the layout."),
    "nodes": ARR(REF("LayoutNode")), "edges": ARR(REF("LayoutEdge")),
    "groups": ARR(REF("LayoutGroup")), "group_edges": ARR(REF("LayoutGroupEdge")),
}, required=["mode", "filters", "total_components", "matching_components", "shown_components", "limit", "layers", "nodes", "edges",
             "groups", "group_edges"],
   description="The dependency graph laid out in layers (callers above their dependencies), deterministic, for the dashboard.")
schemas["Session"] = obj({
    "auth_required": BOOL("Whether calls need a key (`--require-auth`, or an active key exists)."),
    "authenticated": BOOL("Whether the call carried a valid key."),
    "permissions": ARR(s("string", enum=["view_results", "run_simulation", "create_project"]),
                       "What the caller may do: every permission while no key is required, else the key's (none without one)."),
    "project": STR("The one project the key is confined to."),
    "tier": STR("The key's tier."),
}, required=["auth_required", "authenticated", "permissions"], description="What the caller may do (the dashboard hides the rest).")

# ---------------------------------------------------------------- badges
schemas["BadgeType"] = s("string", "What a badge shows.", enum=["resilience_score", "sla_estimate", "grade", "spof_count", "component_count"])
schemas["BadgeLink"] = obj({
    "type": REF("BadgeType"),
    "url": STR("The badge's address: `base_url`, `/badge/{type}.svg` and the `project` query when one was given."),
    "markdown": STR("`![label](url)`."),
})
schemas["BadgeMarkdown"] = obj({
    "markdown": STR("Every badge's Markdown, one a line."),
    "badges": ARR(REF("BadgeLink"), "One per badge type."),
}, description="Markdown snippets embedding the badges.")

# ---------------------------------------------------------------- headers
headers = OrderedDict()
headers["X-RateLimit-Limit"] = OrderedDict([
    ("description", "Requests per minute this client may make: its key's tier, or the free tier per client address without a key. "
                    "Sent on every answer under `/api/` and `/demo` while rate limiting is on (`rate_limiting` in `GET /api/health`)."),
    ("schema", s("integer", minimum=1))])
headers["X-RateLimit-Remaining"] = OrderedDict([
    ("description", "Requests left in the current one-minute window, this one counted."),
    ("schema", INT0())])
headers["X-RateLimit-Reset"] = OrderedDict([
    ("description", "Seconds until the oldest request of the window leaves it and a slot frees (with several servers on one PostgreSQL "
                    "database, whose windows are calendar minutes: until the minute ends)."),
    ("schema", INT0())])
headers["Retry-After"] = OrderedDict([
    ("description", "Seconds to wait before a request is accepted again."),
    ("required", True),
    ("schema", s("integer", minimum=1))])
headers["WWW-Authenticate"] = OrderedDict([
    ("description", "The challenge: always `Bearer realm=\"faultray\"`."),
    ("required", True),
    ("schema", STR(enum=['Bearer realm="faultray"']))])
headers["X-Request-Id"] = OrderedDict([
    ("description", "The request's id, which every log line of the request carries (`hb.request.id`, with `--log-format json` a JSON field)."),
    ("schema", STR())])
HREF = lambda name: {"$ref": f"#/components/headers/{name}"}
RATE_HEADERS = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]


def rate_headers(extra=None):
    out = OrderedDict(extra or {})
    for name in RATE_HEADERS + ["X-Request-Id"]:
        out[name] = HREF(name)
    return out


# ---------------------------------------------------------------- responses
responses = OrderedDict()


def err_response(desc, headers=None, example=None):
    out = OrderedDict([("description", desc)])
    out["headers"] = rate_headers(headers)
    media = OrderedDict([("schema", REF("Error"))])
    if example:
        media["example"] = example
    out["content"] = {"application/json": media}
    return out


envelope = lambda code, message: {"error": {"code": code, "message": message}}
responses["BadRequest"] = err_response(
    "Bad request: the project has no model loaded, or the request (body, parameter) is invalid; the message says which and how to fix it.",
    example=envelope(400, "No infrastructure loaded. Load the demo with GET /demo, or send your model with PUT /api/infrastructure (YAML or JSON)."))
responses["Unauthorized"] = err_response(
    "Authentication is on (an active key exists, or the server runs with `--require-auth`) and the request has no key, "
    "a malformed `Authorization` header, or a key that is unknown or revoked.",
    {"WWW-Authenticate": HREF("WWW-Authenticate")},
    envelope(401, "Missing API key. Send Authorization: Bearer <key>."))
responses["Forbidden"] = err_response(
    "The key lacks the permission this operation needs (the message names it and the key's permissions).",
    example=envelope(403, "Permission 'run_simulation' required; this key has: view_results."))
responses["NotFound"] = err_response(
    "Something the request names does not exist: the project (`?project=` or `{project_id}`; a project outside the key's own "
    "answers the same), or a component, key or compliance framework. The message names it, with a suggestion where one is close.",
    example=envelope(404, "Component 'databse' not found. Did you mean 'database'?"))
responses["MethodNotAllowed"] = err_response(
    "The path exists but not with this method (any route, for a method it does not list).",
    {"Allow": {"description": "The methods the path accepts, e.g. `GET, HEAD`.", "required": True, "schema": STR()}})
responses["Conflict"] = err_response("A project with this id already exists.", example=envelope(409, "Project 'payments-team' already exists."))
responses["BlackoutConflict"] = err_response("An occurrence of the experiment falls inside a blackout window; the message names the time and the window.",
    example=envelope(409, "The experiment would run at 2026-11-28T10:00:00+00:00, inside the blackout window 'Black Friday' (2026-11-27T00:00:00+00:00 to 2026-11-30T00:00:00+00:00)."))
responses["ContentTooLarge"] = err_response("The request body is larger than the server's limit (10 MiB by default; for `POST /api/topology-diff`, "
                                            "10 MiB per file), or an uploaded model has more components than the server accepts (100 000 by default, "
                                            "`serve --max-components`).")
responses["UnsupportedMediaType"] = err_response("The request body's Content-Type is not one this operation reads.")
responses["TooManyRequests"] = OrderedDict([
    ("description", "Rate limit exceeded (only while rate limiting is on): the client made its tier's number of requests in the last minute. "
                    "Rejected requests are not counted."),
    ("headers", OrderedDict([
        ("Retry-After", HREF("Retry-After")),
        *((name, OrderedDict([("$ref", f"#/components/headers/{name}")])) for name in RATE_HEADERS),
    ])),
    ("content", {"application/json": {"schema": REF("Error"),
                                      "example": envelope(429, "Too many requests. Please try again later.")}}),
])
responses["InternalError"] = err_response("Unexpected server error; the server log has the details.")
responses["ServiceUnavailable"] = err_response(
    "The database is not available (the store failed while reading or writing, or while checking API keys).",
    example=envelope(503, "Database not available"))
responses["ServiceUnavailableKeyCheck"] = err_response(
    "The request sent an `Authorization` header and the database failed while checking the key. "
    "Without that header this operation does not use the database.",
    example=envelope(503, "Database not available"))

# ---------------------------------------------------------------- parameters
params = OrderedDict()
params["Project"] = OrderedDict([
    ("name", "project"), ("in", "query"), ("required", False),
    ("description", "The project whose model the call is about; absent or empty is `default`. An unknown project, or one outside "
                    "the caller's key, is a 404."),
    ("schema", STR(default="default")),
])
params["ProjectId"] = OrderedDict([
    ("name", "project_id"), ("in", "path"), ("required", True),
    ("description", "Id of a project (`default` always exists). An unknown project, or one outside the caller's key, is a 404."),
    ("schema", STR()),
])
params["ComponentId"] = OrderedDict([
    ("name", "component_id"), ("in", "path"), ("required", True),
    ("description", "Id of a component of the project's model (percent-decoded)."),
    ("schema", STR()),
])
params["KeyId"] = OrderedDict([
    ("name", "key_id"), ("in", "path"), ("required", True),
    ("description", "Id of an active key (`key_…`, as listed by `GET /api/keys`)."),
    ("schema", STR()),
])
params["HistoryLimit"] = OrderedDict([
    ("name", "limit"), ("in", "query"), ("required", False),
    ("description", "Most entries to return, newest first."),
    ("schema", s("integer", minimum=1, maximum=1000, default=30)),
])
for dimension, meaning in [("layer", "layer"), ("region", "region"), ("zone", "availability zone"), ("team", "owner"), ("type", "component type")]:
    params["Layout" + dimension.capitalize()] = OrderedDict([
        ("name", dimension), ("in", "query"), ("required", False),
        ("description", f"Only components whose {meaning} is this (`unassigned` for none; empty: no filter); a value no component has is a 404."),
        ("schema", STR()),
    ])
params["LayoutGroupBy"] = OrderedDict([
    ("name", "group_by"), ("in", "query"), ("required", False),
    ("description", "Aggregate by this dimension. `auto` (default): one node per component when at most `limit` match, else the first "
                    "of layer, region, zone, team, type that splits them. Another value is a 400."),
    ("schema", STR(enum=["auto"] + LAYOUT_DIMENSIONS, default="auto")),
])
params["TargetNines"] = OrderedDict([
    ("name", "target_nines"), ("in", "query"), ("required", False),
    ("description", "Availability to reach, in nines (4 = 99.99 %)."),
    ("schema", NUM(minimum=1, maximum=6, default=4)),
])
params["Entry"] = OrderedDict([
    ("name", "entry"), ("in", "query"), ("required", False),
    ("description", "An entry point (a component nothing depends on); the first one by default."),
    ("schema", STR()),
])
params["MaxOrder"] = OrderedDict([
    ("name", "max_order"), ("in", "query"), ("required", False),
    ("description", "Largest order of the cut sets, in single instance or domain losses."),
    ("schema", s("integer", minimum=1, maximum=4, default=2)),
])
params["RevenuePerHour"] = OrderedDict([
    ("name", "revenue_per_hour"), ("in", "query"), ("required", False),
    ("description", "Revenue the whole service earns per hour, in any currency, spread over the entry points by `entry_point.weight`; "
                    "the figures are in the same currency. Absent: the revenue declared on the entry points "
                    "(`cost_profile.revenue_per_minute`), or 10000 when none declares any."),
    ("schema", NUM(minimum=0, maximum=1e12)),
])
params["DegradedRevenueShare"] = OrderedDict([
    ("name", "degraded_revenue_share"), ("in", "query"), ("required", False),
    ("description", "Share of an entry point's revenue lost while it is degraded or overloaded (not down)."),
    ("schema", NUM(minimum=0, maximum=1, default=0.3)),
])
params["Framework"] = OrderedDict([
    ("name", "framework"), ("in", "path"), ("required", True),
    ("description", "A compliance framework: `soc2`, `pci-dss`, `hipaa` or `iso27001` (case is ignored); another is a 404 that lists them."),
    ("schema", STR(examples=["soc2", "pci-dss", "hipaa", "iso27001"])),
])
params["BadgeType"] = OrderedDict([
    ("name", "type"), ("in", "path"), ("required", True),
    ("description", "What the badge shows; another value is a 404 that lists them."),
    ("schema", REF("BadgeType")),
])
params["BadgeStyle"] = OrderedDict([
    ("name", "style"), ("in", "query"), ("required", False),
    ("description", "How the badge is drawn (the shields.io styles); another value is a 400."),
    ("schema", STR(enum=["flat", "flat-square", "for-the-badge", "plastic"], default="flat")),
])
params["BaseURL"] = OrderedDict([
    ("name", "base_url"), ("in", "query"), ("required", False),
    ("description", "Where the server is reached: an absolute http or https URL without query or fragment (a trailing slash is dropped). "
                    "Another value is a 400."),
    ("schema", STR(format="uri", default="http://localhost:8000")),
])
params["DeletableProjectId"] = OrderedDict([
    ("name", "project_id"), ("in", "path"), ("required", True),
    ("description", "Id of a project other than `default` (which cannot be deleted: 400). An unknown project, or one outside the caller's key, is a 404."),
    ("schema", OrderedDict([("type", "string"), ("not", {"const": "default"})])),
])
params["Industry"] = OrderedDict([
    ("name", "industry"), ("in", "path"), ("required", True),
    ("description", "An industry id (case is ignored): `fintech`, `ecommerce`, `healthcare`, `saas`, `gaming`, `media_streaming`, "
                    "`government`, `telecommunications`, `insurance` or `logistics`; or `all` (every industry) or `list` (the industries, "
                    "needing no model). Another is a 404 with a suggestion."),
    ("schema", STR(examples=["saas", "all", "list"])),
])
params["ExperimentId"] = OrderedDict([
    ("name", "experiment_id"), ("in", "path"), ("required", True),
    ("description", "Id of a scheduled experiment of the project (`exp_…`)."),
    ("schema", STR()),
])
params["BlackoutId"] = OrderedDict([
    ("name", "blackout_id"), ("in", "path"), ("required", True),
    ("description", "Id of a blackout window of the project (`blk_…`)."),
    ("schema", STR()),
])
params["IncidentId"] = OrderedDict([
    ("name", "incident_id"), ("in", "path"), ("required", True),
    ("description", "Id or alias of an incident of `GET /api/incidents` (case is ignored); another is a 404 with a suggestion."),
    ("schema", STR(examples=["aws-us-east-1-2021-12"])),
])
params["PackageId"] = OrderedDict([
    ("name", "package_id"), ("in", "path"), ("required", True),
    ("description", "Id of a package of `GET /api/marketplace/packages` (case is ignored); another is a 404 with a suggestion."),
    ("schema", STR(examples=["cache-failures"])),
])
params["IncidentProvider"] = OrderedDict([
    ("name", "provider"), ("in", "query"), ("required", False),
    ("description", "Only this provider's incidents (case is ignored); an unknown provider gives none."),
    ("schema", STR(examples=["aws"])),
])
params["PackageCategory"] = OrderedDict([
    ("name", "category"), ("in", "query"), ("required", False),
    ("description", "Only packages of this category (case is ignored); an unknown one gives none."),
    ("schema", STR(examples=["database"])),
])
params["PackageProvider"] = OrderedDict([
    ("name", "provider"), ("in", "query"), ("required", False),
    ("description", "Only packages of this provider (case is ignored); an unknown one gives none."),
    ("schema", STR(examples=["aws"])),
])
PARAM = lambda name: {"$ref": f"#/components/parameters/{name}"}

request_bodies = OrderedDict()
request_bodies["WhatIf"] = OrderedDict([
    ("required", True),
    ("description", "The changes to try. Sent without a Content-Type, the body is read as JSON."),
    ("content", {"application/json": {"schema": REF("WhatIfRequest")}}),
])
model_body = lambda: {"schema": REF("Model")}
request_bodies["Fault"] = OrderedDict([
    ("required", False),
    ("description", "The fault; without a body the component goes down (a crash)."),
    ("content", {"application/json": {"schema": REF("FaultRequest")}}),
])
request_bodies["Model"] = OrderedDict([
    ("required", True),
    ("description", "The model as YAML or JSON (YAML is a superset of JSON; one loader reads both). "
                    "Sent without a Content-Type, the body is read the same way. Invalid models are a 400 that names the line, column and key at fault."),
    ("content", OrderedDict([
        ("application/json", model_body()),
        ("application/yaml", model_body()),
        ("application/x-yaml", model_body()),
        ("text/yaml", model_body()),
        ("text/x-yaml", model_body()),
        ("text/plain", {"schema": STR("The model as YAML or JSON text.", minLength=1)}),
    ])),
])
request_bodies["NewProject"] = OrderedDict([
    ("required", True),
    ("description", "The project. Sent without a Content-Type, the body is read as JSON."),
    ("content", {"application/json": {"schema": REF("NewProject")}}),
])
request_bodies["Chat"] = OrderedDict([
    ("required", True),
    ("description", "The question. Sent without a Content-Type, the body is read as JSON."),
    ("content", {"application/json": {"schema": REF("ChatRequest")}}),
])
request_bodies["Schedule"] = OrderedDict([
    ("required", True),
    ("description", "The experiment. Sent without a Content-Type, the body is read as JSON."),
    ("content", {"application/json": {"schema": REF("ScheduleRequest")}}),
])
request_bodies["Blackout"] = OrderedDict([
    ("required", True),
    ("description", "The window. Sent without a Content-Type, the body is read as JSON."),
    ("content", {"application/json": {"schema": REF("BlackoutRequest")}}),
])
request_bodies["TopologyDiff"] = OrderedDict([
    ("required", True),
    ("description", "The two models as the parts `before_file` and `after_file` of a `multipart/form-data` body "
                    "(`curl -F before_file=@before.yaml -F after_file=@after.yaml`). Any other media type is a 415; a missing, empty "
                    "or invalid part is a 400 that names it."),
    ("content", {"multipart/form-data": OrderedDict([
        ("schema", REF("TopologyDiffRequest")),
        ("encoding", {"before_file": {"contentType": "application/yaml, application/json, text/plain, application/octet-stream"},
                      "after_file": {"contentType": "application/yaml, application/json, text/plain, application/octet-stream"}}),
    ])}),
])
request_bodies["NewKey"] = OrderedDict([
    ("required", True),
    ("description", "The key to create. Sent without a Content-Type, the body is read as JSON."),
    ("content", {"application/json": {"schema": REF("NewKeyRequest")}}),
])


def ok_json(desc, schema, status_note=None):
    return OrderedDict([("description", desc), ("headers", rate_headers()),
                        ("content", {"application/json": {"schema": REF(schema)}})])


# ---------------------------------------------------------------- operations
# (method, path, availability, operationId, tag, summary, description, extra)
# extra: "permission" (None for public operations), "project" (takes ?project=), "parameters", "requestBody", "responses"
# (the success and operation-specific answers; 401, 403, 429 and 503 are added from the permission).
MODEL_RESPONSES = lambda: {"400": RESP("BadRequest"), "404": RESP("NotFound")}
BADGE_ACCESS = (" A project created with `public_badges: true` serves its badges without a key (the `view_results` "
                "permission below applies to the others); a key confined to a project sees no other project's badges (404).")
ROUTES = [
    ("get", "/demo", "root", "loadDemo", "Model", "Load the demo model",
     "Replaces the project's model with the bundled demo (12 components), persists it and records a score-history entry.",
     {"permission": "create_project", "project": True,
      "responses": {"200": ok_json("The demo model is loaded.", "ModelSummary"), "404": RESP("NotFound")}}),
    ("put", "/infrastructure", "stable", "putInfrastructure", "Model", "Load a model",
     "Replaces the project's model with the one in the body, persists it and records a score-history entry.",
     {"permission": "create_project", "project": True, "requestBody": {"$ref": "#/components/requestBodies/Model"},
      "responses": {"200": ok_json("The model is loaded.", "ModelSummary"), **MODEL_RESPONSES(),
                    "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    ("get", "/infrastructure", "stable", "getInfrastructure", "Model", "Get the model",
     "The project's model as JSON, or as YAML when the Accept header names a YAML type (any value containing `yaml`).",
     {"permission": "view_results", "project": True,
      "responses": {"200": OrderedDict([
          ("description", "The model."),
          ("headers", rate_headers()),
          ("content", OrderedDict([
              ("application/json", {"schema": REF("ModelDocument")}),
              ("application/yaml", {"schema": REF("ModelDocument")}),
          ]))]), **MODEL_RESPONSES()}}),
    ("get", "/topology", "stable", "getTopology", "Model", "Get the topology",
     "Nodes and edges of the project's model for drawing, with risk levels, SPOFs and the score's decomposition.",
     {"permission": "view_results", "project": True,
      "responses": {"200": ok_json("The topology.", "Topology"), **MODEL_RESPONSES()}}),
    ("post", "/simulate-failure/{component_id}", "stable", "simulateFailure", "Simulation", "Simulate one component failure",
     "Takes the component down (or applies the fault in the body) and reports the cascade, wave by wave, with its risk and "
     "recovery time. Records nothing.",
     {"permission": "run_simulation", "project": True, "parameters": [PARAM("ComponentId")],
      "requestBody": {"$ref": "#/components/requestBodies/Fault"},
      "responses": {"200": ok_json("The cascade.", "CascadeResult"), **MODEL_RESPONSES(),
                    "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    ("post", "/simulate", "stable", "simulate", "Simulation", "Run every scenario",
     "Runs every generated scenario (single failures, typed faults, traffic spikes, host, zone and region outages, and every pair of failures) "
     "on the project's model and records the result in its score history.",
     {"permission": "run_simulation", "project": True,
      "responses": {"200": ok_json("The report of the run.", "SimulationRun"), **MODEL_RESPONSES()}}),
    ("post", "/whatif/calculate", "stable", "whatIfCalculate", "Simulation", "Evaluate changes",
     "Scores the project's model with the changes applied, beside the baseline. The model is not changed.",
     {"permission": "run_simulation", "project": True, "requestBody": {"$ref": "#/components/requestBodies/WhatIf"},
      "responses": {"200": ok_json("The before and after.", "WhatIfResult"), **MODEL_RESPONSES(),
                    "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    ("post", "/whatif/export", "stable", "whatIfExport", "Simulation", "Export the changed model",
     "The project's model with the changes applied, as a YAML attachment. The model is not changed.",
     {"permission": "run_simulation", "project": True, "requestBody": {"$ref": "#/components/requestBodies/WhatIf"},
      "responses": {"200": OrderedDict([
          ("description", "The modified model as YAML."),
          ("headers", rate_headers({"Content-Disposition": {
              "description": "Always `attachment; filename=\"whatif-modified.yaml\"`.",
              "required": True,
              "schema": STR(enum=['attachment; filename="whatif-modified.yaml"'])}})),
          ("content", {"application/x-yaml": {"schema": REF("ModelDocument")}}),
      ]), **MODEL_RESPONSES(), "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    ("get", "/health", "stable", "getHealth", "System", "Server health",
     "Status (`degraded` while the store fails), version, uptime, the number of components of the default project's model, "
     "API versions, rate-limit tiers and whether they are enforced.",
     {"permission": None, "responses": {"200": ok_json("The server is up.", "HealthReport")}}),
    ("get", "/versions", "stable", "getVersions", "System", "API versions",
     "The API versions, their status, prefix and changelog.",
     {"permission": None, "responses": {"200": ok_json("The versions.", "Versions")}}),
    ("get", "/openapi.json", "stable", "getOpenAPI", "System", "This document",
     "The OpenAPI 3.1 document of the API.",
     {"permission": None, "responses": {"200": ok_json("The OpenAPI document.", "OpenAPIDocument")}}),
    ("get", "/metrics", "root", "getMetrics", "System", "Prometheus metrics",
     "The server's metrics in Prometheus' text format: requests by route template, method and status "
     "(`faultray_http_requests_total`), their latency (`faultray_http_request_duration_seconds`), rate-limit refusals by tier, "
     "analysis and full-run durations, store errors by kind.",
     {"permission": None, "responses": {"200": OrderedDict([
         ("description", "The metrics."),
         ("headers", rate_headers()),
         ("content", {"text/plain": {"schema": STR()}})])}}),
    ("get", "/score-history", "stable", "getScoreHistory", "System", "Score history",
     "The project's entries, written on every model change and full run, newest first.",
     {"permission": "view_results", "project": True, "parameters": [PARAM("HistoryLimit")],
      "responses": {"200": ok_json("The history.", "ScoreHistory"), "400": RESP("BadRequest"), "404": RESP("NotFound")}}),
    ("get", "/dashboard/summary", "v2", "getDashboardSummary", "System", "Dashboard summary (beta)",
     "Score, availability, SPOFs, the last full run and the top risks of the project's model. Only under `/api/v2`.",
     {"permission": "view_results", "project": True,
      "responses": {"200": ok_json("The summary.", "DashboardSummary"), **MODEL_RESPONSES()}}),
    # analyses
    ("get", "/architecture-advice", "stable", "getArchitectureAdvice", "Analysis", "Architecture advice",
     "Plans the smallest set of changes (replicas, failover) that lifts the lower end of the availability interval of the "
     "weakest entry point to `target_nines`, greedy by measured nines per effort; reports what the plan reaches, what still bounds it, the "
     "anti-patterns found, the patterns recommended and a Mermaid diagram. A bad `target_nines` is a 400.",
     {"permission": "view_results", "project": True, "parameters": [PARAM("TargetNines")],
      "responses": {"200": ok_json("The advice.", "ArchitectureAdvice"), **MODEL_RESPONSES()}}),
    ("get", "/availability", "stable", "getAvailability", "Analysis", "Availability per entry point",
     "Each entry point's availability from its structure function: with zone and region outages as common causes (the figure), "
     "independent-only, and fully working (fallbacks not counted); the method (`exact`, or `monte_carlo` with its samples and 95 % "
     "interval) and the events that contribute most (Fussell-Vesely, Birnbaum). See docs/reliability-model.md.",
     {"permission": "view_results", "project": True,
      "responses": {"200": ok_json("The availability report.", "AvailabilityReport"), **MODEL_RESPONSES()}}),
    ("get", "/cut-sets", "stable", "getCutSets", "Analysis", "Minimal cut sets of an entry point",
     "The minimal sets of failures (instances, standbys, external services, zones, regions) that together take an entry point down, "
     "up to `max_order` single losses, most probable first (the first 1,000), with each set's probability and yearly rate and each "
     "event's importance. An order-1 cut set is a single point of failure. An unknown `entry` is a 404 listing the entry points.",
     {"permission": "view_results", "project": True, "parameters": [PARAM("Entry"), PARAM("MaxOrder")],
      "responses": {"200": ok_json("The cut sets.", "CutSetReport"), **MODEL_RESPONSES()}}),
    ("get", "/score-explanation", "stable", "getScoreExplanation", "Analysis", "Score explanation",
     "Each finding's share of the deficit (the shares add up exactly to 100 - score; a category over its ceiling shares it in "
     "proportion) and, where a what-if can express its fix, the fix and what applying it alone gains. See docs/reliability-model.md.",
     {"permission": "view_results", "project": True,
      "responses": {"200": ok_json("The explanation.", "ScoreExplanation"), **MODEL_RESPONSES()}}),
    ("get", "/risk-heatmap", "stable", "getRiskHeatmap", "Analysis", "Risk heat map",
     "Scores every component on seven risk dimensions (blast radius, SPOF, utilization, dependency depth, recovery, security, "
     "external dependency), combines them into an overall risk and groups components by layer, with the hotspots.",
     {"permission": "view_results", "project": True,
      "responses": {"200": ok_json("The heat map.", "RiskHeatMap"), **MODEL_RESPONSES()}}),
    ("get", "/cost-attribution", "stable", "getCostAttribution", "Analysis", "Failure cost attribution",
     "The expected yearly cost of each component's failures (lost revenue, SLA credits, recovery), per component and per team, "
     "with the changes that would save the most. A bad `revenue_per_hour` is a 400.",
     {"permission": "view_results", "project": True, "parameters": [PARAM("RevenuePerHour"), PARAM("DegradedRevenueShare")],
      "responses": {"200": ok_json("The cost attribution.", "CostAttribution"), **MODEL_RESPONSES()}}),
    ("get", "/compliance/{framework}", "stable", "getCompliance", "Analysis", "Compliance check",
     "Evaluates the project's model against the controls of a framework (SOC 2, PCI DSS, HIPAA, ISO/IEC 27001) from its security, "
     "compliance and topology fields. An unknown framework is a 404 that lists the known ones.",
     {"permission": "view_results", "project": True, "parameters": [PARAM("Framework")],
      "responses": {"200": ok_json("The compliance report.", "Compliance"), **MODEL_RESPONSES()}}),
    ("get", "/benchmark/{industry}", "stable", "getBenchmark", "Analysis", "Industry benchmark",
     "Compares the project's model with an industry's reference figures on five dimensions (resilience, redundancy, isolation, "
     "recovery, diversity): percentile and rank of the score, strengths, weaknesses, improvement priorities and radar-chart data. "
     "`all` gives the standing in every industry; `list` the industries (no model needed; `project` is not looked at). "
     "The bundled figures are illustrative (`illustrative`, `source_note`).",
     {"permission": "view_results", "project": True, "parameters": [PARAM("Industry")],
      "responses": {"200": OrderedDict([
          ("description", "A comparison (an industry id), an overview (`all`) or the list (`list`)."),
          ("headers", rate_headers()),
          ("content", {"application/json": {"schema": {"oneOf": [REF("BenchmarkComparison"), REF("BenchmarkOverview"), REF("IndustryList")]}}}),
      ]), **MODEL_RESPONSES()}}),
    ("post", "/chat", "stable", "chat", "Analysis", "Ask about the infrastructure",
     "Answers a question about the project's model in Markdown with typed data, from keyword rules and the same figures as the rest "
     "of the API (no language model): SPOFs, failure impact, a component, availability, the score, the riskiest components, "
     "recommendations, comparisons, an overview, component lists. When the question needs a component it does not name, the answer "
     "asks which. A missing, blank or over-long question is a 400.",
     {"permission": "run_simulation", "project": True, "requestBody": {"$ref": "#/components/requestBodies/Chat"},
      "responses": {"200": ok_json("The answer.", "ChatAnswer"), **MODEL_RESPONSES(),
                    "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    ("post", "/topology-diff", "stable", "topologyDiff", "Analysis", "Compare two models",
     "Compares two uploaded models (not the project's): components and dependencies added, removed and modified, field by field with "
     "the impact of each change, the score before and after, and a Mermaid diagram of the after-topology with the changes marked.",
     {"permission": "run_simulation", "requestBody": {"$ref": "#/components/requestBodies/TopologyDiff"},
      "responses": {"200": ok_json("The difference.", "TopologyDiff"), "400": RESP("BadRequest"),
                    "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    # chaos calendar
    ("get", "/calendar", "stable", "getCalendar", "Calendar", "Chaos calendar",
     "The project's scheduled experiments, their occurrences in the last and next 30 days, the blackout windows, and how much of "
     "the model the experiments target.",
     {"permission": "view_results", "project": True,
      "responses": {"200": ok_json("The calendar.", "CalendarView"), "404": RESP("NotFound")}}),
    ("post", "/calendar/schedule", "stable", "scheduleExperiment", "Calendar", "Schedule an experiment",
     "Schedules a chaos experiment on the project, optionally naming its target components and scenarios (checked against the "
     "project's model) and a recurrence. An occurrence inside a blackout window is a 409.",
     {"permission": "run_simulation", "project": True, "requestBody": {"$ref": "#/components/requestBodies/Schedule"},
      "responses": {"201": ok_json("The experiment is scheduled.", "ScheduledExperiment"), **MODEL_RESPONSES(),
                    "409": RESP("BlackoutConflict"), "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    ("delete", "/calendar/{experiment_id}", "stable", "cancelExperiment", "Calendar", "Cancel an experiment",
     "Removes a scheduled experiment from the project's calendar.",
     {"permission": "run_simulation", "project": True, "parameters": [PARAM("ExperimentId")],
      "responses": {"200": ok_json("The experiment is cancelled.", "ExperimentCancelled"), "404": RESP("NotFound")}}),
    ("get", "/calendar/ical", "stable", "getCalendarICal", "Calendar", "Calendar as iCalendar",
     "The project's experiments (with `RRULE` when they repeat) and blackout windows as an RFC 5545 iCalendar file, for calendar apps.",
     {"permission": "view_results", "project": True,
      "responses": {"200": OrderedDict([
          ("description", "The calendar."),
          ("headers", rate_headers({"Content-Disposition": {
              "description": "Always `attachment; filename=\"chaos-calendar.ics\"`.", "required": True,
              "schema": STR(enum=['attachment; filename="chaos-calendar.ics"'])}})),
          ("content", {"text/calendar": {"schema": STR("RFC 5545 text: CRLF line ends, lines folded at 75 octets.", pattern="^BEGIN:VCALENDAR\r\n")}}),
      ]), "404": RESP("NotFound")}}),
    ("get", "/calendar/blackouts", "stable", "listBlackouts", "Calendar", "List blackout windows",
     "The project's blackout windows, in the order they were added.",
     {"permission": "view_results", "project": True,
      "responses": {"200": ok_json("The windows.", "BlackoutList"), "404": RESP("NotFound")}}),
    ("post", "/calendar/blackouts", "stable", "createBlackout", "Calendar", "Add a blackout window",
     "Adds a period in which no experiment of the project may be scheduled to run. Experiments already scheduled are not checked.",
     {"permission": "run_simulation", "project": True, "requestBody": {"$ref": "#/components/requestBodies/Blackout"},
      "responses": {"201": ok_json("The window is added.", "BlackoutWindow"), "400": RESP("BadRequest"), "404": RESP("NotFound"),
                    "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    ("delete", "/calendar/blackouts/{blackout_id}", "stable", "deleteBlackout", "Calendar", "Delete a blackout window",
     "Removes a blackout window from the project's calendar.",
     {"permission": "run_simulation", "project": True, "parameters": [PARAM("BlackoutId")],
      "responses": {"200": ok_json("The window is deleted.", "BlackoutDeleted"), "404": RESP("NotFound")}}),
    # incidents and the scenario marketplace
    ("get", "/incidents", "stable", "listIncidents", "Catalog", "Historical incidents",
     "Real, publicly documented outages that can be replayed against a model, optionally of one provider.",
     {"permission": "view_results", "parameters": [PARAM("IncidentProvider")],
      "responses": {"200": ok_json("The incidents.", "IncidentList")}}),
    ("post", "/replay/{incident_id}", "stable", "replayIncident", "Catalog", "Replay an incident",
     "Replays a historical incident against the project's model: the components it reaches (by service, provider and region) go "
     "down or degrade, the cascade engine adds the knock-on effects; reports survival, downtime, revenue impact, factors and "
     "recommendations. Records nothing.",
     {"permission": "run_simulation", "project": True, "parameters": [PARAM("IncidentId")],
      "responses": {"200": ok_json("The replay.", "IncidentReplay"), **MODEL_RESPONSES()}}),
    ("get", "/marketplace/packages", "stable", "listPackages", "Catalog", "Scenario packages",
     "The packages of chaos scenarios, optionally of one category and provider.",
     {"permission": "view_results", "parameters": [PARAM("PackageCategory"), PARAM("PackageProvider")],
      "responses": {"200": ok_json("The packages.", "PackageList")}}),
    ("get", "/marketplace/packages/{package_id}", "stable", "getPackage", "Catalog", "A scenario package",
     "One package with its scenarios and their target selectors.",
     {"permission": "view_results", "parameters": [PARAM("PackageId")],
      "responses": {"200": ok_json("The package.", "MarketplacePackage"), "404": RESP("NotFound")}}),
    ("post", "/marketplace/install/{package_id}", "stable", "installPackage", "Catalog", "Install a scenario package",
     "Installs a package in the project: its scenarios are bound to the project's model (each fault to every component its selector "
     "matches) and the bound ones are run by every later `POST /api/simulate` (category `marketplace`) and may be named in calendar "
     "experiments. Installing again changes nothing (200 instead of 201).",
     {"permission": "run_simulation", "project": True, "parameters": [PARAM("PackageId")],
      "responses": {"200": ok_json("The package was already installed; the binding to the current model.", "PackageInstall"),
                    "201": ok_json("The package is installed.", "PackageInstall"), **MODEL_RESPONSES()}}),
    ("get", "/marketplace/installed", "stable", "listInstalledPackages", "Catalog", "Installed packages",
     "The packages installed in the project.",
     {"permission": "view_results", "project": True,
      "responses": {"200": ok_json("The installations.", "InstalledList"), "404": RESP("NotFound")}}),
    # projects
    ("post", "/projects", "stable", "createProject", "Projects", "Create a project",
     "Creates an empty project (load its model with `PUT /api/projects/{project_id}/infrastructure` or `?project=`). "
     "A key confined to a project cannot create projects (403).",
     {"permission": "create_project", "requestBody": {"$ref": "#/components/requestBodies/NewProject"},
      "responses": {"201": ok_json("The project is created.", "Project"), "400": RESP("BadRequest"), "409": RESP("Conflict"),
                    "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    ("get", "/projects", "stable", "listProjects", "Projects", "List projects",
     "Every project, oldest first; a key confined to a project sees only that one.",
     {"permission": "view_results", "responses": {"200": ok_json("The projects.", "ProjectList")}}),
    ("get", "/projects/{project_id}", "stable", "getProject", "Projects", "Get a project",
     "The project, with a summary of its model when one is loaded.",
     {"permission": "view_results", "parameters": [PARAM("ProjectId")],
      "responses": {"200": ok_json("The project.", "Project"), "404": RESP("NotFound")}}),
    ("delete", "/projects/{project_id}", "stable", "deleteProject", "Projects", "Delete a project",
     "Deletes the project with its model and score history. The default project cannot be deleted (400).",
     {"permission": "create_project", "parameters": [PARAM("DeletableProjectId")],
      "responses": {"200": ok_json("The project is deleted.", "ProjectDeleted"), "400": RESP("BadRequest"), "404": RESP("NotFound")}}),
    ("put", "/projects/{project_id}/infrastructure", "stable", "putProjectInfrastructure", "Projects", "Load a project's model",
     "Replaces the project's model with the one in the body, persists it and records a score-history entry; "
     "the same as `PUT /api/infrastructure?project={project_id}`.",
     {"permission": "create_project", "parameters": [PARAM("ProjectId")], "requestBody": {"$ref": "#/components/requestBodies/Model"},
      "responses": {"200": ok_json("The model is loaded.", "ModelSummary"), **MODEL_RESPONSES(),
                    "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    # keys
    ("post", "/keys", "stable", "createKey", "Keys", "Create an API key",
     "Creates a key and returns it once (only its hash is stored). The first active key turns authentication on. "
     "A caller with a key can grant only permissions its key has, and a key confined to a project can create keys only for that project (403).",
     {"permission": "create_project", "requestBody": {"$ref": "#/components/requestBodies/NewKey"},
      "responses": {"201": ok_json("The key is created; `key` is shown only now.", "NewAPIKey"), "400": RESP("BadRequest"),
                    "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType")}}),
    ("get", "/keys", "stable", "listKeys", "Keys", "List API keys",
     "Every key, revoked ones included, never their secrets; a key confined to a project sees only that project's keys.",
     {"permission": "create_project", "responses": {"200": ok_json("The keys.", "APIKeyList")}}),
    ("delete", "/keys/{key_id}", "stable", "revokeKey", "Keys", "Revoke an API key",
     "Revokes an active key: it no longer authenticates. Revoking the last active key turns authentication off "
     "(unless the server runs with `--require-auth`). An unknown or already revoked key, or one outside the caller's project, is a 404.",
     {"permission": "create_project", "parameters": [PARAM("KeyId")],
      "responses": {"200": ok_json("The key is revoked.", "APIKeyRevoked"), "404": RESP("NotFound")}}),
    # dashboard
    ("get", "/topology/layout", "stable", "getTopologyLayout", "Model", "The topology, laid out",
     "The dependency graph laid out in layers for drawing (the dashboard's Topology and Blast radius pages): callers above their "
     "dependencies, cycles broken by depth-first search, layers ordered by barycentre and wrapped at 40 per row; the same model gives the same "
     "coordinates. Filter by layer, region, zone, team or type; more matching components than `limit` are aggregated into groups, which "
     "a client opens by filtering on one.",
     {"permission": "view_results", "project": True,
      "parameters": [PARAM("Layout" + d.capitalize()) for d in LAYOUT_DIMENSIONS] + [PARAM("LayoutGroupBy")],
      "responses": {"200": ok_json("The layout.", "TopologyLayout"), **MODEL_RESPONSES()}}),
    ("get", "/session", "stable", "getSession", "System", "What this caller may do",
     "Whether keys are required and what the caller's key may do, so that a client (the dashboard) offers only the actions it can take. "
     "A malformed, unknown or revoked key is a 401 once keys are required.",
     {"permission": None, "responses": {"200": ok_json("The caller's session.", "Session"), "401": RESP("Unauthorized")}}),
    # badges
    ("get", "/badge/{type}.svg", "root", "getBadge", "Badges", "Status badge",
     "An SVG badge of the project's model (resilience score, SLA estimate, grade, SPOF count or component count), for READMEs and "
     "dashboards; a grey `no model` badge when the project has no model. Rate-limited like every route. Revalidate with "
     "`If-None-Match` and the `ETag`." + BADGE_ACCESS,
     {"permission": "view_results", "project": True, "uses_store": True,
      "parameters": [PARAM("BadgeType"), PARAM("BadgeStyle")],
      "responses": {"200": OrderedDict([
          ("description", "The badge."),
          ("headers", rate_headers(OrderedDict([
              ("ETag", {"description": "A strong validator of the SVG.", "required": True, "schema": STR(pattern='^"[0-9a-f]{16}"$')}),
              ("Cache-Control", {"description": "Always `no-cache, max-age=0`: the badge changes with the model.", "required": True,
                                 "schema": STR(enum=["no-cache, max-age=0"])}),
          ]))),
          ("content", {"image/svg+xml": {"schema": STR("An SVG document.")}}),
      ]), "304": OrderedDict([
          ("description", "`If-None-Match` names the current `ETag`: the cached badge is still right. No body."),
          ("headers", rate_headers(OrderedDict([
              ("ETag", {"description": "The current validator.", "required": True, "schema": STR()}),
              ("Cache-Control", {"required": True, "schema": STR(enum=["no-cache, max-age=0"])}),
          ]))),
      ]), "400": RESP("BadRequest"), "404": RESP("NotFound")}}),
    ("get", "/badge-markdown", "stable", "getBadgeMarkdown", "Badges", "Badge Markdown",
     "Markdown that embeds every badge, with their URLs under `base_url` (with `?project=` when a project is named)." + BADGE_ACCESS,
     {"permission": "view_results", "project": True, "uses_store": True, "parameters": [PARAM("BaseURL")],
      "responses": {"200": ok_json("The snippets.", "BadgeMarkdown"), "400": RESP("BadRequest"), "404": RESP("NotFound")}}),
]

PREFIXES = {"stable": [("/api", ""), ("/api/v1", "V1"), ("/api/v2", "V2")], "v2": [("/api/v2", "")], "root": [("", "")]}
PROTECTED = [{"bearerAuth": []}, {}]


def operation(op_id, tag, summary, description, extra):
    permission = extra["permission"]
    if permission:
        description += (f" Needs the `{permission}` permission once authentication is on (see `bearerAuth`).")
    else:
        description += " Public: no key needed."
    op = OrderedDict([("tags", [tag]), ("summary", summary), ("description", description), ("operationId", op_id)])
    parameters = list(extra.get("parameters", []))
    if extra.get("project"):
        parameters.append(PARAM("Project"))
    if parameters:
        op["parameters"] = parameters
    if "requestBody" in extra:
        op["requestBody"] = extra["requestBody"]
    answers = dict(extra["responses"])
    if extra.get("rate_limited", True):
        answers["429"] = RESP("TooManyRequests")
    answers["500"] = RESP("InternalError")
    if permission:
        answers["401"] = RESP("Unauthorized")
        answers["403"] = RESP("Forbidden")
    answers["503"] = RESP("ServiceUnavailable" if permission or extra.get("uses_store") else "ServiceUnavailableKeyCheck")
    op["responses"] = OrderedDict(sorted(answers.items()))
    op["security"] = PROTECTED if permission else []
    return op


paths = OrderedDict()
for method, path, availability, op_id, tag, summary, description, extra in ROUTES:
    for prefix, suffix in PREFIXES[availability]:
        paths.setdefault(prefix + path, OrderedDict())[method] = operation(op_id + suffix, tag, summary, description, extra)

paths = OrderedDict(sorted(paths.items()))

doc = OrderedDict([
    ("openapi", "3.1.0"),
    ("info", OrderedDict([
        ("title", "FaultRay API"),
        ("version", "0.3.0"),
        ("summary", "Chaos-engineering simulator: load an infrastructure model, simulate failures, score resilience."),
        ("description",
         "Every `/api` route is served under `/api` (v1), `/api/v1` and `/api/v2`; `/api/v2/dashboard/summary` only under `/api/v2`; `/demo` and `/badge/{type}.svg` outside `/api`. "
         "HEAD is answered wherever GET is. JSON keys are snake_case; optional fields are left out when they have no value. "
         "Every non-2xx answer is the error envelope `{\"error\":{\"code\":N,\"message\":\"…\"}}`: an unknown path is a 404, "
         "a known path with a method it does not list is a 405 with an `Allow` header (see `components/responses/MethodNotAllowed`).\n\n"
         "**Projects.** Each project has its own model and score history. Model routes take `?project=ID` (default `default`); "
         "an unknown project is a 404.\n\n"
         "**Authentication.** Off until the first API key exists (or the server runs with `--require-auth`); from then on every "
         "operation except health, versions and this document needs `Authorization: Bearer <key>` with the permission its description names "
         "(401 without a valid key, 403 without the permission); the badges of a project created with `public_badges: true` stay public. "
         "See `components/securitySchemes/bearerAuth`.\n\n"
         "**Rate limits.** While on, every request counts, whatever its path, and every answer carries `X-RateLimit-Limit`, "
         "`X-RateLimit-Remaining` and `X-RateLimit-Reset`; beyond the limit the answer is a 429 with `Retry-After`. Limits per minute are "
         "per key (its tier) or, without a key, per client address at the free tier; see `rate_limit_tiers` in `GET /api/health`.\n\n"
         "**Connections.** A request head over 80 KiB (URI and headers) is a 431 and a malformed one a 400, both in the envelope, and "
         "the connection closes. A connection beyond the server's limit (`serve --max-connections`, default 4096) gets a 503 with "
         "`Retry-After` and is closed; one without a complete request head for `--idle-timeout` seconds (default 60), or whose body "
         "takes longer than `--body-timeout` seconds (default 60), is closed."),
    ])),
    ("servers", [{"url": "http://localhost:8000"}]),
    ("tags", [
        {"name": "Model", "description": "Loading and reading a project's infrastructure model."},
        {"name": "Simulation", "description": "Failure simulations, full runs and what-if."},
        {"name": "Analysis", "description": "Architecture advice, risk heat map, failure cost attribution, compliance checks, "
                                            "industry benchmark, questions in plain English and model comparison."},
        {"name": "Calendar", "description": "The chaos calendar: scheduled experiments, blackout windows and the iCalendar feed."},
        {"name": "Catalog", "description": "Historical incidents and their replay; the scenario marketplace and its installs per project."},
        {"name": "Projects", "description": "Projects, each with its own model and score history."},
        {"name": "Keys", "description": "API keys: who may call what, at which rate."},
        {"name": "Badges", "description": "SVG status badges for READMEs and dashboards, and their Markdown."},
        {"name": "System", "description": "Health, versions, this document, score history and the dashboard."},
    ]),
    ("paths", paths),
    ("components", OrderedDict([
        ("schemas", schemas),
        ("responses", responses),
        ("parameters", params),
        ("requestBodies", request_bodies),
        ("headers", headers),
        ("securitySchemes", {"bearerAuth": {
            "type": "http", "scheme": "bearer",
            "description": "An API key, sent as `Authorization: Bearer fr_live_…` (`fr_live_` and 43 letters and digits). Create one with "
                           "`faultray keys create --name NAME --permissions view_results,run_simulation` or `POST /api/keys`; it is shown once. "
                           "Each key has permissions (`view_results`, `run_simulation`, `create_project`), a rate-limit tier and optionally one "
                           "project it is confined to. Authentication is off until the first active key exists (or the server runs with "
                           "`--require-auth`; keys created or revoked with the CLI take effect within a second, over HTTP at once): until then "
                           "every call is accepted without a key, which is why protected operations also list "
                           "the empty security requirement `{}`. Once on, a call without a valid key is a 401 and one whose key lacks the "
                           "operation's permission a 403."}}),
    ])),
])

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "FaultRayServer", "openapi.json")
with open(out, "w") as fh:
    json.dump(doc, fh, indent=2, ensure_ascii=False)
    fh.write("\n")
print(f"{len(paths)} paths, {sum(len(v) for v in paths.values())} operations -> {out}")
