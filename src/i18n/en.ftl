# English. Every message here is in sv.ftl and nb.ftl too, with the same
# variables (a test checks). Values come in as `{ $name }`; counts choose
# their plural with `{ $n -> [one] ... *[other] ... }`.

## Statuses and what changes do

status-done = done
status-skipped = skipped
status-overdue = overdue
status-due = due
status-upcoming = upcoming
status-ongoing = ongoing
status-undated = undated
status-count = { $n } { $status ->
    [done] done
    [skipped] skipped
    [overdue] overdue
    [due] due
    [upcoming] upcoming
    [ongoing] ongoing
   *[undated] undated
}
mark-open = open
op-done = done
op-reopen = reopened
op-skip = skipped
op-note = noted
op-reschedule = rescheduled
op-rekey = reattached
op-risk = risk
op-cost = cost
op-forget = a name forgotten
op-rename = renamed

## Dates, amounts, ages

no-date = no date
no-owner = (no owner)
gone = (no longer in the roadmap)
dates-unknown = unknown
dates-week-no-year = week { $week }, no year
dates-weeks-no-year = weeks { $first }–{ $last }, no year
due-moved = { $due } (was { $baseline })
due-first-dated = { $due } (had no date)
period-week = week { $week }, { $year }
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
week-of = week { $week }
week-of-year = week { $week }, { $year }
weeks-of = weeks { $first }–{ $last }
day-short = { $day } { $month }
day-long = { $day } { $month } { $year }
month-year = { $month } { $year }
month-name = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
span-same-month = { $first }–{ $last } { $month } { $year }
span-same-year = { $first } { $first_month } – { $last } { $last_month } { $year }
amount-kr = { $amount } kr
list-and = { $first } and { $last }
week-short = W{ $week }
quarter-short = Q{ $quarter }
amount-tkr = { $amount } tkr
days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
age-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
age-weeks = { $n ->
    [one] 1 week
   *[other] { $n } weeks
}
age-months = { $n ->
    [one] 1 month
   *[other] { $n } months
}
age-years = { $n ->
    [one] 1 year
   *[other] { $n } years
}
blocked-by = blocked by { $milestones }
blocked-by-paren = (blocked by { $milestones })

## Column headers (capitals on a terminal)

col-id = Id
col-title = Title
col-milestone = Milestone
col-milestones = Milestones
col-step = Step
col-steps = Steps
col-from = From
col-due = Due
col-dates = Dates
col-owner = Owner
col-cost = Cost (tkr)
col-next = Next
col-overdue = Overdue
col-what = What
col-when = When
col-who = Who
col-change = Change
col-note = Note
col-baseline = Baseline
col-now = Now
col-moved = Moved
col-times = Times
col-why = Reason
col-status = Status
col-roadmap = Roadmap
col-steps-done = Steps done
col-milestones-done = Milestones done
col-overdue-count = Overdue
col-due-count = Due
col-upcoming-count = Upcoming
col-overdue-by = Overdue by
col-open = Open
col-of-which-overdue = Of which overdue

## Where things are

