import OutcryModel
import Testing

/// Atom and RSS status feeds read into official incidents, and what hostile feeds get.
@Suite(.timeLimit(.minutes(10))) struct FeedDecoderTests {
    static let atom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">
          <id>tag:status.example.com,2005:/history</id>
          <link rel="alternate" type="text/html" href="https://status.example.com"/>
          <title>Example Status - Incident History</title>
          <updated>2024-03-05T17:10:00Z</updated>
          <entry>
            <id>tag:status.example.com,2005:Incident/20001</id>
            <published>2024-03-05T15:27:00Z</published>
            <updated>2024-03-05T17:10:00Z</updated>
            <link rel="alternate" type="text/html" href="https://status.example.com/incidents/abc123"/>
            <title>Login failures &amp; timeouts</title>
            <content type="html">&lt;p&gt;&lt;small&gt;Mar &lt;var&gt;5&lt;/var&gt;, 17:10 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Resolved&lt;/strong&gt; - This incident has been resolved.&lt;/p&gt;&lt;p&gt;&lt;strong&gt;Investigating&lt;/strong&gt; - We are looking into login failures.&lt;/p&gt;</content>
          </entry>
          <entry>
            <id>tag:status.example.com,2005:Incident/20002</id>
            <published>2024-03-05T18:00:00+01:00</published>
            <updated>2024-03-05T17:30:00Z</updated>
            <link href="https://status.example.com/incidents/def456"/>
            <title type="text">Delayed messages</title>
            <content type="html"><![CDATA[<p><strong>Monitoring</strong> - A fix is in place.</p>]]></content>
          </entry>
        </feed>
        """

    static let rss = """
        <?xml version="1.0"?>
        <rss version="2.0"><channel>
          <title>Example status</title><link>https://status.example.org</link>
          <item>
            <title>[Resolved] API errors</title>
            <link>https://status.example.org/incident/1</link>
            <guid isPermaLink="false">incident-1</guid>
            <pubDate>Tue, 05 Mar 2024 15:20:00 GMT</pubDate>
            <description>Errors on the API. We are investigating.</description>
          </item>
          <item>
            <title>Degraded search</title>
            <link>https://status.example.org/incident/2</link>
            <pubDate>5 Mar 2024 16:00 -0500</pubDate>
            <description>&lt;b&gt;Identified&lt;/b&gt; - the cause is known</description>
          </item>
        </channel></rss>
        """

    static func decode(_ text: String) throws(StatuspageDecodingError) -> OfficialSnapshot {
        try FeedDecoder.decode(Array(text.utf8), name: "feed")
    }

    @Test func atomEntriesBecomeIncidentsWithTheirStatusInferred() throws {
        let snapshot = try Self.decode(Self.atom)
        #expect(snapshot.problems.isEmpty)
        #expect(snapshot.page?.name == "Example Status - Incident History")
        #expect(snapshot.maintenances == nil && snapshot.components == nil)
        let byID = Dictionary(uniqueKeysWithValues: snapshot.incidents.map { ($0.id, $0) })
        let resolved = try #require(byID["tag:status.example.com,2005:Incident/20001"])
        #expect(resolved.name == "Login failures & timeouts")
        #expect(resolved.createdAt == Timestamp(iso8601: "2024-03-05T15:27:00Z"))
        #expect(resolved.status == "resolved" && resolved.isFinished)
        #expect(resolved.resolvedAt == Timestamp(iso8601: "2024-03-05T17:10:00Z"))
        #expect(resolved.url == "https://status.example.com/incidents/abc123")
        #expect(resolved.latestBody?.hasPrefix("Mar 5 , 17:10 UTC Resolved - This incident has been resolved.") == true)
        let open = try #require(byID["tag:status.example.com,2005:Incident/20002"])
        #expect(open.status == "monitoring" && !open.isFinished && open.resolvedAt == nil)
        #expect(open.createdAt == Timestamp(iso8601: "2024-03-05T17:00:00Z"))
        // Newest first.
        #expect(snapshot.incidents.map(\.createdAt) == snapshot.incidents.map(\.createdAt).sorted(by: >))
    }

    @Test func rssItemsBecomeIncidents() throws {
        let snapshot = try Self.decode(Self.rss)
        #expect(snapshot.problems.isEmpty)
        #expect(snapshot.page?.name == "Example status" && snapshot.page?.url == "https://status.example.org")
        let first = try #require(snapshot.incidents.first { $0.id == "incident-1" })
        #expect(first.status == "resolved" && first.createdAt == Timestamp(iso8601: "2024-03-05T15:20:00Z"))
        // No guid: the link is the id. The zone -0500 is honoured.
        let second = try #require(snapshot.incidents.first { $0.id == "https://status.example.org/incident/2" })
        #expect(second.createdAt == Timestamp(iso8601: "2024-03-05T21:00:00Z"))
        #expect(second.status == "identified" && second.resolvedAt == nil)
    }

    @Test func looksLikeFeedTellsFeedsFromJSONAndHTML() {
        #expect(FeedDecoder.looksLikeFeed(Array(Self.atom.utf8)))
        #expect(FeedDecoder.looksLikeFeed(Array(("\u{FEFF}  " + Self.rss).utf8)))
        #expect(!FeedDecoder.looksLikeFeed(Array(#"{"incidents": []}"#.utf8)))
        #expect(!FeedDecoder.looksLikeFeed(Array("<!DOCTYPE html><html><body>down</body></html>".utf8)))
        #expect(!FeedDecoder.looksLikeFeed([]))
    }

    /// Hostile or broken feeds: each is a clear error (or a skipped entry), never a crash.
    static let hostile: [(String, String, String)] = [
        ("truncated", "<feed><entry><title>x</title>", "the document ends inside <entry>"),
        ("mismatched", "<feed><entry></feed>", "end tag </feed>"),
        ("html", "<?xml version=\"1.0\"?><html><body>oops</body></html>", "the top element is <html>"),
        ("unterminated comment", "<feed><!-- never closed", "unterminated comment"),
        ("unquoted attribute", "<feed><link href=x/></feed>", "is not quoted"),
        ("deep", "<feed>" + String(repeating: "<a>", count: 100), "nested deeper than 64"),
        ("two roots", "<feed></feed><feed></feed>", "a second top-level element"),
        ("empty", "   ", "no element found"),
    ]

    @Test(arguments: 0..<hostile.count)
    func aBrokenFeedIsAClearError(index: Int) {
        let (name, text, expected) = Self.hostile[index]
        do throws(StatuspageDecodingError) {
            _ = try Self.decode(text)
            Issue.record("\(name) decoded")
        } catch {
            #expect(error.description.contains(expected), "\(name): \(error.description)")
            #expect(error.description.hasPrefix("feed: "))
        }
    }

    @Test func invalidBytesAreNamed() {
        #expect(throws: StatuspageDecodingError.self) {
            try FeedDecoder.decode([0x3C, 0x66, 0xFF, 0xFE], name: "feed")
        }
    }

    @Test func entityDeclarationsAreNeverExpanded() throws {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <feed><entry><id>1</id><title>&c;&c;&c;</title><updated>2024-03-05T15:00:00Z</updated></entry></feed>
            """
        let snapshot = try Self.decode(bomb)
        #expect(snapshot.incidents.first?.name == "&c;&c;&c;")
    }

    @Test func badEntriesAreSkippedAndNamedWhileTheRestIsKept() throws {
        let feed = """
            <feed>
              <entry><id>ok</id><title>Fine</title><updated>2024-03-05T15:00:00Z</updated></entry>
              <entry><id>no-title</id><updated>2024-03-05T15:00:00Z</updated></entry>
              <entry><id>no-time</id><title>When?</title></entry>
              <entry><id>bad-time</id><title>Bad</title><published>yesterday-ish</published></entry>
              <entry><id>far</id><title>Far</title><published>2150-01-01T00:00:00Z</published></entry>
              <entry><id>old</id><title>Old</title><pubDate>Mon, 01 Jan 1900 00:00:00 GMT</pubDate></entry>
              <entry><title>No id</title><updated>2024-03-05T15:00:00Z</updated></entry>
            </feed>
            """
        let snapshot = try Self.decode(feed)
        #expect(snapshot.incidents.map(\.id) == ["ok"])
        #expect(snapshot.problemCount == 6)
        let texts = snapshot.problems.map(\.description)
        #expect(texts.contains("feed: missing field entry[1].title"))
        #expect(texts.contains("feed: missing field entry[2].published"))
        #expect(texts.contains { $0.contains("entry[3].published") && $0.contains("is not a time") })
        #expect(texts.contains { $0.contains("entry[4].published is out of range") })
        #expect(texts.contains { $0.contains("entry[5].pubDate is out of range") })
        #expect(texts.contains("feed: missing field entry[6].id"))
    }

    @Test func hugeTextsAreCutAndEntriesCapped() throws {
        var feed = "<feed>"
        let longTitle = String(repeating: "é", count: 5000)
        for index in 0..<(FeedDecoder.maximumEntries + 20) {
            feed += "<entry><id>e\(index)</id><title>\(longTitle)</title><updated>2024-03-05T15:00:00Z</updated>"
            feed += "<content>" + String(repeating: "word ", count: 3000) + "</content></entry>"
        }
        feed += "</feed>"
        let snapshot = try Self.decode(feed)
        #expect(snapshot.incidents.count == FeedDecoder.maximumEntries)
        #expect(snapshot.incidents.allSatisfy { $0.name.utf8.count <= FeedDecoder.maximumTitleBytes })
        #expect(snapshot.incidents.allSatisfy { ($0.latestBody?.utf8.count ?? 0) <= FeedDecoder.maximumBodyBytes })
        #expect(snapshot.problems.contains { $0.description.contains("20 entries after the first 500 were not read") })
    }

    @Test func arbitraryBytesNeverCrashTheDecoder() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("<>/=\"'&;#x![]CDATA-?feedentrytitleidupdated 2024-03-05T15:00:00Z\n".utf8)
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<200, using: &generator)
            var bytes = [UInt8]("<feed><entry>".utf8)
            for _ in 0..<count { bytes.append(alphabet.randomElement(using: &generator) ?? 0x3C) }
            _ = try? FeedDecoder.decode(bytes, name: "fuzz")
        }
    }
}

