/// The fields of a report as spelled in JSON keys and CSV header names.
enum ReportField: Int, CaseIterable, Sendable {
    case service, region, problem, at, reporter, comment

    /// The key or column name.
    var name: String {
        switch self {
        case .service: "service"
        case .region: "region"
        case .problem: "problem"
        case .at: "at"
        case .reporter: "reporter"
        case .comment: "comment"
        }
    }

    private var spelling: StaticString {
        switch self {
        case .service: "service"
        case .region: "region"
        case .problem: "problem"
        case .at: "at"
        case .reporter: "reporter"
        case .comment: "comment"
        }
    }

    /// A one-bit mask, for tracking which fields were seen.
    var bit: UInt8 { 1 << UInt8(rawValue) }

    /// The expected CSV header, for error messages.
    static let csvHeaderHint = "service,region,problem,at,reporter[,comment]"

    /// Matches a name spelled exactly (JSON keys are case-sensitive) or, with `ignoringCase`, in any ASCII case.
    init?(name: UnsafeBufferPointer<UInt8>, ignoringCase: Bool = false) {
        // Pick the one candidate by length and first letter, then compare it whole.
        let candidate: ReportField
        switch name.count {
        case 2: candidate = .at
        case 6: candidate = .region
        case 7:
            switch name[0] | 0x20 {
            case UInt8(ascii: "s"): candidate = .service
            case UInt8(ascii: "p"): candidate = .problem
            default: candidate = .comment
            }
        case 8: candidate = .reporter
        default: return nil
        }
        guard candidate.matches(name, ignoringCase: ignoringCase) else { return nil }
        self = candidate
    }

    @inline(__always)
    private func matches(_ name: UnsafeBufferPointer<UInt8>, ignoringCase: Bool) -> Bool {
        let spelling = self.spelling
        guard name.count == spelling.utf8CodeUnitCount else { return false }
        let expected = spelling.utf8Start
        for index in 0..<name.count {
            var byte = name[index]
            if ignoringCase, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte != expected[index] { return false }
        }
        return true
    }
}

extension ReportInput {
    /// Stores a text value in `field`; `at` becomes ``ReportInput/Time/text(_:)``.
    mutating func set(_ field: ReportField, text: String) {
        switch field {
        case .service: service = text
        case .region: region = text
        case .problem: problem = text
        case .at: at = .text(text)
        case .reporter: reporter = text
        case .comment: comment = text
        }
    }
}
