# Svenska. Samma meddelanden och variabler som i en.ftl (ett test
# kontrollerar det). Orden är de som svensk projektrapportering använder
# (../shared/GLOSSARY.md): försenad, ej aktuell, ansvarig, milstolpe, tkr.

## Status och vad ändringar gör

status-done = klar
status-skipped = ej aktuell
status-overdue = försenad
status-due = ska vara klar nu
status-upcoming = kommande
status-ongoing = löpande
status-undated = odaterad
status-count = { $n } { $status ->
    [done] { $n ->
        [one] klar
       *[other] klara
    }
    [skipped] { $n ->
        [one] ej aktuell
       *[other] ej aktuella
    }
    [overdue] { $n ->
        [one] försenad
       *[other] försenade
    }
    [due] förfaller nu
    [upcoming] kommande
    [ongoing] löpande
   *[undated] { $n ->
        [one] odaterad
       *[other] odaterade
    }
}
mark-open = öppen
op-done = klarmarkerad
op-reopen = återöppnad
op-skip = markerad ej aktuell
op-note = antecknad
op-reschedule = omplanerad
op-rekey = omkopplad
op-risk = risk
op-cost = kostnad
op-forget = ett namn glömt
op-rename = omdöpt

## Datum, belopp, tider

no-date = inget datum
no-owner = (ingen ansvarig)
gone = (finns inte längre i färdplanen)
dates-unknown = okänt
dates-week-no-year = v. { $week }, inget år
dates-weeks-no-year = v. { $first }–{ $last }, inget år
due-moved = { $due } (var { $baseline })
due-first-dated = { $due } (saknade datum)
period-week = v. { $week }, { $year }
month-short = { $month ->
    [1] jan
    [2] feb
    [3] mar
    [4] apr
    [5] maj
    [6] jun
    [7] jul
    [8] aug
    [9] sep
    [10] okt
    [11] nov
   *[12] dec
}
week-of = v. { $week }
week-of-year = v. { $week }, { $year }
weeks-of = v. { $first }–{ $last }
day-short = { $day } { $month }
day-long = { $day } { $month } { $year }
month-year = { $month } { $year }
month-name = { $month ->
    [1] januari
    [2] februari
    [3] mars
    [4] april
    [5] maj
    [6] juni
    [7] juli
    [8] augusti
    [9] september
    [10] oktober
    [11] november
   *[12] december
}
span-same-month = { $first }–{ $last } { $month } { $year }
span-same-year = { $first } { $first_month } – { $last } { $last_month } { $year }
amount-kr = { $amount } kr
list-and = { $first } och { $last }
week-short = v. { $week }
quarter-short = K{ $quarter }
amount-tkr = { $amount } tkr
days = { $n ->
    [one] 1 dag
   *[other] { $n } dagar
}
age-days = { $n ->
    [one] 1 dag
   *[other] { $n } dagar
}
age-weeks = { $n ->
    [one] 1 vecka
   *[other] { $n } veckor
}
age-months = { $n ->
    [one] 1 månad
   *[other] { $n } månader
}
age-years = { $n ->
    [one] 1 år
   *[other] { $n } år
}
blocked-by = väntar på { $milestones }
blocked-by-paren = (väntar på { $milestones })

## Kolumnrubriker (versaler i terminalen)

col-id = Id
col-title = Titel
col-milestone = Milstolpe
col-milestones = Milstolpar
col-step = Steg
col-steps = Steg
col-from = Källa
col-due = Klart senast
col-dates = Datum
col-owner = Ansvarig
col-cost = Kostnad (tkr)
col-next = Nästa
col-overdue = Försenad
col-what = Vad
col-when = När
col-who = Vem
col-change = Ändring
col-note = Anteckning
col-baseline = Ursprungligen
col-now = Nu
col-moved = Flyttad
col-times = Gånger
col-why = Orsak
col-status = Status
col-roadmap = Färdplan
col-steps-done = Steg klara
col-milestones-done = Milstolpar klara
col-overdue-count = Försenade
col-due-count = Förfaller nu
col-upcoming-count = Kommande
col-overdue-by = Försenad med
col-open = Öppna
col-of-which-overdue = Varav försenade

