import OutcryModel

/// The public JSON of incidents and group events, written from their field tables (``WireDocument``): the
/// tables give the members in name order, which is the order JSONEncoder's `.sortedKeys` puts them in.
extension PrettyJSONWriter {
    mutating func write(_ incident: Incident, _ out: inout ExportOutput) throws(NonFiniteNumber) {
        try write(Incident.wire.value(incident), &out)
    }

    mutating func write(_ event: GroupEvent, _ out: inout ExportOutput) throws(NonFiniteNumber) {
        try write(GroupEvent.wire.value(event), &out)
    }

    /// Any wire value, objects with their members in the order given.
    mutating func write(_ value: WireValue, _ out: inout ExportOutput) throws(NonFiniteNumber) {
        switch value {
        case .null: null(&out)
        case .bool(let flag): bool(flag, &out)
        case .int(let number): int(number, &out)
        case .number(let number): try self.number(number, &out)
        case .string(let text): string(text, &out)
        case .time(let instant): time(instant, &out)
        case .array(let values):
            beginArray(&out)
            for value in values {
                element(&out)
                try write(value, &out)
            }
            endArray(&out)
        case .object(let members):
            beginObject(&out)
            for member in members {
                key(member.name, &out)
                try write(member.value, &out)
            }
            endObject(&out)
        }
    }
}
