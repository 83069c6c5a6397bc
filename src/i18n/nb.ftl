# Norsk bokmål. De samme meldingene og variablene som i en.ftl (en test
# sjekker det). Ordene er de norsk prosjektrapportering bruker
# (../shared/GLOSSARY.md): forsinket, ikke aktuelt, ansvarlig, milepæl,
# beløp i 1000 kr.

## Status og hva endringer gjør

status-done = ferdig
status-skipped = ikke aktuelt
status-overdue = forsinket
status-due = frist nå
status-upcoming = kommende
status-ongoing = løpende
status-undated = udatert
status-count = { $n } { $status ->
    [done] { $n ->
        [one] ferdig
       *[other] ferdige
    }
    [skipped] { $n ->
        [one] ikke aktuelt
       *[other] ikke aktuelle
    }
    [overdue] forsinket
    [due] har frist nå
    [upcoming] kommende
    [ongoing] løpende
   *[undated] { $n ->
        [one] udatert
       *[other] udaterte
    }
}
mark-open = åpen
op-done = ferdigmeldt
op-reopen = gjenåpnet
op-skip = markert ikke aktuelt
op-note = notert
op-reschedule = flyttet
op-rekey = koblet på nytt
op-risk = risiko
op-cost = kostnad
op-forget = et navn glemt
op-rename = omdøpt

## Datoer, beløp, tider

no-date = ingen dato
no-owner = (ingen ansvarlig)
gone = (finnes ikke lenger i veikartet)
dates-unknown = ukjent
dates-week-no-year = uke { $week }, uten år
dates-weeks-no-year = uke { $first }–{ $last }, uten år
due-moved = { $due } (var { $baseline })
due-first-dated = { $due } (hadde ingen dato)
period-week = uke { $week }, { $year }
month-short = { $month ->
    [1] jan
    [2] feb
    [3] mar
    [4] apr
    [5] mai
    [6] jun
    [7] jul
    [8] aug
    [9] sep
    [10] okt
    [11] nov
   *[12] des
}
week-of = uke { $week }
week-of-year = uke { $week }, { $year }
weeks-of = uke { $first }–{ $last }
day-short = { $day }. { $month }
day-long = { $day }. { $month } { $year }
month-year = { $month } { $year }
month-name = { $month ->
    [1] januar
    [2] februar
    [3] mars
    [4] april
    [5] mai
    [6] juni
    [7] juli
    [8] august
    [9] september
    [10] oktober
    [11] november
   *[12] desember
}
span-same-month = { $first }.–{ $last }. { $month } { $year }
span-same-year = { $first }. { $first_month } – { $last }. { $last_month } { $year }
amount-kr = { $amount } kr
list-and = { $first } og { $last }
week-short = uke { $week }
quarter-short = K{ $quarter }
amount-tkr = { $amount } (1000 kr)
days = { $n ->
    [one] 1 dag
   *[other] { $n } dager
}
age-days = { $n ->
    [one] 1 dag
   *[other] { $n } dager
}
age-weeks = { $n ->
    [one] 1 uke
   *[other] { $n } uker
}
age-months = { $n ->
    [one] 1 måned
   *[other] { $n } måneder
}
age-years = { $n ->
    [one] 1 år
   *[other] { $n } år
}
blocked-by = venter på { $milestones }
blocked-by-paren = (venter på { $milestones })

## Kolonneoverskrifter (store bokstaver i terminalen)

col-id = Id
col-title = Tittel
col-milestone = Milepæl
col-milestones = Milepæler
col-step = Steg
col-steps = Steg
col-from = Kilde
col-due = Frist
col-dates = Datoer
col-owner = Ansvarlig
col-cost = Kostnad (1000 kr)
col-next = Neste
col-overdue = Forsinket
col-what = Hva
col-when = Når
col-who = Hvem
col-change = Endring
col-note = Merknad
col-baseline = Opprinnelig
col-now = Nå
col-moved = Flyttet
col-times = Ganger
col-why = Årsak
col-status = Status
col-roadmap = Plan
col-steps-done = Steg ferdig
col-milestones-done = Milepæler ferdig
col-overdue-count = Forsinket
col-due-count = Frist nå
col-upcoming-count = Kommende
col-overdue-by = Forsinket med
col-open = Åpne
col-of-which-overdue = Herav forsinket

