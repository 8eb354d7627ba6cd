import HTTPTypes
package import NIOCore
package import OutcryModel
package import OutcryStore

/// Who sent reports over HTTP, as far as the trust model is concerned.
package struct ReportSender: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// No credentials: the reporter is the client's network, the time is when the report arrived.
        case anonymous
        /// A known client (a token without `--relay`): treated as anonymous, with the token's own rate.
        case client(APIToken)
        /// A relay: its reporter ids count (namespaced per token), its times may be up to a day old.
        case relay(APIToken)
    }

    package var kind: Kind
    /// The client's network (socket peer, or `X-Forwarded-For` behind trusted proxies).
    package var network: ClientNetwork

    package init(kind: Kind, network: ClientNetwork) {
        self.kind = kind
        self.network = network
    }

    /// The relay token's id, for relay senders.
    package var relayID: Int64? {
        if case .relay(let token) = kind { return token.id }
        return nil
    }
}

/// The trust model for reports that arrive over HTTP (`POST /v1/reports` and the dashboard's form), in one
/// place: who the sender is, what rate it gets, which reporter id and time each of its reports carries.
/// The CLI (`outcry report`, `outcry import`) does not come through here: the operator is fully trusted.
package struct ReportTrust: Sendable {
    /// A report without a relay token may say it happened at most this long before it arrived.
    package static let anonymousMaximumAgeSeconds: Int64 = 300
    /// A relay may send reports at most this old.
    package static let relayMaximumAgeSeconds: Int64 = 86_400
    /// Longer `Authorization` values are not looked up.
    static let maximumTokenLength = 256

    let tokens: TokenCatalog
    let settings: ServerSettings

    package init(tokens: TokenCatalog, settings: ServerSettings) {
        self.tokens = tokens
        self.settings = settings
    }

    /// Identifies the sender of a request. An `Authorization` header must hold an active token: anything
    /// else is refused with 401 (never treated as anonymous).
    /// - Parameters:
    ///   - peer: the socket peer.
    ///   - forwardedFor: every `X-Forwarded-For` value, used only with ``ServerSettings/trustsForwardedFor``.
    package func sender(authorization: String?, peer: SocketAddress?, forwardedFor: [String]) async throws
        -> ReportSender
    {
        var network = ClientNetwork(peer)
        if settings.trustsForwardedFor,
            let forwarded = ClientNetwork.forwarded(forwardedFor, hops: settings.trustedProxyHops)
        {
            network = forwarded
        }
        guard let authorization else { return ReportSender(kind: .anonymous, network: network) }
        let text = Self.bearerToken(authorization)
        guard let text, !text.isEmpty, text.utf8.count <= Self.maximumTokenLength else {
            throw APIError.unauthorized(
                "the Authorization header must be 'Bearer TOKEN' with a token made by: outcry token add")
        }
        guard let token = try await tokens.token(for: text) else {
            throw APIError.unauthorized(
                "the token is unknown or revoked; send reports without Authorization to report anonymously")
        }
        return ReportSender(kind: token.isRelay ? .relay(token) : .client(token), network: network)
    }

    /// The bucket and limit of a sender: its network's for anonymous reports, its token's otherwise.
    package func limit(for sender: ReportSender) -> (RateLimiter.Client, RateLimiter.Limit) {
        switch sender.kind {
        case .anonymous:
            return (
                .network(sender.network),
                RateLimiter.Limit(ratePerSecond: settings.rateLimitPerSecond, burst: settings.rateLimitBurst)
            )
        case .client(let token), .relay(let token):
            let rate = token.reportsPerSecond ?? settings.tokenRateLimitPerSecond
            return (.token(token.id), RateLimiter.Limit(ratePerSecond: rate, burst: rate * Self.tokenBurstSeconds))
        }
    }

    /// A token's bucket holds this many seconds of its rate.
    package static let tokenBurstSeconds = 60.0

    /// Turns a validated report into what is stored, by the sender's rights: the reporter id (the network's,
    /// or the relay's namespaced id) and the time (the arrival time, or the relay's within its window).
    /// - Parameters:
    ///   - givenTime: whether the body had `at`.
    ///   - now: the arrival time.
    package func admit(_ report: inout Report, givenTime: Bool, sender: ReportSender, now: Timestamp)
        throws(ReportValidationError)
    {
        switch sender.kind {
        case .anonymous, .client:
            if givenTime, report.at.seconds < now.seconds - Self.anonymousMaximumAgeSeconds {
                throw ReportValidationError(
                    field: "at",
                    reason: "\(report.at.iso8601) is more than 5 minutes before now (\(now.iso8601)); reports without "
                        + "a relay token take the time they arrive: leave out at")
            }
            report.at = now
            report.reporter = sender.network.reporterID
        case .relay(let token):
            if report.at.seconds < now.seconds - Self.relayMaximumAgeSeconds {
                throw ReportValidationError(
                    field: "at",
                    reason: "\(report.at.iso8601) is more than 24 hours before now (\(now.iso8601)); a relay may send "
                        + "reports up to 24 hours old")
            }
            if let reporter = report.reporter { report.reporter = "relay:\(token.id):" + reporter }
            report.relay = token.id
        }
    }

    /// The token of `Bearer TOKEN` (scheme case-insensitive), or nil for another scheme.
    static func bearerToken(_ header: String) -> String? {
        let trimmed = header.trimmingSpaces()
        guard trimmed.utf8.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
        return String(trimmed.dropFirst(7)).trimmingSpaces()
    }
}

extension APIError {
    /// 401 with `WWW-Authenticate: Bearer`.
    static func unauthorized(_ message: String) -> APIError {
        var error = APIError(.unauthorized, message, field: "authorization")
        error.challenge = #"Bearer realm="outcry""#
        return error
    }
}
