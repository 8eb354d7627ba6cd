/// Floor division (rounds towards minus infinity), for bucketing times before 1970 correctly.
@inline(__always)
package func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

extension Int64 {
    /// The non-negative remainder of division by `divisor` (the remainder that goes with ``floorDiv(_:_:)`` for
    /// a positive divisor).
    package func modulo(_ divisor: Int64) -> Int64 {
        let r = self % divisor
        return r < 0 ? r + divisor : r
    }
}