## Var saker finns

origin-shipped = inbyggd
origin-replaces-shipped = { $path } (ersätter den inbyggda)
state-from-workspaces = tillståndsfilerna i { $count ->
    [one] 1 arbetsyta
   *[other] { $count } arbetsytor
} (från --workspace)
state-from-flag = { $path } (från --state)
state-from-env = { $path } (från ROADMAP_STATE)
state-from-workspace = { $path } (arbetsytan)
state-from-user-data = { $path } (användarens datakatalog; `roadmap init` gör en arbetsyta här)
where-state = tillståndsfil: { $state }
where-language = språk: { $language } ({ $why })
language-from-flag = från --lang
language-from-env = från ROADMAP_LANG
language-from-workspace = arbetsytans inställning i { $path }
language-from-locale = från { $var }={ $value }
language-from-default = varken --lang, ROADMAP_LANG, arbetsytans inställning eller locale säger något annat
waiting-for-lock = väntar på att ett annat roadmap-kommando ska bli klart med { $path } ...

## status

status-label-steps = steg
status-label-milestones = milstolpar
status-label-status = status
status-label-overdue = försenade
status-label-blocked = väntar
status-label-cost = kostnad
status-label-unmatched = ej kopplade
status-cost-budget = budget { $amount }
status-unmatched = { $count ->
    [one] 1 registrerad ändring hör inte längre till något steg eller någon milstolpe (`roadmap validate` visar den)
   *[other] { $count } registrerade ändringar hör inte längre till något steg eller någon milstolpe (`roadmap validate` visar dem)
}
status-left-out = visas inte: de inbyggda färdplanerna { $roadmaps } (ange en för att se den: roadmap status { $first })
status-footer = tillståndsfil: { $state } · i dag { $today }

## checklist

checklist-unmatched = { $count ->
    [one] 1 ändring registrerad för den här färdplanen hör inte längre till något steg eller någon milstolpe; `roadmap validate` visar den
   *[other] { $count } ändringar registrerade för den här färdplanen hör inte längre till något steg eller någon milstolpe; `roadmap validate` visar dem
}
checklist-changed = { $what } av { $by } { $when }
checklist-changed-for = { $what } av { $by } { $when } (gäller { $day })
checklist-note = anteckning av { $by } { $day }: { $text }

## timeline

timeline-today = i dag { $today }

## overdue

junit-title = roadmap: försenade milstolpar
junit-overdue = försenad { $age } (klart senast { $due })
junit-due = klart senast { $due }
junit-owner = ansvarig: { $owner }
junit-open-step = öppet: { $step } ({ $owner })
junit-skipped = ej aktuell: { $why }
mspdi-undated = Inget datum i planen: datumen här är bara där MS Project placerade uppgiften.
overdue-none = inget är försenat (i dag { $today })
overdue-summary = { $milestones ->
    [one] 1 försenad milstolpe
   *[other] { $milestones } försenade milstolpar
}, { $steps ->
    [one] 1 öppet steg
   *[other] { $steps } öppna steg
} i dem (i dag { $today })

## show

fact-language = språk
fact-organisation = organisation
fact-source = källa
fact-year = år
fact-parties = parter
fact-note = anteckning
fact-phase = fas
fact-kind = typ
fact-kind-gate = beslutspunkt
fact-due = klart senast
fact-baseline = ursprungligen
fact-owner = ansvarig
fact-cost = kostnad
fact-depends-on = beror på
fact-criteria = klarkriterier
fact-description = beskrivning
show-no-phase = Utan fas
show-gate-title = { $title } (beslutspunkt)
show-total-cost = Total kostnad: { $total } tkr

