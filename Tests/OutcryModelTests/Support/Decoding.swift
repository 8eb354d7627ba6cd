import OutcryModel

/// The error a JSON line decodes to, or nil when it decodes.
func jsonLineError(_ line: String) -> ReportValidationError? {
    do {
        _ = try ReportJSONDecoder.decodeObject(line)
        return nil
    } catch {
        return error
    }
}

/// The error a JSON line of raw bytes decodes to, or nil when it decodes.
func jsonLineError(_ bytes: [UInt8]) -> ReportValidationError? {
    do {
        _ = try ReportJSONDecoder.decodeObject(bytes)
        return nil
    } catch {
        return error
    }
}

/// The error a CSV data line decodes to under `header`, or nil when it decodes.
func csvLineError(_ line: String, header: String = "service,region,problem,at,reporter,comment")
    -> ReportValidationError?
{
    do {
        let decoder = try ReportCSVDecoder(headerLine: header)
        _ = try decoder.decode(line)
        return nil
    } catch {
        return error
    }
}

/// The error a CSV header line gives, or nil when it is accepted.
func csvHeaderError(_ header: String) -> ReportValidationError? {
    do {
        _ = try ReportCSVDecoder(headerLine: header)
        return nil
    } catch {
        return error
    }
}

/// The 1-based byte column of the first occurrence of `needle` in `text` (found independently of the decoders).
func column(of needle: String, in text: String) -> Int? {
    let haystack = Array(text.utf8)
    let pattern = Array(needle.utf8)
    guard pattern.count <= haystack.count else { return nil }
    for start in 0...(haystack.count - pattern.count) where Array(haystack[start..<start + pattern.count]) == pattern {
        return start + 1
    }
    return nil
}
