"""Command line: ``python -m geo check | facts --json | build | assets | print | export-html``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.model.paths import DATA_DIR


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code."""
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
    _print_parsers(sub)
    args = parser.parse_args(argv)
    if args.command == "check":
        code = _check(args.data)
        if code == 0 and (args.report or args.xlsx or args.pdf):
            _report(args.data, args.tolerance, args.xlsx, args.pdf, args.lang)
        return code
    if args.command in ("print", "export-html"):
        from geo.printing.cli import run

        return run(args)
    if args.command == "facts":
        return _facts(args.data, args.json)
    if args.command == "assets":
        return _assets()
    return _build(args.data)


def _check(data_dir: Path) -> int:
    from geo.checks.dataset import check_dataset

    problems = check_dataset(data_dir)
    if not problems:
        print(f"OK: {data_dir} passes every check (schema, geometry, CRS, tiling, facts, totals).")
        return 0
    print(f"{len(problems)} problem(s) in {data_dir}:")
    for p in problems:
        print(f"  - {p}")
    return 1


def _print_parsers(sub) -> None:
    pr = sub.add_parser("print", help="the one-map (A3/A4 landscape) or 一村一档 as a vector PDF")
    pr.add_argument(
        "--out", type=Path, required=True, help="PDF file (a folder with --all-villages)"
    )
    pr.add_argument("--paper", choices=("A3", "A4"), default="A3")
    pr.add_argument("--lang", choices=("zh", "en"), default="zh")
    pr.add_argument("--layers", help="comma-separated overlays (default: the app's defaults)")
    pr.add_argument("--year", choices=("both", "2023", "2024"), default="both")
    pr.add_argument("--metric", help="village theme: trusteeship_mu, farmland_mu, assessment, ...")
    pr.add_argument("--village", help="a village code (e.g. QL09): its 一村一档 instead of the map")
    pr.add_argument(
        "--all-villages", action="store_true", help="every 一村一档 into the --out folder"
    )
    html = sub.add_parser("export-html", help="the overview map as one self-contained HTML file")
    html.add_argument("--out", type=Path, required=True)
    html.add_argument("--lang", choices=("zh", "en"), default="zh")


def _report(data_dir: Path, tolerance: float, xlsx: Path | None, pdf=None, lang="zh") -> None:
    from geo.checks.allocation import run_checks
    from geo.checks.findings import SEVERITY_LABELS
    from geo.files.readers import load_all
    from geo.model.facts import load_facts

    frames = {k: v.frame for k, v in load_all(data_dir).items()}
    findings = run_checks(frames, load_facts(data_dir), tolerance)
    print(
        f"\n用地核查 Allocation checks (area tolerance ±{tolerance:.0%}): {len(findings)} finding(s)"
    )
    for f in findings:
        zh, en = SEVERITY_LABELS[f.severity]
        print(f"  [{zh} {en}] {f.text('zh')}")
        print(f"      {f.text('en')}")
        for section, quote in f.quotes:
            print(f"      原文 {section}：“{quote}”")
    if xlsx:
        from geo.checks.report_xlsx import report_xlsx

        xlsx.write_bytes(report_xlsx(frames, findings))
        print(f"report written to {xlsx}")
    if pdf:
        from geo.model.catalog import load_catalog
        from geo.printing.checkreport import checks_pdf
        from geo.printing.fonts import FontMissing

        try:
            pdf.write_bytes(checks_pdf(frames, findings, load_catalog(data_dir), lang, tolerance))
        except FontMissing as exc:
            print(exc, file=sys.stderr)
            raise SystemExit(2) from exc
        print(f"PDF report written to {pdf}")


def _facts(data_dir: Path, as_json: bool) -> int:
    from geo.model.facts import load_facts

    keys = ("subject", "metric", "value", "unit", "year", "quote", "section")
    rows = [{k: f.as_dict()[k] for k in keys} | {"id": f.fact_id, "subject_id": f.subject_id,
            "qualifier": f.qualifier} for f in load_facts(data_dir)]  # fmt: skip
    if as_json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for r in rows:
            print(
                f"{r['section']}\t{r['subject']}\t{r['metric']}\t{r['qualifier']}{r['value']} {r['unit']}\t“{r['quote']}”"
            )
    return 0


def _assets() -> int:
    from geo.maps.assets import DEFAULT_VENDOR_DIR, collect_assets

    urls = collect_assets(DEFAULT_VENDOR_DIR)
    print(f"offline assets ready: {len(urls)} files in {DEFAULT_VENDOR_DIR}")
    return 0


def _build(data_dir: Path) -> int:
    from geo.schematic.build import build_all

    out = build_all(data_dir)
    print(f"wrote {len(out)} layers and tables to {data_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
