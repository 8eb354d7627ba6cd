package import OutcryModel
package import OutcryStore

extension Engine {
    /// Every monitored service, by slug.
    package func services() throws(EngineError) -> [MonitoredService] {
        try store { try $0.services() }
    }

    /// Adds a service to monitor, or confirms it when it exists with the same values.
    package func addService(_ service: MonitoredService) throws(EngineError) -> ServiceAddOutcome {
        try store { try $0.addService(service, now: clock.now()) }
    }

    /// Stops monitoring a service; its reports go too when `withReports` (refused otherwise while it has some).
    /// - Returns: how many reports were removed with it.
    package func removeService(_ slug: ServiceSlug, withReports: Bool) throws(EngineError) -> Int {
        try store { try $0.removeService(slug, withReports: withReports) }
    }

    /// Counted reports of one series per bucket of `width` in `[from, to)` (the dashboard's sparklines).
    package func bucketCounts(
        service: ServiceSlug, region: Region, from: Timestamp, to: Timestamp, width: BucketWidth
    ) throws(EngineError) -> [BucketCount] {
        try store { try $0.bucketCounts(service: service, region: region, from: from, to: to, width: width) }
    }
}
