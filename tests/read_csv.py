"""Reads a CSV file with Python's csv module and prints the rows as JSON."""
import csv
import json
import sys

with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(json.dumps(list(csv.reader(f)), ensure_ascii=False))
