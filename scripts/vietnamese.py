"""Vietnamese text rules, in one place: Unicode form, diacritic folding, slugs, sentence case.

Used by the importer, and later by the macros and the search index, so that every stage agrees
on what "the same word" is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from slugify import slugify as _slugify

__all__ = [
    "CasingModel",
    "VnNumber",
    "format_vn_number",
    "parse_vn_number",
    "fold",
    "int_to_roman",
    "is_all_caps",
    "nfc",
    "roman_to_int",
    "sentence_case",
    "slugify",
    "superscript",
    "words",
]

WORD_RE = re.compile(r"\w+", re.UNICODE)
ROMAN_RE = re.compile(r"^(?=[IVXLC]+$)(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the form every stored text uses."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case `text` and strip every diacritic (đ → d): 'Đảng ủy' → 'dang uy'."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def words(text: str) -> list[str]:
    """Split `text` into its words (letters and digits), NFC and case-folded."""
    return WORD_RE.findall(nfc(text).casefold())


@functools.lru_cache(maxsize=8192)  # the same headings recur in every issue: a site build asks again and again
def slugify(value: str, separator: str = "-", max_length: int = 0) -> str:
    """ASCII slug of `value` ('Đổi mới công tác' → 'doi-moi-cong-tac').

    Also the heading-anchor function of the Markdown `toc` extension (same signature).
    """
    slug = _slugify(fold(nfc(value)), separator=separator)
    if max_length and len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind(separator)] if separator in cut else slug[:max_length]
    return slug


def roman_to_int(token: str) -> int | None:
    """Value of an upper-case Roman numeral up to 399 ('IV' → 4), or None if it is not one."""
    if not token or not ROMAN_RE.match(token):
        return None
    total = 0
    for current, following in zip(token, token[1:] + " ", strict=True):
        value = _ROMAN_VALUES[current]
        total += -value if following != " " and _ROMAN_VALUES[following] > value else value
    return total


def int_to_roman(number: int) -> str:
    """Roman numeral of a positive number up to 399 (4 → 'IV')."""
    out = ""
    for value, numeral in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, number = divmod(number, value)
        out += numeral * count
    return out


_SUPERSCRIPTS = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")


def superscript(text: str) -> str | None:
    """'2' → '²', '10' → '¹⁰' (a number printed raised, as in 'm²'); None if `text` is not digits and signs."""
    return text.translate(_SUPERSCRIPTS) if re.fullmatch(r"[0-9+-]+", text) else None


def unsuperscript(text: str) -> str:
    """'¹⁰' → '10': raised digits and signs as typed on the line; other characters stay."""
    return text.translate(_UNSUPERSCRIPTS)


_UNSUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")


def is_all_caps(text: str) -> bool:
    """True when `text` has letters and none of them is lower-case ('BAN BIÊN TẬP')."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and not any(ch.islower() for ch in letters)


# Capitalised terms of Vietnamese official writing, used when a document itself does not show
# how a word of an ALL-CAPS title is written.
_LEXICON = (
    "Đảng; Đảng bộ; Đảng ủy; Đảng uỷ; Bộ Chính trị; Ban Bí thư; Ban Chấp hành Trung ương; Trung ương; "
    "Tỉnh ủy; Tỉnh uỷ; Thường trực Tỉnh ủy; Ban Thường vụ; Nhà nước; Nhân dân; Quốc hội; Chính phủ; "
    "Việt Nam; Hồ Chí Minh; Bến Tre; Mặt trận Tổ quốc; Tổ quốc; Hội đồng nhân dân; Ủy ban nhân dân; "
    "Đại hội; Nghị quyết; Chỉ thị; Kết luận; Quy định; Hướng dẫn; Quyết định; Thông báo; Công văn; "
    "Kế hoạch; Đồng Khởi; Hội Liên hiệp Phụ nữ; Đoàn Thanh niên; Công an; Quân đội"
)
_DOCUMENT_TYPES = {"nghị quyết", "chỉ thị", "kết luận", "quy định", "hướng dẫn", "quyết định", "thông báo"}
_SENTENCE_END = re.compile(r"[.!?…:;]\s*[“\"'(]*$")
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d{1,3}|[a-zđA-ZĐ])\s*[.)]\s+|^\s*[-*+–]\s*")
_CODE_RE = re.compile(r"\S*\d\S*[/-]\S*|\S*[/-]\S*\d\S*")  # document codes such as 01-KL/TW


