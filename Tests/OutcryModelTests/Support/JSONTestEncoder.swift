import OutcryEngine
import OutcryModel
import OutcryTestSupport

/// Writes reports as JSON lines with random but valid spellings, independently of the decoder: keys in any
/// order, optional whitespace, `\u` escapes (with surrogate pairs) for some characters, `null` for absent
/// fields and unknown keys with nested values of every type.
struct JSONTestEncoder {
    var generator: SplitMix64

    mutating func line(for input: ReportInput) -> String {
        var members: [String] = []
        let texts: [(String, String?)] = [
            ("service", input.service), ("region", input.region), ("problem", input.problem),
            ("reporter", input.reporter), ("comment", input.comment),
        ]
        for (key, value) in texts {
            if let value {
                members.append(member(key, string(value)))
            } else if generator.chance(0.3) {
                members.append(member(key, "null"))
            }
        }
        switch input.at {
        case .text(let text)?: members.append(member("at", string(text)))
        case .epochSeconds(let seconds)?: members.append(member("at", number(seconds)))
        case nil: if generator.chance(0.3) { members.append(member("at", "null")) }
        }
        for _ in 0..<generator.int(0...3) {
            members.append(member(generator.pick(["meta", "Service", "x", "", "at2", "servicë"]), value(depth: 0)))
        }
        members.shuffle(using: &generator)
        return space() + "{" + space() + members.joined(separator: space() + "," + space()) + space() + "}" + space()
    }

    private mutating func member(_ key: String, _ value: String) -> String {
        string(key) + space() + ":" + space() + value
    }

    private mutating func space() -> String {
        generator.chance(0.7) ? "" : generator.pick([" ", "\t", "  ", " \r "])
    }

    mutating func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += generator.chance(0.5) ? "\\\\" : "\\u005c"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case "/" where generator.chance(0.5): out += "\\/"
            default:
                if scalar.value < 0x20 || generator.chance(0.1) {
                    out += unicodeEscape(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private mutating func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        func hex(_ unit: UInt32) -> String {
            let digits = String(unit, radix: 16, uppercase: generator.chance(0.5))
            return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        }
        guard scalar.value >= 0x10000 else { return hex(scalar.value) }
        let value = scalar.value - 0x10000
        return hex(0xD800 + (value >> 10)) + hex(0xDC00 + (value & 0x3FF))
    }

    private func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// A random JSON value, for unknown keys.
    private mutating func value(depth: Int) -> String {
        switch generator.int(0...(depth < 3 ? 7 : 4)) {
        case 0: return "null"
        case 1: return generator.pick(["true", "false"])
        case 2: return generator.pick(["0", "-1", "3.25", "1e9", "-0.5E-3", "123456789012345678901234567890"])
        case 3, 4: return string(generator.pick(["", "x", "}", "]", ",", "\"", "é", "😀", "{\"service\":\"evil\"}"]))
        case 5:
            return "[" + (0..<generator.int(0...3)).map { _ in value(depth: depth + 1) }.joined(separator: ",") + "]"
        default:
            let members = (0..<generator.int(0...3)).map { _ in
                string(generator.pick(["service", "a", "region"])) + ":" + value(depth: depth + 1)
            }
            return "{" + members.joined(separator: space() + "," + space()) + "}"
        }
    }
}

/// Random report fields: plain ASCII mostly, with quotes, backslashes, controls, accents and emoji.
struct RandomReportInputs {
    var generator: SplitMix64

    mutating func text() -> String {
        let pieces = [
            "whatsapp", "US", "login", "device-123", "a", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "é",
            "€", "😀", "👍🏽", "中文", "\u{7F}", "\u{FEFF}", "",
        ]
        return (0..<generator.int(0...6)).map { _ in generator.pick(pieces) }.joined()
    }

    mutating func input() -> ReportInput {
        var input = ReportInput()
        input.service = generator.chance(0.8) ? text() : nil
        input.region = generator.chance(0.8) ? text() : nil
        input.problem = generator.chance(0.8) ? text() : nil
        input.reporter = generator.chance(0.8) ? text() : nil
        input.comment = generator.chance(0.8) ? text() : nil
        switch generator.int(0...3) {
        case 0: input.at = nil
        case 1: input.at = .epochSeconds(Double(generator.int(-2_000_000_000...2_000_000_000)))
        case 2: input.at = .epochSeconds(Double(generator.int(0...1_000_000)) / 8)
        default: input.at = .text(text())
        }
        return input
    }
}
