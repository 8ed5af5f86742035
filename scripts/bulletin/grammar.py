"""How Vietnamese bulletins are typed: the line shapes the structure rules read.

A bulletin, whatever the editor typed it in, is

    issue     := masthead [contents] section+
    contents  := 'Trong số này' (section-line (article-line)*)*
    section   := SECTION-LINE [section-title] article+
    article   := [kicker] ARTICLE-LINE title-line* [author] body [author] [source-note] [notes]

and its lines are typed in these shapes (each rule below is one function of this module):

SECTION-LINE   a Roman number, then '.', '/', ')', ':', '-' (spaces around it or not) and the section's title
               in capitals or set as a heading: 'I. MỘT SỐ NỘI DUNG…', 'II/ THÔNG TIN…', 'III - …';
               or 'PHẦN I', 'Phần II:', 'PHẦN THỨ I.' with or without a title after it.
ARTICLE-LINE   the number the section expects next (the strongest evidence there is), then a delimiter
               and the title: '1. ', '1 . ', '1.Tiêu đề' (no space), '1) ', '1/ ', '1- ', '1 – ', a tab or a
               no-break space after the number; or 'Bài 1:', 'Bài 1.', 'Bài 1 -'.
SUB-ITEM       numbered lines inside an article, never an article and never part of a title: '3.1.', '3.1 ',
               '3. 10.', '2.4)', 'a)', 'b.', '(1)', '1.1.2', 'Thứ nhất,', 'Một là,'.
BULLET         a typed list item: '- ', '– ', '+ ', '• ' (the marks an editor types in Word; '* ' starts a heading).
AUTHOR         a person's name ('Ngô Văn Bảo'), a body ('Ban Tuyên giáo Tỉnh ủy'), either followed by a
               position or a unit after a comma ('Trần Văn Ứng, Ban Tuyên giáo Tỉnh ủy'), either followed by
               an abbreviation or a source in parentheses ('Nguyễn Thị Lan (BBT)', 'Ban Biên tập (TTXVN)',
               'Hồng Nhung (Nguồn: Báo Đồng Khởi)') or a short note of any words ('… (lược trích)'), 'BBT',
               or a source: 'Theo Báo Nhân Dân', 'Nguồn: Cổng thông tin điện tử tỉnh'. It stands right under the
               title or as the article's last line; Word and PDF also show it right-aligned or in italics.
LEAD-IN        a short paragraph ending with ':' ('Cụ thể như sau:') is text that introduces what follows,
               not a heading, unless the file formats it as one.

Text here is NFC (the readers normalise it); matching ignores letter case where Vietnamese typing varies.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from scripts.vietnamese import is_all_caps, roman_to_int

# a Roman numeral, then a delimiter; 'PHẦN' (part) may stand before it, and then the delimiter may be missing
_ROMAN = r"[IVXLC]+"
_SECTION_DELIMITER = r"\s*(?:[.)/:]|\s[-–]\s|-|–)\s*"
_SECTION = re.compile(rf"^({_ROMAN}){_SECTION_DELIMITER}(\S.*)$")
_PART = re.compile(rf"^PH[ẦẤ]N\s+(?:THỨ\s+)?({_ROMAN})\b(?:{_SECTION_DELIMITER})?(.*)$", re.IGNORECASE)

# an article's number: 'Bài 1:' or '1' with a delimiter; the title must not start like a sub-item's number
_ARTICLE_DELIMITER = r"(?:\s*[.)/:]|\s*[-–](?!\d)|[\t\u00a0\u2002\u2003])"
_ARTICLE = re.compile(rf"^(?:Bài\s+)?(\d{{1,2}}){_ARTICLE_DELIMITER}[\s\u00a0]*(\S.*)$", re.IGNORECASE)
_BAI = re.compile(r"^Bài\s+\d", re.IGNORECASE)
# what follows a number when the line is a sub-item: '3.1', '3. 10.', '2.4)'
_SUB_AFTER_NUMBER = re.compile(r"^\d{1,2}\s*[.)]")
# a number that goes on after its delimiter is no article number: '3.1', '2.596', '1/2024', '1-2 năm'
_NUMBER_GOES_ON = re.compile(r"^(?:Bài\s+)?\d{1,2}\s*[.,)/:-]\d", re.IGNORECASE)
_SUB_ITEM = re.compile(
    r"^(?:\d{1,2}\s*\.\s*\d{1,2}\b"  # '3.1', '3. 10'
    r"|[a-zđ]\s*[).]\s"  # 'a) ', 'b. '
    r"|\(\s*\d{1,2}\s*\)"  # '(1)'
    r"|\(\s*[a-zđ]\s*\)"  # '(a)'
    r"|(?:thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|một\s+là|hai\s+là|ba\s+là|bốn\s+là|năm\s+là)\s*[,:])",
    re.IGNORECASE,
)

# what a running head says, when a page break shows it once only: the bulletin's name or its issue
RUNNING_HEAD = re.compile(
    r"th[ôo]ng\s+tin\s+sinh\s+ho[ạa]t|\bS[ốo]\s+(?:th[áa]ng\s+)?\d{1,2}\s*/\s*\d{4}", re.IGNORECASE
)

BULLET = re.compile(r"^\s*[-–•+▪◦]\s+(?=\S)")

_TERMINAL = re.compile(r"[.;!?…,]$")
_CLOSERS = "”\"’')*» "

# an author line: a body (organisation) or a person's name, the part before the first comma. A body's name goes
# on with a capitalised word ('Ban Tuyên giáo', 'Hội Liên hiệp', 'Công an tỉnh Bến Tre'), so that a sentence
# such as 'Hội nghị đã …' or 'Đoàn kết là …' is not one.
_ORGANISATION = re.compile(
    r"^(?:Ban|Phòng|Văn\s+phòng|Hội|Sở|Ủy\s+ban|Uỷ\s+ban|Tỉnh\s+[ủu]ỷ?y?|Huyện\s+[ủu]ỷ?y?|Thành\s+[ủu]ỷ?y?|"
    r"Thị\s+[ủu]ỷ?y?|Đảng\s+[ủu]ỷ?y?|Công\s+an|Bộ\s+Chỉ\s+huy|Báo|Đài|Tạp\s+chí|Trung\s+tâm|Mặt\s+trận|"
    r"Liên\s+đoàn|Đoàn|Bộ|Cục|Viện|Trường|Nhóm|Tổ|Thông\s+tấn\s+xã|Cổng\s+thông\s+tin(?:\s+điện\s+tử)?|"
    r"Tỉnh\s+đoàn|Chi\s+bộ|Đảng\s+bộ)"
    r"\s+(?:(?:tỉnh|huyện|thành\s+phố|thị\s+xã|xã|phường|thị\s+trấn)\s+)?[A-ZĐÀ-Ỹ]"
)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*"
_TITLE_BEFORE_NAME = r"(?:(?:PGS\.?|GS\.?|TS\.?|ThS\.?|CN\.?|Đại\s+tá|Thượng\s+tá|Trung\s+tá|Thiếu\s+tá)\s*)"
_PERSON = re.compile(rf"^{_TITLE_BEFORE_NAME}?(?:{_NAME_WORD}\s+){{1,4}}{_NAME_WORD}$")
# the surnames most Vietnamese share: a name line with no formatting at all must start with one
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương Lâm "
    "Phùng Mai Tô Hà Tạ Cao Lưu Quách Thái Châu Lương Kiều Triệu Đinh Mạc Tăng Thạch Từ La Văn Chu Khưu Nghiêm "
    "Tôn Lại Tiêu Diệp Lục Giang Kim Hứa Quan Đàm Bạch Âu Hầu Sơn Thân Chế Lò Danh".split()
)
_POSITION = re.compile(
    r"^(?:Nguyên\s+|Quyền\s+|Phó\s+)*(?:Bí\s+thư|Chủ\s+tịch|Trưởng|Giám\s+đốc|Ủy\s+viên|Uỷ\s+viên|"
    r"Chánh|Tổng|Thường\s+trực|Chủ\s+nhiệm|Phóng\s+viên|Cộng\s+tác\s+viên|Chuyên\s+viên|Đại\s+biểu)\b"
)
_SOURCE = re.compile(r"^(?:Theo|Nguồn\s*:|Trích\s+(?:từ|theo))\s*\S", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\(([^()]*)\)\s*$")
_ABBREVIATION = re.compile(r"^[A-ZĐ][A-ZĐ0-9&\-]{1,11}$")  # 'BBT', 'TTXVN', 'VOV'
MAX_AUTHOR = 160


def section_line(text: str, emphasised: bool) -> tuple[int, str] | None:
    """(number, title) of a section line; the title is '' for a bare 'PHẦN I'. A Roman-numbered line in
    mixed case counts only when the file sets it as a heading or in bold (`emphasised`)."""
    text = text.strip()
    part = _PART.match(text)
    if part:
        number = roman_to_int(part.group(1).upper())
        return (number, part.group(2).strip()) if number else None
    match = _SECTION.match(text)
    if not match:
        return None
    number = roman_to_int(match.group(1))
    title = match.group(2).strip()
    if number is None or not (emphasised or is_all_caps(title)):
        return None
    return number, title


class Numbered(NamedTuple):
    number: int
    title: str
    explicit: bool  # 'Bài 1:': an article whatever its formatting


def article_line(text: str) -> Numbered | None:
    """The number and title of a line typed like an article's title line, or None (sub-items never are)."""
    text = text.strip()
    match = _ARTICLE.match(text)
    if not match:
        return None
    title = match.group(2).strip()
    if _SUB_AFTER_NUMBER.match(title) or is_sub_item(text) or _NUMBER_GOES_ON.match(text):
        return None
    return Numbered(int(match.group(1)), title, bool(_BAI.match(text)))


