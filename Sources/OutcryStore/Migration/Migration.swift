/// One schema step: the SQL of `Migrations/NNNN_verb_object.sql`, carried inside the binary.
package struct Migration: Sendable, Equatable {
    /// The four-digit number of the file, as an integer.
    package var version: Int
    /// The file name without `.sql`, e.g. `0003_create_report`.
    package var name: String
    package var sql: String

    package init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
