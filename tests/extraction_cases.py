"""Real sentences with the quantities and dates `find_quantities` / `find_dates` must return, exactly.

Each case quotes one sentence (or headline / dateline) verbatim from a seed article (`seeds/...`) or a dev
benchmark article (`bench/<event>/docs/...`, under /work/shared), with that document's publication date
(gold.json `docs`; None where it is unknown). `heldout=True` marks the cases that were set aside before the
extractor was written and scored once afterwards (see EXTRACTION_HELDOUT.md).

Conventions the table pins down (they are the extractor's contract):
- A quantity's span covers its qualifier, currency, number(s), scale and unit ("nearly $270 million",
  "from one to five years", "all but six", "6.5 times higher"); never the counted noun phrase or the rate.
- `counts` is the noun phrase the number quantifies, as written, minus a leading "more"
  ("64 more people" -> "people"); for units and percentages it is the "of ..." phrase ("tons of cargo").
- Qualifiers are normalised: about (approximately, roughly, around), nearly (almost), more than (over),
  at least, up to, less than, all but. "more than"/"at least" set `low`, "up to"/"less than" set `high`.
- Numbers inside a date, a time, a model name or a vague plural ("dozens", "billions") are not quantities.

Run `python tests/extraction_cases.py` to print precision / recall on the held-out cases.
"""
from __future__ import annotations

import datetime as dt
import math
import sys
from dataclasses import dataclass, field

CURRENCIES = {"USD", "GBP", "EUR", "UAH", "RUB", "JPY", "CNY", "CHF"}
LOW_QUALIFIERS = {"more than", "at least"}
HIGH_QUALIFIERS = {"up to", "less than"}
# Quantity fields always compared (defaults below apply when a case leaves them out) and those compared only when given.
QUANTITY_EXACT = ("value", "low", "high", "unit", "approx", "counts", "kind", "rate")
QUANTITY_OPTIONAL = ("scale", "step", "tally")
DATE_EXACT = ("value", "granularity")
DATE_OPTIONAL = ("first", "last", "fuzzy", "resolution", "range_start", "range_end", "time", "zone")


def Q(surface: str, value: float | None, **fields) -> dict:
    """An expected quantity; kind and open bounds follow from unit and qualifier unless given."""
    item = {"surface": surface, "value": value, "low": None, "high": None, "unit": None,
            "approx": None, "counts": None, "rate": None}
    item.update(fields)
    if "kind" not in fields:
        unit = item["unit"]
        item["kind"] = ("tally" if "tally" in fields else "money" if unit in CURRENCIES
                        else "percent" if unit == "%" else "measure" if unit else "count")
    if item["approx"] in LOW_QUALIFIERS and "low" not in fields:
        item["low"] = value
    if item["approx"] in HIGH_QUALIFIERS and "high" not in fields:
        item["high"] = value
    return item


def T(surface: str, a: int, b: int) -> dict:
    """An expected vote tally / score."""
    return Q(surface, None, tally=(a, b))


def D(surface: str, value: str | None, granularity: str, **fields) -> dict:
    """An expected date mention; first/last are ISO strings when given."""
    return {"surface": surface, "value": value, "granularity": granularity, **fields}


@dataclass(frozen=True)
class Case:
    source: str                  # "seeds/<file>" or "bench/<event>/docs/<file>"
    published: str | None        # ISO publication date of that document
    text: str
    quantities: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    heldout: bool = False

    @property
    def published_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.published) if self.published else None


S000, S001, S002 = "seeds/000_a28f620ae836cfc1.txt", "seeds/001_4cafb03c0bc694a9.txt", "seeds/002_d6449e741489756f.txt"
S003, S004 = "seeds/003_6857bf80342c0cbf.txt", "seeds/004_1813ec40aa6a27d0.txt"
ATK = "bench/attack-november-2025/docs/"
AID = "bench/aid-ukraine-israel-taiwan-2024/docs/"
UKR = "bench/ukrspecsystems-uk-plant/docs/"

