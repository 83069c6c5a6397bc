"""Reads a roadmap file with Python's own TOML parser (tomllib, independent of
roadmap's code) and prints its notes, descriptions, due dates, owners and
dependencies as JSON, for tests/sources.rs."""
import json
import sys
import tomllib

with open(sys.argv[1], "rb") as f:
    plan = tomllib.load(f)
print(json.dumps({
    "note": plan["roadmap"].get("note", ""),
    "phases": {p["id"]: p.get("note", "") for p in plan.get("phase", [])},
    "milestones": {
        m["id"]: {
            "note": m.get("note", ""),
            "description": m.get("description", ""),
            "criteria": m.get("criteria", ""),
            "due": m.get("due"),
            "owner": m.get("owner"),
            "depends_on": m.get("depends_on", []),
        }
        for m in plan.get("milestone", [])
    },
}, ensure_ascii=False))
