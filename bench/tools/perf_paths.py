#!/usr/bin/env python3
"""Summarise `perf script` output (recorded with --call-graph dwarf) by the roadmap code.

    perf script -i perf.data | python3 bench/tools/perf_paths.py [LIMIT_PERCENT]

Prints, as a share of all samples:
  - inclusive: each roadmap:: function with everything it calls;
  - leaf paths: the innermost two roadmap:: frames of each sample and the first
    library function they call (so time in malloc, toml_edit or comfy_table is
    charged to the roadmap code that asked for it).
"""
import collections
import re
import sys


def samples(lines):
    stack = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if stack:
                yield stack
            stack = []
        elif line.startswith((" ", "\t")):
            parts = line.strip().split(" ", 1)
            if len(parts) == 2:
                symbol = parts[1].rsplit(" (", 1)[0]
                symbol = re.sub(r"\+0x[0-9a-f]+$", "", symbol)
                stack.append(re.sub(r" \(inlined\)$", "", symbol))
    if stack:
        yield stack


def ours(symbol):
    return symbol.startswith(("roadmap::", "<roadmap::")) or "<roadmap::" in symbol


def main():
    limit = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    total = 0
    inclusive = collections.Counter()
    leaf = collections.Counter()
    for stack in samples(sys.stdin):
        total += 1
        frames = list(reversed(stack))  # outermost first
        mine = [i for i, f in enumerate(frames) if ours(f)]
        for f in {frames[i] for i in mine}:
            inclusive[f] += 1
        if mine:
            last = mine[-1]
            callee = frames[last + 1] if last + 1 < len(frames) else "(own code)"
            path = " > ".join(frames[i].replace("roadmap::", "") for i in mine[-2:])
            leaf[f"{path} >> {callee[:70]}"] += 1
        else:
            leaf["(outside roadmap code) " + frames[-1][:70]] += 1
    print(f"samples: {total}")
    print("-- inclusive")
    for name, n in inclusive.most_common():
        if 100 * n / total < limit:
            break
        print(f"{100 * n / total:5.1f}%  {name[:130]}")
    print("-- leaf paths")
    for name, n in leaf.most_common():
        if 100 * n / total < limit:
            break
        print(f"{100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
