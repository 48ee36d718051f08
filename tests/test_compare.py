"""The compare stage on real sentences: the same quantity with a different value is a conflict; look-alikes are not.

Each case builds small documents from sentences of the seeds and the dev benchmark (quoted here, with their
source file) and runs the real pipeline on them with the bundled model.
"""
import datetime as dt
from pathlib import Path

import pytest

from verify.compare import display_value
from verify.evaluate import load_event
from verify.ingest import document_from_text
from verify.pipeline import check_documents


# Cases the rule-based matcher got right and the learned one (verify/match.py, trained on the dev benchmark,
# leave-one-event-out precision 0.45 / recall 0.29) does not yet: kept as strict expected failures, so a
# better matcher shows up here as an unexpected pass.
KNOWN_MISS = pytest.mark.xfail(strict=True, raises=AssertionError, reason="learned matcher does not yet separate this case")


def _doc(doc_id, text, published=None, outlet=None):
    return document_from_text(doc_id, text, outlet=outlet or doc_id, published=published)


def _findings(embedder, *docs):
    return check_documents(list(docs), embedder).comparison.findings


def _pairs(findings, type_):
    return {tuple(sorted((c.doc, display_value(c)) for c in f.claims)) for f in findings if f.type == type_}


# bench/attack-november-2025/docs/01-unn.ua.txt
UNN = ("In Ternopil, the number of dead as a result of the Russian attack increased to 16, including one child, "
       "and 64 more people were injured, including 14 children, the National Police and the head of the Ternopil "
       "Regional Military Administration Vyacheslav Nehoda reported on Wednesday, writes UNN.")
# bench/attack-november-2025/docs/02-localnewswave.com.txt
LOCAL = ("KYIV, Ukraine — A significant Russian drone and missile attack struck the western Ukrainian city of "
         "Ternopil, resulting in the deaths of 19 individuals and injuring at least 66 others, including 16 children, "
         "emergency services reported on Wednesday.\n\n"
         "The Ukrainian air force reported that Russia launched a total of 476 strike and decoy drones, along with "
         "48 missiles, during the nighttime bombardment.\n\n"
         "In addition to the casualties in Ternopil, nearly 50 people were reported injured in Russian strikes "
         "across three other Ukrainian regions.")
# bench/attack-november-2025/docs/04-menafn.com.txt
MENAFN = ("(MENAFN) At least 25 individuals, including three children, lost their lives and 73 others sustained "
          "injuries when a Russian strike struck residential buildings in the western Ukrainian city of Ternopil on "
          "Wednesday morning, officials reported.\n\n"
          "The statement noted that Ukrainian air defense systems intercepted or neutralized 483 of the 524 detected "
          "airborne threats, including 442 drones, 34 Kh-101 cruise missiles, and seven Kalibr missiles.")
# bench/attack-november-2025/docs/06-eutoday.net.txt
EUTODAY = ("According to the DSNS, the strike on the night of 18–19 November killed 33 people, including six "
           "children. A further 94 people were injured, among them 18 children. Six people remain unaccounted for, "
           "including one child, and are officially listed as missing.")


@pytest.fixture(scope="module")
def attack(embedder):
    docs = [
        _doc("unn.txt", UNN, dt.date(2025, 11, 19)),
        _doc("local.txt", LOCAL, dt.date(2025, 11, 19)),
        _doc("menafn.txt", MENAFN, dt.date(2025, 11, 20)),
        _doc("eutoday.txt", EUTODAY, dt.date(2025, 11, 23)),
    ]
    return _findings(embedder, *docs)


@KNOWN_MISS
def test_death_tolls_told_in_different_words_conflict(attack):
    conflicts = _pairs(attack, "conflict")
    # "the number of dead ... increased to 16" / "resulting in the deaths of 19" / "lost their lives" / "killed 33"
    assert (("local.txt", "19"), ("unn.txt", "16")) in conflicts
    assert (("menafn.txt", "25"), ("unn.txt", "16")) in conflicts
    assert (("eutoday.txt", "33"), ("local.txt", "19")) in conflicts


