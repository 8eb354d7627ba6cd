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

/// The HTTP ingestion path shared by `POST /v1/reports` and the dashboard's form: decode, validate with the
/// same code as `outcry import`, hash reporters (here, off the writer's thread), then wait for the group
/// commit. Throws ``APIError`` for everything a client should see.
package struct ReportIngestor: Sendable {
    let writer: EngineWorker
    let catalog: ServiceCatalog
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

    /// Ingests a JSON body (one report object or an array of them).
    /// - Parameters:
    ///   - partial: store the valid reports and list the others, instead of refusing the whole body.
    ///   - clientAddress: stands in for a missing `reporter` (hashed like any reporter id, never stored raw).
    package func ingest(json body: ByteBuffer, partial: Bool, clientAddress: String?) async throws -> IngestOutcome {
        let validator = try await currentValidator()
        let prepared = try body.withUnsafeReadableBytes { bytes in
            let buffer = UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            return try prepare(json: buffer, partial: partial, clientAddress: clientAddress, validator: validator)
        }
        return try await commit(prepared)
    }

    /// Ingests reports already decoded (the dashboard's form: one report, no index in errors).
    package func ingest(_ input: ReportInput, clientAddress: String?) async throws -> IngestOutcome {
        let validator = try await currentValidator()
        let prepared = try validate([(0, input)], partial: false, isArray: false, clientAddress: clientAddress, validator: validator)
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

    private func prepare(
        json buffer: UnsafeBufferPointer<UInt8>, partial: Bool, clientAddress: String?, validator: ReportValidator
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
        let isArray = buffer.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } == UInt8(ascii: "[")
        var prepared = try validate(inputs, partial: partial, isArray: isArray, clientAddress: clientAddress, validator: validator)
        prepared.rejected += rejected
        prepared.rejected.sort { $0.index < $1.index }
        return prepared
    }

    private func validate(
        _ inputs: [(index: Int, input: ReportInput)], partial: Bool, isArray: Bool, clientAddress: String?,
        validator: ReportValidator
    ) throws -> Prepared {
        let hasher = ReporterHasher(secret: reporterSecret)
        let fallbackReporter = clientAddress.map { "client-address:" + $0 }
        var prepared = Prepared()
        prepared.reports.reserveCapacity(inputs.count)
        prepared.hashes.reserveCapacity(inputs.count)
        for (index, input) in inputs {
            var input = input
            if input.reporter?.trimmingSpaces().isEmpty ?? true { input.reporter = fallbackReporter }
            do {
                let report = try validator.validate(input)
                prepared.reports.append(report)
                prepared.hashes.append(report.reporter.map(hasher.hash))
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
                throw APIError(.serviceUnavailable, refusal.description, retryAfterSeconds: settings.retryAfterSeconds * 5)
            case .shuttingDown:
                metrics?.rejected(count, reason: "shutting_down")
                throw APIError(.serviceUnavailable, refusal.description, retryAfterSeconds: settings.retryAfterSeconds * 5)
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