## log och slips

log-empty = inga ändringar registrerade i { $path }
log-none-match = ingen ändring passar; { $count ->
    [one] 1 är registrerad
   *[other] { $count } är registrerade
} (se `roadmap log` utan filter)
log-gone = { $text } (finns inte längre i färdplanen)
log-when-for = { $when } (gäller { $day })
slips-none = inget har planerats om
slips-days = { $sign }{ $n ->
    [one] { $n } dag
   *[other] { $n } dagar
}

## Registrera ändringar

recorded-by-flag = registrerade { $count ->
    [one] 1 ändring
   *[other] { $count } ändringar
} som { $name } (från --by) i { $path }
recorded-by-env = registrerade { $count ->
    [one] 1 ändring
   *[other] { $count } ändringar
} som { $name } (från ROADMAP_USER) i { $path }
recorded-by-git = registrerade { $count ->
    [one] 1 ändring
   *[other] { $count } ändringar
} som { $name } (git user.name) i { $path }
recorded-by-login = registrerade { $count ->
    [one] 1 ändring
   *[other] { $count } ändringar
} som { $name } (inloggningsnamnet) i { $path }
mark-nothing-done = inget att ändra: redan klar
mark-nothing-open = inget att ändra: redan öppen
mark-nothing-skipped = inget att ändra: redan ej aktuell
mark-nothing-noted = inget att ändra: redan antecknad
forget-alias-empty = aliaset måste vara ett eget namn
forget-alias-hint = ge en roll eller initialer: roadmap forget NAMN --as projektledare
forget-done = ersatte "{ $name }" med "{ $alias }" i { $changes ->
    [one] 1 ändring
   *[other] { $changes } ändringar
} och { $notes ->
    [one] 1 anteckning
   *[other] { $notes } anteckningar
} i { $path }
forget-backup = filen som den var finns kvar i { $backup }: radera den när ändringen är committad och delad
forget-history = git-historiken har kvar de gamla raderna: för att rensa den, skriv om historiken (git filter-repo --replace-text) och låt alla klona på nytt; en gren som slås ihop senare kan ta tillbaka namnet, så kör forget igen efter en sådan sammanslagning
forget-nothing = inget att ändra: ingen ändring är registrerad av "{ $name }"
reattach-nothing = inget att ändra: ändringarna registrerade under `{ $under }` räknas redan för { $address }
reattach-done = { $count ->
    [one] 1 ändring registrerad
   *[other] { $count } ändringar registrerade
} under `{ $under }` räknas för { $address } från och med nu
rename-shipped = `{ $id }` är en inbyggd färdplan, inte en av dina
rename-shipped-hint = ta en kopia med det id du vill ha: roadmap init { $id } --id { $new }
rename-same = `{ $id }` har redan det id:t
rename-same-hint = ge det nya id:t som andra argument
rename-taken = id:t `{ $id }` används redan av { $path }
rename-taken-hint = välj ett annat id, eller byt först namn på den färdplanen
rename-done = bytte namn på `{ $old }` till `{ $new }` ({ $path }); { $count ->
    [one] 1 registrerad ändring
   *[other] { $count } registrerade ändringar
} räknas för `{ $new }`
reschedule-read-as = { $written } är { $due } i den här planen
reschedule-along = flyttade med { $title } ({ $address }): { $from } -> { $to }
reschedule-not-along = inte flyttad: { $title } ({ $address }) har ett datum i månader eller längre, som veckor inte flyttar; planera om den själv
reschedule-overtaken = varning: { $count ->
    [one] 1 senare milstolpe slutar nu före den här
   *[other] { $count } senare milstolpar slutar nu före den här
}: { $milestones }
reschedule-overtaken-hint = hjälp: planera om var och en av dem också (roadmap reschedule { $first } DATUM); --shift-following vid en flytt tar med de senare lika många veckor
reschedule-nothing = inget att ändra: { $address } ska redan vara klar { $due }
reschedule-done = omplanerad { $address }: { $from } -> { $to } (ursprungligen { $baseline })