@KNOWN_MISS
def test_children_among_the_dead_are_compared_with_children_among_the_dead(attack):
    conflicts = _pairs(attack, "conflict")
    assert (("eutoday.txt", "6"), ("unn.txt", "1")) in conflicts      # one child vs six children killed
    assert (("eutoday.txt", "18"), ("unn.txt", "14")) in conflicts    # children injured


@KNOWN_MISS
def test_killed_is_never_compared_with_injured_or_missing(attack):
    """Nor, for dates, the day of the strike with the day it was reported."""
    casualty = {"killed", "kill", "dead", "death", "deaths", "injured", "injure", "injuring", "missing"}
    for finding in attack:
        predicates = {c.frame.predicate.lemma for c in finding.claims if c.frame.predicate} & casualty
        assert len({p[:4] for p in predicates}) <= 1, finding.explanation


@KNOWN_MISS
def test_the_missing_child_is_not_the_dead_child(attack):
    """eutoday's 'Six people remain unaccounted for, including one child' vs unn's '16, including one child'."""
    for finding in attack:
        surfaces = {(c.doc, c.surface) for c in finding.claims}
        assert not {("eutoday.txt", "one"), ("unn.txt", "one")} <= surfaces


def test_drones_shot_down_are_not_drones_launched(attack):
    """menafn's '442 drones' are intercepted, a part of 483; localnewswave's 476 drones were launched."""
    for finding in attack:
        values = {display_value(c) for c in finding.claims}
        assert not {"442", "476"} <= values
        assert not {"483", "476"} <= values


@KNOWN_MISS
def test_injuries_in_other_regions_are_not_the_ternopil_injuries(attack):
    """localnewswave gives 66 injured in Ternopil and 'nearly 50' in three other regions: 64 pairs with 66."""
    pairs = _pairs(attack, "conflict")
    assert (("local.txt", "66"), ("unn.txt", "64")) in pairs
    assert not any(("local.txt", "50") in pair for pair in pairs | _pairs(attack, "agreement"))


@KNOWN_MISS
def test_an_updated_toll_names_the_newer_report(attack):
    finding = next((f for f in attack if f.type == "conflict" and {display_value(c) for c in f.claims} == {"16", "33"}),
                   None)
    assert finding is not None
    assert finding.newer == "eutoday.txt"
    assert "eutoday.txt" in finding.explanation and "later" in finding.explanation


def test_scores_order_the_findings_and_stay_in_range(attack):
    scores = [f.score for f in attack]
    assert all(0.0 <= s <= 1.0 for s in scores)
    conflicts = [f.score for f in attack if f.type == "conflict"]
    assert conflicts == sorted(conflicts, reverse=True)


# bench/aid-ukraine-israel-taiwan-2024/docs: 03-fism.tv.txt, 01-upi.com.txt, 06-vietnam.vn.txt
FISM = "Together they amount to $95 billion in foreign aid – $60 billion for Ukraine, roughly $17 billion for Israel."
UPI = ("The most contentious bill, a $61 billion military aid package for Ukraine, passed in a 311-112 vote, with "
       "Democrats overwhelming GOP opposition to the measure.")
VIETNAM = ("The bills provide $60.84 billion to address the conflict in Ukraine, including $23 billion to replenish "
           "U.S. weapons, stockpiles and facilities; $26 billion for Israel, including $9.1 billion for humanitarian "
           "needs; and $8.12 billion for the Indo-Pacific.")


@KNOWN_MISS
def test_rounding_agrees_and_a_different_figure_conflicts(embedder):
    findings = _findings(embedder, _doc("fism.txt", FISM), _doc("upi.txt", UPI), _doc("vietnam.txt", VIETNAM))
    assert (("upi.txt", "61000000000"), ("vietnam.txt", "60840000000")) in _pairs(findings, "agreement")
    conflicts = _pairs(findings, "conflict")
    assert (("fism.txt", "60000000000"), ("vietnam.txt", "60840000000")) in conflicts
    # $17 billion for Israel leaves out the humanitarian part of the $26 billion: a scope, not a conflict.
    assert not any(("fism.txt", "17000000000") in pair for pair in conflicts)


