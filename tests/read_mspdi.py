"""Reads an MS Project XML (MSPDI) file with MPXJ (the `mpxj` package on
Java, independent of roadmap's own code) and prints its tasks as JSON, for
tests/mspdi.rs."""
import json
import sys

import jpype
import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

jpype.startJVM()
from org.mpxj.reader import UniversalProjectReader  # noqa: E402

project = UniversalProjectReader().read(sys.argv[1])


def day(value):
    return None if value is None else str(value.toLocalDate())


tasks = []
for task in project.getTasks():
    if task.getUniqueID() is None or int(task.getUniqueID()) == 0:
        continue
    predecessors = [int(r.getPredecessorTask().getUniqueID()) for r in task.getPredecessors()]
    resources = [str(a.getResource().getName()) for a in task.getResourceAssignments() if a.getResource() is not None]
    percent = task.getPercentageComplete()
    tasks.append(
        {
            "uid": int(task.getUniqueID()),
            "name": str(task.getName()),
            "outline_level": int(task.getOutlineLevel()),
            "summary": bool(task.getSummary()),
            "milestone": bool(task.getMilestone()),
            "start": day(task.getStart()),
            "finish": day(task.getFinish()),
            "deadline": day(task.getDeadline()),
            "percent_complete": None if percent is None else float(percent.doubleValue()),
            "predecessors": predecessors,
            "resources": resources,
            "notes": str(task.getNotes() or ""),
        }
    )
print(json.dumps({"title": str(project.getProjectProperties().getProjectTitle() or ""), "tasks": tasks}, ensure_ascii=False))
