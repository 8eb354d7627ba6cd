import Foundation
import OutcryModel
import Testing

/// Replays the fuzz seed corpora (`Tests/Fuzz/<Target>/`, see Scripts/fuzz.sh) through the decoders on every
/// `swift test`, without libFuzzer: a crash reproducer moved there stays a regression test. Each input must
/// give a value or an error that names a field, never a trap.
@Suite(.timeLimit(.minutes(10))) struct FuzzSeedCorpusTests {
    static let corpusFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// The inputs of one target's seed corpus, by file name.
    static func seeds(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = corpusFolder.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { name in
            (name, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    static let now = Timestamp(seconds: 1_709_651_523)
    static let services = ["whatsapp", "instagram", "github"].map { MonitoredService(slug: ServiceSlug(rawValue: $0)!) }
    static let validator = ReportValidator(services: services, now: now, defaultTime: now, source: .http)

    /// An error names a field and says what is wrong with it.
    static func expectClear(_ error: ReportValidationError, _ seed: String) {
        #expect(!error.field.isEmpty && !error.reason.isEmpty, "\(seed): \(error)")
    }

    /// Validates a decoded report: accepted, or refused with a clear error.
    static func validate(_ input: ReportInput, _ seed: String) {
        do {
            _ = try validator.validate(input)
        } catch {
            expectClear(error, seed)
        }
    }

    /// The lines of a file as `outcry import` splits them, without line endings.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var splitter = LineSplitter()
        var lines: [[UInt8]] = []
        let collect = { (_: Int, line: LineSplitter.Line) in
            if case .complete(let content) = line { lines.append(Array(content)) }
        }
        bytes.withUnsafeBufferPointer { splitter.append($0, collect) }
        splitter.finish(collect)
        return lines.map { $0.starts(with: [0xEF, 0xBB, 0xBF]) ? Array($0.dropFirst(3)) : $0 }
    }

    @Test func reportBodySeeds() throws {
        let seeds = try Self.seeds("FuzzReportBody")
        #expect(!seeds.isEmpty)
        for (name, bytes) in seeds {
            do {
                let decoded = try ReportJSONDecoder.decodeBodyPartially(bytes, maximumCount: 16)
                for (_, error) in decoded.errors { Self.expectClear(error, name) }
                for (_, input) in decoded.inputs { Self.validate(input, name) }
            } catch {
                Self.expectClear(error.validationError, name)
            }
            do {
                _ = try ReportJSONDecoder.decodeBody(bytes, maximumCount: 16)
            } catch {
                Self.expectClear(error.validationError, name)
            }
        }
    }

    @Test func jsonLinesSeeds() throws {
        let seeds = try Self.seeds("FuzzJSONLines")
        #expect(!seeds.isEmpty)
        for (name, bytes) in seeds {
            for line in Self.lines(bytes) where line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                do {
                    Self.validate(try ReportJSONDecoder.decodeObject(line), name)
                } catch {
                    Self.expectClear(error, name)
                }
            }
        }
    }

    @Test func csvImportSeeds() throws {
        let seeds = try Self.seeds("FuzzCSVImport")
        #expect(!seeds.isEmpty)
        for (name, bytes) in seeds {
            var decoder: ReportCSVDecoder?
            for line in Self.lines(bytes) where line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                do {
                    guard let decoder else {
                        decoder = try ReportCSVDecoder(headerLine: line)
                        continue
                    }
                    Self.validate(try decoder.decode(line), name)
                } catch {
                    Self.expectClear(error, name)
                }
            }
        }
    }

    @Test func timestampSeeds() throws {
        let seeds = try Self.seeds("FuzzTimestamp")
        #expect(!seeds.isEmpty)
        for (name, bytes) in seeds {
            let text = String(decoding: bytes, as: UTF8.self)
            let parsed = bytes.withUnsafeBufferPointer { Timestamp.parseISO8601(bytes: $0) }
            #expect(parsed == Timestamp(iso8601: text), "\(name)")
            do {
                _ = try Self.validator.parseTime(.text(text))
            } catch {
                Self.expectClear(error, name)
            }
        }
    }

    @Test func statuspageSeeds() throws {
        let seeds = try Self.seeds("FuzzStatuspage")
        #expect(!seeds.isEmpty)
        for (name, bytes) in seeds {
            do {
                _ = try StatuspageDecoder.decode(bytes, name: name)
            } catch {
                #expect(error.description.hasPrefix("\(name): "), "\(error)")
            }
        }
    }
}
