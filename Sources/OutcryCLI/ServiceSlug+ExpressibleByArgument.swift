import ArgumentParser
import OutcryModel

/// Service slugs straight from the command line: commands declare `ServiceSlug` arguments and options.
///
/// ArgumentParser's `init?(argument:)` cannot say why a value was refused, so the arguments pass
/// ``argument(_:)`` as their `transform:`: ArgumentParser then names the argument and prints the reason,
/// as in `The value 'Bad!' is invalid for '<slug>': "Bad!" is not a service slug; use lower-case letters,
/// digits and '-', starting with a letter or digit`, and exits with the usage status (64).
extension ServiceSlug: ExpressibleByArgument {
    package init?(argument: String) {
        guard let slug = try? Self.parse(argument) else { return nil }
        self = slug
    }

    /// Parses a command-line slug; the error is what is wrong and what is allowed (ArgumentParser adds which
    /// argument or option held it).
    static func argument(_ text: String) throws -> ServiceSlug {
        do {
            return try parse(text)
        } catch {
            throw ValidationError(error.reason)
        }
    }
}

/// Checks a `--group` value: any name shaped like a slug (groups are not registered, so nothing else is known).
func checkGroupOption(_ group: String) throws {
    guard (try? ServiceSlug.parse(group)) != nil else {
        throw ValidationError("--group \(quoted(group)) must look like a slug: lower-case letters, digits and '-'")
    }
}