def test_a_sum_for_israel_is_not_compared_with_a_sum_for_ukraine(embedder):
    findings = _findings(embedder, _doc("fism.txt", FISM), _doc("vietnam.txt", VIETNAM))
    for finding in findings:
        assert {display_value(c) for c in finding.claims} != {"60000000000", "26000000000"}


BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def test_pounds_agree_and_dollars_are_not_compared_with_pounds(embedder):
    """The UK plant event: '£200 million', '200 million pounds', '£200m', '200 million-pound (nearly $270 million)'."""
    event = BENCH / "ukrspecsystems-uk-plant"
    if not event.is_dir():
        pytest.skip(f"dev benchmark not present at {event}")
    documents, _ = load_event(event)
    findings = check_documents(documents, embedder).comparison.findings
    pounds = {(f.claims[0].doc, f.claims[1].doc) for f in findings
              if f.type == "agreement" and f.kind == "number" and {c.mention.unit for c in f.claims} == {"GBP"}}
    assert ("01-unn.ua.txt", "03-kyivindependent.com.txt") in pounds
    assert ("01-unn.ua.txt", "02-news.novyny.live.txt") in pounds
    for finding in findings:
        if finding.kind == "number":
            assert len({c.mention.unit for c in finding.claims}) == 1


# seeds/000_a28f620ae836cfc1.txt and seeds/002_d6449e741489756f.txt
DAILY = "During December–January, the average daily supply of interceptor drones reached 1,500 units."
MONTHLY = ("Among the key agreements is the start of production of 1,000 Octopus interceptor drones per month "
           "beginning in February.")
PLAN = ("By the end of this year, Ukraine plans to produce almost 800 interceptor drones and start mass production "
        "of Flamingo and Ruta missiles.")


def test_a_daily_rate_a_monthly_rate_and_a_yearly_plan_are_different_quantities(embedder):
    findings = _findings(embedder, _doc("daily.txt", DAILY), _doc("monthly.txt", MONTHLY), _doc("plan.txt", PLAN))
    assert [f for f in findings if f.kind == "number"] == []


# seeds/001_4cafb03c0bc694a9.txt and seeds/002_d6449e741489756f.txt
TRUCKS = "Over the past week, Ukrainian drones destroyed 26 Russian tanks, 54 armored vehicles, 85 trucks, and 87 Russian soldiers."
DOWNED = ("The Russian side claimed to have downed 85 Ukrainian drones, though numerous damages to infrastructure were "
          "officially confirmed.")


@KNOWN_MISS
def test_85_trucks_are_not_85_drones(embedder):
    findings = _findings(embedder, _doc("trucks.txt", TRUCKS, dt.date(2025, 4, 4)), _doc("downed.txt", DOWNED))
    assert findings == []


# bench/aid-ukraine-israel-taiwan-2024/docs/06-vietnam.vn.txt, 05-topnaija.ng.txt, 02-thefiscaltimes.com.txt, 01-upi.com.txt
HOUSE_TUESDAY = "The US Senate will begin considering the bill, which was passed by the House of Representatives on Tuesday."
SENATE_TUESDAY = "The Senate is poised to address the House-passed bills on Tuesday, signaling a crucial step forward."
HOUSE_SATURDAY = ("In rare Saturday action, the House overwhelmingly passed a $95 billion series of foreign aid bills "
                  "this afternoon, delivering fresh funding for Ukraine, Israel and Taiwan after months of delays.")
DATELINE = ("April 20 (UPI) -- The Republican-controlled House of Representatives on Saturday passed a "
                  "long-delayed $95 billion foreign aid package that includes funding for Ukraine, Israel and Taiwan.")


def test_a_planned_date_is_not_compared_with_a_past_one(embedder):
    findings = _findings(embedder, _doc("vietnam.txt", HOUSE_TUESDAY, dt.date(2024, 4, 21)),
                         _doc("topnaija.txt", SENATE_TUESDAY, dt.date(2024, 4, 21)))
    assert [f for f in findings if f.kind == "date"] == []


