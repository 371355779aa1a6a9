"""``python -m geo print`` and ``python -m geo export-html``: their arguments and their run."""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

from geo.files.readers import load_all
from geo.maps.mapping import build_map
from geo.maps.options import DEFAULT_OVERLAYS, OVERLAYS, MapOptions
from geo.model.catalog import load_catalog
from geo.model.facts import load_facts
from geo.printing.dossier import all_village_pdfs, village_pdf
from geo.printing.fonts import FontMissing
from geo.printing.onemap import PrintOptions, onemap_pdf
from geo.printing.standalone import standalone_html
from geo.store import open_store


def add_parsers(sub) -> None:
    """The ``print`` and ``export-html`` subcommands of ``python -m geo``."""
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


def frames_of(data_dir: Path) -> dict:
    """The layers as the app shows them (the store), or the data files if it cannot be opened."""
    try:
        return open_store(data_dir).frames()
    except (sqlite3.Error, OSError):
        return {k: v.frame for k, v in load_all(data_dir).items()}


def run(args) -> int:
    """Run ``print`` or ``export-html``; returns the exit code."""
    frames = frames_of(args.data)
    try:
        if args.command == "export-html":
            return _html(frames, args)
        return _print(frames, args)
    except FontMissing as exc:
        print(exc, file=sys.stderr)
        return 2


def _html(frames: dict, args) -> int:
    html = standalone_html(build_map(frames, MapOptions(lang=args.lang)))
    args.out.write_text(html, encoding="utf-8")
    print(f"{args.out}: {len(html.encode()) / 1e6:.1f} MB, opens from disk without network")
    return 0


def _print(frames: dict, args) -> int:
    facts, catalog = load_facts(args.data), load_catalog(args.data)
    if args.all_villages:
        args.out.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        for name, pdf in all_village_pdfs(frames, facts, catalog, args.lang, _progress).items():
            (args.out / name).write_bytes(pdf)
        print(
            f"\n{args.out}: {len(frames['villages'])} village profiles in {time.perf_counter() - t0:.1f} s"
        )
        return 0
    if args.village:
        codes = set(frames["villages"]["code"])
        if args.village not in codes:
            print(
                f"unknown village code {args.village!r}; codes: {', '.join(sorted(codes))}",
                file=sys.stderr,
            )
            return 2
        args.out.write_bytes(village_pdf(args.village, frames, facts, catalog, args.lang))
    else:
        layers = (
            tuple(x.strip() for x in args.layers.split(",")) if args.layers else DEFAULT_OVERLAYS
        )
        unknown = [x for x in layers if x not in OVERLAYS]
        if unknown:
            print(f"unknown layer(s) {unknown}; choose from {', '.join(OVERLAYS)}", file=sys.stderr)
            return 2
        opts = PrintOptions(args.paper, args.lang, layers, args.year, args.metric)
        args.out.write_bytes(onemap_pdf(frames, facts, catalog, opts))
    print(f"written {args.out}")
    return 0


def _progress(i: int, n: int, name: str) -> None:
    print(f"\r[{i + 1}/{n}] {name}        ", end="", flush=True)
