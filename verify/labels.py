"""Labels: what a value is, in plain words, from its frame. Every label the report, the JSONL's "what" and the
compare stage's value groups show comes from here."""
from __future__ import annotations

from collections import Counter

from .claims import Claim


def describe(claim: Claim) -> str:
    """What a value is, in plain words, from its frame (verify/frames.py): whose, what is counted, what happened,
    where, the unit and the rate. "Labour's vote share (%)", "bodies recovered in Kerr County", "investment (GBP)",
    "date of the crash". Every label in the report (and the JSONL's "what") comes from here."""
    f, m = claim.frame, claim.mention
    holder = f"{f.holder.text}'s " if f.holder and not f.holder.text.endswith(("'s", "’s")) else \
        f"{f.holder.text} " if f.holder else ""
    if claim.kind == "date":
        if f.counted:
            head = f"date of the {f.counted.text}"
        elif f.predicate:
            head = f"date {f.predicate.text}"
        else:
            head = "time" if m.granularity == "time" else "date"
        return head + (f" in {f.place.text}" if f.place else "")
    counted = f.counted.text if f.counted else (m.counts or "").strip()
    if m.kind == "tally":
        head = counted or "vote tally"
    elif m.kind == "money":
        head = f"{counted or 'amount'} ({m.unit})" if m.unit else counted or "amount of money"
    elif m.kind == "percent":
        head = f"{counted} (%)" if counted else "percentage"
    elif m.unit:
        head = f"{counted or 'quantity'} ({m.unit})"
    else:
        head = counted or "number"
    parts = [holder + head]
    if f.predicate and f.predicate.lemma not in ("be", "have") and f.predicate.text.lower() not in head.lower():
        parts.append(f.predicate.text)
    if m.rate:
        parts.append(f"per {m.rate}")
    if f.place:
        parts.append(f"in {f.place.text}")
    return " ".join(parts)


def group_label(claims: list[Claim]) -> str:
    """One label for the claims of one quantity: the one most of them get, the most explicit among equals."""
    labels = Counter(describe(c) for c in claims)
    return max(labels, key=lambda label: (labels[label], label not in ("number", "date"), len(label), label))
