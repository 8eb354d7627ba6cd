import HTTPTypes

/// Headers every HTML page carries: no framing (clickjacking of the report form), no MIME sniffing, no
/// referrer to other sites, and a policy that allows only what the self-contained pages use (inline styles and
/// inline SVG; no scripts, no external fetches, forms posting only to this origin).
enum HTMLSecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    static let fields: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .contentSecurityPolicy: contentSecurityPolicy,
        .xContentTypeOptions: "nosniff",
        .referrerPolicy: "same-origin",
        .xFrameOptions: "DENY",
    ]
}

// Constant, valid header names: the failable initializer cannot fail on them.
extension HTTPField.Name {
    // swift-format-ignore: NeverForceUnwrap
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    // swift-format-ignore: NeverForceUnwrap
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    // swift-format-ignore: NeverForceUnwrap
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
