"""Reads a JUnit XML file with the `junitparser` package (independent of
roadmap's own code) and prints its suites and cases as JSON, for
tests/ci_formats.rs."""
import json
import sys

from junitparser import Failure, JUnitXml, Skipped

xml = JUnitXml.fromfile(sys.argv[1])
suites = []
for suite in xml:
    cases = []
    for case in suite:
        outcome, message = "passed", None
        for result in case.result:
            if isinstance(result, Failure):
                outcome, message = "failed", result.message
            elif isinstance(result, Skipped):
                outcome, message = "skipped", result.message
        cases.append({"class": case.classname, "name": case.name, "outcome": outcome, "message": message})
    suites.append(
        {
            "name": suite.name,
            "tests": suite.tests,
            "failures": suite.failures,
            "skipped": suite.skipped,
            "cases": cases,
        }
    )
print(json.dumps({"tests": xml.tests, "failures": xml.failures, "skipped": xml.skipped, "suites": suites}, ensure_ascii=False))
