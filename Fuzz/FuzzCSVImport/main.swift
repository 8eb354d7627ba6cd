// libFuzzer target: a CSV file for `outcry import`, split by LineSplitter; the first non-blank line is the header
// (ReportCSVDecoder), every later line is decoded and validated. Run by Scripts/fuzz.sh; seeds in
// Tests/Fuzz/FuzzCSVImport/.
import FuzzSupport
import OutcryModel

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCSVImport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var decoder: ReportCSVDecoder?
    for (_, line) in LineFeeder.checkedLines(of: bytes) {
        guard case .complete(let content) = line, !LineFeeder.isBlank(content) else { continue }
        do {
            guard let decoder else {
                let header = try ReportCSVDecoder(headerLine: LineFeeder.withoutByteOrderMark(content))
                fuzzExpect(header.fieldCount >= 2, "a header without service and region was accepted")
                decoder = header
                continue
            }
            let input = try decoder.decode(content)
            FuzzFixtures.validate(input, with: FuzzFixtures.importValidator)
        } catch {
            FuzzFixtures.expectClear(error)
        }
    }
    return 0
}

runLibFuzzer(fuzzCSVImport)
