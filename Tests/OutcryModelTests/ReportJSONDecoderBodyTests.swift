import OutcryModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct ReportJSONDecoderBodyTests {
    static let whatsapp = #"{"service":"whatsapp","region":"US"}"#
    static let github = #"{"service":"github","region":"DE","at":1709651523}"#

    func bodyError(_ body: String, maximumCount: Int = 100) -> ReportBodyDecodingError? {
        do {
            _ = try ReportJSONDecoder.decodeBody(Array(body.utf8), maximumCount: maximumCount)
            return nil
        } catch {
            return error
        }
    }

    @Test func decodesOneObjectOrAnArrayOfThem() throws {
        let one = try ReportJSONDecoder.decodeBody(Array(Self.whatsapp.utf8), maximumCount: 10)
        #expect(one == [ReportInput(service: "whatsapp", region: "US")])
        let body = "[\n  \(Self.whatsapp),\n  \(Self.github)\n]\n"
        let many = try ReportJSONDecoder.decodeBody(Array(body.utf8), maximumCount: 10)
        #expect(many.map(\.service) == ["whatsapp", "github"])
        #expect(many[1].at == .epochSeconds(1_709_651_523))
        #expect(try ReportJSONDecoder.decodeBody(Array(" [ ] ".utf8), maximumCount: 10).isEmpty)
    }

    @Test func refusesMoreReportsThanTheMaximum() throws {
        let body = "[" + Array(repeating: Self.whatsapp, count: 4).joined(separator: ",") + "]"
        #expect(try ReportJSONDecoder.decodeBody(Array(body.utf8), maximumCount: 4).count == 4)
        let error = bodyError(body, maximumCount: 3)
        #expect(error == .tooManyReports(maximum: 3))
        #expect(error?.field == "body")
        #expect(error?.reason == "holds more than 3 reports; send at most 3 at once")
    }

    @Test func namesTheReportAtFault() {
        let body = "[\(Self.whatsapp),{\"service\":\"github\",\"region\":7},\(Self.github)]"
        let error = bodyError(body)
        #expect(
            error
                == .invalid(index: 1, ReportValidationError(field: "region", reason: "must be a string, not a number")))
        #expect(error?.description == "reports[1]: region must be a string, not a number")
        // A single-object body has no index.
        #expect(
            bodyError(#"{"region":7}"#)
                == .invalid(
                    index: nil, ReportValidationError(field: "region", reason: "must be a string, not a number")))
    }

    @Test func collectsFaultsPerReportInPartialMode() throws {
        let body =
            "[\(Self.whatsapp), 42, {\"region\":[1]}, \(Self.github), {\"service\":\"a\",\"service\":\"b\"}, null]"
        let result = try ReportJSONDecoder.decodeBodyPartially(Array(body.utf8), maximumCount: 10)
        #expect(result.inputs.map(\.index) == [0, 3])
        #expect(result.inputs.map(\.input.service) == ["whatsapp", "github"])
        #expect(result.errors.map(\.index) == [1, 2, 4, 5])
        #expect(
            result.errors[0].error == ReportValidationError(field: "report", reason: "is a JSON number, not an object"))
        #expect(result.errors[1].error.field == "region")
        #expect(result.errors[2].error == ReportValidationError(field: "service", reason: "is given twice"))
        #expect(result.errors[3].error.reason == "is null, not an object")
    }

    @Test func throwsOnABrokenBodyEvenInPartialMode() {
        let body = "[\n\(Self.whatsapp),\n{\"service\":\"github\" \"region\":\"DE\"}\n]"
        #expect(throws: ReportBodyDecodingError.self) {
            try ReportJSONDecoder.decodeBodyPartially(Array(body.utf8), maximumCount: 10)
        }
        let error = bodyError(body)
        #expect(error?.index == 1)
        #expect(error?.field == "body")
        #expect(error?.reason == "is not valid JSON: expected ',' or '}' at line 3, column 21")
    }

    @Test(arguments: [
        ("", "is empty"), ("   \n", "is empty"), (#""reports""#, "is a JSON string"), ("7", "is a JSON number"),
        ("null", "is null"),
    ])
    func refusesBodiesThatHoldNoReports(_ body: String, _ start: String) {
        let error = bodyError(body)
        #expect(error?.index == nil)
        #expect(error?.field == "body")
        #expect(error?.reason.hasPrefix(start + "; expected a report object") == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("[", "is not valid JSON: expected a value at column 2 (end of body)"),
        (#"[{"service":"x"}"#, "is not valid JSON: expected ',' or ']' at column 17 (end of body)"),
        (#"[{"service":"x"},]"#, "is not valid JSON: expected a value at column 18"),
        (#"[{"service":"x"}] []"#, "is not valid JSON: expected the end of the body after the value at column 19"),
        (
            "{\n\"service\":\"x\",\n\"region\":\"US\"\n",
            "is not valid JSON: expected ',' or '}' at line 4, column 1 (end of body)"
        ),
    ])
    func refusesMalformedBodies(_ body: String, _ reason: String) {
        #expect(bodyError(body)?.validationError == ReportValidationError(field: "body", reason: reason))
    }

    @Test func refusesBodiesThatAreNotUTF8() {
        let bytes = Array("[\(Self.whatsapp),\n{\"comment\":\"".utf8) + [0xE9] + Array("\"}]".utf8)
        let error: ReportBodyDecodingError?
        do {
            _ = try ReportJSONDecoder.decodeBody(bytes, maximumCount: 10)
            error = nil
        } catch let caught {
            error = caught
        }
        #expect(
            error
                == .invalid(
                    index: nil,
                    ReportValidationError(field: "body", reason: "is not valid UTF-8 (byte 0xE9 at line 2, column 13)"))
        )
    }

    @Test func reportsLoneSurrogatesPerReport() throws {
        let body = #"[{"comment":"\ud800"},{"service":"x"}]"#
        let result = try ReportJSONDecoder.decodeBodyPartially(Array(body.utf8), maximumCount: 10)
        #expect(result.inputs.map(\.index) == [1])
        #expect(result.errors.first?.error.field == "body")
        #expect(result.errors.first?.error.reason.contains("lone surrogate") == true)
    }
}
