"""Recover a bulletin's structure from cleaned raw blocks: issue, sections, articles, blocks.

The outline (where sections and articles start, their titles and the authors under them) is decided for
the whole body at once by `decoder.py`, from the line shapes of `grammar.py`; this module cuts the body
along it and builds each article:
- the masthead and the contents list come off the front; the contents list's titles are evidence for
  the decoder, and are checked against what it found;
- an editor's correction (corrections.py) starts or unmakes an article whatever the evidence says;
- the author stands right under the title (found with the title) or as the article's last lines (a name
  over its unit or position);
- a footnote belongs to the article whose text carries its mark, wherever the file printed it;
- heading levels inside an article come from the numbering style ('I.', '*', '-', …) in the order
  the article uses them, never from the export's '#' counts; a lead-in ending with ':' is a paragraph
  unless the file formats it as a heading.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from scripts.bulletin.decoder import LOW_CONFIDENCE, Context, Decision, Doubt, decode, join_title, names
from scripts.bulletin.errors import BulletinError
from scripts.bulletin.grammar import (
    article_line,
    author_line,
    heading_like,
    is_lead_in,
    numbered_line,
    person_line,
    plain_author_line,
    position_line,
    section_line,
    source_line,
)
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
    drop_prefix,
    plain_text,
    strip_inlines,
)
from scripts.vietnamese import (
    CasingModel,
    int_to_roman,
    sentence_case,
    superscript,
)

ISSUE_RE = re.compile(r"\bSố\s+tháng\s+(\d{1,2})\s*/\s*(\d{4})\b", re.IGNORECASE)
_ISSUE_ARG = re.compile(r"^(\d{4})-(\d{1,2})$")
_CONTENTS_TITLE = re.compile(r"^(?:trong\s+số\s+này|mục\s+lục(?:\s+số\s+này)?|nội\s+dung(?:\s+số\s+này)?)\s*:?$", re.I)
_NOTES_HEADING = re.compile(r"^(chú\s+thích|ghi\s+chú|tài\s+liệu\s+tham\s+khảo)\s*:?$", re.IGNORECASE)
_NOTE_ENTRY = re.compile(r"^\s*[\[(](\d{1,3})[\])]\s*\.?\s*")
_BARE_MARK = re.compile(r"\s?\[(\d{1,3})\]")
_SOURCE_NOTE = re.compile(r"^\(\s*Nguồn\s*:", re.IGNORECASE)
_LEADER = re.compile(r"\s*(?:[.…_·]{3,}|\t)\s*\d{1,3}\s*$")  # '1. Tiêu đề ........ 3'
MAX_TITLE = 300
MAX_HEADING = 200


@dataclass
class _Heading:
    number: int
    title: str
    warning: str = ""  # what an editor should check about this heading


def build_issue(blocks: list[RawBlock], source_name: str, issue_arg: str | None) -> Issue:
    """The `Issue` that `blocks` describe; raise `BulletinError` if they hold no bulletin."""
    casing = CasingModel(b.text for b in blocks if b.kind in {"para", "item"})
    preamble, toc_blocks, body = _split_front_matter(blocks)
    warnings: list[str] = []
    toc = _parse_toc(toc_blocks, casing)
    parser = BodyParser(body, casing, source_name, warnings)
    sections = parser.parse(toc)
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
        toc=toc,
        warnings=warnings,
        decisions=parser.evidence,
    )
    _check_toc(issue)
    return issue


# --- issue, preamble and table of contents --------------------------------------------------


def _split_front_matter(blocks: list[RawBlock]) -> tuple[list[RawBlock], list[RawBlock], list[RawBlock]]:
    """(masthead blocks, table-of-contents blocks, body blocks).

    The contents list ('Trong số này', 'Mục lục', or no heading at all) is where section I first appears:
    it lists section II before the text's own section I, and holds only short lines."""
    firsts = [i for i, b in enumerate(blocks) if _section_number(b) == 1]
    if len(firsts) >= 2:
        listed = blocks[firsts[0] : firsts[1]]
        titled = firsts[0] > 0 and bool(_CONTENTS_TITLE.match(blocks[firsts[0] - 1].text))
        short = all(len(b.text) <= MAX_TITLE + 150 for b in listed)  # a title, with leader dots and a page
        if (titled or any(_section_number(b) == 2 for b in listed)) and short:
            start = firsts[0] - 1 if titled else firsts[0]
            return blocks[:start], listed, blocks[firsts[1] :]
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
        numbered = numbered_line(block.text)  # any number: the contents list holds titles, not sub-items
        if number is not None:
            section = number
            entries.append(TocEntry(section, 0, sentence_case(_section_heading(block).title, casing)))
        elif numbered and section:  # without the leader dots and page number a contents list may have
            title = _LEADER.sub("", numbered.title)
            entries.append(TocEntry(section, numbered.number, title.rstrip(" .")))
        elif entries:
            last = entries[-1]
            last.title = join_title(last.title, sentence_case(block.text, casing))
    return entries


