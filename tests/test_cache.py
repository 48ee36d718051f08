"""The embedding cache: only new texts reach the model, and the cache survives crashes and concurrent runs."""
import hashlib
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from verify.cache import FILE_NAME, EmbeddingCache, default_cache_dir, model_identity
from verify.embed import Embedder


class SpyModel:
    """Stands in for SentenceTransformer: a fixed unit vector per text, and a record of every encode call."""

    dimension = 8

    def __init__(self):
        self.calls: list[list[str]] = []

    def encode(self, texts, **options):
        self.calls.append(list(texts))
        vectors = np.array([self._vector(text) for text in texts], dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def get_sentence_embedding_dimension(self):
        return self.dimension

    @classmethod
    def _vector(cls, text):
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(cls.dimension)

    @property
    def encoded(self) -> list[str]:
        return [text for call in self.calls for text in call]


def spied(cache_dir, model="spy-model", **options) -> tuple[Embedder, SpyModel]:
    embedder = Embedder(model, cache_dir=cache_dir, **options)
    embedder._model = spy = SpyModel()
    return embedder, spy


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)


def test_second_run_reads_everything_from_the_cache(tmp_path):
    texts = ["Twelve people were killed.", "The plant opened in 2026.", "Officials said 15."]
    first, first_spy = spied(tmp_path)
    vectors = first.encode(texts)
    assert sorted(first_spy.encoded) == sorted(texts)

    second, second_spy = spied(tmp_path)  # a new run: a new embedder over the same folder
    again = second.encode(texts)
    assert second_spy.calls == []
    assert (second.hits, second.misses) == (3, 0)
    np.testing.assert_array_equal(again, vectors)
    assert again.dtype == np.float32 and again.shape == (3, SpyModel.dimension)


def test_an_added_text_costs_only_that_text(tmp_path):
    embedder, spy = spied(tmp_path)
    embedder.encode(["a first sentence", "a second sentence"])
    spy.calls.clear()

    vectors = embedder.encode(["a first sentence", "a new sentence", "a second sentence"])

    assert spy.calls == [["a new sentence"]]  # one call, holding only the miss
    expected = SpyModel().encode(["a first sentence", "a new sentence", "a second sentence"])
    np.testing.assert_allclose(vectors, expected, rtol=1e-6)


def test_repeated_texts_are_encoded_once_and_returned_in_place(tmp_path):
    embedder, spy = spied(tmp_path)
    vectors = embedder.encode(["Skip to main content", "Details", "Skip to main content"])
    assert sorted(spy.encoded) == ["Details", "Skip to main content"]
    np.testing.assert_array_equal(vectors[0], vectors[2])


def test_different_models_do_not_share_entries(tmp_path):
    texts = ["The same words, another model."]
    first, _ = spied(tmp_path, model="spy-a")
    first.encode(texts)
    other, other_spy = spied(tmp_path, model="spy-b")
    other.encode(texts)
    assert other_spy.encoded == texts


def test_a_model_folder_is_known_by_path_and_files(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"hidden_size": 8}')
    weights = folder / "model.safetensors"
    weights.write_bytes(b"\0" * (2 << 20))  # large: known by size and mtime, not read
    identity = model_identity(str(folder))
    assert model_identity(str(folder)) == identity
    (tmp_path / "link").symlink_to(folder)
    assert model_identity(str(tmp_path / "link")) == identity

    (folder / "config.json").write_text('{"hidden_size": 9}')
    edited_config = model_identity(str(folder))
    assert edited_config != identity

    stat = weights.stat()
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # weights re-saved
    assert model_identity(str(folder)) not in {identity, edited_config}


def test_an_interrupted_write_leaves_a_usable_cache(tmp_path):
    # The child saves one batch, then dies (no cleanup, as on SIGKILL) halfway through writing the next one.
    child = run_python(f"""
        import os
        import numpy as np
        from verify import cache

        store = cache.EmbeddingCache({str(tmp_path)!r})
        store.put("m", ["kept 1", "kept 2"], np.ones((2, 4), dtype=np.float32))
        write_rows = cache._rows

        def die_after_one_row(*args):
            rows = write_rows(*args)
            yield next(rows)
            os._exit(3)

        cache._rows = die_after_one_row
        store.put("m", ["lost 1", "lost 2"], np.ones((2, 4), dtype=np.float32))
    """)
    assert child.returncode == 3, child.stderr

    store = EmbeddingCache(tmp_path)
    assert sorted(store.get("m", ["kept 1", "kept 2", "lost 1", "lost 2"])) == ["kept 1", "kept 2"]
    store.put("m", ["lost 1"], np.full((1, 4), 2, dtype=np.float32))
    np.testing.assert_array_equal(store.get("m", ["lost 1"])["lost 1"], np.full(4, 2, dtype=np.float32))


def test_concurrent_runs_share_one_cache(tmp_path):
    writer = """
        import numpy as np
        from verify.cache import EmbeddingCache

        store = EmbeddingCache({folder!r})
        for batch in range(100):
            texts = [f"text {{batch}}-{{i}}" for i in range({first}, {first} + 10)]
            store.put("m", texts, np.ones((10, 4), dtype=np.float32))
    """
    # Overlapping texts (5..9 of each batch), written by both runs at the same time.
    runs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(writer.format(folder=str(tmp_path), first=first))],
                             stderr=subprocess.PIPE, text=True) for first in (0, 5)]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read()
        run.stderr.close()
    texts = [f"text {batch}-{i}" for batch in range(100) for i in range(15)]
    assert len(EmbeddingCache(tmp_path).get("m", texts)) == len(texts)


def test_an_unusable_cache_only_warns(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database" * 100)
    embedder, spy = spied(tmp_path)
    with pytest.warns(RuntimeWarning, match="embedding cache"):
        vectors = embedder.encode(["still encoded"])
    assert spy.encoded == ["still encoded"] and vectors.shape == (1, SpyModel.dimension)


def test_no_cache_writes_nothing(tmp_path):
    embedder, spy = spied(tmp_path / "cache", use_cache=False)
    embedder.encode(["one"])
    embedder.encode(["one"])
    assert spy.encoded == ["one", "one"]
    assert not (tmp_path / "cache").exists()


def test_default_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("VERIFY_CACHE_DIR", str(tmp_path / "explicit"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("VERIFY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "verify"


def test_cached_vectors_match_the_model(embedder):
    texts = ["Russia launched 476 drones overnight.", "The factory will employ 100 people."]
    first = embedder.encode(texts)
    misses = embedder.misses
    again = embedder.encode(texts)
    assert embedder.misses == misses  # the second call was served by the cache
    fresh = Embedder(use_cache=False)
    fresh._model = embedder.model  # the same weights, without loading them twice
    np.testing.assert_allclose(again, fresh.encode(texts), atol=1e-5)
    np.testing.assert_array_equal(again, first)
    np.testing.assert_allclose(np.linalg.norm(again, axis=1), 1.0, atol=1e-5)


def test_help_does_not_load_the_heavy_libraries():
    child = run_python("""
        import sys
        from verify.cli import main
        try:
            main(["check", "--help"])
        except SystemExit:
            pass
        print(sorted(name for name in ("torch", "sentence_transformers", "sklearn") if name in sys.modules))
    """)
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip().splitlines()[-1] == "[]"
