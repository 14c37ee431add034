import Benchmark
import Foundation
import UndertoneEngine

/// Texts to classify: GoEmotions' dev split when ../shared/data is beside the project (realistic lengths), else a
/// small set of contact-centre sentences written for this benchmark.
let texts: [String] = {
    for path in ["../../shared/data/goemotions/dev.tsv", "../shared/data/goemotions/dev.tsv"] {
        if let data = FileManager.default.contents(atPath: path) {
            return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) }
        }
    }
    return [
        "This is the third time I'm calling about the same problem and nobody has fixed it",
        "um so i was charged twice for my order and i dont understand why",
        "Thank you so much, that was really helpful",
        "I'm worried my account has been hacked, there are payments I didn't make",
        "can you just put me through to a manager please",
        "Okay.",
    ]
}()

let model = try! TextModel.bundled()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1_000,
        maxDuration: .seconds(10),
        maxIterations: 200_000
    )

    Benchmark("classify one text (with explanations)") { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(model.analyze(texts[index % texts.count]))
            index &+= 1
        }
    }

    Benchmark("classify one text (no explanations)") { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(model.analyze(texts[index % texts.count], explain: false))
            index &+= 1
        }
    }

    Benchmark("load the bundled model", configuration: .init(warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try TextModel.bundled())
        }
    }
}