class CasingModel:
    """How the words of a document are written in its running text, to sentence-case its titles.

    It counts, for every sequence of one to four words, the spellings seen away from the start
    of a sentence; an ALL-CAPS title then takes the most common spelling of its longest known
    sequences.
    """

    MAX_N = 4

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._seen: dict[tuple[str, ...], Counter[tuple[str, ...]]] = defaultdict(Counter)
        self.add(_LEXICON.split("; "), terms=True)
        self.add(texts)

    def add(self, texts: Iterable[str], *, terms: bool = False) -> None:
        """Learn the spellings used in `texts` (ALL-CAPS texts teach nothing and are skipped).

        With `terms`, each text is a term written as it always is, not a sentence.
        """
        for text in texts:
            if is_all_caps(text):
                continue
            tokens: list[tuple[str, bool]] = []  # (word, starts a sentence)
            last_end = 0
            for match in WORD_RE.finditer(text):
                gap = text[last_end : match.start()]
                starts = not terms and (not tokens or bool(_SENTENCE_END.search(gap)))
                tokens.append((match.group(), starts))
                last_end = match.end()
            for i in range(len(tokens)):
                if tokens[i][1]:
                    continue
                for n in range(1, min(self.MAX_N, len(tokens) - i) + 1):
                    spelled = tuple(word for word, _ in tokens[i : i + n])
                    self._seen[tuple(w.casefold() for w in spelled)][spelled] += 1

    def spelling(self, key: tuple[str, ...]) -> tuple[str, ...] | None:
        """Most common spelling of the case-folded word sequence `key`, lower case winning ties."""
        variants = self._seen.get(key)
        if not variants:
            return None
        best = max(variants.items(), key=lambda item: (item[1], item[0] == key))
        return best[0]


def sentence_case(title: str, model: CasingModel | None = None) -> str:
    """Turn an ALL-CAPS `title` into sentence case, keeping proper nouns, codes and Roman numerals.

    'THỰC HIỆN KẾT LUẬN SỐ 01-KL/TW CỦA BỘ CHÍNH TRỊ' → 'Thực hiện Kết luận số 01-KL/TW của Bộ Chính trị'.
    A title that is not ALL-CAPS is returned unchanged.
    """
    if not is_all_caps(title):
        return title
    numbering = _NUMBERING.match(title)
    if numbering:  # 'I. SỰ CẦN THIẾT' → 'I. Sự cần thiết'
        return numbering.group(0) + sentence_case(title[numbering.end() :], model)
    model = model or CasingModel()
    protected = [m.span() for m in _CODE_RE.finditer(title)]
    matches = [m for m in WORD_RE.finditer(title) if not any(a <= m.start() < b for a, b in protected)]
    keys = [m.group().casefold() for m in matches]
    result = list(title)
    i = 0
    while i < len(matches):
        for n in range(min(CasingModel.MAX_N, len(matches) - i), 0, -1):
            # a sequence must not run across punctuation such as ',' or ';'
            gap = title[matches[i].end() : matches[i + n - 1].start()] if n > 1 else ""
            if n > 1 and re.search(r"[^\s]", WORD_RE.sub("", gap)):
                continue
            spelled = model.spelling(tuple(keys[i : i + n]))
            if spelled:
                break
        else:
            n, spelled = 1, None
        for k in range(n):
            match = matches[i + k]
            word = spelled[k] if spelled else _unknown_word(match.group(), title, match.start())
            result[match.start() : match.end()] = list(word)
        i += n
    cased = "".join(result)
    cased = _capitalise_document_types(cased)
    return _capitalise_first(cased)


def _unknown_word(word: str, title: str, start: int) -> str:
    """Spelling of a title word the casing model has never seen."""
    if roman_to_int(word) and re.search(r"(THỨ|KHÓA|KHOÁ|PHẦN|CHƯƠNG)\s+$", title[:start]):
        return word
    return word.lower()


def _capitalise_document_types(text: str) -> str:
    """'kết luận số 01-KL/TW' → 'Kết luận số 01-KL/TW': a numbered document is a name."""

    def repl(match: re.Match[str]) -> str:
        return _capitalise_first(match.group(1)) + match.group(2)

    pattern = "|".join(sorted(_DOCUMENT_TYPES, key=len, reverse=True))
    return re.sub(rf"\b({pattern})(\s+số\s+\d)", repl, text, flags=re.IGNORECASE)


def _capitalise_first(text: str) -> str:
    for index, ch in enumerate(text):
        if ch.isalpha():
            return text[:index] + ch.upper() + text[index + 1 :]
    return text


# --- numbers ----------------------------------------------------------------------------------------

