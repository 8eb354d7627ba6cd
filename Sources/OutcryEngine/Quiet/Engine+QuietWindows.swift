import Foundation
package import OutcryModel
import OutcryStore

extension Engine {
    /// Declares a quiet window for `service`: from `from` (inclusive) to `to` (exclusive) a surge of its reports
    /// is expected. Reports are still counted; detection runs over the span treat it as described in
    /// ``QuietWindow``.
    /// - Throws: when the service is not monitored, a time is outside 2000–2099, `from` is not before `to`, or
    ///   the reason is too long or holds a control character.
    package func addQuietWindow(
        service: ServiceSlug, from: Timestamp, to: Timestamp, reason: String = ""
    ) throws(EngineError) -> QuietWindow {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        if let problem = QuietWindow.problem(from: from, to: to, reason: reason) { throw .invalidArgument(problem) }
        let window = QuietWindow(
            service: service, startsAt: from, endsAt: to, reason: reason, source: .operator, createdAt: clock.now())
        return try store { try $0.addQuietWindow(window) }
    }

    /// The quiet windows of `service` (every service's when nil), by start.
    /// - Throws: when `service` is not monitored.
    package func quietWindows(service: ServiceSlug? = nil) throws(EngineError) -> [QuietWindow] {
        if let service, try store({ try $0.service(service) }) == nil {
            throw .store(.unknownService(service.rawValue))
        }
        return try store { try $0.quietWindows(service: service) }
    }

    /// Removes the quiet window `id` (an operator's or a status page's; a page's comes back on its next read
    /// while the page still lists it). Incidents it marked expected stay so.
    /// - Returns: the removed window.
    /// - Throws: when there is no window `id`.
    @discardableResult
    package func removeQuietWindow(id: Int64) throws(EngineError) -> QuietWindow {
        guard let window = try store({ try $0.quietWindow(id: id) }) else {
            throw .invalidArgument("there is no quiet window \(id); see: outcry service quiet-list")
        }
        _ = try store { try $0.removeQuietWindow(id: id) }
        return window
    }

    /// The quiet windows covering any minute of `[fromMinute, toMinute)`, for a detection run.
    func quietWindows(fromMinute: Int64, toMinute: Int64) throws(EngineError) -> [QuietWindow] {
        let (from, fromOverflow) = fromMinute.multipliedReportingOverflow(by: 60)
        let (to, toOverflow) = toMinute.multipliedReportingOverflow(by: 60)
        return try store {
            try $0.quietWindows(
                overlappingFrom: Timestamp(seconds: fromOverflow ? (fromMinute < 0 ? .min : .max) : from),
                to: Timestamp(seconds: toOverflow ? (toMinute < 0 ? .min : .max) : to))
        }
    }
}
