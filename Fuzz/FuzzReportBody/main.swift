// libFuzzer target: the body of `POST /v1/reports` (one report object or an array of them), decoded strictly and
// partially as the ingestor does, then validated. Run by Scripts/fuzz.sh; seeds in Tests/Fuzz/FuzzReportBody/.
import FuzzSupport
import OutcryModel

/// Few enough that the fuzzer reaches "too many reports" with small inputs.
let maximumCount = 16

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzReportBody(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var strict: [ReportInput]?
    do {
        strict = try ReportJSONDecoder.decodeBody(bytes, maximumCount: maximumCount)
    } catch {
        FuzzFixtures.expectClear(error.validationError)
        if let index = error.index { fuzzExpect(index >= 0 && index < maximumCount, "index \(index) out of range") }
    }
    do {
        let partial = try ReportJSONDecoder.decodeBodyPartially(bytes, maximumCount: maximumCount)
        let indexes = partial.inputs.map(\.index) + partial.errors.map(\.index)
        fuzzExpect(Set(indexes).count == indexes.count, "an index given twice: \(indexes)")
        fuzzExpect(indexes.allSatisfy { $0 >= 0 && $0 < maximumCount }, "an index out of range: \(indexes)")
        fuzzExpect(partial.inputs.map(\.index) == partial.inputs.map(\.index).sorted(), "inputs out of order")
        for (_, error) in partial.errors { FuzzFixtures.expectClear(error) }
        for (_, input) in partial.inputs { FuzzFixtures.validate(input, with: FuzzFixtures.httpValidator) }
        // The strict decoder accepts exactly the bodies in which no report is at fault, with the same reports.
        if let strict {
            fuzzExpect(partial.errors.isEmpty, "strict accepted a body the partial decoder faults")
            fuzzExpect(strict == partial.inputs.map(\.input), "strict and partial decoders disagree")
        } else {
            fuzzExpect(!partial.errors.isEmpty, "strict refused a body the partial decoder accepts whole")
        }
    } catch {
        FuzzFixtures.expectClear(error.validationError)
        fuzzExpect(strict == nil, "partial refused a body the strict decoder accepts")
    }
    return 0
}

runLibFuzzer(fuzzReportBody)
