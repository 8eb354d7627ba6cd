// libFuzzer target: the time parsers. The input is read as text by Timestamp.parseISO8601 and
// ReportValidator.parseInstant/parseTime, and its first 8 bytes as a Double (a JSON number `at`) and as an Int64
// (a stored or remote time) to format. Run by Scripts/fuzz.sh; seeds in Tests/Fuzz/FuzzTimestamp/.
import FuzzSupport
import OutcryModel

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTimestamp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)

    let parsed = Timestamp.parseISO8601(bytes: bytes)
    fuzzExpect(parsed == Timestamp(iso8601: text), "bytes and text parse differently")
    if let parsed {
        // The canonical form of a parsed time (years 0000-9999) parses back to the same instant.
        let civil = CivilTime(parsed)
        if (0...9999).contains(civil.year) {
            fuzzExpect(Timestamp(iso8601: parsed.iso8601) == parsed, "\(parsed.iso8601) does not parse back")
        }
    }

    for time in [ReportInput.Time.text(text)] + epochSeconds(bytes) {
        do {
            _ = try ReportValidator.parseInstant(time)
        } catch {
            FuzzFixtures.expectClear(error)
            fuzzExpect(error.field == "at", "a time error names \(error.field)")
        }
        do {
            let at = try FuzzFixtures.httpValidator.parseTime(time)
            fuzzExpect(at >= ReportValidator.earliestAccepted, "accepted \(at)")
        } catch {
            FuzzFixtures.expectClear(error)
        }
    }

    if size >= 8 {
        let raw = UnsafeRawBufferPointer(bytes).loadUnaligned(as: Int64.self)
        let instant = Timestamp(seconds: raw)
        if FuzzFixtures.isFormattable(instant) {
            _ = instant.iso8601
            // The calendar conversion is exact both ways over the whole range it can format.
            fuzzExpect(CivilTime(instant).timestamp == instant, "\(raw) does not survive CivilTime")
        }
        _ = instant.epochMinute
    }
    return 0
}

/// The first 8 bytes as a JSON number of epoch seconds, when there are 8.
func epochSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> [ReportInput.Time] {
    guard bytes.count >= 8 else { return [] }
    let bits = UnsafeRawBufferPointer(bytes).loadUnaligned(as: UInt64.self)
    return [.epochSeconds(Double(bitPattern: bits))]
}

runLibFuzzer(fuzzTimestamp)
