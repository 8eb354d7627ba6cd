/// `log`, `exp` and `log(n!)` written with `+ - * /` and `squareRoot()` only.
///
/// The standard library has no `log`/`exp` without Foundation or the C library, and the C libraries of
/// different platforms may differ in the last bit, which would change which random draws are accepted. These
/// versions are accurate to a few units in the last place and give the same bits everywhere.
enum SimulationMath {
    static let ln2 = 0.693_147_180_559_945_3
    private static let ln2High = 0.693_147_180_369_123_8
    private static let ln2Low = 1.908_214_929_270_587_7e-10
    private static let sqrt2 = 1.414_213_562_373_095_1
    private static let halfLog2Pi = 0.918_938_533_204_672_7

    /// The natural logarithm; `-infinity` for 0 and NaN for negative input.
    static func log(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        guard x.isFinite else { return x }
        var exponent = Double(x.exponent)
        var mantissa = x.significand  // in [1, 2)
        if mantissa > sqrt2 {
            mantissa *= 0.5
            exponent += 1
        }
        // log(m) = 2·atanh(s) with s = (m - 1)/(m + 1), |s| ≤ 0.1716: the odd series converges fast.
        let s = (mantissa - 1) / (mantissa + 1)
        let z = s * s
        // 1 + z/3 + z²/5 + … + z¹²/25, by Horner's rule.
        let high = 1.0 / 17 + z * (1.0 / 19 + z * (1.0 / 21 + z * (1.0 / 23 + z * (1.0 / 25))))
        let series =
            1 + z
            * (1.0 / 3 + z
                * (1.0 / 5 + z
                    * (1.0 / 7 + z
                        * (1.0 / 9 + z
                            * (1.0 / 11
                                + z * (1.0 / 13 + z * (1.0 / 15 + z * high)))))))
        return exponent * ln2 + 2 * s * series
    }

    /// e raised to `x`.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.78 { return .infinity }
        if x < -745.2 { return 0 }
        let scaled = x / ln2
        let exponent = Int(scaled + (scaled < 0 ? -0.5 : 0.5))  // round half away from zero
        let k = Double(exponent)
        let r = (x - k * ln2High) - k * ln2Low  // |r| ≤ ln2 / 2
        // Taylor series to r¹⁴/14! (error below 1e-17 on this range), by Horner's rule.
        let high =
            1.0 / 40_320 + r
            * (1.0 / 362_880 + r
                * (1.0 / 3_628_800 + r
                    * (1.0 / 39_916_800
                        + r * (1.0 / 479_001_600 + r * (1.0 / 6_227_020_800 + r * (1.0 / 87_178_291_200))))))
        let polynomial =
            1 + r
            * (1 + r
                * (0.5 + r
                    * (1.0 / 6 + r
                        * (1.0 / 24 + r
                            * (1.0 / 120
                                + r * (1.0 / 720 + r * (1.0 / 5040 + r * high)))))))
        return Double(sign: .plus, exponent: exponent, significand: polynomial)
    }

    /// `log(n!)`: a table up to 15, Stirling's series (error below 1e-15) beyond.
    static func logFactorial(_ n: Double) -> Double {
        if n < 16 { return smallLogFactorials[Int(n)] }
        let x = n + 1
        let inverse = 1 / x
        let inverse2 = inverse * inverse
        let correction = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 / 1680)))
        return (x - 0.5) * log(x) - x + halfLog2Pi + correction
    }

    private static let smallLogFactorials: [Double] = {
        var table: [Double] = [0]
        var factorial = 1.0
        for n in 1..<16 {
            factorial *= Double(n)
            table.append(log(factorial))
        }
        return table
    }()
}
