import ArgumentParser
import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry series SERVICE`: report counts per bucket.
struct SeriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Print a service's report counts per time bucket.",
        discussion: "Example: outcry series whatsapp --region US --from 2024-03-05T12:00Z --to 2024-03-05T18:00Z --bucket 15m"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The service slug.") var service: String
    @Option(help: "A region (US, US-CA) or global (default: global = all regions).") var region: String = "global"
    @Option(help: "Start of the range (default: 24 hours before --to).") var from: String?
    @Option(help: "End of the range, exclusive (default: now).") var to: String?
    @Option(help: "Bucket width: 1m, 5m, 15m or 60m (1h).") var bucket: String = "15m"
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() async throws {
        let slug: ServiceSlug
        let parsedRegion: Region
        do {
            slug = try ServiceSlug.parse(service)
            parsedRegion = try Region.parseAllowingGlobal(region)
        } catch {
            throw ValidationError(error.description)
        }
        let width: BucketWidth
        do {
            // The same allow-list as the API's `bucket`: no number in the option is converted.
            let parsed = try SeriesBucket.parse(bucket, field: "--bucket")
            guard let stored = BucketWidth(rawValue: parsed.seconds) else {
                throw ValidationError("--bucket \(parsed.label) is not stored")
            }
            width = stored
        } catch let error as QueryParameterError {
            throw ValidationError(error.message)
        }
        let engine = try global.openEngine()
        defer { engine.close() }
        let request = SeriesRequest(
            service: slug, region: parsedRegion, from: try from.map { try parseTimeArgument($0, option: "--from") },
            to: try to.map { try parseTimeArgument($0, option: "--to") }, width: width, maximumBuckets: 1_000_000
        )
        let range: (from: Timestamp, to: Timestamp)
        do {
            range = try request.resolvedRange(defaultEnd: engine.clock.now())
        } catch .empty {
            throw ValidationError("--from must be before --to")
        } catch .tooManyBuckets(let limit) {
            throw ValidationError("the range holds more than \(limit) buckets; use a wider --bucket or a shorter range")
        }
        let detector = try engine.loadDetector()
        let report = try engine.seriesReport(request, from: range.from, to: range.to, detector: detector)
        let console = Console.current
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            console.line(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        var table = TextTable(
            headers: ["BUCKET (UTC)", "COUNTED", "DUPLICATES", "ANONYMOUS", "BASELINE"], rightAligned: [1, 2, 3, 4])
        for bucket in report.buckets {
            table.add([
                bucket.start.iso8601, "\(bucket.counted)", "\(bucket.duplicates)", "\(bucket.anonymous)",
                bucket.baseline.map { String(format: "%.1f", $0) } ?? "-",
            ])
        }
        console.line("\(slug) \(parsedRegion) — reports per \(width.label) from \(range.from.iso8601) to \(range.to.iso8601)")
        console.write(table.render())
    }
}
