import OutcryEngine
import OutcryModel

/// The embeddable report button (`GET /embed/{slug}`): one small self-contained page for an `<iframe>` on
/// the operator's site, in three states (the form, thank you, refused or not recorded).
///
/// No scripts, no external fonts, images or stylesheets; the problem kinds are radio buttons drawn as
/// buttons, so the form works without JavaScript. Every operator-given text is HTML-escaped.
enum EmbedPage {
    /// What the page shows.
    enum State {
        /// The form; `error` is why the last post was not recorded.
        case form(region: Region?, error: String?)
        /// The report was recorded.
        case thanks
    }

    /// The page of `service`, whose crowd-reported level is `level`.
    static func render(_ service: MonitoredService, level: AlertLevel, state: State) -> String {
        let name = HTML.escape(service.name)
        let slug = HTML.urlComponent(service.slug.rawValue)
        var body = ""
        switch state {
        case .thanks:
            body += "<div class=\"done\" role=\"status\"><p class=\"big\">Thank you</p>"
            body += "<p>Your report about \(name) was recorded. It counts toward the crowd's view of \(name)'s "
            body += "status, which is <strong>unofficial</strong>.</p>"
            body += "<p><a href=\"/embed/\(slug)\">Report another problem</a></p></div>"
        case .form(let region, let error):
            body += "<form method=\"post\" action=\"/embed/\(slug)/report\">"
            body += "<p class=\"big\">Problems with \(name)?</p>"
            body += "<p class=\"level \(level.rawValue)\">User reports: \(HTML.escape(levelText(level)))</p>"
            if let error {
                body += "<p class=\"error\" role=\"alert\">Your report was not recorded: \(HTML.escape(error))</p>"
            }
            body += "<fieldset><legend>What is not working?</legend><div class=\"kinds\">"
            for problem in service.problems ?? ProblemKind.allCases {
                body += "<label><input type=\"radio\" name=\"problem\" value=\"\(problem.rawValue)\" required>"
                body += "<span>\(HTML.escape(problemText(problem)))</span></label>"
            }
            body += "</div></fieldset>"
            let value = region.map { " value=\"\(HTML.escape($0.code))\"" } ?? ""
            body += "<div class=\"send\"><label>Your country (ISO code) "
            body += "<input name=\"region\" required maxlength=\"6\" size=\"6\" placeholder=\"US\"\(value)></label>"
            body += "<button type=\"submit\">Report a problem</button></div>"
            body += "</form>"
        }
        body +=
            "<p class=\"foot\">Counted by <a href=\"/services/\(slug)\" target=\"_blank\" rel=\"noopener\">Outcry</a>"
        body += " from user reports: an unofficial indicator, not a confirmation.</p>"
        return shell(title: "Report a problem with \(service.name)", body: body)
    }

    /// A page that is not the form: an unknown service or a refused post.
    static func message(title: String, text: String) -> String {
        shell(
            title: title,
            body: "<div class=\"done\"><p class=\"big\">\(HTML.escape(title))</p><p>\(HTML.escape(text))</p></div>")
    }

    /// `likely outage (unofficial)`, `possible problems`, `no problems reported` (the badge's words).
    static func levelText(_ level: AlertLevel) -> String { BadgeSVG.message(for: level).text }

    /// `Login`, `Notifications`…
    static func problemText(_ problem: ProblemKind) -> String {
        problem.rawValue.prefix(1).uppercased() + problem.rawValue.dropFirst()
    }

    private static func shell(title: String, body: String) -> String {
        HTMLPage.render(title: title, style: stylesheet, markup: .html, body: body)
    }

    static let stylesheet = """
        *{box-sizing:border-box}
        body{margin:0;padding:12px 14px;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:#fff;color:#1d232b}
        a{color:#1c5fd4}
        .big{font-size:17px;font-weight:700;margin:0 0 4px}
        .level{display:inline-block;margin:0 0 8px;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:650;color:#fff}
        .level.normal{background:#2f9e44}.level.possible{background:#d98c00}.level.likely{background:#d6336c}
        .error{background:#fdecef;border:1px solid #f1a7b8;border-radius:6px;padding:6px 10px;margin:0 0 8px}
        fieldset{border:0;padding:0;margin:0 0 8px}
        legend{padding:0;margin:0 0 6px;font-weight:600}
        .kinds{display:flex;flex-wrap:wrap;gap:6px}
        .kinds label{position:relative}
        .kinds input{position:absolute;opacity:0;width:1px;height:1px}
        .kinds span{display:inline-block;padding:5px 11px;border:1px solid #c6ced8;border-radius:999px;background:#f6f7f9;cursor:pointer}
        .kinds input:checked+span{background:#1c5fd4;border-color:#1c5fd4;color:#fff}
        .kinds input:focus-visible+span{outline:2px solid #1c5fd4;outline-offset:2px}
        .send{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
        .send input{font:inherit;width:5em;padding:5px 8px;border:1px solid #c6ced8;border-radius:6px}
        button{font:inherit;font-weight:650;padding:7px 14px;border:0;border-radius:6px;background:#1c5fd4;color:#fff;cursor:pointer}
        .done{padding:4px 0}
        .foot{margin:10px 0 0;color:#5f6b7a;font-size:11px}
        """
}
