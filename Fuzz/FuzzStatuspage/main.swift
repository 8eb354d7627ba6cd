// libFuzzer target: a Statuspage v2 document (summary.json or incidents.json) decoded by StatuspageDecoder, then
// read as `outcry official` does (spans, times, links). Run by Scripts/fuzz.sh; seeds in Tests/Fuzz/FuzzStatuspage/.
import FuzzSupport
import OutcryModel

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzStatuspage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let single: OfficialSnapshot?
    do {
        single = try StatuspageDecoder.decode(bytes, name: "summary.json")
    } catch {
        single = nil
        let text = error.description
        fuzzExpect(text.hasPrefix("summary.json: ") && text.count > 20, "an unclear error: \(text)")
        fuzzExpect(!text.contains("DecodingError") && !text.contains("CodingKeys"), "a Swift error leaks: \(text)")
    }
    if let single { read(single) }
    // The same bytes as both documents of one page: merging keeps each incident id once.
    if let merged = try? StatuspageDecoder.decode(summary: bytes, incidents: bytes) {
        read(merged)
        fuzzExpect(merged.incidents.count == single?.incidents.count, "merging the same document twice changes it")
    }
    return 0
}

/// Touches what the rest of Outcry reads from a snapshot.
func read(_ snapshot: OfficialSnapshot) {
    let ids = snapshot.incidents.map(\.id)
    fuzzExpect(Set(ids).count == ids.count, "an incident id twice: \(ids)")
    for incident in snapshot.incidents {
        for time in [incident.spanStart, incident.spanEnd, incident.updatedAt].compactMap({ $0 })
        where FuzzFixtures.isFormattable(time) {
            _ = time.iso8601
        }
        _ = incident.isFinished
        _ = incident.concerns(component: "api")
        _ = incident.url
        _ = incident.createdAt.epochMinute
    }
    _ = snapshot.components?.map(\.name)
    _ = snapshot.page?.url
}

runLibFuzzer(fuzzStatuspage)
