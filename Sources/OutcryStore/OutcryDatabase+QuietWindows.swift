package import OutcryModel

/// What ``OutcryDatabase/syncOfficialQuietWindows(service:windows:now:)`` changed.
package struct QuietWindowSyncRecord: Sendable, Equatable {
    package var added = 0
    package var updated = 0
    package var removed = 0

    package init(added: Int = 0, updated: Int = 0, removed: Int = 0) {
        self.added = added
        self.updated = updated
        self.removed = removed
    }
}

extension OutcryDatabase {
    /// Stores a new quiet window (its `id` is ignored) and returns it with its id.
    /// - Throws: ``StoreError/unknownService(_:)`` when the service is not monitored.
    package func addQuietWindow(_ window: QuietWindow) throws(StoreError) -> QuietWindow {
        guard try service(window.service) != nil else { throw .unknownService(window.service.rawValue) }
        do {
            let insert = try connection.cachedStatement(
                "INSERT INTO quiet_window (service, starts_at, ends_at, reason, source, created_at) VALUES (?, ?, ?, ?, ?, ?)"
            )
            try bind(window, to: insert)
            try insert.run()
        } catch {
            throw .sqlite(error)
        }
        var stored = window
        stored.id = connection.lastInsertRowID
        return stored
    }

    /// The quiet windows of `service` (all services when nil), by start then id.
    package func quietWindows(service: ServiceSlug? = nil) throws(StoreError) -> [QuietWindow] {
        try readQuietWindows(
            where: service == nil ? "" : "WHERE service = ?1",
            bind: { statement throws(SQLiteError) in
                if let service { try statement.bind(service.rawValue, at: 1) }
            })
    }

    /// The quiet windows with a second in `[from, to)`, by start then id (what a detection run over the range
    /// needs).
    package func quietWindows(overlappingFrom from: Timestamp, to: Timestamp) throws(StoreError) -> [QuietWindow] {
        try readQuietWindows(
            where: "WHERE starts_at < ?2 AND ends_at > ?1",
            bind: { statement throws(SQLiteError) in
                try statement.bind(from.seconds, at: 1)
                try statement.bind(to.seconds, at: 2)
            })
    }

    /// The quiet window `id`, or nil.
    package func quietWindow(id: Int64) throws(StoreError) -> QuietWindow? {
        try readQuietWindows(
            where: "WHERE id = ?1",
            bind: { statement throws(SQLiteError) in
                try statement.bind(id, at: 1)
            }
        ).first
    }

    /// Deletes the quiet window `id`; false when there is none.
    @discardableResult
    package func removeQuietWindow(id: Int64) throws(StoreError) -> Bool {
        do {
            let delete = try connection.cachedStatement("DELETE FROM quiet_window WHERE id = ?")
            try delete.bind(id, at: 1)
            try delete.run()
            return connection.changes > 0
        } catch {
            throw .sqlite(error)
        }
    }

    /// Makes `service`'s official windows (source `official:…`) match what its status page lists now, in one
    /// transaction: a listed window is inserted or updated in place (one row per maintenance, never a
    /// duplicate); a stored window the page no longer lists is deleted only if it had not begun by `now` (a
    /// cancelled maintenance), since pages drop finished maintenances from their documents and what was quiet
    /// stays quiet for replays.
    package func syncOfficialQuietWindows(
        service: ServiceSlug, windows: [QuietWindow], now: Timestamp
    ) throws(StoreError) -> QuietWindowSyncRecord {
        var record = QuietWindowSyncRecord()
        try StoreError.catching("quiet window") {
            try connection.inTransaction {
                let plan = QuietWindowSyncPlan(
                    stored: try quietWindows(service: service), listed: windows, service: service, now: now)
                for window in plan.updates {
                    let update = try connection.cachedStatement(
                        "UPDATE quiet_window SET starts_at = ?, ends_at = ?, reason = ? WHERE id = ?")
                    try update.bind(window.startsAt.seconds, at: 1)
                    try update.bind(window.endsAt.seconds, at: 2)
                    try update.bind(window.reason, at: 3)
                    try update.bind(window.id, at: 4)
                    try update.run()
                }
                for window in plan.additions { _ = try addQuietWindow(window) }
                for id in plan.removals { try removeQuietWindow(id: id) }
                record = plan.record
            }
        }
        return record
    }

