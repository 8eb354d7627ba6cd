#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `2^x`, from the C library (the module avoids Foundation).
@inline(__always)
func pow2(_ x: Double) -> Double { exp2(x) }

/// `log2(x)`, from the C library.
@inline(__always)
func logBase2(_ x: Double) -> Double { log2(x) }

/// Anscombe's variance-stabilising transform: a Poisson count maps to spread ≈ 1 for means above a few.
@inline(__always)
func anscombe(_ count: Double) -> Double { 2 * (count + 0.375).squareRoot() }

/// The algebraic inverse of ``anscombe(_:)``, floored at zero.
@inline(__always)
func inverseAnscombe(_ y: Double) -> Double { max(0, (y / 2) * (y / 2) - 0.375) }

/// The natural logarithm, from the C library.
@inline(__always)
func naturalLog(_ x: Double) -> Double { log(x) }
