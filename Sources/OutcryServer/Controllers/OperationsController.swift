import Foundation
import HTTPTypes
package import Hummingbird
import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryStore
import Prometheus

/// `GET /healthz`, `/readyz`, `/metrics`, `/openapi.yaml`.
package struct OperationsController: Sendable {
    let writer: EngineWorker
    let latest: LatestDetector
    let registry: PrometheusCollectorRegistry
    let clock: any TimeSource
    let intervalSeconds: Int64
    /// Which backend the daemon stores in, and where (a PostgreSQL URL without its password).
    let storage: StorageLocation
    /// When the daemon started (the reference for "stalled" before the first tick completed).
    let startedAt: Timestamp

    package var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("healthz", use: health)
        routes.get("readyz", use: ready)
        routes.get("metrics", use: metrics)
        routes.get("openapi.yaml", use: openAPI)
        return routes
    }

    struct Readiness: Encodable {
        var ready: Bool
        var databaseWritable: Bool
        var migrationsApplied: Bool
        var detectorStalled: Bool
        var lastTickCompletedAt: Timestamp?
        var lastTick: Timestamp?
        /// `sqlite` or `postgresql`.
        var backend: String
        /// `leader` (this daemon detects) or `follower` (another daemon on the same store does).
        var detectorRole: String
        /// The newest detection tick committed by any daemon, and by which.
        var lastCommittedTick: Timestamp?
        var lastCommittedBy: String?

        enum CodingKeys: String, CodingKey {
            case ready
            case databaseWritable = "database_writable"
            case migrationsApplied = "migrations_applied"
            case detectorStalled = "detector_stalled"
            case lastTickCompletedAt = "last_tick_completed_at"
            case lastTick = "last_tick"
            case backend
            case detectorRole = "detector"
            case lastCommittedTick = "last_committed_tick"
            case lastCommittedBy = "last_committed_by"
        }
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(staticString: "{\"status\":\"ok\"}")))
    }

    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        let readiness = readiness()
        return try JSONResponse.make(readiness, status: readiness.ready ? .ok : .serviceUnavailable)
    }

    /// Writable (the last write committed), migrated (the daemon only starts on a migrated database) and
    /// the detector not stalled: this daemon's last tick completed within three intervals, and on a follower
    /// the leader's last committed tick is that recent too (a follower of a dead leader is not ready until it
    /// takes over).
    func readiness() -> Readiness {
        let now = clock.now()
        let completed = latest.lastTickCompletedAt
        let reference = completed ?? startedAt
        let role = latest.role
        let committed = latest.lastCommitted
        var stalled = now.seconds - reference.seconds > 3 * intervalSeconds
        if role == .follower {
            let committedAt = committed.map { Timestamp(seconds: $0.minute * 60) } ?? startedAt
            stalled = stalled || now.seconds - committedAt.seconds > 3 * intervalSeconds + 60
        }
        let writable = writer.isWritable
        return Readiness(
            ready: writable && !stalled, databaseWritable: writable, migrationsApplied: true, detectorStalled: stalled,
            lastTickCompletedAt: completed, lastTick: latest.detector.lastTick, backend: storage.backend,
            detectorRole: role.rawValue, lastCommittedTick: committed.map { Timestamp(seconds: $0.minute * 60) },
            lastCommittedBy: committed?.daemon)
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        registry.emit(into: &buffer)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
    }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: EmbeddedOpenAPI.yaml)))
    }
}
