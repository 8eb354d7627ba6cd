/// Fields of the common kinds, read and written through a key path, so a table entry is one line.
extension WireField {
    package typealias Path<Value> = any WritableKeyPath<Root, Value> & Sendable

    package static func string(_ name: String, _ path: Path<String>) -> WireField {
        WireField(name, .string, get: { .string($0[keyPath: path]) }, set: { $0[keyPath: path] = try $1.string() })
    }

    /// A string that may be `null`.
    package static func string(_ name: String, _ path: Path<String?>) -> WireField {
        WireField(
            name, .string, .nullable, get: { .optional($0[keyPath: path], WireValue.string) },
            set: { $0[keyPath: path] = try $1.optional { value in try value.string() } }
        )
    }

    /// A string naming a case of `T` (an OpenAPI `enum`).
    package static func choice<T: RawRepresentable & CaseIterable & Sendable>(_ name: String, _ path: Path<T>)
        -> WireField where T.RawValue == String
    {
        WireField(
            name, .choice(T.allCases.map(\.rawValue)), get: { .string($0[keyPath: path].rawValue) },
            set: { $0[keyPath: path] = try $1.choice(T.self) }
        )
    }

    package static func int(_ name: String, _ path: Path<Int>) -> WireField {
        WireField(name, .integer, get: { .int($0[keyPath: path]) }, set: { $0[keyPath: path] = try $1.int() })
    }

    /// An integer that may be `null`.
    package static func int(_ name: String, _ path: Path<Int?>) -> WireField {
        WireField(
            name, .integer, .nullable, get: { .optional($0[keyPath: path], WireValue.int) },
            set: { $0[keyPath: path] = try $1.optional { value in try value.int() } }
        )
    }

    package static func number(_ name: String, _ path: Path<Double>) -> WireField {
        WireField(name, .number, get: { .number($0[keyPath: path]) }, set: { $0[keyPath: path] = try $1.number() })
    }

    package static func bool(_ name: String, _ path: Path<Bool>) -> WireField {
        WireField(name, .boolean, get: { .bool($0[keyPath: path]) }, set: { $0[keyPath: path] = try $1.bool() })
    }

    package static func time(_ name: String, _ path: Path<Timestamp>) -> WireField {
        WireField(name, .time, get: { .time($0[keyPath: path]) }, set: { $0[keyPath: path] = try $1.time() })
    }

    /// A time that may be `null`.
    package static func time(_ name: String, _ path: Path<Timestamp?>) -> WireField {
        WireField(
            name, .time, .nullable, get: { .optional($0[keyPath: path], WireValue.time) },
            set: { $0[keyPath: path] = try $1.optional { value in try value.time() } }
        )
    }

    /// A nested document.
    package static func object<T: WireDocument>(_ name: String, _ path: Path<T>) -> WireField {
        WireField(
            name, .object(T.wire.schema), get: { T.wire.value($0[keyPath: path]) },
            set: { $0[keyPath: path] = try T.wire.make($1) }
        )
    }

    /// A nested document that may be `null`.
    package static func object<T: WireDocument>(_ name: String, _ path: Path<T?>) -> WireField {
        WireField(
            name, .object(T.wire.schema), .nullable, get: { .optional($0[keyPath: path], T.wire.value) },
            set: { $0[keyPath: path] = try $1.optional { value in try T.wire.make(value) } }
        )
    }

    /// An array of nested documents.
    package static func objects<T: WireDocument>(_ name: String, _ path: Path<[T]>) -> WireField {
        WireField(
            name, .array(.object(T.wire.schema)), get: { .array($0[keyPath: path].map(T.wire.value)) },
            set: { $0[keyPath: path] = try $1.array { value in try T.wire.make(value) } }
        )
    }

    /// An array of strings.
    package static func strings(_ name: String, _ path: Path<[String]>) -> WireField {
        WireField(
            name, .array(.string), get: { .array($0[keyPath: path].map(WireValue.string)) },
            set: { $0[keyPath: path] = try $1.array { value in try value.string() } }
        )
    }
}
