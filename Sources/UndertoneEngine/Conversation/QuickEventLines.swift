/// A call's first and last lines read and written without Foundation, as turns are (`Turn.init?(_:)`, `Turn.line`):
/// every call over a WebSocket or REST starts and ends with one, and Foundation's decoder and the general encoder were a
/// measurable part of a short call's cost. Whatever these read, Foundation reads the same; whatever they write, the
/// general encoder writes byte for byte (`QuickEventLineTests`).
extension CallStarted {
    /// A start from a line's fields when every field is there with its type and the start is valid; nil otherwise, and
    /// for any start with a `"history"` (left to the decoder).
    init?(_ object: FlatJSONObject) {
        guard object["history"] == nil, case .string(let callID)? = object["call"], case .integer(let at)? = object["at"],
            case .string(let channelName)? = object["channel"], let channel = Channel(rawValue: channelName),
            case .string(let customerID)? = object["customer"], case .string(let queue)? = object["queue"],
            let language = object.optionalString("language"), let industry = object.optionalString("industry"),
            let agentID = object.optionalString("agent"), let team = object.optionalString("team")
        else { return nil }
        self.init(
            callID: callID, at: at, channel: channel, customerID: customerID, queue: queue, language: language ?? "en", industry: industry,
            agentID: agentID, team: team)
        guard (try? validate()) != nil else { return nil }
    }

    /// The start's line as `CallEvents.encode` writes every event (keys sorted, `"v"` and `"type"` included), written
    /// directly; nil with a history (the general encoder writes it).
    var line: String? {
        guard history == nil else { return nil }
        var out = JSONLineWriter(capacity: callID.utf8.count + customerID.utf8.count + queue.utf8.count + 160)
        out.openObject()
        if let agentID { out.member("agent", agentID) }
        out.member("at", at)
        out.member("call", callID)
        out.member("channel", channel.rawValue)
        out.member("customer", customerID)
        if let industry { out.member("industry", industry) }
        out.member("language", language)
        out.member("queue", queue)
        if let team { out.member("team", team) }
        out.member("type", Self.eventType)
        out.member("v", CallEvent.formatVersion)
        out.closeObject()
        return out.line
    }
}

extension CallEnded {
    /// An end from a line's fields when every field is there with its type and the end is valid; nil otherwise.
    init?(_ object: FlatJSONObject) {
        guard case .string(let callID)? = object["call"], case .integer(let at)? = object["at"],
            let disposition = object.optionalString("disposition"), let survey = object.optionalInteger("survey")
        else { return nil }
        self.init(callID: callID, at: at, disposition: disposition, survey: survey)
        guard (try? validate()) != nil else { return nil }
    }

    /// The end's line as `CallEvents.encode` writes every event, written directly.
    var line: String {
        var out = JSONLineWriter(capacity: callID.utf8.count + (disposition?.utf8.count ?? 0) + 96)
        out.openObject()
        out.member("at", at)
        out.member("call", callID)
        if let disposition { out.member("disposition", disposition) }
        if let survey { out.member("survey", survey) }
        out.member("type", Self.eventType)
        out.member("v", CallEvent.formatVersion)
        out.closeObject()
        return out.line
    }
}

extension FlatJSONObject {
    /// An optional string member: `.some(nil)` when absent or `null`, nil when of another type.
    func optionalString(_ key: String) -> String?? {
        switch self[key] {
        case nil, .null?: .some(nil)
        case .string(let value)?: .some(value)
        default: nil
        }
    }

    /// An optional integer member: `.some(nil)` when absent or `null`, nil when of another type.
    func optionalInteger(_ key: String) -> Int?? {
        switch self[key] {
        case nil, .null?: .some(nil)
        case .integer(let value)?: .some(value)
        default: nil
        }
    }
}
