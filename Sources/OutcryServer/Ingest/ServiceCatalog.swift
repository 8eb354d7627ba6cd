import OutcryEngine
package import OutcryModel
import OutcryStore

/// The monitored services, as a validator template, read again from the database when older than a few
/// seconds (services added with `outcry service add` show up without a restart).
package final class ServiceCatalog: Sendable {
    /// The validator built once per read of the list; each request sets its own `now`.
    private let cache: RefreshingCache<ReportValidator>

    package init(reader: EngineWorker, maximumAgeSeconds: Double) {
        cache = RefreshingCache(maximumAgeSeconds: maximumAgeSeconds) {
            let services = try await reader.perform { engine in try engine.services() }
            let placeholder = Timestamp(seconds: 0)
            return ReportValidator(services: services, now: placeholder, defaultTime: placeholder, source: .http)
        }
    }

    /// A validator for HTTP reports at `now` (reports without `at` get `now`).
    package func validator(now: Timestamp) async throws -> ReportValidator {
        var validator = try await cache.current()
        validator.now = now
        validator.defaultTime = now
        return validator
    }

    /// Forgets the cached list (after a service was added in a test).
    package func invalidate() {
        cache.invalidate()
    }
}