## Hvor ting er

origin-shipped = innebygd
origin-replaces-shipped = { $path } (erstatter det innebygde)
state-from-workspaces = tilstandsfilene i { $count ->
    [one] 1 arbeidsområde
   *[other] { $count } arbeidsområder
} (fra --workspace)
state-from-flag = { $path } (fra --state)
state-from-env = { $path } (fra ROADMAP_STATE)
state-from-workspace = { $path } (arbeidsområdet)
state-from-user-data = { $path } (brukerens datamappe; `roadmap init` lager et arbeidsområde her)
where-state = tilstandsfil: { $state }
where-language = språk: { $language } ({ $why })
language-from-flag = fra --lang
language-from-env = fra ROADMAP_LANG
language-from-workspace = arbeidsområdets innstilling i { $path }
language-from-locale = fra { $var }={ $value }
language-from-default = verken --lang, ROADMAP_LANG, arbeidsområdets innstilling eller locale sier noe annet
waiting-for-lock = venter på at en annen roadmap-kommando skal bli ferdig med { $path } ...

## status

status-label-steps = steg
status-label-milestones = milepæler
status-label-status = status
status-label-overdue = forsinket
status-label-blocked = venter
status-label-cost = kostnad
status-label-unmatched = uten treff
status-cost-budget = budsjett { $amount }
status-unmatched = { $count ->
    [one] 1 registrert endring hører ikke lenger til noe steg eller noen milepæl (`roadmap validate` viser den)
   *[other] { $count } registrerte endringer hører ikke lenger til noe steg eller noen milepæl (`roadmap validate` viser dem)
}
status-left-out = vises ikke: de innebygde veikartene { $roadmaps } (oppgi ett for å se det: roadmap status { $first })
status-footer = tilstandsfil: { $state } · i dag { $today }

## checklist

checklist-unmatched = { $count ->
    [one] 1 endring registrert for dette veikartet hører ikke lenger til noe steg eller noen milepæl; `roadmap validate` viser den
   *[other] { $count } endringer registrert for dette veikartet hører ikke lenger til noe steg eller noen milepæl; `roadmap validate` viser dem
}
checklist-changed = { $what } av { $by } { $when }
checklist-changed-for = { $what } av { $by } { $when } (gjelder { $day })
checklist-note = merknad av { $by } { $day }: { $text }

## timeline

timeline-today = i dag { $today }

## overdue

junit-title = roadmap: forsinkede milepæler
junit-overdue = forsinket { $age } (frist { $due })
junit-due = frist { $due }
junit-owner = ansvarlig: { $owner }
junit-open-step = åpent: { $step } ({ $owner })
junit-skipped = ikke aktuelt: { $why }
mspdi-undated = Ingen dato i planen: datoene her er bare der MS Project plasserte oppgaven.
overdue-none = ingenting er forsinket (i dag { $today })
overdue-summary = { $milestones ->
    [one] 1 forsinket milepæl
   *[other] { $milestones } forsinkede milepæler
}, { $steps ->
    [one] 1 åpent steg
   *[other] { $steps } åpne steg
} i dem (i dag { $today })

## show

fact-language = språk
fact-organisation = organisasjon
fact-source = kilde
fact-year = år
fact-parties = parter
fact-note = merknad
fact-phase = fase
fact-kind = type
fact-kind-gate = beslutningspunkt
fact-due = frist
fact-baseline = opprinnelig
fact-owner = ansvarlig
fact-cost = kostnad
fact-depends-on = avhenger av
fact-criteria = ferdigkriterier
fact-description = beskrivelse
show-no-phase = Uten fase
show-gate-title = { $title } (beslutningspunkt)
show-total-cost = Total kostnad: { $total } (1000 kr)

