/// The identifier of a monitored service: `[a-z0-9][a-z0-9-]*`, at most 63 characters (`whatsapp`, `aws-s3`).
package struct ServiceSlug: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    package let rawValue: String

    /// The longest slug accepted.
    package static let maximumLength = 63

    /// Validates `rawValue`; returns nil when it is not a slug. Use ``parse(_:)`` for an error that says why.
    package init?(rawValue: String) {
        guard (try? Self.parse(rawValue)) != nil else { return nil }
        self.rawValue = rawValue
    }

    private init(validated: String) { self.rawValue = validated }

    /// Validates a slug, throwing an error that names what is wrong and what is allowed.
    package static func parse(_ text: String, field: String = "service") throws(ReportValidationError) -> ServiceSlug {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else {
            throw ReportValidationError(field: field, reason: "is empty; expected a service slug like \"whatsapp\"")
        }
        guard bytes.count <= maximumLength else {
            throw ReportValidationError(
                field: field,
                reason: "\(quoted(text)) is longer than \(maximumLength) characters"
            )
        }
        for (offset, byte) in bytes.enumerated() {
            let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let isHyphen = byte == UInt8(ascii: "-")
            if !(isLower || isDigit || (isHyphen && offset > 0)) {
                throw ReportValidationError(
                    field: field,
                    reason: "\(quoted(text)) is not a service slug; use lower-case letters, digits and '-', "
                        + "starting with a letter or digit"
                )
            }
        }
        return ServiceSlug(validated: text)
    }

    package var description: String { rawValue }

    package static func < (lhs: ServiceSlug, rhs: ServiceSlug) -> Bool { lhs.rawValue < rhs.rawValue }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Self.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Quotes a user-supplied value for an error message, shortening very long ones.
///
/// Counts Unicode scalars, not characters: one character may carry any number of combining marks, so a limit
/// in characters would not bound the message.
package func quoted(_ text: String, limit: Int = 40) -> String {
    let scalars = text.unicodeScalars
    guard let cut = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
        cut != scalars.endIndex
    else { return "\"\(text)\"" }
    return "\"\(String(scalars[..<cut]))…\""
}