def _check_toc(issue: Issue) -> None:
    """Compare the bulletin's own table of contents with the articles found; warn on mismatch."""
    if not issue.toc:
        return
    for entry in (e for e in issue.toc if e.number == 0):
        section = next((s for s in issue.sections if s.number == entry.section), None)
        if section is None:
            issue.warnings.append(f"Mục lục có mục {int_to_roman(entry.section)} nhưng nội dung không có mục đó.")
        elif not names(entry.title, section.title):
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
        elif not names(listed[key].title, found[key].title):
            issue.warnings.append(
                f"Tiêu đề bài {code} khác mục lục: '{found[key].title}' / mục lục: '{listed[key].title}'."
            )


# --- body -----------------------------------------------------------------------------------


def _section_number(block: RawBlock) -> int | None:
    heading = _section_heading(block)
    return heading.number if heading else None


def _section_heading(block: RawBlock) -> _Heading | None:
    """A section line (grammar.section_line) set as its own paragraph."""
    if block.kind not in {"para", "heading"} or block.forced == "body" or len(block.text) > MAX_TITLE:
        return None
    found = section_line(block.text, block.emphasised)
    return _Heading(*found) if found else None


class BodyParser:
    """Cuts the body blocks into sections and articles along the outline the decoder chose for the whole
    file (decoder.py), and holds what the article builder needs to know of the file."""

    def __init__(self, blocks: list[RawBlock], casing: CasingModel, source_name: str, warnings: list[str]):
        self.blocks = blocks
        self.casing = casing
        self.source_name = source_name
        self.warnings = warnings
        self.marked = any(b.marked_heading for b in blocks)  # the export shows headings as headings
        self.evidence: dict[int, Decision] = {}  # the decision behind each article, by its first line

    def parse(self, contents: list[TocEntry] | None = None) -> list[Section]:
        listed = [(e.section, e.number, e.title) for e in contents or []]
        outline = decode(Context.of(self.blocks, listed))
        starts = {decision.reading.index: decision for decision in outline.decisions}
        sections: list[Section] = []
        pieces: list[tuple[Article, list[RawBlock]]] = []  # each article with its raw blocks
        article: Article | None = None
        index = 0
        while index < len(self.blocks):
            decision = starts.get(index)
            if decision is not None:
                reading = decision.reading
                if reading.kind.startswith("section"):
                    title = sentence_case(reading.title, self.casing).rstrip(" .:")
                    sections.append(Section(reading.number, title, line=reading.line))
                    article = None
                    if reading.kind == "section+untitled":
                        kicker = sentence_case(reading.kicker, self.casing) if reading.kicker else None
                        line = self.blocks[min(index + 1, len(self.blocks) - 1)].line
                        article = self._new_article(sections[-1], reading.article_title, [], kicker, line)
                        pieces.append((article, []))
                else:
                    self._warn_numbering(decision)
                    article = self._new_article(sections[-1], reading.title, reading.author, None, reading.line)
                    self.evidence[article.line] = decision
                    pieces.append((article, []))
                index = reading.end
                continue
            block = self.blocks[index]
            if article is None and sections:
                self.warnings.append(f"Dòng {block.line}: đoạn văn nằm ngoài mọi bài, được giữ ở đầu mục.")
                section = sections[-1]
                self.warnings.append(f"Dòng {block.line}: mục {int_to_roman(section.number)} có bài không có tiêu đề.")
                article = self._new_article(section, f"Bài {len(section.articles) + 1}", [], None, block.line)
                pieces.append((article, []))
            if article is not None:
                pieces[-1][1].append(block)
            index += 1
        for doubt in outline.doubts:
            self.warnings.append(self._doubt_warning(doubt))
        _rehome_notes(pieces)
        for article, raw in pieces:
            ArticleBuilder(article, raw, self).build()
        return sections

    def _warn_numbering(self, decision: Decision) -> None:
        reading = decision.reading
        sure = decision.confidence >= LOW_CONFIDENCE  # else the doubt's own warning tells it
        if reading.kind == "article" and decision.expected and reading.number != decision.expected:
            self.warnings.append(
                f"Dòng {reading.line}: bài được đánh số {reading.number} nhưng theo thứ tự phải là "
                f"{decision.expected} (số bị nhảy hoặc lặp); đã nhận là bài {decision.position}: "
                f"'{_short(reading.title)}'."
            )
        elif reading.kind == "unnumbered" and reading.evidence[:1] != [("sửa", 50.0)] and sure:
            self.warnings.append(
                f"Dòng {reading.line}: dòng '{_short(reading.title)}' không có số nhưng được nhận là bài "
                f"{int_to_roman(decision.section)}.{decision.position} (số bài bị thiếu). Nếu không phải, "
                f"thêm vào tệp sửa lỗi: {_proposal('không phải bài', self.blocks[reading.index].text)}"
            )

    def _doubt_warning(self, doubt: Doubt) -> str:
        """'Dòng 117 có thể là bài III.3 …', with the lines of the correction file that would make it so."""
        text = self.blocks[doubt.index].text
        place = f"{int_to_roman(doubt.place[0])}.{doubt.place[1]}" if doubt.place[0] else ""
        sure = f"(chênh {doubt.margin:.1f} điểm)"
        alternative, taken = doubt.alternative, doubt.taken
        if taken is None and alternative is not None and not alternative.kind.startswith("section"):
            return (
                f"Dòng {doubt.line}: dòng '{_short(text)}' được giữ là nội dung nhưng có thể là bài {place} {sure}. "
                f"Nếu đó là một bài, thêm vào tệp sửa lỗi (bài mới): {_proposal('bài mới', text)}"
            )
        if taken is None and alternative is not None:
            return (
                f"Dòng {doubt.line}: dòng '{_short(text)}' được giữ là nội dung nhưng có thể là đầu mục "
                f"{int_to_roman(alternative.number)} {sure}."
            )
        if alternative is None and taken is not None and not taken.kind.startswith("section"):
            return (
                f"Dòng {doubt.line}: dòng '{_short(text)}' được nhận là bài {place} nhưng có thể chỉ là nội dung "
                f"{sure}. Nếu không phải bài, thêm vào tệp sửa lỗi: {_proposal('không phải bài', text)}"
            )
        shown = "đầu mục" if taken is not None and taken.kind.startswith("section") else f"bài {place}"
        return f"Dòng {doubt.line}: chưa chắc cách đọc dòng '{_short(text)}' (đã nhận là {shown}) {sure}."

    def _new_article(
        self, section: Section, title: str, author_lines: list[str], kicker: str | None, line: int
    ) -> Article:
        parts = [sentence_case(part.strip(), self.casing) for part in re.split(r"(?<=:)\s+", title)]
        title = parts[0]
        for part in parts[1:]:
            title = join_title(title, part)
        article = Article(section.number, len(section.articles) + 1, title.rstrip(" ."), kicker=kicker, line=line)
        if author_lines:
            article.author, article.author_at = _join_author(author_lines), "title"
        section.articles.append(article)
        return article