## log og slips

log-empty = ingen endringer registrert i { $path }
log-none-match = ingen endring passer; { $count } er registrert (se `roadmap log` uten filter)
log-gone = { $text } (finnes ikke lenger i veikartet)
log-when-for = { $when } (gjelder { $day })
slips-none = ingenting er flyttet
slips-days = { $sign }{ $n ->
    [one] { $n } dag
   *[other] { $n } dager
}

## Registrere endringer

recorded-by-flag = registrerte { $count ->
    [one] 1 endring
   *[other] { $count } endringer
} som { $name } (fra --by) i { $path }
recorded-by-env = registrerte { $count ->
    [one] 1 endring
   *[other] { $count } endringer
} som { $name } (fra ROADMAP_USER) i { $path }
recorded-by-git = registrerte { $count ->
    [one] 1 endring
   *[other] { $count } endringer
} som { $name } (git user.name) i { $path }
recorded-by-login = registrerte { $count ->
    [one] 1 endring
   *[other] { $count } endringer
} som { $name } (innloggingsnavnet) i { $path }
mark-nothing-done = ingenting å endre: allerede ferdig
mark-nothing-open = ingenting å endre: allerede åpen
mark-nothing-skipped = ingenting å endre: allerede ikke aktuelt
mark-nothing-noted = ingenting å endre: allerede notert
forget-alias-empty = aliaset må være et eget navn
forget-alias-hint = gi en rolle eller initialer: roadmap forget NAVN --as prosjektleder
forget-done = erstattet "{ $name }" med "{ $alias }" i { $changes ->
    [one] 1 endring
   *[other] { $changes } endringer
} og { $notes ->
    [one] 1 notat
   *[other] { $notes } notater
} i { $path }
forget-backup = filen slik den var, ligger i { $backup }: slett den når endringen er committet og delt
forget-history = git-historikken har fortsatt de gamle linjene: for å rense den, skriv om historikken (git filter-repo --replace-text) og la alle klone på nytt; en gren som flettes inn senere kan ta navnet tilbake, så kjør forget igjen etter en slik fletting
forget-nothing = ingenting å endre: ingen endring er registrert av "{ $name }"
reattach-nothing = ingenting å endre: endringene registrert under `{ $under }` teller allerede for { $address }
reattach-done = { $count ->
    [one] 1 endring
   *[other] { $count } endringer
} registrert under `{ $under }` teller for { $address } fra nå av
rename-shipped = `{ $id }` er et innebygd veikart, ikke et av dine
rename-shipped-hint = ta en kopi med den id-en du vil ha: roadmap init { $id } --id { $new }
rename-same = `{ $id }` har allerede den id-en
rename-same-hint = gi den nye id-en som andre argument
rename-taken = id-en `{ $id }` brukes allerede av { $path }
rename-taken-hint = velg en annen id, eller gi det veikartet nytt navn først
rename-done = ga `{ $old }` nytt navn `{ $new }` ({ $path }); { $count ->
    [one] 1 registrert endring
   *[other] { $count } registrerte endringer
} teller for `{ $new }`
reschedule-read-as = { $written } er { $due } i denne planen
reschedule-along = flyttet med { $title } ({ $address }): { $from } -> { $to }
reschedule-not-along = ikke flyttet: { $title } ({ $address }) har en dato i måneder eller lenger, som uker ikke flytter; planlegg den om selv
reschedule-overtaken = advarsel: { $count ->
    [one] 1 senere milepæl slutter nå før denne
   *[other] { $count } senere milepæler slutter nå før denne
}: { $milestones }
reschedule-overtaken-hint = hjelp: planlegg hver av dem om også (roadmap reschedule { $first } DATO); --shift-following ved en flytting tar med de senere like mange uker
reschedule-nothing = ingenting å endre: { $address } har allerede frist { $due }
reschedule-done = flyttet { $address }: { $from } -> { $to } (opprinnelig { $baseline })

