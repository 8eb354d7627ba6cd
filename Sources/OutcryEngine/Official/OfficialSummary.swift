import Foundation
import OutcryModel

/// The sentence about the official status page appended to a crowd incident's summary. The summary keeps
/// its leading `Unofficial:`; this only adds what the provider said. Its wording (the lead in plain minutes,
/// an ISO-style date on another day) is part of the public summary text; the exports and the dashboard use
/// ``OfficialAcknowledgement/leadPhrase`` instead.
enum OfficialSummary {
    /// Where the appended sentence begins (used to replace it rather than append twice).
    static let marker = " The official status page"

    /// ` The official status page acknowledged it at 15:58 UTC (27 min after users began reporting):
    /// "Messaging delays".` or ` The official status page has not acknowledged it.`
    static func sentence(for acknowledgement: OfficialAcknowledgement, startedAt: Timestamp) -> String {
        guard acknowledgement.isAcknowledged, let at = acknowledgement.acknowledgedAt else {
            return marker + " has not acknowledged it."
        }
        var text = marker + " acknowledged it at \(time(at, besides: startedAt)) UTC"
        if let lead = acknowledgement.leadMinutes {
            switch lead {
            case 0: text += " (within a minute of users beginning to report)"
            case 1...: text += " (\(lead) min after users began reporting)"
            default: text += " (\(lead.magnitude) min before users began reporting)"
            }
        }
        if let title = acknowledgement.title, !title.isEmpty { text += ": \"\(title)\"" }
        return text + "."
    }

    /// `summary` without a sentence appended earlier.
    static func removingSentence(from summary: String) -> String {
        guard let range = summary.range(of: marker) else { return summary }
        return String(summary[..<range.lowerBound])
    }

    /// `15:58`, or `2024-03-06 00:10` when the day differs from `reference`'s.
    private static func time(_ instant: Timestamp, besides reference: Timestamp) -> String {
        let civil = CivilTime(instant)
        let referenceDay = CivilTime(reference)
        if civil.year == referenceDay.year, civil.month == referenceDay.month, civil.day == referenceDay.day {
            return civil.hourMinute
        }
        return "\(civil.iso8601Date) \(civil.hourMinute)"
    }
}
