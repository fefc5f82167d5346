import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// The chaos calendar of a project: scheduled experiments, blackout windows and the iCalendar feed.
enum CalendarRoutes {
    static let experimentKind = "calendar.experiment"
    static let blackoutKind = "calendar.blackout"

    static func register(_ api: API) {
        api.routes.on(.get, "/calendar", permission: .viewResults) { request, context in
            let project = try await api.project(request, context)
            let model = try await api.state.model(project)?.model
            let view = CalendarView(experiments: try await experiments(api, project), blackouts: try await blackouts(api, project),
                                    model: model, now: api.state.clock())
            return try JSONBody.response(view)
        }

        api.routes.on(.post, "/calendar/schedule", permission: .runSimulation) { request, context in
            let project = try await api.project(request, context)
            let body = try await JSONBody.decode(ScheduleRequest.self, from: request, limit: api.maxBodyBytes, fields: ScheduleRequest.fields)
            let experiment = try await body.experiment(api, project: project)
            for window in try await blackouts(api, project) {
                if let clash = window.conflict(with: experiment) {
                    throw APIError(.conflict, "The experiment would run at \(Timestamp.iso8601(clash)), inside the blackout window '\(window.name)' (\(window.startsAt) to \(window.endsAt)).")
                }
            }
            try await api.store.putRecord(StoredRecord(kind: experimentKind, project: project, id: experiment.id, body: try StoredJSON.encode(experiment)))
            return try JSONBody.response(Merged(experiment, ["status": "scheduled"]), status: .created)
        }

        api.routes.on(.delete, "/calendar/{experiment_id}", permission: .runSimulation) { request, context in
            try await delete(experimentKind, .experiment, status: "cancelled", request, context, api)
        }

        api.routes.on(.get, "/calendar/ical", permission: .viewResults) { request, context in
            let project = try await api.project(request, context)
            let text = ICalendar.document(experiments: try await experiments(api, project), blackouts: try await blackouts(api, project), stamp: api.state.clock())
            return JSONBody.text(text, contentType: "text/calendar; charset=utf-8",
                                 headers: [.contentDisposition: #"attachment; filename="chaos-calendar.ics""#])
        }

        api.routes.on(.get, "/calendar/blackouts", permission: .viewResults) { request, context in
            let windows = try await blackouts(api, try await api.project(request, context))
            return try JSONBody.response(["blackout_windows": windows])
        }

        api.routes.on(.post, "/calendar/blackouts", permission: .runSimulation) { request, context in
            let project = try await api.project(request, context)
            let body = try await JSONBody.decode(BlackoutRequest.self, from: request, limit: api.maxBodyBytes, fields: BlackoutRequest.fields)
            let window = try body.window()
            try await api.store.putRecord(StoredRecord(kind: blackoutKind, project: project, id: window.id, body: try StoredJSON.encode(window)))
            return try JSONBody.response(window, status: .created)
        }

        api.routes.on(.delete, "/calendar/blackouts/{blackout_id}", permission: .runSimulation) { request, context in
            try await delete(blackoutKind, .blackout, status: "deleted", request, context, api)
        }
    }

    /// Deletes the record named by the `{what}_id` path parameter: `{"what_id": id, "status": status}`, or 404.
    static func delete(_ kind: String, _ what: UnknownNameError.Kind, status: String, _ request: Request, _ context: FaultRayContext,
                       _ api: API) async throws -> Response {
        let project = try await api.project(request, context)
        let id = api.parameter(what.rawValue + "_id", context)
        guard try await api.store.deleteRecord(kind: kind, project: project, id: id) else {
            throw UnknownNameError(what, name: id, known: [])
        }
        return try JSONBody.response([what.rawValue + "_id": id, "status": status])
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

/// `POST /api/calendar/schedule`.
struct ScheduleRequest: Decodable {
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

/// `POST /api/calendar/blackouts`.
struct BlackoutRequest: Decodable {
    static let fields: Set<String> = ["name", "starts_at", "ends_at", "reason"]

    var name: String
    var startsAt: String
    var endsAt: String
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case name, reason, startsAt = "starts_at", endsAt = "ends_at"
    }

    func window() throws -> BlackoutWindow {
        let name = try FieldRules.name(self.name)
        let start = try CalendarRoutes.time(startsAt, field: "starts_at"), end = try CalendarRoutes.time(endsAt, field: "ends_at")
        guard end > start else { throw APIError(.badRequest, "field 'ends_at': must be after starts_at") }
        let reason = try FieldRules.text(self.reason, field: "reason")
        return BlackoutWindow(id: RandomID.make("blk"), name: name, startsAt: Timestamp.iso8601(start), endsAt: Timestamp.iso8601(end), reason: reason)
    }
}
