"""The command line's error contract: every error is exit status 2 and one line on stderr starting "verify: error:",
never a traceback, never a half-written output. Tested through click's CliRunner and through a real process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stand_ins import RUN_WITH_BAG_OF_WORDS, BagOfWords
from verify.cli import main

ARTICLE = "The strike on Ternopil killed 25 people and injured 93 more on Wednesday, officials said.\n"


def invoke(*args, **kwargs):
    # click 8.2+ keeps stderr apart from stdout on every Result (the mix_stderr argument is gone).
    return CliRunner().invoke(main, [str(arg) for arg in args], prog_name="verify", **kwargs)


def assert_one_line_error(result, *fragments: str) -> str:
    """Exit status 2, nothing on stdout, and exactly one line on stderr that names the problem."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception   # not an uncaught exception
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("verify: error: "), result.stderr
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


@pytest.fixture
def inputs(tmp_path):
    """A folder of problem inputs, one per error the CLI must report; each test gets its own."""
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8)
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "text": "Fine."}\n{"id": "b", "text": \n', encoding="utf-8")
    (tmp_path / "notext.jsonl").write_text('{"id": "a"}\n', encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "out").mkdir()
    return tmp_path


# (arguments, fragments the one line must contain); "{d}" is the inputs folder. None of these loads the model.
ERRORS = {
    "missing input": (["check", "{d}/missing.txt"], ["missing.txt: no such file or folder"]),
    "empty file": (["check", "{d}/empty.txt"], ["empty.txt: empty file"]),
    "binary file": (["extract", "{d}/binary.txt"], ["binary.txt: not a text file"]),
    "malformed JSONL": (["check", "{d}/bad.jsonl"], ["bad.jsonl:2: not valid JSON"]),
    "JSONL without text": (["extract", "{d}/notext.jsonl"], ["notext.jsonl:1: missing 'text'"]),
    "unknown file type": (["check", "{d}/notes.pdf"], ["notes.pdf: unsupported file type '.pdf'"]),
    "folder named like a file": (["check", "{d}/folder.txt"], ["folder.txt: no ", "files in this folder"]),
    "dangling symlink": (["check", "{d}/dangling.txt"], ["dangling.txt: no such file or folder"]),
    "output in a missing folder": (["check", "{d}/ok.txt", "-o", "{d}/nowhere/report.md"],
                                   ["report.md: folder ", "does not exist"]),
    "JSONL output in a missing folder": (["check", "{d}/ok.txt", "--jsonl", "{d}/nowhere/f.jsonl"],
                                         ["f.jsonl: folder "]),
    "output is a folder": (["check", "{d}/ok.txt", "-o", "{d}/out"], ["'-o'", "is a directory", "--help"]),
    "unknown option": (["check", "{d}/ok.txt", "--no-such-option"], ["No such option", "verify check --help"]),
    "no input": (["check"], ["Missing argument 'PATHS...'"]),
    "unknown command": (["chek", "{d}/ok.txt"], ["No such command 'chek'"]),
    "output replaces an input": (["check", "{d}/ok.txt", "-o", "{d}/ok.txt"], ["would replace input"]),
    "both outputs one file": (["check", "{d}/ok.txt", "-o", "{d}/out/r.md", "--jsonl", "{d}/out/../out/r.md"],
                              ["would replace output"]),
}


@pytest.mark.parametrize("case", ERRORS)
def test_every_error_is_one_line_and_status_2(inputs, case):
    args, fragments = ERRORS[case]
    assert_one_line_error(invoke(*(arg.format(d=inputs) for arg in args)), *fragments)


def test_output_errors_come_before_the_work_and_write_nothing(inputs, monkeypatch):
    """A missing folder, an unwritable one, an output that would replace an input file or the other output."""
    def no_run(*args, **kwargs):
        raise AssertionError("the pipeline ran although the output cannot be written")

    monkeypatch.setattr("verify.pipeline.check", no_run)
    before = sorted(os.listdir(inputs))
    assert_one_line_error(invoke("check", inputs / "ok.txt", "-o", inputs / "nowhere" / "r.md"), "does not exist")
    assert_one_line_error(invoke("check", inputs / "ok.txt", "-o", "/proc/verify-report.md"), "cannot write")
    assert_one_line_error(invoke("check", inputs / "ok.txt", "-o", inputs / "ok.txt"), "would replace input")
    assert_one_line_error(invoke("extract", inputs / "ok.txt", "--jsonl", inputs / "ok.txt"), "would replace input")
    assert (inputs / "ok.txt").read_text(encoding="utf-8") == ARTICLE
    assert sorted(os.listdir(inputs)) == before and not (inputs / "nowhere").exists()


def test_a_failed_write_is_one_line_and_leaves_no_temporary_file(inputs, monkeypatch):
    """A full disk while writing: the error names the output; the previous file stays; no temporary file."""
    import errno

    out = inputs / "out" / "sentences.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("verify.output.os.fsync", disk_full)
    line = assert_one_line_error(invoke("extract", inputs / "ok.txt", "--jsonl", out), "sentences.jsonl")
    assert "No space left on device" in line
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert os.listdir(out.parent) == ["sentences.jsonl"]


def test_an_os_error_anywhere_is_one_line(inputs, monkeypatch):
    """A permission problem in a stage (here: reading the file) is not a bug to print a traceback for."""
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/some/cache/file")

    monkeypatch.setattr("verify.pipeline.segment", denied)
    line = assert_one_line_error(invoke("extract", inputs / "ok.txt"))
    assert line == "verify: error: /some/cache/file: Permission denied"


def test_multi_line_messages_are_folded_into_one(inputs, monkeypatch):
    from verify.errors import InputError

    def multi(*args, **kwargs):
        raise InputError("feed.jsonl:3: bad\nthing\n  here")

    monkeypatch.setattr("verify.ingest.read_corpus", multi)
    assert assert_one_line_error(invoke("extract", inputs / "ok.txt")) == "verify: error: feed.jsonl:3: bad thing here"


def test_help_and_version_are_not_errors():
    for args in (["--help"], ["check", "--help"], ["extract", "--help"], ["eval", "--help"], ["--version"]):
        result = invoke(*args)
        assert result.exit_code == 0 and result.stderr == "", (args, result.output)


def test_skip_bad_is_offered_by_check_and_extract():
    for command in ("check", "extract"):
        assert "--skip-bad" in invoke(command, "--help").stdout


def test_extract_writes_to_stdout_or_the_jsonl_file(inputs):
    to_stdout = invoke("extract", inputs / "ok.txt")
    assert to_stdout.exit_code == 0 and to_stdout.stderr == ""
    [record] = [json.loads(line) for line in to_stdout.stdout.splitlines()]
    assert record["sentence"] == ARTICLE.strip()
    out = inputs / "out" / "s.jsonl"
    to_file = invoke("extract", inputs / "ok.txt", "--jsonl", out)
    assert to_file.exit_code == 0 and to_file.stdout == ""
    assert out.read_text(encoding="utf-8") == to_stdout.stdout


# ---------------------------------------------------------------- a real process

def run_verify(*args, cwd=None, env=None):
    """`python -m verify.cli ...` in a fresh interpreter: what a user's shell sees."""
    return subprocess.run([sys.executable, "-m", "verify.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


@pytest.mark.parametrize("case", ["missing input", "empty file", "binary file", "malformed JSONL",
                                  "output in a missing folder", "unknown option"])
def test_errors_in_a_real_process_have_no_traceback(inputs, case):
    args, fragments = ERRORS[case]
    done = run_verify(*(arg.format(d=inputs) for arg in args))
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("verify: error: "), done.stderr
    assert all(fragment in lines[0] for fragment in fragments), lines[0]


def test_the_verify_script_reports_errors_the_same_way(inputs):
    script = Path(sys.executable).with_name("verify")
    if not script.exists():
        pytest.skip(f"no console script at {script}")
    done = subprocess.run([str(script), "check", str(inputs / "empty.txt")], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and done.stderr == f"verify: error: {inputs / 'empty.txt'}: empty file, nothing to check\n"


def test_write_error_at_the_end_in_a_real_process(inputs):
    """/dev/full accepts the open and fails the write: the message names it, no traceback. (A character device is
    written to directly, never renamed over, so this is safe even as root.)"""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    done = run_verify("extract", inputs / "ok.txt", "--jsonl", "/dev/full")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr == "verify: error: /dev/full: cannot write (No space left on device)\n"
    assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full")


def test_output_through_a_symlink_and_to_a_pipe(inputs):
    """A symlinked output keeps its link and updates the file it points to; /dev/stdout and pipes are written to."""
    real = inputs / "out" / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = inputs / "link.jsonl"
    link.symlink_to(real)
    assert invoke("extract", inputs / "ok.txt", "--jsonl", link).exit_code == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["doc"] == "ok.txt"

    done = run_verify("extract", inputs / "ok.txt", "--jsonl", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sentence"] == ARTICLE.strip()

    fifo = inputs / "pipe.jsonl"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    try:
        done = run_verify("extract", inputs / "ok.txt", "--jsonl", fifo)
        out, _ = reader.communicate(timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert done.returncode == 0, done.stderr
    assert json.loads(out)["doc"] == "ok.txt"
    assert not fifo.is_file()            # still the pipe, not a regular file put in its place


def test_new_outputs_get_the_usual_permissions(inputs):
    """Temporary files are private (0600); the report renamed from one is as readable as any file the user makes."""
    out = inputs / "out" / "s.jsonl"
    old_umask = os.umask(0o022)
    try:
        assert invoke("extract", inputs / "ok.txt", "--jsonl", out).exit_code == 0
    finally:
        os.umask(old_umask)
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o640)
    assert invoke("extract", inputs / "ok.txt", "--jsonl", out).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640          # an existing file keeps its mode


def test_a_closed_pipe_is_not_an_error_message(inputs):
    """`verify extract ... | head`: the reader goes away; no traceback and no error line, as for other tools."""
    big = inputs / "big.txt"
    big.write_text(ARTICLE * 3000, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "verify.cli", "extract", str(big)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdout.close()                     # before a byte is read: the write fails with EPIPE
    stderr = process.stderr.read()
    assert process.wait(timeout=120) in (0, 1)
    assert "Traceback" not in stderr and "verify: error" not in stderr, stderr


# ---------------------------------------------------------------- no input is ever written

KYIV = ("Ternopil strike death toll rises to 26\nThe number of people killed by a Russian missile strike on two "
        "apartment blocks in Ternopil has risen to 26, the State Emergency Service said on Wednesday.\n"
        "Russia launched 476 drones and 48 missiles across Ukraine overnight, the Air Force said.\n")
BBC = ("Russian strike on Ternopil kills 25\nA Russian missile strike on residential buildings in the western city "
       "of Ternopil killed 25 people, officials said on Wednesday.\n"
       "Russia fired 476 drones and 48 missiles at Ukraine overnight, according to the Ukrainian Air Force.\n")
AGREEING = BBC.replace("killed 25 people", "killed 26 people").replace("kills 25", "kills 26")

# A real process with a bag-of-words model in place of the sentence model: stdin, stdout and exit status as a
# shell sees them, in a second rather than the model's load time.
STUB_RUN = RUN_WITH_BAG_OF_WORDS


@pytest.fixture
def stub_model(monkeypatch):
    monkeypatch.setattr("verify.pipeline.Embedder", BagOfWords)


def stub_process(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-c", STUB_RUN, *map(str, args)], input=stdin, capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def articles(folder: Path, other: str = BBC) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "01-kyivindependent.com.txt").write_text(" date 2025-11-19 " + KYIV, encoding="utf-8")
    (folder / "02-bbc.co.uk.txt").write_text(" date 2025-11-19 " + other, encoding="utf-8")
    return folder


def test_output_that_would_replace_an_input_article(tmp_path, monkeypatch):
    """Any output that is a file the run reads is an error before any work, however the path reaches it: inside an
    input folder, through a link to it, through a linked folder, under another (hard-linked) name."""
    monkeypatch.setattr("verify.pipeline.check", lambda *a, **k: pytest.fail("ran although it would replace input"))
    folder = articles(tmp_path / "quake")
    article = folder / "01-kyivindependent.com.txt"
    elsewhere = articles(tmp_path / "elsewhere")
    (folder / "linked").symlink_to(elsewhere, target_is_directory=True)
    (tmp_path / "link.txt").symlink_to(article)
    os.link(elsewhere / "02-bbc.co.uk.txt", tmp_path / "hard.txt")
    before = {path: path.read_bytes() for path in (article, elsewhere / "01-kyivindependent.com.txt",
                                                   elsewhere / "02-bbc.co.uk.txt")}
    cases = [("--jsonl", article, article), ("-o", article, article), ("-o", tmp_path / "link.txt", article),
             ("--jsonl", elsewhere / "01-kyivindependent.com.txt", folder / "linked" / "01-kyivindependent.com.txt"),
             ("-o", tmp_path / "hard.txt", folder / "linked" / "02-bbc.co.uk.txt")]
    for option, output, named in cases:
        assert_one_line_error(invoke("check", folder, option, output), f"{output}: writing it would replace input",
                              str(named))
    assert_one_line_error(invoke("extract", folder, "--jsonl", article), "would replace input")
    assert {path: path.read_bytes() for path in before} == before       # byte-identical
    assert not (tmp_path / "link.txt").resolve() != article


def test_overwriting_an_input_fails_in_a_real_process_and_leaves_it_intact(tmp_path):
    folder = articles(tmp_path / "quake")
    article = folder / "01-kyivindependent.com.txt"
    before = article.read_bytes()
    done = stub_process("check", folder, "--jsonl", article)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"verify: error: {article}: writing it would replace input {article}\n"
    assert article.read_bytes() == before


def test_what_verify_wrote_is_recognised_by_its_content(tmp_path):
    from verify.cli import mark_report
    from verify.ingest import written_by_verify

    files = {"report.md": mark_report("# Cross-check report\n\nChecked 2 sources: ...\n"),
             "old-report.md": "# Cross-check report\n\nChecked 5 sources from seeds: 101 sentences.\n",
             "renamed.txt": mark_report("# Another title\n"),
             "findings.jsonl": '{"type": "run", "schema": 1, "model": "m", "documents": 2}\n{"type": "document"}\n',
             "sentences.jsonl": '{"doc": "a.txt", "start": 0, "end": 5, "sentence": "Hello", "quantities": [], '
                                '"dates": []}\n',
             "article.md": "# Cross-check report\n\nA column on how newsrooms check their facts.\n",
             "feed.jsonl": '{"id": "a", "type": "run", "text": "The strike killed 25 people."}\n',
             "quoting.txt": "An article that quotes the marker:\n" + mark_report("") + "and goes on.\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert [name for name in files if written_by_verify(tmp_path / name)] == [
        "report.md", "old-report.md", "renamed.txt", "findings.jsonl", "sentences.jsonl"]


def test_a_rerun_with_the_report_in_the_input_folder(tmp_path, stub_model):
    """`verify check t2/ -o t2/report.md` twice: the second run does not read the first one's report (nor the
    JSONL), and writes the same report. Another report verify wrote is skipped and listed as skipped."""
    folder = articles(tmp_path / "t2")
    report, findings = folder / "report.md", folder / "findings.jsonl"
    args = ("check", folder, "-o", report, "--jsonl", findings, "--fail-on", "never")
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    outputs = report.read_bytes(), findings.read_bytes()
    second = invoke(*args)
    assert second.exit_code == 0, second.output
    assert (report.read_bytes(), findings.read_bytes()) == outputs
    run = json.loads(findings.read_text(encoding="utf-8").splitlines()[0])
    assert run["documents"] == 2 and run["skipped"] == []

    (folder / "sub").mkdir()
    (folder / "sub" / "older-report.md").write_bytes(outputs[0])
    (folder / "sub" / "older.jsonl").write_bytes(outputs[1])
    third = invoke(*args)
    run = json.loads(findings.read_text(encoding="utf-8").splitlines()[0])
    assert run["documents"] == 2
    assert run["skipped"] == [str(folder / "sub" / "older-report.md"), str(folder / "sub" / "older.jsonl")]
    assert "older-report.md" in report.read_text(encoding="utf-8").replace("\\", "")
    assert third.exit_code == 0
    # Named directly, a report is not an article either; with nothing else there is nothing to check.
    assert_one_line_error(invoke("check", report), f"{report}: no articles to check (skipped: {report})")


# ---------------------------------------------------------------- exit status and the summary line

def _lenient_matcher(tmp_path: Path) -> Path:
    """The shipped model with its conflict threshold at 0.3: the stub's bag-of-words vectors score the plain
    25-against-26 dispute lower (0.31) than the sentence model does (0.80), and these tests are about the exit
    status, not the matcher."""
    from verify.match import Matcher

    matcher = Matcher.load()
    matcher.conflict_threshold_ = 0.3
    matcher.save(tmp_path / "lenient.json")
    return tmp_path / "lenient.json"


def test_exit_status_says_whether_sources_conflict(tmp_path, stub_model):
    disputed, agreeing = articles(tmp_path / "disputed"), articles(tmp_path / "agreeing", AGREEING)
    out = tmp_path / "report.md"
    lenient = _lenient_matcher(tmp_path)

    def check(folder, *options):
        return invoke("check", folder, "-o", out, "--matcher", lenient, *options)

    found = check(disputed)
    assert found.exit_code == 1 and isinstance(found.exception, SystemExit), found.output
    # The summary line counts as the report's first screen does.
    assert found.stderr == f"verify: 2 sources, 1 conflict, {_corroborated(out)} corroborated -> {out}\n"
    assert "**1 conflict**" in out.read_text(encoding="utf-8")
    assert check(disputed, "--fail-on", "never").exit_code == 0
    assert check(disputed, "--fail-on", "rounding").exit_code == 1
    calm = check(agreeing)
    assert calm.exit_code == 0
    assert calm.stderr == f"verify: 2 sources, 0 conflicts, {_corroborated(out)} corroborated -> {out}\n"
    assert "**0 conflicts**" in out.read_text(encoding="utf-8")
    quiet = check(disputed, "--quiet")
    assert quiet.exit_code == 1 and quiet.stderr == ""
    assert check(disputed, "--fail-on", "sometimes").exit_code == 2


def _corroborated(report: Path) -> int:
    import re

    return int(re.search(r"\*\*(\d+) corroborated claims?\*\*", report.read_text(encoding="utf-8")).group(1))


def test_fail_on_rounding_counts_rounding_findings(tmp_path, monkeypatch, stub_model):
    """A `rounding` finding (one source rounds the other's figure) fails only `--fail-on rounding`."""
    import dataclasses

    import verify.pipeline

    real_compare = verify.pipeline.compare

    def with_rounding(*args, **kwargs):
        comparison = real_compare(*args, **kwargs)
        rounded = [dataclasses.replace(f, type="rounding") for f in comparison.findings]
        return dataclasses.replace(comparison, findings=rounded)

    monkeypatch.setattr("verify.pipeline.compare", with_rounding)
    folder, out = articles(tmp_path / "in", AGREEING), tmp_path / "findings.jsonl"
    assert invoke("check", folder, "--jsonl", out, "-o", tmp_path / "r.md").exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rounded = {r["group"] for r in records if r["type"] == "rounding"}
    assert rounded and not any(r["type"] in ("conflict", "agreement") for r in records)
    result = invoke("check", folder, "--jsonl", out, "-o", tmp_path / "r.md", "--fail-on", "rounding")
    assert result.exit_code == 1 and f", 0 corroborated, {len(rounded)} rounded -> " in result.stderr


def test_short_help_option():
    for args in (["-h"], ["check", "-h"], ["extract", "-h"], ["eval", "-h"]):
        result = invoke(*args)
        assert result.exit_code == 0 and result.stdout.startswith("Usage: verify"), (args, result.output)
    assert "--fail-on" in invoke("check", "-h").stdout and "--quiet" in invoke("check", "-h").stdout


# ---------------------------------------------------------------- standard input and output

def _feed(*texts: str) -> str:
    return "".join(json.dumps({"id": f"n{i}", "source": f"outlet {i}", "date": "2025-11-19", "text": text}) + "\n"
                   for i, text in enumerate(texts, 1))


def test_jsonl_on_standard_input_and_outputs_on_standard_output(tmp_path):
    """`cat feed.jsonl | verify check - --jsonl -`, `-o -`, and `verify extract -`, in a real process."""
    feed = _feed(KYIV, BBC)
    lenient = _lenient_matcher(tmp_path)
    both = stub_process("check", "-", "--jsonl", "-", "--matcher", lenient, stdin=feed)
    assert both.returncode == 1, both.stderr
    records = [json.loads(line) for line in both.stdout.splitlines()]
    assert records[0]["type"] == "run" and records[0]["documents"] == 2
    assert [r["origin"] for r in records if r["type"] == "document"] == ["<stdin>:1", "<stdin>:2"]
    assert any(r["type"] == "conflict" for r in records)
    assert both.stderr.startswith("verify: 2 sources, 1 conflict, ") and both.stderr.endswith(" -> stdout\n")

    report = stub_process("check", "-", "-o", "-", "--jsonl", tmp_path / "f.jsonl", "-q", "--matcher", lenient,
                          stdin=feed)
    assert report.returncode == 1 and report.stderr == ""
    assert report.stdout.startswith("# Cross-check report\n") and (tmp_path / "f.jsonl").exists()
    assert not (tmp_path / "-").exists()
    nothing_named_dash = stub_process("check", "-", "-o", "-", "--matcher", lenient, stdin=feed, cwd=tmp_path)
    assert nothing_named_dash.returncode == 1 and not (tmp_path / "-").exists()

    sentences = stub_process("extract", "-", "--jsonl", "-", stdin=feed)
    assert sentences.returncode == 0, sentences.stderr
    assert {json.loads(line)["doc"] for line in sentences.stdout.splitlines()} == {"n1", "n2"}


def test_standard_input_problems(tmp_path):
    assert_one_line_error(invoke("check", "-", input=""), "<stdin>: empty input")
    assert_one_line_error(invoke("extract", "-", input='{"id": "a", "text": "Fine."}\n{"id": \n'),
                          "<stdin>:2: not valid JSON")
    assert_one_line_error(invoke("check", "-", "-o", "-", "--jsonl", "-", input=_feed(KYIV)),
                          "cannot both go to stdout")


# ---------------------------------------------------------------- the model, offline

NO_NETWORK = {"HF_ENDPOINT": "http://127.0.0.1:9", "HF_HUB_ETAG_TIMEOUT": "600", "HF_HUB_DOWNLOAD_TIMEOUT": "600"}


def test_an_unknown_model_fails_at_once_without_the_network(tmp_path):
    """No hub look-up (the endpoint is unreachable: a look-up would show as retries or a connection error), no
    model library loaded: one line naming the models there are and how to pass a folder."""
    folder = articles(tmp_path / "in")
    probe = ("import sys\nfrom verify.cli import main\ntry:\n    main(sys.argv[1:], prog_name='verify')\nfinally:\n"
             "    print('loaded:', sorted(m for m in ('torch', 'sentence_transformers') if m in sys.modules),"
             " file=sys.stderr)\n")
    env = {**os.environ, **NO_NETWORK, "HF_HOME": str(tmp_path / "hf")}
    env.pop("HF_HUB_OFFLINE", None)
    done = subprocess.run([sys.executable, "-c", probe, "check", folder, "--model", "no-such-model"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    error, loaded = done.stderr.splitlines()
    assert error.startswith("verify: error: embedding model 'no-such-model': not a folder and not in the local")
    assert "available: all-MiniLM-L6-v2 (bundled, the default)" in error and "--model PATH" in error
    assert loaded == "loaded: []"
    missing = invoke("check", folder, "--model", str(tmp_path / "no-such-folder"))
    assert_one_line_error(missing, "no-such-folder': no such folder", "--model PATH")


def test_a_model_in_the_local_cache_is_found_offline(tmp_path):
    """A hub name already downloaded is read from the Hugging Face cache, by its full or its short name."""
    from verify.embed import resolve_model

    bundled = Path(resolve_model(None))
    snapshot = tmp_path / "hub" / "models--sentence-transformers--tiny-test" / "snapshots" / "abc123"
    snapshot.mkdir(parents=True)
    for file in bundled.iterdir():
        (snapshot / file.name).symlink_to(file)
    (snapshot.parent.parent / "refs").mkdir()
    (snapshot.parent.parent / "refs" / "main").write_text("abc123")
    script = ("from verify.embed import resolve_model, available_models\n"
              "print(resolve_model('tiny-test')); print(resolve_model('sentence-transformers/tiny-test'))\n"
              "print(available_models())\n")
    env = {**os.environ, **NO_NETWORK, "HF_HUB_CACHE": str(tmp_path / "hub")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    first, second, listed = done.stdout.splitlines()
    assert first == second == str(snapshot)
    if (bundled / "modules.json").exists():
        assert "sentence-transformers/tiny-test" in listed


def test_the_bundled_model_works_offline(tmp_path):
    """The default model, in a real process with the hub switched off."""
    folder = articles(tmp_path / "in", AGREEING)
    env = {**os.environ, **NO_NETWORK, "HF_HUB_OFFLINE": "1", "VERIFY_CACHE_DIR": str(tmp_path / "cache")}
    done = run_verify("check", folder, "-o", tmp_path / "r.md", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("verify: 2 sources, 0 conflicts, ")


# ---------------------------------------------------------------- the Python API

def test_check_takes_a_path_or_a_list_and_exposes_the_findings(embedder):
    from verify import check

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    result = check(str(seeds), embedder=embedder)
    assert len(result.documents) == 5
    assert [d.id for d in check([seeds], embedder=embedder).documents] == [d.id for d in result.documents]
    findings = result.comparison.findings
    assert result.conflicts == [f for f in findings if f.type == "conflict"]
    assert result.agreements == [f for f in findings if f.type == "agreement"] and result.agreements
    assert result.rounding == [f for f in findings if f.type == "rounding"]
    assert result.single_source == result.comparison.single_source() and result.single_source
    assert all(len(f.claims) == 2 and f.claims[0].doc != f.claims[1].doc for f in result.agreements)


def test_train_never_writes_over_an_answer_key_or_an_article(tmp_path):
    event = tmp_path / "bench" / "one-event"
    (event / "docs").mkdir(parents=True)
    key = event / "gold.json"
    key.write_text('{"event": "x", "conflicts": [], "agreements": [], "traps": []}', encoding="utf-8")
    article = event / "docs" / "a.txt"
    article.write_text("The flood killed 12 people.", encoding="utf-8")
    for target in (key, article):
        before = target.read_bytes()
        result = CliRunner().invoke(main, ["train", str(tmp_path / "bench"), "-o", str(target)])
        assert result.exit_code != 0 and "would replace input" in result.output, result.output
        assert target.read_bytes() == before
