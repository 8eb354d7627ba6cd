package import OutcryModel
package import OutcryStore

/// One report as stored, for `outcry report` to print.
package struct StoredReport: Sendable {
    package var report: Report
    package var classification: ReportClassification
}

extension Engine {
    /// A validator for `source`, with the current services and clock.
    package func validator(source: ReportSource, requireTime: Bool) throws(EngineError) -> ReportValidator {
        let now = clock.now()
        return ReportValidator(
            services: try store { try $0.services() }, now: now, defaultTime: requireTime ? nil : now, source: source
        )
    }

    /// Validates and stores a single report (`outcry report`).
    package func submit(_ input: ReportInput, source: ReportSource) throws(EngineError) -> StoredReport {
        let report: Report
        do {
            report = try validator(source: source, requireTime: false).validate(input)
        } catch let error as ReportValidationError {
            throw .invalidReport(error)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .invalidArgument("\(error)")
        }
        let writer = try reportWriter()
        do {
            let classes = try writer.write([report], receivedAt: clock.now())
            return StoredReport(report: report, classification: classes.first ?? .counted)
        } catch {
            throw .store(error)
        }
    }
}