origin-shipped = shipped
origin-replaces-shipped = { $path } (replaces shipped)
state-from-workspaces = the state files of { $count ->
    [one] 1 workspace
   *[other] { $count } workspaces
} (from --workspace)
state-from-flag = { $path } (from --state)
state-from-env = { $path } (from ROADMAP_STATE)
state-from-workspace = { $path } (the workspace)
state-from-user-data = { $path } (the user's data directory; `roadmap init` makes a workspace here)
where-state = state: { $state }
where-language = language: { $language } ({ $why })
language-from-flag = from --lang
language-from-env = from ROADMAP_LANG
language-from-workspace = the workspace's setting in { $path }
language-from-locale = from { $var }={ $value }
language-from-default = no --lang, ROADMAP_LANG, workspace setting or locale says otherwise
waiting-for-lock = waiting for another roadmap command to finish with { $path } ...

## status

status-label-steps = steps
status-label-milestones = milestones
status-label-status = status
status-label-overdue = overdue
status-label-blocked = blocked
status-label-cost = cost
status-label-unmatched = unmatched
status-cost-budget = budget { $amount }
status-unmatched = { $count ->
    [one] 1 change recorded no longer matches a step or milestone (`roadmap validate` lists it)
   *[other] { $count } changes recorded no longer match a step or milestone (`roadmap validate` lists them)
}
status-left-out = not shown: the shipped roadmaps { $roadmaps } (name one to see it: roadmap status { $first })
status-footer = state: { $state } · today { $today }

## checklist

checklist-unmatched = { $count ->
    [one] 1 change recorded for this roadmap no longer matches a step or milestone; `roadmap validate` lists it
   *[other] { $count } changes recorded for this roadmap no longer match a step or milestone; `roadmap validate` lists them
}
checklist-changed = { $what } by { $by } { $when }
checklist-changed-for = { $what } by { $by } { $when } (for { $day })
checklist-note = note by { $by } { $day }: { $text }

## timeline

timeline-today = today { $today }

## overdue

junit-title = roadmap: overdue milestones
junit-overdue = overdue { $age } (due { $due })
junit-due = due { $due }
junit-owner = owner: { $owner }
junit-open-step = open: { $step } ({ $owner })
junit-skipped = not applicable: { $why }
mspdi-undated = No due date in the plan: the dates here are only where MS Project put it.
overdue-none = nothing is overdue (today { $today })
overdue-summary = { $milestones ->
    [one] 1 overdue milestone
   *[other] { $milestones } overdue milestones
}, { $steps ->
    [one] 1 open step
   *[other] { $steps } open steps
} in them (today { $today })

## show

fact-language = language
fact-organisation = organisation
fact-source = source
fact-year = year
fact-parties = parties
fact-note = note
fact-phase = phase
fact-kind = kind
fact-kind-gate = gate (a decision point)
fact-due = due
fact-baseline = baseline
fact-owner = owner
fact-cost = cost
fact-depends-on = depends on
fact-criteria = criteria
fact-description = description
show-no-phase = No phase
show-gate-title = { $title } (gate)
show-total-cost = Total cost: { $total } tkr

## log and slips

log-empty = no changes recorded in { $path }
log-none-match = no change matches; { $count ->
    [one] 1 is
   *[other] { $count } are
} recorded (see `roadmap log` without filters)
log-gone = { $text } (no longer in the roadmap)
log-when-for = { $when } (for { $day })
slips-none = nothing has been rescheduled
slips-days = { $sign }{ $n ->
    [one] { $n } day
   *[other] { $n } days
}

## Recording changes

recorded-by-flag = recorded { $count ->
    [one] 1 change
   *[other] { $count } changes
} as { $name } (from --by) in { $path }
recorded-by-env = recorded { $count ->
    [one] 1 change
   *[other] { $count } changes
} as { $name } (from ROADMAP_USER) in { $path }
recorded-by-git = recorded { $count ->
    [one] 1 change
   *[other] { $count } changes
} as { $name } (git user.name) in { $path }
recorded-by-login = recorded { $count ->
    [one] 1 change
   *[other] { $count } changes
} as { $name } (the login name) in { $path }
mark-nothing-done = nothing to change: already done
mark-nothing-open = nothing to change: already open
mark-nothing-skipped = nothing to change: already skipped
mark-nothing-noted = nothing to change: already noted
forget-alias-empty = the alias must be a name of its own
forget-alias-hint = give a role or initials: roadmap forget NAME --as projektledare
forget-done = replaced "{ $name }" by "{ $alias }" in { $changes ->
    [one] 1 change
   *[other] { $changes } changes
} and { $notes ->
    [one] 1 note
   *[other] { $notes } notes
} of { $path }
forget-backup = the file as it was is kept in { $backup }: delete it once the change is committed and shared
forget-history = git history still holds the old lines: to purge it, rewrite the history (git filter-repo --replace-text) and have every clone cloned again; a branch merged later can bring the name back, so run forget again after merging one
forget-nothing = nothing to change: no change records "{ $name }"
reattach-nothing = nothing to change: the changes recorded under `{ $under }` already count for { $address }
reattach-done = { $count ->
    [one] 1 change
   *[other] { $count } changes
} recorded under `{ $under }` count for { $address } from now on
rename-shipped = `{ $id }` is a shipped roadmap, not one of yours
rename-shipped-hint = adopt a copy under the id you want: roadmap init { $id } --id { $new }
rename-same = `{ $id }` already has that id
rename-same-hint = give the new id as the second argument
rename-taken = the id `{ $id }` is taken by { $path }
rename-taken-hint = choose another id, or rename that roadmap first
rename-done = renamed `{ $old }` to `{ $new }` ({ $path }); { $count ->
    [one] 1 change
   *[other] { $count } changes
} recorded on it count for `{ $new }`
reschedule-read-as = { $written } is { $due } in this plan
reschedule-along = moved along { $title } ({ $address }): { $from } -> { $to }
reschedule-not-along = not moved: { $title } ({ $address }) is due in months or longer, which weeks do not move; reschedule it yourself
reschedule-overtaken = warning: { $count ->
    [one] 1 later milestone now ends before this one
   *[other] { $count } later milestones now end before this one
}: { $milestones }
reschedule-overtaken-hint = help: reschedule each of them too (roadmap reschedule { $first } DUE); --shift-following on a move takes the later ones along by as many weeks
reschedule-nothing = nothing to change: { $address } is already due { $due }
reschedule-done = rescheduled { $address }: { $from } -> { $to } (baseline { $baseline })

## tick

tick-pick-milestone = Milestone
tick-quit = Quit
tick-keys = ↑/↓ move · space done/open · s skip (asks why) · n note · enter review and save · q leave without saving
tick-record = Record { $count ->
    [one] this change
   *[other] these { $count } changes
}?
tick-record-yes = Yes, record
tick-record-other-day = Yes, but the work was done on another day…
tick-back = No, back to the list
tick-record-no = No, leave without saving
tick-review = { $count ->
    [one] 1 change
   *[other] { $count } changes
}, to be recorded as { $who }, done on { $day }:
tick-ask-reason = Why is "{ $step }" not needed here (the reason is kept)
tick-ask-note = A note on "{ $step }"
tick-ask-day = The day the work was done (today is { $today })
tick-not-a-day = `{ $text }` is not a day: write it as 2027-04-16 or 16.04.2027
tick-day-after-today = that is after today ({ $today }): give today or a day before
tick-discarded = left without saving: { $count ->
    [one] 1 change was
   *[other] { $count } changes were
} not recorded
tick-left = left: nothing changed
tick-none-for-owner = no steps of { $owner } in this milestone
recorder-flag = { $name } (from --by)
recorder-env = { $name } (from ROADMAP_USER)
recorder-git = { $name } (git user.name)
recorder-login = { $name } (the login name)
tick-nothing-changed = nothing changed
tick-nothing-meanwhile = nothing to change: someone else recorded the same meanwhile

## init

init-kept = kept     { $path }
wrote-file = wrote { $path }
init-created = created  { $path }
init-placed = placed   { $address }: { $from } -> { $to }
init-named = named    { $id }: { $count ->
    [one] 1 step
   *[other] { $count } steps
} (`id`), so that a step can be reworded or moved without losing its progress
init-created-named = created  { $path } (`{ $id }`, a copy of `{ $template }`)
init-taken = the id `{ $id }` is taken by { $path }
init-taken-hint = adopt another copy under its own id, one per customer: roadmap init { $template } --id { $template }-CUSTOMER --organisation "NAME"
init-created-copy = created  { $path } (your copy of `{ $id }`; it replaces the shipped one here)
init-language = set      { $path }: language = "{ $language }"
init-workspace-id = set      { $path }: workspace_id = "{ $id }" (calendar events exported here carry it)
init-ready = workspace ready: commit { $folder } to share progress
init-adopted-shipped = Adopted from the shipped roadmap `{ $id }` with `{ $command }`.
init-adopted-file = Adopted from { $path } with `{ $command }`.
init-gitattributes-comment = Each side's new lines are kept on merge, so ticks never conflict.
init-readme = # roadmap workspace

    Commit this folder ({ $state }, { $roadmaps }, config.toml, .gitattributes, .gitignore, README.md) to share progress through git; the lock file is ignored. `{ $state }` is an append-only log written by `roadmap done`, `reopen`, `skip`, `note`, `tick` and `reschedule`: do not edit it by hand. `{ $roadmaps }` holds your own copies of roadmaps (`roadmap init ROADMAP`), which you may edit.

## The report (Markdown, HTML, text)

report-title = Status report { $period }
report-as-of = as of { $today }
light-green = green
light-yellow = yellow
light-red = red
headline-time = time, { $plan }
headline-cost = cost, { $plan }
headline-green = every plan is on track: nothing is overdue or later than first planned, and nothing due soon is blocked or behind
headline-overdue = { $count ->
    [one] 1 milestone overdue by { $days ->
        [one] 1 day
       *[other] { $days } days
    } ({ $title })
   *[other] { $count } milestones overdue, the oldest by { $days ->
        [one] 1 day
       *[other] { $days } days
    } ({ $title })
}
headline-at-risk = { $count ->
    [one] 1 milestone due soon is at risk
   *[other] { $count } milestones due soon are at risk
}
headline-cost-over = the expected cost is { $percent } % over budget
headline-threatened = { $title } ({ $due }) is threatened
headline-behind = milestones are later than first planned
report-assessment = Project lead's assessment
report-assessment-none = The project lead has written no assessment for this period.
report-portfolio = Customers
report-lights = Lights per plan
col-organisation = Organisation
col-oldest-overdue = Overdue longest
portfolio-milestones-done = { $done }/{ $total } milestones
portfolio-counts = { $customers ->
    [one] 1 customer
   *[other] { $customers } customers
}: { $red } red, { $yellow } yellow, { $green } green
portfolio-details = one plan in full: roadmap status ID (or --organisation NAME)
col-plan = Plan
col-overall = Overall
col-time = Time
col-cost-light = Cost
cause-overdue = { $title }: overdue by { $days ->
    [one] 1 day
   *[other] { $days } days
}
cause-slipped = { $title }: { $days ->
    [one] 1 day
   *[other] { $days } days
} later than first planned ({ $baseline })
cause-late = { $title }: { $days ->
    [one] 1 day
   *[other] { $days } days
} later than first planned
cause-blocked = { $title }: due within { $weeks ->
    [one] 1 week
   *[other] { $weeks } weeks
} but blocked by { $by }
cause-behind = { $title }: { $done } of { $total ->
    [one] 1 step
   *[other] { $total } steps
} done, { $days ->
    [one] 1 day
   *[other] { $days } days
} left
cause-more = and { $n } more
cost-field-spent = spent { $amount }
cost-field-spent-on = spent { $amount } ({ $milestone })
cost-field-forecast = forecast { $amount } in all
cost-spent-recorded = recorded { $amount } spent on { $plan }, { $day }
cost-forecast-recorded = recorded the forecast for { $plan }: { $amount } in all
cost-over-budget = { $percent } % over budget
cost-within-budget = within budget
cost-forecast = forecast { $expected } against a budget of { $budget } ({ $percent } % over)
cost-spent = { $expected } spent against a budget of { $budget } ({ $percent } % over)
at-risk-blocked = at risk: blocked by { $by }
at-risk-behind = at risk: { $done } of { $total ->
    [one] 1 step
   *[other] { $total } steps
} done, { $days ->
    [one] 1 day
   *[other] { $days } days
} left
report-decisions = Decisions needed
report-decisions-none = No decision is due.
decision-by = decided by { $owner }
decision-by-nobody = the plan names no one to decide
decision-due = decision due { $due }
decision-overdue = overdue by { $days ->
    [one] 1 day
   *[other] { $days } days
}
decision-criteria = To decide: { $criteria }
decision-proposal = Proposed decision: { $proposal }
decision-waits-for = Waits for: { $list }
decision-behind = Waiting on it: { $list }
decision-nothing-waits = Nothing waits on it.
standing-overdue = overdue by { $days ->
    [one] 1 day
   *[other] { $days } days
}
standing-open = { $status }, { $due }
steps-done = { $done }/{ $total ->
    [one] 1 step
   *[other] { $total } steps
}
report-next = { $weeks ->
    [one] Planned for the next week
   *[other] Planned for the next { $weeks } weeks
}
report-next-none = Nothing falls due.
report-top-risks = The largest risks
risk-score = Score { $score } ({ $likelihood } × { $impact })
risk-score-short = { $score } ({ $likelihood } × { $impact })
report-deviations = Deviations in the period
report-deviations-none = Nothing went off the plan in the period.
deviation-moved = moved from { $from } to { $to } ({ $sign }{ $days ->
    [one] 1 day
   *[other] { $days } days
}) by { $by }, { $day }
deviation-moved-undated = moved from { $from } to { $to } by { $by }, { $day }
deviation-skipped = marked not applicable by { $by }, { $day }
deviation-reopened = reopened by { $by }, { $day }: work once done is open again
deviation-overdue = became overdue on { $day }
deviation-cause = Cause: { $note }
deviation-consequence = Consequence: { $list } waits on it
report-done = Done in the period
report-done-none = Nothing was done in the period.
report-completed = Milestones completed
report-done-work = Steps and milestones done
done-by = { $by }, { $day }
done-by-recorded-later = { $by }, done { $day }, recorded { $recorded }
note-line = Note: { $note }
report-budget = Budget, actuals and forecast
col-budget = Budget (tkr)
col-spent = Spent (tkr)
col-forecast = Forecast (tkr)
col-exposure = Budget in late milestones (tkr)
report-overdue = Overdue
report-overdue-none = Nothing is overdue.
report-days-overdue = { $n ->
    [one] 1 day overdue
   *[other] { $n } days overdue
}
report-progress = Progress
report-waiting = Who is waiting on whom
col-helping = Helping with
col-waited-on = Blocks
wait-text = { $waiting } waits for { $on }
report-blocked = Blocked
blocker-line = blocks { $n ->
    [one] 1 milestone
   *[other] { $n } milestones
}: { $list }
report-risks = Risk log
report-risks-none = No open risks.
report-risk-changes = Changed in the period
risk-added-in-period = added
risk-likelihood-moved = likelihood { $from } → { $to }
risk-impact-moved = impact { $from } → { $to }
risk-change-by = { $what } by { $by }, { $day }
report-notes = Notes in the period
report-trend = Milestone trend
report-trend-label = The planned end of each moved milestone, by the day the plan said so: a level line holds, a rising line slips
col-planned = Planned end
trend-baseline = first planned for { $planned }
trend-planned = { $day }: planned for { $planned }
report-timeline = Timeline
report-timeline-label = Timeline of the milestones
timeline-desc = { $from } to { $to }: { $count ->
    [one] 1 milestone
   *[other] { $count } milestones
}, { $overdue } overdue
report-no-dates = No milestone has a date yet.
legend-gate = decision point
legend-baseline = first planned
organisation-unknown = no plan here is for the organisation "{ $name }"
organisation-known = the plans are for { $names }
organisation-none-known = no plan here names its organisation: write `organisation = "..."` under [roadmap], or adopt with `roadmap init TEMPLATE --id ID --organisation NAME`
workspaces-read-only = changes are recorded in one workspace at a time, not through --workspace
workspaces-validate = validate checks one workspace at a time, not through --workspace
workspaces-read-only-hint = run the command in that customer's folder (cd DIR), without --workspace
filter-no-owner = no milestone or step in these plans has the owner `{ $name }`
filter-no-phase = these plans have no phase `{ $name }`
filter-closest = the closest there are: { $names }
filter-none-known = these plans name none
filter-owner = Only what { $owner } is responsible for.
filter-phase = Only the phase { $phase }.
col-severity = Risk score (L × C)

## The exports

mermaid-title = Roadmap { $period }
ics-due = Due: { $due }
ics-open-ended = Open-ended: from { $start } on
ics-owner = Owner: { $owner }
ics-status = Status: { $status }
ics-steps = Steps: { $done }/{ $total } done
ics-criteria = Criteria: { $criteria }
ics-deadline = A deadline on the last day of { $dates }
export-no-workspace-id = note: { $why } the calendar's event UIDs are the same as in every other place that exports these plans, so a calendar that imports two of them keeps one; run `roadmap init` to give this workspace its own
export-why-no-workspace = there is no .roadmap/ workspace here:
export-why-no-id = this workspace has no workspace_id:
csv-roadmap = Roadmap
csv-milestone = Milestone
csv-step = Step
csv-title = Title
csv-owner = Owner
csv-due = Due
csv-start = Start
csv-end = End
csv-status = Status
csv-cost-tkr = Cost (tkr)
csv-done-by = Done by
csv-done-on = Done on
csv-note = Note
xlsx-milestones = Milestones
xlsx-steps = Steps

## risk and risks

risk-added = added risk { $id } to { $roadmap }: { $text } (severity { $severity } = likelihood { $likelihood } × impact { $impact })
risk-updated = changed risk { $id }
risk-closed = closed risk { $id }
risk-nothing = nothing to change: the risk is already so
risks-none = no risks in the risk log
risk-severity = { $severity } ({ $likelihood }×{ $impact })
risk-status-open = open since { $day }
risk-status-closed = closed { $day }
col-risk = Risk
col-action = Action
risk-field-milestone = milestone { $milestone }
risk-field-likelihood = likelihood { $n }
risk-field-impact = impact { $n }
risk-field-owner = owner { $owner }
risk-field-action = action: { $action }
risk-field-closed = closed
risk-field-reopened = open again

## roadmap import
import-table = table "{ $table }"
import-tables = tables { $tables }
import-read = read { $file }, { $table }: { $milestones ->
    [one] 1 milestone
   *[other] { $milestones } milestones
}, { $phases ->
    [one] 1 phase
   *[other] { $phases } phases
}, { $steps ->
    [one] 1 step
   *[other] { $steps } steps
}
import-other-tables = { $count ->
    [one] the file has 1 more table; pick it with --table
   *[other] the file has { $count } more tables; pick one with --table
}
import-columns = columns: { $columns }
import-unused = not read: { $headers } (say what they hold with --column KEY=HEADER)
import-unread-due = row { $row } ({ $id }): the due date "{ $text }" is not a date roadmap reads (it reads 2027-03-31, 31.03.2027, 30 juni 2027, 30/6/2027, v. 12, vecka 14–15, uke 14, april 2027, kv 3 2027, 2027 T1, HT2027, and ranges of these); it is kept in the milestone's note and due is left out
import-unread-cost = row { $row } ({ $id }): the cost "{ $text }" is not a number; it is kept in the milestone's note
import-statuses = the Status column says { $done } done and { $skipped } not applicable: recorded as changes when the file is written, where nothing is recorded yet (--no-status leaves it out)
import-total-left-out = row { $row } ("{ $title }") is a totals row: left out
import-year = the title row names the year { $year }: bare weeks are that year's
import-unread-status = row { $row } ({ $id }): the status "{ $text }" is none roadmap knows (done: Klar, Ferdig, Done; not applicable: Ej aktuell, Utgår, N/A; open: Pågår, Ej påbörjad, Not started); it is kept in the milestone's note
import-unread-start = row { $row } ({ $id }): the start "{ $text }" does not make a range with the due date; it is kept in the milestone's note
import-status-recorded = recorded what the sheet says: { $count ->
    [one] 1 change
   *[other] { $count } changes
}
import-status-nothing = the sheet says nothing the state does not already say: nothing recorded
import-status-not-loaded = the Status column was not recorded: the file was written outside the roadmap folders, so no command loads it
import-file-unread-start = The start in the source is "{ $text }", which does not make a range with the due date.
import-file-unread-status = The status in the source is "{ $text }".
import-update-same = the sheet says what the roadmap says: nothing changes
import-update-added = new: { $title } ({ $id })
import-update-removed = no longer in the sheet: { $title } ({ $id })
import-update-renamed = renamed: { $from } → { $to } ({ $id })
import-update-moved = moved: { $title }, { $from } → { $to } (recorded as a move, with the sheet as the reason)
import-update-reowned = new owner: { $title }, { $from } → { $to }
import-update-ask = Write these changes to the roadmap?
import-update-not-written = nothing was written
import-dropped-item = { $title } ({ $id }, { $count ->
    [one] 1 change
   *[other] { $count } changes
})
import-risks-offered = the sheet "{ $table }" is a risk table: read it into the risk log with `{ $command }`
import-risks-read = read the risk table of { $file }: { $added } added, { $updated } updated, { $unchanged } as they were
import-risk-unscored = row { $row } ("{ $text }") was not added: a new risk needs a likelihood and a consequence from 1 to 5
import-replaces-shipped = it takes the place of the shipped roadmap `{ $id }` here (give --id to keep both)
import-wrote = wrote    { $path }: check it with `roadmap validate`, see it with `roadmap status { $id }`
import-no-workspace = no .roadmap/ workspace here: run `roadmap init` and import again to have it loaded, or give `--roadmaps .` to each command
import-file-source = Imported from { $file } ({ $table }) with `roadmap import`. Check it with `{ $command }`.
import-file-columns = Columns read: { $columns }.
import-file-unused = Columns not read: { $headers }.
import-file-owners = The owners named in the table: { $owners }. Write them under [parties] with their full names to have every owner checked:
import-file-unread-due = The due date in the source is "{ $text }", which is not a date roadmap can read; due is left out.
import-file-unread-cost = The cost in the source is "{ $text }", which is not a number; cost_tkr is left out.
import-file-heading = The heading in the source is "{ $heading }".
