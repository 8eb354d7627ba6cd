package import OutcryModel

/// The time range an export shows.
///
/// An asked-for end is kept; an open end is closed around the selected incidents with a margin of a quarter of
/// their span (at least 30 minutes): the start before the earliest onset, the end after the latest recovery,
/// or at "now" when an incident is open or nothing is selected. With no incidents and no start, the range is
/// the 7 days up to its end. The end never passes "now".
package struct ExportRange: Sendable, Equatable {
    package var from: Timestamp
    package var to: Timestamp

    package init(from: Timestamp, to: Timestamp) {
        self.from = from
        self.to = max(to, from.adding(seconds: 60))
    }

    /// The range shown for `since`/`until` as asked and the `incidents` selected, at `now`.
    package static func resolve(since: Timestamp?, until: Timestamp?, incidents: [Incident], now: Timestamp)
        -> ExportRange
    {
        let onset = incidents.map(\.startedAt).min()
        let hasOpen = incidents.contains { $0.endedAt == nil }
        let recovery = hasOpen ? now : incidents.compactMap(\.endedAt).max()
        var margin: Int64 = 1800
        if let onset, let recovery { margin = max(margin, (recovery.seconds - onset.seconds) / 4 / 60 * 60) }
        let end = min(until ?? recovery.map { hasOpen ? $0 : $0.adding(seconds: margin) } ?? now, now)
        let start = since ?? onset.map { $0.adding(seconds: -margin) } ?? end.adding(seconds: -7 * 86_400)
        return ExportRange(from: start, to: end)
    }

    /// `3 Mar 2024 00:00 – 6 Mar 2024 00:00 UTC`.
    package var text: String { ExportText.span(from, to) }
}
