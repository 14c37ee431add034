"""Re-measures examples/calls against examples/calls/expected.json after an engine or model change.

For each call: if the engine now gives the desired outcome, its knownGap and current are dropped; if not, current is
set to what the engine does now and the call keeps (or gets) a knownGap. Prints what changed. Needs a built binary:
    swift build && python3 scripts/refresh-example-gaps.py
"""
import json
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
calls = os.path.join(root, "examples", "calls")
binary = os.path.join(root, ".build", "debug", "undertone")
path = os.path.join(calls, "expected.json")
expected = json.load(open(path, encoding="utf-8"))

for name, entry in expected.items():
    out = subprocess.run([binary, "analyze", os.path.join(calls, name), "--json", "--preset", entry["preset"]],
                         capture_output=True, text=True, check=True).stdout
    decisions = [d for d in map(json.loads, out.splitlines()) if d["type"] == "decision"]
    raised = [{"tier": d["tier"], "rule": d["rule"]} for d in decisions if d["kind"] == "raised"]
    climbs = sum(d["kind"] == "climbed" for d in decisions)
    alert_tiers = [d["tier"] for d in decisions if d["kind"] in ("raised", "climbed")]
    ok = raised == entry["raised"]
    ok &= not any(t in alert_tiers for t in entry.get("mustNotRaise", []))
    ok &= len(alert_tiers) <= entry.get("maxRaised", 99)
    ok &= climbs == entry.get("climbs", climbs)
    ok &= all(alert_tiers.count(t) <= entry.get("maxAlertsPerTier", 99) for t in set(alert_tiers))
    had_gap = "knownGap" in entry
    if ok and had_gap and not entry.get("recovers"):
        entry.pop("knownGap")
        entry.pop("current", None)
        print(f"{name}: gap closed")
    elif not ok:
        if not had_gap:
            entry["knownGap"] = f"The engine raises {raised or 'nothing'} where {entry['raised']} is wanted."
            print(f"{name}: NEW gap: raises {raised}")
        entry["current"] = {"raised": raised, "climbs": climbs}
        if had_gap:
            print(f"{name}: still a gap; now raises {raised}")
    else:
        print(f"{name}: ok")
json.dump(expected, open(path, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
open(path, "a").write("\n")
sys.exit(0)
