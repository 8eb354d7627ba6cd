// libFuzzer target: a JSON Lines file for `outcry import`, split by LineSplitter, each line decoded by
// ReportJSONDecoder.decodeObject and validated. Run by Scripts/fuzz.sh; seeds in Tests/Fuzz/FuzzJSONLines/.
import FuzzSupport
import OutcryModel

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for (number, line) in LineFeeder.checkedLines(of: bytes) {
        guard case .complete(let content) = line, !LineFeeder.isBlank(content) else { continue }
        do {
            let input = try ReportJSONDecoder.decodeObject(number == 1 ? LineFeeder.withoutByteOrderMark(content) : content)
            FuzzFixtures.validate(input, with: FuzzFixtures.importValidator)
        } catch {
            FuzzFixtures.expectClear(error)
        }
    }
    return 0
}

runLibFuzzer(fuzzJSONLines)
