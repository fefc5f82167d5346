import Foundation
@testable import FaultRayCore
import Testing

@Suite("Chaos calendar and iCalendar")
struct CalendarTests {
    func experiment(_ time: String, _ recurrence: Experiment.Recurrence) -> Experiment {
        Experiment(id: "e1", name: "x", description: "", scenarioIds: [], targetComponents: [], scheduledTime: time,
                   recurrence: recurrence, createdAt: "2026-01-01T00:00:00+00:00")
    }

    @Test func recurrencesExpandLikeRFC5545() throws {
        let end = try #require(Timestamp.parse("2026-06-01T00:00:00Z"))
        #expect(experiment("2026-01-31T09:00:00Z", .monthly).occurrences(until: end).map(Timestamp.iso8601)
                == ["2026-01-31T09:00:00+00:00", "2026-03-31T09:00:00+00:00", "2026-05-31T09:00:00+00:00"])
        #expect(experiment("2026-05-01T09:00:00+02:00", .weekly).occurrences(until: end).map(Timestamp.iso8601)
                == ["2026-05-01T07:00:00+00:00", "2026-05-08T07:00:00+00:00", "2026-05-15T07:00:00+00:00", "2026-05-22T07:00:00+00:00", "2026-05-29T07:00:00+00:00"])
        #expect(experiment("2026-05-30T00:00:00Z", .daily).occurrences(until: end).count == 2)
        #expect(experiment("2026-07-01T00:00:00Z", .once).occurrences(until: end).isEmpty)
    }

    /// A recurrence that started long ago (more occurrences before today than any listing holds) still has its
    /// occurrences of today, and a blackout window years after its start still catches it. The occurrences from a
    /// later `begin` are those of the whole listing from that point on, for every recurrence and many begins.
    @Test func oldRecurrencesKeepTheirOccurrencesOfToday() throws {
        let now = try #require(Timestamp.parse("2026-12-01T12:00:00Z"))
        let daily = experiment("2020-02-29T10:00:00Z", .daily)
        let window = BlackoutWindow(id: "b", name: "freeze", startsAt: "2026-12-24T00:00:00Z", endsAt: "2026-12-27T00:00:00Z", reason: "")
        #expect(window.conflict(with: daily).map(Timestamp.iso8601) == "2026-12-24T10:00:00+00:00")
        let view = CalendarView(experiments: [daily], blackouts: [], model: nil, now: now)
        #expect(view.upcoming.first?.time == "2026-12-02T10:00:00+00:00")
        #expect(view.upcoming.count == CalendarView.horizonDays)
        #expect(view.history.first?.time == "2026-12-01T10:00:00+00:00")
        let end = try #require(Timestamp.parse("2031-01-01T00:00:00Z"))
        for recurrence in [Experiment.Recurrence.daily, .weekly, .monthly, .once] {
            let e = experiment("2026-01-31T09:00:00Z", recurrence)
            let all = e.occurrences(until: end, limit: 10_000)
            for days in Swift.stride(from: -40, through: 1_900, by: 37) {
                for seconds in [0.0, 1.0] {
                    let begin = try #require(Timestamp.parse("2026-01-31T09:00:00Z")).addingTimeInterval(TimeInterval(days) * 86_400 + seconds)
                    #expect(e.occurrences(from: begin, until: end, limit: 10_000) == all.filter { $0 >= begin }, "\(recurrence) from \(begin)")
                }
            }
        }
    }

    @Test func timesWithoutAnOffsetAreRefused() {
        #expect(Timestamp.parse("2020-01-01T00:00:00") == nil)
        #expect(Timestamp.parse("next tuesday") == nil)
        #expect(Timestamp.parse("2020-01-01T00:00:00.250+05:30").map(Timestamp.iso8601) == "2019-12-31T18:30:00+00:00")
    }

    @Test func blackoutWindowsCatchAnyOccurrence() throws {
        let window = BlackoutWindow(id: "b", name: "freeze", startsAt: "2026-05-20T00:00:00Z", endsAt: "2026-05-23T00:00:00Z", reason: "")
        #expect(window.conflict(with: experiment("2026-05-01T09:00:00Z", .weekly)).map(Timestamp.iso8601) == "2026-05-22T09:00:00+00:00")
        #expect(window.conflict(with: experiment("2026-05-01T09:00:00Z", .once)) == nil)
        #expect(window.conflict(with: experiment("2026-05-23T00:00:00Z", .once)) == nil)
    }

    @Test func textIsEscapedAndLinesFoldedAt75Octets() {
        #expect(ICalendar.escape("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne")
        let line = "DESCRIPTION:" + String(repeating: "é", count: 100)
        let folded = ICalendar.fold(line).components(separatedBy: "\r\n")
        #expect(folded.count > 1 && folded.allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == line)
    }
}
