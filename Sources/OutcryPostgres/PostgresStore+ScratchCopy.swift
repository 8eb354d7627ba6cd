import OutcryModel
package import OutcryStore
import PostgresNIO

extension PostgresStore {
    /// Copies what a replay needs into a new SQLite file at `path` (mode 0600): the services with their
    /// sensitivities, the duplicate cooldown, the quiet windows and every per-minute count. Raw reports,
    /// incidents and the detector state stay behind: `outcry evaluate` replays from the counts into a fresh
    /// detector and compares the incidents it finds.
    package func copy(to path: String) throws(StoreError) {
        SQLiteConnection.makePrivate(path)
        let scratch = try OutcryDatabase(path: path, now: Timestamp(seconds: 0))
        defer { scratch.close() }
        try scratch.setDuplicateCooldown(seconds: duplicateCooldownSeconds)
        for service in try services() {
            _ = try scratch.addService(service, now: Timestamp(seconds: 0))
            _ = try scratch.setSensitivity(service.sensitivity, of: service.slug)
        }
        for window in try quietWindows(service: nil) { _ = try scratch.addQuietWindow(window) }
        try StoreError.catching("copying minute counts") {
            try scratch.inTransaction {
                let insert = try scratch.connection.prepare(
                    """
                    INSERT INTO minute_count (minute, service_id, region, problem, counted, duplicates, anonymous,
                        largest_relay)
                    VALUES (?1, (SELECT id FROM service WHERE slug = ?2), ?3, ?4, ?5, ?6, ?7, ?8)
                    """)
                let range = try minuteRange()
                var chunk = range?.lowerBound ?? 0
                while let range, chunk <= range.upperBound {
                    let end = min(range.upperBound + 1, chunk + 1_440)
                    try forEachMinuteCount(fromMinute: chunk, toMinute: end) { row in
                        try insert.bind(row.minute, at: 1)
                        try insert.bind(row.service.rawValue, at: 2)
                        try insert.bind(row.region.code, at: 3)
                        try insert.bind(row.problem.rawValue, at: 4)
                        try insert.bind(row.counted, at: 5)
                        try insert.bind(row.duplicates, at: 6)
                        try insert.bind(row.anonymous, at: 7)
                        try insert.bind(row.largestRelay, at: 8)
                        try insert.run()
                    }
                    chunk = end
                }
            }
        }
    }
}