## tick

tick-pick-milestone = Milepæl
tick-quit = Avslutt
tick-keys = ↑/↓ flytt · mellomrom ferdig/åpen · s ikke aktuelt (spør hvorfor) · n merknad · enter se over og lagre · q avslutt uten å lagre
tick-record = Lagre { $count ->
    [one] endringen
   *[other] de { $count } endringene
}?
tick-record-yes = Ja, lagre
tick-record-other-day = Ja, men arbeidet ble gjort en annen dag…
tick-back = Nei, tilbake til listen
tick-record-no = Nei, avslutt uten å lagre
tick-review = { $count ->
    [one] 1 endring
   *[other] { $count } endringer
} som registreres som { $who }, utført { $day }:
tick-ask-reason = Hvorfor er «{ $step }» ikke aktuelt her (begrunnelsen lagres)
tick-ask-note = En merknad om «{ $step }»
tick-ask-day = Dagen arbeidet ble gjort (i dag er { $today })
tick-not-a-day = `{ $text }` er ingen dag: skriv den som 16.04.2027 eller 2027-04-16
tick-day-after-today = det er etter i dag ({ $today }): oppgi i dag eller en tidligere dag
tick-discarded = avsluttet uten å lagre: { $count ->
    [one] 1 endring
   *[other] { $count } endringer
} ble ikke registrert
tick-left = avsluttet: ingenting ble endret
tick-none-for-owner = ingen steg for { $owner } i denne milepælen
recorder-flag = { $name } (fra --by)
recorder-env = { $name } (fra ROADMAP_USER)
recorder-git = { $name } (git user.name)
recorder-login = { $name } (innloggingsnavnet)
tick-nothing-changed = ingenting ble endret
tick-nothing-meanwhile = ingenting å endre: noen andre registrerte det samme i mellomtiden

## init

init-kept = beholdt   { $path }
wrote-file = skrev { $path }
init-created = laget     { $path }
init-placed = plasserte { $address }: { $from } -> { $to }
init-named = navnga    { $id }: { $count ->
    [one] 1 steg
   *[other] { $count } steg
} (`id`), slik at et steg kan omformuleres eller flyttes uten å miste fremdriften
init-created-named = laget     { $path } (`{ $id }`, en kopi av `{ $template }`)
init-taken = id-en `{ $id }` brukes allerede av { $path }
init-taken-hint = ta en kopi til med en egen id, én per kunde: roadmap init { $template } --id { $template }-KUNDE --organisation "NAVN"
init-created-copy = laget     { $path } (din kopi av `{ $id }`; den erstatter det innebygde her)
init-language = satte     { $path }: language = "{ $language }"
init-workspace-id = satte     { $path }: workspace_id = "{ $id }" (kalenderhendelser som eksporteres her, bærer den)
init-ready = arbeidsområdet er klart: sjekk inn { $folder } for å dele fremdriften
init-adopted-shipped = Kopiert fra det innebygde veikartet `{ $id }` med `{ $command }`.
init-adopted-file = Kopiert fra { $path } med `{ $command }`.
init-gitattributes-comment = Ved sammenslåing beholdes begge sidenes nye linjer, så avkrysninger kolliderer aldri.
init-readme = # roadmap-arbeidsområde

    Sjekk inn denne mappen ({ $state }, { $roadmaps }, config.toml, .gitattributes, .gitignore, README.md) for å dele fremdriften via git; låsefilen ignoreres. `{ $state }` er en logg som bare vokser, skrevet av `roadmap done`, `reopen`, `skip`, `note`, `tick` og `reschedule`: ikke rediger den for hånd. `{ $roadmaps }` inneholder dine egne kopier av veikart (`roadmap init ROADMAP`), som du kan redigere.

## Rapporten (Markdown, HTML, tekst)

