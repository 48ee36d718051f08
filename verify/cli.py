"""Command line: a thin shell over the Python API. Heavy modules are imported inside commands so --help is instant."""
from __future__ import annotations

import errno
import functools
import sys

import click

from .errors import InputError


class _Group(click.Group):
    """Turns bad input, a bad command line and a failed read or write into one line on stderr and exit status 2,
    never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            message = str(exc)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else ctx.command_path
            message = f"{exc.format_message()} (see '{command} --help')"
        except OSError as exc:   # disk full, permission denied: the environment, not a bug to trace
            if exc.errno == errno.EPIPE:
                raise             # "verify ... | head": click exits quietly
            message = f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc)
        click.echo(f"verify: error: {' '.join(message.split())}", err=True)
        ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="verify")
def main():
    """Cross-check numbers and dates across news articles: conflicts, corroborated and single-source claims.

    Exit status: 0 no conflict, 1 conflicts found (see check --fail-on), 2 bad input or usage.
    """


_paths = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str, allow_dash=True))
STDOUT = "-"
# --fail-on: which findings make `verify check` exit with status 1.
_FAILING = {"conflict": ("conflict",), "rounding": ("conflict", "rounding"), "never": ()}

# JSONL exports name their fields in many ways ("content", "publishedAt", "source.name"): one option per field.
_FIELD_OPTIONS = (("id", "the document id"), ("text", "the article text"), ("title", "the headline"),
                  ("date", "the publication date"),
                  ("source", "the outlet name; a dotted KEY reaches into an object: source.name"),
                  ("url", "the article URL"))


def _inputs(command):
    """--skip-bad and the JSONL field names, handed to the command as `skip_bad` and `fields` (a JsonlFields)."""
    @functools.wraps(command)
    def with_inputs(*args, **options):
        from .ingest import JsonlFields

        fields = JsonlFields(**{name: options.pop(f"{name}_field") for name, _ in _FIELD_OPTIONS})
        return command(*args, fields=fields, **options)

    with_inputs = click.option("--skip-bad", is_flag=True,
                               help="Leave out bad inputs (a malformed JSONL line, an unreadable file) and list "
                                    "them on stderr, instead of stopping.")(with_inputs)
    for name, what in reversed(_FIELD_OPTIONS):
        with_inputs = click.option(f"--{name}-field", f"{name}_field", default=name, show_default=True,
                                   metavar="KEY", help=f"JSONL key of {what}.")(with_inputs)
    return with_inputs


def _warn_skipped(problems):
    for problem in problems:
        click.echo(f"verify: skipped {problem}", err=True)


def _model(command):
    """--model, and where its vectors are cached (a rerun only encodes sentences it has not seen)."""
    command = click.option("--no-cache", is_flag=True,
                           help="Encode every sentence afresh; read and write no cache.")(command)
    command = click.option("--cache-dir", default=None, metavar="DIR",
                           type=click.Path(file_okay=False, path_type=str),
                           help="Embedding cache folder (default: $VERIFY_CACHE_DIR, else ~/.cache/verify).")(command)
    return click.option("--model", default=None, metavar="NAME_OR_PATH",
                        help="sentence-transformers model (default: the bundled all-MiniLM-L6-v2).")(command)


@main.command()
@_paths
@click.option("-o", "--report", "report_path", type=click.Path(dir_okay=False, path_type=str, allow_dash=True),
              help="Write the markdown report here; '-' is stdout, the default unless --jsonl is '-'.")
@click.option("--jsonl", "jsonl_path", type=click.Path(dir_okay=False, path_type=str, allow_dash=True),
              help="Also write the findings as JSON lines here; '-' is stdout (then the report is written only "
                   "with -o FILE).")
@click.option("--fail-on", type=click.Choice(sorted(_FAILING)), default="conflict", show_default=True,
              help="Exit with status 1 when a conflict is found (or a conflict or a rounding difference); "
                   "'never' exits 0 whatever is found.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr.")
@click.option("--matcher", "matcher_path", default=None, metavar="MODEL",
              type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="Matcher model file from `verify train` (default: the one shipped, trained on the dev benchmark).")
@_model
@_inputs
def check(paths, report_path, jsonl_path, fail_on, quiet, matcher_path, model, cache_dir, no_cache, fields,
          skip_bad):
    """Cross-check the articles in PATHS (.txt/.md/.html files, folders of them, or .jsonl; '-' reads JSONL
    from stdin). Exit status: 0 no conflict, 1 conflicts found, 2 bad input."""
    from .findings import render_jsonl
    from .output import write_all_atomic
    from .pipeline import check as run_check
    from .report import render_markdown

    if report_path == STDOUT and jsonl_path == STDOUT:
        raise click.UsageError("the report and the JSONL cannot both go to stdout ('-'); name a file for one")
    if report_path is None and jsonl_path != STDOUT:
        report_path = STDOUT
    files = [path for path in (report_path, jsonl_path) if path and path != STDOUT]
    _check_outputs(*files, inputs=paths)
    result = run_check(paths, model=model, cache_dir=cache_dir, use_cache=not no_cache, fields=fields,
                       skip_bad=skip_bad, outputs=files, matcher=matcher_path)
    _warn_skipped(result.problems)
    outputs = {jsonl_path: render_jsonl(result)} if jsonl_path else {}
    if report_path:
        outputs[report_path] = mark_report(
            render_markdown(result, report_path=None if report_path == STDOUT else report_path))
    write_all_atomic({path: text for path, text in outputs.items() if path != STDOUT})   # both files or neither
    if STDOUT in outputs:
        click.echo(outputs[STDOUT], nl=False)
    if not quiet:
        written = (path for path in (report_path, jsonl_path) if path)
        click.echo(f"verify: {_summary(result)} -> {', '.join('stdout' if p == STDOUT else p for p in written)}",
                   err=True)
    if any(finding.type in _FAILING[fail_on] for finding in result.comparison.findings):
        click.get_current_context().exit(1)


def mark_report(markdown: str) -> str:
    """The report as written to a file or stdout: with the marker line that keeps a later run from reading it
    as an article (an HTML comment, invisible when the markdown is rendered)."""
    from .ingest import REPORT_MARKER

    return f"{markdown}\n{REPORT_MARKER}\n"


def _summary(result) -> str:
    """'5 sources, 3 conflicts, 12 corroborated': counted as the report's summary counts them (quantities)."""
    disputed = {f.group for f in result.conflicts}
    corroborated = {f.group for f in result.agreements} - disputed
    parts = [_count(len(result.documents), "source"), _count(len(disputed), "conflict"),
             f"{len(corroborated)} corroborated"]
    if rounding := {f.group for f in result.rounding}:
        parts.append(f"{len(rounding)} rounded")
    return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@main.command()
