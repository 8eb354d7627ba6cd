import HTTPTypes
package import Hummingbird
package import NIOCore

/// The request context: Hummingbird's basics plus the connected client's address (for rate limiting and
/// for deriving an anonymous reporter's network; the address itself is never stored or logged).
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

extension ReportIngestor {
    /// The sender of a request to a report route: its `Authorization` header, socket peer and
    /// `X-Forwarded-For` fields go to ``ReportTrust``.
    func sender(of request: Request, context: AppRequestContext) async throws -> ReportSender {
        var forwarded: [String] = []
        if settings.trustsForwardedFor, let name = HTTPField.Name.xForwardedFor {
            forwarded = request.headers[values: name]
        }
        return try await sender(
            authorization: request.headers[.authorization], peer: context.remoteAddress, forwardedFor: forwarded)
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