/// The times feeds state.
@Suite(.timeLimit(.minutes(10))) struct FeedTimeTests {
    @Test(arguments: [
        ("2024-03-05T15:58:12Z", "2024-03-05T15:58:12Z"),
        ("2024-03-05T16:58:12+01:00", "2024-03-05T15:58:12Z"),
        ("Tue, 05 Mar 2024 15:58:12 GMT", "2024-03-05T15:58:12Z"),
        ("Tue, 5 Mar 2024 15:58:12 +0000", "2024-03-05T15:58:12Z"),
        ("05 Mar 2024 10:58 EST", "2024-03-05T15:58:00Z"),
        ("Tue, 05 Mar 24 07:58:12 PST", "2024-03-05T15:58:12Z"),
        ("Thu, 29 Feb 2024 00:00:00 UT", "2024-02-29T00:00:00Z"),
        ("Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated Universal Time)", "2022-06-11T18:55:50Z"),
        ("Sat Jun 11 2022 20:55:50 GMT+0200 (Central European Summer Time)", "2022-06-11T18:55:50Z"),
    ])
    func parsesAtomAndRSSTimes(text: String, expected: String) {
        #expect(FeedTime.parse(text) == Timestamp(iso8601: expected))
    }

    @Test(arguments: [
        "", "yesterday", "Tue, 31 Feb 2024 00:00:00 GMT", "Tue, 05 Foo 2024 15:58:12 GMT", "05 Mar 2024 25:00 GMT",
        "05 Mar 2024 15:58:12 +9999", "05 Mar 99999999999999999999 15:58 GMT", "Tue, 05 Mar 2024 15:58:12 XYZ",
        String(repeating: "9", count: 500),
    ])
    func refusesWhatIsNotATime(text: String) {
        #expect(FeedTime.parse(text) == nil)
    }
}

