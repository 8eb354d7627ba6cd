#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Milliseconds on the monotonic clock (`CLOCK_MONOTONIC`) from an arbitrary origin: for elapsed times and for
/// throttling the progress bar, never for dates (those come from the injected `TimeSource`).
func monotonicMilliseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1000 + UInt64(spec.tv_nsec) / 1_000_000
}
