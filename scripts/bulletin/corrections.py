"""The editor's corrections: a YAML file beside the bulletin's source says what the importer read wrong.

`data/sources/bulletin-2024-02.yml` beside `data/sources/bulletin-2024-02.txt` (or .docx, .pdf):

    số: 2024-02                      # the issue, when the file does not state it (instead of --issue)
    sửa:
      - bài mới: "Dự báo tình hình thế giới"     # an article starts at the paragraph that starts so
        tiêu đề: "Dự báo tình hình thế giới năm 2024"   # optional: its title, if not the paragraph's text
        tác giả: "Ban Biên tập"                  # optional: its author
      - không phải bài: "3. Tình hình an ninh"   # this paragraph is text, not an article's title
      - bài: II.3                                # article II.3 (as the outline numbers it)
        tiêu đề: "Quyết tâm thực hiện thắng lợi kế hoạch năm 2024"
        tác giả: "Trần Ngọc Tam, Phó Bí thư Tỉnh ủy"    # '' for none
      - gộp: [II.3, II.4]                        # these are one article; the later titles become headings

A paragraph is named by its first words, compared without regard to case, diacritics, tone placement or
Unicode form; articles by the code the import's outline prints ('II.3'), after the paragraph corrections
and before any merge. Keys may be typed with or without diacritics ('bai moi', 'tac_gia').

Nothing is lost: a title cut short gives the rest back to the text; an author line that was wrong goes back
where it stood; an author named by a correction leaves the text when it stands there as a line of its own.
A wrong file stops the import with one Vietnamese line naming the file and the line; nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.bulletin.errors import BulletinError
from scripts.bulletin.grammar import article_line
from scripts.bulletin.model import Article, Footnote, Heading, Inline, Issue, NoteRef, Paragraph, RawBlock, Run
from scripts.vietnamese import fold, int_to_roman, roman_to_int

_CODE = re.compile(r"^\s*([IVXLC]+)\s*[.\-/ ]\s*(\d{1,2})\s*$", re.IGNORECASE)
_KEYS = {  # folded key → name used below
    "so": "issue",
    "sua": "corrections",
    "bai_moi": "start",
    "khong_phai_bai": "not_article",
    "bai": "article",
    "tieu_de": "title",
    "tac_gia": "author",
    "gop": "merge",
}
_ITEM_KINDS = ("start", "not_article", "article", "merge")
_SHOWN = {"start": "bài mới", "not_article": "không phải bài", "article": "bài", "merge": "gộp"}


@dataclass
class Correction:
    kind: str  # start | not_article | article | merge
    line: int
    target: str = ""  # a paragraph's first words (start, not_article) or an article's code (article)
    codes: list[str] = field(default_factory=list)  # merge
    title: str | None = None
    author: str | None = None
    block: RawBlock | None = None  # start: the paragraph found


@dataclass
class Corrections:
    path: Path
    issue: str | None
    items: list[Correction]


def corrections_file(source: Path) -> Path | None:
    """The correction file beside `source`: same name, '.yml' (or '.yaml')."""
    for suffix in (".yml", ".yaml"):
        candidate = source.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def _key(node: yaml.Node) -> str:
    return re.sub(r"[\s_-]+", "_", fold(str(node.value)).strip())


def _error(path: Path, line: int, what: str, todo: str = "") -> BulletinError:
    advice = f" {todo}" if todo else " Hãy sửa tệp theo hướng dẫn trong README (mục Sửa lỗi nhập bản tin)."
    return BulletinError(f"Lỗi: tệp sửa lỗi '{path.name}', dòng {line}: {what}.{advice}")


def _scalar(path: Path, node: yaml.Node, name: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _error(path, node.start_mark.line + 1, f"'{name}' phải là một dòng chữ")
    return str(node.value).strip()


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}


def _refuse_tags(path: Path, node: yaml.Node) -> None:
    """A correction file holds text: a tag ('!!python/object', '!include') is refused, with its line."""
    if node.tag not in _PLAIN_TAGS:
        raise _error(
            path,
            node.start_mark.line + 1,
            f"thẻ YAML '{node.tag.replace('tag:yaml.org,2002:', '!!')}' không được dùng",
            "Tệp sửa lỗi chỉ gồm chữ: hãy xoá thẻ bắt đầu bằng '!'.",
        )
    children = node.value if isinstance(node, yaml.SequenceNode) else []
    if isinstance(node, yaml.MappingNode):
        children = [item for pair in node.value for item in pair]
    for child in children:
        _refuse_tags(path, child)


def load_corrections(path: Path) -> Corrections:
    """Read and check the correction file at `path`; `BulletinError` names the line of any mistake."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark  # where the faulty part starts
        line = mark.line + 1 if mark else 1
        raise _error(
            path, line, f"không đọc được YAML ({error.problem})", "Hãy kiểm tra dấu hai chấm, dấu ngoặc kép và thụt lề."
        ) from None
    except UnicodeDecodeError:
        raise _error(path, 1, "tệp không phải UTF-8", "Hãy lưu lại tệp với mã UTF-8.") from None
    if root is None:
        return Corrections(path, None, [])
    _refuse_tags(path, root)
    if not isinstance(root, yaml.MappingNode):
        raise _error(path, root.start_mark.line + 1, "tệp phải gồm các khoá 'số' và 'sửa'")
    issue = None
    items: list[Correction] = []
    for key_node, value in root.value:
        key = _KEYS.get(_key(key_node))
        line = key_node.start_mark.line + 1
        if key == "issue":
            issue = _scalar(path, value, "số")
            if not re.fullmatch(r"\d{4}-\d{1,2}", issue):
                raise _error(path, line, f"số bản tin '{issue}' không đúng dạng YYYY-MM (ví dụ 2024-02)")
        elif key == "corrections":
            if not isinstance(value, yaml.SequenceNode):
                raise _error(path, line, "'sửa' phải là một danh sách, mỗi mục bắt đầu bằng '- '")
            items.extend(_item(path, node) for node in value.value)
        else:
            raise _error(path, line, f"khoá '{key_node.value}' không có nghĩa (chỉ dùng 'số' và 'sửa')")
    return Corrections(path, issue, items)


