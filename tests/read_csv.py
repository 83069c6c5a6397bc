"""Reads a CSV file with Python's csv module and prints the rows as JSON.
With --excel, reads it as Excel with Swedish or Norwegian settings does:
`;` between fields, UTF-8 after a byte-order mark."""
import csv
import json
import sys

excel = "--excel" in sys.argv[2:]
with open(sys.argv[1], newline="", encoding="utf-8-sig" if excel else "utf-8") as f:
    print(json.dumps(list(csv.reader(f, delimiter=";" if excel else ",")), ensure_ascii=False))