@KNOWN_MISS   # P(same) about 0.3: it passes when `verify train` picks a conflict threshold of 0.3, not at 0.35
def test_two_days_for_the_same_vote_conflict(embedder):
    findings = _findings(embedder, _doc("vietnam.txt", HOUSE_TUESDAY, dt.date(2024, 4, 21)),
                         _doc("fiscaltimes.txt", HOUSE_SATURDAY, dt.date(2024, 4, 20)))
    dates = [f for f in findings if f.kind == "date"]
    assert [(f.type, {display_value(c) for c in f.claims}) for f in dates] == [
        ("conflict", {"2024-04-16", "2024-04-20"})]


def test_a_dateline_is_not_a_claim(embedder):
    result = check_documents([_doc("upi.txt", DATELINE, dt.date(2024, 4, 20))], embedder)
    assert "April 20" not in [c.surface for c in result.claims]


@KNOWN_MISS
def test_nearest_neighbour_blocking_keeps_the_conflicts(embedder, monkeypatch):
    """Large inputs score each claim against its nearest neighbours only; the toll conflicts must survive."""
    import verify.match as match

    monkeypatch.setattr(match.candidate_pairs, "__defaults__", (4, 0))
    findings = _findings(embedder, _doc("unn.txt", UNN, dt.date(2025, 11, 19)),
                         _doc("local.txt", LOCAL, dt.date(2025, 11, 19)),
                         _doc("eutoday.txt", EUTODAY, dt.date(2025, 11, 23)))
    conflicts = _pairs(findings, "conflict")
    assert (("local.txt", "19"), ("unn.txt", "16")) in conflicts
    assert (("eutoday.txt", "33"), ("unn.txt", "16")) in conflicts


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_copies_do_not_corroborate_and_a_changed_figure_between_them_is_a_conflict(embedder):
    """A wire copy of seeds/004 under another outlet's name, with a new headline and one figure changed."""
    original = (SEEDS / "004_1813ec40aa6a27d0.txt").read_text(encoding="utf-8")
    copy = original.replace("1st Ukrainian drone factory starts production in UK, Zaluzhnyi says",
                            "Ukraine opens its first drone plant in Britain") \
                   .replace("a 200 million-pound", "a 300 million-pound")
    docs = [_doc("004.txt", original, outlet="kyivindependent.com"),
            _doc("wire.txt", copy, outlet="wire.example"),
            _doc("003.txt", (SEEDS / "003_6857bf80342c0cbf.txt").read_text(encoding="utf-8"))]
    result = check_documents(docs, embedder)
    assert [c.docs for c in result.copies] == [("004.txt", "wire.txt")]
    findings = result.comparison.findings
    inside = [f for f in findings if {c.doc for c in f.claims} == {"004.txt", "wire.txt"}]
    assert [(f.type, {c.surface for c in f.claims}) for f in inside] == [
        ("conflict", {"200 million-pound", "300 million-pound"})]
    assert "copies of one story" in inside[0].explanation
    # The copy's claims stand for the original's: nothing is listed twice against a third source.
    assert not any("wire.txt" in {c.doc for c in f.claims} and "003.txt" in {c.doc for c in f.claims}
                   for f in findings)
    assert any({c.doc for c in f.claims} == {"004.txt", "003.txt"} for f in findings)
    assert all(slot.doc != "wire.txt" for slot in result.comparison.single_source())


@KNOWN_MISS
def test_a_toll_is_not_a_count_of_buildings(embedder):
    """A toll sentence that also counts the blocks hit (after bench/attack-november-2025's wording)."""
    text = ("The number of people killed by a Russian missile strike on two apartment blocks in Ternopil has {} to "
            "26, including three children, officials said.")
    findings = _findings(embedder, _doc("a.txt", text.format("risen")), _doc("b.txt", text.format("climbed")))
    assert [f for f in findings if f.type == "conflict"] == []
    toll = next(f for f in findings if {display_value(c) for c in f.claims} == {"26"})
    assert {c.frame.counted.text for c in toll.claims if c.frame.counted} <= {"people"}
