"""A stand-in for the sentence model, for tests that exercise everything but the model."""
from pathlib import Path

import numpy as np


class BagOfWords:
    """Hashed word counts, L2-normalised: deterministic, no torch, no weights to load."""

    model_name = "bag-of-words"
    DIMENSIONS = 64

    def __init__(self, *args, **kwargs):
        pass

    def encode(self, texts):
        vectors = np.zeros((len(texts), self.DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                vectors[row, sum(word.encode()) % self.DIMENSIONS] += 1.0
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


# `python -c RUN_WITH_BAG_OF_WORDS ARGS...`: the verify CLI in a real process, the stand-in in place of the model.
RUN_WITH_BAG_OF_WORDS = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
import verify.pipeline
from stand_ins import BagOfWords
verify.pipeline.Embedder = BagOfWords
from verify.cli import main
main(sys.argv[1:], prog_name="verify")
"""
