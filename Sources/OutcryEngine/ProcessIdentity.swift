import Foundation

/// Names this process among the daemons that share one store.
enum ProcessIdentity {
    /// `host/pid`, e.g. `web-2/4121`.
    static let current: String = "\(ProcessInfo.processInfo.hostName)/\(ProcessInfo.processInfo.processIdentifier)"
}
