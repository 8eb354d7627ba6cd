import Foundation

/// How public pages name an official status page: scheme and host only.
enum PublicLocation {
    /// `https://status.example.com` for `https://user:secret@status.example.com/api/v2/summary.json?key=…`;
    /// "a local file" for a file path; "the provider's status page" for anything unreadable.
    static func redacted(_ location: String) -> String {
        let lower = location.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            return lower.contains("://") ? "the provider's status page" : "a local file"
        }
        guard location.utf8.count <= 4_096, let components = URLComponents(string: location),
            let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(), !host.isEmpty,
            host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "<" && $0 != ">" })
        else { return "the provider's status page" }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return components.port.map { "\(scheme)://\(bracketed):\($0)" } ?? "\(scheme)://\(bracketed)"
    }
}