# any line that begins with an article-like number, sub-items included ('3.1.', '3. 10 năm'), or a bare
# number before a capital ('3 Tiêu đề': Word's tab after the number, read as a space): which it is, the
# decoder decides from the whole outline
NUMBERED = re.compile(
    r"^(?:Bài\s+(?:số\s+)?)?(\d{1,2})(?:\s*[.):/]|\s*[-–](?!\d)|[\t\u00a0\u2002\u2003]|\s(?=[A-ZĐÀ-Ỹ“\"\d]))[\s\u00a0]*(\S.*)$",
    re.IGNORECASE,
)


def numbered_line(text: str) -> Numbered | None:
    """The number and title of any line that begins like an article's title line, sub-items included."""
    match = NUMBERED.match(text.strip())
    return Numbered(int(match.group(1)), match.group(2).strip(), bool(_BAI.match(text.strip()))) if match else None


def is_sub_item(text: str) -> bool:
    """A numbered point inside an article: '3.1.', '3. 10.', 'a)', '(1)', 'Thứ nhất,'."""
    return bool(_SUB_ITEM.match(text.strip()))


def bullet(text: str) -> tuple[str, str] | None:
    """(mark, rest) of a typed list item ('- ', '+ ', '• '), or None."""
    match = BULLET.match(text)
    return (match.group(0).strip(), text[match.end() :]) if match else None


