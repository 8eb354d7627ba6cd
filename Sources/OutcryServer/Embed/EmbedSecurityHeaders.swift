import HTTPTypes

/// Headers of the pages meant for other sites: the embeddable report button and the status badge.
///
/// The embed pages keep the dashboard's policy (no scripts, no external fetches, forms posting only to the
/// daemon) except framing: `frame-ancestors` lists the daemon itself and `--embed-origins`, and there is no
/// `X-Frame-Options: DENY`. The dashboard's own pages keep ``HTMLSecurityHeaders``.
enum EmbedSecurityHeaders {
    /// The embed page's headers for the sites of `origins`.
    static func page(_ origins: EmbedOrigins) -> HTTPFields {
        [
            .contentType: "text/html; charset=utf-8",
            .contentSecurityPolicy:
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; \(origins.frameAncestors); "
                + "base-uri 'none'",
            .xContentTypeOptions: "nosniff",
            .referrerPolicy: "same-origin",
            .cacheControl: "no-store",
        ]
    }

    /// The badge's headers: an image any page may show, cached for a minute, that can run nothing.
    static let badge: HTTPFields = [
        .contentType: "image/svg+xml",
        .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'",
        .xContentTypeOptions: "nosniff",
        .cacheControl: "public, max-age=60",
    ]
}