report-title = Statusrapport { $period }
report-as-of = status per { $today }
light-green = grønn
light-yellow = gul
light-red = rød
headline-time = fremdrift, { $plan }
headline-cost = kostnad, { $plan }
headline-green = alle planer er i rute: ingenting er forsinket eller senere enn opprinnelig plan, og ingenting med frist snart er blokkert eller på etterskudd
headline-overdue = { $count ->
    [one] 1 milepæl forsinket { $days ->
        [one] 1 dag
       *[other] { $days } dager
    } ({ $title })
   *[other] { $count } milepæler forsinket, den eldste { $days ->
        [one] 1 dag
       *[other] { $days } dager
    } ({ $title })
}
headline-at-risk = { $count ->
    [one] 1 milepæl med frist snart er i fare
   *[other] { $count } milepæler med frist snart er i fare
}
headline-cost-over = kostnaden ventes å bli { $percent } % over budsjett
headline-threatened = { $title } ({ $due }) er truet
headline-behind = milepæler er senere enn opprinnelig plan
report-assessment = Prosjektleders vurdering
report-assessment-none = Prosjektlederen har ikke skrevet noen vurdering for perioden.
report-portfolio = Kunder
report-lights = Status per plan
col-organisation = Organisasjon
col-oldest-overdue = Lengst forsinket
portfolio-milestones-done = { $done }/{ $total } milepæler
portfolio-counts = { $customers ->
    [one] 1 kunde
   *[other] { $customers } kunder
}: { $red ->
    [one] 1 rød
   *[other] { $red } røde
}, { $yellow ->
    [one] 1 gul
   *[other] { $yellow } gule
}, { $green ->
    [one] 1 grønn
   *[other] { $green } grønne
}
portfolio-details = én plan i sin helhet: roadmap status ID (eller --organisation NAVN)
col-plan = Plan
col-overall = Samlet status
col-time = Fremdrift
col-cost-light = Kostnad
cause-overdue = { $title }: forsinket { $days ->
    [one] 1 dag
   *[other] { $days } dager
}
cause-slipped = { $title }: { $days ->
    [one] 1 dag
   *[other] { $days } dager
} etter opprinnelig plan ({ $baseline })
cause-late = { $title }: { $days ->
    [one] 1 dag
   *[other] { $days } dager
} etter opprinnelig plan
cause-blocked = { $title }: skal være ferdig innen { $weeks ->
    [one] 1 uke
   *[other] { $weeks } uker
}, men er blokkert av { $by }
cause-behind = { $title }: { $done ->
    [one] 1 av { $total } steg ferdig
   *[other] { $done } av { $total } steg ferdige
}, { $days ->
    [one] 1 dag
   *[other] { $days } dager
} igjen
cause-more = og { $n } til
cost-field-spent = påløpt { $amount }
cost-field-spent-on = påløpt { $amount } ({ $milestone })
cost-field-forecast = prognose { $amount } totalt
cost-spent-recorded = registrerte påløpt { $amount } for { $plan }, { $day }
cost-forecast-recorded = registrerte prognosen for { $plan }: { $amount } totalt
cost-over-budget = { $percent } % over budsjett
cost-within-budget = innenfor budsjett
cost-forecast = prognose { $expected } mot budsjett { $budget } ({ $percent } % over)
cost-spent = påløpt { $expected } mot budsjett { $budget } ({ $percent } % over)
at-risk-blocked = i fare: blokkert av { $by }
at-risk-behind = i fare: { $done ->
    [one] 1 av { $total } steg ferdig
   *[other] { $done } av { $total } steg ferdige
}, { $days ->
    [one] 1 dag
   *[other] { $days } dager
} igjen
report-decisions = Saker til beslutning
report-decisions-none = Ingen beslutning skal tas nå.
decision-by = besluttes av { $owner }
decision-by-nobody = planen sier ikke hvem som beslutter
decision-due = beslutning senest { $due }
decision-overdue = forsinket { $days ->
    [one] 1 dag
   *[other] { $days } dager
}
decision-criteria = Til beslutning: { $criteria }
decision-proposal = Forslag til vedtak: { $proposal }
decision-waits-for = Venter på: { $list }
decision-behind = Venter på beslutningen: { $list }
decision-nothing-waits = Ingenting venter på beslutningen.
standing-overdue = forsinket { $days ->
    [one] 1 dag
   *[other] { $days } dager
}
standing-open = { $status }, { $due }
steps-done = { $done }/{ $total } steg
report-next = { $weeks ->
    [one] Planlagt neste uke
   *[other] Planlagt neste { $weeks } uker
}
report-next-none = Ingenting har frist i perioden.
report-top-risks = De største risikoene
risk-score = Risikoverdi { $score } ({ $likelihood } × { $impact })
risk-score-short = { $score } ({ $likelihood } × { $impact })
report-deviations = Avvik i perioden
report-deviations-none = Ingenting avvek fra planen i perioden.
deviation-moved = flyttet fra { $from } til { $to } ({ $sign }{ $days ->
    [one] 1 dag
   *[other] { $days } dager
}) av { $by }, { $day }
deviation-moved-undated = flyttet fra { $from } til { $to } av { $by }, { $day }
deviation-skipped = markert ikke aktuelt av { $by }, { $day }
deviation-reopened = gjenåpnet av { $by }, { $day }: arbeid som var ferdig er åpent igjen
deviation-overdue = ble forsinket { $day }
deviation-cause = Årsak: { $note }
deviation-consequence = Konsekvens: { $list } venter på den
report-done = Gjennomført i perioden
report-done-none = Ingenting ble ferdig i perioden.
report-completed = Milepæler som ble ferdige
report-done-work = Steg og milepæler som ble ferdige
done-by = { $by }, { $day }
done-by-recorded-later = { $by }, ferdig { $day }, registrert { $recorded }
note-line = Merknad: { $note }
report-budget = Budsjett, påløpt og prognose
col-budget = Budsjett (1000 kr)
col-spent = Påløpt (1000 kr)
col-forecast = Prognose (1000 kr)
col-exposure = Budsjett i forsinkede milepæler (1000 kr)
report-overdue = Forsinket
report-overdue-none = Ingenting er forsinket.
report-days-overdue = { $n ->
    [one] forsinket 1 dag
   *[other] forsinket { $n } dager
}
report-progress = Fremdrift per plan
report-waiting = Hvem venter på hvem
col-helping = Medvirker i
col-waited-on = Blokkerer
wait-text = { $waiting } venter på { $on }
report-blocked = Blokkert
blocker-line = blokkerer { $n ->
    [one] 1 milepæl
   *[other] { $n } milepæler
}: { $list }
report-risks = Risikologg
report-risks-none = Ingen åpne risikoer.
report-risk-changes = Endret i perioden
risk-added-in-period = lagt til
risk-likelihood-moved = sannsynlighet { $from } → { $to }
risk-impact-moved = konsekvens { $from } → { $to }
risk-change-by = { $what } av { $by }, { $day }
report-notes = Merknader i perioden
report-trend = Milepælstrend
report-trend-label = Den planlagte sluttdatoen for hver flyttede milepæl, etter dagen planen sa det: en vannrett linje: datoen holder; en stigende linje: den glir
col-planned = Planlagt slutt
trend-baseline = opprinnelig planlagt til { $planned }
trend-planned = { $day }: planlagt til { $planned }
report-timeline = Fremdriftsplan
report-timeline-label = Fremdriftsplan for milepælene
timeline-desc = { $from } – { $to }: { $count ->
    [one] 1 milepæl
   *[other] { $count } milepæler
}, { $overdue } forsinket
report-no-dates = Ingen milepæl har dato ennå.
legend-gate = beslutningspunkt
legend-baseline = opprinnelig plan
organisation-unknown = ingen plan her er for organisasjonen "{ $name }"
organisation-known = planene er for { $names }
organisation-none-known = ingen plan her oppgir organisasjonen sin: skriv `organisation = "..."` under [roadmap], eller ta en kopi med `roadmap init MAL --id ID --organisation NAVN`
workspaces-read-only = endringer registreres i ett arbeidsområde om gangen, ikke gjennom --workspace
workspaces-validate = validate kontrollerer ett arbeidsområde om gangen, ikke gjennom --workspace
workspaces-read-only-hint = kjør kommandoen i kundens mappe (cd MAPPE), uten --workspace
filter-no-owner = ingen milepæl eller noe steg i disse planene har ansvarlig `{ $name }`
filter-no-phase = disse planene har ingen fase `{ $name }`
filter-closest = de nærmeste som finnes: { $names }
filter-none-known = disse planene oppgir ingen
filter-owner = Bare det { $owner } har ansvar for.
filter-phase = Bare fasen { $phase }.
col-severity = Risikoverdi (S × K)

