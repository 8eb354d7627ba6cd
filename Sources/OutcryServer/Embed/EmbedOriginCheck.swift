import HTTPTypes
import Hummingbird

/// Refuses posts of the embeddable report form that come from pages other than the daemon's own and the
/// sites of `--embed-origins`.
///
/// Inside the operator's `<iframe>` the form is the daemon's own page, so its posts carry the daemon's origin;
/// a listed site may also post the same fields from its own page. The request's `Origin` decides when present
/// (`null`, sent by sandboxed frames and privacy modes, is refused); otherwise its `Referer`; a browser that
/// says the post is cross-site (`Sec-Fetch-Site`) without naming the page is refused; a request with none of
/// the three is not a browser's cross-site post and is let through like any API client. Rate limits and
/// counting are the anonymous report's (see ``ReportTrust``), whatever the origin.
enum EmbedOriginCheck {
    /// Why `request` is refused, or nil when it comes from the daemon or a listed site.
    static func refusal(_ request: Request, publicURL: String?, allowed: EmbedOrigins) -> String? {
        let own = SameOriginCheck.ownOrigins(request, publicURL: publicURL)
        let isAllowed = { (text: String) -> Bool in
            guard let origin = SameOriginCheck.normalizedOrigin(text) else { return false }
            return own.contains(origin) || allowed.contains(origin)
        }
        let refusal = "this report button works only on the sites its operator listed"
        if let origin = request.headers[.origin] {
            return isAllowed(origin) ? nil : refusal + " (the form was sent from another origin)"
        }
        if let referer = request.headers[.referer] {
            return isAllowed(referer) ? nil : refusal + " (the form was sent from another page)"
        }
        if let site = request.headers[.secFetchSite], site != "same-origin", site != "none" {
            return refusal + " (the browser did not say which page sent the form)"
        }
        return nil
    }
}
