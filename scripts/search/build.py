"""The site's search index, written once after the build from the built HTML pages.

    python -m scripts.search site/     # after `mkdocs build` (make build does both)

It reads only what any builder writes: each page's `<article>` and the `<meta name="bt:…">` tags the
template override (overrides/main.html) makes of its front matter. Nothing depends on a theme's search
plugin or on MkDocs events, so the same step indexes a site built by MkDocs or by Zensical.

The index is split the way Pagefind splits one, so that a reader's query fetches only what it needs
(docs/assets/javascripts/tim-kiem/engine.js reads it):

    search/tim-kiem/trang.json      every page: address, title, what it is (label), author, date, length,
                                    and the vocabulary (folded syllables with their page counts) for the
                                    syllable being typed
    search/tim-kiem/tu/<da>.json    the folded syllables that begin with the same two letters ('da':
                                    'da', 'dan', 'dang', 'danh'…), each with its pages and weighted
                                    counts ("f": [page gap, count, …]) and per exact form ('đang3',
                                    'đang', 'dang5'…) the pages that write it so ("e": {form: [page gap,
                                    …]}); page numbers are written as the gap from the one before, so that
                                    the files a keystroke fetches are small to send and quick to read. A
                                    syllable being typed ('da' → 'dân', 'dẫn', 'đảng'…) is then one file,
                                    fetched at its second letter; the next letters fetch nothing
    search/tim-kiem/cap/<n>.json    folded syllable pairs ('dang_vien': the words together; 'quyet~43':
                                    near, one or two syllables between) with their pages (gaps) and
                                    counts, in small buckets by a hash (FNV-1a, the same in the
                                    browser) of the first syllable and the second's first letter
                                    ('dang_v'): the pairs a syllable being typed may end are in one bucket
                                    of a few KB, which the browser fetches at that syllable's first letter
                                    (with the file of its likeliest end: the next letter finds them there)
    search/tim-kiem/van/<id>.json   a page's plain text, fetched for the results shown (snippets)

Keys are those of `scripts.vietnamese.search_keys`: folded has no mark at all, exact keeps the vowel marks
and writes the tone as a digit, so 'hoá' and 'hóa', NFC and NFD, give the same keys.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from scripts.vietnamese import nfc, search_keys

INDEX_DIR = "search/tim-kiem"
VERSION = 4  # 2: page gaps in the syllable files; 3: and in the pair buckets; 4: grouped by first letters
TITLE_WEIGHT = 4  # a syllable of a title counts as four of the text (not in a person's name: see `index_page`)
LONGEST_WORD = 40  # longer 'words' (addresses, strings of digits) are not indexed
NEAR = 3  # syllables up to this far apart in a clause are 'near' ('nghị quyết số 43': 'quyết~43')
PAIR_BUCKET_POSTINGS = 1500  # about this many (page, count) entries per pair bucket: ~4 KB, ~1.5 KB gzip
# block elements part words; inline ones ('<em>', '<a>', '<sup>') do not
_BLOCKS = {
    "address", "article", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "summary", "details",
}  # fmt: skip
# not the page's text: code, controls and their labels (a filter's 'Trạng thái:'), hints on using the page
# ('Bảng rộng: kéo sang ngang…'), footnote numbers (they would glue to the word they follow: 'năm 2023⁵⁵'
# read 'năm 202355'), the theme's heading anchors
_SKIPPED = {"script", "style", "noscript", "template", "button", "select", "svg", "label", "input", "output", "form"}
_SKIPPED_CLASSES = {"headerlink", "footnote-ref", "footnote-backref", "bt-note-ref", "bt-table-hint"}
_CLAUSE_END = re.compile(r"[.!?;:]")  # a pair of syllables does not span it (the engine's JOINER)


class SearchIndexError(Exception):
    """The built site cannot be indexed; the message says why, in Vietnamese."""


@dataclass
class Page:
    url: str  # site-relative, as linked: 'ban-tin/2023/10/1-1-…/'
    title: str
    label: str  # what the page is, shown under its title in the results
    author: str
    date: int  # yyyymm of the issue or report; 0 when the page has none
    kind: str  # article, issue, report, tasks, leader, indicators, page
    text: str
    fields: dict[str, str] = field(default_factory=dict)


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes of `text` (engine.js computes the same)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def tokens(text: str) -> list[tuple[str, str, bool]]:
    """The syllables of an NFC text as (folded, exact, joined), `joined` when no clause ends between the
    syllable and the one before. A syllable: a letter or digit, then letters, marks and digits."""
    out: list[tuple[str, str, bool]] = []
    start = -1
    last_end = 0
    for position, char in enumerate(text + " "):
        category = unicodedata.category(char)
        if start == -1:
            if category[0] in "LN":
                start = position
        elif category[0] not in "LMN":
            word = text[start:position]
            if len(word) <= LONGEST_WORD:
                folded, exact = search_keys(word)
                joined = bool(out) and not _CLAUSE_END.search(text, last_end, start)
                out.append((folded, exact, joined))
            last_end, start = position, -1
    return out


def _text_of(element) -> str:
    """The text of an element, blocks parted by a space, whitespace collapsed, NFC."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        classes = set((node.get("class") or "").split())
        if tag in _SKIPPED or classes & _SKIPPED_CLASSES or node.get("aria-hidden") == "true":
            parts.append(node.tail or "")
            return
        block = tag in _BLOCKS
        if block:
            parts.append(" ")
        parts.append(node.text or "")
        for child in node:
            walk(child)
        if block:
            parts.append(" ")
        parts.append(node.tail or "")

    element.tail = None  # what follows the element is not its text
    walk(element)
    return " ".join(nfc("".join(parts)).split())


