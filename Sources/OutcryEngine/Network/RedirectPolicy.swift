package import Foundation

/// Which redirects a remote party may send us along: the operator's configured URL is trusted (they typed
/// it), but a redirect is the remote party's choice, so it must stay on http(s), never downgrade https to
/// http, and lead only to public addresses (every address its host resolves to, each hop checked again),
/// at most ``maximumRedirects`` hops. A redirect back to the configured URL's own origin (scheme, host and
/// port) is trusted like the URL itself, so an intranet page may move its documents around.
package struct RedirectPolicy: Sendable {
    /// Also follow redirects to loopback, private, link-local and other non-public addresses (for tests and
    /// intranets: `--allow-private-addresses`). A downgrade from https to http is refused even then.
    package var allowsPrivateAddresses: Bool
    package var maximumRedirects = 5

    package init(allowsPrivateAddresses: Bool = false) {
        self.allowsPrivateAddresses = allowsPrivateAddresses
    }

    /// The statuses that redirect (with a `Location`).
    package static func isRedirect(status: Int) -> Bool { [301, 302, 303, 307, 308].contains(status) }

    /// The URL a redirect from `current` to `location` (absolute or relative) leads to, if its form is
    /// allowed: http(s) with a host, and no downgrade from https to http. Addresses are checked separately
    /// (``refusal(of:addresses:)``).
    package static func target(of location: String, from current: URL) -> Result<URL, RedirectRefusal> {
        let trimmed = location.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, let resolved = URL(string: trimmed, relativeTo: current)?.absoluteURL else {
            return .failure(.invalidLocation(location))
        }
        let scheme = resolved.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else {
            return .failure(.unsupportedScheme(resolved.absoluteString))
        }
        guard let host = resolved.host, !host.isEmpty else { return .failure(.invalidLocation(location)) }
        if current.scheme?.lowercased() == "https" && scheme == "http" {
            return .failure(.downgrade(to: resolved.absoluteString))
        }
        return .success(resolved)
    }

    /// Why a redirect to `target`, whose host resolves to `addresses`, is not followed; nil when it may be.
    package func refusal(of target: URL, addresses: [IPAddress]) -> RedirectRefusal? {
        guard !allowsPrivateAddresses else { return nil }
        for address in addresses {
            if let range = address.nonPublicRange {
                return .nonPublicAddress(target: target.absoluteString, address: address.description, range: range)
            }
        }
        return nil
    }

    /// Checks a redirect from `current` to `location` completely: its form, then (unless it returns to the
    /// origin of `trusted`, the configured URL) every address its host resolves to. Returns the URL to
    /// request next.
    package func follow(
        _ location: String, from current: URL, trusted: URL? = nil
    ) async throws(RedirectRefusal) -> URL {
        let target: URL
        switch Self.target(of: location, from: current) {
        case .success(let url): target = url
        case .failure(let refusal): throw refusal
        }
        if allowsPrivateAddresses { return target }
        if let trusted, Self.origin(of: target) == Self.origin(of: trusted) { return target }
        let host = Self.bareHost(target)
        let addresses: [IPAddress]
        if let literal = IPAddress(host) {
            addresses = [literal]
        } else {
            do {
                addresses = try await HostResolver.addresses(of: host)
            } catch let failure as HostResolver.Failure {
                throw .unresolvable(target: target.absoluteString, reason: failure.reason)
            } catch {
                throw .cancelled
            }
        }
        if let refusal = refusal(of: target, addresses: addresses) { throw refusal }
        return target
    }

    /// Scheme, host and port (the scheme's default when none is given), lower-cased.
    static func origin(of url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(bareHost(url).lowercased()):\(port)"
    }

    /// The URL's host without IPv6 brackets.
    static func bareHost(_ url: URL) -> String {
        var host = Substring(url.host ?? "")
        if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        return String(host)
    }
}

/// Why a redirect was not followed; each case says what is allowed.
package enum RedirectRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidLocation(String)
    case unsupportedScheme(String)
    case downgrade(to: String)
    case nonPublicAddress(target: String, address: String, range: String)
    case unresolvable(target: String, reason: String)
    case tooMany(Int)
    /// The read was cancelled while the redirect's host was being resolved.
    case cancelled

    package var description: String {
        switch self {
        case .invalidLocation(let location):
            "the redirect's Location \(Self.quote(location)) is not a URL"
        case .unsupportedScheme(let target):
            "the redirect leads to \(Self.quote(target)); only http and https are followed"
        case .downgrade(let target):
            "the redirect leads from https to plain http (\(Self.quote(target))); downgrades are never followed"
        case .nonPublicAddress(let target, let address, let range):
            "the redirect leads to \(Self.quote(target)), whose host is \(address), \(range); redirects must lead "
                + "to public addresses (--allow-private-addresses allows others, for tests and intranets)"
        case .unresolvable(let target, let reason):
            "the redirect leads to \(Self.quote(target)), whose host cannot be resolved (\(reason))"
        case .tooMany(let limit): "more than \(limit) redirects"
        case .cancelled: "the read was cancelled"
        }
    }

    /// A URL from a remote party in a message: at most 200 characters.
    private static func quote(_ text: String) -> String {
        text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
