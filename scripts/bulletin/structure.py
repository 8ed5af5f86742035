"""Recover a bulletin's structure from cleaned raw blocks: issue, sections, articles, blocks.

The rules follow how the board lays a bulletin out:
- a section is 'I.', 'II.', … in capitals or marked as a heading; a Roman heading that does not
  continue the section sequence (a second 'I.') belongs to the article it is in;
- an article is '1.', '2.', … continuing the numbering of its section, set as a heading, or (in
  exports without markup) short and without a final full stop; a numbered paragraph is not one;
- its title may run over several lines (capitals, or a line ending with ':'); its author stands
  right under the title (bold, or tab-indented lines) or as the last line of the article;
- heading levels inside an article come from the numbering style ('I.', '*', '-', …) in the order
  the article uses them, never from the export's '#' counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.bulletin.errors import BulletinError
from scripts.bulletin.model import (
    Article,
    Block,
    BulletList,
    Footnote,
    Heading,
    Inline,
    Issue,
    NoteRef,
    Paragraph,
    RawBlock,
    Run,
    Section,
    SourceNote,
    Table,
    TocEntry,
    plain_text,
    strip_inlines,
)
from scripts.vietnamese import (
    CasingModel,
    fold,
    int_to_roman,
    is_all_caps,
    roman_to_int,
    sentence_case,
    superscript,
)

ISSUE_RE = re.compile(r"\bSố\s+tháng\s+(\d{1,2})\s*/\s*(\d{4})\b", re.IGNORECASE)
_ISSUE_ARG = re.compile(r"^(\d{4})-(\d{1,2})$")
_ROMAN_HEADING = re.compile(r"^([IVXLC]+)\s*[.)]\s*(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.)]\s*(\S.*)$")
_TOC_TITLE = re.compile(r"^trong\s+số\s+này\s*:?$", re.IGNORECASE)
_NOTES_HEADING = re.compile(r"^(chú\s+thích|ghi\s+chú|tài\s+liệu\s+tham\s+khảo)\s*:?$", re.IGNORECASE)
_NOTE_ENTRY = re.compile(r"^\s*[\[(](\d{1,3})[\])]\s*\.?\s*")
_BARE_MARK = re.compile(r"\s?\[(\d{1,3})\]")
_SOURCE_NOTE = re.compile(r"^\(\s*Nguồn\s*:", re.IGNORECASE)
_KICKER = re.compile(r"^(chuyên\s+đề|tài\s+liệu)(\s+năm\s+\d{4})?$", re.IGNORECASE)
_TERMINAL = re.compile(r"[.;!?…,]$")
_CLOSERS = "”\"’')*» "
_ORGANISATION = re.compile(
    r"^(Ban|Phòng|Văn\s+phòng|Hội|Sở|Ủy\s+ban|Uỷ\s+ban|UBND|Tỉnh\s+[ủu]ỷ?y?|Huyện\s+ủy|Thành\s+ủy|Đảng\s+ủy|"
    r"Công\s+an|Báo|Đài|Trung\s+tâm|Mặt\s+trận|Liên\s+đoàn|Đoàn|Bộ|Cục|Viện|Trường|Nhóm|Tổ|Thông\s+tấn)\b"
)
_PERSON = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+){1,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*$")

MAX_TITLE = 300
MAX_HEADING = 200


@dataclass
class _Heading:
    number: int
    title: str


def build_issue(blocks: list[RawBlock], source_name: str, issue_arg: str | None) -> Issue:
    """The `Issue` that `blocks` describe; raise `BulletinError` if they hold no bulletin."""
    casing = CasingModel(b.text for b in blocks if b.kind in {"para", "item"})
    preamble, toc_blocks, body = _split_front_matter(blocks)
    warnings: list[str] = []
    sections = BodyParser(body, casing, source_name, warnings).parse()
    if not sections or not any(section.articles for section in sections):
        raise BulletinError(
            f"Lỗi: không nhận ra cấu trúc bản tin trong '{source_name}' (không thấy các mục I, II… "
            "và các bài 1, 2…). Hãy kiểm tra đây đúng là tệp xuất của bản tin Thông tin sinh hoạt nội bộ."
        )
    issue_id = _issue_id(preamble + toc_blocks, issue_arg, source_name, warnings)
    issue = Issue(
        issue=issue_id,
        source_name=source_name,
        masthead=[b.text for b in preamble],
        sections=sections,
        toc=_parse_toc(toc_blocks, casing),
        warnings=warnings,
    )
    _check_toc(issue)
    return issue


# --- issue, preamble and table of contents --------------------------------------------------


def _split_front_matter(blocks: list[RawBlock]) -> tuple[list[RawBlock], list[RawBlock], list[RawBlock]]:
    """(masthead blocks, table-of-contents blocks, body blocks)."""
    toc_start = next((i for i, b in enumerate(blocks) if _TOC_TITLE.match(b.text)), None)
    if toc_start is not None:
        firsts = [i for i, b in enumerate(blocks) if i > toc_start and _section_number(b) == 1]
        if len(firsts) >= 2:
            return blocks[:toc_start], blocks[toc_start + 1 : firsts[1]], blocks[firsts[1] :]
    first_section = next((i for i, b in enumerate(blocks) if _section_number(b) is not None), 0)
    return blocks[:first_section], [], blocks[first_section:]


def _issue_id(front: list[RawBlock], issue_arg: str | None, source_name: str, warnings: list[str]) -> str:
    stated = None
    for block in front:
        match = ISSUE_RE.search(block.text)
        if match:
            stated = _validated_issue(int(match.group(2)), int(match.group(1)), match.group(0))
            break
    if issue_arg is not None:
        match = _ISSUE_ARG.match(issue_arg.strip())
        if not match:
            raise BulletinError(
                f"Lỗi: số bản tin '{issue_arg}' không đúng dạng. Hãy dùng --issue YYYY-MM, ví dụ --issue 2024-02."
            )
        given = _validated_issue(int(match.group(1)), int(match.group(2)), issue_arg)
        if stated and stated != given:
            warnings.append(f"Tệp ghi số {stated} nhưng --issue là {given}: dùng {given} theo --issue.")
        return given
    if stated is None:
        raise BulletinError(
            f"Lỗi: tệp '{source_name}' không ghi số bản tin ('Số tháng MM/YYYY'). "
            "Hãy chạy lại với --issue YYYY-MM, ví dụ --issue 2024-02."
        )
    return stated


def _validated_issue(year: int, month: int, shown: str) -> str:
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise BulletinError(
            f"Lỗi: số bản tin '{shown}' không hợp lệ (tháng phải từ 01 đến 12, năm từ 2000 đến 2100). "
            "Hãy sửa lại, ví dụ --issue 2024-02."
        )
    return f"{year:04d}-{month:02d}"


def _parse_toc(blocks: list[RawBlock], casing: CasingModel) -> list[TocEntry]:
    entries: list[TocEntry] = []
    section = 0
    for block in blocks:
        number = _section_number(block)
        numbered = _NUMBERED.match(block.text)
        if number is not None:
            section = number
            entries.append(TocEntry(section, 0, sentence_case(_section_heading(block).title, casing)))
        elif numbered and section:
            entries.append(TocEntry(section, int(numbered.group(1)), numbered.group(2).rstrip(" .")))
        elif entries:
            last = entries[-1]
            last.title = _join_title(last.title, sentence_case(block.text, casing))
    return entries


def _check_toc(issue: Issue) -> None:
    """Compare the bulletin's own table of contents with the articles found; warn on mismatch."""
    if not issue.toc:
        return
    for entry in (e for e in issue.toc if e.number == 0):
        section = next((s for s in issue.sections if s.number == entry.section), None)
        if section is None:
            issue.warnings.append(f"Mục lục có mục {int_to_roman(entry.section)} nhưng nội dung không có mục đó.")
        elif not _similar(section.title, entry.title):
            issue.warnings.append(
                f"Tên mục {int_to_roman(entry.section)} khác mục lục: '{section.title}' / mục lục: '{entry.title}'."
            )
    found = {(a.section, a.number): a for a in issue.articles}
    listed = {(e.section, e.number): e for e in issue.toc if e.number}
    for key in sorted(set(found) | set(listed)):
        code = f"{int_to_roman(key[0])}.{key[1]}"
        if key not in found:
            issue.warnings.append(f"Mục lục có bài {code} '{listed[key].title}' nhưng không tìm thấy bài đó.")
        elif key not in listed:
            issue.warnings.append(f"Bài {code} '{found[key].title}' không có trong mục lục 'Trong số này'.")
        elif not _similar(found[key].title, listed[key].title):
            issue.warnings.append(
                f"Tiêu đề bài {code} khác mục lục: '{found[key].title}' / mục lục: '{listed[key].title}'."
            )


