import ArgumentParser
import OutcryEngine
import OutcryModel

/// The selection flags shared by `incidents` and `export`.
struct SelectionOptions: ParsableArguments {
    @Option(help: "Only incidents of this service.", transform: ServiceSlug.argument) var service: ServiceSlug?
    @Option(help: "Only incidents of services in this group.") var group: String?
    @Option(help: "Only incidents of this region (or global).") var region: String?
    @Option(help: "Incidents overlapping the range from this time.") var since: String?
    @Option(help: "Incidents overlapping the range up to this time.") var until: String?
    @Flag(help: "Only open incidents.") var active = false

    func selection() throws -> IncidentSelection {
        var result = IncidentSelection(activeOnly: active)
        result.service = service
        do {
            if let region { result.region = try Region.parseAllowingGlobal(region) }
        } catch {
            throw ValidationError(error.description)
        }
        result.group = group
        if let since { result.since = try parseTimeArgument(since, option: "--since") }
        if let until { result.until = try parseTimeArgument(until, option: "--until") }
        if let start = result.since, let end = result.until, start > end {
            throw ValidationError("--since must be before --until")
        }
        return result
    }
}
