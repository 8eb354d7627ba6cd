import Foundation
import Testing

@testable import OutcryStore

/// The one translation of a store function's failures into ``StoreError``.
@Suite(.timeLimit(.minutes(10))) struct StoreErrorCatchingTests {
    struct Unrelated: Error, CustomStringConvertible {
        var description: String { "bad bytes" }
    }

    @Test func aStoreErrorPassesThroughAnythingElseNamesWhatWasRead() throws {
        #expect(try StoreError.catching("x") { 7 } == 7)
        do {
            _ = try StoreError.catching("x") { () throws -> Int in throw StoreError.unknownService("gone") }
            Issue.record("no error")
        } catch {
            #expect(error.description == StoreError.unknownService("gone").description)
        }
        do {
            _ = try StoreError.catching("notification hook") { () throws -> Int in throw Unrelated() }
            Issue.record("no error")
        } catch {
            guard case .invalidStoredValue(let what) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(what == "notification hook: bad bytes")
        }
    }

    @Test func anSQLiteErrorBecomesTheStoresSQLiteCase() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        do {
            _ = try StoreError.catching("query") { () throws -> Int in
                _ = try connection.cachedStatement("SELECT * FROM no_such_table")
                return 0
            }
            Issue.record("no error")
        } catch {
            guard case .sqlite = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }
}