def _meta(tree) -> dict[str, str]:
    tags = [tag for tag in tree.iterfind(".//meta") if (tag.get("name") or "").startswith("bt:")]
    return {tag.get("name")[3:]: nfc(tag.get("content") or "") for tag in tags}


def describe(url: str, meta: dict[str, str]) -> tuple[str, str, int]:
    """(kind, label, yyyymm) of a page from its front matter: what a result says it is."""
    issue = meta.get("issue", "")
    date = int(issue.replace("-", "")) if re.fullmatch(r"\d{4}-\d{2}", issue) else 0
    if meta.get("article"):
        section = meta.get("section_title", "")
        number = meta.get("section", "")
        where = f"{_roman(number)}. {section}" if section and number.isdigit() else section
        return "article", " · ".join(filter(None, ["Bài viết", meta.get("issue_label", ""), where])), date
    if issue:
        return "issue", f"Mục lục {meta.get('issue_label', issue)}", date
    if meta.get("leader"):
        position = meta.get("position", "")
        return "leader", " · ".join(filter(None, [f"Tiến độ nhiệm vụ năm {meta.get('year', '')}", position])), 0
    if meta.get("number") or url.startswith("bao-cao/"):
        found = re.match(r"(\d{4})-(\d{2})", meta.get("date", ""))
        report_date = int(found.group(1) + found.group(2)) if found else 0
        return "report", " · ".join(filter(None, ["Báo cáo", meta.get("number", "")])), report_date
    if url.startswith("tien-do/"):
        return "tasks", "Tiến độ nhiệm vụ", 0
    if url.startswith("chi-tieu/"):
        return "indicators", "Chỉ tiêu Nghị quyết: bảng và biểu đồ", 0
    return "page", "Trang", 0


def _roman(number: str) -> str:
    value = int(number)
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for amount, letter in numerals:
        while value >= amount:
            out, value = out + letter, value - amount
    return out


def read_page(path: Path, site: Path) -> Page | None:
    """The page at `path` as the index sees it, or None when it is not searched (redirects, 404, excluded)."""
    tree = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))  # the builders write UTF-8
    meta = _meta(tree)
    if meta.get("search") == "exclude" or tree.find(".//meta[@http-equiv='refresh']") is not None:
        return None
    article = tree.find(".//article")
    if article is None:
        return None
    relative = path.relative_to(site).as_posix()
    url = relative.removesuffix("index.html")
    if url == relative:
        return None  # 404.html and other files: not pages a result leads to
    heading = article.find(".//h1")
    title = meta.get("title") or (_text_of(heading) if heading is not None else url)
    if heading is not None:
        heading.drop_tree()  # the title is its own field (its tail stays)
    kind, label, date = describe(url, meta)
    if kind == "issue":  # 'Thông tin sinh hoạt nội bộ Số 02/2024': the issue by the bulletin's name
        site_name = (tree.findtext(".//title") or "").rpartition(" - ")[2].strip()
        title = f"{nfc(site_name)} {title}".strip()
    author = meta.get("author", "") if kind == "article" else ""
    return Page(url, title, label, author, date, kind, _text_of(article), meta)


@dataclass
class Index:
    pages: list[Page]
    folded: dict[str, dict[int, float]]  # syllable → page → weighted count
    exact: dict[str, dict[str, dict[int, int]]]  # syllable → exact form → page → count
    pairs: dict[str, dict[int, int]]  # 'a_b' (together) and 'a~b' (one or two syllables between) → page → count
    lengths: list[float]


