"""benchmarks/boilerplate_audit.py runs and prints its figures per corpus."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_audit_prints_kept_and_dropped_lines_per_corpus():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "boilerplate_audit.py"), str(ROOT / "seeds")],
                          capture_output=True, text=True, check=True)
    assert re.search(r"^5 documents, (\d+) lines: (\d+) kept \(\d+ with a digit\), (\d+) dropped$", done.stdout, re.M)
    assert re.search(r"^dropped by reason: .*after the article's end \d+", done.stdout, re.M)
    assert re.search(r"^## all corpora: \d+ kept", done.stdout, re.M)
