//! The shipped roadmaps against their sources (`../shared/seeds/`): every
//! constraint, condition and scope statement a source gives is carried,
//! quoted verbatim, in the note or description it belongs to; choices the
//! source leaves open stay open; blank dates stay as the source writes them.
//! The roadmap files are read with Python's tomllib, not with roadmap's code.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where a quotation must be: the roadmap's note, a phase's note, or a
/// milestone's note or description.
#[derive(Debug, Clone, Copy)]
enum Place {
    RoadmapText,
    Phase(&'static str),
    Milestone(&'static str),
}

use Place::{Milestone, Phase, RoadmapText};

/// (roadmap, source file, where, the source's words).
const QUOTATIONS: &[(&str, &str, Place, &str)] = &[
    // hubs-sdk: scope (1), payment (4), roles (5), steering (6), the customer's part (7).
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Vi har även flera kunder som valt att senarelägga hela SDK införandet till ett senare tillfälle.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "ITSL ansvarar för att tillhandahålla och installera en komplett SDK-baserad kommunikationstjänst, inkluderande både säker meddelandetjänst och säkra videomöten, samt för att integrera lösningen med kommunens befintliga IT-miljö.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Nedanstående tidplan kan ses som ett exempel om ni väljer en gemensam tidplan för alla delar.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Startkostnader: Faktureras vid driftsättningstillfälle av respektive del (Hubs allmänt / SDK)",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Serviceavtal och plattformsavgifter faktureras årsvis i förskott.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Licensavgifter som uppstår pga. registrerade licenser betalas månadsvis i efterskott.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Övergripande sponsring av projektet. Tar strategiska beslut och tillsätter nödvändiga resurser. Är ytterst ansvarig för projektets mål.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Leder projektet hos leverantören och fungerar som kommunens primära kontaktpunkt. Ansvarar för projektplan, tidplan, uppföljning av leveranser och ändringshantering. Rapporterar status regelbundet.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Övriga resurser: Beroende på projektets behov kan ytterligare roller involveras, t.ex. testledare, QA / supportansvarig eller kundansvarig, men ovanstående utgör kärnteamet.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Leverantörens projektledare lämnar skriftliga statusrapporter varje vecka. Dessa rapporter innehåller framdrift mot tidplan, eventuella avvikelser, risker samt åtgärdsplaner.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Även risker identifieras tidigt och dokumenteras i en risklogg med tillhörande åtgärder; riskgenomgång är en stående punkt på projektmötena.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "om ett ärende inte kan lösas i projektgruppen, eskaleras det omgående till projektägare/styrgrupp för beslut, så att inga onödiga förseningar uppstår.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Under intensiva faser (t.ex. installation, test) hålls veckovisa projektmöten med kärnteamet.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "För att projektet ska kunna genomföras effektivt är det viktigt att ni som kund säkerställer tillgång till erforderlig teknisk kompetens och kan fatta beslut vid behov och engagerar sig aktivt under tester och utbildningar.",
    ),
    (
        "hubs-sdk",
        "003_3fe6653a590ceb7c.txt",
        RoadmapText,
        "Projektet avslutas först efter att kommunen godkänt att alla leverabler är uppfyllda i enlighet med avtalet.",
    ),
    // intygshantering: 9.1, 9.1.2 (on the simulation), 9.2's pilot, 9.3, 9.4, 9.5's end of the assignment.
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        Milestone("poc-simulering"),
        "En simulering bör som utgångspunkt inte behandla riktiga personuppgifter",
    ),
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        Milestone("poc-simulering"),
        "Denna POC blir sedan ett referensprojekt för kommande samhällskritiska händelser.",
    ),
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        RoadmapText,
        "En viktig fråga att reda ut i nästa fas är vilken myndighet som kommer förvalta den framtida beredskapshanteringen (se även 9.5 ”Förslag på förvaltningsmyndighet” nedan)",
    ),
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        RoadmapText,
        "Både ramverk och beredskapsprocess anses kunna genomföras under 2023, förutsatt att byggblock kan resurssättas enligt förslag samt att MSB och andra berörda beredskapsmyndigheter kan vara delaktiga i arbetet.",
    ),
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        RoadmapText,
        "I mars 2023 planeras en 2-årig pilot sättas igång på EU-nivå för EU-plånboken där Byggblock Identitet är med och arbetar.",
    ),
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        RoadmapText,
        "Då MSB har det övergripande beredskapsansvaret väger deras mandat tyngst och deras involvering anses därför som ett måste.",
    ),
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        RoadmapText,
        "Arbetet med intygshanteringsberedskap behöver därför även förankras med regeringskansliet under nästa fas.",
    ),
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        RoadmapText,
        "efter att regeringsuppdraget har löp ut (december 2023)",
    ),
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        Milestone("tekniska-formagor-och-komponenter-klara"),
        "efter att regeringsuppdraget har löp ut (december 2023)",
    ),
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        Milestone("ramverk-infors"),
        "Innan ramverket publiceras behöver det granskas av en jurist.",
    ),
    (
        "intygshantering",
        "004_52a819905307ef2a.txt",
        Milestone("ramverk-infors"),
        "detta arbete beräknas kunna slutföras under tertial 1 under 2023",
    ),
    // min-profil: 10.1, 10.2, 10.3, 10.4, 10.5.
    (
        "min-profil",
        "000_0e4941ac06a46142.txt",
        RoadmapText,
        "Min Profil bör utvecklas och införas successivt så att lösningen tillgodoser faktiska behov som uppstår, samtidigt som reella utmaningar som uppstår vid en faktisk användning omhändertas.",
    ),
    (
        "min-profil",
        "000_0e4941ac06a46142.txt",
        RoadmapText,
        "Många av de utmaningar som hittills identifierats är komplexa, och inte minst är dagens legala grund begränsande avseende möjligheter att dela data.",
    ),
    (
        "min-profil",
        "000_0e4941ac06a46142.txt",
        RoadmapText,
        "Mot denna bakgrund bör utveckling ske iterativt samtidigt som att framtagna lösningar också börjar användas utifrån reella behov.",
    ),
    (
        "min-profil",
        "000_0e4941ac06a46142.txt",
        Phase("forbattringar"),
        "Arbetsförmedlingens utvecklingsteam har redan identifierat några av de utmaningar som kommer att behöva förbättras både för själva fallen, men också för att tillåta att infrastrukturen skalas upp på ett säkert sätt.",
    ),
    (
        "min-profil",
        "000_0e4941ac06a46142.txt",
        Phase("beslut"),
        "och viktigast av allt att göra de ändringar som krävs av det rättsliga ramverket för att möjliggöra att datainfrastruktur kan fungera som tänkt.",
    ),
    (
        "min-profil",
        "000_0e4941ac06a46142.txt",
        Phase("beslut"),
        "De rapporterade datumen är endast vägledande.",
    ),
    (
        "min-profil",
        "000_0e4941ac06a46142.txt",
        Phase("forvaltning"),
        "Efter att beslutsfasen avslutats bör fasen för förvaltning- och löpande utveckling och förbättring påbörjas, samt att säkerställa att förutsättningarna för infrastrukturen är på plats.",
    ),
    (
        "min-profil",
        "000_0e4941ac06a46142.txt",
        Phase("forvaltning"),
        "Inga förbättringar eller utveckling av nya funktioner bör utföras utan att förstå det nya rättsliga legala ramverket.",
    ),
    (
        "min-profil",
        "000_0e4941ac06a46142.txt",
        Phase("forvaltning"),
        "Detta innebär att alla datum nedan bör börja efter beslut av Digg och regeringen.",
    ),
    // difi-postkasse: the circular's requirement.
    (
        "difi-postkasse",
        "002_09a92d1b0e603691.txt",
        RoadmapText,
        "Alle statlige forvaltningsorganer som sender post på papir til innbyggere skal innen 1.7.2015, i samråd med Difi, lage en plan for overgang til løsning for sikker digital postkasse innen første kvartal 2016.",
    ),
    // genomforande: the steps are examples; Förändra is lifelong; who decides and who runs it stay open.
    (
        "genomforande",
        "001_00236ba90129f638.txt",
        RoadmapText,
        "Här är några steg som kan ingå i denna fas",
    ),
    (
        "genomforande",
        "001_00236ba90129f638.txt",
        Phase("genomforande"),
        "lyfts frågan om man skall utföra arbetet först till systemägare eller tex verksamhetsansvarig för vidare beredning och tex senare som ett behov till digitaliseringsportföljen.",
    ),
    (
        "genomforande",
        "001_00236ba90129f638.txt",
        Milestone("testa"),
        "Under systemets livscykel",
    ),
    (
        "genomforande",
        "001_00236ba90129f638.txt",
        Milestone("g3"),
        "portföljledningen (PFLD) eller verksamhetsområdet (VO)",
    ),
    (
        "genomforande",
        "001_00236ba90129f638.txt",
        Milestone("anvandning"),
        "systemägaren själv, eller med hjälp av tex systemförvaltare eller produktägare och/ eller team",
    ),
];

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The roadmap file as Python's tomllib reads it.
fn read(roadmap: &str) -> serde_json::Value {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("python3")
        .arg(manifest.join("tests/read_roadmap.py"))
        .arg(manifest.join(format!("roadmaps/{roadmap}.toml")))
        .output()
        .expect("python3 reads the roadmap files");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn field(plan: &serde_json::Value, place: Place) -> String {
    let text = match place {
        RoadmapText => &plan["note"],
        Phase(id) => &plan["phases"][id],
        // A milestone's constraint may sit in its note or its description.
        Milestone(id) => {
            let m = &plan["milestones"][id];
            return format!(
                "{} {}",
                m["note"].as_str().unwrap_or(""),
                m["description"].as_str().unwrap_or("")
            );
        }
    };
    text.as_str().unwrap_or_else(|| panic!("no {place:?}")).to_string()
}

#[test]
fn every_constraint_of_the_sources_is_quoted_where_it_belongs() {
    if !crate::support::readers(&[crate::support::Reader::Python]) {
        return;
    }
    assert!(
        seeds().is_dir(),
        "the seed documents are in ../shared/seeds beside the repository"
    );
    for (roadmap, source, place, quote) in QUOTATIONS {
        let seed = std::fs::read_to_string(seeds().join(source)).unwrap();
        assert!(
            fold(&seed).contains(&fold(quote)),
            "not in {source} as written: {quote}"
        );
        let text = field(&read(roadmap), *place);
        assert!(
            fold(&text).contains(&fold(quote)),
            "{roadmap} {place:?} does not quote: {quote}\n{text}"
        );
    }
}

#[test]
fn choices_the_sources_leave_open_stay_open_and_blank_dates_stay_blank() {
    if !crate::support::readers(&[crate::support::Reader::Python]) {
        return;
    }
    let genomforande = read("genomforande");
    let m = &genomforande["milestones"];
    // "När lösningen har utvecklats och förändrats tillräckligt, testas den": after Utveckla,
    // but Förändra goes on through the system's whole life.
    assert_eq!(m["testa"]["depends_on"], serde_json::json!(["utveckla"]));
    assert_eq!(m["g3"]["owner"], "PFLD eller VO");
    assert_eq!(m["anvandning"]["owner"], serde_json::Value::Null);
    let difi = read("difi-postkasse");
    for id in ["informasjon", "planlegging", "utvikling"] {
        assert_eq!(difi["milestones"][id]["due"], "??.??.????", "{id}");
    }
    // The source's three blanks are all kept, and no other date was made up.
    let seed = std::fs::read_to_string(seeds().join("002_09a92d1b0e603691.txt")).unwrap();
    let first_chart = &seed[seed.find("Framdrift – første tilknytning").unwrap()..seed.find("DIFI BISTAND").unwrap()];
    assert_eq!(first_chart.matches("??.??.????").count(), 3);
    let intyg = read("intygshantering");
    assert!(
        intyg["milestones"]["beredskap-sakerstalld"]["note"]
            .as_str()
            .unwrap()
            .contains("ingen tertial")
    );
}

#[test]
fn each_roadmaps_notes_are_in_its_sources_language() {
    if !crate::support::readers(&[crate::support::Reader::Python]) {
        return;
    }
    // Words that show an English sentence; none of them is Swedish or Norwegian.
    let english = [" the ", " as written", " and ", " which ", " is not ", " from the "];
    for roadmap in [
        "min-profil",
        "genomforande",
        "difi-postkasse",
        "hubs-sdk",
        "intygshantering",
    ] {
        let plan = read(roadmap);
        let mut notes = vec![plan["note"].as_str().unwrap_or("").to_string()];
        notes.extend(
            plan["phases"]
                .as_object()
                .unwrap()
                .values()
                .map(|v| v.as_str().unwrap_or("").to_string()),
        );
        notes.extend(
            plan["milestones"]
                .as_object()
                .unwrap()
                .values()
                .map(|m| m["note"].as_str().unwrap_or("").to_string()),
        );
        for note in notes {
            let lower = note.to_lowercase();
            for word in english {
                assert!(!lower.contains(word), "{roadmap}: English ({word:?}) in a note: {note}");
            }
        }
    }
}
