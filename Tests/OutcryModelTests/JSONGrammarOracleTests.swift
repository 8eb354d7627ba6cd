import Foundation
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// Compares the decoder's idea of valid JSON with Foundation's `JSONSerialization` on randomly damaged lines.
@Suite(.timeLimit(.minutes(10))) struct JSONGrammarOracleTests {
    /// Whether Foundation reads `line` as one JSON value.
    static func foundationAccepts(_ line: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])) != nil
    }

    /// Where Foundation departs from RFC 8259: it accepts a trailing comma before `}` or `]`, and refuses
    /// numbers whose exponent overflows a Double. Lines showing either are left out of the comparison.
    static func hitsAFoundationQuirk(_ line: [UInt8]) -> Bool {
        let text = String(decoding: line, as: UTF8.self).filter { !" \t\r\n".contains($0) }
        if text.contains(",}") || text.contains(",]") { return true }
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            let digits = bytes[(index + 1)...].drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
                .prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            if digits.count >= 3 { return true }
        }
        return false
    }

    @Test func agreesWithFoundationOnDamagedLines() {
        var inputs = RandomReportInputs(generator: SplitMix64(seed: 31))
        var encoder = JSONTestEncoder(generator: SplitMix64(seed: 32))
        var generator = SplitMix64(seed: 33)
        let alphabet = Array(#"{}[]":,\ 0-9.eE+-tfnu"#.utf8)
        var disagreements: [String] = []
        var brokenCount = 0
        for _ in 0..<4000 {
            var line = Array(encoder.line(for: inputs.input()).utf8)
            for _ in 0..<generator.int(1...2) {
                let index = generator.int(0...(line.count - 1))
                switch generator.int(0...2) {
                case 0: line.remove(at: index)
                case 1: line.insert(generator.pick(alphabet), at: index)
                default: line[index] = generator.pick(alphabet)
                }
            }
            // Damage may split a multi-byte character: leave UTF-8 checking to its own tests.
            guard Array(String(decoding: line, as: UTF8.self).utf8) == line, !Self.hitsAFoundationQuirk(line) else {
                continue
            }
            let reason = jsonLineError(line)?.reason ?? ""
            let decoderSaysBroken = reason.hasPrefix("is not valid JSON")
            if decoderSaysBroken { brokenCount += 1 }
            if decoderSaysBroken == Self.foundationAccepts(line) {
                let verdict = decoderSaysBroken ? "decoder refuses" : "decoder accepts"
                disagreements.append("\(verdict): \(String(decoding: line, as: UTF8.self).debugDescription) \(reason)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).joined(separator: "\n"))")
        #expect(brokenCount > 1000)
    }
}
