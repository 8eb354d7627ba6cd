import OutcryEngine
import Testing

@Suite(.timeLimit(.minutes(10))) struct SplitMix64Tests {
    @Test func matchesTheReferenceStream() {
        // First outputs of the reference C implementation seeded with 0.
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func unitDrawsStayInsideTheOpenInterval() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<100_000 {
            let value = random.nextUnit()
            #expect(value > 0 && value < 1)
        }
    }

    @Test(arguments: [0.05, 0.7, 3.0, 11.9, 12.0, 45.0, 900.0, 250_000.0])
    func poissonDrawsHaveTheRightMeanAndVariance(mean: Double) {
        var random = SplitMix64(seed: 11)
        let (sampleMean, variance) = moments(count: 40_000) { Double(random.nextPoisson(mean: mean)) }
        #expect(abs(sampleMean - mean) < 0.03 * mean + 0.01)
        #expect(abs(variance / mean - 1) < 0.06)
    }

    @Test(arguments: [(0.5, 12.0), (20.0, 12.0), (400.0, 4.0)])
    func gammaPoissonDrawsAreOverDispersed(mean: Double, dispersion: Double) {
        var random = SplitMix64(seed: 12)
        let (sampleMean, variance) = moments(count: 60_000) {
            Double(random.nextGammaPoisson(mean: mean, dispersion: dispersion))
        }
        let expectedVariance = mean + mean * mean / dispersion
        #expect(abs(sampleMean - mean) < 0.03 * mean)
        #expect(abs(variance / expectedVariance - 1) < 0.08)
    }

    @Test(arguments: [0.3, 1.0, 2.5, 150.0])
    func gammaDrawsHaveTheRightMeanAndVariance(shape: Double) {
        var random = SplitMix64(seed: 13)
        let (sampleMean, variance) = moments(count: 60_000) { random.nextGamma(shape: shape, scale: 2) }
        #expect(abs(sampleMean / (2 * shape) - 1) < 0.03)
        #expect(abs(variance / (4 * shape) - 1) < 0.08)
    }

    private func moments(count: Int, draw: () -> Double) -> (mean: Double, variance: Double) {
        var sum = 0.0
        var sumOfSquares = 0.0
        for _ in 0..<count {
            let value = draw()
            sum += value
            sumOfSquares += value * value
        }
        let mean = sum / Double(count)
        return (mean, sumOfSquares / Double(count) - mean * mean)
    }
}
