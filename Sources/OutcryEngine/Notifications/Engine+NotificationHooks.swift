import Crypto
import Foundation
import OutcryModel
package import OutcryStore

extension Engine {
    /// Adds a hook after checking it: an http(s) URL for a webhook, a non-empty command for exec, an existing
    /// service and group, a level that opens incidents. A webhook without `secret` gets a random one (32
    /// bytes, hex), returned in the hook so the caller can show it once; it is stored in the database.
    @discardableResult
    package func addNotificationHook(
        kind: NotificationHookKind, target: String, filter: NotificationFilter = NotificationFilter(), secret: String? = nil
    ) throws(EngineError) -> NotificationHook {
        let trimmed = target.trimmingCharacters(in: .whitespacesAndNewlines)
        var hookSecret: String? = nil
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
            guard secret == nil else {
                throw .invalidArgument("--secret applies to webhooks only; exec hooks are local and unsigned")
            }
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
        let hook = NewNotificationHook(kind: kind, target: trimmed, filter: filter, secret: hookSecret)
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
            try database.connection.inTransaction { try database.removeNotificationHook(id: id, now: now) }
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

    /// Accepts absolute http and https URLs with a host, and nothing else.
    static func checkWebhookURL(_ text: String) throws(EngineError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        else {
            throw .invalidArgument("\(quoted(text, limit: 200)) is not a webhook URL; use an http:// or https:// URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .invalidArgument("\(quoted(text, limit: 200)) has no host; use a URL such as https://example.com/hooks/outcry")
        }
    }
}
