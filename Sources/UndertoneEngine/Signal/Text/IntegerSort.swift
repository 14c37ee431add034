/// An in-place ascending sort for the integer arrays the readers sort on every turn (hashed feature buckets).
///
/// The standard library's `sort()` is stable, so it merges through a scratch buffer; equal integers cannot be told
/// apart, so stability buys nothing here. Short arrays (and any with a negative element) get an introsort: quicksort
/// around the median of three, insertion sort for short runs, heapsort where the quicksort goes too deep. Longer ones,
/// the common case of a turn's features, get a radix sort, a byte a pass over the bytes the values use, with no
/// comparison to mispredict. The result is what `sort()` gives.
enum IntegerSort {
    /// Runs this short are finished by insertion sort.
    static let shortRun = 16
    /// Arrays this long or longer are radix-sorted.
    static let radixFrom = 64

    static func sort<Element: FixedWidthInteger>(_ array: inout [Element]) {
        sort(&array, orderedBelowBit: 0)
    }

    /// Sorts `array` whose elements are already in ascending order of their bits below `bit` (their values modulo
    /// 2^bit): for instance keys that carry their own position in their low bits. A long array is then radix-sorted on the
    /// bits from `bit` up only, which keeps that order among elements equal there, and so sorts it whole.
    static func sort<Element: FixedWidthInteger>(_ array: inout [Element], orderedBelowBit bit: Int) {
        guard array.count > 1 else { return }
        if array.count >= radixFrom, radixSort(&array, fromBit: bit) { return }
        array.withUnsafeMutableBufferPointer { buffer in
            let depth = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount)
            sort(buffer, from: 0, to: buffer.count - 1, depth: depth)
        }
    }

    /// A least-significant-digit radix sort of the bits from `lowBit` up to the highest any element uses, a byte a pass,
    /// each pass stable; a pass whose byte is the same in every element is skipped. False (nothing done) when an element
    /// is negative.
    private static func radixSort<Element: FixedWidthInteger>(_ array: inout [Element], fromBit lowBit: Int) -> Bool {
        var used: Element = 0
        for value in array {
            if value < 0 { return false }
            used |= value
        }
        let topBit = Element.bitWidth - used.leadingZeroBitCount
        guard topBit > lowBit else { return true }
        // Counts are 32-bit: no turn has four billion features.
        guard array.count <= Int(UInt32.max) else { return false }
        let count = UInt32(array.count)
        var scratch = [Element](repeating: 0, count: array.count)
        var sortedInScratch = false
        array.withUnsafeMutableBufferPointer { array in
            scratch.withUnsafeMutableBufferPointer { scratch in
                // 256 counts of 32 bits: a kilobyte, which Swift keeps on the stack.
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) { counts in
                    var shift = lowBit
                    while shift < topBit {
                        let (source, target) = sortedInScratch ? (scratch, array) : (array, scratch)
                        for index in 0..<256 { counts[index] = 0 }
                        for value in source { counts[Int(truncatingIfNeeded: value >> shift) & 0xFF] += 1 }
                        let digitOfFirst = Int(truncatingIfNeeded: source[0] >> shift) & 0xFF
                        if counts[digitOfFirst] != count {
                            var start: UInt32 = 0
                            for index in 0..<256 {
                                let size = counts[index]
                                counts[index] = start
                                start += size
                            }
                            for value in source {
                                let digit = Int(truncatingIfNeeded: value >> shift) & 0xFF
                                target[Int(counts[digit])] = value
                                counts[digit] += 1
                            }
                            sortedInScratch.toggle()
                        }
                        shift += 8
                    }
                }
            }
        }
        if sortedInScratch { array = scratch }
        return true
    }

    /// Sorts `low...high` (inclusive).
    private static func sort<Element: FixedWidthInteger>(
        _ buffer: UnsafeMutableBufferPointer<Element>, from low: Int, to high: Int, depth: Int
    ) {
        var low = low
        var high = high
        var depth = depth
        while high - low >= shortRun {
            guard depth > 0 else { return heapSort(buffer, from: low, to: high) }
            depth -= 1
            // Hoare's partition around the median of the first, middle and last elements.
            let middle = low + (high - low) / 2
            if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
            if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
            if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
            let pivot = buffer[middle]
            var left = low - 1
            var right = high + 1
            while true {
                repeat { left += 1 } while buffer[left] < pivot
                repeat { right -= 1 } while buffer[right] > pivot
                if left >= right { break }
                buffer.swapAt(left, right)
            }
            // low...right holds nothing above the pivot, right + 1...high nothing below it. The shorter side is sorted
            // by recursion, the longer one by the loop, so the stack stays logarithmic.
            if right - low < high - right {
                sort(buffer, from: low, to: right, depth: depth)
                low = right + 1
            } else {
                sort(buffer, from: right + 1, to: high, depth: depth)
                high = right
            }
        }
        insertionSort(buffer, from: low, to: high)
    }

    private static func insertionSort<Element: FixedWidthInteger>(_ buffer: UnsafeMutableBufferPointer<Element>, from low: Int, to high: Int) {
        guard low < high else { return }
        for index in (low + 1)...high {
            let value = buffer[index]
            var hole = index
            while hole > low, buffer[hole - 1] > value {
                buffer[hole] = buffer[hole - 1]
                hole -= 1
            }
            buffer[hole] = value
        }
    }

    private static func heapSort<Element: FixedWidthInteger>(_ buffer: UnsafeMutableBufferPointer<Element>, from low: Int, to high: Int) {
        let count = high - low + 1
        func siftDown(_ start: Int, _ end: Int) {
            var root = start
            while 2 * root + 1 < end {
                var child = 2 * root + 1
                if child + 1 < end, buffer[low + child] < buffer[low + child + 1] { child += 1 }
                guard buffer[low + root] < buffer[low + child] else { return }
                buffer.swapAt(low + root, low + child)
                root = child
            }
        }
        for start in stride(from: count / 2 - 1, through: 0, by: -1) { siftDown(start, count) }
        for end in stride(from: count - 1, to: 0, by: -1) {
            buffer.swapAt(low, low + end)
            siftDown(0, end)
        }
    }
}
