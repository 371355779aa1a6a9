"""Command line: ``python -m geo check | facts | build | assets | district | print | export-html | accounts | store copy``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.checks.allocation import run_checks
from geo.checks.dataset import check_dataset
from geo.checks.findings import severity_label
from geo.checks.report_xlsx import report_xlsx
from geo.maps.assets import DEFAULT_VENDOR_DIR, collect_assets
from geo.model.catalog import load_catalog
from geo.model.errors import DataError
from geo.model.facts import load_facts
from geo.model.paths import DATA_DIR
from geo.printing import cli as printing_cli
from geo.printing.checkreport import checks_pdf
from geo.printing.fonts import FontMissing
from geo.schematic.build import build_all
from geo.schematic.district import write_district_outline
from geo.store import STORE_ERRORS, open_store, users
from geo.store.postgis import redact
from geo.store.transfer import copy_store


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description="齐陵一张图 data tools")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the whole dataset; non-zero exit on any problem")
    check.add_argument(
        "--report", action="store_true", help="also run the allocation checks (用地核查)"
    )
    check.add_argument(
        "--tolerance",
        type=float,
        default=0.05,
        help="drawn vs reported area tolerance (0.05 = 5%%)",
    )
    check.add_argument("--xlsx", type=Path, help="write the allocation report to this .xlsx file")
    check.add_argument("--pdf", type=Path, help="write the allocation report to this .pdf file")
    check.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the PDF")
    facts = sub.add_parser("facts", help="list every figure reported in the source document")
    facts.add_argument("--json", action="store_true", help="print a JSON list")
    sub.add_parser("build", help="regenerate the schematic layers from geo/schematic/layout.py")
    sub.add_parser("assets", help="copy the offline map assets into static/vendor (idempotent)")
    district = sub.add_parser(
        "district", help="convert the GCJ-02 临淄区 outline to data/district_outline.geojson"
    )
    district.add_argument(
        "src", type=Path, help="e.g. ../shared/reference/linzi_district_gcj02.geojson"
    )
    printing_cli.add_parsers(sub)
    acc = sub.add_parser(
        "accounts",
        help="accounts: create-admin --username NAME | list (see --help)",
        add_help=False,
    )
    acc.add_argument("rest", nargs=argparse.REMAINDER)
    store = sub.add_parser("store", help="database tools").add_subparsers(
        dest="action", required=True
    )
    copy = store.add_parser(
        "copy", help="copy a whole store (layers, history, accounts) into an empty database"
    )
    copy.add_argument(
        "--from", dest="source", required=True, help="sqlite:///path or postgresql://…"
    )
    copy.add_argument("--to", dest="target", required=True, help="sqlite:///path or postgresql://…")
    return parser  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "check":
        code = _check(args.data)
        if code == 0 and (args.report or args.xlsx or args.pdf):
            return _report(args)
        return code
    if args.command == "accounts":
        return users.main(args.rest)
    if args.command == "store":
        return _store_copy(args.data, args.source, args.target)
    if args.command in ("print", "export-html"):
        return printing_cli.run(args)
    if args.command == "district":
        print(f"wrote {write_district_outline(args.src, args.data)}")
        return 0
    if args.command == "facts":
        return _facts(args.data, args.json)
    if args.command == "assets":
        urls = collect_assets(DEFAULT_VENDOR_DIR)
        print(f"offline assets ready: {len(urls)} files in {DEFAULT_VENDOR_DIR}")
        return 0
    out = build_all(args.data)
    print(f"wrote {len(out)} layers and tables to {args.data}")
    return 0


def _check(data_dir: Path) -> int:
    problems = check_dataset(data_dir)
    if not problems:
        print(f"OK: {data_dir} passes every check (schema, geometry, CRS, tiling, facts, totals).")
        return 0
    print(f"{len(problems)} problem(s) in {data_dir}:")
    for p in problems:
        print(f"  - {p}")
    return 1


def _report(args) -> int:
    frames = open_store(args.data).frames()
    findings = run_checks(frames, load_facts(args.data), args.tolerance)
    print(
        f"\n用地核查 Allocation checks (area tolerance ±{args.tolerance:.0%}): {len(findings)} finding(s)"
    )
    for f in findings:
        print(
            f"  [{severity_label(f.severity, 'zh')} {severity_label(f.severity, 'en')}] {f.text('zh')}"
        )
        print(f"      {f.text('en')}")
        for section, quote in f.quotes:
            print(f"      原文 {section}：“{quote}”")
    if args.xlsx:
        args.xlsx.write_bytes(report_xlsx(frames, findings))
        print(f"report written to {args.xlsx}")
    if args.pdf:
        try:
            args.pdf.write_bytes(
                checks_pdf(frames, findings, load_catalog(args.data), args.lang, args.tolerance)
            )
        except FontMissing as exc:
            print(exc, file=sys.stderr)
            return 2
        print(f"PDF report written to {args.pdf}")
    return 0  # fmt: skip


def _facts(data_dir: Path, as_json: bool) -> int:
    keys = ("subject", "metric", "value", "unit", "year", "quote", "section")
    rows = [{k: f.as_dict()[k] for k in keys} | {"id": f.fact_id, "subject_id": f.subject_id,
            "qualifier": f.qualifier, "per": f.per} for f in load_facts(data_dir)]  # fmt: skip
    if as_json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for r in rows:
        print(f"{r['section']}\t{r['subject']}\t{r['metric']}\t{r['qualifier']}{r['value']} {r['unit']}{'/' + r['per'] if r['per'] else ''}\t“{r['quote']}”")  # fmt: skip
    return 0


def _store_copy(data_dir: Path, source: str, target: str) -> int:
    try:
        try:
            done = copy_store(source, target, data_dir)
        except STORE_ERRORS as exc:
            raise DataError("store_unreachable", msg=redact(str(exc))) from exc
    except DataError as exc:
        print(f"{exc.zh}\n{exc.en}", file=sys.stderr)
        return 1
    print(f"copied {redact(source)} → {redact(target)}")
    for table, n in done["rows"].items():
        print(f"  {table:<8} {n:>8} rows")
    for name, digest in done["checksums"].items():
        print(f"  {name:<24} {done['layers'][name]:>7} records  checksum {digest}  OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
