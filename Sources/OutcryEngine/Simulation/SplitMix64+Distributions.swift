extension SplitMix64 {
    /// A standard normal draw (Marsaglia's polar method; the second value of each pair is dropped).
    package mutating func nextNormal() -> Double {
        while true {
            let u = 2 * nextUnit() - 1
            let v = 2 * nextUnit() - 1
            let s = u * u + v * v
            if s < 1 {
                return u * (-2 * SimulationMath.log(s) / s).squareRoot()
            }
        }
    }

    /// Whether an event of probability `probability` happens.
    @inline(__always)
    package mutating func nextBernoulli(_ probability: Double) -> Bool {
        nextUnit() < probability
    }

    /// A gamma draw with mean `shape · scale` (Marsaglia and Tsang; boosted for shapes below 1).
    package mutating func nextGamma(shape: Double, scale: Double = 1) -> Double {
        precondition(shape > 0, "the gamma shape must be positive")
        if shape < 1 {
            // Gamma(a) = Gamma(a + 1) · U^(1/a).
            let boost = SimulationMath.exp(SimulationMath.log(nextUnit()) / shape)
            return nextGamma(shape: shape + 1, scale: scale) * boost
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = nextNormal()
            var v = 1 + c * x
            if v <= 0 { continue }
            v = v * v * v
            let u = nextUnit()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v * scale }
            if SimulationMath.log(u) < 0.5 * x2 + d * (1 - v + SimulationMath.log(v)) { return d * v * scale }
        }
    }

    /// A Poisson draw with mean `mean`, exact for every mean: inversion below 12, Hörmann's PTRS
    /// transformed rejection (constant expected time) above.
    package mutating func nextPoisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 12 { return poissonByInversion(mean: mean) }
        return poissonByTransformedRejection(mean: mean)
    }

    /// A gamma-Poisson (negative binomial) draw: a Poisson count whose mean is itself gamma distributed around
    /// `mean`, so the variance is `mean + mean² / dispersion`. Real report counts are over-dispersed like this;
    /// an infinite `dispersion` gives a plain Poisson draw.
    package mutating func nextGammaPoisson(mean: Double, dispersion: Double) -> Int {
        guard mean > 0 else { return 0 }
        guard dispersion.isFinite else { return nextPoisson(mean: mean) }
        return nextPoisson(mean: nextGamma(shape: dispersion, scale: mean / dispersion))
    }

    /// Counts up the cumulative distribution; expected cost about `mean + 1` steps.
    private mutating func poissonByInversion(mean: Double) -> Int {
        var probability = SimulationMath.exp(-mean)
        var cumulative = probability
        let u = nextUnit()
        var k = 0
        while u > cumulative && k < 200 {
            k += 1
            probability *= mean / Double(k)
            cumulative += probability
        }
        return k
    }

    /// W. Hörmann, "The transformed rejection method for generating Poisson random variables" (1993).
    private mutating func poissonByTransformedRejection(mean: Double) -> Int {
        let logMean = SimulationMath.log(mean)
        let b = 0.931 + 2.53 * mean.squareRoot()
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextUnit() - 0.5
            let v = nextUnit()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let lhs = SimulationMath.log(v) + SimulationMath.log(inverseAlpha) - SimulationMath.log(a / (us * us) + b)
            if lhs <= -mean + k * logMean - SimulationMath.logFactorial(k) { return Int(k) }
        }
    }
}