_NUMBER = r"[+-]?\d+(?:[.,]\d+)*"
_VN_NUMBER_RE = re.compile(
    rf"^(?P<sign>tăng|giảm)?\s*(?P<cmp>≤|≥|<=|>=|<|>)?\s*(?P<low>{_NUMBER})\s*(?P<pct1>%)?"
    rf"(?:\s*[-–]\s*(?P<high>{_NUMBER})\s*(?P<pct2>%)?)?"
    r"\s*(?P<note>\([^()]*\))?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class VnNumber:
    """A number or a range as printed in a Vietnamese report ('1.100', '8,5-9,5', '≤ 2,5%')."""

    value: float
    upper: float | None = None  # end of a range
    comparator: str = ""  # '≤', '≥', '<' or '>' before the number
    percent: bool = False
    note: str = ""  # a parenthesis after the number: '(48/157)'

    def canonical(self) -> str:
        """Machine form kept in data files: '1100', '118.27', '4500..5000', '<=2.5'."""
        comparator = {"≤": "<=", "≥": ">="}.get(self.comparator, self.comparator)
        text = comparator + plain_number(self.value)
        return f"{text}..{plain_number(self.upper)}" if self.upper is not None else text


def plain_number(value: float) -> str:
    """A number as data files keep it: 1100.0 → '1100', 118.27 → '118.27'."""
    return str(int(value)) if float(value).is_integer() else repr(round(value, 6))


def parse_vn_number_token(token: str) -> float:
    """One number in Vietnamese or plain notation: '1.100' → 1100, '118,27' → 118.27, '105.80' → 105.8.

    A dot followed by groups of exactly three digits separates thousands; a dot followed by any
    other count of digits is a decimal point; a comma is always the decimal separator.
    """
    sign = -1.0 if token.startswith("-") else 1.0
    token = token.lstrip("+-")
    if "," in token:
        whole, decimals = token.rsplit(",", 1)
        return sign * float(whole.replace(".", "") + "." + decimals)
    groups = token.split(".")
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
        return sign * float("".join(groups))
    return sign * float(token)


def parse_vn_number(text: str) -> VnNumber | None:
    """The number or range in a report cell, or None when the cell is text ('Không đạt').

    'Tăng 3,06 (168/ 163)' → 3.06 with note '(168/ 163)'; 'Giảm 10%' → -10 %.
    """
    match = _VN_NUMBER_RE.match(nfc(text).strip())
    if not match:
        return None
    low = parse_vn_number_token(match.group("low"))
    high = parse_vn_number_token(match.group("high")) if match.group("high") else None
    if (match.group("sign") or "").lower() == "giảm":
        low, high = -low, (-high if high is not None else None)
    return VnNumber(
        value=low,
        upper=high,
        comparator=match.group("cmp") or "",
        percent=bool(match.group("pct1") or match.group("pct2")),
        note=(match.group("note") or "").strip(),
    )


def format_vn_number(value: float, decimals: int | None = None) -> str:
    """Vietnamese notation: 1301 → '1.301', 118.27 → '118,27', 1306.9 → '1.306,9'.

    Without `decimals`, as many decimals as the value needs (at most 2).
    """
    if decimals is None:
        decimals = 0 if float(value).is_integer() else (1 if round(value, 1) == round(value, 2) else 2)
    text = f"{abs(value):,.{decimals}f}"  # '1,306.90'
    whole, _, fraction = text.partition(".")
    result = whole.replace(",", ".") + ("," + fraction if fraction else "")
    return ("-" if value < 0 and result.strip("0.,") else "") + result


# --- tone placement -----------------------------------------------------------------------------------

_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
_GLIDES = re.compile(rf"(?<![qQ])([oOuU])([{_TONES}]?)([aAeEyY])([{_TONES}]?)(?![a-zA-Zđăâêôơư\u0302\u0306\u031b])")


def other_tone_placement(text: str) -> str:
    """The same words with the tone mark of 'oa', 'oe', 'uy' on the other vowel: 'hoá' ↔ 'hóa', 'uỷ' ↔ 'ủy'.

    Both placements are in use (old and new style); a word where the pair ends the syllable changes,
    others are left as they are.
    """
    decomposed = unicodedata.normalize("NFD", text)

    def swap(match: re.Match[str]) -> str:
        first, tone_first, second, tone_second = match.groups()
        if tone_first and not tone_second:
            return first + second + tone_first
        if tone_second and not tone_first:
            return first + tone_second + second
        return match.group(0)

    return nfc(_GLIDES.sub(swap, decomposed))


_TONE_DIGITS = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


def search_keys(word: str) -> tuple[str, str]:
    """The two search keys of a word: (folded, exact). 'Đảng' → ('dang', 'đang3'); 'hoá', 'hóa' → ('hoa', 'hoa1').

    Folded has no mark at all (đ → d); exact keeps the vowel marks and writes the tone as a digit after the
    letters (sắc 1, huyền 2, hỏi 3, ngã 4, nặng 5), so both tone placements give one key. The site's search
    engine (docs/assets/javascripts/tim-kiem/engine.js) applies this same rule in the browser.
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = "".join(_TONE_DIGITS[ch] for ch in decomposed if ch in _TONE_DIGITS)[-1:]
    base = "".join(ch for ch in decomposed if ch not in _TONE_DIGITS)
    folded = "".join(ch for ch in base if not unicodedata.category(ch).startswith("M")).replace("đ", "d")
    return folded, unicodedata.normalize("NFC", base) + tone