def _similar(first: str, second: str) -> bool:
    a, b = set(fold(first).split()), set(fold(second).split())
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.6


# --- body -----------------------------------------------------------------------------------


def _section_number(block: RawBlock) -> int | None:
    heading = _section_heading(block)
    return heading.number if heading else None


def _section_heading(block: RawBlock) -> _Heading | None:
    """'I. MỘT SỐ NỘI DUNG …' set as a heading or in capitals."""
    if block.kind not in {"para", "heading"}:
        return None
    match = _ROMAN_HEADING.match(block.text)
    if not match or len(block.text) > MAX_TITLE:
        return None
    number = roman_to_int(match.group(1))
    title = match.group(2).strip()
    if number is None or not (block.emphasised or is_all_caps(title)):
        return None
    return _Heading(number, title)


def _heading_like(text: str) -> bool:
    return bool(text) and len(text) <= MAX_TITLE and not _TERMINAL.search(text.rstrip(_CLOSERS))


def _is_author_line(text: str) -> bool:
    """A name or a body, with or without a position: 'Ngô Văn Bảo, Ban Tuyên giáo Tỉnh ủy'."""
    if not text or len(text) > 160 or _TERMINAL.search(text.rstrip(_CLOSERS)) or is_all_caps(text):
        return False
    head = text.split(",")[0].strip()
    return bool(_ORGANISATION.match(head) or _PERSON.match(head))