def _proposal(kind: str, text: str) -> str:
    """The correction-file lines, ready to paste, that name the paragraph by its first words."""
    first = " ".join(text.split()[:8])
    return f"sửa:\n  - {kind}: {json.dumps(first, ensure_ascii=False)}"


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _rehome_notes(pieces: list[tuple[Article, list[RawBlock]]]) -> None:
    """A footnote belongs to the article whose text carries its mark, wherever the file printed it: a PDF
    prints it at the foot of the page, which may be where the next article begins."""

    def marks(raw: list[RawBlock]) -> set[str]:
        return {_label_key(i.label) for b in raw if b.kind != "note" for i in b.inlines if isinstance(i, NoteRef)}

    for position, (_, raw) in enumerate(pieces):
        own = marks(raw)
        for note in [b for b in raw if b.kind == "note"]:
            key = _label_key(note.note_label)
            if key in own:
                continue
            for other in (position - 1, position + 1):
                if 0 <= other < len(pieces):
                    target = pieces[other][1]
                    answered = {_label_key(b.note_label) for b in target if b.kind == "note"}
                    if key in marks(target) and key not in answered:
                        raw.remove(note)
                        target.append(note)
                        break


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
        if notes_heading is not None:  # the title over the article's notes, wherever a page shows them
            self.article.notes_title = sentence_case(notes_heading.text.rstrip(" :"), self.parser.casing)
        blocks.extend(trailing)
        self.article.blocks = blocks
        self._link_footnotes(notes)

    def _split_notes(self) -> tuple[list[RawBlock], list[Footnote], RawBlock | None]:
        """Footnote texts out of the flow: note blocks and the entries under 'Chú thích:'."""
        body: list[RawBlock] = []
        notes: list[Footnote] = []
        notes_heading: RawBlock | None = None
        in_notes = False
        entry_open = False  # the last block was an entry under the heading: a plain paragraph goes on with it
        for block in self.raw:
            if block.kind == "note":
                notes.append(Footnote(block.note_label, strip_inlines(block.inlines)))
                continue
            if _NOTES_HEADING.match(block.text):
                in_notes, entry_open, notes_heading = True, False, block
                continue
            entry = _NOTE_ENTRY.match(block.text) if in_notes else None
            if entry:
                notes.append(Footnote(entry.group(1), drop_prefix(block.inlines, entry.end())))
                entry_open = True
            elif entry_open and block.kind in {"para", "item"} and not block.emphasised:
                last = notes[-1]
                last.inlines = [*last.inlines, Run(" "), *strip_inlines(block.inlines)]
            else:
                in_notes = entry_open = False
                body.append(block)
        return body, notes, notes_heading

    def _split_trailing(self, body: list[RawBlock]) -> tuple[list[RawBlock], list[Block]]:
        """Take the source note '(Nguồn: …)' and the closing author lines off the end of the article:
        'Ban Biên tập'; 'Ngô Văn Bảo' over 'Ban Tuyên giáo Tỉnh ủy'; 'Trần Ngọc Tam' over 'Phó Bí thư Tỉnh ủy'."""
        trailing: list[Block] = []
        body = list(body)
        for _ in range(3):
            if not body:
                break
            last = body[-1]
            if _SOURCE_NOTE.match(last.text):
                trailing.insert(0, SourceNote(strip_inlines(last.inlines)))
                body.pop()
            elif self.article.author is None and (self._closing_author(last) or self._position_last(body)):
                lines = [body.pop().text.strip()]
                while len(body) > 1 and self._author_above(body[-1], lines[0]):
                    lines.insert(0, body.pop().text.strip())
                self.article.author, self.article.author_at = _join_author(lines), "end"
            else:
                break
        return body, trailing

    def _closing_author(self, block: RawBlock) -> bool:
        if block.kind not in {"para", "heading"} or block.forced or len(block.text) > 160:
            return False
        if block.emphasised or block.indented or source_line(block.text):
            return author_line(block.text)
        if self.parser.marked:
            return False
        return author_line(block.text) if block.whole else plain_author_line(block.text)

    def _position_last(self, body: list[RawBlock]) -> bool:
        """'Phó Bí thư Tỉnh ủy' as the last line, under a name line."""
        return len(body) > 1 and position_line(body[-1].text) and self._author_above(body[-2], body[-1].text)

    def _author_above(self, block: RawBlock, below: str) -> bool:
        """Whether `block` is the line above an author line that belongs with it (a name over its unit, or a
        name over its position), set like it."""
        if block.kind not in {"para", "heading"} or block.forced or not person_line(block.text):
            return False
        if not (author_line(below) or position_line(below)):
            return False
        return block.emphasised or block.indented or not self.parser.marked

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
        if following is None or not heading_like(text) or len(text) > MAX_HEADING or text[:1].islower():
            return False
        if text.startswith("(") or block.forced:
            return False
        if is_lead_in(text) and not (block.marked_heading or block.all_bold):
            return False  # 'Cụ thể như sau:' introduces what follows
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


def _heading_style(text: str) -> tuple[str, str]:
    """(numbering style, heading text without decorative marks) of a sub-heading."""
    if section_line(text, True):
        return "roman", text
    if re.match(r"^\d{1,2}\s*\.\s*\d{1,2}\.?\s", text):  # '2.4. Tiếp tục …' sits under '2. …'
        return "arabic2", text
    if article_line(text):
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
