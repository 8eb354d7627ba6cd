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
    @Option(help: "Bucket width: 1m, 5m, 15m or 60m.") var bucket: String = "15m"
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
        guard let width = BucketWidth(label: bucket) else {
            throw ValidationError("--bucket \(quoted(bucket)) is not a bucket width; use 1m, 5m, 15m or 60m")
        }
        let engine = try global.openEngine()
        defer { engine.close() }
        guard try engine.store({ try $0.service(slug) }) != nil else {
            throw EngineError.store(.unknownService(slug.rawValue))
        }
        let end = try to.map { try parseTimeArgument($0, option: "--to") } ?? engine.clock.now()
        let start = try from.map { try parseTimeArgument($0, option: "--from") } ?? end.adding(seconds: -86_400)
        guard start < end else { throw ValidationError("--from must be before --to") }
        guard (end.seconds - start.seconds) / width.rawValue <= 1_000_000 else {
            throw ValidationError("the range holds more than 1,000,000 buckets; use a wider --bucket or a shorter range")
        }
        let buckets = try engine.store { try $0.bucketCounts(service: slug, region: parsedRegion, from: start, to: end, width: width) }
        let console = Console.current
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let document = SeriesDocument(
                service: slug.rawValue, region: parsedRegion.code, bucket: width.label, from: start, to: end,
                buckets: buckets.map { .init(start: $0.start, counted: $0.counted, duplicates: $0.duplicates, anonymous: $0.anonymous) }
            )
            console.line(String(decoding: try encoder.encode(document), as: UTF8.self))
            return
        }
        var table = TextTable(headers: ["BUCKET (UTC)", "COUNTED", "DUPLICATES", "ANONYMOUS"], rightAligned: [1, 2, 3])
        for bucketCount in buckets {
            table.add([bucketCount.start.iso8601, "\(bucketCount.counted)", "\(bucketCount.duplicates)", "\(bucketCount.anonymous)"])
        }
        console.line("\(slug) \(parsedRegion) — reports per \(width.label) from \(start.iso8601) to \(end.iso8601)")
        console.write(table.render())
    }
}

/// The `series --json` document.
struct SeriesDocument: Encodable {
    struct Bucket: Encodable {
        var start: Timestamp
        var counted: Int
        var duplicates: Int
        var anonymous: Int
    }

    var service: String
    var region: String
    var bucket: String
    var from: Timestamp
    var to: Timestamp
    var buckets: [Bucket]
}
