"""The frame stage on real sentences (tests/frame_cases.py): what each figure counts, whose it is, where, when."""
import pytest

from frame_cases import DEV, HELD_OUT
from verify.dates import find_dates
from verify.frames import Frame, build_frame, parse_text
from verify.quantities import find_quantities


@pytest.fixture(scope="session")
def parser(tmp_path_factory):
    from verify.parse import Parser

    return Parser(cache_dir=tmp_path_factory.mktemp("parse-cache"))


def frame_of(parser, sentence: str, value: str) -> Frame:
    dates = find_dates(sentence, None)
    mentions = [*find_quantities(sentence, dates), *dates]
    mention = next((m for m in mentions if m.surface == value), None)
    assert mention is not None, f"{value!r} not extracted from {sentence!r}: {[m.surface for m in mentions]}"
    others = [(m.start, m.end) for m in mentions if m is not mention]
    (parsed,) = parser.parse([parse_text(sentence)])
    return build_frame(parsed, sentence, 0, mention, others)


def slot_matches(frame: Frame, name: str, expected) -> bool:
    if name == "position":
        return frame.position == expected
    slot = getattr(frame, name)
    if expected is None:
        return slot is None
    if slot is None:
        return False
    return expected.lower() in slot.text.lower()


def check(frame: Frame, expected: dict) -> list[str]:
    return [f"{name}: expected {want!r}, got {getattr(frame, name, None)!r}"
            for name, want in expected.items() if not slot_matches(frame, name, want)]


@pytest.mark.parametrize("sentence,value,expected", DEV, ids=[f"{v}|{s[:40]}" for s, v, _ in DEV])
def test_frame_slots(parser, sentence, value, expected):
    assert check(frame_of(parser, sentence, value), expected) == []


def test_held_out_frames(parser):
    """Scored on sentences labelled before the frame code ran on them; the bar is the figure measured then."""
    checks = passed = 0
    for sentence, value, expected in HELD_OUT:
        frame = frame_of(parser, sentence, value)
        checks += len(expected)
        passed += len(expected) - len(check(frame, expected))
    assert passed / checks >= HELD_OUT_BAR, f"{passed}/{checks} held-out frame slots right"


# Measured once on HELD_OUT when it was first scored (see the closing note of the frames issue).
HELD_OUT_BAR = 0.85   # 31 of 36 slots when first scored


def test_frame_record_shape(parser):
    frame = frame_of(parser, "Labour clinched 412 seats, claiming a 33.7% vote share.", "412")
    record = frame.record()
    assert set(record) == {*Frame.SLOTS, "position"}
    assert record["holder"] == {"text": "Labour", "span": [0, 6]}
    assert record["place"] is None


def test_a_part_shares_the_predicate_of_its_total(parser):
    """'including' is not what happened to the children: the injured total's predicate is."""
    sentence = "The strike killed 12 people, and 40 more people were injured, including nine children."
    assert frame_of(parser, sentence, "nine").predicate.text == "injured"
    assert "40 more people" in frame_of(parser, sentence, "nine").part_of.text
    assert frame_of(parser, sentence, "12").predicate.text == "killed"
    # "including" under the total's noun: neither it nor the noun is the part's predicate.
    assert frame_of(parser, "The strike killed 33 people, including six children.", "six").predicate.text == "killed"


@pytest.mark.parametrize("sentence,value", [
    ("The council is poised to vote on the budget on Thursday.", "Thursday"),
    ("The company plans to cut 4,000 jobs by the end of the year.", "4,000"),
])
def test_the_verb_governing_an_infinitive_gives_the_modality(parser, sentence, value):
    assert frame_of(parser, sentence, value).modality_kind == "planned"


def test_each_value_has_its_own_clause(parser):
    """The clause the match stage embeds holds the value's own words, not those of the sentence's other values."""
    sentence = ("Officials said 14 people had died in the North Fire and another six had died in the "
                "Cedar Fire.")
    six, fourteen = frame_of(parser, sentence, "six").clause, frame_of(parser, sentence, "14").clause
    assert "Cedar" in six and "North" not in six
    assert "North" in fourteen and "Cedar" not in fourteen


@pytest.mark.parametrize("sentence,whole,part", [
    ("Of the 12 people on board, 11 were confirmed dead.", "12", "11"),
    ("Officials said that four of the 27 confirmed dead were children.", "27", "four"),
    ("All but 3 of 140 passengers survived the landing.", "140", "All but 3"),
])
def test_the_total_of_a_partitive_is_a_whole_without_the_parts_predicate(parser, sentence, whole, part):
    total = frame_of(parser, sentence, whole)
    assert total.whole and total.predicate is None
    assert not frame_of(parser, sentence, part).whole


@pytest.mark.parametrize("sentence,listed,alone", [
    ("The jet was carrying 150 passengers and seven crew members when it landed.", "150", None),
    ("The bus carried 40 pupils, three teachers, and 2 drivers.", "three", None),
    ("The strike killed 25 people and injured 93 others.", None, "25"),
])
def test_a_count_in_a_list_of_counts_is_listed(parser, sentence, listed, alone):
    """One count of a list adds up with the others to a total: it is not that total."""
    if listed:
        assert frame_of(parser, sentence, listed).listed
    if alone:
        assert not frame_of(parser, sentence, alone).listed


def test_a_fronted_of_phrase_is_the_whole_and_is_not_counted_by_the_parts_complement(parser):
    sentence = "Police said that of the 40 confirmed dead, 25 were men and 15 were women."
    total = frame_of(parser, sentence, "40")
    assert total.whole and total.counted is None and total.predicate is None
    assert frame_of(parser, sentence, "25").counted.text == "men"
