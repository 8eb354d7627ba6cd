import Foundation
package import OutcryModel

/// Reads the labels of `outcry evaluate --windows FILE`: a JSON object mapping each service slug to a list of
/// windows, each `["START", "END"]` or `{"region": "DE", "start": "START", "end": "END"}` (`region` optional),
/// with ISO 8601 times.
///
/// The file is hostile input: every refusal names the file, the place (`whatsapp[2].end`) and what is allowed,
/// and files over ``maximumBytes`` are refused before they are read whole.
package enum WindowFile {
    /// The largest windows file accepted: 16 MiB, far more than any hand-written or exported list of outages.
    package static let maximumBytes = 16 << 20

    /// The shape of the file, for error messages.
    package static let expectedShape =
        #"{"SERVICE": [["START", "END"], {"region": "DE", "start": "START", "end": "END"}]} with ISO 8601 times"#

    /// Reads and parses the file at `path`.
    package static func read(path: String) throws(WindowFileError) -> [ServiceSlug: [LabelWindow]] {
        var bytes: [UInt8] = []
        do {
            let reader = try FileByteReader(source: .file(path: path))
            if let size = reader.size, size > maximumBytes {
                throw WindowFileError(path: path, reason: tooLarge(size))
            }
            try reader.forEachChunk { chunk in
                guard bytes.count + chunk.count <= maximumBytes else {
                    throw WindowFileError(path: path, reason: tooLarge(nil))
                }
                bytes.append(contentsOf: chunk)
            }
        } catch let error as WindowFileError {
            throw error
        } catch let error as EngineError {
            switch error {
            case .cannotRead(_, let reason): throw WindowFileError(path: path, reason: "cannot be read: \(reason)")
            default: throw WindowFileError(path: path, reason: "cannot be read: \(error)")
            }
        } catch {
            throw WindowFileError(path: path, reason: "cannot be read: \(error)")
        }
        return try parse(bytes, path: path)
    }

    private static func tooLarge(_ size: Int?) -> String {
        (size.map { "is \($0) bytes long" } ?? "is longer than that")
            + "; at most \(maximumBytes) bytes (16 MiB) are allowed"
    }

    /// Parses the bytes of a windows file; `path` only names it in errors.
    package static func parse(_ bytes: [UInt8], path: String) throws(WindowFileError) -> [ServiceSlug: [LabelWindow]] {
        guard bytes.count <= maximumBytes else { throw WindowFileError(path: path, reason: tooLarge(bytes.count)) }
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw WindowFileError(path: path, reason: "is empty; expected \(expectedShape)")
        }
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String).map { " (\($0))" } ?? ""
            throw WindowFileError(path: path, reason: "is not valid JSON\(detail); expected \(expectedShape)")
        }
        guard let services = document as? [String: Any] else {
            throw WindowFileError(
                path: path,
                reason: "must be a JSON object mapping service slugs to lists of windows, not \(kind(of: document))"
            )
        }
        var result: [ServiceSlug: [LabelWindow]] = [:]
        for key in services.keys.sorted() {
            let slug: ServiceSlug
            do {
                slug = try ServiceSlug.parse(key, field: "service")
            } catch {
                throw WindowFileError(
                    path: path, location: quoted(key), reason: "is not a service slug: \(error.reason)")
            }
            guard let entries = services[key] as? [Any] else {
                throw WindowFileError(
                    path: path, location: key,
                    reason: "must be a list of windows ([\"START\", \"END\"] or {\"start\", \"end\", \"region\"}), "
                        + "not \(kind(of: services[key] as Any))"
                )
            }
            var windows: [LabelWindow] = []
            windows.reserveCapacity(entries.count)
            for (index, entry) in entries.enumerated() {
                windows.append(try window(entry, service: slug, location: "\(key)[\(index)]", path: path))
            }
            result[slug] = windows
        }
        return result
    }

    /// One window: a `[start, end]` pair or a `{"start", "end", "region"}` object.
    private static func window(_ entry: Any, service: ServiceSlug, location: String, path: String)
        throws(WindowFileError)
        -> LabelWindow
    {
        let startValue: Any
        let endValue: Any
        var region: Region?
        if let pair = entry as? [Any] {
            guard pair.count == 2 else {
                throw WindowFileError(
                    path: path, location: location,
                    reason: "has \(pair.count) items; a window is a pair [\"START\", \"END\"] of ISO 8601 times"
                )
            }
            startValue = pair[0]
            endValue = pair[1]
        } else if let object = entry as? [String: Any] {
            for key in object.keys.sorted() where !["start", "end", "region"].contains(key) {
                throw WindowFileError(
                    path: path, location: location,
                    reason: "has an unknown field \(quoted(key)); allowed: start, end, region"
                )
            }
            guard let start = object["start"] else {
                throw WindowFileError(path: path, location: location + ".start", reason: "is missing")
            }
            guard let end = object["end"] else {
                throw WindowFileError(path: path, location: location + ".end", reason: "is missing")
            }
            startValue = start
            endValue = end
            if let value = object["region"], !(value is NSNull) {
                guard let text = value as? String else {
                    throw WindowFileError(
                        path: path, location: location + ".region",
                        reason: "must be a region code such as \"DE\" or \"US-CA\", not \(kind(of: value))"
                    )
                }
                do {
                    let parsed = try Region.parseAllowingGlobal(text, field: "region")
                    region = parsed.isGlobal ? nil : parsed
                } catch {
                    throw WindowFileError(path: path, location: location + ".region", reason: error.reason)
                }
            }
        } else {
            throw WindowFileError(
                path: path, location: location,
                reason:
                    "must be [\"START\", \"END\"] or {\"start\": …, \"end\": …, \"region\": …}, not \(kind(of: entry))"
            )
        }
        let isPair = entry is [Any]
        let start = try time(startValue, location: location + (isPair ? "[0] (start)" : ".start"), path: path)
        let end = try time(endValue, location: location + (isPair ? "[1] (end)" : ".end"), path: path)
        guard start <= end else {
            throw WindowFileError(
                path: path, location: location, reason: "ends (\(end.iso8601)) before it starts (\(start.iso8601))"
            )
        }
        return LabelWindow(service: service, region: region, start: start, end: end)
    }

    private static func time(_ value: Any, location: String, path: String) throws(WindowFileError) -> Timestamp {
        guard let text = value as? String else {
            throw WindowFileError(
                path: path, location: location,
                reason: "must be an ISO 8601 time string such as \"2024-03-05T15:00:00Z\", not \(kind(of: value))"
            )
        }
        guard let instant = Timestamp(iso8601: text) else {
            throw WindowFileError(
                path: path, location: location,
                reason: Timestamp.notATimeMessage(text, acceptsEpochSeconds: false)
            )
        }
        return instant
    }

    /// `a string`, `an array`… for messages.
    private static func kind(of value: Any) -> String {
        switch value {
        case is String: "a string"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        case is NSNull: "null"
        default: "a number or boolean"
        }
    }
}
