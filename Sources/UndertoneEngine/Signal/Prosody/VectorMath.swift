import Foundation

/// The inner loops of the voice features, written over raw buffers with SIMD accumulators: floating-point sums are not
/// reassociated by the compiler on its own, so without this the dot products would run one multiply at a time.
enum VectorMath {
    /// Σ a[i]·b[i] for i in 0..<count.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum8 = SIMD8<Float>()
        var sum8b = SIMD8<Float>()
        var index = 0
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        let stride = MemoryLayout<Float>.stride
        while index + 16 <= count {
            sum8 +=
                rawA.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Float>.self)
            sum8b +=
                rawA.loadUnaligned(fromByteOffset: (index + 8) * stride, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: (index + 8) * stride, as: SIMD8<Float>.self)
            index += 16
        }
        while index + 8 <= count {
            sum8 +=
                rawA.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Float>.self)
            index += 8
        }
        var sum = (sum8 + sum8b).sum()
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
    }

    /// Σ a[i]² for i in 0..<count.
    @inline(__always)
    static func energy(_ a: UnsafePointer<Float>, count: Int) -> Float { dot(a, a, count: count) }

    /// Blackman window at t in -1...1 (0 outside): the taper of the windowed-sinc low-pass filters.
    static func blackman(_ t: Double) -> Double {
        guard abs(t) <= 1 else { return 0 }
        return 0.42 + 0.5 * cos(Double.pi * t) + 0.08 * cos(2 * Double.pi * t)
    }

    /// sin(πx)/(πx), 1 at 0.
    static func sinc(_ x: Double) -> Double {
        guard x != 0 else { return 1 }
        return sin(Double.pi * x) / (Double.pi * x)
    }
}
