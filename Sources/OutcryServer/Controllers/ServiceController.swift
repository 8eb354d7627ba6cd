import Foundation
import HTTPTypes
package import Hummingbird
import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryStore

/// `GET /v1/services`, `/v1/services/{slug}`, `/v1/services/{slug}/series`: current levels and history,
/// read on the reader's connection with the detector the last tick left.
package struct ServiceController: Sendable {
    let reader: EngineWorker
    let latest: LatestDetector
    let clock: any TimeSource

    package var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("services", use: list)
        routes.get("services/{slug}", use: show)
        routes.get("services/{slug}/series", use: series)
        return routes
    }

    // MARK: DTOs

    struct ServiceSummary: Encodable {
        var slug: String
        var name: String
        var group: String?
        var problems: [String]?
        var sensitivity: String
        var level: String
        var possibleFlood: Bool
        var observed: Double
        var baseline: Double
        var ratio: Double

        enum CodingKeys: String, CodingKey {
            case slug, name, group, problems, sensitivity, level, observed, baseline, ratio
            case possibleFlood = "possible_flood"
        }

        init(_ service: MonitoredService, _ status: SeriesStatus?) {
            slug = service.slug.rawValue
            name = service.name
            group = service.group
            problems = service.problems?.map(\.rawValue)
            sensitivity = service.sensitivity.rawValue
            level = (status?.level ?? .normal).rawValue
            possibleFlood = status?.isPossibleFlood ?? false
            observed = status?.observed ?? 0
            baseline = status?.baseline ?? 0
            ratio = rounded(status?.ratio ?? 0)
        }
    }

    struct ServiceList: Encodable {
        var asOf: Timestamp?
        var label = Incident.unofficialLabel
        var disclaimer = IncidentExportDocument.disclaimer
        var services: [ServiceSummary]

        enum CodingKeys: String, CodingKey {
            case asOf = "as_of"
            case label, disclaimer, services
        }
    }

    struct BucketDTO: Encodable {
        var start: Timestamp
        var reports: Int
        var baseline: Double?
    }

    struct RegionDTO: Encodable {
        var region: String
        var level: String
        var observed: Double
        var baseline: Double
        var ratio: Double
        var possibleFlood: Bool

        enum CodingKeys: String, CodingKey {
            case region, level, observed, baseline, ratio
            case possibleFlood = "possible_flood"
        }
    }

    struct ServiceDetail: Encodable {
        var service: ServiceSummary
        var asOf: Timestamp
        var label = Incident.unofficialLabel
        var disclaimer = IncidentExportDocument.disclaimer
        var level: String
        var observed: Double
        var baseline: Double
        var bucketSeconds = 900
        var buckets: [BucketDTO]
        var openIncidents: [Incident]
        var recentIncidents: [Incident]
        var topProblems: [ProblemShare]
        var regions: [RegionDTO]

        enum CodingKeys: String, CodingKey {
            case service, label, disclaimer, level, observed, baseline, buckets, regions
            case asOf = "as_of"
            case bucketSeconds = "bucket_seconds"
            case openIncidents = "open_incidents"
            case recentIncidents = "recent_incidents"
            case topProblems = "top_problems"
        }

        init(_ report: ServiceStatusReport) {
            service = ServiceSummary(report.service, report.status)
            asOf = report.asOf
            level = report.level.rawValue
            observed = report.status?.observed ?? 0
            baseline = report.status?.baseline ?? 0
            buckets = report.buckets.map {
                BucketDTO(start: $0.start, reports: $0.reports, baseline: $0.baseline.map(rounded))
            }
            openIncidents = report.openIncidents
            recentIncidents = report.recentIncidents
            topProblems = report.topProblems
            regions = report.regions.map {
                RegionDTO(
                    region: $0.region.code, level: $0.level.rawValue, observed: $0.observed,
                    baseline: rounded($0.baseline),
                    ratio: rounded($0.ratio), possibleFlood: $0.isPossibleFlood)
            }
        }
    }

    // MARK: Handlers

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detector = latest.detector
        let overview = try await reader.perform { engine in try engine.serviceOverview(detector: detector) }
        return try JSONResponse.make(
            ServiceList(asOf: detector.lastTick, services: overview.map { ServiceSummary($0.service, $0.status) }))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try Self.slug(context)
        let detector = latest.detector
        let report = try await Self.statusReport(slug, reader: reader, detector: detector)
        return try JSONResponse.make(ServiceDetail(report))
    }

    @Sendable func series(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try Self.slug(context)
        let query = try request.parseQuery(SeriesQuery.parse)
        let detector = latest.detector
        let range: (from: Timestamp, to: Timestamp)
        do {
            range = try query.range(defaultEnd: detector.lastTick ?? clock.now())
        } catch {
            throw APIError(error)
        }
        let seriesRequest = SeriesRequest(
            service: slug, region: query.region, from: range.from, to: range.to, width: BucketWidth(query.bucket),
            maximumBuckets: SeriesQuery.maximumBuckets)
        let document: SeriesReport
        do {
            document = try await reader.perform { engine in
                try engine.seriesReport(seriesRequest, from: range.from, to: range.to, detector: detector)
            }
        } catch EngineError.store(.unknownService) {
            throw APIError.unknownService(slug)
        }
        return try JSONResponse.make(document)
    }

    // MARK: Helpers

    static func slug(_ context: AppRequestContext) throws -> ServiceSlug {
        let text = context.parameters.get("slug") ?? ""
        do {
            return try ServiceSlug.parse(text, field: "slug")
        } catch {
            throw APIError(.notFound, error.description, field: "slug")
        }
    }

    static func statusReport(_ slug: ServiceSlug, reader: EngineWorker, detector: Detector) async throws
        -> ServiceStatusReport
    {
        do {
            return try await reader.perform { engine in try engine.statusReport(for: slug, detector: detector) }
        } catch EngineError.store(.unknownService) {
            throw APIError.unknownService(slug)
        }
    }
}

extension APIError {
    static func unknownService(_ slug: ServiceSlug) -> APIError {
        APIError(.notFound, "service \(quoted(slug.rawValue)) is not monitored", field: "slug")
    }
}

func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
