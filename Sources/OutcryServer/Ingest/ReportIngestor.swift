import CoreMetrics
import Foundation
import HTTPTypes
import Logging
import Metrics
package import NIOCore
import OutcryEngine
package import OutcryModel
import OutcryStore

/// One report refused in partial mode.
package struct RejectedReport: Sendable, Equatable {
    package var index: Int
    package var field: String
    package var error: String
}

/// What an accepted request stored.
package struct IngestOutcome: Sendable, Equatable {
    package var accepted = 0
    package var counted = 0
    package var duplicates = 0
    package var rejected: [RejectedReport] = []
}

/// The HTTP ingestion path shared by `POST /v1/reports` and the dashboard's form: identify the sender
/// (``ReportTrust``), decode, take one rate-limit token per report, validate with the same code as
/// `outcry import`, apply the sender's rights (reporter id, time), hash reporters (here, off the writer's
/// thread), then wait for the group commit. Throws ``APIError`` for everything a client should see.
package struct ReportIngestor: Sendable {
    let writer: EngineWorker
    let catalog: ServiceCatalog
    let trust: ReportTrust
    let limiter: RateLimiter
    let reporterSecret: [UInt8]
    let clock: any TimeSource
    let settings: ServerSettings
    let metrics: ServerMetrics?
    let logger: Logger

    /// Valid reports ready for the writer, and the ones refused on the way.
    private struct Prepared {
        var reports: [Report] = []
        var hashes: [ReporterHash?] = []
        var rejected: [RejectedReport] = []
    }

    /// Identifies who sends a request (401 for a bad token) and refuses it at once (429) when its bucket is
    /// empty, before its body is read.
    /// - Parameters:
    ///   - authorization: the `Authorization` header, if any.
    ///   - peer: the socket peer.
    ///   - forwardedFor: every `X-Forwarded-For` value (honoured only with `--trust-forwarded-for`).
    package func sender(authorization: String?, peer: SocketAddress?, forwardedFor: [String]) async throws
        -> ReportSender
    {
        let sender: ReportSender
        do {
            sender = try await trust.sender(authorization: authorization, peer: peer, forwardedFor: forwardedFor)
        } catch let error as APIError {
            metrics?.rejected(1, reason: "unauthorized")
            throw error
        } catch {
            logger.error("cannot read the API tokens", metadata: ["error": "\(error)"])
            throw APIError(
                .serviceUnavailable, "the database cannot be read right now; retry later",
                retryAfterSeconds: settings.retryAfterSeconds)
        }
        let (client, limit) = trust.limit(for: sender)
        if limiter.isEmpty(client, limit: limit) {
            metrics?.rejected(1, reason: "rate_limited")
            throw Self.rateLimited(limit, wait: max(1, Int((1 / max(limit.ratePerSecond, 1e-9)).rounded(.up))))
        }
        return sender
    }

    /// Ingests a JSON body (one report object or an array of them).
    /// - Parameter partial: store the valid reports and list the others, instead of refusing the whole body.
    package func ingest(json body: ByteBuffer, partial: Bool, sender: ReportSender) async throws -> IngestOutcome {
        let validator = try await currentValidator()
        let prepared = try body.withUnsafeReadableBytes { bytes in
            let buffer = UnsafeBufferPointer(
                start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            return try prepare(json: buffer, partial: partial, sender: sender, validator: validator)
        }
        return try await commit(prepared)
    }

    /// Ingests reports already decoded (the dashboard's form: one report, no index in errors).
    package func ingest(_ input: ReportInput, sender: ReportSender) async throws -> IngestOutcome {
        let validator = try await currentValidator()
        try takeTokens(1, sender: sender)
        let prepared = try validate([(0, input)], partial: false, isArray: false, sender: sender, validator: validator)
        return try await commit(prepared)
    }

    private func currentValidator() async throws -> ReportValidator {
        do {
            return try await catalog.validator(now: clock.now())
        } catch {
            logger.error("cannot read the monitored services", metadata: ["error": "\(error)"])
            throw APIError(
                .serviceUnavailable, "the database cannot be read right now; retry later",
                retryAfterSeconds: settings.retryAfterSeconds)
        }
    }

    /// One token per report from the sender's bucket: 413 for more than the bucket ever holds, else 429.
    private func takeTokens(_ count: Int, sender: ReportSender) throws {
        let (client, limit) = trust.limit(for: sender)
        switch limiter.acquire(client, cost: count, limit: limit) {
        case nil:
            return
        case .tooMany(let burst):
            metrics?.rejected(count, reason: "rate_limited")
            let advice =
                if case .anonymous = sender.kind {
                    "send fewer per request (a relay needs a token from the operator: outcry token add NAME --relay)"
                } else {
                    "send fewer per request"
                }
            throw APIError(
                .contentTooLarge,
                "the body has \(count) reports; this client may send at most \(burst) at once; \(advice)",
                field: "body")
        case .wait(let seconds):
            metrics?.rejected(count, reason: "rate_limited")
            throw Self.rateLimited(limit, wait: seconds)
        }
    }

    private static func rateLimited(_ limit: RateLimiter.Limit, wait: Int) -> APIError {
        // %g: "2", "0.5", "1e+06" — no conversion to Int that a large configured rate could trap.
        let rate = String(format: "%g", limit.ratePerSecond)
        return APIError(
            .tooManyRequests, "too many reports from this client (at most \(rate) per second); retry later",
            retryAfterSeconds: wait)
    }

    private func prepare(
        json buffer: UnsafeBufferPointer<UInt8>, partial: Bool, sender: ReportSender, validator: ReportValidator
    ) throws -> Prepared {
        let maximum = settings.maximumReportsPerRequest
        var inputs: [(index: Int, input: ReportInput)]
        var rejected: [RejectedReport] = []
        do throws(ReportBodyDecodingError) {
            if partial {
                let decoded = try ReportJSONDecoder.decodeBodyPartially(buffer, maximumCount: maximum)
                inputs = decoded.inputs
                rejected = decoded.errors.map {
                    RejectedReport(index: $0.index, field: $0.error.field, error: $0.error.description)
                }
            } else {
                inputs = try ReportJSONDecoder.decodeBody(buffer, maximumCount: maximum).enumerated().map {
                    ($0.offset, $0.element)
                }
            }
        } catch {
            metrics?.rejected(1, reason: error.field)
            if case .tooManyReports = error {
                throw APIError(.contentTooLarge, error.validationError.description, field: "body")
            }
            throw APIError(.badRequest, error.validationError.description, field: error.field, index: error.index)
        }
        try takeTokens(inputs.count + rejected.count, sender: sender)
        let isArray = buffer.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } == UInt8(ascii: "[")
        var prepared = try validate(inputs, partial: partial, isArray: isArray, sender: sender, validator: validator)
        prepared.rejected += rejected
        prepared.rejected.sort { $0.index < $1.index }
        return prepared
    }

    private func validate(
        _ inputs: [(index: Int, input: ReportInput)], partial: Bool, isArray: Bool, sender: ReportSender,
        validator: ReportValidator
    ) throws -> Prepared {
        let hasher = ReporterHasher(secret: reporterSecret)
        // Anonymous and client reports all have the network's reporter id: hash it once.
        let networkHash: ReporterHash? = sender.relayID == nil ? hasher.hash(sender.network.reporterID) : nil
        var prepared = Prepared()
        prepared.reports.reserveCapacity(inputs.count)
        prepared.hashes.reserveCapacity(inputs.count)
        for (index, input) in inputs {
            var input = input
            // Only a relay's reporter ids mean anything; anyone else's are ignored, not even checked.
            if networkHash != nil { input.reporter = nil }
            do throws(ReportValidationError) {
                var report = try validator.validate(input)
                try trust.admit(&report, givenTime: input.at != nil, sender: sender, now: validator.now)
                prepared.reports.append(report)
                prepared.hashes.append(networkHash ?? report.reporter.map(hasher.hash))
            } catch {
                metrics?.rejected(1, reason: error.field)
                if !partial {
                    throw APIError(.badRequest, error.description, field: error.field, index: isArray ? index : nil)
                }
                prepared.rejected.append(RejectedReport(index: index, field: error.field, error: error.description))
            }
        }
        return prepared
    }

    private func commit(_ prepared: Prepared) async throws -> IngestOutcome {
        var outcome = IngestOutcome(rejected: prepared.rejected)
        guard !prepared.reports.isEmpty else { return outcome }
        let count = prepared.reports.count
        let classes: [ReportClassification]
        do {
            classes = try await writer.write(prepared.reports, hashes: prepared.hashes)
        } catch let refusal as WriteRefusal {
            switch refusal {
            case .queueFull:
                metrics?.rejected(count, reason: "queue_full")
                throw APIError(.serviceUnavailable, refusal.description, retryAfterSeconds: settings.retryAfterSeconds)
            case .unwritable:
                metrics?.rejected(count, reason: "unwritable")
                throw APIError(
                    .serviceUnavailable, refusal.description, retryAfterSeconds: settings.retryAfterSeconds * 5)
            case .shuttingDown:
                metrics?.rejected(count, reason: "shutting_down")
                throw APIError(
                    .serviceUnavailable, refusal.description, retryAfterSeconds: settings.retryAfterSeconds * 5)
            case .unknownService:
                catalog.invalidate()
                metrics?.rejected(count, reason: "service")
                throw APIError(.badRequest, refusal.description, field: "service")
            }
        }
        metrics?.record(classes)
        outcome.accepted = classes.count
        for outcomeClass in classes {
            if outcomeClass == .duplicate { outcome.duplicates += 1 } else { outcome.counted += 1 }
        }
        return outcome
    }
}

extension IngestOutcome {
    /// `{"accepted":N,"counted":C,"duplicates":D}` (+ `"rejected":[…]` in partial mode), written by hand:
    /// this is the hot path.
    func json(partial: Bool) -> String {
        var text = "{\"accepted\":\(accepted),\"counted\":\(counted),\"duplicates\":\(duplicates)"
        if partial {
            text += ",\"rejected\":["
            for (position, rejection) in rejected.enumerated() {
                if position > 0 { text += "," }
                text += "{\"index\":\(rejection.index),\"field\":\(JSONText.string(rejection.field)),"
                text += "\"error\":\(JSONText.string(rejection.error))}"
            }
            text += "]"
        }
        return text + "}"
    }
}
