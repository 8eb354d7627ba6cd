/// What sending one notification came to.
package enum DeliveryOutcome: Sendable, Equatable {
    /// The receiver took it (HTTP 2xx, or the command exited 0).
    case delivered(httpStatus: Int?)
    /// Failed for now (5xx, 408, 429, timeout, connection error, non-zero exit): try again later, no sooner
    /// than `retryAfterSeconds` when the receiver said so.
    case retry(httpStatus: Int?, error: String, retryAfterSeconds: Int64?)
    /// Refused for good (another 4xx, a redirect, a bad URL, a command that cannot run): no retry.
    case failed(httpStatus: Int?, error: String)
    /// Not attempted: an earlier event for the same hook failed in this batch, and events go out in order.
    case deferred

    /// The outcome of an HTTP answer with `status`.
    /// - Parameters:
    ///   - retryAfter: the `Retry-After` header, when given.
    ///   - bodyPrefix: the start of the response body, quoted in the error to help whoever reads the log.
    package static func forHTTPStatus(_ status: Int, retryAfter: String? = nil, bodyPrefix: String = "")
        -> DeliveryOutcome
    {
        let detail = bodyPrefix.isEmpty ? "" : ": " + bodyPrefix
        switch status {
        case 200..<300:
            return .delivered(httpStatus: status)
        case 408, 429, 500..<600:
            let seconds = retryAfter.flatMap { Int64($0.trimmingASCIISpaces()) }.map { max(0, $0) }
            return .retry(httpStatus: status, error: "HTTP \(status)\(detail)", retryAfterSeconds: seconds)
        case 300..<400:
            return .failed(
                httpStatus: status,
                error:
                    "HTTP \(status): the receiver redirects, and redirects are not followed; add the hook with its final URL"
            )
        case 400..<500:
            return .failed(httpStatus: status, error: "HTTP \(status): the receiver refused the event\(detail)")
        default:
            return .retry(httpStatus: status, error: "unexpected HTTP status \(status)", retryAfterSeconds: nil)
        }
    }

    /// The HTTP status, when there was an answer.
    package var httpStatus: Int? {
        switch self {
        case .delivered(let status), .retry(let status, _, _), .failed(let status, _): status
        case .deferred: nil
        }
    }

    /// The error, when it failed.
    package var error: String? {
        switch self {
        case .retry(_, let error, _), .failed(_, let error): error
        case .delivered, .deferred: nil
        }
    }

    /// Whether the attempt failed, for now or for good.
    package var isFailure: Bool {
        switch self {
        case .retry, .failed: true
        case .delivered, .deferred: false
        }
    }
}

extension String {
    fileprivate func trimmingASCIISpaces() -> Substring {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return slice
    }
}
