import Foundation
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// The windows file of `outcry evaluate` is hostile input: it parses or is refused with the place and the rule.
@Suite(.timeLimit(.minutes(10))) struct WindowFileTests {
    static let valid = """
        {
          "whatsapp": [["2024-03-05T15:00:00Z", "2024-03-05T17:00:00Z"],
                       {"region": "DE", "start": "2024-03-03T18:20:00Z", "end": "2024-03-03T19:00:00Z"}],
          "gmail": [],
          "instagram": [{"start": "2024-03-05 15:00:00.000000", "end": "2024-03-05T16:00:00+01:00", "region": "global"}]
        }
        """

    static func parse(_ text: String) throws(WindowFileError) -> [ServiceSlug: [LabelWindow]] {
        try WindowFile.parse(Array(text.utf8), path: "w.json")
    }

    static func refusal(_ text: String) -> WindowFileError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsPairsObjectsRegionsAndEmptyLists() throws {
        let windows = try Self.parse(Self.valid)
        let whatsapp = try #require(windows[try ServiceSlug.parse("whatsapp")])
        #expect(whatsapp.count == 2)
        let expected = LabelWindow(
            service: whatsapp[0].service, start: Instants.outageAfternoon,
            end: Instants.outageAfternoon.adding(minutes: 120)
        )
        #expect(whatsapp[0] == expected)
        #expect(whatsapp[1].region == (try Region.parse("DE")))
        #expect(whatsapp[1].end.secondsSince(whatsapp[1].start) == 40 * 60)
        #expect(windows[try ServiceSlug.parse("gmail")] == [])
        // "global" means the service as a whole; a zone offset is honoured; a space and a fraction are accepted.
        let instagram = try #require(windows[try ServiceSlug.parse("instagram")]?.first)
        #expect(instagram.region == nil)
        #expect(instagram.start == Instants.outageAfternoon)
        #expect(instagram.end == Instants.outageAfternoon)
    }

    @Test(
        arguments: [
            ("", nil, "is empty"),
            ("   \n", nil, "is empty"),
            ("[]", nil, "must be a JSON object mapping service slugs to lists of windows, not an array"),
            ("{\"whatsapp\": ", nil, "is not valid JSON"),
            ("{\"Not A Slug\": []}", "\"Not A Slug\"", "is not a service slug"),
            ("{\"whatsapp\": {}}", "whatsapp", "must be a list of windows"),
            ("{\"whatsapp\": [[\"2024-03-05T15:00:00Z\"]]}", "whatsapp[0]", "has 1 items"),
            ("{\"whatsapp\": [[1, 2]]}", "whatsapp[0][0] (start)", "must be an ISO 8601 time string"),
            (
                "{\"whatsapp\": [[\"2024-03-05T15:00:00Z\", \"2024-02-30T00:00:00Z\"]]}", "whatsapp[0][1] (end)",
                "is not a time"
            ),
            (
                "{\"whatsapp\": [[\"2024-03-05T15:00:00Z\", \"2024-03-05T14:00:00Z\"]]}", "whatsapp[0]",
                "ends (2024-03-05T14:00:00Z) before it starts"
            ),
            ("{\"whatsapp\": [{\"start\": \"2024-03-05T15:00:00Z\"}]}", "whatsapp[0].end", "is missing"),
            ("{\"whatsapp\": [{\"end\": \"2024-03-05T15:00:00Z\"}]}", "whatsapp[0].start", "is missing"),
            (
                "{\"whatsapp\": [{\"start\": \"2024-03-05\", \"end\": \"2024-03-06\", \"zone\": 1}]}", "whatsapp[0]",
                "unknown field \"zone\""
            ),
            (
                "{\"whatsapp\": [{\"start\": \"2024-03-05\", \"end\": \"2024-03-06\", \"region\": \"XX\"}]}",
                "whatsapp[0].region", "XX"
            ),
            (
                "{\"whatsapp\": [{\"start\": \"2024-03-05\", \"end\": \"2024-03-06\", \"region\": 7}]}",
                "whatsapp[0].region", "must be a region code"
            ),
            ("{\"whatsapp\": [\"2024-03-05\"]}", "whatsapp[0]", "not a string"),
            ("{\"whatsapp\": [null]}", "whatsapp[0]", "not null"),
        ] as [(String, String?, String)])
    func refusesWithThePlaceAndTheRule(text: String, location: String?, reason: String) {
        let error = Self.refusal(text)
        #expect(error?.path == "w.json")
        #expect(error?.location == location, "\(error?.description ?? "parsed")")
        #expect(error?.reason.contains(reason) == true, "\(error?.description ?? "parsed")")
        #expect(error?.description.hasPrefix("windows file w.json") == true)
    }

    /// Property: truncations and single-byte changes of a valid file, deep nesting and invalid UTF-8 are parsed
    /// or refused with a ``WindowFileError``, never a crash, and anything parsed keeps start ≤ end.
    @Test func hostileVariationsParseOrAreRefusedNeverCrash() {
        let base = Array(Self.valid.utf8)
        var generator = SplitMix64(seed: 11)
        var inputs: [[UInt8]] = []
        for length in stride(from: 0, through: base.count, by: 7) { inputs.append(Array(base.prefix(length))) }
        let alphabet = Array("{}[],:\"\\ 0123456789-TZ+.ex\u{7F}".utf8) + [0x00, 0xC3, 0xFF, 0xE2, 0x80]
        for _ in 0..<400 {
            var mutated = base
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                let index = Int(generator.next() % UInt64(mutated.count))
                mutated[index] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            inputs.append(mutated)
        }
        inputs.append(Array(repeating: UInt8(ascii: "["), count: 100_000))
        inputs.append(Array("{\"whatsapp\": ".utf8) + Array(repeating: UInt8(ascii: "["), count: 50_000))
        inputs.append([0xFF, 0xFE, 0x7B, 0x7D])
        inputs.append(Array("{\"whatsapp\": [[\"2024-03-05T15:00:00Z\", \"\u{0}\"]]}".utf8))
        inputs.append(Array("{\"whatsapp\": [[\"99999-03-05T15:00:00Z\", \"2024-03-05T15:00:00Z\"]]}".utf8))
        inputs.append(Array("{\"whatsapp\": [[\"-9223372036854775808\", \"9223372036854775807\"]]}".utf8))
        for input in inputs {
            do {
                let windows = try WindowFile.parse(input, path: "w.json")
                #expect(windows.values.joined().allSatisfy { $0.start <= $0.end })
            } catch {
                #expect(error.path == "w.json")
                #expect(!error.reason.isEmpty)
            }
        }
    }

    @Test func aFileOverTheCapIsRefusedBeforeItIsParsed() throws {
        let folder = TemporaryDirectory()
        let path = try folder.write("big.json", bytes: Array(repeating: 0x20, count: WindowFile.maximumBytes + 1))
        #expect(throws: WindowFileError.self) { try WindowFile.read(path: path) }
        do {
            _ = try WindowFile.read(path: path)
        } catch {
            #expect(error.reason.contains("at most \(WindowFile.maximumBytes) bytes"))
        }
        #expect((try? WindowFile.parse(Array(repeating: 0x20, count: WindowFile.maximumBytes + 1), path: "x")) == nil)
    }

    @Test func unreadableFilesSayWhy() throws {
        let folder = TemporaryDirectory()
        for path in [folder.path("missing.json"), folder.url.path] {
            do {
                _ = try WindowFile.read(path: path)
                Issue.record("read \(path)")
            } catch {
                #expect(error.description.hasPrefix("windows file \(path): cannot be read"))
            }
        }
        let good = try folder.write("good.json", Self.valid)
        #expect(try WindowFile.read(path: good).count == 3)
    }
}
