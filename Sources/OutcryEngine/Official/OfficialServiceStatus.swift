import Foundation
package import OutcryModel

/// What a service's official status page said at its last read — shown beside the crowd signal by
/// `outcry status` and the dashboard, so a reader sees both at once.
package struct OfficialServiceStatus: Sendable, Equatable {
    package var source: OfficialSource
    /// The linked component's status, or the worst status on the page when no component is linked; nil when
    /// the page lists no (matching) component or was never read.
    package var componentStatus: OfficialComponentStatus?
    /// The linked component's name as the page spells it (nil for the whole page).
    package var componentName: String?
    /// Official incidents of the service (the linked component's, or naming none) not yet resolved, newest
    /// first.
    package var openIncidents: [OfficialIncident]

    /// `partial outage`, `operational`, … for people.
    package var componentStatusText: String? {
        componentStatus.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }
    }
}

extension Engine {
    /// The official status of `service` as last read; nil when the service has no official source.
    package func officialStatus(of service: ServiceSlug) throws(EngineError) -> OfficialServiceStatus? {
        guard let source = try officialSources().first(where: { $0.service == service }) else { return nil }
        var states = try officialComponentStates(of: service)
        if let component = source.component {
            states = states.filter {
                $0.name.caseInsensitiveCompare(component) == .orderedSame || $0.componentID == component
            }
        }
        let worst = states.max { $0.status < $1.status }
        let open = try officialIncidents(of: service).filter { incident in
            !incident.isFinished && (source.component.map { incident.concerns(component: $0) } ?? true)
        }
        return OfficialServiceStatus(
            source: source, componentStatus: worst?.status, componentName: source.component == nil ? nil : worst?.name,
            openIncidents: open
        )
    }
}
