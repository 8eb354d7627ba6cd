import Crypto
import Foundation
import OutcryModel
package import OutcryStore

extension Engine {
    /// Adds a hook after checking it: an http(s) URL for a webhook or a chat notifier (Slack, Teams, Discord,
    /// Google Chat), a non-empty command for exec, a 32-character routing key (and optionally an http(s)
    /// Events API URL) for PagerDuty, valid addresses and an executable sendmail program for email; an
    /// existing service and group; a level that opens incidents. A webhook without `secret` gets a random one
    /// (32 bytes, hex), returned in the hook so the caller can show it once; it is stored in the database.
    /// - Parameters:
    ///   - endpoint: PagerDuty's Events API URL (nil: the public one) or email's sendmail program.
    ///   - mailFrom: email's From address (nil: `outcry@<this host>`, or `outcry@localhost`).
    @discardableResult
    package func addNotificationHook(
        kind: NotificationHookKind, target: String, filter: NotificationFilter = NotificationFilter(),
        secret: String? = nil,
        endpoint: String? = nil, mailFrom: String? = nil
    ) throws(EngineError) -> NotificationHook {
        var trimmed = target.trimmingCharacters(in: .whitespacesAndNewlines)
        var hookSecret: String? = nil
        var hookEndpoint: String? = nil
        var hookFrom: String? = nil
        if kind != .webhook, secret != nil {
            throw .invalidArgument(
                "--secret applies to webhooks only; \(kind.rawValue) hooks are not signed (the URL, key or command is the credential)"
            )
        }
        if kind != .pagerduty, kind != .email, endpoint != nil {
            throw .invalidArgument("an endpoint applies to pagerduty (--events-url) and email (--sendmail) hooks only")
        }
        if kind != .email, mailFrom != nil { throw .invalidArgument("--from applies to email hooks only") }
        switch kind {
        case .webhook:
            try Self.checkWebhookURL(trimmed)
            if let secret {
                guard secret.utf8.count >= Self.minimumSecretLength else {
                    throw .invalidArgument("--secret must be at least \(Self.minimumSecretLength) characters")
                }
                hookSecret = secret
            } else {
                hookSecret = Self.makeHookSecret()
            }
        case .exec:
            guard !trimmed.isEmpty else { throw .invalidArgument("the command is empty") }
        case .slack, .teams, .discord, .googlechat:
            try Self.checkWebhookURL(trimmed)
        case .pagerduty:
            try Self.checkRoutingKey(trimmed)
            if let endpoint {
                try Self.checkWebhookURL(endpoint)
                hookEndpoint = endpoint
            }
        case .email:
            trimmed = try EmailAddress.parseList([trimmed]).map(\.text).joined(separator: ", ")
            hookEndpoint = try Self.checkSendmail(endpoint ?? Self.defaultSendmail)
            hookFrom = try EmailAddress.parse(mailFrom ?? Self.defaultMailFrom()).text
        }
        guard filter.minimumLevel > .normal else {
            throw .invalidArgument("--min-level must be possible or likely (incidents are never normal)")
        }
        let services = try store { try $0.services() }
        if let service = filter.service, !services.contains(where: { $0.slug == service }) {
            throw .store(.unknownService(service.rawValue))
        }
        if let group = filter.group, !services.contains(where: { $0.group == group }) {
            let groups = Set(services.compactMap(\.group)).sorted()
            throw .invalidArgument(
                "no monitored service is in group \(quoted(group)); "
                    + (groups.isEmpty ? "no service has a group yet" : "groups: \(groups.joined(separator: ", "))")
            )
        }
        let hook = NewNotificationHook(
            kind: kind, target: trimmed, filter: filter, secret: hookSecret, endpoint: hookEndpoint, mailFrom: hookFrom
        )
        let now = clock.now()
        return try store { try $0.addNotificationHook(hook, now: now) }
    }

    /// The active hooks, by id.
    package func notificationHooks() throws(EngineError) -> [NotificationHook] {
        try store { try $0.notificationHooks() }
    }

    /// An active hook, or an error naming the id.
    package func notificationHook(id: Int64) throws(EngineError) -> NotificationHook {
        guard let hook = try store({ try $0.notificationHook(id: id) }), hook.removedAt == nil else {
            throw .invalidArgument("there is no notification hook \(id); see outcry notify list")
        }
        return hook
    }

    /// Removes a hook: it gets no new events and its pending deliveries are given up; its log stays.
    package func removeNotificationHook(id: Int64) throws(EngineError) {
        let now = clock.now()
        let removed = try store { database in
            try database.inTransaction { try database.removeNotificationHook(id: id, now: now) }
        }
        guard removed else { throw .invalidArgument("there is no notification hook \(id); see outcry notify list") }
    }

    /// The delivery log, newest first.
    package func notificationLog(limit: Int, hookID: Int64? = nil) throws(EngineError) -> [NotificationAttempt] {
        if let hookID, try store({ try $0.notificationHook(id: hookID) }) == nil {
            throw .invalidArgument("there is no notification hook \(hookID); see outcry notify list")
        }
        return try store { try $0.notificationAttempts(limit: limit, hookID: hookID) }
    }

    /// Pending, delivered and failed deliveries per hook id.
    package func deliveryCounts() throws(EngineError) -> [Int64: [DeliveryState: Int]] {
        var counts: [Int64: [DeliveryState: Int]] = [:]
        for delivery in try store({ try $0.notificationDeliveries() }) {
            counts[delivery.hookID, default: [:]][delivery.state, default: 0] += 1
        }
        return counts
    }

    /// The shortest secret `--secret` accepts.
    package static let minimumSecretLength = 16

    /// 32 random bytes, hex.
    static func makeHookSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }.hexString
    }

    /// The sendmail program an email hook runs unless told otherwise.
    package static let defaultSendmail = "/usr/sbin/sendmail"

    /// A PagerDuty integration (routing) key: 32 letters and digits.
    static func checkRoutingKey(_ key: String) throws(EngineError) {
        guard key.utf8.count == 32,
            key.utf8.allSatisfy({
                (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
            })
        else {
            throw .invalidArgument(
                "\(quoted(key, limit: 60)) is not a PagerDuty routing key: expected the 32 letters and digits of an Events API v2 integration key"
            )
        }
    }

    /// An absolute path to an executable file, or an error saying what to install or pass.
    static func checkSendmail(_ path: String) throws(EngineError) -> String {
        guard path.hasPrefix("/") else {
            throw .invalidArgument(
                "--sendmail \(quoted(path, limit: 200)) must be an absolute path, such as /usr/sbin/sendmail")
        }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw .invalidArgument(
                "\(quoted(path, limit: 200)) is not an executable file; install a sendmail interface (msmtp-mta, postfix, exim) or pass --sendmail PATH"
            )
        }
        return path
    }

    /// `outcry@<host name>` when the host name makes a valid domain, else `outcry@localhost`.
    static func defaultMailFrom() -> String {
        let candidate = "outcry@" + ProcessInfo.processInfo.hostName
        return (try? EmailAddress.parse(candidate)) != nil ? candidate : "outcry@localhost"
    }

    /// Accepts absolute http and https URLs with a host, and nothing else.
    static func checkWebhookURL(_ text: String) throws(EngineError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        else {
            throw .invalidArgument("\(quoted(text, limit: 200)) is not a webhook URL; use an http:// or https:// URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .invalidArgument(
                "\(quoted(text, limit: 200)) has no host; use a URL such as https://example.com/hooks/outcry")
        }
    }
}
