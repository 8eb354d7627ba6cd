import Foundation
package import OutcryModel
package import OutcryStore

extension Engine {
    /// Links `service` to its provider's official status page (Statuspage v2, or an Atom/RSS feed), or replaces
    /// the link. The location is stored as given; ``OfficialLocation`` reads it the way users paste it.
    ///
    /// - Parameters:
    ///   - location: an http(s) URL (the page root, e.g. `https://status.example.com`, which means its
    ///     `/api/v2/summary.json` and `/api/v2/incidents.json`, or one explicit `.json` document), or the
    ///     path of a readable file holding such a document (stored as an absolute path).
    ///   - component: only official incidents naming this component (by name or id), or naming none,
    ///     acknowledge the service's crowd incidents; nil for the whole page.
    /// - Throws: when the service is not monitored, the location is neither an http(s) URL nor a readable
    ///   file, or the component name is empty.
    @discardableResult
    package func addOfficialSource(
        service: ServiceSlug, location: String, component: String? = nil
    ) throws(EngineError)
        -> OfficialSourceChange
    {
        guard try store({ try $0.service(service) }) != nil else { throw .store(.unknownService(service.rawValue)) }
        let stored: String
        switch OfficialLocation.parse(location) {
        case .failure(let error): throw error
        case .success(.file(let path)):
            let isFeed = location.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix(
                OfficialLocation.feedPrefix)
            stored = (isFeed ? OfficialLocation.feedPrefix : "") + (try Self.checkedFilePath(path))
        case .success: stored = location.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var componentName: String?
        if let component {
            let trimmed = component.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else {
                throw .invalidArgument("the component name is empty; give a component of the status page, e.g. \"API\"")
            }
            componentName = trimmed
        }
        let source = OfficialSource(
            service: service, kind: .statuspage, location: stored, component: componentName, addedAt: clock.now()
        )
        return try store { try $0.saveOfficialSource(source) }
    }

    /// Every official source with how its last reads went, by service.
    package func officialSources() throws(EngineError) -> [OfficialSource] {
        try store { try $0.officialSources() }
    }

    /// Unlinks `service` from its official source and forgets the official incidents read from it, and the
    /// quiet windows of its maintenances that have not begun (those that did stay, so replays still see them).
    /// - Throws: when the service has no official source.
    package func removeOfficialSource(service: ServiceSlug) throws(EngineError) {
        guard try store({ try $0.removeOfficialSource(service: service) }) else {
            throw .invalidArgument("service \(service) has no official status source; see: outcry official list")
        }
        let now = clock.now()
        _ = try store { try $0.removeOfficialQuietWindows(service: service, startingAfter: now) }
    }

    /// The stored official incidents of `service`, newest first.
    package func officialIncidents(of service: ServiceSlug) throws(EngineError) -> [OfficialIncident] {
        Array(try store { try $0.officialIncidents(service: service) }.reversed())
    }

    /// The latest stored status of each component of `service`'s status page.
    package func officialComponentStates(of service: ServiceSlug) throws(EngineError) -> [OfficialComponentState] {
        try store { try $0.officialComponentStates(service: service) }
    }

    /// An absolute path to an existing, readable regular file, or an error that says what is wrong.
    private static func checkedFilePath(_ path: String) throws(EngineError) -> String {
        let manager = FileManager.default
        let absolute =
            path.hasPrefix("/")
            ? path : URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent(path).standardized.path
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw .cannotRead(path: path, reason: "no such file; \(OfficialLocation.allowed)")
        }
        guard !isDirectory.boolValue else {
            throw .cannotRead(path: path, reason: "it is a folder; give the summary.json or incidents.json file in it")
        }
        guard manager.isReadableFile(atPath: absolute) else {
            throw .cannotRead(path: path, reason: "the file is not readable")
        }
        return absolute
    }
}
