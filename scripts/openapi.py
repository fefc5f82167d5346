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


INT64_MAX = 9223372036854775807
INT0 = lambda d=None, **kw: s("integer", d, minimum=0, **kw)
NUM = lambda d=None, **kw: s("number", d, **kw)
STR = lambda d=None, **kw: s("string", d, **kw)
BOOL = lambda d=None: s("boolean", d)
ARR = lambda items, d=None, **kw: OrderedDict([*([("description", d)] if d else []), ("type", "array"), ("items", items), *kw.items()])

schemas = OrderedDict()

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
    "region_outage", "pair"])
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
}, description="One scenario's outcome in a full run.")
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
}, description="The report of a full run, with the id of its score-history entry.")

# ---------------------------------------------------------------- what-if
schemas["Modification"] = obj({
    "replicas": s("integer", "New replica count.", minimum=1, maximum=INT64_MAX),
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
    "status": STR("`healthy`, or `degraded` while the store fails.", enum=["healthy", "degraded"]),
    "version": STR("The FaultRay release.", examples=["0.3.0"]),
    "uptime": STR(examples=["0h 12m 5s"], pattern="^[0-9]+h [0-9]+m [0-9]+s$"),
    "uptime_seconds": NUM(minimum=0),
    "components_loaded": INT0("Components of the loaded model (0 when none is loaded)."),
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
                       ("failover_threshold", I)]),
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
])

# Strings in a model are any non-null scalar (a number or boolean is taken as its text).
schemas["ModelText"] = s(["string", "number", "boolean"],
                         "A string; a number or boolean is read as its text. Models written by FaultRay use strings.")


def field_schema(kind, lo=None, hi=None):
    if kind == I:
        out = s("integer", minimum=0 if lo is None else lo, maximum=INT64_MAX)
    elif kind == D:
        out = s("number", minimum=0 if lo is None else lo)
        if hi is not None:
            out["maximum"] = hi
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

schemas["ModelParameters"] = s("object", "Free-form settings; each value is a number, string or boolean.",
                               additionalProperties=s(["number", "string", "boolean"]))