# Set aside first, before the extractor existed; scored once afterwards.
HELDOUT = [
    Case(S001, "2025-04-04", "Ukrposhta has presented a new block of 6 postage stamps depicting Ukrainian-made weapons - drones, artillery systems and armored vehicles - created with the assistance of the Ministry of Strategic Industries.",
         [Q("6", 6, counts="postage stamps")], heldout=True),
    Case(S001, "2025-04-04", "Vocational schools in 7 regions of Ukraine will introduce a new Civilian Drone Operator curriculum to teach students how to fly drones, which are increasingly used in agriculture, rescue operations, and war documentation.",
         [Q("7", 7, counts="regions")], heldout=True),
    Case(S001, "2025-04-04", "An interagency group, the Ukraine Deal Team, has started operating in Ukraine and is already actively pursuing three major projects with American defense companies.",
         [Q("three", 3, counts="major projects")], heldout=True),
    Case(S002, None, "The Russian side claimed to have downed 85 Ukrainian drones, though numerous damages to infrastructure were officially confirmed.",
         [Q("85", 85, counts="Ukrainian drones")], heldout=True),
    Case(S003, "2026-02-25", "Ukrspecsystems first announced its expansion to the United Kingdom in September 2025 as part of the 1Force consortium, a collaborative venture that also includes British companies Eagle Eye Innovations Ltd and Digital Concepts Engineering Ltd.",
         [], [D("September 2025", "2025-09", "month")], heldout=True),
    Case(S004, "2026-02-25", "Four years into Russia’s full-scale invasion of Ukraine, experts at the Kharkiv Oblast forensic medical bureau — the oldest in Ukraine and founded in 1797 — continue to work tirelessly in what they see as their battle to bring justice to Ukrainians killed by Russia’s war.",
         [Q("Four years", 4, unit="year")], [D("1797", "1797", "year")], heldout=True),
    Case(ATK + "01-unn.ua.txt", "2025-11-19", "Operational headquarters have been deployed at two locations most affected by the enemy strike, where people who have been affected or are looking for relatives can apply.",
         [Q("two", 2, counts="locations")], heldout=True),
    Case(ATK + "02-localnewswave.com.txt", "2025-11-19", "The Ukrainian air force reported that Russia launched a total of 476 strike and decoy drones, along with 48 missiles, during the nighttime bombardment.",
         [Q("476", 476, counts="strike and decoy drones"), Q("48", 48, counts="missiles")], heldout=True),
    Case(ATK + "02-localnewswave.com.txt", "2025-11-19", "In addition to the casualties in Ternopil, nearly 50 people were reported injured in Russian strikes across three other Ukrainian regions.",
         [Q("nearly 50", 50, approx="nearly", counts="people"), Q("three", 3, counts="other Ukrainian regions")], heldout=True),
    Case(ATK + "03-bnonews.com.txt", "2025-11-19", "The attack occurred overnight in the city of Ternopil, where two nine-story apartment blocks suffered partial collapse and fires after being hit, according to local authorities.",
         [Q("two", 2, counts="nine-story apartment blocks")], heldout=True),
    Case(ATK + "03-bnonews.com.txt", "2025-11-19", "The city, located about 125 miles from the Polish border, is far from the front lines.",
         [Q("about 125 miles", 125, unit="mi", approx="about")], heldout=True),
    Case(ATK + "04-menafn.com.txt", "2025-11-20", "The State Emergency Service of Ukraine stated that more than 160 rescue personnel are currently operating at the site with approximately 45 pieces of equipment, including robotic devices.",
         [Q("more than 160", 160, approx="more than", counts="rescue personnel"),
          Q("approximately 45", 45, approx="about", counts="pieces of equipment")], heldout=True),
    Case(ATK + "04-menafn.com.txt", "2025-11-20", "The statement noted that Ukrainian air defense systems intercepted or neutralized 483 of the 524 detected airborne threats, including 442 drones, 34 Kh-101 cruise missiles, and seven Kalibr missiles.",
         [Q("483", 483, counts="detected airborne threats"), Q("524", 524, counts="detected airborne threats"),
          Q("442", 442, counts="drones"), Q("34", 34, counts="Kh-101 cruise missiles"),
          Q("seven", 7, counts="Kalibr missiles")], heldout=True),
    Case(ATK + "05-africandawn.net.txt", "2025-11-21", "At least 94 others were injured in the blast, including 18 children, according to officials.",
         [Q("At least 94", 94, approx="at least", counts="others"), Q("18", 18, counts="children")], heldout=True),
    Case(ATK + "05-africandawn.net.txt", "2025-11-21", "“The search for people who are still missing continues,” the police said, noting that emergency services had earlier reported more than a dozen individuals yet to be located as of Thursday.",
         [Q("more than a dozen", 12, approx="more than", counts="individuals", step=12)],
         [D("Thursday", "2025-11-20", "day")], heldout=True),
    Case(ATK + "06-eutoday.net.txt", "2025-11-23", "A further 94 people were injured, among them 18 children.",
         [Q("94", 94, counts="people"), Q("18", 18, counts="children")], heldout=True),
    Case(ATK + "06-eutoday.net.txt", "2025-11-23", "Units of the State Emergency Service from nine regions were deployed to Ternopil, together with specialist canine teams, heavy engineering equipment, medical personnel and psychologists.",
         [Q("nine", 9, counts="regions")], heldout=True),
    Case(AID + "02-thefiscaltimes.com.txt", "2024-04-20", "And the bill to provide $8.1 billion for Taiwan and other allies in the Indo-Pacific passed 385-34, with the no votes all coming from Republicans.",
         [Q("$8.1 billion", 8.1e9, unit="USD", scale="billion", step=1e8), T("385-34", 385, 34)], heldout=True),
    Case(AID + "03-fism.tv.txt", "2024-04-20", "There’s also an additional $9 billion for humanitarian aid in Gaza.",
         [Q("$9 billion", 9e9, unit="USD")], heldout=True),
    Case(AID + "04-voz.us.txt", "2024-04-20", "Legislators approved approximately $95 billion of aid, which is divided as follows: $61 billion for Ukraine, $26 billion for Israel and $8 billion for allies in the Indo-Pacific (Taiwan).",
         [Q("approximately $95 billion", 95e9, unit="USD", approx="about", counts="aid"),
          Q("$61 billion", 61e9, unit="USD"), Q("$26 billion", 26e9, unit="USD"), Q("$8 billion", 8e9, unit="USD")], heldout=True),
    Case(AID + "05-topnaija.ng.txt", "2024-04-21", "Notably, the aid package for Ukraine received substantial backing from both sides of the political spectrum, with 101 Republicans and 210 Democrats voting in favor, while one Republican abstained.",
         [Q("101", 101, counts="Republicans"), Q("210", 210, counts="Democrats"), Q("one", 1, counts="Republican")], heldout=True),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "Final passage is expected next week, after which it will go to President Joe Biden to sign into law.",
         [], [D("next week", "2024-W17", "week", first="2024-04-22", last="2024-04-28")], heldout=True),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "Some hard-line Republicans have spoken out strongly against continuing aid to Ukraine, arguing that the United States cannot afford its growing $34 trillion national debt.",
         [Q("$34 trillion", 34e12, unit="USD", scale="trillion", counts="national debt")], heldout=True),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "Representative Bob Good, head of the hard-line House Freedom Caucus, told reporters on Friday that the bills represent a “slide into the abyss of a larger financial crisis…”.",
         [], [D("Friday", "2024-04-19", "day")], heldout=True),
    Case(UKR + "02-news.novyny.live.txt", "2025-09-08", "The company plans to invest 200 million pounds (approximately 226 million euros) in production.",
         [Q("200 million pounds", 2e8, unit="GBP", scale="million", step=1e6),
          Q("approximately 226 million euros", 2.26e8, unit="EUR", approx="about")], heldout=True),
    Case(UKR + "04-wordupnews.com.txt", "2026-02-25", "The UK has previously ordered over 80 SHARK and Mini-SHARK drones from Ukrspecystems’ factories in Ukraine, and hailed the plant opening as a “clear demonstration” of the 100 Year Partnership between the two countries.",
         [Q("over 80", 80, approx="more than", counts="SHARK and Mini-SHARK drones"), Q("100 Year", 100, unit="year"),
          Q("two", 2, counts="countries")], heldout=True),
    Case(UKR + "04-wordupnews.com.txt", "2026-02-25", "The firm, founded in 2014, produces a variety of drones, which have caused almost $3 billion in damage to Putin’s war machine since February 2022, according to the British ministry of defence.",
         [Q("almost $3 billion", 3e9, unit="USD", approx="nearly", counts="damage")],
         [D("2014", "2014", "year"), D("since February 2022", "2022-02", "month", fuzzy="since", first="2022-02-01", last=None)],
         heldout=True),
]