@_paths
@click.option("--jsonl", "jsonl_path", type=click.Path(dir_okay=False, path_type=str, allow_dash=True),
              help="Write here instead of stdout ('-').")
@_inputs
def extract(paths, jsonl_path, fields, skip_bad):
    """Dump the numbers and dates read from each sentence, with what each is about (its frame), one JSON object
    per sentence ('-' in PATHS reads JSONL from stdin)."""
    import io

    import jsonlines

    from .ingest import read_corpus
    from .output import write_atomic
    from .pipeline import extract_records

    if jsonl_path == STDOUT:
        jsonl_path = None
    _check_outputs(jsonl_path, inputs=paths)
    corpus = read_corpus(paths, fields, skip_bad=skip_bad, outputs=[jsonl_path] if jsonl_path else [])
    _warn_skipped(corpus.problems)
    buffer = io.StringIO()
    with jsonlines.Writer(buffer, compact=True) as writer:
        writer.write_all(extract_records(corpus.documents))
    text = buffer.getvalue()
    if jsonl_path:
        write_atomic(jsonl_path, text)
    else:
        click.echo(text, nl=False)


@main.command(name="eval")
@click.argument("bench_dir", type=click.Path(exists=True, file_okay=False, path_type=str))
@_model
@click.option("--details", is_flag=True, help="Also list false positives, missed conflicts and flagged traps.")
@click.option("--cross-validate", "cross", is_flag=True,
              help="Leave one event out: score each event with a matcher trained on all the others.")
@click.option("--matcher", "matcher_path", default=None, metavar="MODEL",
              type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="Matcher model file from `verify train` (default: the shipped one; not with --cross-validate).")
def evaluate(bench_dir, model, cache_dir, no_cache, details, cross, matcher_path):
    """Measure conflict precision and recall on BENCH_DIR: event folders with docs/ and a gold.json answer key.

    Without --cross-validate the figures are in-sample for the shipped matcher, which was trained on the dev
    benchmark: report the cross-validated ones."""
    from .embed import Embedder, require_model
    from .evaluate import cross_validate, evaluate_bench, format_table
    from .match import Matcher

    if cross and matcher_path:
        raise InputError("--matcher and --cross-validate exclude each other: cross-validation trains its own")
    require_model(model)
    embedder = Embedder(model, cache_dir=cache_dir, use_cache=not no_cache)
    if cross:
        scores = cross_validate(bench_dir, embedder=embedder)
    else:
        scores = evaluate_bench(bench_dir, embedder=embedder, matcher=Matcher.load(matcher_path))
    click.echo(format_table(scores, details=details, domains=True), nl=False)


@main.command()
@click.argument("bench_dirs", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="Write the matcher model (JSON) here.")
@_model
def train(bench_dirs, output, model, cache_dir, no_cache):
    """Fit the matcher on the answer keys of the events in BENCH_DIRS (the format of `verify eval`)."""
    from .embed import Embedder, require_model
    from .keys import event_dirs
    from .output import write_atomic
    from .train import fit, load_events

    # What training reads: each event's answer key and its articles.
    _check_outputs(output, inputs=[path for bench in bench_dirs for event in event_dirs(bench)
                                   for path in (event / "gold.json", event / "docs")])
    require_model(model)
    events = load_events(bench_dirs, Embedder(model, cache_dir=cache_dir, use_cache=not no_cache))
    matcher = fit(events)
    write_atomic(output, matcher.dumps())
    positives = sum(int((e.labels == 1).sum()) for e in events)
    negatives = sum(int((e.labels == 0).sum()) for e in events)
    click.echo(f"trained on {len(events)} events ({positives} same-quantity pairs, {negatives} different), "
               f"conflict threshold {matcher.conflict_threshold_} -> {output}", err=True)


def _check_outputs(*paths, inputs=()):
    """Fail before the slow work, not after it, when an output cannot be written, or would replace a file the run
    reads (named, or inside an input folder; through links too) or the other output. A file verify wrote itself
    is not read as an article, so it may be replaced."""
    import os

    from .ingest import files_read, written_by_verify
    from .output import check_writable

    paths = [path for path in paths if path]
    read = files_read(inputs) if paths else {}
    taken: dict[str, str] = {}
    for path in paths:
        check_writable(path)
        try:
            info = os.stat(path)
        except OSError:
            info = None
        if info is not None and (info.st_dev, info.st_ino) in read and not written_by_verify(path):
            raise InputError(f"{path}: writing it would replace input {read[info.st_dev, info.st_ino]}")
        real = os.path.realpath(path)
        if real in taken:
            raise InputError(f"{path}: writing it would replace {taken[real]}")
        taken[real] = f"output {path}"


if __name__ == "__main__":
    sys.exit(main(prog_name="verify"))   # messages name the command a user types
