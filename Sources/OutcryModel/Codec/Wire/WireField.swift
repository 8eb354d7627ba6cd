/// One field of a wire document: its JSON name, type and presence, and how it is read from and written to the
/// model value. A ``WireTable`` lists them; everything that writes or reads the document goes through it.
package final class WireField<Root>: Sendable {
    /// The JSON member name (`detected_at`).
    package let name: String
    package let type: WireType
    package let presence: WirePresence
    /// The field's value in `root`; nil leaves the member out (``WirePresence/optional`` fields only).
    let get: @Sendable (Root) -> WireValue?
    /// Stores a value of the field's type into `root`; throws a ``WireValueError`` when the value is not
    /// allowed (an unknown region).
    let set: @Sendable (inout Root, WireValue) throws -> Void

    package init(
        _ name: String, _ type: WireType, _ presence: WirePresence = .required,
        get: @escaping @Sendable (Root) -> WireValue?,
        set: @escaping @Sendable (inout Root, WireValue) throws -> Void
    ) {
        self.name = name
        self.type = type
        self.presence = presence
        self.get = get
        self.set = set
    }
}
