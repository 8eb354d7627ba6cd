import Logging
package import OutcryModel
import OutcryStore

extension Engine {
    /// How far back crowd incidents are matched after a sync to find new acknowledgements: status pages
    /// sometimes post hours after the fact, and an incident resolved long ago is not news any more (the
    /// notification outbox applies its own staleness rule on top).
    package static let acknowledgementLookbackSeconds: Int64 = 2 * 86_400

    /// Records the outcomes of reading several official sources (see ``recordOfficialFetch(service:outcome:settings:)``),
    /// then queues an `acknowledged` notification for every recent crowd incident of the services read
    /// successfully that their status page now acknowledges. A source removed while it was being read is
    /// skipped with a log line.
    package func recordOfficialFetches(
        _ outcomes: [(service: ServiceSlug, outcome: OfficialFetchOutcome)],
        settings: OfficialPollSettings = OfficialPollSettings()
    ) throws(EngineError) -> [OfficialSyncResult] {
        var results: [OfficialSyncResult] = []
        for (service, outcome) in outcomes {
            do {
                results.append(try recordOfficialFetch(service: service, outcome: outcome, settings: settings))
            } catch .invalidArgument(let reason) {
                logger.info(
                    "official read not recorded", metadata: ["official.service": "\(service)", "error": "\(reason)"])
            }
        }
        queueAcknowledgements(services: results.filter(\.isSuccess).map(\.service))
        return results
    }

    /// Matches the recent crowd incidents of `services` against their stored official incidents and queues an
    /// `acknowledged` event for each newly acknowledged one (an event already queued is never queued again).
    /// Never throws: a failure here is logged, and the sync that called it stands.
    /// - Returns: how many events were new.
    @discardableResult
    package func queueAcknowledgements(services: [ServiceSlug]) -> Int {
        guard !services.isEmpty else { return 0 }
        do {
            let since = clock.now().adding(seconds: -Self.acknowledgementLookbackSeconds)
            var incidents = try store { try $0.incidents(IncidentQuery(services: services, since: since)) }
            try attachOfficial(to: &incidents)
            return try enqueueAcknowledgements(incidents).count
        } catch {
            logger.warning(
                "could not queue acknowledgement notifications",
                metadata: ["error": "\(error)", "official.services": "\(services)"])
            return 0
        }
    }
}