def index_pages(pages: list[Page]) -> Index:
    folded: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    exact: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    pairs: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    lengths = []
    for number, page in enumerate(pages):
        # a person's name (a leader's page, an author) is matched as a whole name at query time: its
        # syllables weigh no more than the text's, so 'Thanh' of a name does not rank 'thanh niên'
        title_weight = 1 if page.kind == "leader" else TITLE_WEIGHT
        length = 0.0
        for text, weight in ((page.title, title_weight), (page.author, 1), (page.text, 1)):
            clause: list[str] = []  # the syllables before, back to the clause's start (at most NEAR)
            for key, form, joined in tokens(text):
                folded[key][number] += weight
                exact[key][form][number] += 1
                clause = clause[-NEAR:] if joined else []
                for distance, before in enumerate(reversed(clause), start=1):
                    pairs[f"{before}{'_' if distance == 1 else '~'}{key}"][number] += 1
                clause.append(key)
                length += weight
        lengths.append(length)
    return Index(pages, folded, exact, pairs, lengths)


def group(key: str) -> str:
    """The file of a folded syllable: its first two letters (code points, as engine.js counts them)."""
    return key[:2]


def pair_group(first: str, second: str) -> str:
    """What a pair's bucket is hashed from: the first syllable and the second's first letter."""
    return f"{first}_{second[:1]}"


def _file_name(key: str) -> str:
    """A syllable as a file name: itself when ASCII letters and digits, else 'x' + its UTF-8 in hex."""
    return key if re.fullmatch(r"[a-z0-9]+", key) else "x" + key.encode("utf-8").hex()


def page_gaps(postings: dict[int, float], counts: bool = True) -> list[float]:
    """Pages in order as gaps from the page before (the first from 0), each with its count if `counts`."""
    out: list[float] = []
    before = 0
    for page in sorted(postings):
        out.append(page - before)
        before = page
        if counts:
            value = postings[page]
            out.append(int(value) if float(value).is_integer() else round(value, 2))
    return out


def _dump(path: Path, data: object) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def write_index(site: Path) -> dict[str, int]:
    """Index every page of the built site at `site`; return figures (pages, files, bytes)."""
    if not site.is_dir():
        raise SearchIndexError(f"Lỗi: không có thư mục trang đã dựng '{site}'; hãy chạy 'mkdocs build' trước.")
    paths = sorted(site.rglob("*.html"))
    pages = [page for path in paths if (page := read_page(path, site)) is not None]
    if not pages:
        raise SearchIndexError(f"Lỗi: thư mục '{site}' không có trang nào để lập chỉ mục tìm kiếm.")
    index = index_pages(pages)
    out = site / INDEX_DIR
    staging = out.with_name(out.name + ".moi")
    shutil.rmtree(staging, ignore_errors=True)
    for part in ("tu", "cap", "van"):
        (staging / part).mkdir(parents=True)
    size = 0
    groups: dict[str, dict[str, dict]] = defaultdict(dict)
    for key, postings in index.folded.items():
        forms = {form: page_gaps(counts, counts=False) for form, counts in index.exact[key].items()}
        groups[group(key)][key] = {"f": page_gaps(postings), "e": forms}
    for name, syllables in groups.items():
        size += _dump(staging / "tu" / f"{_file_name(name)}.json", syllables)
    total = sum(len(postings) for postings in index.pairs.values())
    buckets = 2 ** max(4, math.ceil(math.log2(max(1, total / PAIR_BUCKET_POSTINGS))))
    bucketed: dict[int, dict[str, list[float]]] = defaultdict(dict)
    for pair, postings in index.pairs.items():
        first, second = re.split("[_~]", pair)
        bucketed[fnv1a(pair_group(first, second)) % buckets][pair] = page_gaps(postings)
    for number in range(buckets):
        size += _dump(staging / "cap" / f"{number}.json", bucketed.get(number, {}))
    for number, page in enumerate(pages):
        size += _dump(staging / "van" / f"{number}.json", {"text": page.text})
    df = Counter({key: len(postings) for key, postings in index.folded.items()})
    vocabulary = [[key, count] for key, count in sorted(df.items(), key=lambda item: (-item[1], item[0]))]
    meta = {
        "version": VERSION,
        "buckets": buckets,
        "average": round(sum(index.lengths) / len(pages), 1),
        "pages": [
            [p.url, p.title, p.label, p.author, p.date, p.kind, round(length)]
            for p, length in zip(pages, index.lengths, strict=True)
        ],
        "vocabulary": vocabulary,
    }
    size += _dump(staging / "trang.json", meta)
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)  # readers of a served site see the old index or the new one, never half of each
    return {"pages": len(pages), "syllables": len(index.folded), "pairs": len(index.pairs), "bytes": size}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    try:
        figures = write_index(site)
    except SearchIndexError as error:
        print(error, file=sys.stderr)
        return 2
    print(
        f"Chỉ mục tìm kiếm: {figures['pages']} trang, {figures['syllables']} âm tiết, {figures['pairs']} cặp, "
        f"{figures['bytes'] / 1e6:.1f} MB trong {site / INDEX_DIR}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
