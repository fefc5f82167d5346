import Foundation

/// A scheduled chaos experiment.
public struct Experiment: Codable, Sendable, Equatable {
    /// How often an experiment repeats.
    public enum Recurrence: String, Codable, Sendable, CaseIterable {
        case once, daily, weekly, monthly

        /// The RFC 5545 `FREQ`, for repeating ones.
        var frequency: String? { self == .once ? nil : rawValue.uppercased() }
    }

    public var id: String
    public var name: String
    public var description: String
    public var scenarioIds: [String]
    public var targetComponents: [String]
    /// ISO-8601 with offset, UTC.
    public var scheduledTime: String
    public var recurrence: Recurrence
    public var createdAt: String

    public init(id: String, name: String, description: String, scenarioIds: [String], targetComponents: [String],
                scheduledTime: String, recurrence: Recurrence, createdAt: String) {
        self.id = id
        self.name = name
        self.description = description
        self.scenarioIds = scenarioIds
        self.targetComponents = targetComponents
        self.scheduledTime = scheduledTime
        self.recurrence = recurrence
        self.createdAt = createdAt
    }

    /// Occurrences from `begin` (included) up to `end` (excluded), at most `limit` of them. Monthly ones keep the day
    /// of the month and skip months without it, as RFC 5545 does. The occurrences before `begin` are stepped over,
    /// not listed, so a recurrence that started years ago still has its occurrences of today.
    public func occurrences(from begin: Date = .distantPast, until end: Date, limit: Int = 1000) -> [Date] {
        guard let start = Timestamp.parse(scheduledTime) else { return [] }
        guard recurrence != .once else { return begin <= start && start < end ? [start] : [] }
        let component: Calendar.Component = recurrence == .monthly ? .month : .day
        let stride = recurrence == .weekly ? 7 : 1
        // The whole periods from the start to `begin`, less one: the step the listing starts at, at or before the
        // first occurrence at or after `begin`.
        var step = 0
        if begin > start, let elapsed = Timestamp.utc.dateComponents([component], from: start, to: begin).value(for: component) {
            step = max(0, elapsed / stride - 1)
        }
        var result: [Date] = []
        while result.count < limit {
            guard let date = Timestamp.utc.date(byAdding: component, value: stride * step, to: start) else { break }
            step += 1
            if date >= end { break }
            if date < begin { continue }
            if recurrence == .monthly, Timestamp.utc.component(.day, from: date) != Timestamp.utc.component(.day, from: start) { continue }
            result.append(date)
        }
        return result
    }
}

/// A period in which no experiment may run.
public struct BlackoutWindow: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var startsAt: String
    public var endsAt: String
    public var reason: String

    public init(id: String, name: String, startsAt: String, endsAt: String, reason: String) {
        self.id = id
        self.name = name
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.reason = reason
    }

    /// Whether `date` falls in the window (start included, end excluded).
    public func contains(_ date: Date) -> Bool {
        guard let start = Timestamp.parse(startsAt), let end = Timestamp.parse(endsAt) else { return false }
        return start <= date && date < end
    }

    /// The first occurrence of `experiment` inside this window, if any (the window's bounds read once,
    /// not once per occurrence: with hundreds of windows that was minutes per scheduled experiment).
    public func conflict(with experiment: Experiment) -> Date? {
        guard let start = Timestamp.parse(startsAt), let end = Timestamp.parse(endsAt) else { return nil }
        return experiment.occurrences(from: start, until: end, limit: 1).first
    }
}

/// The calendar view: experiments, their occurrences around `now`, blackout windows and how much of
/// the model the experiments cover. FaultRay schedules experiments but does not run them on a clock,
/// so `history` lists the occurrences that have come due, not results.
public struct CalendarView: Encodable, Sendable {
    public struct Occurrence: Encodable, Sendable, Equatable {
        public var experimentId: String
        public var name: String
        public var time: String
    }

    public struct Coverage: Encodable, Sendable {
        public var components: Int
        public var covered: Int
        public var percent: Double
        /// Components no experiment targets, in model order.
        public var uncovered: [String]
    }

    public static let horizonDays = 30

    public var experiments: [Experiment]
    /// Occurrences in the next `horizonDays` days, earliest first.
    public var upcoming: [Occurrence]
    /// Occurrences that came due in the last `horizonDays` days, latest first.
    public var history: [Occurrence]
    public var blackoutWindows: [BlackoutWindow]
    /// `nil` when no model is loaded.
    public var coverage: Coverage?

    public init(experiments: [Experiment], blackouts: [BlackoutWindow], model: InfrastructureModel?, now: Date) {
        self.experiments = experiments
        blackoutWindows = blackouts
        let horizon = TimeInterval(Self.horizonDays * 86_400)
        var upcoming: [(Date, Occurrence)] = [], past: [(Date, Occurrence)] = []
        for experiment in experiments {
            for date in experiment.occurrences(from: now.addingTimeInterval(-horizon), until: now.addingTimeInterval(horizon)) {
                let occurrence = Occurrence(experimentId: experiment.id, name: experiment.name, time: Timestamp.iso8601(date))
                if date >= now { upcoming.append((date, occurrence)) } else { past.append((date, occurrence)) }
            }
        }
        self.upcoming = upcoming.sorted { $0.0 < $1.0 }.map(\.1)
        history = past.sorted { $0.0 > $1.0 }.map(\.1)
        coverage = model.map { model in
            let targeted = Set(experiments.flatMap(\.targetComponents))
            let covered = model.components.filter { targeted.contains($0.id) }.count
            return Coverage(components: model.components.count, covered: covered,
                            percent: model.components.isEmpty ? 0 : Format.round(100 * Double(covered) / Double(model.components.count), places: 1),
                            uncovered: model.components.map(\.id).filter { !targeted.contains($0) })
        }
    }
}
