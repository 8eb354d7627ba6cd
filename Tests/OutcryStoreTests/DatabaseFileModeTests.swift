import Foundation
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// The database holds the reporter-hash key next to the hashes: its files are readable by their owner only.
@Suite(.timeLimit(.minutes(10))) struct DatabaseFileModeTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func aNewDatabaseAndItsWALAndSharedMemoryFilesAre0600() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("new.sqlite")
        let database = try OutcryDatabase.file(path)
        try ReportWriter(database: database).write([.fixture()], receivedAt: Instants.outageAfternoon)
        // Before: 0644 under the usual umask, so any local user could read the key and the hashes.
        #expect(try Self.mode(path) == 0o600)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try Self.mode(path + "-wal") == 0o600)
        #expect(try Self.mode(path + "-shm") == 0o600)
        database.close()
    }

    @Test func anExistingWorldReadableDatabaseIsTightenedWhenOpened() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("old.sqlite")
        let first = try OutcryDatabase.file(path)
        try ReportWriter(database: first).write([.fixture()], receivedAt: Instants.outageAfternoon)
        for file in [path, path + "-wal", path + "-shm"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        first.close()
        #expect(try Self.mode(path) == 0o644)
        let reopened = try OutcryDatabase(path: path, now: Instants.outageAfternoon)
        #expect(try reopened.reportTotals().stored == 1, "the data is all still there")
        #expect(try Self.mode(path) == 0o600)
        if FileManager.default.fileExists(atPath: path + "-wal") { #expect(try Self.mode(path + "-wal") == 0o600) }
        if FileManager.default.fileExists(atPath: path + "-shm") { #expect(try Self.mode(path + "-shm") == 0o600) }
        reopened.close()
    }

    @Test func inMemoryDatabasesCreateNoFile() throws {
        #expect(SQLiteConnection.makePrivate(":memory:") == false)
        #expect(!FileManager.default.fileExists(atPath: ":memory:"))
    }
}
