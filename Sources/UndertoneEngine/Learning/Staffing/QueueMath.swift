import Foundation

/// The special functions behind Erlang C and Erlang A, computed so that thousands of agents and calls neither overflow
/// nor lose precision: no factorials or powers are ever formed; what can grow past a `Double` is kept as a logarithm.
enum QueueMath {
    /// Erlang B, the blocking probability of `servers` servers offered `traffic` Erlangs, by the recursion
    /// B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)), which stays in [0, 1] at every step.
    static func erlangB(servers: Int, traffic: Double) -> Double {
        var blocking = 1.0
        for n in stride(from: 1, through: servers, by: 1) { blocking = nextErlangB(blocking, servers: n, traffic: traffic) }
        return blocking
    }

    /// One step of the Erlang B recursion: B(n) from B(n−1).
    static func nextErlangB(_ previous: Double, servers n: Int, traffic: Double) -> Double {
        let carried = traffic * previous
        return carried / (Double(n) + carried)
    }

    /// log S(a, z), where S(a, z) = Σₙ zⁿ / ((a+1)(a+2)…(a+n)) = a·eᶻ·z⁻ᵃ·γ(a, z) (γ the lower incomplete gamma
    /// function), for a > 0 and z ≥ 0.
    ///
    /// Below z = a + 1 the series is summed as written (its terms fall from the first); above, the upper incomplete gamma
    /// function's continued fraction Γ(a, z) = e⁻ᶻ·zᵃ·F gives S = Γ(a+1)·eᶻ·z⁻ᵃ − a·F, whose first term is taken in
    /// log space.
    static func logScaledLowerGamma(_ a: Double, _ z: Double) -> Double {
        precondition(a > 0 && z >= 0, "S(a, z) needs a > 0 and z ≥ 0")
        if z == 0 { return 0 }
        if z < a + 1 {
            var term = 1.0
            var sum = 1.0
            var n = 1.0
            repeat {
                term *= z / (a + n)
                sum += term
                n += 1
            } while term > sum * 1e-17 && n < 10_000_000
            return log(sum)
        }
        let head = logGammaTimesPower(a, z)
        return head + log1p(-a * upperGammaFraction(a, z) * exp(-head))
    }

    /// log(Γ(a+1)·eᶻ·z⁻ᵃ), written as ½·log(2πa) + Stirling's remainder + a·(δ − log(1+δ)) with δ = (z − a)/a, so that
    /// the large terms a·log a and a·log z cancel exactly instead of in floating point.
    static func logGammaTimesPower(_ a: Double, _ z: Double) -> Double {
        if a < 50 { return lgamma(a + 1) + z - a * log(z) }
        let delta = (z - a) / a
        return 0.5 * log(2 * Double.pi * a) + stirlingRemainder(a) + a * deltaMinusLog1p(delta)
    }

    /// lgamma(a+1) − (a·log a − a + ½·log(2πa)) for a ≥ 50, by its asymptotic series (error below 1e-18 there).
    private static func stirlingRemainder(_ a: Double) -> Double {
        let a2 = a * a
        return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * a2)) / a2) / a2) / a
    }

    /// δ − log(1 + δ) for δ > −1, by its series where the difference would cancel.
    static func deltaMinusLog1p(_ delta: Double) -> Double {
        guard abs(delta) < 0.5 else { return delta - log1p(delta) }
        // δ − log(1+δ) = Σₖ≥₂ (−δ)ᵏ / k
        var power = delta * delta
        var sum = 0.0
        var k = 2.0
        repeat {
            let term = power / k
            sum += term
            if abs(term) <= abs(sum) * 1e-17 { break }
            power *= -delta
            k += 1
        } while k < 200
        return sum
    }

    /// F in Γ(a, z) = e⁻ᶻ·zᵃ·F, by the modified Lentz method on the Legendre continued fraction (converges for z > a + 1).
    private static func upperGammaFraction(_ a: Double, _ z: Double) -> Double {
        let tiny = 1e-300
        var b = z + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 10_000_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
            i += 1
        }
        return h
    }

    /// log(eᵘ + eᵛ) without overflow.
    static func logAdd(_ u: Double, _ v: Double) -> Double {
        if u == -.infinity { return v }
        if v == -.infinity { return u }
        let high = max(u, v)
        return high + log1p(exp(-abs(u - v)))
    }

    /// log(eᵛ − 1) for v ≥ 0 (−∞ at 0).
    static func logExpm1(_ v: Double) -> Double {
        v > 30 ? v + log1p(-exp(-v)) : log(expm1(v))
    }
}
