import HTTPTypes
package import Hummingbird
package import NIOCore

/// The request context: Hummingbird's basics plus the connected client's address (for rate limiting and
/// for deriving an anonymous reporter id; the address itself is never stored or logged).
package struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let remoteAddress: SocketAddress?

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are read by the handlers themselves, with ``ServerSettings/maximumBodyBytes``.
    package var maxUploadSize: Int { 64 * 1024 * 1024 }
}

extension AppRequestContext {
    /// The client's address as text: the socket peer, or the first `X-Forwarded-For` entry when trusted.
    /// Nil when neither is known (router tests without the header).
    func clientAddress(of request: Request, trustsForwardedFor: Bool) -> String? {
        if trustsForwardedFor, let name = HTTPField.Name.xForwardedFor, let forwarded = request.headers[name] {
            let first = forwarded.split(separator: ",").first.map { String($0).trimmingSpaces() } ?? ""
            if !first.isEmpty { return first }
        }
        guard let remoteAddress else { return nil }
        return remoteAddress.ipAddress ?? remoteAddress.pathname ?? nil
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
