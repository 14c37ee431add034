#!/usr/bin/env python3
"""Writes the calls `undertone loadtest` sends (12 turns each, every third customer growing angry halfway, one event
every 2 s on the call's clock) as call files, so that the engine's share of the load can be timed on its own:

    python3 scripts/loadtest-calls.py /tmp/loadtest-calls 600
    undertone policy show default > /tmp/default.yaml
    time undertone replay --policy /tmp/default.yaml /tmp/loadtest-calls/*.jsonl > /dev/null

(`replay` runs every call through the candidate and the baseline policy: two engine passes a call.) The phrases are the
ones in Sources/undertone/LoadTest.swift; keep the two in step."""
import json
import os
import sys

CALM = ["hi I am calling about my last bill", "I see a charge I do not recognise", "okay that makes sense",
        "can you tell me when it will show up", "thanks that helps", "alright I will wait for the email"]
ANGRY = ["I have called three times about this charge", "nobody has fixed it and I am losing patience",
         "this is ridiculous I want to speak to a manager", "I am absolutely furious with this service",
         "if this is not sorted today I am cancelling my account", "this is the worst service I have ever had"]
AGENT = ["thank you for calling how can I help", "let me look into that for you", "I understand I am checking your account now",
         "I can see the charge here", "I am sorry about the trouble", "I will make sure this gets fixed"]


def call(index, turns=12, step=2000):
    call_id = f"lt-{index}"
    events = [{"v": 1, "type": "call_started", "call": call_id, "at": 0, "channel": "voice", "customer": f"cust-{index}",
               "queue": "billing", "agent": f"ag-{index % 50}"}]
    grows_angry = index % 3 == 0
    for turn in range(turns):
        customer = turn % 2 == 0
        pool = (ANGRY if grows_angry and turn >= turns // 2 else CALM) if customer else AGENT
        events.append({"v": 1, "type": "turn", "call": call_id, "at": len(events) * step, "utterance": f"u{turn + 1}",
                       "speaker": "customer" if customer else "agent", "text": pool[(turn // 2 + index) % len(pool)]})
    events.append({"v": 1, "type": "call_ended", "call": call_id, "at": len(events) * step})
    return events


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: loadtest-calls.py FOLDER COUNT")
    folder, count = sys.argv[1], int(sys.argv[2])
    os.makedirs(folder, exist_ok=True)
    for index in range(count):
        with open(os.path.join(folder, f"lt-{index}.jsonl"), "w") as out:
            out.write("".join(json.dumps(event) + "\n" for event in call(index)))


if __name__ == "__main__":
    main()
