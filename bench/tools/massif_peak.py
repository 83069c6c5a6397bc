#!/usr/bin/env python3
"""Break the peak heap snapshot of a valgrind massif file down by where it was allocated.

    python3 bench/tools/massif_peak.py massif.out

Each allocation is charged to the first frame (from the allocation site towards
main) that matches one of the CATEGORIES patterns; anything else to the nearest
roadmap:: frame.
"""
import collections
import re
import sys

CATEGORIES = [
    (r"comfy_table::table::Table as core::fmt::Display|build_table|borders\.rs|content_format\.rs",
     "comfy_table: rendering the table into lines and the output String"),
    (r"comfy_table|cell\.rs:", "comfy_table: cells added with add_row"),
    (r"state/mod\.rs|State::fold|fold \(", "State::fold (the targets map)"),
    (r"file\.rs:", "state log: the parsed events (state/file.rs)"),
    (r"toml_edit", "toml_edit Document (one file at a time)"),
    (r"parse\.rs:", "the parsed roadmaps (roadmap/parse.rs)"),
    (r"catalog\.rs:", "roadmap/catalog.rs"),
    (r"overdue\.rs:", "overdue rows (Vec<Item>, commands/overdue.rs)"),
    (r"status\.rs:", "standings (status.rs)"),
    (r"timeline\.rs:", "commands/timeline.rs"),
    (r"report/", "report/"),
]


def main():
    text = open(sys.argv[1]).read()
    snapshots = []
    for chunk in text.split("snapshot=")[1:]:
        heap = int(re.search(r"mem_heap_B=(\d+)", chunk).group(1))
        extra = int(re.search(r"mem_heap_extra_B=(\d+)", chunk).group(1))
        snapshots.append((heap + extra, chunk))
    total, peak = next(((t, c) for t, c in snapshots if "heap_tree=peak" in c), max(snapshots))
    by = collections.Counter()
    stack = []
    for line in peak.splitlines():
        m = re.match(r"(\s*)n(\d+): (\d+) (.*)", line)
        if not m:
            continue
        depth, children, size, desc = len(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4)
        stack = stack[:depth] + [desc]
        if children:
            continue
        name = None
        for frame in stack:  # the allocation site first, main last
            name = next((label for pattern, label in CATEGORIES if re.search(pattern, frame)), None)
            if name:
                break
        if name is None:
            name = next((re.sub(r"^0x[0-9A-F]+: ", "", f)[:90] for f in stack if "roadmap::" in f), stack[0][:90])
        by[name] += size
    useful = sum(by.values())
    print(f"peak heap: {useful / 2**20:.1f} MiB requested, {total / 2**20:.1f} MiB with allocator overhead")
    for name, size in by.most_common(15):
        print(f"{100 * size / useful:5.1f}%  {size / 2**20:7.1f} MiB  {name}")


if __name__ == "__main__":
    main()