## Eksportene

mermaid-title = Plan { $period }
ics-due = Frist: { $due }
ics-open-ended = Løpende: fra { $start }
ics-owner = Ansvarlig: { $owner }
ics-status = Status: { $status }
ics-steps = Steg: { $done }/{ $total } ferdig
ics-criteria = Ferdigkriterier: { $criteria }
ics-deadline = En frist på siste dag av { $dates }
export-no-workspace-id = merk: { $why } kalenderens hendelses-UID-er er de samme som alle andre steder disse planene eksporteres, så en kalender som importerer to av dem, beholder bare én; kjør `roadmap init` for å gi arbeidsområdet en egen
export-why-no-workspace = det finnes ikke noe .roadmap/-arbeidsområde her:
export-why-no-id = arbeidsområdet har ingen workspace_id:
csv-roadmap = Plan
csv-milestone = Milepæl
csv-step = Steg
csv-title = Tittel
csv-owner = Ansvarlig
csv-due = Frist
csv-start = Start
csv-end = Slutt
csv-status = Status
csv-cost-tkr = Kostnad (1000 kr)
csv-done-by = Ferdigmeldt av
csv-done-on = Ferdig dato
csv-note = Merknad
xlsx-milestones = Milepæler
xlsx-steps = Steg

## risk og risks

