"""The extract stage: the numbers and dates of each sentence, with spans into the document text."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .dates import DateMention, find_dates
from .ingest import Document
from .quantities import Quantity, find_quantities
from .segment import Sentence


@dataclass(frozen=True)
class ExtractedSentence:
    sentence: Sentence
    quantities: tuple[Quantity, ...]   # spans are document offsets
    dates: tuple[DateMention, ...]     # spans are document offsets


def _shifted(mention, offset: int):
    return dataclasses.replace(mention, start=mention.start + offset, end=mention.end + offset)


def extract_sentence(sentence: Sentence, published=None) -> ExtractedSentence:
    found_dates = find_dates(sentence.text, published)
    quantities = tuple(_shifted(q, sentence.start) for q in find_quantities(sentence.text, found_dates))
    dates = tuple(_shifted(d, sentence.start) for d in found_dates)
    return ExtractedSentence(sentence, quantities, dates)


def extract(documents: list[Document], sentences: list[Sentence]) -> list[ExtractedSentence]:
    published = {doc.id: doc.published for doc in documents}
    return [extract_sentence(s, published.get(s.doc)) for s in sentences]


def mention_record(mention) -> dict:
    """A quantity or date as `verify extract` writes it (schema in README.md)."""
    if isinstance(mention, DateMention):
        record = {"surface": mention.surface, "span": [mention.start, mention.end], "value": mention.value,
                  "granularity": mention.granularity, "resolution": mention.resolution}
        if mention.range_start or mention.range_end:
            record["start"], record["end"] = mention.range_start, mention.range_end
        if mention.fuzzy:
            record["fuzzy"] = mention.fuzzy
        if mention.time:
            record["time"] = mention.time
            record["zone"] = mention.zone
        return record
    record = {"surface": mention.surface, "span": [mention.start, mention.end], "kind": mention.kind}
    if mention.tally is not None:
        record["tally"] = list(mention.tally)
    elif mention.value is not None and mention.low is None and mention.high is None:
        record["value"] = mention.value
    else:
        record["value"] = mention.value
        record["low"], record["high"] = mention.low, mention.high
    record.update(unit=mention.unit, approx=mention.approx, rate=mention.rate, counts=mention.counts)
    return record


def sentence_record(item: ExtractedSentence, frames: dict | None = None) -> dict:
    """A sentence as `verify extract` writes it; `frames` maps a mention's (start, end) to its frame record."""
    s = item.sentence

    def record(mention) -> dict:
        r = mention_record(mention)
        if frames is not None:
            r["frame"] = frames.get((mention.start, mention.end))
        return r

    return {"doc": s.doc, "start": s.start, "end": s.end, "sentence": s.text,
            "quantities": [record(q) for q in item.quantities],
            "dates": [record(d) for d in item.dates]}
