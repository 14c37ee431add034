import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Intent training data")
struct IntentDataTests {
    @Test("CSV: quoted fields keep commas, quotes and line breaks; CRLF and a byte-order mark are fine")
    func csvEdgeCases() throws {
        let csv =
            "\u{FEFF}text,label\r\n"
            + "plain text,billing\r\n"
            + "\"with, a comma\",delivery\r\n"
            + "\"she said \"\"cancel it\"\"\",cancellation\r\n"
            + "\"two\nlines\",technical\r\n"
            + "\r\n"
            + "last line without newline,  complaint "
        let examples = try IntentData.csv(csv)
        #expect(
            examples == [
                IntentExample(text: "plain text", label: "billing"),
                IntentExample(text: "with, a comma", label: "delivery"),
                IntentExample(text: "she said \"cancel it\"", label: "cancellation"),
                IntentExample(text: "two\nlines", label: "technical"),
                IntentExample(text: "last line without newline", label: "complaint"),
            ])
    }

    @Test("CSV: columns are found by name, in any order, with extra columns; intent and category name the label")
    func csvColumns() throws {
        #expect(
            try IntentData.csv("id,Label,Text\n1,a,hello\n2,b,bye\n") == [
                IntentExample(text: "hello", label: "a"), IntentExample(text: "bye", label: "b"),
            ])
        #expect(try IntentData.csv("text,category\nhi,x\n") == [IntentExample(text: "hi", label: "x")])
        #expect(try IntentData.csv("text,intent\nhi,x\n") == [IntentExample(text: "hi", label: "x")])
    }

    @Test("CSV: every bad line is reported with its number")
    func csvBadLines() {
        let csv = """
            text,label
            fine,a
            too,many,fields
            "unclosed quote, a
            """
        #expect(throws: IntentDataError.self) { try IntentData.csv(csv) }
        do {
            _ = try IntentData.csv(csv)
        } catch {
            #expect(error.problems.map(\.line) == [3, 4])
            #expect(error.problems[0].reason == "expected 2 fields, found 3")
            #expect(error.problems[1].reason.contains("never closed"))
            #expect(error.description.contains("line 3: expected 2 fields, found 3"))
        }
    }

    @Test("CSV: a line number counts the line breaks inside earlier quoted fields")
    func csvLineNumbersAfterMultilineFields() {
        let csv = "text,label\n\"one\ntwo\nthree\",a\nno label,\n\"x\"y,b\n"
        do {
            _ = try IntentData.csv(csv)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.problems == [
                    IntentDataProblem(line: 5, reason: "the label is empty"),
                    IntentDataProblem(line: 6, reason: "unexpected text after a closing quote (write a quote inside a quoted field as \"\")"),
                ])
        }
    }

    @Test("CSV: a header without text and label columns, and an empty file, are errors")
    func csvHeader() {
        #expect(throws: IntentDataError(problems: [IntentDataProblem(line: 1, reason: "the file is empty")])) { try IntentData.csv("") }
        do {
            _ = try IntentData.csv("sentence,tag\nhi,x\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.first?.line == 1)
            #expect(error.problems.first?.reason.contains("header") == true)
        }
    }

    @Test("JSON lines: text and label (or intent); bad lines named; CRLF and blank lines are fine")
    func jsonLines() throws {
        let good = "{\"text\": \"hi\", \"label\": \"a\"}\r\n\n{\"text\": \"bye\", \"intent\": \"b\"}\n"
        #expect(try IntentData.jsonLines(good) == [IntentExample(text: "hi", label: "a"), IntentExample(text: "bye", label: "b")])
        let bad = "{\"text\": \"hi\", \"label\": \"a\"}\n{broken\n{\"label\": \"a\"}\n{\"text\": \"x\", \"label\": 3}\n"
        do {
            _ = try IntentData.jsonLines(bad)
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.line) == [2, 3, 4])
        }
    }

    @Test("the format is guessed from the first character")
    func guess() throws {
        #expect(IntentData.Format.guess("  {\"text\": 1}") == .jsonLines)
        #expect(IntentData.Format.guess("text,label\n") == .csv)
        #expect(try IntentData.examples("{\"text\": \"hi\", \"label\": \"a\"}") == [IntentExample(text: "hi", label: "a")])
    }

    @Test("a long list of problems is cut short in the message")
    func problemLimit() {
        let error = IntentDataError(problems: (1...30).map { IntentDataProblem(line: $0, reason: "bad") })
        #expect(error.description.split(separator: "\n").count == IntentData.problemLimit + 1)
        #expect(error.description.hasSuffix("… and 10 more bad lines"))
    }
}