def _join_title(first: str, second: str) -> str:
    if first.rstrip().endswith(":"):
        return f"{first.rstrip()} {second[:1].upper()}{second[1:]}"
    return f"{first.rstrip()} {second}"


class BodyParser:
    """Walks the body blocks once, cutting them into sections and articles."""

    def __init__(self, blocks: list[RawBlock], casing: CasingModel, source_name: str, warnings: list[str]):
        self.blocks = blocks
        self.casing = casing
        self.source_name = source_name
        self.warnings = warnings
        self.marked = any(b.marked_heading for b in blocks)  # the export shows headings as headings

    def parse(self) -> list[Section]:
        sections: list[Section] = []
        article_blocks: list[RawBlock] = []
        article: Article | None = None
        inner_roman = 0  # last Roman heading number inside the current article
        index = 0

        def close() -> None:
            if article is not None:
                ArticleBuilder(article, article_blocks, self).build()

        while index < len(self.blocks):
            block = self.blocks[index]
            heading = _section_heading(block)
            if heading and self._starts_section(heading, sections, inner_roman, index):
                close()
                article, article_blocks, inner_roman = None, [], 0
                sections.append(Section(heading.number, sentence_case(heading.title, self.casing).rstrip(" .:")))
                index += 1
                if index < len(self.blocks) and not self._article_heading(self.blocks[index], 1):
                    article, index = self._implicit_article(sections[-1], index)
                continue
            if heading and article is not None:
                inner_roman = heading.number
            expected = len(sections[-1].articles) + 1 if sections else 0
            numbered = self._article_heading(block, expected) if sections else None
            if numbered:
                close()
                article_blocks, inner_roman = [], 0
                article, index = self._article(sections[-1], numbered, index)
                continue
            if article is not None:
                article_blocks.append(block)
            elif sections:
                self.warnings.append(f"Dòng {block.line}: đoạn văn nằm ngoài mọi bài, được giữ ở đầu mục.")
                article, index = self._implicit_article(sections[-1], index)
                continue
            index += 1
        close()
        return sections

    def _starts_section(self, heading: _Heading, sections: list[Section], inner_roman: int, index: int) -> bool:
        current = sections[-1].number if sections else 0
        if heading.number != current + 1:
            return False
        if inner_roman and inner_roman == heading.number - 1:
            # 'II.' after an article's own 'I.': a new section only if an article '1.' follows
            following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            return following is not None and self._article_heading(following, 1) is not None
        return True

    def _article_heading(self, block: RawBlock, expected: int) -> _Heading | None:
        if block.kind not in {"para", "heading"} or block.indented:
            return None
        match = _NUMBERED.match(block.text)
        if not match or int(match.group(1)) != expected:
            return None
        title = match.group(2).strip()
        if block.marked_heading or block.all_bold:
            return _Heading(expected, title) if len(title) <= MAX_TITLE else None
        if self.marked:
            return None
        return _Heading(expected, title) if _heading_like(title) else None

    def _title_continues(self, block: RawBlock, title: str) -> bool:
        if block.kind not in {"para", "heading"} or block.indented:
            return False
        if _section_heading(block) or _NUMBERED.match(block.text) or not _heading_like(block.text):
            return False
        if not is_all_caps(block.text):
            return False
        return title.rstrip().endswith(":") or is_all_caps(title) or block.emphasised

    def _article(self, section: Section, heading: _Heading, index: int) -> tuple[Article, int]:
        line = self.blocks[index].line
        title = heading.title
        index += 1
        while index < len(self.blocks) and self._title_continues(self.blocks[index], title):
            title = _join_title(title, self.blocks[index].text)
            index += 1
        return self._new_article(section, heading.number, [title], None, line, index)

    def _implicit_article(self, section: Section, index: int) -> tuple[Article, int]:
        """An article without a number, right under its section heading (a 'chuyên đề')."""
        line = self.blocks[index].line
        lines: list[str] = []
        while index < len(self.blocks):
            block = self.blocks[index]
            if block.kind not in {"para", "heading"} or _section_heading(block) or block.indented:
                break
            if not (is_all_caps(block.text) or block.marked_heading) or not _heading_like(block.text):
                break
            lines.append(block.text)
            index += 1
        kicker = None
        if len(lines) > 1 and _KICKER.match(lines[0]):
            kicker = sentence_case(lines.pop(0), self.casing)
        if not lines:
            self.warnings.append(f"Dòng {line}: mục {int_to_roman(section.number)} có bài không có tiêu đề.")
            lines = [f"Bài {len(section.articles) + 1}"]
        title = " ".join(lines)
        return self._new_article(section, len(section.articles) + 1, [title], kicker, line, index)

    def _new_article(
        self, section: Section, number: int, title_lines: list[str], kicker: str | None, line: int, index: int
    ) -> tuple[Article, int]:
        title = " ".join(title_lines)
        parts = [sentence_case(part.strip(), self.casing) for part in re.split(r"(?<=:)\s+", title)]
        title = parts[0]
        for part in parts[1:]:
            title = _join_title(title, part)
        article = Article(section.number, number, title.rstrip(" ."), kicker=kicker, line=line)
        # an author right under the title: tab-indented lines, or a bold name line
        author_lines: list[str] = []
        while index < len(self.blocks) and self.blocks[index].indented and self.blocks[index].kind == "para":
            author_lines.append(self.blocks[index].text)
            index += 1
        if not author_lines and index < len(self.blocks):
            block = self.blocks[index]
            if block.kind in {"para", "heading"} and block.emphasised and _is_author_line(block.text):
                author_lines.append(block.text)
                index += 1
        if author_lines:
            article.author = _join_author(author_lines)
        section.articles.append(article)
        return article, index


