import Foundation
import OutcryEngine

/// Minimal HTML building for the dashboard: escaping, its header and footer inside the engine's page shell
/// (``HTMLPage``), and its stylesheet (inline; no external scripts, fonts or stylesheets, so the dashboard works
/// offline).
enum HTML {
    /// Escapes text for HTML content and attribute values (the export renderers' XML escaping).
    static func escape(_ text: String) -> String { text.xmlEscaped }

    /// Percent-encodes a path segment or query value.
    static func urlComponent(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A dashboard page: the site's header, `body` (escaped by the caller) and the unofficial footer.
    static func page(title: String, body: String) -> String {
        HTMLPage.render(
            title: title, style: stylesheet, markup: .html,
            body: """
                <header class="top"><a class="brand" href="/">Outcry</a><span class="tag">crowd-reported outage indicators</span></header>
                <main>
                \(body)
                </main>
                <footer>Outcry counts user problem reports and flags spikes above what is normal for the time of day.
                Everything shown is <strong>unofficial</strong>: an indicator, not a confirmation.
                <a href="/v1/services">JSON API</a> · <a href="/openapi.yaml">OpenAPI</a></footer>
                """)
    }

    static let stylesheet = """
        :root{--bg:#f6f7f9;--card:#fff;--ink:#1d232b;--muted:#5f6b7a;--line:#e3e7ec;--normal:#2f9e44;--possible:#e8a200;--likely:#d6336c;--bar:#4c6ef5;--base:#868e96}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:var(--bg);color:var(--ink)}
        a{color:#1c5fd4;text-decoration:none}a:hover{text-decoration:underline}
        header.top{display:flex;align-items:baseline;gap:12px;padding:14px 28px;background:#17202b;color:#fff}
        header.top .brand{color:#fff;font-weight:700;font-size:20px}
        header.top .tag{color:#aeb8c4;font-size:13px}
        main{max-width:1080px;margin:0 auto;padding:20px 24px}
        footer{max-width:1080px;margin:0 auto;padding:8px 24px 32px;color:var(--muted);font-size:13px}
        h1{font-size:26px;margin:6px 0 4px}h2{font-size:18px;margin:0 0 10px}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:0 0 16px}
        .unofficial{background:#fff8e1;border:1px solid #f2d27a;border-radius:10px;padding:10px 14px;margin:0 0 16px;font-size:14px}
        .unofficial strong{text-transform:uppercase;letter-spacing:.04em}
        .thanks{background:#e6f6ea;border:1px solid #9bd3a8;border-radius:10px;padding:10px 14px;margin:0 0 16px}
        .error{background:#fdecef;border:1px solid #f1a7b8;border-radius:10px;padding:10px 14px;margin:0 0 16px}
        .level{display:inline-block;white-space:nowrap;padding:2px 10px;border-radius:999px;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#fff}
        .level.normal{background:var(--normal)}.level.possible{background:var(--possible)}.level.likely{background:var(--likely)}
        .services{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
        .service{display:block;color:inherit;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
        .service:hover{border-color:#b9c3cf;text-decoration:none}
        .service .row{display:flex;justify-content:space-between;align-items:center;gap:8px}
        .service .name{font-weight:650;font-size:16px}
        .service .meta{color:var(--muted);font-size:12px;margin-top:2px}
        .service svg{display:block;margin-top:8px}
        svg.chart{display:block;max-width:100%;height:auto}
        .headline{display:flex;align-items:center;gap:12px;flex-wrap:wrap}
        .muted{color:var(--muted)}
        .grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
        @media (max-width:760px){.grid2{grid-template-columns:1fr}}
        table{border-collapse:collapse;width:100%;font-size:14px}
        th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line)}
        th{color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        .problem{display:grid;grid-template-columns:110px 1fr 48px;align-items:center;gap:8px;margin:4px 0;font-size:14px}
        .problem .track{background:#edf0f4;border-radius:4px;height:12px}
        .problem .fill{background:var(--bar);border-radius:4px;height:12px}
        .incident{border-left:4px solid var(--likely);padding:6px 10px;margin:0 0 10px;background:#fcfcfd}
        .incident.resolved{border-left-color:var(--base)}
        .incident .when{color:var(--muted);font-size:12px}
        .incident .official{font-size:13px;margin:2px 0}
        .incident .official.none strong{color:var(--muted)}
        form.report{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:10px;align-items:end}
        form.report label{display:flex;flex-direction:column;font-size:13px;color:var(--muted);gap:4px}
        form.report input,form.report select{font:inherit;padding:6px 8px;border:1px solid #c6ced8;border-radius:6px;background:#fff;color:var(--ink)}
        form.report button{font:inherit;font-weight:650;padding:8px 14px;border:0;border-radius:6px;background:#1c5fd4;color:#fff;cursor:pointer}
        """
}
