import Foundation
import OutcryEngine
package import OutcryModel
import OutcryStore
import Synchronization

/// The monitored services, as a validator template, read again from the database when older than a few
/// seconds (services added with `outcry service add` show up without a restart).
package final class ServiceCatalog: Sendable {
    private struct State {
        var validator: ReportValidator?
        var loadedAt: Double = -.infinity
        var isLoading = false
    }

    private let maximumAge: Double
    private let reader: EngineWorker
    private let state = Mutex(State())

    package init(reader: EngineWorker, maximumAgeSeconds: Double) {
        self.reader = reader
        self.maximumAge = maximumAgeSeconds
    }

    /// A validator for HTTP reports at `now` (reports without `at` get `now`).
    package func validator(now: Timestamp) async throws -> ReportValidator {
        let uptime = ProcessInfo.processInfo.systemUptime
        let (cached, mustLoad) = state.withLock { state -> (ReportValidator?, Bool) in
            let isStale = uptime - state.loadedAt > maximumAge
            if state.validator == nil || (isStale && !state.isLoading) {
                state.isLoading = true
                return (state.validator, true)
            }
            return (state.validator, false)
        }
        var validator: ReportValidator
        if !mustLoad, let cached {
            validator = cached
        } else {
            do {
                let services = try await reader.perform { engine in try engine.store { try $0.services() } }
                validator = ReportValidator(services: services, now: now, defaultTime: now, source: .http)
                state.withLock {
                    $0.validator = validator
                    $0.loadedAt = uptime
                    $0.isLoading = false
                }
            } catch {
                state.withLock { $0.isLoading = false }
                throw error
            }
        }
        validator.now = now
        validator.defaultTime = now
        return validator
    }

    /// Forgets the cached list (after a service was added in a test).
    package func invalidate() {
        state.withLock { $0.loadedAt = -.infinity }
    }
}
