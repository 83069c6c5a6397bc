"""Reads an MS Project XML file with MPXJ and writes it again with MPXJ's own
MSPDI writer (what ProjectLibre and GanttProject files go through on their
way to MS Project), for tests/mspdi.rs; prints {"tasks": N}."""
import json
import sys

import jpype
import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

jpype.startJVM()
from org.mpxj.mspdi import MSPDIWriter  # noqa: E402
from org.mpxj.reader import UniversalProjectReader  # noqa: E402

project = UniversalProjectReader().read(sys.argv[1])
MSPDIWriter().write(project, sys.argv[2])
print(json.dumps({"tasks": int(project.getTasks().size())}))