## tick

tick-pick-milestone = Milstolpe
tick-quit = Avsluta
tick-keys = ↑/↓ flytta · mellanslag klar/öppen · s ej aktuell (frågar varför) · n anteckning · enter granska och spara · q avsluta utan att spara
tick-record = Spara { $count ->
    [one] ändringen
   *[other] de { $count } ändringarna
}?
tick-record-yes = Ja, spara
tick-record-other-day = Ja, men arbetet gjordes en annan dag…
tick-back = Nej, tillbaka till listan
tick-record-no = Nej, avsluta utan att spara
tick-review = { $count ->
    [one] 1 ändring
   *[other] { $count } ändringar
} som registreras som { $who }, utfört { $day }:
tick-ask-reason = Varför är ”{ $step }” inte aktuellt här (skälet sparas)
tick-ask-note = En anteckning om ”{ $step }”
tick-ask-day = Dagen då arbetet gjordes (i dag är det { $today })
tick-not-a-day = `{ $text }` är ingen dag: skriv den som 2027-04-16 eller 16.04.2027
tick-day-after-today = det är efter i dag ({ $today }): ange i dag eller en tidigare dag
tick-discarded = avslutade utan att spara: { $count ->
    [one] 1 ändring
   *[other] { $count } ändringar
} registrerades inte
tick-left = avslutade: inget ändrades
tick-none-for-owner = inga steg för { $owner } i den här milstolpen
recorder-flag = { $name } (från --by)
recorder-env = { $name } (från ROADMAP_USER)
recorder-git = { $name } (git user.name)
recorder-login = { $name } (inloggningsnamnet)
tick-nothing-changed = inget ändrades
tick-nothing-meanwhile = inget att ändra: någon annan registrerade samma sak under tiden

## init

init-kept = behöll    { $path }
wrote-file = skrev { $path }
init-created = skapade   { $path }
init-placed = placerade { $address }: { $from } -> { $to }
init-named = namngav   { $id }: { $count ->
    [one] 1 steg
   *[other] { $count } steg
} (`id`), så att ett steg kan formuleras om eller flyttas utan att förlora sina framsteg
init-created-named = skapade   { $path } (`{ $id }`, en kopia av `{ $template }`)
init-taken = id:t `{ $id }` används redan av { $path }
init-taken-hint = ta en kopia till med ett eget id, en per kund: roadmap init { $template } --id { $template }-KUND --organisation "NAMN"
init-created-copy = skapade   { $path } (din kopia av `{ $id }`; den ersätter den inbyggda här)
init-language = satte     { $path }: language = "{ $language }"
init-workspace-id = satte     { $path }: workspace_id = "{ $id }" (kalenderhändelser som exporteras här bär det)
init-ready = arbetsytan är klar: checka in { $folder } för att dela framstegen
init-adopted-shipped = Kopierad från den inbyggda färdplanen `{ $id }` med `{ $command }`.
init-adopted-file = Kopierad från { $path } med `{ $command }`.
init-gitattributes-comment = Vid sammanslagning behålls båda sidornas nya rader, så avbockningar krockar aldrig.
init-readme = # roadmap-arbetsyta

    Checka in den här mappen ({ $state }, { $roadmaps }, config.toml, .gitattributes, .gitignore, README.md) för att dela framstegen via git; låsfilen ignoreras. `{ $state }` är en logg som bara växer, skriven av `roadmap done`, `reopen`, `skip`, `note`, `tick` och `reschedule`: redigera den inte för hand. `{ $roadmaps }` innehåller dina egna kopior av färdplaner (`roadmap init ROADMAP`), som du får redigera.

## Rapporten (Markdown, HTML, text)

