import FaultRayCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Chaos calendar routes")
struct CalendarRouteTests {
    static let contractExample = #"{"name": "Weekly DB Failover", "target_components": ["database"], "recurrence": "weekly"}"#

    @Test func theContractExampleIsScheduledAndShown() async throws {
        try await withServer { client async throws in
            let created = try await client.post("/api/calendar/schedule", Self.contractExample)
            #expect(created.status == .created)
            let experiment = try Body(created.body)
            #expect(experiment["recurrence"] as? String == "weekly" && experiment["status"] as? String == "scheduled")
            // Scheduled now (the test clock) and weekly: five occurrences in the next 30 days.
            #expect(experiment["scheduled_time"] as? String == "2026-03-15T12:45:30+00:00")
            let calendar = try Body(try await client.get("/api/calendar").body)
            #expect((calendar["upcoming"] as? [Any])?.count == 5)
            let coverage = try #require(calendar["coverage"] as? [String: Any])
            #expect(coverage["covered"] as? Int == 1 && coverage["components"] as? Int == 12)
            let id = try #require(experiment["id"] as? String)
            #expect(try await client.execute(uri: "/api/calendar/\(id)", method: .delete).status == .ok)
            expectError(try await client.execute(uri: "/api/calendar/\(id)", method: .delete), .notFound)
        }
    }