def _item(path: Path, node: yaml.Node) -> Correction:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise _error(
            path, line, "mỗi chỉnh sửa phải có dạng 'bài mới: …', 'không phải bài: …', 'bài: …' hoặc 'gộp: […]'"
        )
    fields: dict[str, yaml.Node] = {}
    for key_node, value in node.value:
        key = _KEYS.get(_key(key_node))
        if key is None or key in {"issue", "corrections"}:
            raise _error(path, key_node.start_mark.line + 1, f"khoá '{key_node.value}' không có nghĩa ở đây")
        fields[key] = value
    kinds = [k for k in _ITEM_KINDS if k in fields]
    if len(kinds) != 1:
        raise _error(path, line, "mỗi chỉnh sửa cần đúng một trong 'bài mới', 'không phải bài', 'bài', 'gộp'")
    kind = kinds[0]
    correction = Correction(kind, line)
    if kind == "merge":
        codes = fields["merge"]
        if not isinstance(codes, yaml.SequenceNode) or len(codes.value) < 2:
            raise _error(path, line, "'gộp' cần ít nhất hai bài, ví dụ: gộp: [II.3, II.4]")
        correction.codes = [_code(path, _scalar(path, c, "gộp"), c.start_mark.line + 1) for c in codes.value]
    else:
        correction.target = _scalar(path, fields[kind], _SHOWN[kind])
        if not correction.target:
            raise _error(path, line, f"'{_SHOWN[kind]}' không được để trống")
        if kind == "article":
            correction.target = _code(path, correction.target, line)
    if kind == "not_article" and ({"title", "author"} & set(fields)):
        raise _error(path, line, "'không phải bài' không đi cùng 'tiêu đề' hay 'tác giả'")
    if kind == "merge" and ({"title", "author"} & set(fields)):
        raise _error(path, line, "'gộp' không đi cùng 'tiêu đề' hay 'tác giả'; hãy thêm một mục 'bài: …' riêng")
    if "title" in fields:
        correction.title = _scalar(path, fields["title"], "tiêu đề")
        if not correction.title:
            raise _error(path, fields["title"].start_mark.line + 1, "'tiêu đề' không được để trống")
    if "author" in fields:
        correction.author = _scalar(path, fields["author"], "tác giả")
    return correction


def _code(path: Path, text: str, line: int) -> str:
    match = _CODE.match(text)
    number = roman_to_int(match.group(1).upper()) if match else None
    if not match or not number:
        raise _error(path, line, f"'{text}' không phải mã bài (viết như trong dàn ý khi nhập, ví dụ II.3)")
    return f"{int_to_roman(number)}.{int(match.group(2))}"


# --- applying them ----------------------------------------------------------------------------


def _starts(block: RawBlock, target: str) -> bool:
    text = fold(block.text)
    numbered = article_line(block.text)
    return text.startswith(target) or bool(numbered and fold(numbered.title).startswith(target))


def mark_blocks(blocks: list[RawBlock], corrections: Corrections) -> None:
    """Mark the paragraphs the corrections name: an article starts here, or never starts here."""
    for item in corrections.items:
        if item.kind not in {"start", "not_article"}:
            continue
        target = fold(item.target)
        found = [b for b in blocks if b.kind in {"para", "heading", "item"} and _starts(b, target)]
        if not found:
            raise _error(
                corrections.path,
                item.line,
                f"không tìm thấy đoạn nào bắt đầu bằng '{item.target}'",
                "Hãy chép đúng mấy chữ đầu của đoạn đó từ bản tin.",
            )
        if item.kind == "start":
            block = found[-1]  # the text's own paragraph, after any table of contents
            block.forced, block.kind = "article", "para"
            item.block = block
        else:
            for block in found:
                block.forced = "body"


