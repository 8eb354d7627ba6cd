/// The one HTML page shell of Outcry: the export's HTML report and the daemon's dashboard and embed pages.
///
/// A page is self-contained: its stylesheet is inline, and it loads no script, font, image or stylesheet, so it
/// works offline and under a `default-src 'none'; style-src 'unsafe-inline'` policy. Titles are escaped here.
package enum HTMLPage {
    /// How the page is marked up.
    package enum Markup: Sendable {
        /// Served pages: plain HTML5, naming no namespace (a served page mentions no other site).
        case html
        /// Saved documents (`outcry export --format html`): polyglot XHTML, readable by XML tools too.
        case xhtml
    }

    /// Everything up to and including `<body>`, then a newline.
    package static func head(title: String, style: String, markup: Markup) -> String {
        let root =
            switch markup {
            case .html: "<html lang=\"en\">"
            case .xhtml: "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">"
            }
        return "<!DOCTYPE html>\n\(root)\n<head>\n"
            + "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            + "<title>\(title.xmlEscaped)</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n"
    }

    /// What closes a page that ``head(title:style:markup:)`` opened.
    package static let end = "</body>\n</html>\n"

    /// A whole page around `body` (markup the caller has escaped).
    package static func render(title: String, style: String, markup: Markup, body: String) -> String {
        head(title: title, style: style, markup: markup) + body + "\n" + end
    }
}
