/// SVG status badges of a model, in the four shields styles. Values come from the one score,
/// availability and SPOF definitions (`Assessment`), so a badge always agrees with the API.
public struct Badge: Sendable, Equatable {
    /// What a badge shows.
    public enum Kind: String, CaseIterable, Sendable {
        case resilienceScore = "resilience_score"
        case slaEstimate = "sla_estimate"
        case grade
        case spofCount = "spof_count"
        case componentCount = "component_count"

        /// The badge's left-hand text.
        public var label: String {
            switch self {
            case .resilienceScore: return "resilience"
            case .slaEstimate: return "SLA estimate"
            case .grade: return "resilience grade"
            case .spofCount: return "SPOFs"
            case .componentCount: return "components"
            }
        }
    }

    /// How a badge is drawn (the shields.io styles).
    public enum Style: String, CaseIterable, Sendable {
        case flat
        case flatSquare = "flat-square"
        case forTheBadge = "for-the-badge"
        case plastic
    }

    public var label: String
    public var message: String
    /// Fill of the right-hand side, `#rrggbb`.
    public var color: String

    /// Colours, worst to best: red, orange, yellow, yellow-green, green, bright green; grey for no data.
    static let red = "#e05d44", orange = "#fe7d37", yellow = "#dfb317", yellowGreen = "#a4a61d", green = "#97ca00",
               brightGreen = "#4c1", blue = "#007ec6", grey = "#9f9f9f"

    /// The badge of `kind` for a model, or a grey "no model" one when none is loaded.
    public init(_ kind: Kind, assessment: Assessment?) {
        label = kind.label
        guard let assessment else {
            message = "no model"
            color = Self.grey
            return
        }
        let score = assessment.score.score
        switch kind {
        case .resilienceScore:
            message = "\(Format.number(score))/100"
            color = Self.color(forScore: score)
        case .grade:
            message = ResilienceScore.grade(score)
            color = Self.color(forScore: score)
        case .slaEstimate:
            let figures = AvailabilityFigures(availability: assessment.availability.overall)
            message = figures.slaEstimate
            color = [(4.0, Self.brightGreen), (3.5, Self.green), (3.0, Self.yellowGreen), (2.0, Self.yellow)]
                .first { figures.nines >= $0.0 }?.1 ?? Self.red
        case .spofCount:
            message = String(assessment.spofs.count)
            color = assessment.spofs.count == 0 ? Self.brightGreen : assessment.spofs.count <= 2 ? Self.orange : Self.red
        case .componentCount:
            message = String(assessment.model.components.count)
            color = Self.blue
        }
    }

    static func color(forScore score: Double) -> String {
        [(90.0, brightGreen), (80, green), (70, yellowGreen), (60, yellow), (40, orange)].first { score >= $0.0 }?.1 ?? red
    }

    /// The badge as an SVG document in `style`.
    public func svg(style: Style) -> String {
        let upper = style == .forTheBadge
        let left = upper ? label.uppercased() : label
        let right = upper ? message.uppercased() : message
        let height = upper ? 28 : 20
        let leftWidth = Self.textWidth(left, bold: upper) + (upper ? 24 : 10)
        let rightWidth = Self.textWidth(right, bold: upper) + (upper ? 24 : 10)
        let width = leftWidth + rightWidth
        let radius = style == .flat || style == .plastic ? 3 : 0
        let textY = upper ? 18 : 14
        let size = upper ? 10 : 11
        let weight = upper ? " font-weight=\"bold\"" : ""
        let gradient = style == .plastic
            ? "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#fff\" stop-opacity=\".7\"/><stop offset=\".1\" stop-color=\"#aaa\" stop-opacity=\".1\"/><stop offset=\".9\" stop-opacity=\".3\"/><stop offset=\"1\" stop-opacity=\".5\"/></linearGradient>"
            : style == .flat ? "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>" : ""
        let shine = gradient.isEmpty ? "" : "<rect width=\"\(width)\" height=\"\(height)\" fill=\"url(#s)\"/>"
        let title = Self.escape("\(label): \(message)")
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" role="img" aria-label="\(title)">\
        <title>\(title)</title>\(gradient)\
        <clipPath id="r"><rect width="\(width)" height="\(height)" rx="\(radius)" fill="#fff"/></clipPath>\
        <g clip-path="url(#r)"><rect width="\(leftWidth)" height="\(height)" fill="#555"/>\
        <rect x="\(leftWidth)" width="\(rightWidth)" height="\(height)" fill="\(color)"/>\(shine)</g>\
        <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="\(size)"\(weight)>\
        <text x="\(leftWidth / 2)" y="\(textY)">\(Self.escape(left))</text>\
        <text x="\(leftWidth + rightWidth / 2)" y="\(textY)">\(Self.escape(right))</text></g></svg>
        """
    }

    /// Approximate rendered width in pixels (Verdana 11 px averages 7 px a character; bold capitals 8).
    static func textWidth(_ text: String, bold: Bool) -> Int { text.count * (bold ? 8 : 7) }

    /// Text safe in XML content and attributes.
    public static func escape(_ text: String) -> String {
        Format.escaping(text, ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;"])
    }
}
