/// A comma-separated table as RFC 4180 writes it: fields may be quoted (`"…"`, with `""` for a quote inside), and a
/// quoted field may hold commas and line breaks; records end with LF or CRLF. Each record keeps the line it starts on,
/// so errors can point at it. A leading byte-order mark is skipped; blank lines are skipped.
struct CSVTable {
    struct Record {
        var line: Int
        var fields: [String]
    }

    var records: [Record] = []
    var problems: [IntentDataProblem] = []

    init(_ text: String) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
        var line = 1
        var index = 0
        let end = bytes.count
        while index < end {
            let recordLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var failure: String?
            var finished = false
            while !finished {
                // One field.
                field.removeAll(keepingCapacity: true)
                if index < end, bytes[index] == quote {
                    index += 1
                    var closed = false
                    while index < end {
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < end, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == newline { line += 1 }
                        field.append(byte)
                        index += 1
                    }
                    if !closed {
                        failure = "a quoted field is never closed (its quote opens on this line)"
                    } else if index < end, bytes[index] != comma, bytes[index] != newline, bytes[index] != carriage {
                        failure = "unexpected text after a closing quote (write a quote inside a quoted field as \"\")"
                    }
                } else {
                    while index < end, bytes[index] != comma, bytes[index] != newline, bytes[index] != carriage {
                        field.append(bytes[index])
                        index += 1
                    }
                }
                if failure != nil {
                    // Skip to the end of this physical line and report the record.
                    while index < end, bytes[index] != newline { index += 1 }
                    if index < end {
                        index += 1
                        line += 1
                    }
                    break
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if index >= end {
                    finished = true
                } else if bytes[index] == comma {
                    index += 1
                } else {
                    if bytes[index] == carriage { index += 1 }
                    if index < end, bytes[index] == newline { index += 1 }
                    line += 1
                    finished = true
                }
            }
            if let failure {
                problems.append(IntentDataProblem(line: recordLine, reason: failure))
            } else if !(fields.count == 1 && fields[0].allSatisfy(\.isWhitespace)) {
                records.append(Record(line: recordLine, fields: fields))
            }
        }
    }
}
