/// An in-place ascending sort for the small integer arrays the readers sort on every turn (hashed feature buckets).
///
/// The standard library's `sort()` is stable, so it merges through a scratch buffer; equal integers cannot be told
/// apart, so stability buys nothing here. This is an introsort: quicksort around the median of three, insertion sort
/// for short runs, heapsort where the quicksort goes too deep. The result is what `sort()` gives.
enum IntegerSort {
    /// Runs this short are finished by insertion sort.
    static let shortRun = 16

    static func sort<Element: FixedWidthInteger>(_ array: inout [Element]) {
        guard array.count > 1 else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            let depth = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount)
            sort(buffer, from: 0, to: buffer.count - 1, depth: depth)
        }
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
