import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// The chaos calendar of a project: scheduled experiments, blackout windows and the iCalendar feed. The JSON
/// operations are generated (below); the iCalendar feed stays a hand-written route (its answer is text/calendar).
enum CalendarRoutes {
    static let experimentKind = "calendar.experiment"
    static let blackoutKind = "calendar.blackout"

    static let guards: [String: RouteTable.Guard] = [
        "GET /calendar": .init(permission: .viewResults),
        "GET /calendar/blackouts": .init(permission: .viewResults),
        "POST /calendar/blackouts": .init(permission: .runSimulation, body: .jsonAfterProject),
        "DELETE /calendar/blackouts/{blackout_id}": .init(permission: .runSimulation),
        "POST /calendar/schedule": .init(permission: .runSimulation, body: .jsonAfterProject),
        "DELETE /calendar/{experiment_id}": .init(permission: .runSimulation),
    ]

    static func register(_ api: API) {
        api.routes.on(.get, "/calendar/ical", permission: .viewResults) { request, context in
            let project = try await api.project(request, context)
            let text = ICalendar.document(experiments: try await experiments(api, project), blackouts: try await blackouts(api, project), stamp: api.state.clock())
            return JSONBody.text(text, contentType: "text/calendar; charset=utf-8",
                                 headers: [.contentDisposition: #"attachment; filename="chaos-calendar.ics""#])
        }
    }

    /// Deletes the record `id` of `kind` in the project `?project=` names (absent: `default`); a 404 when there is none.
    static func delete(_ kind: String, _ what: UnknownNameError.Kind, id: String, project: String?, _ api: API) async throws {
        let project = try await api.project(id: api.projectID(project), try FaultRayContext.current)
        guard try await api.store.deleteRecord(kind: kind, project: project, id: id) else {
            throw UnknownNameError(what, name: id, known: [])
        }
    }

    static func experiments(_ api: API, _ project: String) async throws -> [Experiment] {
        try await api.store.records(kind: experimentKind, project: project).map { try StoredJSON.decode(Experiment.self, $0.body) }
    }

    static func blackouts(_ api: API, _ project: String) async throws -> [BlackoutWindow] {
        try await api.store.records(kind: blackoutKind, project: project).map { try StoredJSON.decode(BlackoutWindow.self, $0.body) }
    }

    /// An ISO-8601 time with an offset, normalised to UTC; a 400 naming `field` otherwise.
    static func time(_ text: String, field: String) throws -> Date {
        guard let date = Timestamp.parse(text) else {
            throw APIError(.badRequest, "field '\(field)': expected an ISO-8601 date-time with an offset, such as 2026-03-15T10:30:00Z or 2026-03-15T11:30:00+01:00; got '\(Clip.text(text))'")
        }
        return date
    }
}

extension OperationHandler {
    func getCalendar(_ input: Operations.GetCalendar.Input) async throws -> Operations.GetCalendar.Output {
        let project = try await api.project(id: api.projectID(input.query.project), try FaultRayContext.current)
        let view = CalendarView(experiments: try await CalendarRoutes.experiments(api, project), blackouts: try await CalendarRoutes.blackouts(api, project),
                                model: try await api.state.model(project)?.model, now: api.state.clock())
        return .ok(.init(body: .json(try .init(wire: view))))
    }

    func scheduleExperiment(_ input: Operations.ScheduleExperiment.Input) async throws -> Operations.ScheduleExperiment.Output {
        let project = try await project(input.query.project)
        let body = switch input.body { case .json(let body): body }
        let experiment = try await body.experiment(api, project: project)
        for window in try await CalendarRoutes.blackouts(api, project) {
            if let clash = window.conflict(with: experiment) {
                throw APIError(.conflict, "The experiment would run at \(Timestamp.iso8601(clash)), inside the blackout window '\(window.name)' (\(window.startsAt) to \(window.endsAt)).")
            }
        }
        try await api.store.putRecord(StoredRecord(kind: CalendarRoutes.experimentKind, project: project, id: experiment.id, body: try StoredJSON.encode(experiment)))
        return .created(.init(body: .json(try .init(wire: Merged(experiment, ["status": "scheduled"])))))
    }

    func cancelExperiment(_ input: Operations.CancelExperiment.Input) async throws -> Operations.CancelExperiment.Output {
        try await CalendarRoutes.delete(CalendarRoutes.experimentKind, .experiment, id: input.path.experimentId, project: input.query.project, api)
        return .ok(.init(body: .json(.init(experimentId: input.path.experimentId, status: .cancelled))))
    }

    func listBlackouts(_ input: Operations.ListBlackouts.Input) async throws -> Operations.ListBlackouts.Output {
        let project = try await api.project(id: api.projectID(input.query.project), try FaultRayContext.current)
        let windows = try await CalendarRoutes.blackouts(api, project)
        return .ok(.init(body: .json(.init(blackoutWindows: try windows.map(Components.Schemas.BlackoutWindow.init(wire:))))))
    }

    func createBlackout(_ input: Operations.CreateBlackout.Input) async throws -> Operations.CreateBlackout.Output {
        let project = try await project(input.query.project)
        let body = switch input.body { case .json(let body): body }
        let window = try body.window()
        try await api.store.putRecord(StoredRecord(kind: CalendarRoutes.blackoutKind, project: project, id: window.id, body: try StoredJSON.encode(window)))
        return .created(.init(body: .json(try .init(wire: window))))
    }

    func deleteBlackout(_ input: Operations.DeleteBlackout.Input) async throws -> Operations.DeleteBlackout.Output {
        try await CalendarRoutes.delete(CalendarRoutes.blackoutKind, .blackout, id: input.path.blackoutId, project: input.query.project, api)
        return .ok(.init(body: .json(.init(blackoutId: input.path.blackoutId, status: .deleted))))
    }
}

/// `POST /api/calendar/schedule`: the type of the document's `ScheduleRequest` (scripts/openapi-generator-config.yaml
/// says why it is not generated). Its fields are decoded as written, and checked in the order of the hand-written
/// routes: the JSON types, unknown fields, then each field's rule.
struct ScheduleRequest: Decodable, Hashable, Sendable {
    static let fields: Set<String> = ["name", "description", "scenario_ids", "target_components", "scheduled_time", "recurrence"]

    var name: String?
    var description: String?
    var scenarioIds: [String]?
    var targetComponents: [String]?
    var scheduledTime: String?
    var recurrence: String?

    enum CodingKeys: String, CodingKey {
        case name, description, recurrence
        case scenarioIds = "scenario_ids", targetComponents = "target_components", scheduledTime = "scheduled_time"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        scenarioIds = try container.decodeIfPresent([String].self, forKey: .scenarioIds)
        targetComponents = try container.decodeIfPresent([String].self, forKey: .targetComponents)
        scheduledTime = try container.decodeIfPresent(String.self, forKey: .scheduledTime)
        recurrence = try container.decodeIfPresent(String.self, forKey: .recurrence)
        try JSONBody.only(Self.fields, in: decoder)
    }

    /// The experiment this request describes, after checking it against the project's model.
    func experiment(_ api: API, project: String) async throws -> Experiment {
        let name = try FieldRules.name(self.name)
        let recurrence = try recurrence.map { text in
            guard let value = Experiment.Recurrence(rawValue: text) else {
                throw APIError(.badRequest, "field 'recurrence': expected one of \(Experiment.Recurrence.allCases.map(\.rawValue).joined(separator: ", ")); got '\(Clip.text(text))'")
            }
            return value
        } ?? .once
        let time = try scheduledTime.map { try CalendarRoutes.time($0, field: "scheduled_time") } ?? api.state.clock()
        let targets = try FieldRules.list(targetComponents, field: "target_components"), scenarios = try FieldRules.list(scenarioIds, field: "scenario_ids")
        let description = try FieldRules.text(self.description, field: "description")
        if !targets.isEmpty || !scenarios.isEmpty {
            let assessment = try await api.state.current(project)
            let ids = assessment.model.components.map(\.id)
            for target in targets where assessment.graph.index(of: target) == nil {
                throw APIError(.badRequest, "field 'target_components': unknown component '\(Clip.text(target))'\(Suggestion.hint(for: target, among: ids))")
            }
            let known = ScenarioCatalog.scenarios(for: assessment.graph).map(\.id)
                + (try await CatalogRoutes.installedScenarios(api, project, assessment)).map(\.id)
            for scenario in scenarios where !known.contains(scenario) {
                throw APIError(.badRequest, "field 'scenario_ids': unknown scenario '\(Clip.text(scenario))'\(Suggestion.hint(for: scenario, among: known)); ids look like single-failure-<component>")
            }
        }
        return Experiment(id: RandomID.make("exp"), name: name, description: description, scenarioIds: scenarios, targetComponents: targets,
                          scheduledTime: Timestamp.iso8601(time), recurrence: recurrence, createdAt: Timestamp.iso8601(api.state.clock()))
    }
}

/// `POST /api/calendar/blackouts`: the type of the document's `BlackoutRequest`, decoded and checked as `ScheduleRequest`.
struct BlackoutRequest: Decodable, Hashable, Sendable {
    static let fields: Set<String> = ["name", "starts_at", "ends_at", "reason"]

    var name: String
    var startsAt: String
    var endsAt: String
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case name, reason, startsAt = "starts_at", endsAt = "ends_at"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        startsAt = try container.decode(String.self, forKey: .startsAt)
        endsAt = try container.decode(String.self, forKey: .endsAt)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        try JSONBody.only(Self.fields, in: decoder)
    }

    func window() throws -> BlackoutWindow {
        let name = try FieldRules.name(self.name)
        let start = try CalendarRoutes.time(startsAt, field: "starts_at"), end = try CalendarRoutes.time(endsAt, field: "ends_at")
        guard end > start else { throw APIError(.badRequest, "field 'ends_at': must be after starts_at") }
        let reason = try FieldRules.text(self.reason, field: "reason")
        return BlackoutWindow(id: RandomID.make("blk"), name: name, startsAt: Timestamp.iso8601(start), endsAt: Timestamp.iso8601(end), reason: reason)
    }
}
