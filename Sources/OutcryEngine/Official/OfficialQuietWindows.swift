import Foundation
package import OutcryModel

/// Turns the scheduled maintenances a status page lists into quiet windows of the linked service.
package enum OfficialQuietWindows {
    /// The windows for `snapshot`'s maintenances that concern `source`'s component (all of them for the whole
    /// page), each attributed to the page: source `official:<maintenance id>`, reason `<name> (from <page>)`
    /// within ``QuietWindow/maximumReasonBytes``. Nil when the snapshot listed no maintenances at all (then
    /// the stored windows are left alone). Maintenances with an empty span are skipped.
    package static func windows(
        from snapshot: OfficialSnapshot, source: OfficialSource, now: Timestamp
    ) -> [QuietWindow]? {
        guard let maintenances = snapshot.maintenances else { return nil }
        let page = QuietWindow.boundedReason(pageName(snapshot: snapshot, location: source.location), limit: 80)
        let suffix = " (from \(page))"
        return maintenances.compactMap { maintenance in
            guard source.component.map(maintenance.concerns(component:)) ?? true, let span = maintenance.span else {
                return nil
            }
            let name = QuietWindow.boundedReason(
                maintenance.name, limit: QuietWindow.maximumReasonBytes - suffix.utf8.count)
            return QuietWindow(
                service: source.service, startsAt: span.start, endsAt: span.end, reason: name + suffix,
                source: .official(QuietWindow.boundedReason(maintenance.id, limit: 120)), createdAt: now)
        }
    }

    /// The page's own name, else the host of its location, else `status page`.
    static func pageName(snapshot: OfficialSnapshot, location: String) -> String {
        if let name = snapshot.page?.name?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty {
            return name
        }
        let text = location.hasPrefix("feed:") ? String(location.dropFirst(5)) : location
        if let host = URL(string: text)?.host, !host.isEmpty { return host }
        return "status page"
    }
}
