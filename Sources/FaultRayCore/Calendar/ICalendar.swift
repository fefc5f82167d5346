import Foundation

/// The calendar as RFC 5545 iCalendar text: one `VEVENT` per experiment (with `RRULE` when it
/// repeats) and per blackout window; UTC times, escaped text, lines folded at 75 octets, CRLF.
public enum ICalendar {
    /// Length of an experiment's event when none is known.
    public static let experimentDuration = "PT1H"

    public static func document(experiments: [Experiment], blackouts: [BlackoutWindow], stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//FaultRay//Chaos Calendar \(FaultRayVersion.current)//EN",
                     "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:FaultRay chaos calendar"]
        let dtstamp = "DTSTAMP:" + Timestamp.iCalendar(stamp)
        for experiment in experiments {
            guard let start = Timestamp.parse(experiment.scheduledTime) else { continue }
            lines += ["BEGIN:VEVENT", "UID:\(experiment.id)@faultray", dtstamp, "DTSTART:" + Timestamp.iCalendar(start),
                      "DURATION:" + experimentDuration, "SUMMARY:" + escape("Chaos experiment: " + experiment.name)]
            if let frequency = experiment.recurrence.frequency { lines.append("RRULE:FREQ=" + frequency) }
            var details = experiment.description
            if !experiment.targetComponents.isEmpty { details += (details.isEmpty ? "" : "\n") + "Targets: " + experiment.targetComponents.joined(separator: ", ") }
            if !experiment.scenarioIds.isEmpty { details += (details.isEmpty ? "" : "\n") + "Scenarios: " + experiment.scenarioIds.joined(separator: ", ") }
            if !details.isEmpty { lines.append("DESCRIPTION:" + escape(details)) }
            lines += ["CATEGORIES:CHAOS-EXPERIMENT", "END:VEVENT"]
        }
        for window in blackouts {
            guard let start = Timestamp.parse(window.startsAt), let end = Timestamp.parse(window.endsAt) else { continue }
            lines += ["BEGIN:VEVENT", "UID:\(window.id)@faultray", dtstamp, "DTSTART:" + Timestamp.iCalendar(start),
                      "DTEND:" + Timestamp.iCalendar(end), "SUMMARY:" + escape("Chaos blackout: " + window.name)]
            if !window.reason.isEmpty { lines.append("DESCRIPTION:" + escape(window.reason)) }
            lines += ["TRANSP:OPAQUE", "CATEGORIES:CHAOS-BLACKOUT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
    public static func escape(_ text: String) -> String {
        Format.escaping(text, ["\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r\n": "\\n", "\r": ""])
    }

    /// Folds a content line at 75 octets (§3.1), never inside a UTF-8 character; continuation lines
    /// start with a space.
    public static func fold(_ line: String) -> String {
        var lines: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = lines.isEmpty ? 75 : 74
            if octets + size > limit {
                lines.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        lines.append(current)
        return lines.joined(separator: "\r\n ")
    }
}
