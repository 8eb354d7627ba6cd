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
        discussion:
            "Example: outcry series whatsapp --region US --from 2024-03-05T12:00Z --to 2024-03-05T18:00Z --bucket 15m"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The service slug.", transform: ServiceSlug.argument) var service: ServiceSlug
    @Option(help: "A region (US, US-CA) or global (default: global = all regions).") var region: String = "global"
    @Option(help: "Start of the range (default: 24 hours before --to).") var from: String?
    @Option(help: "End of the range, exclusive (default: now).") var to: String?
    @Option(help: "Bucket width: 1m, 5m, 15m or 60m (1h).") var bucket: String = "15m"
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() async throws {
        let parsedRegion: Region
        do { parsedRegion = try Region.parseAllowingGlobal(region) } catch { throw ValidationError(error.description) }
        let width: BucketWidth
        // The same allow-list as the API's `bucket`: no number in the option is converted.
        do { width = BucketWidth(try SeriesBucket.parse(bucket, field: "--bucket")) } catch {
            throw ValidationError(error.message)
        }
        let engine = try global.openEngine()
        defer { engine.close() }
        let request = SeriesRequest(
            service: service, region: parsedRegion, from: try from.map { try parseTimeArgument($0, option: "--from") },
            to: try to.map { try parseTimeArgument($0, option: "--to") }, width: width, maximumBuckets: 1_000_000
        )
        let range: (from: Timestamp, to: Timestamp)
        do {
            range = try request.resolvedRange(defaultEnd: engine.clock.now())
        } catch {
            throw ValidationError(
                error.message(from: "--from", to: "--to", bucket: "--bucket", bucketLabel: width.label))
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
        console.line(
            "\(service) \(parsedRegion) — reports per \(width.label) from \(range.from.iso8601) to \(range.to.iso8601)")
        console.write(table.render())
    }
}
