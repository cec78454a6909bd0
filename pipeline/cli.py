"""The `zhaoshang` command line. Thin: each command parses options and calls one library function.

Results go to stdout; progress, summaries and errors to stderr. Library errors arrive typed and
become one-line ClickExceptions here, so bad input never shows a traceback.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import click
from tqdm import tqdm

from pipeline.cli_options import db_option, echo_err, open_store, silent_option
from pipeline.evaluate import GoldError, evaluate_dir
from pipeline.inputs import InputError, article_files, iter_articles, read_article, read_stdin_article
from pipeline.process import BadDate, analyse, parse_iso_date


class LazyGroup(click.Group):
    """Commands from other modules, imported only when used: `extract` should not pay for pandas."""

    lazy: dict[str, str] = {  # noqa: RUF012 - a fixed table, never mutated
        "compare": "pipeline.cli_compare:compare",
        "export": "pipeline.cli_compare:export",
        "serve": "pipeline.cli_compare:serve",
        "report": "pipeline.cli_compare:report",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module, _, attr = self.lazy[name].partition(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="zhaoshang")
def main() -> None:
    """zhaoshang: Chinese investment-promotion news into a clean, comparable dataset.

    Crawl government news sites, extract money amounts, counts, growth rates, periods,
    leaders, projects and companies with their evidence, store them in SQLite and compare
    cities and periods. Start with `zhaoshang demo`.
    """


def _article_json(path: Path | None, published: str | None, city: str | None) -> dict:
    article = (
        read_stdin_article(sys.stdin.buffer.read(), published=published, city=city)
        if path is None
        else read_article(path, published=published, city=city)
    )
    out = analyse(article).to_dict()
    if path is None or path.suffix.lower() != ".txt":
        out["article"] = {
            "title": article.title,
            "published": article.published,
            "source": article.source,
            "text": article.text,
        }
    return out


@main.command()
@click.argument("path", type=str)
@click.option("--published", help="Publication date YYYY-MM-DD; anchors 今年一季度 and the like.")
@click.option("--city", help="The city that 我市/全市/本市 refers to.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), help="json for one file, jsonl for many.")
def extract(path: str, published: str | None, city: str | None, fmt: str | None) -> None:
    """Extract facts from a .txt/.html file, a directory (JSON Lines) or - (stdin)."""
    try:
        parse_iso_date(published)
    except BadDate as err:
        raise click.ClickException(f"--published: {err}") from err
    source = None if path == "-" else Path(path)
    try:
        files = [None] if source is None else article_files(source)
    except InputError as err:
        raise click.ClickException(str(err)) from err
    many = source is not None and source.is_dir()
    failed = 0
    for file in files:
        try:
            obj = _article_json(file, published, city)
        except (InputError, BadDate) as err:
            if not many:
                raise click.ClickException(str(err)) from err
            failed += 1
            echo_err(f"skipped: {err}")
            continue
        if many:
            obj = {"file": file.name, **obj}
        indent = None if (fmt == "jsonl" or many) else 2
        click.echo(json.dumps(obj, ensure_ascii=False, indent=indent))
    if failed and failed == len(files):
        raise click.ClickException(f"{source}: none of {len(files)} files could be read")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@silent_option
def ingest(paths: tuple[Path, ...], db_path: Path, silent: bool) -> None:
    """Add local .txt/.html files or folders to the database (parse, extract, store)."""
    try:
        files = [f for p in paths for f in article_files(p)]
    except InputError as err:
        raise click.ClickException(str(err)) from err
    store = None  # opened at the first readable article, so bad input never creates a database
    tally = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0}
    failures: list[str] = []
    quiet = True if silent or len(files) < 2 else None  # None: no bar when stderr is not a terminal
    with tqdm(total=len(files), disable=quiet, unit="article", file=sys.stderr) as bar:
        for _file, item in iter_articles(list(paths)):
            bar.update()
            if isinstance(item, InputError):
                tally["failed"] += 1
                failures.append(str(item))
                continue
            store = store or open_store(db_path)
            tally[store.save_article(item, analyse(item))] += 1
    if store is None:
        detail = failures[0] if len(failures) == 1 else f"none of {len(files)} articles could be read"
        raise click.ClickException(detail)
    for line in failures:
        echo_err(f"failed: {line}", silent=silent)
    echo_err(", ".join(f"{v} {k}" for k, v in tally.items()) + f" -> {db_path}", silent=silent)


@main.command()
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option(
    "--min",
    "floors",
    multiple=True,
    metavar="FIELD=F1",
    help="Fail (exit 1) when a field's F1 is below the floor, e.g. --min amounts=0.97.",
)
@click.option("-v", "--verbose", is_flag=True, help="List every miss and false hit on stderr.")
def evaluate(gold_dir: Path, fmt: str, floors: tuple[str, ...], verbose: bool) -> None:
    """Score the extractors on your own annotated articles (NAME.txt + NAME.gold.json)."""
    try:
        report = evaluate_dir(gold_dir)
    except GoldError as err:
        raise click.ClickException(str(err)) from err
    result = report.to_dict()
    if verbose:
        for line in report.misses:
            click.echo(line, err=True)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if fmt == "json" else _score_table(result))
    short = _below_floors(result, floors)
    if short:
        raise click.ClickException("below floor: " + "; ".join(short))


def _score_table(result: dict) -> str:
    lines = [f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, v in result["fields"].items():
        lines.append(
            f"{name:<14}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}{v['tp']:>6}{v['fp']:>6}{v['fn']:>6}"
        )
    accuracies = [(k.removesuffix("_accuracy").replace("_", " "), v) for k, v in result.items()
                  if k.endswith("_accuracy")]
    lines.append("accuracy: " + "; ".join(f"{name} {value}" for name, value in accuracies))
    lines.append(f"overall F1 {result['overall_f1']:.3f} over {result['articles']} articles")
    return "\n".join(lines)


def _below_floors(result: dict, floors: tuple[str, ...]) -> list[str]:
    short = []
    for floor in floors:
        name, _, value = floor.partition("=")
        try:
            want = float(value)
        except ValueError as err:
            raise click.BadParameter(f"{floor!r}: write FIELD=F1, e.g. amounts=0.97", param_hint="--min") from err
        have = result["overall_f1"] if name == "overall" else result["fields"].get(name, {}).get("f1")
        if have is None:
            raise click.BadParameter(f"unknown field {name!r}", param_hint="--min")
        if have < want:
            short.append(f"{name} {have} < {want}")
    return short


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True)
def search(query: str, db_path: Path, limit: int) -> None:
    """Full-text search of titles and bodies (Chinese-aware)."""
    store = open_store(db_path, create=False)
    for row in store.search(query, limit=limit):
        click.echo(f"{row['published'] or '':<11}{row['city'] or '':<8}{row['title'] or row['id']}")


# Commands below import their modules lazily: `extract` should not pay for httpx, pandas or Datasette.


@main.command()
@click.option("--source", "names", multiple=True, help="Crawl this site definition (repeatable).")
@click.option("--all", "crawl_all", is_flag=True, help="Crawl every site definition.")
@click.option(
    "--sources-dir", type=click.Path(path_type=Path, file_okay=False), help="Folder of NAME.toml site definitions."
)
@click.option("--since", help="Ignore articles published before YYYY-MM-DD.")
@click.option("--max-pages", type=click.IntRange(min=1), help="At most this many list pages per site.")
@db_option
@silent_option
def crawl(
    names: tuple[str, ...],
    crawl_all: bool,
    sources_dir: Path | None,
    since: str | None,
    max_pages: int | None,
    db_path: Path,
    silent: bool,
) -> None:
    """Crawl government news sites politely and incrementally into the database."""
    from pipeline.crawl import crawl as run_crawl
    from pipeline.sources import SourceError, load_sources

    if not names and not crawl_all:
        raise click.UsageError("name a site with --source NAME (see corpus/sources/) or use --all")
    try:
        since_date = parse_iso_date(since)
        sources = load_sources(sources_dir)
    except (BadDate, SourceError) as err:
        raise click.ClickException(str(err)) from err
    chosen = sources if crawl_all else [s for s in sources if s.name in names]
    unknown = sorted(set(names) - {s.name for s in sources})
    if unknown:
        known = ", ".join(s.name for s in sources)
        raise click.ClickException(f"unknown source {', '.join(unknown)}; known: {known}")
    store = open_store(db_path)
    for report in run_crawl(chosen, store, since=since_date, max_pages=max_pages, progress=not silent):
        echo_err(report.summary(), silent=silent)


@main.command()
@db_option
@silent_option
def reparse(db_path: Path, silent: bool) -> None:
    """Re-parse archived raw pages and re-extract their facts, without the network."""
    from pipeline.crawl import reparse as run_reparse

    store = open_store(db_path, create=False)
    tally = run_reparse(store, progress=not silent)
    echo_err(", ".join(f"{v} {k}" for k, v in tally.items()), silent=silent)


@main.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path),
    default=Path("outputs") / "demo.db",
    show_default=True,
    help="Where the demo database is written (recreated each run).",
)
@silent_option
def demo(db_path: Path, silent: bool) -> None:
    """Crawl the bundled mirror of government sites over local HTTP, extract, store and compare."""
    from pipeline.cli_compare import comparison_text
    from pipeline.demo import run_demo, showcase_metrics

    result = run_demo(db_path, progress=not silent)
    for report in result.reports:
        echo_err(report.summary(), silent=silent)
    store = open_store(db_path, create=False)
    metrics = showcase_metrics(store)
    for metric in metrics:
        click.echo(f"\n== {metric} ==\n{comparison_text(store, metric)}")
    counts = store.counts()
    click.echo(
        f"\n{counts['articles']} articles, {counts['amounts']} amounts, {counts['counts']} counts, "
        f"{counts['growth']} growth rates, {counts['leaders']} leaders, {counts['projects']} projects "
        f"in {db_path} ({result.requests} HTTP requests, {result.seconds:.1f} s)\n"
        "Next:\n"
        + "".join(f"  zhaoshang compare --metric {m} --db {db_path} --explain\n"
                  for m in dict.fromkeys([*metrics[:1], "签约金额"])) +
        f"  zhaoshang search 签约 --db {db_path}\n"
        f"  zhaoshang export --db {db_path}\n"
        f"  datasette {db_path}    (or: zhaoshang serve --db {db_path})"
    )