def _join_author(lines: list[str]) -> str:
    author = lines[0].strip()
    for line in lines[1:]:
        author = f"{author.rstrip(' ,')}, {line.strip()}"
    return author.rstrip(" ,")


class ArticleBuilder:
    """Turns the raw blocks of one article into its blocks, author, source note and footnotes."""

    def __init__(self, article: Article, raw: list[RawBlock], parser: BodyParser, code: str | None = None) -> None:
        self.article = article
        self.raw = raw
        self.parser = parser
        self.warnings = parser.warnings
        self.where = code or f"Bài {int_to_roman(article.section)}.{article.number}"  # names it in warnings

    def build(self) -> None:
        body, notes, notes_heading = self._split_notes()
        body, trailing = self._split_trailing(body)
        blocks = self._blocks(body)
        if notes_heading is not None:
            blocks.append(Heading(2, [Run(sentence_case(notes_heading.text.rstrip(" :"), self.parser.casing))]))
        blocks.extend(trailing)
        self.article.blocks = blocks
        self._link_footnotes(notes)

    def _split_notes(self) -> tuple[list[RawBlock], list[Footnote], RawBlock | None]:
        """Footnote texts out of the flow: note blocks and the entries under 'Chú thích:'."""
        body: list[RawBlock] = []
        notes: list[Footnote] = []
        notes_heading: RawBlock | None = None
        in_notes = False
        for block in self.raw:
            if block.kind == "note":
                notes.append(Footnote(block.note_label, strip_inlines(block.inlines)))
                continue
            if _NOTES_HEADING.match(block.text):
                in_notes, notes_heading = True, block
                continue
            entry = _NOTE_ENTRY.match(block.text) if in_notes else None
            if entry:
                notes.append(Footnote(entry.group(1), _drop_prefix(block.inlines, entry.end())))
            elif in_notes and notes and block.kind in {"para", "item"} and not block.emphasised:
                last = notes[-1]
                last.inlines = [*last.inlines, Run(" "), *strip_inlines(block.inlines)]
            else:
                in_notes = False
                body.append(block)
        return body, notes, notes_heading

    def _split_trailing(self, body: list[RawBlock]) -> tuple[list[RawBlock], list[Block]]:
        """Take the source note '(Nguồn: …)' and a closing author line off the end of the article."""
        trailing: list[Block] = []
        body = list(body)
        for _ in range(3):
            if not body:
                break
            last = body[-1]
            if _SOURCE_NOTE.match(last.text):
                trailing.insert(0, SourceNote(strip_inlines(last.inlines)))
                body.pop()
            elif self.article.author is None and self._closing_author(last):
                self.article.author = last.text.strip()
                body.pop()
            else:
                break
        return body, trailing

    def _closing_author(self, block: RawBlock) -> bool:
        if block.kind not in {"para", "heading"} or not _is_author_line(block.text):
            return False
        return block.emphasised or not self.parser.marked

    def _blocks(self, raw: list[RawBlock]) -> list[Block]:
        blocks: list[Block] = []
        styles: list[str] = []
        for position, block in enumerate(raw):
            following = raw[position + 1] if position + 1 < len(raw) else None
            previous = raw[position - 1] if position else None
            if block.kind == "table":
                blocks.append(Table(block.rows))
            elif self._is_heading(block, previous, following):
                style, text = ("dash", block.text) if block.kind == "item" else _heading_style(block.text)
                if style not in styles:
                    styles.append(style)
                level = min(2 + styles.index(style), 4)
                blocks.append(Heading(level, [Run(sentence_case(text, self.parser.casing))]))
            elif block.kind == "item":
                if blocks and isinstance(blocks[-1], BulletList):
                    blocks[-1].items.append(strip_inlines(block.inlines))
                else:
                    blocks.append(BulletList([strip_inlines(block.inlines)]))
            else:
                blocks.append(Paragraph(strip_inlines(block.inlines)))
        return blocks

    def _is_heading(self, block: RawBlock, previous: RawBlock | None, following: RawBlock | None) -> bool:
        text = block.text
        if _section_heading(block):
            return True
        if following is None or not _heading_like(text) or len(text) > MAX_HEADING or text[:1].islower():
            return False
        if text.startswith("("):
            return False
        if block.kind == "item":
            # a lone short item before a paragraph is a sub-heading ('- Về công tác xây dựng Đảng')
            isolated = (previous is None or previous.kind != "item") and following.kind == "para"
            return isolated and len(text) <= 120
        if self.parser.marked:
            return block.emphasised
        return not block.indented and following.kind in {"para", "item", "table"}

    def _link_footnotes(self, notes: list[Footnote]) -> None:
        """Point the marks of the article at its footnote texts; drop what cannot be matched."""
        texts = {}
        for note in notes:
            key = _label_key(note.label)
            if not plain_text(note.inlines).strip():
                continue
            if key in texts:
                self.warnings.append(f"{self.where}: chú thích số {note.label} xuất hiện hai lần; giữ cả hai.")
                texts[key].inlines = [*texts[key].inlines, Run(" "), *note.inlines]
                continue
            texts[key] = note
        used: list[str] = []
        last_number = 0

        def link(inlines: list[Inline]) -> list[Inline]:
            nonlocal last_number
            linked: list[Inline] = []
            for item in _bare_marks(inlines, set(texts)):
                if isinstance(item, NoteRef):
                    key = _label_key(item.label)
                    if key.isdigit() and int(key) < last_number and key in used:
                        # marks run 1, 2, 3…: a small number after them is a superscript ('Eco² Park')
                        linked.append(Run(superscript(key) or key))
                        continue
                    if key.isdigit():
                        last_number = max(last_number, int(key))
                    if key not in texts:
                        self.warnings.append(
                            f"{self.where}: dấu chú thích {item.label} không có nội dung chú thích; đã bỏ dấu."
                        )
                        continue
                    if key not in used:
                        used.append(key)
                    linked.append(NoteRef(key))
                else:
                    linked.append(item)
            return linked

        for block in self.article.blocks:
            if isinstance(block, Paragraph | Heading | SourceNote):
                block.inlines = link(block.inlines)
            elif isinstance(block, BulletList):
                block.items = [link(item) for item in block.items]
        self.article.footnotes = [Footnote(key, _superscripts(texts[key].inlines)) for key in used]
        for key, note in texts.items():
            if key not in used:
                self.warnings.append(f"{self.where}: chú thích số {note.label} không có dấu trong bài; giữ ở cuối bài.")
                self.article.blocks.append(Paragraph([Run(f"[{note.label}] "), *note.inlines]))


