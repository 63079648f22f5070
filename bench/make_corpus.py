"""Write a realistic folder of N citation files for folder-run benchmarks.

Files are drawn round-robin from the test fixtures (every source's pages, exports and the
seeds), each with varied content: the title gets distinct words and the DOI/PMID distinct
digits, so that deduplication sees mostly different papers. 2 % of the files are malformed
(empty, binary, truncated, PDF, wrong encoding without a declaration).

    python bench/make_corpus.py OUT_DIR N [--seed 1] [--pubmed-html-kb 200]

With ``--pubmed-html-kb`` every PubMed HTML fixture is padded to about that size with the
page furniture a saved PubMed page carries (similar articles, references, MeSH lists).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SKIP_FOLDERS = {"http", "formats", "dedup", "malformed"}
MALFORMED_SHARE = 0.02
WORDS = [
    *("mesenchymal", "stromal", "stem", "cell", "autologous", "allogeneic", "intravenous", "intrathecal"),
    *("stroke", "ischemic", "spinal", "cord", "injury", "amyotrophic", "lateral", "sclerosis", "randomized"),
    *("phase", "trial", "safety", "efficacy", "recovery", "outcome", "neurological", "preconditioned"),
    *("umbilical", "bone", "marrow", "adipose", "derived", "exosome", "infusion"),
]


def _templates() -> list[tuple[Path, dict[str, object]]]:
    out = []
    for path in sorted(FIXTURES.rglob("*")):
        if not path.is_file() or path.name.endswith(".expected.json") or path.name == "seed_expectations.json":
            continue
        if set(path.relative_to(FIXTURES).parts) & SKIP_FOLDERS:
            continue
        expected_path = path.with_name(path.name.split(".", 1)[0] + ".expected.json")
        expected = json.loads(expected_path.read_text("utf-8")) if expected_path.exists() else {}
        if expected.get("records"):
            expected = expected["records"][0]
        out.append((path, expected))
    return out


def _vary(text: str, expected: dict[str, object], rng: random.Random, n: int) -> str:
    title = expected.get("title")
    if isinstance(title, str) and len(title) > 20 and title in text:
        extra = " ".join(rng.sample(WORDS, 3))
        text = text.replace(title, f"{title.rstrip('.')} {extra} {n}")
    for key in ("doi", "pmid"):
        value = expected.get(key)
        if isinstance(value, str) and value in text:
            digits = re.sub(r"\d", lambda _m: str(rng.randint(0, 9)), value)
            text = text.replace(value, digits)
    return text


def _pad_pubmed(text: str, kb: int, rng: random.Random) -> str:
    if "</body>" not in text or len(text) >= kb * 1024:
        return text
    items = []
    while sum(len(i) for i in items) + len(text) < kb * 1024:
        words = " ".join(rng.choice(WORDS) for _ in range(12))
        items.append(
            f'<li class="full-docsum"><a class="docsum-title" href="/{rng.randint(10**7, 10**8)}/">{words}</a>'
            f'<span class="docsum-authors">{rng.choice(WORDS).title()} A, {rng.choice(WORDS).title()} B.</span>'
            f'<span class="docsum-journal-citation">J Example. 20{rng.randint(10, 25)};'
            f"{rng.randint(1, 99)}:1-9.</span></li>\n"
        )
    return text.replace("</body>", '<div class="similar-articles"><ul>' + "".join(items) + "</ul></div></body>", 1)


def _malformed(i: int, rng: random.Random) -> tuple[str, bytes]:
    kind = i % 5
    if kind == 0:
        return "empty.txt", b""
    if kind == 1:
        return "blob.bin", bytes(rng.randrange(256) for _ in range(4096))
    if kind == 2:
        return "cut.html", b"<html><head><title>Cut off"
    if kind == 3:
        return "paper.pdf", b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(2048))
    return "notes.txt", "购物清单: 牛奶, 鸡蛋, 面包\n".encode("gb18030")


def main() -> None:
    """Write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pubmed-html-kb", type=int, default=0)
    parser.add_argument("--only", help="only fixtures whose path contains this text (e.g. pubmed/)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    templates = [t for t in _templates() if not args.only or args.only in str(t[0])]
    if not templates:
        raise SystemExit("no fixtures to build from")
    if args.out.exists():
        shutil.rmtree(args.out)
    for i in range(args.n):
        folder = args.out / f"batch{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if rng.random() < MALFORMED_SHARE:
            name, data = _malformed(i, rng)
            (folder / f"{i:06d}_{name}").write_bytes(data)
            continue
        path, expected = templates[i % len(templates)]
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            (folder / f"{i:06d}_{path.name}").write_bytes(raw)
            continue
        text = _vary(text, expected, rng, i)
        if args.pubmed_html_kb and path.suffix in (".html", ".htm"):
            text = _pad_pubmed(text, args.pubmed_html_kb, rng)
        (folder / f"{i:06d}_{path.name}").write_text(text, encoding="utf-8")
    print(f"wrote {args.n} files from {len(templates)} fixtures to {args.out}")


if __name__ == "__main__":
    main()
