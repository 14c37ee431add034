import ArgumentParser
import Foundation
import UndertoneEngine

extension Undertone {
    struct PolicyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "Check escalation policies and look at the bundled presets.",
            discussion: """
                A policy is a YAML file of tiers and rules (docs/policy.md). `check` validates files and reports every \
                problem as FILE:LINE:COLUMN: message; `list` names the presets; `show` prints one to start from.
                """,
            subcommands: [Check.self, List.self, Show.self]
        )
    }
}

extension Undertone.PolicyCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate policy files.",
            discussion: """
                Prints "FILE: ok (N rules)" for a valid file, else each problem as FILE:LINE:COLUMN: message, in the \
                order of the file. Exits 1 if any file has a problem or cannot be read. "-" reads standard input.
                """
        )

        @Argument(help: "Policy files to check (\"-\" for standard input).")
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                let yaml: String
                do {
                    yaml = try readPolicyFile(file)
                } catch {
                    standardError("undertone policy check: \(error.description)")
                    failed = true
                    continue
                }
                let errors = Policy.validate(yaml: yaml)
                if errors.isEmpty, let policy = try? Policy.parse(yaml: yaml) {
                    print("\(file): ok (\(policy.rules.count) \(policy.rules.count == 1 ? "rule" : "rules"))")
                    continue
                }
                failed = true
                for error in errors {
                    let place = [error.line, error.column].compactMap { $0 }.map { ":\($0)" }.joined()
                    print("\(file)\(place): \(error.message)")
                }
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bundled presets with their descriptions.")

        func run() throws {
            let width = Policy.presetNames.map(\.count).max() ?? 0
            for name in Policy.presetNames {
                let padded = name.padding(toLength: width, withPad: " ", startingAt: 0)
                do {
                    let policy = try Policy.preset(named: name)
                    print("\(padded)  \(policy.description ?? "")")
                } catch {
                    print("\(padded)  (does not load: \(error))")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a bundled preset's YAML.",
            discussion: "Save it, edit it and check it: undertone policy show banking > my-policy.yaml"
        )

        @Argument(help: "The preset: \(Policy.presetNames.joined(separator: ", ")).")
        var name: String

        func run() throws {
            do {
                print(try Policy.presetYAML(named: name), terminator: "")
            } catch {
                standardError("undertone policy show: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

/// A policy file's text, or standard input for "-".
private func readPolicyFile(_ path: String) throws(PolicyFileError) -> String {
    if path == "-" {
        return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw PolicyFileError("\(path): no such file") }
    guard !isDirectory.boolValue else { throw PolicyFileError("\(path): is a folder, not a policy file") }
    guard let data = FileManager.default.contents(atPath: path) else { throw PolicyFileError("\(path): cannot be read") }
    guard let text = String(data: data, encoding: .utf8) else { throw PolicyFileError("\(path): is not UTF-8 text") }
    return text
}

private struct PolicyFileError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