def _superscripts(inlines: list[Inline]) -> list[Inline]:
    """Marks inside a footnote text are superscripts of its words ('Eco² Park'), not footnotes."""
    return [Run(superscript(i.label) or i.label) if isinstance(i, NoteRef) else i for i in inlines]


def _label_key(label: str) -> str:
    return label.strip("[]() .") or label


def _bare_marks(inlines: list[Inline], labels: set[str]) -> list[Inline]:
    """Split plain '[2]' marks out of runs when the article has a footnote text '2'."""
    if not labels:
        return inlines
    out: list[Inline] = []
    for item in inlines:
        if not isinstance(item, Run):
            out.append(item)
            continue
        position = 0
        for match in _BARE_MARK.finditer(item.text):
            if match.group(1) not in labels:
                continue
            out.append(Run(item.text[position : match.start()], item.bold, item.italic))
            out.append(NoteRef(match.group(1)))
            position = match.end()
        out.append(Run(item.text[position:], item.bold, item.italic))
    return [i for i in out if not (isinstance(i, Run) and not i.text)]


def _drop_prefix(inlines: list[Inline], length: int) -> list[Inline]:
    """`inlines` without their first `length` characters of text."""
    out: list[Inline] = []
    remaining = length
    for item in inlines:
        if remaining and isinstance(item, Run):
            cut = min(remaining, len(item.text))
            remaining -= cut
            if item.text[cut:]:
                out.append(Run(item.text[cut:], item.bold, item.italic))
        else:
            out.append(item)
    return strip_inlines(out)


def _heading_style(text: str) -> tuple[str, str]:
    """(numbering style, heading text without decorative marks) of a sub-heading."""
    if _ROMAN_HEADING.match(text) and roman_to_int(text.split(".")[0].strip()):
        return "roman", text
    if re.match(r"^\d{1,2}\.\d{1,2}\.?\s", text):  # '2.4. Tiếp tục …' sits under '2. …'
        return "arabic2", text
    if _NUMBERED.match(text):
        return "arabic", text
    if re.match(r"^[a-zđ]\)\s", text):
        return "letter", text
    star = re.match(r"^\*\s*(.*)$", text)
    if star:
        return "star", star.group(1)
    dash = re.match(r"^[-–+]\s*(.*)$", text)
    if dash:
        return "dash", dash.group(1)
    return "plain", text
