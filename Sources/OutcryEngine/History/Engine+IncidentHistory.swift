package import OutcryModel
import OutcryStore

extension Engine {
    /// The incident history of `slug` up to now, with what the official status page said of each incident
    /// when the service is linked to one (acknowledged count, median lead).
    /// - Throws: ``EngineError/store(_:)`` with `unknownService` when no such service is monitored.
    package func incidentHistory(of slug: ServiceSlug) throws(EngineError) -> IncidentHistory {
        guard let service = try store({ try $0.service(slug) }) else { throw .store(.unknownService(slug.rawValue)) }
        let incidents = try withOfficial(try store { try $0.incidents(IncidentQuery(service: slug)) })
        return IncidentHistory(service: service, incidents: incidents, asOf: clock.now())
    }
}

extension Engine {
    /// One stored incident by id (nil when there is none).
    package func incident(id: String) throws(EngineError) -> Incident? {
        try store { try $0.incident(id: id) }
    }
}