def apply_to_issue(issue: Issue, corrections: Corrections) -> None:
    """Titles, authors and merges, on the issue as read."""
    by_code = {f"{int_to_roman(a.section)}.{a.number}": a for a in issue.articles}
    for item in corrections.items:
        if item.kind == "start":
            article = next((a for a in issue.articles if a.line == item.block.line), None)
            if article is None:  # the paragraph lies before the first section: nothing can start there
                raise _error(corrections.path, item.line, f"đoạn '{item.target}' nằm ngoài các mục I, II… của bản tin")
        elif item.kind == "article":
            article = by_code.get(item.target)
            if article is None:
                raise _error(
                    corrections.path, item.line, f"không có bài {item.target}", "Hãy xem mã bài trong dàn ý khi nhập."
                )
        else:
            continue
        if item.author is not None:
            _set_author(article, item.author or None)
        if item.title is not None:  # after the author: the rest of a title goes back above the author line
            _set_title(article, item.title)
    for item in corrections.items:
        if item.kind == "merge":
            _merge(issue, [_article(corrections, by_code, code, item.line) for code in item.codes], corrections, item)


def _article(corrections: Corrections, by_code: dict[str, Article], code: str, line: int) -> Article:
    if code not in by_code:
        raise _error(corrections.path, line, f"không có bài {code}", "Hãy xem mã bài trong dàn ý khi nhập.")
    return by_code[code]


def _set_title(article: Article, title: str) -> None:
    """The editor's title; what the old title had beyond it (a swallowed line) goes back to the text."""
    old = article.title
    article.title = title.strip()
    if fold(old).startswith(fold(title)) and len(old) > len(title):
        rest = old[len(title) :].strip(" .:;,")
        if rest:
            article.blocks.insert(0, Paragraph([Run(rest[:1].upper() + rest[1:])]))


def _set_author(article: Article, author: str | None) -> None:
    """The editor's author; the line read as author before goes back where it stood."""
    if article.author:
        line = Paragraph([Run(article.author)])
        if article.author_at == "title":
            article.blocks.insert(0, line)
        else:
            article.blocks.append(line)
    article.author, article.author_at = author, ""
    if author:  # a line of the text that is this author leaves the text
        for index, block in enumerate(article.blocks):
            if isinstance(block, Paragraph) and fold(_text(block.inlines)) == fold(author):
                del article.blocks[index]
                break


def _text(inlines: list[Inline]) -> str:
    return "".join(i.text for i in inlines if isinstance(i, Run)).strip()


def _merge(issue: Issue, articles: list[Article], corrections: Corrections, item: Correction) -> None:
    first = articles[0]
    section = next(s for s in issue.sections if first in s.articles)
    positions = [section.articles.index(a) if a in section.articles else -1 for a in articles]
    if -1 in positions or positions != list(range(positions[0], positions[0] + len(articles))):
        raise _error(corrections.path, item.line, "chỉ gộp được các bài liền nhau trong cùng một mục")
    for other in articles[1:]:
        labels = _relabel(other, {note.label for note in first.footnotes})
        first.blocks.append(Heading(2, [Run(other.title)]))
        if other.author and not first.author:
            first.author, first.author_at = other.author, other.author_at
        elif other.author:
            first.blocks.append(Paragraph([Run(other.author)]))
        first.blocks.extend(other.blocks)
        first.footnotes.extend(Footnote(labels.get(n.label, n.label), n.inlines) for n in other.footnotes)
        section.articles.remove(other)
    for number, article in enumerate(section.articles, start=1):
        article.number = number


def _relabel(article: Article, taken: set[str]) -> dict[str, str]:
    """Give the article's footnotes labels the other article does not use; returns old → new."""
    labels: dict[str, str] = {}
    free = 1
    for note in article.footnotes:
        if note.label in taken:
            while str(free) in taken or str(free) in labels.values():
                free += 1
            labels[note.label] = str(free)
            taken = taken | {str(free)}
    if not labels:
        return labels

    def swap(inlines: list[Inline]) -> list[Inline]:
        return [NoteRef(labels.get(i.label, i.label)) if isinstance(i, NoteRef) else i for i in inlines]

    for block in article.blocks:
        if hasattr(block, "inlines"):
            block.inlines = swap(block.inlines)
        elif hasattr(block, "items"):
            block.items = [swap(item) for item in block.items]
    return labels
