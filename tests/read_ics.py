"""Reads an iCalendar file with the `icalendar` package (independent of
roadmap's own code) and prints its events as JSON, for tests/adopt_export.rs."""
import json
import sys

import icalendar

with open(sys.argv[1], "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
events = []
for event in calendar.walk("VEVENT"):
    events.append(
        {
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "description": str(event["DESCRIPTION"]),
            "start": event.decoded("DTSTART").isoformat(),
            "end": event.decoded("DTEND").isoformat(),
        }
    )
print(json.dumps({"name": str(calendar.get("X-WR-CALNAME")), "events": events}, ensure_ascii=False))