report-title = Statusrapport { $period }
report-as-of = läge per { $today }
light-green = grön
light-yellow = gul
light-red = röd
headline-time = tid, { $plan }
headline-cost = kostnad, { $plan }
headline-green = alla planer följer planen: inget är försenat eller senare än ursprunglig plan, och inget som snart ska vara klart är blockerat eller efter
headline-overdue = { $count ->
    [one] 1 milstolpe försenad { $days ->
        [one] 1 dag
       *[other] { $days } dagar
    } ({ $title })
   *[other] { $count } milstolpar försenade, den äldsta { $days ->
        [one] 1 dag
       *[other] { $days } dagar
    } ({ $title })
}
headline-at-risk = { $count ->
    [one] 1 milstolpe som snart ska vara klar är i fara
   *[other] { $count } milstolpar som snart ska vara klara är i fara
}
headline-cost-over = kostnaden väntas bli { $percent } % över budget
headline-threatened = { $title } ({ $due }) hotas
headline-behind = milstolpar är senare än ursprunglig plan
report-assessment = Projektledarens bedömning
report-assessment-none = Projektledaren har inte skrivit någon bedömning för perioden.
report-portfolio = Kunder
report-lights = Status per plan
col-organisation = Organisation
col-oldest-overdue = Äldst försenad
portfolio-milestones-done = { $done }/{ $total } milstolpar
portfolio-counts = { $customers ->
    [one] 1 kund
   *[other] { $customers } kunder
}: { $red ->
    [one] 1 röd
   *[other] { $red } röda
}, { $yellow ->
    [one] 1 gul
   *[other] { $yellow } gula
}, { $green ->
    [one] 1 grön
   *[other] { $green } gröna
}
portfolio-details = en plan i sin helhet: roadmap status ID (eller --organisation NAMN)
col-plan = Plan
col-overall = Samlad status
col-time = Tid
col-cost-light = Kostnad
cause-overdue = { $title }: försenad { $days ->
    [one] 1 dag
   *[other] { $days } dagar
}
cause-slipped = { $title }: { $days ->
    [one] 1 dag
   *[other] { $days } dagar
} senare än ursprunglig plan ({ $baseline })
cause-late = { $title }: { $days ->
    [one] 1 dag
   *[other] { $days } dagar
} senare än ursprunglig plan
cause-blocked = { $title }: ska vara klar inom { $weeks ->
    [one] 1 vecka
   *[other] { $weeks } veckor
} men är blockerad av { $by }
cause-behind = { $title }: { $done ->
    [one] 1 av { $total } steg klart
   *[other] { $done } av { $total } steg klara
}, { $days ->
    [one] 1 dag
   *[other] { $days } dagar
} kvar
cause-more = och { $n } till
cost-field-spent = utfall { $amount }
cost-field-spent-on = utfall { $amount } ({ $milestone })
cost-field-forecast = prognos { $amount } totalt
cost-spent-recorded = registrerade utfall { $amount } för { $plan }, { $day }
cost-forecast-recorded = registrerade prognosen för { $plan }: { $amount } totalt
cost-over-budget = { $percent } % över budget
cost-within-budget = inom budget
cost-forecast = prognos { $expected } mot budget { $budget } ({ $percent } % över)
cost-spent = utfall { $expected } mot budget { $budget } ({ $percent } % över)
at-risk-blocked = i fara: blockerad av { $by }
at-risk-behind = i fara: { $done ->
    [one] 1 av { $total } steg klart
   *[other] { $done } av { $total } steg klara
}, { $days ->
    [one] 1 dag
   *[other] { $days } dagar
} kvar
report-decisions = Beslut som behövs
report-decisions-none = Inget beslut ska fattas nu.
decision-by = beslutas av { $owner }
decision-by-nobody = planen anger inte vem som beslutar
decision-due = beslut senast { $due }
decision-overdue = försenat { $days ->
    [one] 1 dag
   *[other] { $days } dagar
}
decision-criteria = Att besluta: { $criteria }
decision-proposal = Förslag till beslut: { $proposal }
decision-waits-for = Väntar på: { $list }
decision-behind = Väntar på beslutet: { $list }
decision-nothing-waits = Inget väntar på beslutet.
standing-overdue = försenad { $days ->
    [one] 1 dag
   *[other] { $days } dagar
}
standing-open = { $status }, { $due }
steps-done = { $done }/{ $total } steg
report-next = { $weeks ->
    [one] Planerat kommande vecka
   *[other] Planerat kommande { $weeks } veckor
}
report-next-none = Inget ska vara klart under perioden.
report-top-risks = De största riskerna
risk-score = Riskvärde { $score } ({ $likelihood } × { $impact })
risk-score-short = { $score } ({ $likelihood } × { $impact })
report-deviations = Avvikelser under perioden
report-deviations-none = Inget avvek från planen under perioden.
deviation-moved = flyttad från { $from } till { $to } ({ $sign }{ $days ->
    [one] 1 dag
   *[other] { $days } dagar
}) av { $by }, { $day }
deviation-moved-undated = flyttad från { $from } till { $to } av { $by }, { $day }
deviation-skipped = markerad ej aktuell av { $by }, { $day }
deviation-reopened = återöppnad av { $by }, { $day }: arbete som var klart är öppet igen
deviation-overdue = blev försenad { $day }
deviation-cause = Orsak: { $note }
deviation-consequence = Konsekvens: { $list } väntar på den
report-done = Genomfört under perioden
report-done-none = Inget blev klart under perioden.
report-completed = Milstolpar som blev klara
report-done-work = Steg och milstolpar som blev klara
done-by = { $by }, { $day }
done-by-recorded-later = { $by }, klar { $day }, registrerad { $recorded }
note-line = Anteckning: { $note }
report-budget = Budget, utfall och prognos
col-budget = Budget (tkr)
col-spent = Utfall (tkr)
col-forecast = Prognos (tkr)
col-exposure = Budget i försenade milstolpar (tkr)
report-overdue = Försenat
report-overdue-none = Inget är försenat.
report-days-overdue = { $n ->
    [one] försenad 1 dag
   *[other] försenad { $n } dagar
}
report-progress = Framsteg
report-waiting = Vem väntar på vem
col-helping = Medverkar i
col-waited-on = Blockerar
wait-text = { $waiting } väntar på { $on }
report-blocked = Blockerat
blocker-line = blockerar { $n ->
    [one] 1 milstolpe
   *[other] { $n } milstolpar
}: { $list }
report-risks = Risklogg
report-risks-none = Inga öppna risker.
report-risk-changes = Ändrat under perioden
risk-added-in-period = tillagd
risk-likelihood-moved = sannolikhet { $from } → { $to }
risk-impact-moved = konsekvens { $from } → { $to }
risk-change-by = { $what } av { $by }, { $day }
report-notes = Anteckningar under perioden
report-trend = Milstolpetrend
report-trend-label = Det planerade slutdatumet för varje flyttad milstolpe, efter dagen då planen sade så: en vågrät linje: datumet håller; en stigande linje: det glider
col-planned = Planerat slut
trend-baseline = ursprungligen planerad till { $planned }
trend-planned = { $day }: planerad till { $planned }
report-timeline = Tidplan
report-timeline-label = Tidplan för milstolparna
timeline-desc = { $from } – { $to }: { $count ->
    [one] 1 milstolpe
   *[other] { $count } milstolpar
}, { $overdue ->
    [one] 1 försenad
   *[other] { $overdue } försenade
}
report-no-dates = Ingen milstolpe har något datum än.
legend-gate = beslutspunkt
legend-baseline = ursprunglig plan
organisation-unknown = ingen plan här är för organisationen "{ $name }"
organisation-known = planerna är för { $names }
organisation-none-known = ingen plan här anger sin organisation: skriv `organisation = "..."` under [roadmap], eller ta en kopia med `roadmap init MALL --id ID --organisation NAMN`
workspaces-read-only = ändringar registreras i en arbetsyta i taget, inte genom --workspace
workspaces-validate = validate kontrollerar en arbetsyta i taget, inte genom --workspace
workspaces-read-only-hint = kör kommandot i kundens mapp (cd MAPP), utan --workspace
filter-no-owner = ingen milstolpe eller inget steg i de här planerna har ansvarig `{ $name }`
filter-no-phase = de här planerna har ingen fas `{ $name }`
filter-closest = de närmaste som finns: { $names }
filter-none-known = de här planerna anger inga
filter-owner = Endast det som { $owner } ansvarar för.
filter-phase = Endast fasen { $phase }.
col-severity = Riskvärde (S × K)

