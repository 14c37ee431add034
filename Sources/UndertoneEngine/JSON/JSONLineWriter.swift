/// Writes one compact JSON value straight into bytes, for the lines the server writes on every event (a turn's signal),
/// where building ``SortedJSON``'s tree per value is most of the cost. The caller names members in sorted order and
/// writes only finite numbers; strings and numbers come out exactly as ``SortedJSON`` writes them, and each line
/// written this way is held to ``SortedJSON``'s bytes by a randomized test.
struct JSONLineWriter: TextOutputStream {
    private(set) var bytes: [UInt8] = []
    /// Whether the object or array being written already has a member, so that the next one needs a comma.
    private var hasMember = false

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var line: String { String(decoding: bytes, as: UTF8.self) }

    mutating func openObject() {
        bytes.append(UInt8(ascii: "{"))
        hasMember = false
    }

    mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        hasMember = true
    }

    mutating func openArray() {
        bytes.append(UInt8(ascii: "["))
        hasMember = false
    }

    mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        hasMember = true
    }

    /// The next member's key (plain ASCII, needing no escape), and the comma before it.
    mutating func key(_ name: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: "\":".utf8)
    }

    /// The comma before an array's next element.
    mutating func element() {
        comma()
    }

    private mutating func comma() {
        if hasMember { bytes.append(UInt8(ascii: ",")) }
        hasMember = true
    }

    mutating func string(_ text: String) {
        SortedJSONNode.writeString(text, into: &bytes)
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A finite number (the caller checks: ``SortedJSON`` throws for the others, and so the caller leaves them to it),
    /// as ``SortedJSONNode/finiteText(_:)`` writes it: the shortest text that reads back as the same number, without a
    /// trailing ".0". Written by the number itself into the bytes, rather than through `description`, which allocates a
    /// string for every text longer than fifteen bytes (most probabilities).
    mutating func number(_ value: Double) {
        value.write(to: &self)
        if bytes.count >= 2, bytes[bytes.count - 2] == UInt8(ascii: "."), bytes[bytes.count - 1] == UInt8(ascii: "0") {
            bytes.removeLast(2)
        }
    }

    // TextOutputStream, for `number(_:)`: a number writes its ASCII text in one piece.
    mutating func write(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }

    /// JSON text already written, as it is.
    mutating func raw(_ json: String) {
        bytes.append(contentsOf: json.utf8)
    }

    /// A member whose value is a string, an integer or a finite number.
    mutating func member(_ name: StaticString, _ text: String) {
        key(name)
        string(text)
    }

    mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func member(_ name: StaticString, _ value: Double) {
        key(name)
        number(value)
    }
}