    /// Deletes `service`'s official windows that begin after `now` (its status page was unlinked); returns how
    /// many.
    @discardableResult
    package func removeOfficialQuietWindows(service: ServiceSlug, startingAfter now: Timestamp) throws(StoreError)
        -> Int
    {
        do {
            let delete = try connection.cachedStatement(
                "DELETE FROM quiet_window WHERE service = ? AND source <> 'operator' AND starts_at > ?")
            try delete.bind(service.rawValue, at: 1)
            try delete.bind(now.seconds, at: 2)
            try delete.run()
            return connection.changes
        } catch {
            throw .sqlite(error)
        }
    }

    // MARK: - Rows

    private func bind(_ window: QuietWindow, to statement: SQLiteStatement) throws(SQLiteError) {
        try statement.bind(window.service.rawValue, at: 1)
        try statement.bind(window.startsAt.seconds, at: 2)
        try statement.bind(window.endsAt.seconds, at: 3)
        try statement.bind(window.reason, at: 4)
        try statement.bind(window.source.rawValue, at: 5)
        try statement.bind(window.createdAt.seconds, at: 6)
    }

    private func readQuietWindows(
        where clause: String, bind: (SQLiteStatement) throws(SQLiteError) -> Void
    ) throws(StoreError) -> [QuietWindow] {
        var windows: [QuietWindow] = []
        try StoreError.catching("quiet window") {
            let statement = try connection.cachedStatement(
                "SELECT id, service, starts_at, ends_at, reason, source, created_at FROM quiet_window \(clause) "
                    + "ORDER BY starts_at, id")
            defer { statement.reset() }
            try bind(statement)
            while try statement.step() {
                guard let slug = statement.text(at: 1).flatMap(ServiceSlug.init(rawValue:)),
                    let source = statement.text(at: 5).flatMap(QuietWindowSource.init(rawValue:))
                else { throw StoreError.invalidStoredValue("quiet window \(statement.int64(at: 0))") }
                windows.append(
                    QuietWindow(
                        id: statement.int64(at: 0), service: slug, startsAt: Timestamp(seconds: statement.int64(at: 2)),
                        endsAt: Timestamp(seconds: statement.int64(at: 3)), reason: statement.text(at: 4) ?? "",
                        source: source, createdAt: Timestamp(seconds: statement.int64(at: 6))))
            }
        }
        return windows
    }
}

/// What syncing a service's status-page quiet windows must change (both backends apply the same plan): a
/// listed window is added or updated in place (one row per maintenance, never a duplicate); a stored window
/// the page no longer lists is removed only if it had not begun by `now` (a cancelled maintenance), since pages
/// drop finished maintenances from their documents and what was quiet stays quiet for replays.
package struct QuietWindowSyncPlan: Sendable {
    /// Listed windows not stored yet.
    package var additions: [QuietWindow] = []
    /// Stored windows (by their stored id) whose times or reason changed, with the new values.
    package var updates: [QuietWindow] = []
    /// Ids of stored windows to delete.
    package var removals: [Int64] = []

    /// - Parameters:
    ///   - stored: the service's stored windows (the operator's are left alone).
    ///   - listed: the windows the status page lists now.
    package init(stored: [QuietWindow], listed: [QuietWindow], service: ServiceSlug, now: Timestamp) {
        let official = stored.filter { $0.source != .operator }
        var bySource: [QuietWindowSource: QuietWindow] = [:]
        for window in official { bySource[window.source] = window }
        var seen = Set<QuietWindowSource>()
        for window in listed where window.service == service && window.source != .operator {
            guard seen.insert(window.source).inserted else { continue }
            if let existing = bySource[window.source] {
                guard
                    existing.startsAt != window.startsAt || existing.endsAt != window.endsAt
                        || existing.reason != window.reason
                else { continue }
                var changed = window
                changed.id = existing.id
                updates.append(changed)
            } else {
                additions.append(window)
            }
        }
        removals = official.filter { !seen.contains($0.source) && $0.startsAt > now }.map(\.id)
    }

    /// The counts `outcry official sync` reports.
    package var record: QuietWindowSyncRecord {
        QuietWindowSyncRecord(added: additions.count, updated: updates.count, removed: removals.count)
    }
}