## Exporterna

mermaid-title = Färdplan { $period }
ics-due = Klart senast: { $due }
ics-open-ended = Löpande: från { $start }
ics-owner = Ansvarig: { $owner }
ics-status = Status: { $status }
ics-steps = Steg: { $done }/{ $total } klara
ics-criteria = Klarkriterier: { $criteria }
ics-deadline = Slutdatum på sista dagen av { $dates }
export-no-workspace-id = obs: { $why } kalenderns händelse-UID är desamma som överallt annars där de här planerna exporteras, så en kalender som importerar två av dem behåller bara en; kör `roadmap init` för att ge arbetsytan ett eget
export-why-no-workspace = det finns ingen .roadmap/-arbetsyta här:
export-why-no-id = arbetsytan har inget workspace_id:
csv-roadmap = Färdplan
csv-milestone = Milstolpe
csv-step = Steg
csv-title = Titel
csv-owner = Ansvarig
csv-due = Klart senast
csv-start = Start
csv-end = Slut
csv-status = Status
csv-cost-tkr = Kostnad (tkr)
csv-done-by = Klarmarkerad av
csv-done-on = Klar den
csv-note = Anteckning
xlsx-milestones = Milstolpar
xlsx-steps = Steg

## risk och risks

risk-added = lade till risken { $id } i { $roadmap }: { $text } (riskvärde { $severity } = sannolikhet { $likelihood } × konsekvens { $impact })
risk-updated = ändrade risken { $id }
risk-closed = stängde risken { $id }
risk-nothing = inget att ändra: risken är redan så
risks-none = inga risker i riskloggen
risk-severity = { $severity } ({ $likelihood }×{ $impact })
risk-status-open = öppen sedan { $day }
risk-status-closed = stängd { $day }
col-risk = Risk
col-action = Åtgärd
risk-field-milestone = milstolpe { $milestone }
risk-field-likelihood = sannolikhet { $n }
risk-field-impact = konsekvens { $n }
risk-field-owner = ansvarig { $owner }
risk-field-action = åtgärd: { $action }
risk-field-closed = stängd
risk-field-reopened = öppen igen