/// The pure parts of quiet windows: minutes, checks and bounded reasons.
@Suite(.timeLimit(.minutes(10))) struct QuietWindowModelTests {
    static let slug = ServiceSlug(rawValue: "chat")!

    @Test func minutesAreCoveredByTheirFirstSecond() {
        let window = QuietWindow(
            service: Self.slug, startsAt: Timestamp(seconds: 60 * 100 + 30), endsAt: Timestamp(seconds: 60 * 110),
            reason: "", createdAt: Timestamp(seconds: 0))
        #expect(!window.covers(minute: 100))
        #expect(window.covers(minute: 101) && window.covers(minute: 109))
        #expect(!window.covers(minute: 110))
        #expect(window.overlaps(fromMinute: 109, toMinute: 200) && !window.overlaps(fromMinute: 110, toMinute: 200))
        #expect(!window.overlaps(fromMinute: 0, toMinute: 101))
        #expect(window.expectationText == "quiet window 0")
    }

    @Test func checksSayWhatIsWrong() throws {
        let start = try #require(Timestamp(iso8601: "2024-03-05T15:00:00Z"))
        let end = try #require(Timestamp(iso8601: "2024-03-05T18:00:00Z"))
        #expect(QuietWindow.problem(from: start, to: end, reason: "planned test") == nil)
        #expect(QuietWindow.problem(from: end, to: start, reason: "")?.contains("must be before --to") == true)
        #expect(QuietWindow.problem(from: start, to: start, reason: "")?.contains("must be before --to") == true)
        let far = Timestamp(seconds: 5_000_000_000)
        #expect(QuietWindow.problem(from: start, to: far, reason: "")?.hasPrefix("--to ") == true)
        #expect(
            QuietWindow.problem(from: Timestamp(seconds: .min), to: end, reason: "")?.contains("out of range") == true)
        let long = String(repeating: "x", count: QuietWindow.maximumReasonBytes + 1)
        #expect(QuietWindow.problem(from: start, to: end, reason: long)?.contains("at most 200 bytes") == true)
        #expect(QuietWindow.problem(from: start, to: end, reason: "a\nb")?.contains("control character") == true)
    }

    @Test(arguments: [0, 1, 5, 199, 200, 201, 1000, 100_000])
    func boundedReasonsFitWhateverTheInput(length: Int) {
        let text = String(repeating: "ü\u{7}", count: length)
        let bounded = QuietWindow.boundedReason(text)
        #expect(bounded.utf8.count <= QuietWindow.maximumReasonBytes)
        #expect(!bounded.unicodeScalars.contains { $0.value == 7 })
        #expect(QuietWindow.boundedReason(text, limit: 0).utf8.count <= 3)
    }

    @Test func sourcesRoundTrip() {
        for source in [QuietWindowSource.operator, .official("abc"), .official("a:b")] {
            #expect(QuietWindowSource(rawValue: source.rawValue) == source)
        }
        #expect(QuietWindowSource(rawValue: "official:") == nil && QuietWindowSource(rawValue: "op") == nil)
    }
}
