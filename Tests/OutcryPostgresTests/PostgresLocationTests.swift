import OutcryPostgres
import Testing

/// `--db postgresql://…`: every part parsed, every mistake named, never a crash, never the password shown.
@Suite(.timeLimit(.minutes(10)))
struct PostgresLocationTests {
    @Test func aFullURLIsParsed() throws {
        let location = try PostgresLocation(
            url: "postgresql://outcry:s%40cret@db.example.org:6543/reports?sslmode=require")
        #expect(location.user == "outcry")
        #expect(location.password == "s@cret")
        #expect(location.host == "db.example.org")
        #expect(location.port == 6543)
        #expect(location.database == "reports")
        #expect(location.requiresTLS)
        #expect(location.description == "outcry@db.example.org:6543/reports")
        #expect(!"\(location)".contains("s@cret") && !"\(location)".contains("cret"))
    }

    @Test func defaultsAndIPv6() throws {
        let plain = try PostgresLocation(url: "postgres://me@localhost/db")
        #expect(plain.port == 5432 && plain.password == nil && !plain.requiresTLS)
        let ipv6 = try PostgresLocation(url: "postgresql://me@[::1]:5433/db")
        #expect(ipv6.host == "::1" && ipv6.port == 5433)
        #expect(ipv6.description == "me@[::1]:5433/db")
    }

    @Test(arguments: [
        ("mysql://me@h/db", "scheme"),
        ("postgresql://h/db", "user"),
        ("postgresql://@h/db", "user"),
        ("postgresql://me@/db", "host"),
        ("postgresql://me@h", "database"),
        ("postgresql://me@h/", "database"),
        ("postgresql://me@h/a/b", "database"),
        ("postgresql://me@h:0/db", "port"),
        ("postgresql://me@h:65536/db", "port"),
        ("postgresql://me@h:99999999999999999999/db", "port"),
        ("postgresql://me@h:-1/db", "port"),
        ("postgresql://me@[::1/db", "host"),
        ("postgresql://me@h/db?sslmode=maybe", "sslmode"),
        ("postgresql://me@h/db?timeout=3", "timeout"),
        ("postgresql://me:%zz@h/db", "password"),
        ("postgresql://m%00e@h/db", "user"),
        ("postgresql://me@h o/db", "host"),
    ])
    func mistakesNameThePart(url: String, part: String) {
        #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: url) }
        do {
            _ = try PostgresLocation(url: url)
        } catch {
            #expect(error.part == part, "\(url): \(error)")
        }
    }

    /// Property: any text is parsed or refused, never a crash; a parsed URL's description never holds its password.
    @Test func arbitraryTextNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("postgresql:/@[]%:?&=.-_abcXYZ019 \u{0}é")
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let text = "postgresql://" + String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            if let location = try? PostgresLocation(url: text), let password = location.password, password.count > 3 {
                #expect(!location.description.contains(":\(password)@"))
            }
        }
        #expect(
            PostgresLocation.isPostgresURL("postgres://x@y/z") && !PostgresLocation.isPostgresURL("./outcry.sqlite"))
    }
}
