import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Linking services to official status pages: what is accepted, stored and refused.
@Suite(.timeLimit(.minutes(10))) struct OfficialSourcesTests {
    @Test func linksReplacesAndUnlinks() throws {
        let world = try OfficialWorld()
        #expect(
            try world.engine.addOfficialSource(service: world.whatsapp, location: " https://status.whatsapp.example ")
                == .added)
        #expect(
            try world.engine.addOfficialSource(service: world.whatsapp, location: "https://status.whatsapp.example")
                == .unchanged)
        let source = try #require(try world.source())
        #expect(source.location == "https://status.whatsapp.example")
        #expect(source.kind == .statuspage && source.component == nil && source.addedAt == world.clock.now())
        #expect(source.nextAttemptAt == nil && source.isDue(at: world.clock.now()))
        #expect(
            try world.engine.addOfficialSource(
                service: world.whatsapp, location: "https://status.whatsapp.example", component: " Messaging ")
                == .replaced
        )
        #expect(try world.source()?.component == "Messaging")
        try world.engine.removeOfficialSource(service: world.whatsapp)
        #expect(try world.engine.officialSources().isEmpty)
        #expect(throws: EngineError.self) { try world.engine.removeOfficialSource(service: world.whatsapp) }
    }

    @Test func anUnknownServiceIsRefused() throws {
        let world = try OfficialWorld()
        let slack = MonitoredService.fixture("slack").slug
        #expect {
            try world.engine.addOfficialSource(service: slack, location: "https://status.slack.com")
        } throws: { error in
            "\(error)".contains("service \"slack\" is not monitored")
        }
    }

    @Test(arguments: [
        ("", "empty"),
        ("ftp://status.example.com", "is not an http(s) URL"),
        ("file:///tmp/x.json", "is not an http(s) URL"),
        ("https://", "is not a valid URL"),
        ("https://status.example.com/?page=2", "names no .json document"),
        ("/no/such/folder/summary.json", "no such file"),
    ])
    func badLocationsAreRefusedWithWhatIsAllowed(location: String, reason: String) throws {
        let world = try OfficialWorld()
        #expect {
            try world.engine.addOfficialSource(service: world.whatsapp, location: location)
        } throws: { error in
            let text = "\(error)"
            return text.contains(reason)
                && (reason == "no such file" ? true : text.contains("https://status.example.com"))
        }
        #expect(try world.engine.officialSources().isEmpty)
    }

    @Test func aFolderOrAnEmptyComponentIsRefused() throws {
        let world = try OfficialWorld()
        let folder = TemporaryDirectory(prefix: "outcry-official")
        #expect { try world.engine.addOfficialSource(service: world.whatsapp, location: folder.url.path) } throws: {
            "\($0)".contains("it is a folder")
        }
        #expect {
            try world.engine.addOfficialSource(
                service: world.whatsapp, location: "https://status.example.com", component: "  ")
        } throws: { "\($0)".contains("component name is empty") }
    }

    @Test func aFileIsStoredAsAnAbsolutePath() throws {
        let world = try OfficialWorld()
        let folder = TemporaryDirectory(prefix: "outcry-official")
        let path = try folder.write("incidents.json", StatuspageFixtures.incidentsJSON)
        try world.engine.addOfficialSource(service: world.whatsapp, location: path)
        #expect(try world.source()?.location == path)
        // The same file named relative to the working directory (not changed: tests run in parallel).
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + path.dropFirst()
        try world.engine.addOfficialSource(service: world.gmail, location: relative)
        #expect(try world.engine.officialSources().first { $0.service == world.gmail }?.location == path)
    }

    @Test(arguments: [
        (
            "https://status.example.com",
            ["https://status.example.com/api/v2/summary.json", "https://status.example.com/api/v2/incidents.json"]
        ),
        (
            "https://status.example.com/",
            ["https://status.example.com/api/v2/summary.json", "https://status.example.com/api/v2/incidents.json"]
        ),
        (
            "http://127.0.0.1:8080/api/v2/",
            ["http://127.0.0.1:8080/api/v2/summary.json", "http://127.0.0.1:8080/api/v2/incidents.json"]
        ),
        (
            "https://status.example.com/api/v2/incidents.json",
            ["https://status.example.com/api/v2/summary.json", "https://status.example.com/api/v2/incidents.json"]
        ),
        ("HTTPS://status.example.com/feed.JSON?x=1", ["HTTPS://status.example.com/feed.JSON?x=1"]),
    ])
    func locationsNameTheDocumentsToRead(location: String, urls: [String]) throws {
        let parsed = try OfficialLocation.parse(location).get()
        #expect(parsed.documentURLs == urls)
    }
}
