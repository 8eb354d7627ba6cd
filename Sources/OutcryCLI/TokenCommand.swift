import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry token add|list|revoke`: API tokens for `POST /v1/reports` (relays and known clients).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Add, list or revoke API tokens for POST /v1/reports.",
        discussion: """
            Clients send a token as 'Authorization: Bearer TOKEN'. A relay (--relay), an app or partner that \
            collects its own users' reports, may send reporter ids (each counts as a reporter, kept apart from \
            every other token's) and times up to 24 hours old. Any other token is a known client: its reports \
            are treated like anonymous ones (the reporter is its network, the time is when they arrive) but it \
            has its own rate. Only the token's SHA-256 is stored; the token is printed once.
            """,
        subcommands: [Add.self, List.self, Revoke.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token and print it (once).",
            discussion: "Example: outcry token add partner-app --relay --rate 500"
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A name for the token: letters, digits, '-', '_' or '.', e.g. partner-app.") var name: String
        @Flag(help: "The token is a relay: its reporter ids count as distinct reporters.") var relay = false
        @Option(help: "Reports per second the token may send (0: unlimited; default: the daemon's token rate).")
        var rate: Double?

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let made = try engine.addToken(name: name, isRelay: relay, reportsPerSecond: rate)
            let console = Console.current
            console.line(made.text)
            console.errorLine(
                "added \(made.record.isRelay ? "relay" : "client") token \(made.record.name) (\(rateText(made.record))); "
                    + "it is shown only now: store it safely")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their text).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Include revoked tokens.") var all = false

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            Console.current.table(
                try engine.tokens(includingRevoked: all), headers: ["NAME", "KIND", "RATE", "CREATED", "REVOKED"],
                emptyHint: "no tokens yet; add one with: outcry token add NAME [--relay]"
            ) { token in
                [
                    token.name, token.isRelay ? "relay" : "client", rateText(token), token.createdAt.iso8601,
                    token.revokedAt?.iso8601 ?? "-",
                ]
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token: a running daemon refuses it (401) within seconds.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The token's name.") var name: String

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            try engine.revokeToken(name: name)
            Console.current.line("revoked token \(name)")
        }
    }
}

/// `default`, `unlimited` or `N reports/s`.
private func rateText(_ token: APIToken) -> String {
    guard let rate = token.reportsPerSecond else { return "default" }
    if rate == 0 { return "unlimited" }
    return rate == rate.rounded() ? "\(Int(rate)) reports/s" : "\(rate) reports/s"
}
