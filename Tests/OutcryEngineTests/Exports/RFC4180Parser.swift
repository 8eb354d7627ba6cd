/// A tiny RFC 4180 reader for the tests: records end with CRLF, quoted fields may hold commas, quotes
/// (doubled) and line breaks. Written independently of the exporter's encoder.
enum RFC4180Parser {
    enum Failure: Error, Equatable {
        case bareLineFeed(offset: Int)
        case quoteInUnquotedField(offset: Int)
        case unterminatedQuote
        case textAfterClosingQuote(offset: Int)
    }

    static func parse(_ text: String) throws -> [[String]] {
        let bytes = Array(text.utf8)
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var index = 0
        var quoted = false
        var fieldStarted = false
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll()
            fieldStarted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    quoted = false
                    index += 1
                    if index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != 13 {
                        throw Failure.textAfterClosingQuote(offset: index)
                    }
                    continue
                }
                field.append(byte)
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard !fieldStarted, field.isEmpty else { throw Failure.quoteInUnquotedField(offset: index) }
                quoted = true
                fieldStarted = true
                index += 1
            case UInt8(ascii: ","):
                endField()
                index += 1
            case 13:
                guard index + 1 < bytes.count, bytes[index + 1] == 10 else { throw Failure.bareLineFeed(offset: index) }
                endField()
                records.append(record)
                record = []
                index += 2
            case 10:
                throw Failure.bareLineFeed(offset: index)
            default:
                field.append(byte)
                fieldStarted = true
                index += 1
            }
        }
        if quoted { throw Failure.unterminatedQuote }
        if fieldStarted || !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}