## roadmap import
import-table = tabell "{ $table }"
import-tables = tabeller { $tables }
import-read = läste { $file }, { $table }: { $milestones ->
    [one] 1 milstolpe
   *[other] { $milestones } milstolpar
}, { $phases ->
    [one] 1 fas
   *[other] { $phases } faser
}, { $steps ->
    [one] 1 steg
   *[other] { $steps } steg
}
import-other-tables = { $count ->
    [one] filen har 1 tabell till; välj den med --table
   *[other] filen har { $count } tabeller till; välj en med --table
}
import-columns = kolumner: { $columns }
import-unused = inte inläst: { $headers } (säg vad de innehåller med --column NYCKEL=RUBRIK)
import-unread-due = rad { $row } ({ $id }): klart datum ”{ $text }” är inget datum som roadmap kan läsa (den läser 2027-03-31, 31.03.2027, 30 juni 2027, 30/6/2027, v. 12, vecka 14–15, uke 14, april 2027, kv 3 2027, 2027 T1, HT2027 och intervall av dem); det sparas i milstolpens note och due utelämnas
import-unread-cost = rad { $row } ({ $id }): kostnaden "{ $text }" är inget tal; den sparas i milstolpens note
import-statuses = statuskolumnen säger { $done ->
    [one] 1 klar
   *[other] { $done } klara
} och { $skipped ->
    [one] 1 ej aktuell
   *[other] { $skipped } ej aktuella
}: det registreras som ändringar när filen skrivs, där inget är registrerat än (--no-status utelämnar det)
import-total-left-out = rad { $row } (”{ $title }”) är en summarad: utelämnad
import-year = rubrikraden anger året { $year }: veckor utan år hör till det året
import-unread-status = rad { $row } ({ $id }): statusen ”{ $text }” känner roadmap inte igen (klar: Klar, Ferdig, Done; ej aktuell: Ej aktuell, Utgår, N/A; öppen: Pågår, Ej påbörjad, Not started); den sparas i milstolpens note
import-unread-start = rad { $row } ({ $id }): starten ”{ $text }” bildar inget intervall med klart datum; den sparas i milstolpens note
import-status-recorded = registrerade det arket säger: { $count ->
    [one] 1 ändring
   *[other] { $count } ändringar
}
import-status-nothing = arket säger inget som tillståndet inte redan säger: inget registrerat
import-status-not-loaded = statuskolumnen registrerades inte: filen skrevs utanför färdplansmapparna, så inget kommando läser in den
import-file-unread-start = Starten i källan är ”{ $text }”, vilket inte bildar ett intervall med klart datum.
import-file-unread-status = Statusen i källan är ”{ $text }”.
import-update-same = arket säger det färdplanen säger: inget ändras
import-update-added = ny: { $title } ({ $id })
import-update-removed = finns inte längre i arket: { $title } ({ $id })
import-update-renamed = nytt namn: { $from } → { $to } ({ $id })
import-update-moved = flyttad: { $title }, { $from } → { $to } (registreras som en omplanering med arket som orsak)
import-update-reowned = ny ansvarig: { $title }, { $from } → { $to }
import-update-ask = Skriva de här ändringarna till färdplanen?
import-update-not-written = inget skrevs
import-dropped-item = { $title } ({ $id }, { $count ->
    [one] 1 ändring
   *[other] { $count } ändringar
})
import-risks-offered = bladet ”{ $table }” är en risktabell: läs in den i riskloggen med `{ $command }`
import-risks-read = läste risktabellen i { $file }: { $added } tillagda, { $updated } ändrade, { $unchanged } oförändrade
import-risk-unscored = rad { $row } (”{ $text }”) lades inte till: en ny risk behöver sannolikhet och konsekvens från 1 till 5
import-replaces-shipped = den ersätter den inbyggda färdplanen `{ $id }` här (ge --id för att behålla båda)
import-wrote = skrev    { $path }: kontrollera med `roadmap validate`, se den med `roadmap status { $id }`
import-no-workspace = ingen .roadmap/-arbetsyta här: kör `roadmap init` och importera igen för att få den inläst, eller ge `--roadmaps .` till varje kommando
import-file-source = Importerad från { $file } ({ $table }) med `roadmap import`. Kontrollera med `{ $command }`.
import-file-columns = Inlästa kolumner: { $columns }.
import-file-unused = Kolumner som inte lästes in: { $headers }.
import-file-owners = Ansvariga som tabellen nämner: { $owners }. Skriv dem under [parties] med fullständiga namn så kontrolleras varje ansvarig:
import-file-unread-due = Klart datum i källan är "{ $text }", vilket inte är ett datum som roadmap kan läsa; due är utelämnat.
import-file-unread-cost = Kostnaden i källan är "{ $text }", vilket inte är ett tal; cost_tkr är utelämnat.
import-file-heading = Rubriken i källan är "{ $heading }".
