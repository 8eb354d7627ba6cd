import Foundation
import HTTPTypes
import Hummingbird

/// Refuses cross-site posts of the dashboard's report form, so no other web page can make its visitors report.
///
/// The daemon's own origin is `--public-url` when set, else the request's Host (with either scheme: a proxy
/// may terminate TLS). A browser's `Sec-Fetch-Site` must be `same-origin` (or `none`: typed by the user); an
/// `Origin` must be the daemon's own; without either (old browsers send `Referer`, scripts send nothing) a
/// `Referer`, when present, must be on the daemon's origin. A request that carries none of the three is not a
/// browser's cross-site post, and is let through like any API client.
enum SameOriginCheck {
    /// Why `request` is refused, or nil when it comes from the daemon's own pages.
    static func refusal(_ request: Request, publicURL: String?) -> String? {
        let allowed = ownOrigins(request, publicURL: publicURL)
        if let site = request.headers[.secFetchSite] {
            guard site == "same-origin" || site == "none" else {
                return "reports are accepted only from this site's own page (the browser says the form was sent "
                    + "from a \(site == "same-site" ? "different origin of the same site" : "different site"))"
            }
        }
        if let origin = request.headers[.origin] {
            guard let normalized = normalizedOrigin(origin), allowed.contains(normalized) else {
                return "reports are accepted only from this site's own page (the form was sent from another origin)"
            }
            return nil
        }
        if let referer = request.headers[.referer] {
            guard let normalized = normalizedOrigin(referer), allowed.contains(normalized) else {
                return "reports are accepted only from this site's own page (the form was sent from another page)"
            }
        }
        return nil
    }

    /// `scheme://host[:port]` of the daemon: from `publicURL`, else `http://` and `https://` with the Host header.
    static func ownOrigins(_ request: Request, publicURL: String?) -> Set<String> {
        if let publicURL { return normalizedOrigin(publicURL).map { [$0] } ?? [] }
        guard let host = request.head.authority?.lowercased(), !host.isEmpty else { return [] }
        return Set(["http://\(host)", "https://\(host)"].compactMap(normalizedOrigin))
    }

    /// The origin of a URL, lower-case, without the default port; nil when it has no http(s) scheme and host.
    static func normalizedOrigin(_ text: String) -> String? {
        guard text.utf8.count <= 2_048, let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if let port = components.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
            return "\(scheme)://\(bracketed):\(port)"
        }
        return "\(scheme)://\(bracketed)"
    }
}
