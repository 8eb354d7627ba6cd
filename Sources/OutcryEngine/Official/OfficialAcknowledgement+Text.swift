package import OutcryModel

extension OfficialAcknowledgement {
    /// `27 min after users began reporting`, `1 h 5 min before users began reporting`, `as users began
    /// reporting`; nil without a lead. The one wording of the lead for summaries, exports and the dashboard.
    package var leadPhrase: String? {
        guard let minutes = leadMinutes else { return nil }
        // `magnitude` and a saturating product: a stored `lead_minutes` of Int.min must not trap.
        let product = Int64(clamping: minutes.magnitude).multipliedReportingOverflow(by: 60)
        let length = ExportText.duration(seconds: product.overflow ? .max : product.partialValue)
        if minutes > 0 { return "\(length) after users began reporting" }
        if minutes < 0 { return "\(length) before users began reporting" }
        return "as users began reporting"
    }

    /// `15:58 UTC` when acknowledged on the day of `reference` (the crowd onset), else `5 Mar 2024 00:10 UTC`;
    /// nil when not acknowledged.
    package func acknowledgedTimeText(besides reference: Timestamp) -> String? {
        guard let at = acknowledgedAt else { return nil }
        let sameDay = at.bucketStart(width: 86_400) == reference.bucketStart(width: 86_400)
        return sameDay ? "\(at.hourMinute) UTC" : ExportText.dateTime(at)
    }
}
