package import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
package import OutcryModel

/// Reads official status sources: Statuspage v2 documents or Atom/RSS feeds over HTTP(S), or saved ones from
/// disk (the format is told by the content).
///
/// It holds no database and is `Sendable`, so the daemon can await reads on the cooperative pool while the
/// SQLite writer thread keeps ingesting; only ``Engine/recordOfficialFetch(service:outcome:settings:)``
/// touches the store. It never throws: every failure (timeout, HTTP error, HTML, bad JSON, a changed
/// shape) comes back as ``OfficialFetchOutcome/failure(_:)`` with a sentence that says what was wrong.
package struct StatusPageFetcher: Sendable {
    /// The longest a whole read of one document may take, from connecting to the last body byte.
    package var timeout: Duration
    /// Documents larger than this are refused (real ones are a few hundred kilobytes at most).
    package var maximumBytes: Int
    /// Which redirects are followed: the configured URL is trusted, a redirect must lead to a public address
    /// over http(s) without downgrading https (see ``RedirectPolicy``).
    package var redirects: RedirectPolicy
    private let client: HTTPClient

    /// A client that never follows redirects itself (``StatusPageFetcher`` follows them, checking each hop),
    /// created once and never shut down, like `HTTPClient.shared`.
    package static let defaultHTTPClient: HTTPClient = {
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: nil, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(10)), proxy: nil, ignoreUncleanSSLShutdown: false,
            decompression: .disabled
        )
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// - Parameters:
    ///   - client: one that does not follow redirects (``defaultHTTPClient``); redirects are followed here.
    ///   - timeout: per document, redirects included; 10 seconds by default.
    ///   - maximumBytes: 5 MB by default.
    ///   - allowsPrivateAddresses: also follow redirects to non-public addresses (tests, intranets).
    package init(
        client: HTTPClient = StatusPageFetcher.defaultHTTPClient, timeout: Duration = .seconds(10),
        maximumBytes: Int = 5 << 20, allowsPrivateAddresses: Bool = false
    ) {
        self.client = client
        self.timeout = timeout
        self.maximumBytes = maximumBytes
        self.redirects = RedirectPolicy(allowsPrivateAddresses: allowsPrivateAddresses)
    }

    /// Reads `source` once.
    package func fetch(_ source: OfficialSource) async -> OfficialFetchOutcome {
        await fetch(location: source.location)
    }

    /// Reads every source once, concurrently; the outcomes come back in the order of `sources`.
    package func fetch(_ sources: [OfficialSource]) async -> [OfficialFetchOutcome] {
        await withTaskGroup(of: (Int, OfficialFetchOutcome).self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask { (index, await fetch(source)) }
            }
            var outcomes = [OfficialFetchOutcome](repeating: .failure(.cancelled), count: sources.count)
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
    }

    /// Reads the documents at `location` (see ``OfficialLocation``) and decodes them into one snapshot.
    package func fetch(location: String) async -> OfficialFetchOutcome {
        let parsed: OfficialLocation
        switch OfficialLocation.parse(location) {
        case .success(let value): parsed = value
        case .failure(let error): return .failure(.invalidLocation(error.description))
        }
        if case .file(let path) = parsed { return readFile(path) }
        let urls = parsed.documentURLs
        let downloads = await withTaskGroup(of: (Int, Result<[UInt8], OfficialFetchError>).self) { group in
            for (index, url) in urls.enumerated() {
                group.addTask { (index, await download(url)) }
            }
            var results = [Result<[UInt8], OfficialFetchError>](repeating: .failure(.cancelled), count: urls.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
        var parts: [OfficialSnapshot] = []
        for (url, download) in zip(urls, downloads) {
            switch download {
            case .failure(let error): return .failure(error)
            case .success(let bytes):
                do {
                    parts.append(try Self.decodeDocument(bytes, name: url))
                } catch {
                    return .failure(.invalidDocument(error))
                }
            }
        }
        return .snapshot(StatuspageDecoder.merge(parts))
    }

    // MARK: - HTTP

    /// Downloads one document within ``timeout``, redirects included.
    ///
    /// The client's own deadline stops waiting for the response head only, so the whole read (body
    /// included) runs under ``withDeadline(_:_:)``.
    private func download(_ url: String) async -> Result<[UInt8], OfficialFetchError> {
        let client = client
        let timeout = timeout
        let limit = maximumBytes
        let redirects = redirects
        do {
            let bytes = try await withDeadline(timeout) {
                try await Self.get(url, client: client, timeout: timeout, limit: limit, redirects: redirects)
            }
            guard let bytes else { return .failure(.timedOut(url: url, seconds: timeout.inSeconds)) }
            return .success(bytes)
        } catch let error as OfficialFetchError {
            return .failure(error)
        } catch {
            return .failure(Self.describe(error, url: url, timeout: timeout))
        }
    }

    /// One GET, following redirects the policy allows (each hop checked again): checks the final status and
    /// content type, then reads at most `limit` bytes of body.
    private static func get(
        _ url: String, client: HTTPClient, timeout: Duration, limit: Int, redirects: RedirectPolicy
    ) async throws -> [UInt8] {
        var current = url
        var hops = 0
        while true {
            let response = try await head(current, client: client, timeout: timeout)
            let status = Int(response.status.code)
            guard RedirectPolicy.isRedirect(status: status) else {
                return try await body(of: response, url: current, limit: limit)
            }
            guard hops < redirects.maximumRedirects else {
                throw OfficialFetchError.redirectRefused(url: url, reason: RedirectRefusal.tooMany(hops).description)
            }
            guard let location = response.headers.first(name: "location"), let from = URL(string: current) else {
                throw OfficialFetchError.httpStatus(url: current, code: status, reason: "redirect without a Location")
            }
            do {
                current = try await redirects.follow(location, from: from, trusted: URL(string: url)).absoluteString
            } catch .cancelled {
                throw CancellationError()
            } catch {
                throw OfficialFetchError.redirectRefused(url: url, reason: error.description)
            }
            hops += 1
        }
    }

    /// Sends the GET and waits for the response head.
    private static func head(_ url: String, client: HTTPClient, timeout: Duration) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "outcry")
        request.headers.add(
            name: "Accept",
            value: "application/json, application/atom+xml;q=0.9, application/rss+xml;q=0.9, application/xml;q=0.8")
        return try await client.execute(request, timeout: .nanoseconds(timeout.wholeNanoseconds))
    }

    /// Checks a final response's status and content type, then reads at most `limit` bytes of its body.
    private static func body(of response: HTTPClientResponse, url: String, limit: Int) async throws -> [UInt8] {
        guard (200..<300).contains(Int(response.status.code)) else {
            throw OfficialFetchError.httpStatus(
                url: url, code: Int(response.status.code), reason: response.status.reasonPhrase)
        }
        if let contentType = response.headers.first(name: "content-type"), contentType.lowercased().contains("html") {
            throw OfficialFetchError.html(url: url, contentType: contentType)
        }
        do {
            let body = try await response.body.collect(upTo: limit)
            return Array(body.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw OfficialFetchError.tooLarge(location: url, limitBytes: limit)
        }
    }

    /// A sentence for an error of the HTTP stack.
    private static func describe(_ error: any Error, url: String, timeout: Duration) -> OfficialFetchError {
        if error is CancellationError { return .cancelled }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout:
                return .timedOut(url: url, seconds: timeout.inSeconds)
            case .cancelled:
                return .cancelled
            default:
                return .network(url: url, reason: "\(client)")
            }
        }
        return .network(url: url, reason: "\(error)")
    }

    // MARK: - Files

    /// Reads a saved document from disk, refusing files over the size limit.
    private func readFile(_ path: String) -> OfficialFetchOutcome {
        var bytes: [UInt8] = []
        do {
            let reader = try FileByteReader(source: .file(path: path))
            if let size = reader.size, size > maximumBytes {
                return .failure(.tooLarge(location: path, limitBytes: maximumBytes))
            }
            let limit = maximumBytes
            try reader.forEachChunk { chunk in
                guard bytes.count + chunk.count <= limit else {
                    throw OfficialFetchError.tooLarge(location: path, limitBytes: limit)
                }
                bytes.append(contentsOf: chunk)
            }
        } catch let error as OfficialFetchError {
            return .failure(error)
        } catch let error as EngineError {
            if case .cannotRead(_, let reason) = error { return .failure(.unreadableFile(path: path, reason: reason)) }
            return .failure(.unreadableFile(path: path, reason: error.description))
        } catch {
            return .failure(.unreadableFile(path: path, reason: "\(error)"))
        }
        do {
            return .snapshot(try Self.decodeDocument(bytes, name: path))
        } catch {
            return .failure(.invalidDocument(error))
        }
    }

    /// Decodes one document by its content: an Atom or RSS feed (``FeedDecoder``) when it starts like one,
    /// else a Statuspage v2 document (``StatuspageDecoder``, which also names an HTML page for what it is), or
    /// an Instatus `summary.json` (``InstatusDecoder``) when it has Instatus's arrays instead of `incidents`.
    package static func decodeDocument(_ bytes: [UInt8], name: String) throws(StatuspageDecodingError)
        -> OfficialSnapshot
    {
        if FeedDecoder.looksLikeFeed(bytes) { return try FeedDecoder.decode(bytes, name: name) }
        do {
            return try StatuspageDecoder.decode(bytes, name: name)
        } catch {
            // An Instatus summary has no `incidents`: read it as what it is.
            guard case .missingField("incidents") = error.problem, InstatusDecoder.looksLikeInstatus(bytes) else {
                throw error
            }
            return try InstatusDecoder.decode(bytes, name: name)
        }
    }
}