def heading_like(text: str, limit: int = 300) -> bool:
    """Short and without a sentence's final punctuation: may be a title or a heading."""
    return bool(text) and len(text) <= limit and not _TERMINAL.search(text.rstrip(_CLOSERS))


def is_lead_in(text: str) -> bool:
    """A paragraph that introduces what follows ('Cụ thể như sau:')."""
    return text.rstrip(_CLOSERS).endswith(":")


def author_line(text: str) -> bool:
    """A line that names an article's author or source (see AUTHOR above)."""
    text = text.strip()
    if not text or len(text) > MAX_AUTHOR or len(text.split()) > 24 or text.endswith((";", ":")):
        return False
    if _SOURCE.match(text):
        return True
    trimmed = text[:-1] if text.endswith(".") and len(text.split()) <= 6 else text  # 'Ban Biên tập.'
    parentheses = _PARENTHESES.search(trimmed)
    if parentheses:
        inner = parentheses.group(1).strip()
        known = _ABBREVIATION.match(inner) or _SOURCE.match(inner) or _ORGANISATION.match(inner)
        trimmed = trimmed[: parentheses.start()].strip()
        if not trimmed:
            return bool(known)  # '(BBT)', '(Nguồn: …)' alone
        if not known and (len(inner) > 80 or _TERMINAL.search(inner)):
            return False  # a note of any words after a name ('(lược trích bài phát biểu)'), but short
    if _TERMINAL.search(trimmed.rstrip(_CLOSERS)):
        return False
    if is_all_caps(trimmed):
        return bool(_ABBREVIATION.match(trimmed))
    head = trimmed.split(",")[0].strip()
    return bool(_ORGANISATION.match(head) or _PERSON.match(head) or _ABBREVIATION.match(head))


def source_line(text: str) -> bool:
    """'Theo Báo Nhân Dân', 'Nguồn: …': the article's source, which stands where an author would."""
    return bool(_SOURCE.match(text.strip()))


def plain_author_line(text: str) -> bool:
    """An author line that needs no formatting to be told from text: a body, a source, or a name that
    starts with a Vietnamese surname or carries a unit ('Lê Minh Tâm, Ban Tổ chức Tỉnh ủy')."""
    if not author_line(text):
        return False
    text = text.strip()
    head = _PARENTHESES.sub("", text.rstrip(" .")).split(",")[0].strip()
    if _SOURCE.match(text) or _ORGANISATION.match(head) or _ABBREVIATION.match(head):
        return True
    if _PARENTHESES.search(text.rstrip(" .")):
        return True
    first = re.sub(rf"^{_TITLE_BEFORE_NAME}", "", head).split()[:1]
    return bool(first) and (first[0] in SURNAMES or "," in text)


def person_line(text: str) -> bool:
    """A line that is only a person's name: 'Hồ Thị Hoàng Yến'."""
    return bool(_PERSON.match(text.strip().rstrip(" ,")))


def position_line(text: str) -> bool:
    """A person's position, on its own line under the name: 'Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh'."""
    text = text.strip()
    return bool(_POSITION.match(text)) and len(text) <= MAX_AUTHOR and not re.search(r"[.;:!?]$", text.rstrip(" ,"))
