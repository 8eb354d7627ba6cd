// libFuzzer target: the query string of every HTTP route, parsed by RouteQueries.parseAll (an allow-list of
// bounded parameters; never arithmetic on parsed input). Run by Scripts/fuzz.sh; seeds in Tests/Fuzz/FuzzRouteQueries/.
// Package.swift lists this target only once Sources/OutcryModel/Query/ exists.
import FuzzSupport
import OutcryModel

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzRouteQueries(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // The server sees the raw query as text: Hummingbird hands it over as a String.
    let rawQuery = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // parseAll runs every route's parser and ends in values or errors; a trap, a hang or unbounded memory is
    // what the fuzzer looks for.
    RouteQueries.parseAll(rawQuery: rawQuery, now: FuzzFixtures.now)
    return 0
}

runLibFuzzer(fuzzRouteQueries)