component_props = OrderedDict([
    ("id", REF("ModelText")),
    ("name", REF("ModelText")),
    ("type", REF("ComponentType")),
    ("description", REF("ModelText")),
    ("host", REF("ModelText")),
    ("port", INT0(maximum=INT64_MAX)),
    ("replicas", s("integer", minimum=1, maximum=INT64_MAX)),
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
    ("port", INT0(maximum=INT64_MAX)),
    ("latency_ms", NUM(minimum=0)),
    ("weight", NUM(minimum=0, maximum=1)),
    ("circuit_breaker", REF("ModelCircuitBreaker")),
    ("retry_strategy", REF("ModelRetryStrategy")),
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

# ---------------------------------------------------------------- responses
responses = OrderedDict()


def err_response(desc, headers=None):
    out = OrderedDict([("description", desc)])
    if headers:
        out["headers"] = headers
    out["content"] = {"application/json": {"schema": REF("Error")}}
    return out


responses["BadRequest"] = err_response("Bad request: no model is loaded, or the request (body, parameter) is invalid.")
responses["NotFound"] = err_response("A component id names no component of the loaded model.")
responses["MethodNotAllowed"] = err_response(
    "The path exists but not with this method (any route, for a method it does not list).",
    {"Allow": {"description": "The methods the path accepts, e.g. `GET, HEAD`.", "schema": STR()}})
responses["ContentTooLarge"] = err_response("The request body is larger than the server's limit (10 MiB by default).")
responses["UnsupportedMediaType"] = err_response("The request body's Content-Type is not one this operation reads.")
responses["InternalError"] = err_response("Unexpected server error; the server log has the details.")
responses["ServiceUnavailable"] = err_response("The database is not available.")

params = OrderedDict()
params["ComponentId"] = OrderedDict([
    ("name", "component_id"), ("in", "path"), ("required", True),
    ("description", "Id of a component of the loaded model."),
    ("schema", STR()),
])
params["HistoryLimit"] = OrderedDict([
    ("name", "limit"), ("in", "query"), ("required", False),
    ("description", "Most entries to return, newest first."),
    ("schema", s("integer", minimum=1, maximum=1000, default=30)),
])

request_bodies = OrderedDict()
request_bodies["WhatIf"] = OrderedDict([
    ("required", True),
    ("description", "The changes to try. Sent without a Content-Type, the body is read as JSON."),
    ("content", {"application/json": {"schema": REF("WhatIfRequest")}}),
])
model_body = lambda: {"schema": REF("Model")}
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


def ok_json(desc, schema):
    return OrderedDict([("description", desc), ("content", {"application/json": {"schema": REF(schema)}})])


# ---------------------------------------------------------------- operations
# (method, path, availability, operationId, tag, summary, description, extra)
ROUTES = [
    ("get", "/demo", "root", "loadDemo", "Model", "Load the demo model",
     "Replaces the loaded model with the bundled demo (12 components) and records a score-history entry.",
     {"responses": {"200": ok_json("The demo model is loaded.", "ModelSummary"), "500": RESP("InternalError"),
                    "503": RESP("ServiceUnavailable")}}),
    ("put", "/infrastructure", "stable", "putInfrastructure", "Model", "Load a model",
     "Replaces the loaded model with the one in the body, persists it and records a score-history entry.",
     {"requestBody": {"$ref": "#/components/requestBodies/Model"},
      "responses": {"200": ok_json("The model is loaded.", "ModelSummary"), "400": RESP("BadRequest"),
                    "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType"), "500": RESP("InternalError"),
                    "503": RESP("ServiceUnavailable")}}),
    ("get", "/infrastructure", "stable", "getInfrastructure", "Model", "Get the loaded model",
     "The loaded model as JSON, or as YAML when the Accept header names a YAML type (any value containing `yaml`).",
     {"responses": {"200": OrderedDict([
         ("description", "The loaded model."),
         ("content", OrderedDict([
             ("application/json", {"schema": REF("ModelDocument")}),
             ("application/yaml", {"schema": REF("ModelDocument")}),
         ]))]),
         "400": RESP("BadRequest"), "500": RESP("InternalError")}}),
    ("get", "/topology", "stable", "getTopology", "Model", "Get the topology",
     "Nodes and edges of the loaded model for drawing, with risk levels, SPOFs and the score's decomposition.",
     {"responses": {"200": ok_json("The topology.", "Topology"), "400": RESP("BadRequest"), "500": RESP("InternalError")}}),
    ("post", "/simulate-failure/{component_id}", "stable", "simulateFailure", "Simulation", "Simulate one component failure",
     "Takes the component down and reports the cascade, wave by wave, with its risk and recovery time. Records nothing.",
     {"parameters": [{"$ref": "#/components/parameters/ComponentId"}],
      "responses": {"200": ok_json("The cascade.", "CascadeResult"), "400": RESP("BadRequest"), "404": RESP("NotFound"),
                    "500": RESP("InternalError")}}),
    ("post", "/simulate", "stable", "simulate", "Simulation", "Run every scenario",
     "Runs every generated scenario (single failures, typed faults, traffic spikes, host, zone and region outages, and every pair of failures) and records the result in the score history.",
     {"responses": {"200": ok_json("The report of the run.", "SimulationRun"), "400": RESP("BadRequest"),
                    "500": RESP("InternalError"), "503": RESP("ServiceUnavailable")}}),
    ("post", "/whatif/calculate", "stable", "whatIfCalculate", "Simulation", "Evaluate changes",
     "Scores the loaded model with the changes applied, beside the baseline. The loaded model is not changed.",
     {"requestBody": {"$ref": "#/components/requestBodies/WhatIf"},
      "responses": {"200": ok_json("The before and after.", "WhatIfResult"), "400": RESP("BadRequest"),
                    "404": RESP("NotFound"), "413": RESP("ContentTooLarge"), "415": RESP("UnsupportedMediaType"),
                    "500": RESP("InternalError")}}),
    ("post", "/whatif/export", "stable", "whatIfExport", "Simulation", "Export the changed model",
     "The loaded model with the changes applied, as a YAML attachment. The loaded model is not changed.",
     {"requestBody": {"$ref": "#/components/requestBodies/WhatIf"},
      "responses": {"200": OrderedDict([
          ("description", "The modified model as YAML."),
          ("headers", {"Content-Disposition": {
              "description": "Always `attachment; filename=\"whatif-modified.yaml\"`.",
              "required": True,
              "schema": STR(enum=['attachment; filename="whatif-modified.yaml"'])}}),
          ("content", {"application/x-yaml": {"schema": REF("ModelDocument")}}),
      ]), "400": RESP("BadRequest"), "404": RESP("NotFound"), "413": RESP("ContentTooLarge"),
          "415": RESP("UnsupportedMediaType"), "500": RESP("InternalError")}}),
    ("get", "/health", "stable", "getHealth", "System", "Server health",
     "Status, version, uptime, the number of components loaded, API versions and rate-limit tiers.",
     {"responses": {"200": ok_json("The server is up.", "HealthReport"), "500": RESP("InternalError")}}),
    ("get", "/versions", "stable", "getVersions", "System", "API versions",
     "The API versions, their status, prefix and changelog.",
     {"responses": {"200": ok_json("The versions.", "Versions"), "500": RESP("InternalError")}}),
    ("get", "/openapi.json", "stable", "getOpenAPI", "System", "This document",
     "The OpenAPI 3.1 document of the API.",
     {"responses": {"200": ok_json("The OpenAPI document.", "OpenAPIDocument"), "500": RESP("InternalError")}}),
    ("get", "/score-history", "stable", "getScoreHistory", "System", "Score history",
     "Entries written on every model change and full run, newest first.",
     {"parameters": [{"$ref": "#/components/parameters/HistoryLimit"}],
      "responses": {"200": ok_json("The history.", "ScoreHistory"), "400": RESP("BadRequest"),
                    "500": RESP("InternalError"), "503": RESP("ServiceUnavailable")}}),
    ("get", "/dashboard/summary", "v2", "getDashboardSummary", "System", "Dashboard summary (beta)",
     "Score, availability, SPOFs, the last full run and the top risks of the loaded model. Only under `/api/v2`.",
     {"responses": {"200": ok_json("The summary.", "DashboardSummary"), "400": RESP("BadRequest"),
                    "500": RESP("InternalError"), "503": RESP("ServiceUnavailable")}}),
]

PREFIXES = {"stable": [("/api", ""), ("/api/v1", "V1"), ("/api/v2", "V2")], "v2": [("/api/v2", "")], "root": [("", "")]}

paths = OrderedDict()
for method, path, availability, op_id, tag, summary, description, extra in ROUTES:
    for prefix, suffix in PREFIXES[availability]:
        full = prefix + path
        op = OrderedDict([("tags", [tag]), ("summary", summary), ("description", description),
                          ("operationId", op_id + suffix)])
        for key in ("parameters", "requestBody", "responses"):
            if key in extra:
                op[key] = extra[key]
        paths.setdefault(full, OrderedDict())[method] = op

paths = OrderedDict(sorted(paths.items()))

doc = OrderedDict([
    ("openapi", "3.1.0"),
    ("info", OrderedDict([
        ("title", "FaultRay API"),
        ("version", "0.3.0"),
        ("summary", "Chaos-engineering simulator: load an infrastructure model, simulate failures, score resilience."),
        ("description",
         "Every `/api` route is served under `/api` (v1), `/api/v1` and `/api/v2`; `/api/v2/dashboard/summary` only under `/api/v2`; `/demo` outside `/api`. "
         "HEAD is answered wherever GET is. JSON keys are snake_case; optional fields are left out when they have no value. "
         "Every non-2xx answer is the error envelope `{\"error\":{\"code\":N,\"message\":\"…\"}}`: an unknown path is a 404, "
         "a known path with a method it does not list is a 405 with an `Allow` header (see `components/responses/MethodNotAllowed`)."),
    ])),
    ("servers", [{"url": "http://localhost:8000"}]),
    ("tags", [
        {"name": "Model", "description": "Loading and reading the infrastructure model."},
        {"name": "Simulation", "description": "Failure simulations, full runs and what-if."},
        {"name": "System", "description": "Health, versions, this document, score history and the dashboard."},
    ]),
    ("paths", paths),
    ("components", OrderedDict([
        ("schemas", schemas),
        ("responses", responses),
        ("parameters", params),
        ("requestBodies", request_bodies),
        ("securitySchemes", {"bearerAuth": {
            "type": "http", "scheme": "bearer",
            "description": "Bearer token of the API contract. Not required yet: this server does not check it."}}),
    ])),
])

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "FaultRayServer", "openapi.json")
with open(out, "w") as fh:
    json.dump(doc, fh, indent=2, ensure_ascii=False)
    fh.write("\n")
print(f"{len(paths)} paths, {sum(len(v) for v in paths.values())} operations -> {out}")
