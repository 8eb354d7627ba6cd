import Foundation
import OutcryEngine
import OutcryTestSupport
import Testing

/// The export's temporary file is created with O_EXCL | O_NOFOLLOW: nothing planted at its name is followed.
@Suite(.timeLimit(.minutes(10))) struct FileExportSinkTests {
    static func write(_ text: String, to sink: FileExportSink) throws {
        var bytes = Array(text.utf8)
        try bytes.withUnsafeMutableBufferPointer { try sink.write(UnsafeBufferPointer($0)) }
    }

    @Test func aPlantedSymlinkAtTheTemporaryNameIsNotFollowed() throws {
        let folder = TemporaryDirectory()
        let destination = folder.path("export.csv")
        let victim = try folder.write("victim.txt", "precious\n")
        let planted = destination + ".partial-\(ProcessInfo.processInfo.processIdentifier)-guess"
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        var suffixes = ["guess", "fresh"]
        let sink = try FileExportSink(path: destination, temporarySuffix: { suffixes.removeFirst() })
        try Self.write("id,service\r\n", to: sink)
        try sink.commit()
        #expect(
            try String(contentsOfFile: victim, encoding: .utf8) == "precious\n", "the symlink's target is untouched")
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == "id,service\r\n")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: planted)
        #expect(link == victim, "the planted link is left alone, not replaced")
    }

    @Test func givesUpWithAClearErrorWhenEveryNameIsTaken() throws {
        let folder = TemporaryDirectory()
        let destination = folder.path("export.csv")
        let victim = try folder.write("victim.txt", "precious\n")
        let planted = destination + ".partial-\(ProcessInfo.processInfo.processIdentifier)-same"
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        do {
            _ = try FileExportSink(path: destination, temporarySuffix: { "same" })
            Issue.record("opened a taken temporary name")
        } catch {
            #expect(error.description.contains("already taken"))
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: destination))
    }

    @Test func theExportIsNotWorldWritableAndTheTemporaryFileIsGone() throws {
        let folder = TemporaryDirectory()
        let destination = folder.path("export.md")
        let sink = try FileExportSink(path: destination)
        try Self.write("# Outcry\n", to: sink)
        try sink.commit()
        let attributes = try FileManager.default.attributesOfItem(atPath: destination)
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o022 == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["export.md"])
    }
}