DEVELOPMENT = [
    # --- seeds/000 (no publication date) ---
    Case(S000, None, "The manufacturer of the iconic Vampire drones has become the first Defence City resident; military units are now receiving 1,500 interceptor drones per day; the Ministry of Defence has transitioned to a unified, centralized procurement management model—and more.",
         [Q("1,500", 1500, counts="interceptor drones", rate="day", step=1)]),
    Case(S000, None, "Air shield: daily supply of 1,500 interceptor drones",
         [Q("1,500", 1500, counts="interceptor drones", rate="day")]),
    Case(S000, None, "During December–January, the average daily supply of interceptor drones reached 1,500 units.",
         [Q("1,500", 1500, counts="units", rate="day")],
         [D("December–January", None, "range", resolution="unresolved")]),
    Case(S000, None, "The DOT-Chain Defence marketplace has become a key instrument; through the platform, units have already received over 7,000 tactical-level drones.",
         [Q("over 7,000", 7000, approx="more than", counts="tactical-level drones")]),
    Case(S000, None, "In 2025, the Ministry of Defence fully met the Armed Forces of Ukraine’s requirements for ground robotic systems.",
         [], [D("2025", "2025", "year", first="2025-01-01", last="2025-12-31", resolution="explicit")]),
    Case(S000, None, "Deliveries by the Defence Procurement Agency exceeded the order by more than 100%.",
         [Q("more than 100%", 100, unit="%", approx="more than")]),
    Case(S000, None, "In addition, 62 systems were delivered through the DOT-Chain Defence platform.",
         [Q("62", 62, counts="systems")]),
    Case(S000, None, "From January 1, 2026, all procurement for the military—from weapons and equipment to food and fuel—is carried out by a single Defence Procurement Agency.",
         [], [D("January 1, 2026", "2026-01-01", "day")]),
    Case(S000, None, "This marks the final stage of a reform that began in 2023.",
         [], [D("2023", "2023", "year")]),
    Case(S000, None, "Digitalization through the DOT-Chain has already enabled the digitization of 70% of documentation.",
         [Q("70%", 70, unit="%", counts="documentation")]),
    Case(S000, None, "More than 1,000 military units are currently connected to the system, enabling real-time tracking of resources—from UAVs to non-lethal supplies.",
         [Q("More than 1,000", 1000, approx="more than", counts="military units")]),
    Case(S000, None, "Ukraine and the United Kingdom: roadmap for a one-hundred-year defence partnership",
         [Q("one-hundred-year", 100, unit="year")]),
    Case(S000, None, "Among the key agreements is the start of production of 1,000 Octopus interceptor drones per month beginning in February.",
         [Q("1,000", 1000, counts="Octopus interceptor drones", rate="month")],
         [D("February", None, "month", resolution="unresolved")]),
    Case(S000, None, "Plans for the current year include further scaling of the system and strengthening the role of the military in equipment-related decision-making.",
         [], [D("the current year", None, "year")]),
    # --- seeds/001 ---
    Case(S001, "2025-04-04", "In 2024, Ukraine caught up with Russia in terms of production of kamikaze drones like the Shahed-131 and Shahed-136, as well as other attack drones.",
         [], [D("2024", "2024", "year")]),
    Case(S001, "2025-04-04", "The United Kingdom and BAE Systems have signed an agreement for the company to repair and maintain L119 guns in Ukraine at British expense, reducing logistics for the Ukrainian military and attracting partner funds to the country."),
    Case(S001, "2025-04-04", "Ukraine's Minister for Strategic Industries Oleksandr Kamyshyn and UK Defense Secretary Grant Shapps discussed cooperation on defense projects, including the potential production of 105mm L119 howitzers by BAE Systems in Ukraine and cooperation with UK defense think tanks."),
    Case(S001, "2025-04-04", "Ukraine may be ahead in UAV development, as prototypes are being actively tested on the battlefield, gaining valuable data that can be shared with partners."),
    Case(S001, "2025-04-04", "Ukrzaliznytsia reported that in February 2024 it transported a record 14. 5 million tons of cargo, up 30% from February 2023, thanks to well-coordinated work and stable growth in cargo traffic.",
         [Q("14. 5 million tons", 14.5e6, unit="t", scale="million", step=1e5, counts="cargo"), Q("30%", 30, unit="%")],
         [D("February 2024", "2024-02", "month", first="2024-02-01", last="2024-02-29"), D("February 2023", "2023-02", "month")]),
    Case(S001, "2025-04-04", "This year, Ukraine may assemble BMPs, armored personnel carriers, and light guns together with German and British companies, but financing the purchase of these weapons remains an open question, according to Minister of Strategic Industries Oleksandr Kamyshyn.",
         [], [D("This year", "2025", "year", resolution="publication date")]),
    Case(S001, "2025-04-04", "According to Minister of Strategic Industries Oleksandr Kamyshyn, the Ukrainian defense industry produced three times more products in 2023 than in 2022 and has a potential for 2024 that is 6 times higher than last year's figure.",
         [Q("three times more", 3, kind="multiplier", counts="products"), Q("6 times higher", 6, kind="multiplier")],
         [D("2023", "2023", "year"), D("2022", "2022", "year"), D("2024", "2024", "year"),
          D("last year", "2024", "year", resolution="relative to publication date")]),
    Case(S001, "2025-04-04", "The Minister of Strategic Industries of Ukraine said that Ukraine will start actively using ground drones on the battlefield in 2024.",
         [], [D("2024", "2024", "year")]),
    Case(S001, "2025-04-04", "Rheinmetall plans to open a new ammunition plant in Ukraine to produce 155-mm artillery shells and metal projectiles in a joint venture with a Ukrainian partner."),
    Case(S001, "2025-04-04", "Over the past six months, Ukraine has increased drone production tenfold.",
         [Q("tenfold", 10, kind="multiplier")],
         [D("the past six months", "2024-10-04/2025-04-04", "range", first="2024-10-04", last="2025-04-04")]),
    Case(S001, "2025-04-04", "Over the past week, Ukrainian drones destroyed 26 Russian tanks, 54 armored vehicles, 85 trucks, and 87 Russian soldiers.",
         [Q("26", 26, counts="Russian tanks"), Q("54", 54, counts="armored vehicles"), Q("85", 85, counts="trucks"),
          Q("87", 87, counts="Russian soldiers")],
         [D("the past week", "2025-03-28/2025-04-04", "range", first="2025-03-28", last="2025-04-04")]),
    # --- seeds/002 (no publication date) ---
    Case(S002, None, "By the end of this year, Ukraine plans to produce almost 800 interceptor drones and start mass production of Flamingo and Ruta missiles.",
         [Q("almost 800", 800, approx="nearly", counts="interceptor drones")],
         [D("By the end of this year", None, "year", fuzzy="by the end of", resolution="unresolved")]),
    Case(S002, None, "Poland, with EU support, is building its own drone wall—receiving nearly $50 billion under the Safe program to boost national security.",
         [Q("nearly $50 billion", 50e9, unit="USD", approx="nearly", scale="billion", step=1e9)]),
    Case(S002, None, "On the night of November 4, Russia carried out a large-scale attack against Ukraine: Dnipropetrovsk and Odesa regions were hit, leaving one dead and 11 injured, including a child.",
         [Q("one", 1, counts="dead"), Q("11", 11, counts="injured")],
         [D("November 4", None, "day", resolution="unresolved")]),
    Case(S002, None, "Ukraine’s Defense Ministry announced new contracts for military personnel, with service terms from one to five years and a one-year mobilization deferment for those who complete their contracts.",
         [Q("from one to five years", None, low=1, high=5, unit="year"), Q("one-year", 1, unit="year")]),
    Case(S002, None, "International partners continue diplomatic visits: US Ambassador to NATO Matthew Whitaker visited Kyiv, confirming support for Ukraine’s pursuit of peace and security."),
    # --- seeds/003 ---
    Case(S003, "2026-02-25", "Ukraine’s Ambassador to the United Kingdom, Valerii Zaluzhnyi, announced on Wednesday, February 25, 2026, that the first Ukrainian military production facility has commenced operations on British soil.",
         [], [D("Wednesday, February 25, 2026", "2026-02-25", "day", resolution="explicit")]),
    Case(S003, "2026-02-25", "He highlighted that the company’s drones “have long proven their effectiveness in high-tech warfare,” referring to their extensive use by Ukrainian forces since the full-scale Russian invasion in 2022.",
         [], [D("2022", "2022", "year")]),
    Case(S003, "2026-02-25", "Britain has provided billions in military aid—including Storm Shadow cruise missiles, Challenger 2 tanks, air defense systems, and training for tens of thousands of Ukrainian personnel—and has consistently advocated for long-term industrial partnerships to reduce Ukraine’s dependence on wartime improvisation and external donations."),
    Case(S003, "2026-02-25", "Normally, we should respond within 48 hours.",
         [Q("48 hours", 48, unit="hour")]),
    Case(S003, "2026-02-25", "Banner Size 300 X 250 pixels : Appears on the home page and below all pages on the site."),
    Case(S003, "2026-02-25", "But if your are writing the content, it is $100 per article.",
         [Q("$100", 100, unit="USD", step=1)]),
    # --- seeds/004 ---
    Case(S004, "2026-02-25", "1st Ukrainian drone factory starts production in UK, Zaluzhnyi says"),
    Case(S004, "2026-02-25", "Ukraine's ambassador to the U.K., Valerii Zaluzhnyi, addresses the rally in London, England, on Feb. 24, 2026.",
         [], [D("Feb. 24, 2026", "2026-02-24", "day")]),
    Case(S004, "2026-02-25", "The Ukrainian drone company Ukrspecsystems has begun operations at its first U.K. facility, manufacturing drones that have \"long proven their effectiveness in high-tech warfare,\" Ukraine's Ambassador to the U.K. and former Commander-in-Chief Valerii Zaluzhnyi announced on Feb. 25.",
         [], [D("Feb. 25", "2026-02-25", "day", resolution="year from publication date")]),
    Case(S004, "2026-02-25", "U.K. Defence Journal reported in September 2025 that Ukrspecsystems, which it described as Ukraine's largest drone manufacturer, has committed a 200 million-pound (nearly $270 million) investment to build a factory and a test and training site in eastern England.",
         [Q("200 million-pound", 2e8, unit="GBP", scale="million", step=1e6),
          Q("nearly $270 million", 2.7e8, unit="USD", approx="nearly", step=1e6)],
         [D("September 2025", "2025-09", "month")]),
    Case(S004, "2026-02-25", "Wednesday, February 25",
         [], [D("Wednesday, February 25", "2026-02-25", "day")]),
    Case(S004, "2026-02-25", "She is the winner of the Thomson Reuters Foundation's Kurt Schork Award in International Journalism 2023 (Local Reporter category) and the George Weidenfeld Prize, awarded as part of Germany's Axel Springer Prize 2023."),
    Case(S004, "2026-02-25", "2 min read",
         [Q("2 min", 2, unit="minute")]),
    # --- attack-november-2025 ---
    Case(ATK + "01-unn.ua.txt", "2025-11-19", "In Ternopil, the number of dead as a result of the Russian attack increased to 16, including one child, and 64 more people were injured, including 14 children, the National Police and the head of the Ternopil Regional Military Administration Vyacheslav Nehoda reported on Wednesday, writes UNN.",
         [Q("16", 16), Q("one", 1, counts="child"), Q("64", 64, counts="people"), Q("14", 14, counts="children")],
         [D("Wednesday", "2025-11-19", "day", resolution="weekday on or before publication")]),
    Case(ATK + "01-unn.ua.txt", "2025-11-19", "According to the police, on Wednesday, November 19, at about 7 a.m., the Russians attacked the city of Ternopil and the region with attack drones and missiles.",
         [], [D("Wednesday, November 19", "2025-11-19", "day"), D("about 7 a.m.", "07:00", "time", fuzzy="about")]),
    Case(ATK + "01-unn.ua.txt", "2025-11-19", "Two residential high-rise buildings were hit, fires and destruction occurred.",
         [Q("Two", 2, counts="residential high-rise buildings")]),
    Case(ATK + "01-unn.ua.txt", "2025-11-19", "As of 12:00, 16 people are known to have died, and 64 more were injured, including 14 children - reported the police.",
         [Q("16", 16, counts="people"), Q("64", 64), Q("14", 14, counts="children")]),
    Case(ATK + "01-unn.ua.txt", "2025-11-19", "The head of the Ternopil Regional Military Administration, Vyacheslav Nehoda, said on the telethon that \"in general, as of now, we have at least 13 dead, including one child.\"",
         [Q("at least 13", 13, approx="at least", counts="dead"), Q("one", 1, counts="child")]),
    Case(ATK + "01-unn.ua.txt", "2025-11-19", "Death toll from Russian attack on Ternopil rises to 12, in some places in the city the chlorine level is 6.5 times higher - mayor",
         [Q("12", 12), Q("6.5 times higher", 6.5, kind="multiplier", step=0.1)]),
    Case(ATK + "02-localnewswave.com.txt", "2025-11-19", "KYIV, Ukraine — A significant Russian drone and missile attack struck the western Ukrainian city of Ternopil, resulting in the deaths of 19 individuals and injuring at least 66 others, including 16 children, emergency services reported on Wednesday.",
         [Q("19", 19, counts="individuals"), Q("at least 66", 66, approx="at least", counts="others"), Q("16", 16, counts="children")],
         [D("Wednesday", "2025-11-19", "day")]),
    Case(ATK + "02-localnewswave.com.txt", "2025-11-19", "The assault occurred overnight, targeting two nine-story apartment buildings in Ternopil, which is situated approximately 200 kilometers (120 miles) from the Polish border.",
         [Q("two", 2, counts="nine-story apartment buildings"), Q("approximately 200 kilometers", 200, unit="km", approx="about"),
          Q("120 miles", 120, unit="mi")]),
    Case(ATK + "02-localnewswave.com.txt", "2025-11-19", "Among these, 47 were cruise missiles, with air defenses intercepting all but six.",
         [Q("47", 47, counts="cruise missiles"), Q("all but six", 6, approx="all but")]),
    Case(ATK + "02-localnewswave.com.txt", "2025-11-19", "Western-supplied F-16 and Mirage-2000 jets successfully intercepted at least 10 of the cruise missiles.",
         [Q("at least 10", 10, approx="at least", counts="cruise missiles")]),
    Case(ATK + "02-localnewswave.com.txt", "2025-11-19", "He noted, \"We see some positions and signals from the United States, well, let’s see tomorrow,\" referring to impending new American sanctions on Russia's oil industry set to take effect on Friday.",
         [], [D("tomorrow", "2025-11-20", "day"), D("Friday", "2025-11-21", "day", resolution="weekday on or after publication")]),
    Case(ATK + "03-bnonews.com.txt", "2025-11-19", "A Russian strike on residential buildings in western Ukraine killed at least 25 people and injured nearly a hundred more during a large-scale overnight assault, according to Ukrainian officials.",
         [Q("at least 25", 25, approx="at least", counts="people"), Q("nearly a hundred", 100, approx="nearly", step=100)]),
    Case(ATK + "03-bnonews.com.txt", "2025-11-19", "Officials said residents were trapped by flames that engulfed stairwells, and search-and-rescue operations were continuing with roughly two dozen people unaccounted for.",
         [Q("roughly two dozen", 24, approx="about", counts="people", step=12)]),
    Case(ATK + "03-bnonews.com.txt", "2025-11-19", "Ukrainian President Volodymyr Zelenskyy said in a statement that the strike killed 25 people, including three children, and injured 93 others.",
         [Q("25", 25, counts="people"), Q("three", 3, counts="children"), Q("93", 93, counts="others")]),
    Case(ATK + "03-bnonews.com.txt", "2025-11-19", "The strike in Ternopil was part of a broader attack in which Russia launched approximately 476 drones and 48 missiles across Ukraine.",
         [Q("approximately 476", 476, approx="about", counts="drones"), Q("48", 48, counts="missiles")]),
    Case(ATK + "04-menafn.com.txt", "2025-11-20", "At least 25 individuals, including three children, lost their lives and 73 others sustained injuries when a Russian strike struck residential buildings in the western Ukrainian city of Ternopil on Wednesday morning, officials reported.",
         [Q("At least 25", 25, approx="at least", counts="individuals"), Q("three", 3, counts="children"), Q("73", 73, counts="others")],
         [D("Wednesday morning", "2025-11-19", "day")]),
    Case(ATK + "04-menafn.com.txt", "2025-11-20", "This incident has been described as one of the deadliest assaults in recent months."),
    Case(ATK + "04-menafn.com.txt", "2025-11-20", "Earlier reports from the agency indicated that rescue teams had successfully extracted 45 people from the debris.",
         [Q("45", 45, counts="people")]),
    Case(ATK + "04-menafn.com.txt", "2025-11-20", "In a separate update, the Ukrainian Air Force reported that Russia launched 48 missiles and 476 drones from multiple directions, focusing mainly on the Lviv, Ternopil, and Kharkiv regions.",
         [Q("48", 48, counts="missiles"), Q("476", 476, counts="drones")]),
    Case(ATK + "04-menafn.com.txt", "2025-11-20", "Air Force officials added that the offensive began on Tuesday evening and included Shahed-type drones, Gerbera-type UAVs, and cruise missiles launched from Russian territory as well as occupied Crimea.",
         [], [D("Tuesday evening", "2025-11-18", "day")]),
    Case(ATK + "05-africandawn.net.txt", "2025-11-21", "Ukraine has confirmed that the death toll from a Russian missile strike on the western city of Ternopil has risen to at least 31, after rescue teams pulled more bodies from the rubble more than two days after the attack.",
         [Q("at least 31", 31, approx="at least"), Q("more than two days", 2, unit="day", approx="more than")]),
    Case(ATK + "05-africandawn.net.txt", "2025-11-21", "The strike, which hit an apartment block earlier this week, tore off the upper floors of the building and buried dozens of residents beneath tons of debris.",
         [], [D("earlier this week", "2025-W47", "week", fuzzy="earlier", first="2025-11-17", last="2025-11-21")]),
    Case(ATK + "05-africandawn.net.txt", "2025-11-21", "The attack is one of the deadliest to hit Ukraine this year and among the worst assaults on western regions since Russia launched its full-scale invasion in February 2022.",
         [], [D("this year", "2025", "year"), D("February 2022", "2022-02", "month")]),
    Case(ATK + "05-africandawn.net.txt", "2025-11-21", "On Friday, Ukraine’s national police reported that rescuers had “recovered the bodies of three more people from the rubble of the destroyed building: a woman and two children.”",
         [Q("three", 3, counts="people"), Q("two", 2, counts="children")],
         [D("Friday", "2025-11-21", "day")]),
    Case(ATK + "05-africandawn.net.txt", "2025-11-21", "Authorities said that six of the 31 confirmed dead are children.",
         [Q("six", 6, counts="children"), Q("31", 31, counts="confirmed dead")]),
    Case(ATK + "06-eutoday.net.txt", "2025-11-23", "Search and rescue in Ternopil ends with 33 confirmed dead and 6 missing",
         [Q("33", 33, counts="confirmed dead"), Q("6", 6, counts="missing")]),
    Case(ATK + "06-eutoday.net.txt", "2025-11-23", "Search and rescue operations in the western Ukrainian city of Ternopil have been completed four days after a Russian missile strike on residential buildings, with officials confirming 33 people killed and six still missing.",
         [Q("four days", 4, unit="day"), Q("33", 33, counts="people"), Q("six", 6)]),
    Case(ATK + "06-eutoday.net.txt", "2025-11-23", "The State Emergency Service of Ukraine (DSNS) said the main phase of work ended at 18:00 on 22 November.",
         [], [D("18:00", "18:00", "time"), D("22 November", "2025-11-22", "day")]),
    Case(ATK + "06-eutoday.net.txt", "2025-11-23", "According to the DSNS, the strike on the night of 18–19 November killed 33 people, including six children.",
         [Q("33", 33, counts="people"), Q("six", 6, counts="children")],
         [D("18–19 November", "2025-11-18/2025-11-19", "range", range_start="2025-11-18", range_end="2025-11-19",
            first="2025-11-18", last="2025-11-19")]),
    Case(ATK + "06-eutoday.net.txt", "2025-11-23", "Six people remain unaccounted for, including one child, and are officially listed as missing.",
         [Q("Six", 6, counts="people"), Q("one", 1, counts="child")]),
    Case(ATK + "06-eutoday.net.txt", "2025-11-23", "Ukrainian authorities say cruise missiles launched by Russian strategic bombers struck the area in the early hours of 19 November, causing extensive structural damage and fires in the upper floors of the apartment blocks.",
         [], [D("19 November", "2025-11-19", "day")]),
    Case(ATK + "06-eutoday.net.txt", "2025-11-23", "In one of the buildings, damage extended from the third to the ninth floor, leaving parts of the structure collapsed and a number of residents trapped under concrete slabs or blocked inside their flats."),
    Case(ATK + "06-eutoday.net.txt", "2025-11-23", "In several sections of the building, clearing proceeded largely by hand on the fifth and sixth floors, where heavy machinery could not be used safely."),
    # --- aid-ukraine-israel-taiwan-2024 ---
    Case(AID + "01-upi.com.txt", "2024-04-20", "House passes $95 billion foreign aid package for Ukraine, Israel, Taiwan",
         [Q("$95 billion", 95e9, unit="USD", scale="billion", step=1e9, counts="foreign aid package")]),
    Case(AID + "01-upi.com.txt", "2024-04-20", "April 20 (UPI) -- The Republican-controlled House of Representatives on Saturday passed a long-delayed $95 billion foreign aid package that includes funding for Ukraine, Israel and Taiwan.",
         [Q("$95 billion", 95e9, unit="USD", counts="foreign aid package")],
         [D("April 20", "2024-04-20", "day", resolution="year from publication date"),
          D("Saturday", "2024-04-20", "day", resolution="weekday on or before publication")]),
    Case(AID + "01-upi.com.txt", "2024-04-20", "House Speaker Mike Johnson, R-La., in a familiar fashion drew on Democratic support to push through the foreign aid plan that for months had been stalled by hardline GOP members."),
    Case(AID + "01-upi.com.txt", "2024-04-20", "Johnson split the package into four separate bills, aiming to give spurned Republican colleagues the opportunity to vote with their \"conscience\" on the measures they disliked.",
         [Q("four", 4, counts="separate bills")]),
    Case(AID + "01-upi.com.txt", "2024-04-20", "The most contentious bill, a $61 billion military aid package for Ukraine, passed in a 311-112 vote, with Democrats overwhelming GOP opposition to the measure.",
         [Q("$61 billion", 61e9, unit="USD", counts="military aid package"), T("311-112", 311, 112)]),
    Case(AID + "01-upi.com.txt", "2024-04-20", "The $26.4 billion bill to support Israel passed with a 366-58 vote, and the $8.1 billion package to support Indo-Pacific allies against China passed with a 385-34 vote.",
         [Q("$26.4 billion", 26.4e9, unit="USD", counts="bill", step=1e8), T("366-58", 366, 58),
          Q("$8.1 billion", 8.1e9, unit="USD", counts="package"), T("385-34", 385, 34)]),
    Case(AID + "01-upi.com.txt", "2024-04-20", "That bill passed in a 360-58 vote.",
         [T("360-58", 360, 58)]),
    Case(AID + "01-upi.com.txt", "2024-04-20", "The other three measures passed with less friction.",
         [Q("three", 3, counts="measures")]),
    Case(AID + "02-thefiscaltimes.com.txt", "2024-04-20", "Saturday, April 20, 2024",
         [], [D("Saturday, April 20, 2024", "2024-04-20", "day", first="2024-04-20", last="2024-04-20")]),
    Case(AID + "02-thefiscaltimes.com.txt", "2024-04-20", "In rare Saturday action, the House overwhelmingly passed a $95 billion series of foreign aid bills this afternoon, delivering fresh funding for Ukraine, Israel and Taiwan after months of delays and Republican infighting spurred by far-right hardliners opposed to further assistance for Kyiv.",
         [Q("$95 billion", 95e9, unit="USD", counts="series of foreign aid bills")],
         [D("Saturday", "2024-04-20", "day"), D("this afternoon", "2024-04-20", "day", resolution="publication date")]),
    Case(AID + "02-thefiscaltimes.com.txt", "2024-04-20", "That bill passed by a margin of 311-112, carried by 210 Democrats and 101 Republicans.",
         [T("311-112", 311, 112), Q("210", 210, counts="Democrats"), Q("101", 101, counts="Republicans")]),
    Case(AID + "02-thefiscaltimes.com.txt", "2024-04-20", "The legislation providing more than $26 billion for Israel passed by an even larger margin, 366-58, with 37 Democrats and 21 Republicans voting against it.",
         [Q("more than $26 billion", 26e9, unit="USD", approx="more than"), T("366-58", 366, 58),
          Q("37", 37, counts="Democrats"), Q("21", 21, counts="Republicans")]),
    Case(AID + "02-thefiscaltimes.com.txt", "2024-04-20", "A separate bill including Republican border measures failed to win the two-thirds majority it needed, going down in 215-199 vote.",
         [T("215-199", 215, 199)]),
    Case(AID + "03-fism.tv.txt", "2024-04-20", "Together they amount to $95 billion in foreign aid – $60 billion for Ukraine, roughly $17 billion for Israel, and $8 billion for Taiwan.",
         [Q("$95 billion", 95e9, unit="USD", counts="foreign aid"), Q("$60 billion", 60e9, unit="USD"),
          Q("roughly $17 billion", 17e9, unit="USD", approx="about"), Q("$8 billion", 8e9, unit="USD")]),
    Case(AID + "03-fism.tv.txt", "2024-04-20", "Funding for Taiwan passed 385-34 and aid to Israel passed 366-58.",
         [T("385-34", 385, 34), T("366-58", 366, 58)]),
    Case(AID + "03-fism.tv.txt", "2024-04-20", "After months of Republican infighting over foreign aid, the House on Saturday passed a series of spending bills for Ukraine, Israel and Taiwan.",
         [], [D("Saturday", "2024-04-20", "day")]),
    Case(AID + "04-voz.us.txt", "2024-04-20", "Lastly, aid to Taiwan was the least controversial, passing with 385-44.",
         [T("385-44", 385, 44)]),
    Case(AID + "04-voz.us.txt", "2024-04-20", "The Republican from Louisiana rejected the foreign aid package passed by the Senate in February.",
         [], [D("February", "2024-02", "month", resolution="year from publication date")]),
    Case(AID + "04-voz.us.txt", "2024-04-20", "To appease this group, the speaker of the House agreed to put border security legislation to a vote, which failed 215-99.",
         [T("215-99", 215, 99)]),
    Case(AID + "04-voz.us.txt", "2024-04-20", "Speaker Mike Johnson oversaw the four separate bills, which will soon be sent to the Senate where they are also expected to pass.",
         [Q("four", 4, counts="separate bills")]),
    Case(AID + "05-topnaija.ng.txt", "2024-04-21", "In a significant move, the United States House of Representatives has greenlit a comprehensive aid package totaling $61 billion for Ukraine, alongside separate allocations of $26 billion for Israel and $8.12 billion earmarked for the Indo-Pacific region.",
         [Q("$61 billion", 61e9, unit="USD"), Q("$26 billion", 26e9, unit="USD"), Q("$8.12 billion", 8.12e9, unit="USD", step=1e7)]),
    Case(AID + "05-topnaija.ng.txt", "2024-04-21", "However, 112 Republicans opposed the aid.",
         [Q("112", 112, counts="Republicans")]),
    Case(AID + "05-topnaija.ng.txt", "2024-04-21", "In a resounding show of support, the bill for Israel sailed through with a vote of 366-58, garnering approval from 193 Republicans and 173 Democrats.",
         [T("366-58", 366, 58), Q("193", 193, counts="Republicans"), Q("173", 173, counts="Democrats")]),
    Case(AID + "05-topnaija.ng.txt", "2024-04-21", "The Senate is poised to address the House-passed bills on Tuesday, signaling a crucial step forward in solidifying US foreign policy initiatives.",
         [], [D("Tuesday", "2024-04-23", "day", resolution="weekday on or after publication")]),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "The vote was 311-112.",
         [T("311-112", 311, 112)]),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "Notably, 112 Republicans opposed the bill, while only 101 voted in favor.",
         [Q("112", 112, counts="Republicans"), Q("101", 101)]),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "The bill now moves to the Democratic-led U.S. Senate, which passed a similar measure more than two months ago.",
         [], [D("more than two months ago", "2024-02", "month", fuzzy="more than", first=None, last="2024-02-21",
                resolution="relative to publication date")]),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "US House Speaker Mike Johnson speaks to the media at the Capitol on April 20, 2024.",
         [], [D("April 20, 2024", "2024-04-20", "day")]),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "The US Senate will begin considering the bill, which was passed by the House of Representatives on Tuesday.",
         [], [D("Tuesday", "2024-04-16", "day", resolution="weekday on or before publication")]),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "The bills provide $60.84 billion to address the conflict in Ukraine, including $23 billion to replenish U.S. weapons, stockpiles and facilities; $26 billion for Israel, including $9.1 billion for humanitarian needs; and $8.12 billion for the Indo-Pacific.",
         [Q("$60.84 billion", 60.84e9, unit="USD", step=1e7), Q("$23 billion", 23e9, unit="USD"), Q("$26 billion", 26e9, unit="USD"),
          Q("$9.1 billion", 9.1e9, unit="USD"), Q("$8.12 billion", 8.12e9, unit="USD")]),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "“This comes at a time of great urgency, as Israel faces unprecedented attacks from Iran and Ukraine under sustained bombardment from Russia,” Biden, who has called on Congress to approve additional aid to Ukraine since last year, said in a statement.",
         [], [D("since last year", "2023", "year", fuzzy="since", first="2023-01-01", last=None)]),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "They have repeatedly threatened to impeach House Speaker Mike Johnson, who was elected last October after his predecessor Kevin McCarthy was ousted by hard-liners in the Republican Party.",
         [], [D("last October", "2023-10", "month", first="2023-10-01", last="2023-10-31")]),
    Case(AID + "06-vietnam.vn.txt", "2024-04-21", "But Republican Donald Trump, a major influence in the Republican Party, backed Johnson on April 12.",
         [], [D("April 12", "2024-04-12", "day")]),
    # --- ukrspecsystems-uk-plant ---
    Case(UKR + "01-unn.ua.txt", "2025-09-08", "The company LLC \"Ukrspecsystems\" (Ukrspecsystems) will build a drone production plant in Great Britain, the serial production of which is planned to begin in early 2026.",
         [], [D("early 2026", "2026", "year", fuzzy="early", first="2026-01-01", last="2026-04-30")]),
    Case(UKR + "01-unn.ua.txt", "2025-09-08", "Ukraine's largest drone manufacturer, Ukrspecsystems, has announced a £200 million (approximately €225.988 million) investment program in Eastern England.",
         [Q("£200 million", 2e8, unit="GBP", scale="million"),
          Q("approximately €225.988 million", 225.988e6, unit="EUR", approx="about", step=1e3)]),
    Case(UKR + "01-unn.ua.txt", "2025-09-08", "It includes a new 11,000 m² factory in Mildenhall, as well as a test and training ground in Elmsett, Suffolk.",
         [Q("11,000 m²", 11000, unit="m2")]),
    Case(UKR + "01-unn.ua.txt", "2025-09-08", "The project is expected to create up to 500 jobs and training opportunities across the region - the publication writes.",
         [Q("up to 500", 500, approx="up to", counts="jobs")]),
    Case(UKR + "01-unn.ua.txt", "2025-09-08", "Recruitment of British specialists will begin later this year.",
         [], [D("later this year", "2025", "year", fuzzy="later", first="2025-09-08", last="2025-12-31")]),
    Case(UKR + "01-unn.ua.txt", "2025-09-08", "The Ukrainian company Ukrspecsystems was established in 2014 and specializes in the development and production of unmanned aerial systems for military purposes.",
         [], [D("2014", "2014", "year")]),
    Case(UKR + "01-unn.ua.txt", "2025-09-08", "In particular, the company produces \"Shark\" and PD-2 drones."),
    Case(UKR + "01-unn.ua.txt", "2025-09-08", "Ukraine has reached 60% of domestic weapons production.",
         [Q("60%", 60, unit="%", counts="domestic weapons production")]),
    Case(UKR + "02-news.novyny.live.txt", "2025-09-08", "According to media reports, the project includes building a new 11,000 m² plant in Mildenhall and creating a testing and training ground in Elmsett.",
         [Q("11,000 m²", 11000, unit="m2")]),
    Case(UKR + "02-news.novyny.live.txt", "2025-09-08", "According to official information, recruitment of British employees will begin by the end of 2025, with mass production of drones starting in early 2026.",
         [], [D("by the end of 2025", "2025", "year", fuzzy="by the end of", first=None, last="2025-12-31"),
              D("early 2026", "2026", "year", fuzzy="early")]),
    Case(UKR + "02-news.novyny.live.txt", "2025-09-08", "Ukraine’s FP-1 drone could redefine long-range strikes"),
    Case(UKR + "04-wordupnews.com.txt", "2026-02-25", "The first Ukrainian drone production factory started operations in Suffolk on Wednesday in a boost for Britain’s defence industry.",
         [], [D("Wednesday", "2026-02-25", "day")]),
    Case(UKR + "04-wordupnews.com.txt", "2026-02-25", "Ukrainian firm Ukrspecsystems started work on Wednesday after investing £200m into sites in Mildenhall and Elmsett, expected to create up to 500 British jobs at the sites and the wider UK supply chain.",
         [Q("£200m", 2e8, unit="GBP", scale="million", step=1e6), Q("up to 500", 500, approx="up to", counts="British jobs")],
         [D("Wednesday", "2026-02-25", "day")]),
    Case(UKR + "04-wordupnews.com.txt", "2026-02-25", "“This investment will create up to 500 new jobs in the East of England, drive defence as an engine for growth, and help Ukraine defend itself against Putin’s aggression.”",
         [Q("up to 500", 500, approx="up to", counts="new jobs")]),
    Case(UKR + "05-trtworld.com.txt", "2026-02-25", "Zaluzhnyi, a former commander of the Ukrainian armed forces, said on Wednesday the producer, Ukrspecsystems, founded in 2014, had proved the efficiency of its drones on the frontline.",
         [], [D("Wednesday", "2026-02-25", "day"), D("2014", "2014", "year")]),
    Case(UKR + "05-trtworld.com.txt", "2026-02-25", "Ukrspecsystems said on its website that it was working in the UK as part of the 1Force consortium, jointly with British Eagle Eye Innovations Ltd and Digital Concepts Engineering Ltd."),
    Case(UKR + "06-menafn.com.txt", "2026-02-26", "Tuesday, 02 January 2024 12:17 GMT",
         [], [D("Tuesday, 02 January 2024 12:17 GMT", "2024-01-02", "day", resolution="explicit")]),
    Case(UKR + "06-menafn.com.txt", "2026-02-26", "2026-02-26 02:01:45",
         [], [D("2026-02-26 02:01:45", "2026-02-26", "day")]),
    Case(UKR + "06-menafn.com.txt", "2026-02-26", "(MENAFN) Ukraine’s Ambassador to the UK Valerii Zaluzhnyi announced on Wednesday that the first Ukrainian military production facility has begun operations in Britain.",
         [], [D("Wednesday", "2026-02-25", "day")]),
    Case(UKR + "06-menafn.com.txt", "2026-02-26", "Ukrspecsystems had announced in September that it was expanding to the UK under the 1Force consortium, which includes Eagle Eye Innovations Ltd and Digital Concepts Engineering Ltd.",
         [], [D("September", "2025-09", "month", resolution="year from publication date")]),
    # --- issue 11: values the answer keys hold that the extractor missed (clock times, signed figures,
    #     halves, spoken decimals, hyphenated counts, storage units, an article for one unit) ---
    Case("bench/crash-air-india-171-2025/docs/01-businessupturn.com.txt", '2025-06-12', 'The flight, a Boeing 787-8 Dreamliner, was en route from Ahmedabad to London Gatwick and crashed shortly after takeoff around 1:39 PM IST.',
         [],
         [D('around 1:39 PM IST', '13:39', 'time', fuzzy='about', time='13:39', zone='IST')]),
    Case("bench/crash-air-india-171-2025/docs/04-dailydigest360.com.txt", '2025-06-14', 'The flight took off at 13:39 local time but lost radar contact soon after, following a mayday call from the cockpit.',
         [],
         [D('13:39 local time', '13:39', 'time', time='13:39', zone='local')]),
    Case("bench/crash-air-india-171-2025/docs/02-ndtv.com.txt", '2025-06-12', "With 242 people on board, Air India flight AI171 took off from Ahmedabad's Sardar Vallabhai Patel Airport around 2 pm and crashed minutes later into a residential area.",
         [Q('242', 242, counts='people')],
         [D('around 2 pm', '14:00', 'time', fuzzy='about', time='14:00')]),
    Case("bench/crash-jeju-air-2216-2024/docs/01-omniwire.xyz.txt", '2024-12-29', 'The crash occurred at around 9:03 a.m. local time, and firefighters put out the initial blaze at 9:46 a.m.',
         [],
         [D('around 9:03 a.m. local time', '09:03', 'time', fuzzy='about', time='09:03', zone='local'), D('9:46 a.m.', '09:46', 'time', time='09:46')]),
    Case("bench/crash-jeju-air-2216-2024/docs/04-bobnews24.com.txt", '2024-12-29', '08:59 a.m. – Flight crew declares a Mayday.',
         [],
         [D('08:59 a.m.', '08:59', 'time', time='08:59')]),
    Case("bench/crash-jeju-air-2216-2024/docs/05-koreajoongangdaily.joins.com.txt", '2024-12-29', 'The aircraft departed from Bangkok at 1:30 a.m. and was scheduled to arrive in Muan at 8:30 a.m.',
         [],
         [D('1:30 a.m.', '01:30', 'time', time='01:30'), D('8:30 a.m.', '08:30', 'time', time='08:30')]),
    Case("bench/crash-jeju-air-2216-2024/docs/01-omniwire.xyz.txt", '2024-12-29', 'The plane took off from Bangkok, Thailand, shortly after 2 a.m. local time and was carrying most of its passengers and crew from Korea, with at least two from Thailand.',
         [Q('at least two', 2, approx='at least')],
         [D('shortly after 2 a.m. local time', '02:00', 'time', fuzzy='after', time='02:00', zone='local')]),
    Case("bench/launch-starship-flight8-2025/docs/05-pledgetimes.com.txt", '2025-03-07', 'The Starship took off normally at 18:30 local time from Boca Chica, Texas, and although at first it seemed to work perfectly, it finally did not fulfill its mission.',
         [],
         [D('18:30 local time', '18:30', 'time', time='18:30', zone='local')]),
    Case("bench/launch-starship-flight8-2025/docs/01-galaxyaerospaceghana.com.txt", '2025-03-06', 'SpaceX launched the eighth test flight of its Starship megarocket today (March 6), sending the 403-foot-tall (123 meters) vehicle aloft from its Starbase site in South Texas at 6:30 p.m. EST (2330 GMT; 5:30 p.m. local Texas time).',
         [Q('403-foot', 403, unit='ft'), Q('123 meters', 123, unit='m')],
         [D('today', '2025-03-06', 'day', resolution='publication date'), D('March 6', '2025-03-06', 'day', resolution='year from publication date'), D('6:30 p.m. EST', '18:30', 'time', time='18:30', zone='EST'), D('2330 GMT', '23:30', 'time', time='23:30', zone='GMT'), D('5:30 p.m. local Texas time', '17:30', 'time', time='17:30', zone='local')]),
    Case("bench/pylos-shipwreck-2023/docs/02-maltashipphotos.com.txt", '2023-06-17', 'A few hours later, the vessel began listing before capsizing around 0200 hrs on Wednesday 14th June then sink',
         [],
         [D('around 0200 hrs', '02:00', 'time', fuzzy='about', time='02:00'), D('Wednesday 14th June', '2023-06-14', 'day', resolution='year from publication date')]),
    Case("bench/election-uk-2024/docs/04-goodmorningitalia.us6.list-manage.com.txt", '2024-07-05', '+210',
         [Q('+210', 210)]),
    Case("bench/election-uk-2024/docs/01-juiceliverpool.co.uk.txt", '2024-07-05', 'Northern Ireland had a turnout of 57%, Scotland 59%, and England 60%, with the lowest turnout of',
         [Q('57%', 57, unit='%'), Q('59%', 59, unit='%'), Q('60%', 60, unit='%')]),
    Case("bench/election-uk-2024/docs/01-juiceliverpool.co.uk.txt", '2024-07-05', 'Meanwhile, the Conservatives lost 12 seats in Wales, leaving them with no MPs there, while Labour gained nine seats, taking its total to 27, despite a four-point drop in share.',
         [Q('12', 12, counts='seats'), Q('nine', 9, counts='seats'), Q('27', 27), Q('four-point', 4, unit='point')]),
    Case("bench/sentencing-bankman-fried-2024/docs/03-am1.news.txt", '2024-03-28', 'The sentence was shorter than the 40 to 50 years requested by federal prosecutors, but well above the six and a half years sought by his defense lawyers.',
         [Q('40 to 50 years', None, low=40, high=50, unit='year'), Q('six and a half years', 6.5, unit='year')]),
    Case("bench/sentencing-bankman-fried-2024/docs/05-millenniumpost.in.txt", '2024-03-29', 'Prosecutors had sought a sentence of as much as 50 years while Bankman-Fried’s lawyers had asked for just 6 1/2 years.',
         [Q('as much as 50 years', 50, unit='year', approx='up to'), Q('6 1/2 years', 6.5, unit='year')]),
    Case("bench/sentencing-bankman-fried-2024/docs/04-thenewsentinel.com.txt", '2024-03-29', 'The sentencing, handed down by Judge Lewis A. Kaplan at the Federal District Court in Manhattan, was shorter than the 40 to 50 years recommended by prosecutors but above the defense’s request for a six-and-a-half-year sentence.',
         [Q('40 to 50 years', None, low=40, high=50, unit='year'), Q('six-and-a-half-year', 6.5, unit='year')]),
    Case("bench/tour-eras-final-gross-2024/docs/06-newtuber.su.txt", None, 'And if that number impressed you, try these ones: nearly TEN-POINT-TWO MILLION people attended the concerts, and gross ticket sales topped TWO BILLION dollars!',
         [Q('nearly TEN-POINT-TWO MILLION', 1.02e+07, approx='nearly', counts='people'), Q('TWO BILLION dollars', 2e+09, unit='USD')]),
    Case("bench/tour-eras-final-gross-2024/docs/06-newtuber.su.txt", None, 'As for how Tay-Tay herself made out on the tour, I’ll just say this: earlier this year, Forbes declared her the richest female musician, surpassing Rihanna, with an estimated net worth of one-point-six billion dollars!',
         [Q('one-point-six billion dollars', 1.6e+09, unit='USD')],
         [D('earlier this year', None, 'year', fuzzy='earlier', resolution='unresolved')]),
    Case("bench/tour-eras-final-gross-2024/docs/02-wtyefm.com.txt", '2024-12-09', 'After completing the final night of its 149-date run Sunday night, Taylor Swift’s Eras Tour went into the record books as pop history’s first $2 billion tour, her camp confirms.',
         [Q('149-date', 149, unit='date'), Q('$2 billion', 2e+09, unit='USD', counts='tour')],
         [D('Sunday night', '2024-12-08', 'day', resolution='weekday on or before publication')]),
    Case("bench/transfer-isak-liverpool-2025/docs/01-thesun.my.txt", '2025-09-02', 'The club confirmed his departure with a brief 37-word statement on Monday, ending his successful three-year spell on Tyneside.',
         [Q('37-word', 37, unit='word'), Q('three-year', 3, unit='year')],
         [D('Monday', '2025-09-01', 'day', resolution='weekday on or before publication')]),
    Case("bench/product-nintendo-switch2-2025/docs/02-business-standard.com.txt", '2025-04-03', 'The next generation handheld gaming console will feature a 7.9-inch LCD screen that has a 1080p resolution, supports HDR, and offers up to 120 frames per second (fps) refresh rate.',
         [Q('7.9-inch', 7.9, unit='in'), Q('up to 120', 120, approx='up to', counts='frames')]),
    Case("bench/product-nintendo-switch2-2025/docs/02-business-standard.com.txt", '2025-04-03', 'The Nintendo Switch 2 offers a significant increase in storage, featuring 256GB of internal memory—up from just 32GB on the first-generation model.',
         [Q('256GB', 256, unit='GB', counts='internal memory'), Q('32GB', 32, unit='GB')]),
    Case("bench/flood-texas-hill-country-2025/docs/03-finnoexpert.com.txt", '2025-07-07', 'Some areas got more than a foot of rain, trapping people inside their homes.',
         [Q('more than a foot', 1, unit='ft', approx='more than', counts='rain')]),
    Case("bench/sentencing-sean-combs-2025/docs/02-newsapp.abc.net.au.txt", '2025-10-04', 'Sean "Diddy" Combs, pictured in 2020, has already been in jail for more than a year.',
         [Q('more than a year', 1, unit='year', approx='more than')],
         [D('2020', '2020', 'year')]),
    Case("bench/sentencing-sean-combs-2025/docs/02-newsapp.abc.net.au.txt", '2025-10-04', 'Sean "Diddy" Combs has been sentenced to 50 months\' jail and fined $US500,000 ($758,000) for prostitution-related crimes linked to his notorious "freak-off" sex parties, which his ex-girlfriends testified they were forced to partake in.',
         [Q('50 months', 50, unit='month'), Q('$US500,000', 500000, unit='USD'), Q('$758,000', 758000, unit='USD')]),
    Case("bench/breach-change-healthcare-2025/docs/02-cybercc.org.txt", '2025-01-30', 'This incident is the largest healthcare data breach in history, affecting one in two citizens and resulting in estimated losses of $2 billion for UHG.',
         [Q('one', 1), Q('two', 2, counts='citizens'), Q('$2 billion', 2e+09, unit='USD')]),
    Case("bench/crash-jeju-air-2216-2024/docs/01-omniwire.xyz.txt", '2024-12-29', 'The Jeju Air Flight 2216, a Boeing 787-800, skidded off the runway while landing, bursting into flames after crashing.',
         []),
    Case("bench/ipo-reddit-2024/docs/04-occasionaldigest.com.txt", '2024-03-21', 'Reddit’s shares are set to begin trading Thursday on the New York Stock Exchange under the symbol RDDT.',
         [],
         [D('Thursday', '2024-03-21', 'day', resolution='weekday on or after publication')]),
    Case("bench/launch-starship-flight8-2025/docs/06-m.americanhertiageco.com.txt", '2025-03-06', 'So the flight test plan was almost identical to January’s Flight Test 7.',
         [],
         [D('January', '2025-01', 'month', resolution='year from publication date')]),

]

