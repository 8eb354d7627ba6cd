import OutcryModel

/// The one-sentence summaries of incidents and group events, always starting with `Unofficial:`.
enum IncidentSummary {
    /// `Unofficial: user reports indicate problems with WhatsApp (login 62%) in US, DE since 15:31 UTC — 14× the
    /// usual volume.`
    static func sentence(
        name: String, region: Region, regions: [Region], topProblem: ProblemShare?, startedAt: Timestamp,
        endedAt: Timestamp?, ratio: Double, expectedReason: String? = nil
    ) -> String {
        var text = "Unofficial: user reports "
        text += endedAt == nil ? "indicate problems with " : "indicated problems with "
        text += name
        if let topProblem {
            text += " (\(topProblem.problem.rawValue) \(Int((topProblem.share * 100).rounded()))%)"
        }
        let shown = region.isGlobal ? regions : [region]
        if !shown.isEmpty {
            let listed = shown.prefix(5).map(\.code).joined(separator: ", ")
            text += " in " + listed + (shown.count > 5 ? " and \(shown.count - 5) more" : "")
        }
        if let endedAt {
            text += " from \(startedAt.hourMinute) to \(endedAt.hourMinute) UTC"
            text += " — \(times(ratio)) the usual volume at the peak."
        } else {
            text += " since \(startedAt.hourMinute) UTC — \(times(ratio)) the usual volume."
        }
        if let expectedReason { text += " Expected: \(expectedReason)." }
        return text
    }

    /// `Unofficial: WhatsApp, Instagram and Messenger (meta) have overlapping problems since 15:31 UTC; WhatsApp
    /// looks like the epicentre.`
    static func groupSentence(
        names: [String], group: String, epicentre: String, startedAt: Timestamp, endedAt: Timestamp?
    ) -> String {
        let list: String
        if names.count <= 1 {
            list = names.first ?? group
        } else {
            list = names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }
        let span =
            endedAt.map { "had overlapping problems from \(startedAt.hourMinute) to \($0.hourMinute) UTC" }
            ?? "have overlapping problems since \(startedAt.hourMinute) UTC"
        return "Unofficial: user reports suggest \(list) (\(group)) \(span); \(epicentre) looks like the epicentre."
    }

    /// `14×` from ten up, `2.5×` below.
    static func times(_ ratio: Double) -> String {
        if ratio >= 10 { return "\(Int(ratio.rounded()))×" }
        let tenths = Int((ratio * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)×"
    }
}
