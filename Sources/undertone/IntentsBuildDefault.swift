import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone.Intents {
    struct BuildDefault: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build-default",
            abstract: "Rebuild the shipped contact-centre intent model from ../shared/data and training/intents.",
            discussion: """
                Maps Banking77, CLINC150 and our phrasings of the ABCD ontology's subflows onto the contact-centre \
                intents with training/intents/label-map.tsv, adds training/intents/contact-centre.csv, scores the \
                recipe on a stratified 20% of every source held out, then trains on everything and writes the model. \
                The same data gives the same file, byte for byte.
                """
        )

        @Option(help: "The shared data folder (banking77/, clinc150/, abcd/).")
        var data = "../shared/data"

        @Option(help: "The folder with label-map.tsv, contact-centre.csv and abcd-subflows.csv.")
        var examples = "training/intents"

        @Option(help: "Where to write the model.")
        var out = "Sources/UndertoneEngine/Resources/intent-model.uti"

        @Option(name: .customLong("oos-per-label"), help: "Out-of-scope examples taken from each CLINC150 intent mapped to oos by default.")
        var outOfScopePerLabel = 12

        @Option(name: .customLong("own-weight"), help: "Training weight of our own phrasings (contact-centre.csv, abcd-subflows.csv).")
        var ownWeight: Float = 10

        @Option(name: .customLong("per-label"), help: "At most this many examples from each Banking77 or CLINC150 intent (0: all).")
        var perLabel = 60

        @Option(help: "SVM cost (C) of the recipe.")
        var cost: Float = 0.5

        @Option(help: "Seed of the held-out split and of training.")
        var seed: UInt64 = 42

        @Flag(name: .customLong("evaluate-only"), help: "Score the recipe on the held-out share; write nothing.")
        var evaluateOnly = false

        @Flag(name: .customLong("show-errors"), help: "List the held-out examples of our own phrasings that the recipe gets wrong.")
        var showErrors = false

        /// One example with where it came from, for per-source scores.
        struct Sourced {
            var source: String
            var example: IntentExample

            /// The example with the weight its source earns in training: our own phrasings are few beside the public
            /// data sets, and the closest to contact-centre speech.
            func weighted(own: Float) -> IntentExample {
                var example = example
                if source == "own" || source == "abcd" { example.weight = own }
                return example
            }
        }

        /// The share of texts a contact centre's intent model sees that fit none of its intents (tunes the threshold).
        static let outOfScopeShare = 0.15

        /// The recipe of the shipped model (documented in docs/intents.md).
        static func recipe(seed: UInt64, cost: Float) -> IntentTrainingOptions {
            var options = IntentTrainingOptions()
            options.cost = cost
            options.balanceLabels = true
            options.minimumFeatureCount = 2
            options.outOfScopeShare = outOfScopeShare
            options.learnOutOfScope = true
            options.seed = seed
            options.about = [
                "model": "Undertone contact-centre intents",
                "data": "Banking77 (CC BY 4.0, Casanueva et al. 2020); CLINC150 (CC BY 3.0, Larson et al. 2019); "
                    + "ABCD ontology subflows (MIT, Chen et al. 2021) with our own phrasings; Undertone's own contact-centre examples",
                "command": "swift run -c release undertone intents build-default",
            ]
            return options
        }

        func run() throws {
            let map = try IntentLabelMap(try readTextFile("\(examples)/label-map.tsv"))
            let intents = Set(map.intents)
            var sourced: [Sourced] = []
            sourced += try mapped("banking77", try csv("\(data)/banking77/train.csv"), map: map)
            sourced += try mapped("clinc150", try clinc(), map: map)
            sourced += try mapped("abcd", try abcd(map: map), map: map)
            for example in try csv("\(examples)/contact-centre.csv") {
                guard intents.contains(example.label) else {
                    throw CommandFailure(
                        "contact-centre.csv: \(example.label) is not one of the intents: \(intents.sorted().joined(separator: ", "))")
                }
                sourced.append(Sourced(source: "own", example: example))
            }
            let options = Self.recipe(seed: seed, cost: cost)

            // Held out per source, stratified by the mapped label.
            var train: [Sourced] = []
            var test: [Sourced] = []
            for source in ["banking77", "clinc150", "abcd", "own"] {
                let rows = sourced.filter { $0.source == source }.map(\.example)
                let (kept, held) = IntentData.split(rows, heldOutFraction: 0.2, seed: seed)
                train += kept.map { Sourced(source: source, example: $0) }
                test += held.map { Sourced(source: source, example: $0) }
            }
            let probe = try trainIntents(train.map { $0.weighted(own: ownWeight) }, options: options)
            print(summary(probe: probe.model, report: probe.report, seconds: probe.cpuSeconds, train: train, test: test))
            if showErrors {
                for item in test where item.source == "own" || item.source == "abcd" {
                    let prediction = probe.model.classify(item.example.text, top: 1)
                    guard prediction.intent != item.example.label else { continue }
                    print(
                        String(format: "%@ -> %@ (%.2f): %@", item.example.label, prediction.top[0].label, prediction.confidence, item.example.text))
                }
            }
            guard !evaluateOnly else { return }

            let model = try trainIntents(sourced.map { $0.weighted(own: ownWeight) }, options: options).model
            let bytes = model.serialized()
            do { try bytes.write(to: URL(fileURLWithPath: out)) } catch { throw CommandFailure("cannot write \(out): \(error.localizedDescription)") }
            print("wrote \(out): \(bytes.count / 1024) KiB, \(model.labels.count) intents, \(model.featureCount) features")
        }

        func summary(probe: IntentModel, report: IntentTrainingReport, seconds: Double, train: [Sourced], test: [Sourced]) -> String {
            let isOutside = { (item: Sourced) in item.example.label == "oos" }
            let predictions = test.map { probe.classify($0.example.text, top: 1) }
            var lines = [
                String(
                    format: "trained on %d examples (%d out-of-scope) in %.1f s CPU; %d held out", train.count, report.outOfScopeExamples, seconds,
                    test.count),
                "source      held out  accuracy  with oos",
            ]
            for source in ["banking77", "clinc150", "abcd", "own", "all"] {
                let rows = zip(test, predictions).filter { (source == "all" || $0.0.source == source) && !isOutside($0.0) }
                guard !rows.isEmpty else { continue }
                let best = rows.filter { $0.1.top.first?.label == $0.0.example.label }.count
                let named = rows.filter { $0.1.intent == $0.0.example.label }.count
                lines.append(
                    String(
                        format: "%@ %8d    %.4f    %.4f", source.padding(toLength: 10, withPad: " ", startingAt: 0), rows.count,
                        Double(best) / Double(rows.count), Double(named) / Double(rows.count)))
            }
            let outside = zip(test, predictions).filter { isOutside($0.0) }
            if !outside.isEmpty {
                let refused = outside.filter { $0.1.isOutOfScope }.count
                lines.append(
                    String(
                        format: "out-of-scope recall %.4f (%d held out), threshold %.3f", Double(refused) / Double(outside.count), outside.count,
                        report.threshold))
            }
            lines.append("intent            held out  accuracy")
            for label in probe.labels {
                let rows = zip(test, predictions).filter { $0.0.example.label == label }
                guard !rows.isEmpty else { continue }
                let best = rows.filter { $0.1.top.first?.label == label }.count
                lines.append(
                    String(
                        format: "%@ %8d    %.4f", label.padding(toLength: 16, withPad: " ", startingAt: 0), rows.count,
                        Double(best) / Double(rows.count)))
            }
            return lines.joined(separator: "\n")
        }

        func csv(_ path: String) throws -> [IntentExample] {
            do { return try IntentData.csv(try readTextFile(path, hint: "use --data or --examples")) } catch let error as IntentDataError {
                throw CommandFailure("\(path):\n\(error)")
            }
        }

        /// CLINC150's train and val splits, and its oos examples labelled `oos`.
        func clinc() throws -> [IntentExample] {
            let path = "\(data)/clinc150/data_full.json"
            guard let object = try? JSONSerialization.jsonObject(with: Data(try readTextFile(path, hint: "use --data").utf8)) as? [String: Any]
            else { throw CommandFailure("\(path): not a JSON object") }
            var examples: [IntentExample] = []
            for key in ["train", "val", "oos_train", "oos_val"] {
                guard let rows = object[key] as? [[String]], rows.allSatisfy({ $0.count == 2 }) else {
                    throw CommandFailure("\(path): \"\(key)\" is not a list of [text, intent] pairs")
                }
                examples += rows.map { IntentExample(text: $0[0], label: $0[1]) }
            }
            return examples
        }

        /// Our phrasings of the ABCD subflows, checked against the ontology and the label map.
        func abcd(map: IntentLabelMap) throws -> [IntentExample] {
            let path = "\(data)/abcd/ontology.json"
            guard let ontology = try? JSONSerialization.jsonObject(with: Data(try readTextFile(path, hint: "use --data").utf8)) as? [String: Any],
                let intents = ontology["intents"] as? [String: Any], let flows = intents["subflows"] as? [String: [String]]
            else { throw CommandFailure("\(path): no intents.subflows") }
            let known = Set(flows.flatMap { flow, subflows in subflows.map { "\(flow)/\($0)" } })
            let examples = try csv("\(examples)/abcd-subflows.csv")
            for example in examples where !known.contains(example.label) {
                throw CommandFailure("abcd-subflows.csv: \(example.label) is not a flow/subflow of the ABCD ontology")
            }
            for subflow in known.sorted() where !map.lists(source: "abcd", label: subflow) {
                throw CommandFailure("label-map.tsv: the ABCD subflow \(subflow) is not mapped")
            }
            return examples
        }

        /// Applies the label map; labels the map covers only by `*` as oos keep the first `oos-per-label` examples.
        func mapped(_ source: String, _ examples: [IntentExample], map: IntentLabelMap) throws -> [Sourced] {
            var taken: [String: Int] = [:]
            var result: [Sourced] = []
            for example in examples {
                guard let target = map.target(source: source, label: example.label) else {
                    throw CommandFailure("label-map.tsv: \(source) label \(example.label) is not mapped (and \(source) has no * line)")
                }
                switch target {
                case .leftOut:
                    continue
                case .intent(let name):
                    if perLabel > 0 {
                        guard taken[example.label, default: 0] < perLabel else { continue }
                        taken[example.label, default: 0] += 1
                    }
                    result.append(Sourced(source: source, example: IntentExample(text: example.text, label: name)))
                case .outOfScope:
                    if !map.lists(source: source, label: example.label) {
                        guard taken[example.label, default: 0] < outOfScopePerLabel else { continue }
                        taken[example.label, default: 0] += 1
                    }
                    result.append(Sourced(source: source, example: IntentExample(text: example.text, label: "oos")))
                }
            }
            return result
        }
    }
}