CASES = DEVELOPMENT + HELDOUT


# --- comparison, shared by the tests and the held-out scoring ---

def _same(expected, actual) -> bool:
    if isinstance(expected, float) or isinstance(actual, float):
        return expected is not None and actual is not None and math.isclose(expected, actual, rel_tol=1e-9)
    return expected == actual


def _iso(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def quantity_differences(expected: dict, actual) -> list[str]:
    """Field-by-field differences between an expected quantity and an extracted one ([] when they agree)."""
    fields = ("surface",) + QUANTITY_EXACT + tuple(f for f in QUANTITY_OPTIONAL if f in expected)
    return [f"{f}: expected {expected[f]!r}, got {getattr(actual, f)!r}"
            for f in fields if not _same(expected[f], getattr(actual, f))]


def date_differences(expected: dict, actual) -> list[str]:
    fields = ("surface",) + DATE_EXACT + tuple(f for f in DATE_OPTIONAL if f in expected)
    return [f"{f}: expected {expected[f]!r}, got {_iso(getattr(actual, f))!r}"
            for f in fields if expected[f] != _iso(getattr(actual, f))]


def _matched(expected: list[dict], actual: list, key) -> int:
    """How many expected items have an extracted counterpart with the same key (each used once)."""
    pool = [key(a) for a in actual]
    hits = 0
    for item in expected:
        wanted = key(item)
        if wanted in pool:
            pool.remove(wanted)
            hits += 1
    return hits


def _quantity_key(item):
    get = item.get if isinstance(item, dict) else lambda f: getattr(item, f)
    numbers = tuple(None if get(f) is None else round(get(f), 6) for f in ("value", "low", "high"))
    return get("surface"), numbers, get("unit"), get("tally")


def _date_key(item):
    get = item.get if isinstance(item, dict) else lambda f: getattr(item, f)
    return get("surface"), get("value"), get("granularity")


def precision_recall(cases: list[Case]) -> dict[str, tuple[int, int, int]]:
    """Per kind: (matched, extracted, expected). Quantity matched: same span and value/bounds/unit;
    date matched: same span and value/granularity."""
    from verify.dates import find_dates
    from verify.quantities import find_quantities

    totals = {"quantities": [0, 0, 0], "dates": [0, 0, 0]}
    for case in cases:
        found = {"quantities": find_quantities(case.text), "dates": find_dates(case.text, case.published_date)}
        for kind, key in (("quantities", _quantity_key), ("dates", _date_key)):
            expected = getattr(case, kind)
            totals[kind][0] += _matched(expected, found[kind], key)
            totals[kind][1] += len(found[kind])
            totals[kind][2] += len(expected)
    return {kind: tuple(numbers) for kind, numbers in totals.items()}


if __name__ == "__main__":
    subset = HELDOUT if "--all" not in sys.argv else CASES
    for kind, (hits, extracted, expected) in precision_recall(subset).items():
        print(f"{kind}: precision {hits}/{extracted} = {hits / max(extracted, 1):.3f}, "
              f"recall {hits}/{expected} = {hits / max(expected, 1):.3f}")
