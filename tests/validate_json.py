"""Validates a JSON file against a JSON Schema with the `jsonschema` package
(independent of roadmap's own code); prints {"valid": true} or the first
error, for tests/ci_formats.rs."""
import json
import sys

import jsonschema

with open(sys.argv[1], encoding="utf-8") as f:
    document = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    schema = json.load(f)
try:
    jsonschema.validate(document, schema)
    print(json.dumps({"valid": True, "count": len(document)}))
except jsonschema.ValidationError as e:
    print(json.dumps({"valid": False, "error": e.message}))
