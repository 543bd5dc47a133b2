"""The `coopkg` command: thin orchestration over the pipeline's modules.

Exit codes: 0 success; 1 data does not conform to the shapes; 2 bad input
(unreadable file, malformed record or query, unknown name); 3 internal or
storage failure.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .errors import BadInput, CoopkgError
from .settings import SETTINGS, Setting, Settings, setting_named
from .stores.endpoint import REMOTE_SETTINGS

log = logging.getLogger("coopkg")

# which settings each command takes as options
REMOTE = " ".join(REMOTE_SETTINGS)  # a remote store's endpoints and credentials
COMMAND_SETTINGS: dict[str, tuple[str, ...]] = {
    "build": ("data_dir", "store", REMOTE, "base_iri", "log_level"),
    "dump": ("data_dir", "store", "log_level"),
    "validate": ("log_level",),
    "convert": ("data_dir", "base_iri", "log_level"),
    "query": ("store", REMOTE, "union_default_graph", "log_level"),
    "search": ("store", REMOTE, "log_level"),
    "export-records": ("store", REMOTE, "log_level"),
    "extract": ("data_dir", "log_level"),
    "link": ("data_dir", "base_iri", "log_level"),
    "registries": ("log_level",),
    "serve": (
        "store",
        REMOTE,
        "host",
        "port",
        "workers",
        "base_iri",
        "union_default_graph",
        "query_timeout",
        "max_body_bytes",
        "max_rows",
        "write_token",
        "log_level",
    ),
}


def _add_setting(parser: argparse.ArgumentParser, setting: Setting) -> None:
    help_text = f"{setting.help} (env {setting.env}; default {setting.default})"
    if setting.kind is bool:
        parser.add_argument(
            setting.option,
            dest=setting.name,
            action=argparse.BooleanOptionalAction,
            default=None,
            help=help_text,
        )
    else:
        kind: Any = str if setting.kind is Path else setting.kind
        parser.add_argument(
            setting.option,
            dest=setting.name,
            type=kind,
            default=None,
            metavar=setting.name.upper(),
            help=help_text,
        )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coopkg",
        description="Build, check and serve a linked-data graph of cooperation projects.",
        epilog="Exit codes: 0 ok, 1 does not conform, 2 bad input, 3 internal/storage failure.",
    )
    parser.add_argument("--version", action="version", version=f"coopkg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    by_name = {s.name: s for s in SETTINGS}

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        for entry in COMMAND_SETTINGS[name]:
            for setting_name in entry.split():
                _add_setting(p, by_name[setting_name])
        _add_setting(p, by_name["home"])  # every command reads ontology/, shapes/ or queries/
        return p

    command("build", "convert every record, validate it, load the store and write data/rdf/")
    command("dump", "write the dated N-Quads dump (data/dumps/) of the build being served")

    p = command("validate", "validate RDF files or records against the shapes")
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="RDF (.ttl .nt .nq .trig .jsonld .rdf) or record (.json) files",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "turtle"),
        default="text",
        help="report format (default: text)",
    )

    p = command("extract", "extract records from project pages (text or HTML files, or one URL)")
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE_OR_URL",
        help="text or HTML files; or a single URL or file whose record goes to stdout",
    )
    p.add_argument("--out", type=Path, help="write DIR/<stem>.json for every input")
    p.add_argument("--language", help="ISO 639-1 code, instead of detecting it")
    p.add_argument(
        "--explain",
        action="store_true",
        help="print, for each input, every value with the rule and text that produced it and "
        "the candidates turned down (writes no record)",
    )

    p = command("link", "resolve every record's territories, organisations and programmes")
    p.add_argument("--report", action="store_true", help="list every link and every unlinked name")

    p = command("registries", "take registry snapshots, or refresh the Wikidata slice")
    p.add_argument("action", choices=("snapshot", "refresh"))
    p.add_argument("--from", dest="source_dir", type=Path, help="folder of full registry extracts")
    p.add_argument("--endpoint", default=None, help="SPARQL endpoint for refresh")

    p = command("convert", "convert one record to RDF (N-Quads on stdout or to --out)")
    p.add_argument("record", type=Path, help="a record JSON file")
    p.add_argument("--out", type=Path, help="write here instead of stdout")

    p = command("query", "run a named query from queries/")
    p.add_argument("name", help="query name (file name without .rq)")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="K=V",
        help="a parameter value, e.g. --param year=2014 (repeatable)",
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")

    p = command("search", "full-text search over projects, organisations and places")
    p.add_argument("words", nargs="+", help="the words to search for, in any of the languages")
    p.add_argument("--lang", help="the query's language (pl uk cs sk lt de en; default: any)")
    p.add_argument("--type", choices=("project", "organisation", "place"), help="one kind only")
    p.add_argument("--limit", type=int, default=20, help="results to show (default 20)")
    p.add_argument("--offset", type=int, default=0, help="results to skip (default 0)")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = command(
        "export-records", "rebuild record-format JSON from the store via the flat-view queries"
    )
    p.add_argument("--out", type=Path, required=True, help="folder to write <stem>.json into")

    command("serve", "serve the SPARQL endpoint and pages with a production WSGI server")
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    options = {s.name: getattr(args, s.name, None) for s in SETTINGS}
    for setting in SETTINGS:
        if setting.kind is Path and options[setting.name] is not None:
            options[setting.name] = Path(str(options[setting.name]))
    return Settings.from_sources(options=options)


# --- commands ---------------------------------------------------------------


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from .build.run import build

    result = build(settings)
    print(
        f"documents {result.documents}  projects {result.projects}  "
        f"triples {result.triples}  seconds {result.seconds:.2f}"
    )
    print(
        f"store {settings.store}  rdf {settings.rdf_dir}"
        + (f"  dump {result.dump}" if result.dump else "")
    )
    return 0


def cmd_dump(args: argparse.Namespace, settings: Settings) -> int:
    from .build.dump import dump_current

    print(f"dump {dump_current(settings)}")
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from .validate.reading import read_rdf_files
    from .validate.report import FORMATTERS, merge_reports
    from .validate.shacl import validate_graph

    graphs = read_rdf_files(args.files)
    report = merge_reports([validate_graph(g, source=name) for name, g in graphs])
    print(FORMATTERS[args.format](report))
    return 0 if report.conforms else 1


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from .extract import extract_text
    from .extract.reading import fetch_url, read_document
    from .records import Record, dump_record

    if args.explain:
        return _explain(args)
    if args.out is None:
        if len(args.inputs) != 1:
            raise BadInput("give --out DIR to extract several inputs")
        source = args.inputs[0]
        if re.match(r"https?://", source):
            name, text = fetch_url(source)
            record = extract_text(text, name, args.language, url=source)
        else:
            path = Path(source)
            record = extract_text(read_document(path), path.name, args.language)
        sys.stdout.write(dump_record(Record.from_dict(record, reviewed=False)))
        return 0
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    curated = settings.records_dir.resolve()
    failures = written = 0
    for source in args.inputs:
        path = Path(source)
        target = out / f"{path.stem}.json"
        if target.exists() and target.resolve().parent == curated:
            print(f"coopkg extract: {target} is a curated record; left as it is", file=sys.stderr)
            continue
        try:
            record = extract_text(read_document(path), path.name, args.language)
        except CoopkgError as e:
            failures += 1
            print(f"coopkg extract: {e.message}", file=sys.stderr)
            continue
        target.write_text(dump_record(Record.from_dict(record, reviewed=False)), encoding="utf-8")
        written += 1
    print(
        f"wrote {written} record(s) to {out}"
        + (f"; {failures} input(s) failed" if failures else "")
    )
    return 2 if failures else 0


def _explain(args: argparse.Namespace) -> int:
    from .extract.explain import explain_text
    from .extract.reading import fetch_url, read_document

    for n, source in enumerate(args.inputs):
        if re.match(r"https?://", source):
            name, text = fetch_url(source)
        else:
            path = Path(source)
            name, text = path.name, read_document(path)
        sys.stdout.write(("\n" if n else "") + explain_text(text, name, args.language))
    return 0


def cmd_link(args: argparse.Namespace, settings: Settings) -> int:
    from .build.workers import convert_all
    from .link.units import LinkReport

    links = LinkReport()
    _, report = convert_all(settings, links)
    if args.report:
        print(links.text())
    else:
        print(links.text().splitlines()[0])
    return 0 if report.conforms else 1


def cmd_registries(args: argparse.Namespace, settings: Settings) -> int:
    from .registries import refresh
    from .registries import snapshots as registries

    if args.action == "snapshot":
        if args.source_dir is None:
            raise BadInput("registries snapshot needs --from DIR")
        for entry in registries.take_snapshot(args.source_dir):
            print(f"{entry['file']}: {entry['rows']} rows")
        return 0
    count = refresh.refresh(args.endpoint or refresh.WIKIDATA_ENDPOINT)
    print(f"wrote {count} Wikidata items to {registries.registry_dir() / refresh.SLICE}")
    return 0


def cmd_convert(args: argparse.Namespace, settings: Settings) -> int:
    from .convert.graph import convert_record
    from .convert.sources import read_manifest, source_info
    from .iris import Minter
    from .records import load_record
    from .stores.rdfio import nquads_lines

    record = load_record(args.record)
    info = source_info(
        settings.sources_dir, record.source.file, read_manifest(settings.sources_dir)
    )
    text = "\n".join(nquads_lines(convert_record(record, info, Minter(settings.base_iri)))) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    import pyoxigraph as ox

    from .queries import rows, run_named
    from .stores.embedded import open_store

    params = {}
    for item in args.param:
        if "=" not in item:
            raise BadInput(f"--param takes K=V, not {item!r}")
        key, value = item.split("=", 1)
        params[key.lstrip("?")] = value
    from .queries import get_query
    from .search.served import index_of_store
    from .search.sparql import uses_search

    db = open_store(settings.store, settings=settings)
    search = index_of_store(settings.store, db) if uses_search(get_query(args.name).text) else None
    result = run_named(db, args.name, params, search=search)
    if args.format == "json":
        body = result.serialize(format=ox.QueryResultsFormat.JSON) or b""
        sys.stdout.write(body.decode("utf-8") + "\n")
        return 0
    names, data = rows(result)
    if args.format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in data)
        return 0
    print(_table(names, data))
    return 0


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from .search.lemmas import LANGUAGES
    from .search.served import index_of_store
    from .stores.embedded import open_store

    if args.lang is not None and args.lang not in LANGUAGES:
        raise BadInput(f"--lang must be one of {', '.join(LANGUAGES)}, not {args.lang!r}")
    if args.limit < 1 or args.offset < 0:
        raise BadInput("--limit must be at least 1 and --offset at least 0")
    db = open_store(settings.store, settings=settings)
    words = " ".join(args.words)
    total, hits = index_of_store(settings.store, db).search(
        words, args.lang, args.type, args.limit, args.offset
    )
    if args.format == "json":
        body = {"q": words, "total": total, "results": [h.as_json() for h in hits]}
        print(json.dumps(body, ensure_ascii=False, indent=1))
        return 0
    rows: list[dict[str, str | None]] = [
        {"score": f"{h.score:.2f}", "type": h.kind, "label": h.label, "id": h.iri} for h in hits
    ]
    print(_table(["score", "type", "label", "id"], rows))
    print(f"{total} match{'es' if total != 1 else ''} in all")
    return 0


def _table(names: list[str], data: list[dict[str, str | None]], limit: int = 60) -> str:
    cells = [[("" if r[n] is None else str(r[n])) for n in names] for r in data]
    widths = [
        min(limit, max([len(n)] + [len(row[i]) for row in cells])) for i, n in enumerate(names)
    ]

    def line(values: list[str]) -> str:
        return "  ".join(v[:limit].ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(c) for c in cells]
    out.append(f"({len(data)} row{'s' if len(data) != 1 else ''})")
    return "\n".join(out)


def cmd_export_records(args: argparse.Namespace, settings: Settings) -> int:
    from .export import export_records, write_records
    from .stores.embedded import open_store

    written = write_records(export_records(open_store(settings.store, settings=settings)), args.out)
    print(f"wrote {len(written)} record(s) to {args.out}")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from .server.launch import serve

    serve(settings)
    return 0


COMMANDS = {
    "build": cmd_build,
    "dump": cmd_dump,
    "validate": cmd_validate,
    "extract": cmd_extract,
    "link": cmd_link,
    "registries": cmd_registries,
    "convert": cmd_convert,
    "query": cmd_query,
    "search": cmd_search,
    "export-records": cmd_export_records,
    "serve": cmd_serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        settings = settings_from(args)
        if args.home is not None:
            # paths.home() and every child process read the resource folders from here
            os.environ[setting_named("home").env] = str(settings.home)
        logging.basicConfig(
            level=getattr(logging, settings.log_level.upper(), logging.INFO),
            format="%(levelname)s %(name)s: %(message)s",
        )
        return COMMANDS[args.command](args, settings)
    except CoopkgError as e:
        print(f"coopkg {args.command}: {e.message}", file=sys.stderr)
        if e.detail:
            print(e.detail, file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
