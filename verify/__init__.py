"""verify: cross-check numbers and dates across news articles.

    from verify import check, render_markdown, render_jsonl
    result = check(["seeds/"])
    print(render_markdown(result))

Names are imported on first use, so importing the package (and `verify --help`) stays fast.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_API = {
    "check": "pipeline",
    "check_documents": "pipeline",
    "Result": "pipeline",
    "read_corpus": "ingest",
    "JsonlFields": "ingest",
    "find_copies": "copies",
    "CopySet": "copies",
    "Document": "ingest",
    "segment": "segment",
    "Sentence": "segment",
    "find_quantities": "quantities",
    "find_dates": "dates",
    "extract": "extract",
    "Embedder": "embed",
    "group_sentences": "group",
    "build_claims": "claims",
    "compare": "compare",
    "render_markdown": "report",
    "render_jsonl": "findings",
    "evaluate_bench": "evaluate",
    "InputError": "errors",
}
__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(f".{_API[name]}", __name__), name)
    raise AttributeError(f"module 'verify' has no attribute {name!r}")
