-- wrk script for REST ingest: every request is a one-event batch to POST /v1/events — a customer's turn — the way a
-- chat platform or a transcript relay posts each message as it happens. The chats are started beforehand
-- (scripts/wrk-ingest.sh posts their call_started events): chat "wrk-RUN-T-N" for each wrk thread T and N from 0 to
-- CALLS - 1. Each thread sends turns to its chats in turn, so a chat's next turn goes long after its last was answered.
--
--   wrk -t1 -c64 -d30s -s scripts/wrk-ingest.lua -H "Authorization: Bearer $KEY" http://127.0.0.1:8080 -- RUN CALLS [floor]
--
-- A response other than 200 is counted and reported at the end (wrk's own "Non-2xx" line counts them too).
local texts = {
    "hi I am calling about my last bill",
    "I have called three times about this charge and nobody has fixed it",
    "okay that makes sense thanks",
    "this is ridiculous I want to speak to a manager",
}
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("number", #threads)
end

function init(args)
    run = args[1] or "run"
    calls = tonumber(args[2] or "1000")
    -- "floor": every turn is the agent saying "ok" (the engine has next to nothing to do): the request path's own cost.
    floor = args[3] == "floor"
    sent = 0
    failed = 0
    -- wrk.format takes these headers instead of those given with -H: keep those (the API key) and add the type.
    headers = { ["Content-Type"] = "application/x-ndjson" }
    for name, value in pairs(wrk.headers) do headers[name] = value end
end

function request()
    sent = sent + 1
    local call = string.format("wrk-%s-%d-%d", run, number, sent % calls)
    local speaker = floor and "agent" or "customer"
    local text = floor and "ok" or texts[math.floor(sent / calls) % #texts + 1]
    local body = string.format('{"v":1,"type":"turn","call":"%s","at":%d,"utterance":"u-%d","speaker":"%s","text":"%s"}',
        call, sent, sent, speaker, text)
    return wrk.format("POST", "/v1/events", headers, body)
end

function response(status, headers, body)
    if status ~= 200 then
        failed = failed + 1
        if failed <= 3 then io.stderr:write(string.format("HTTP %d: %s\n", status, body)) end
    end
end

function done(summary, latency, requests)
    local total = 0
    for _, thread in ipairs(threads) do total = total + (thread:get("failed") or 0) end
    io.write(string.format("requests: %d in %.1f s: %.0f/s; not 200: %d\n", summary.requests, summary.duration / 1e6,
        summary.requests / (summary.duration / 1e6), total))
    io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, latency.max / 1000))
end