    @Test(arguments: [
        (#"{"target_components": ["database"]}"#, "name"),
        (#"{"name": "x", "scheduled_time": "2020-01-01T00:00:00"}"#, "offset"),
        (#"{"name": "x", "scheduled_time": "next tuesday"}"#, "scheduled_time"),
        (#"{"name": "x", "recurrence": "fortnightly"}"#, "once, daily, weekly, monthly"),
        (#"{"name": "x", "target_components": ["databse"]}"#, "did you mean 'database'"),
        (#"{"name": "x", "scenario_ids": ["kill-postgres"]}"#, "unknown scenario"),
        (#"{"name": "x", "target_components": "database"}"#, "target_components"),
        (#"{"name": "x", "when": "now"}"#, "unknown field 'when'"),
    ])
    func badSchedulesAre400(body: String, message: String) async throws {
        try await withServer { client async throws in
            expectError(try await client.post("/api/calendar/schedule", body), .badRequest, containing: message)
        }
    }

    @Test func blackoutWindowsRefuseExperimentsInside() async throws {
        try await withServer { client async throws in
            let window = try await client.post("/api/calendar/blackouts", #"{"name": "Release freeze", "starts_at": "2026-03-20T00:00:00Z", "ends_at": "2026-03-25T00:00:00Z"}"#)
            #expect(window.status == .created)
            let clash = try await client.post("/api/calendar/schedule", Self.contractExample)
            expectError(clash, .conflict, containing: "Release freeze")
            #expect(envelope(clash)?.message.contains("2026-03-22T12:45:30+00:00") == true)
            #expect(try await client.post("/api/calendar/schedule", #"{"name": "after", "scheduled_time": "2026-03-25T00:00:00Z", "scenario_ids": ["single-failure-database"]}"#).status == .created)
            expectError(try await client.post("/api/calendar/blackouts", #"{"name": "x", "starts_at": "2026-03-25T00:00:00Z", "ends_at": "2026-03-20T00:00:00Z"}"#),
                        .badRequest, containing: "after starts_at")
            let id = try #require(try Body(window.body)["id"] as? String)
            #expect(try await client.execute(uri: "/api/calendar/blackouts/\(id)", method: .delete).status == .ok)
            #expect(try await client.post("/api/calendar/schedule", Self.contractExample).status == .created)
        }
    }

    @Test(.needs(.icalendar)) func theICalendarFeedIsReadByARealParser() async throws {
        try await withServer { client async throws in
            let description = "Fail over the primary; check replicas, alerts and \\ runbooks — " + String(repeating: "ü", count: 60)
            let body = try JSONSerialization.data(withJSONObject: ["name": "DB, failover; weekly", "description": description,
                                                                   "target_components": ["database"], "recurrence": "weekly"])
            #expect(try await client.post("/api/calendar/schedule", String(decoding: body, as: UTF8.self)).status == .created)
            _ = try await client.post("/api/calendar/blackouts", #"{"name": "Freeze", "starts_at": "2026-12-20T00:00:00Z", "ends_at": "2027-01-02T00:00:00Z"}"#)
            let response = try await client.get("/api/calendar/ical")
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(response.headers[.contentDisposition]?.contains("chaos-calendar.ics") == true)
            let text = String(buffer: response.body)
            #expect(text.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 75 })
            let events = try ICalendarReader.events(of: text)
            #expect(events.count == 2)
            let experiment = try #require(events.first)
            #expect(experiment.start == "2026-03-15T12:45:30+00:00" && experiment.summary == "Chaos experiment: DB, failover; weekly" && experiment.frequency == "WEEKLY")
            #expect(experiment.description.hasPrefix(description) && experiment.description.contains("~Targets: database"))
            #expect(events.last?.summary == "Chaos blackout: Freeze")
        }
    }

    /// What the reader prints when its parser is missing or fails is an error, never an index out of range.
    @Test func aFailedParserIsAnErrorNotACrash() throws {
        let traceback = "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nModuleNotFoundError: No module named 'icalendar'\n"
        #expect(throws: ICalendarReader.Unreadable.self) { try ICalendarReader.parse(traceback) }
        #expect(throws: ICalendarReader.Unreadable.self) { try ICalendarReader.parse("uid|2026-03-15T12:45:30+00:00|summary\n") }
        #expect(try ICalendarReader.parse("").isEmpty)
        #expect(try ICalendarReader.parse("u|s|Chaos blackout: x|-|\n").first?.summary == "Chaos blackout: x")
    }

    @Test func experimentsBelongToTheirProject() async throws {
        try await withServer { client async throws in
            _ = try await client.post("/api/projects", #"{"id": "other", "name": "Other"}"#)
            #expect(try await client.post("/api/calendar/schedule?project=other", #"{"name": "elsewhere"}"#).status == .created)
            #expect((try Body(try await client.get("/api/calendar").body)["experiments"] as? [Any])?.isEmpty == true)
            #expect((try Body(try await client.get("/api/calendar?project=other").body)["experiments"] as? [Any])?.count == 1)
        }
    }
}

/// Reads an iCalendar document with Debian's python3-icalendar, a parser written independently of ours.
enum ICalendarReader {
    /// One `VEVENT` as the parser sees it.
    struct Event {
        var uid: String
        var start: String
        var summary: String
        /// The `RRULE` frequency, `-` without one.
        var frequency: String
        /// Line ends shown as `~`.
        var description: String
    }

    /// The parser printed something else than one line of five fields per event.
    struct Unreadable: Error, CustomStringConvertible {
        var output: String
        var description: String { "the iCalendar parser's output is not one line of 5 fields per event:\n\(output)" }
    }

    static let script = """
        import icalendar, sys
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        for e in cal.walk('VEVENT'):
            print(str(e['UID']), e['DTSTART'].dt.isoformat(), str(e['SUMMARY']), e.get('RRULE', {}).get('FREQ', ['-'])[0], str(e.get('DESCRIPTION', '')).replace(chr(10), '~'), sep='|')
        """

    /// The events of `text`; throws when the parser is not installed or cannot read it.
    static func events(of text: String) throws -> [Event] {
        try OutsideTool.icalendar.require()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-\(UUID()).ics")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(text.utf8).write(to: file)
        let (status, output) = try LiveServer.shell("/usr/bin/python3 -c \"$SCRIPT\" \(file.path)", environment: ["SCRIPT": script])
        guard status == 0 else { throw Unreadable(output: output) }
        return try parse(output)
    }

    /// The events of the script's output.
    static func parse(_ output: String) throws -> [Event] {
        try output.split(separator: "\n").map { line in
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { throw Unreadable(output: output) }
            return Event(uid: fields[0], start: fields[1], summary: fields[2], frequency: fields[3], description: fields[4])
        }
    }
}