risk-added = la til risikoen { $id } i { $roadmap }: { $text } (risikoverdi { $severity } = sannsynlighet { $likelihood } × konsekvens { $impact })
risk-updated = endret risikoen { $id }
risk-closed = lukket risikoen { $id }
risk-nothing = ingenting å endre: risikoen er allerede slik
risks-none = ingen risikoer i risikologgen
risk-severity = { $severity } ({ $likelihood }×{ $impact })
risk-status-open = åpen siden { $day }
risk-status-closed = lukket { $day }
col-risk = Risiko
col-action = Tiltak
risk-field-milestone = milepæl { $milestone }
risk-field-likelihood = sannsynlighet { $n }
risk-field-impact = konsekvens { $n }
risk-field-owner = ansvarlig { $owner }
risk-field-action = tiltak: { $action }
risk-field-closed = lukket
risk-field-reopened = åpen igjen

## roadmap import
import-table = tabell "{ $table }"
import-tables = tabeller { $tables }
import-read = leste { $file }, { $table }: { $milestones ->
    [one] 1 milepæl
   *[other] { $milestones } milepæler
}, { $phases ->
    [one] 1 fase
   *[other] { $phases } faser
}, { $steps ->
    [one] 1 steg
   *[other] { $steps } steg
}
import-other-tables = { $count ->
    [one] filen har 1 tabell til; velg den med --table
   *[other] filen har { $count } tabeller til; velg en med --table
}
import-columns = kolonner: { $columns }
import-unused = ikke lest inn: { $headers } (si hva de inneholder med --column NØKKEL=OVERSKRIFT)
import-unread-due = rad { $row } ({ $id }): fristen «{ $text }» er ingen dato roadmap kan lese (den leser 31.03.2027, 2027-03-31, 30. juni 2027, 30/6/2027, uke 12, uke 14–15, v. 12, april 2027, kv 3 2027, 2027 T1, HT2027 og intervaller av dem); den lagres i milepælens note og due utelates
import-unread-cost = rad { $row } ({ $id }): kostnaden "{ $text }" er ikke et tall; den lagres i milepælens note
import-statuses = statuskolonnen sier { $done ->
    [one] 1 ferdig
   *[other] { $done } ferdige
} og { $skipped ->
    [one] 1 ikke aktuelt
   *[other] { $skipped } ikke aktuelle
}: det registreres som endringer når filen skrives, der ingenting er registrert ennå (--no-status utelater det)
import-total-left-out = rad { $row } («{ $title }») er en summerad: utelatt
import-year = tittelraden oppgir året { $year }: uker uten år hører til det året
import-unread-status = rad { $row } ({ $id }): statusen «{ $text }» kjenner roadmap ikke igjen (ferdig: Klar, Ferdig, Done; ikke aktuelt: Ikke aktuelt, Utgår, N/A; åpen: Pågår, Ikke startet, Not started); den lagres i milepælens note
import-unread-start = rad { $row } ({ $id }): starten «{ $text }» danner ikke et intervall med fristen; den lagres i milepælens note
import-status-recorded = registrerte det arket sier: { $count ->
    [one] 1 endring
   *[other] { $count } endringer
}
import-status-nothing = arket sier ikke noe tilstanden ikke allerede sier: ingenting registrert
import-status-not-loaded = statuskolonnen ble ikke registrert: filen ble skrevet utenfor veikartmappene, så ingen kommando leser den inn
import-file-unread-start = Starten i kilden er «{ $text }», som ikke danner et intervall med fristen.
import-file-unread-status = Statusen i kilden er «{ $text }».
import-update-same = arket sier det veikartet sier: ingenting endres
import-update-added = ny: { $title } ({ $id })
import-update-removed = finnes ikke lenger i arket: { $title } ({ $id })
import-update-renamed = nytt navn: { $from } → { $to } ({ $id })
import-update-moved = flyttet: { $title }, { $from } → { $to } (registreres som en flytting med arket som årsak)
import-update-reowned = ny ansvarlig: { $title }, { $from } → { $to }
import-update-ask = Skrive disse endringene til veikartet?
import-update-not-written = ingenting ble skrevet
import-dropped-item = { $title } ({ $id }, { $count ->
    [one] 1 endring
   *[other] { $count } endringer
})
import-risks-offered = arket «{ $table }» er en risikotabell: les den inn i risikologgen med `{ $command }`
import-risks-read = leste risikotabellen i { $file }: { $added } lagt til, { $updated } endret, { $unchanged } uendret
import-risk-unscored = rad { $row } («{ $text }») ble ikke lagt til: en ny risiko trenger sannsynlighet og konsekvens fra 1 til 5
import-replaces-shipped = den erstatter det innebygde veikartet `{ $id }` her (gi --id for å beholde begge)
import-wrote = skrev    { $path }: kontroller med `roadmap validate`, se den med `roadmap status { $id }`
import-no-workspace = ingen .roadmap/-arbeidsområde her: kjør `roadmap init` og importer igjen for å få den lest inn, eller gi `--roadmaps .` til hver kommando
import-file-source = Importert fra { $file } ({ $table }) med `roadmap import`. Kontroller med `{ $command }`.
import-file-columns = Innleste kolonner: { $columns }.
import-file-unused = Kolonner som ikke ble lest inn: { $headers }.
import-file-owners = Ansvarlige som tabellen nevner: { $owners }. Skriv dem under [parties] med fulle navn, så blir hver ansvarlig kontrollert:
import-file-unread-due = Fristen i kilden er "{ $text }", som ikke er en dato roadmap kan lese; due er utelatt.
import-file-unread-cost = Kostnaden i kilden er "{ $text }", som ikke er et tall; cost_tkr er utelatt.
import-file-heading = Overskriften i kilden er "{ $heading }".
