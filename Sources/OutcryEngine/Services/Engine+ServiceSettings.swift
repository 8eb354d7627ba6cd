package import OutcryModel
import OutcryStore

extension Engine {
    /// `outcry service set SLUG --sensitivity …`: stores how readily the detector calls a spike of the service a
    /// likely outage; the next detection run (the daemon's next tick) uses it.
    /// - Returns: the sensitivity the service had before.
    /// - Throws: ``EngineError/store(_:)`` with ``StoreError/unknownService(_:)`` for a slug that is not monitored.
    @discardableResult
    package func setSensitivity(_ sensitivity: Sensitivity, of slug: ServiceSlug) throws(EngineError) -> Sensitivity {
        try store { try $0.setSensitivity(sensitivity, of: slug) } ?? .normal
    }
}
