"""Vietnamese text rules, with real examples from the samples and stated properties."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.vietnamese import (
    CasingModel,
    fold,
    format_vn_number,
    int_to_roman,
    is_all_caps,
    nfc,
    other_tone_placement,
    parse_vn_number,
    roman_to_int,
    search_keys,
    sentence_case,
    slugify,
    words,
)
from tests.support import REPO

# every distinct word of a real bulletin
SAMPLE_WORDS = sorted(set(words((REPO / "data" / "sources" / "bulletin-2023-10.md").read_text(encoding="utf-8"))))

BODY = [
    "Tiếp tục thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương khoá XIII.",
    "Các cấp ủy, tổ chức đảng và đảng viên học tập tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Phong trào thi đua “Đồng Khởi mới” của phụ nữ Bến Tre; Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XI.",
    "Theo Bộ Chính trị, xây dựng Đảng và hệ thống chính trị trong sạch.",
]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("THỰC HIỆN KẾT LUẬN SỐ 01-KL/TW CỦA BỘ CHÍNH TRỊ", "Thực hiện Kết luận số 01-KL/TW của Bộ Chính trị"),
        ("MỘT SỐ NỘI DUNG CẦN THIẾT SINH HOẠT TẠI CHI BỘ", "Một số nội dung cần thiết sinh hoạt tại chi bộ"),
        ("PHỤ NỮ BẾN TRE TÍCH CỰC THI ĐUA “ĐỒNG KHỞI MỚI”", "Phụ nữ Bến Tre tích cực thi đua “Đồng Khởi mới”"),
        ("I. SỰ CẦN THIẾT CỦA CHUYÊN ĐỀ", "I. Sự cần thiết của chuyên đề"),
        ("NGHỊ QUYẾT ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH LẦN THỨ XI", "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XI"),
        ("PHONG CÁCH HỒ CHÍ MINH", "Phong cách Hồ Chí Minh"),
        ("Đã viết thường", "Đã viết thường"),  # not ALL-CAPS: unchanged
    ],
)
def test_sentence_case_keeps_proper_nouns_codes_and_numerals(title, expected):
    assert sentence_case(title, CasingModel(BODY)) == expected


def test_sentence_case_without_a_document_uses_the_built_in_terms():
    assert sentence_case("XÂY DỰNG ĐẢNG Ở BẾN TRE") == "Xây dựng Đảng ở Bến Tre"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đổi mới công tác giáo dục chính trị, tư tưởng", "doi-moi-cong-tac-giao-duc-chinh-tri-tu-tuong"),
        ("Quy định số 117-QĐ/TW", "quy-dinh-so-117-qd-tw"),
        ("Kỷ niệm 93 năm (20/10/1930 - 20/10/2023):", "ky-niem-93-nam-20-10-1930-20-10-2023"),
        ("ĐẢNG ỦY", "dang-uy"),
    ],
)
def test_slugify_is_ascii_with_d_for_dd(text, slug):
    assert slugify(text) == slug


def test_slugify_truncates_at_a_word_boundary_without_skipping_words():
    assert slugify("thực hiện nghị quyết năm 2023 và nhiệm vụ giải pháp", max_length=36) == (
        "thuc-hien-nghi-quyet-nam-2023-va"
    )


@given(st.text())
def test_slugify_always_gives_lower_case_ascii(text):
    assert re.fullmatch(r"[a-z0-9-]*", slugify(text))


@given(st.text())
def test_fold_is_idempotent_and_ignores_unicode_form(text):
    assert fold(fold(text)) == fold(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@pytest.mark.parametrize(
    ("one", "other"), [("hoá", "hóa"), ("Tỉnh uỷ", "tinh ủy"), ("Đảng viên", "dang vien"), ("ĐẢNG", "đảng")]
)
def test_fold_makes_tone_placement_case_and_diacritics_alike(one, other):
    assert fold(one) == fold(other)


@given(st.integers(min_value=1, max_value=399))
def test_roman_numerals_round_trip(number):
    assert roman_to_int(int_to_roman(number)) == number


@pytest.mark.parametrize("token", ["", "VÀ", "IIII", "VX", "MỘT", "iv"])
def test_roman_to_int_rejects_what_is_not_a_numeral(token):
    assert roman_to_int(token) is None


def test_words_are_nfc_and_case_folded():
    decomposed = unicodedata.normalize("NFD", "Đảng viên, 1.100 người")
    assert words(decomposed) == ["đảng", "viên", "1", "100", "người"]
    assert nfc(decomposed) == "Đảng viên, 1.100 người"


@pytest.mark.parametrize(
    ("text", "caps"), [("BAN BIÊN TẬP", True), ("Ban Biên tập", False), ("01-KL/TW", True), ("1", False)]
)
def test_is_all_caps(text, caps):
    assert is_all_caps(text) is caps


# --- numbers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1.100", "1100"),
        ("118,27", "118.27"),
        ("105.80", "105.8"),
        ("4.500-5.000", "4500..5000"),
        ("8,5-9,5", "8.5..9.5"),
        ("≤ 2,5%", "<=2.5"),
        ("30,57% (48/157)", "30.57"),
        ("Tăng 3,06 (168/ 163)", "3.06"),
        ("Giảm 23,20% (447/582)", "-23.2"),
        ("-3,88 (cận dưới)", "-3.88"),
        ("1.306,9", "1306.9"),
        ("02", "2"),
    ],
)
def test_parse_vn_number_reads_the_report_cells(text, canonical):
    parsed = parse_vn_number(text)
    assert parsed is not None and parsed.canonical() == canonical


@pytest.mark.parametrize("text", ["Không đạt", "đạt", "131 xã, phường", "Đạt cơ bản 9/9 tiêu chí", "", "Kiểm soát"])
def test_parse_vn_number_leaves_text_alone(text):
    assert parse_vn_number(text) is None


def test_parse_vn_number_keeps_the_note_and_the_percent_sign():
    parsed = parse_vn_number("30,57% (48/157)")
    assert parsed.percent and parsed.note == "(48/157)"


@pytest.mark.parametrize(
    ("value", "text"), [(1301, "1.301"), (118.27, "118,27"), (105.8, "105,8"), (1306.9, "1.306,9")]
)
def test_format_vn_number(value, text):
    assert format_vn_number(value) == text


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_format_then_parse_gives_the_number_back(value):
    number = float(value)
    parsed = parse_vn_number(format_vn_number(number, decimals=2))
    assert parsed is not None and parsed.value == pytest.approx(number, abs=1e-9)


@given(st.integers(min_value=0, max_value=10**12))
def test_whole_numbers_format_with_dots_and_parse_back(value):
    text = format_vn_number(value)
    assert "," not in text and parse_vn_number(text).value == value


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("hoá", "hóa"),
        ("hóa", "hoá"),
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("thuỷ sản", "thủy sản"),
        ("khoẻ", "khỏe"),
        ("quý", "quý"),  # 'qu' is a consonant: the mark has one place
        ("hoàn thành", "hoàn thành"),  # the pair does not end the syllable
        ("Huỳnh", "Huỳnh"),
    ],
)
def test_other_tone_placement(text, other):
    assert other_tone_placement(text) == other


@given(st.text(alphabet="hoaáàuyýỳeéđ ", max_size=20))
def test_other_tone_placement_keeps_the_folded_text(text):
    assert fold(other_tone_placement(text)) == fold(text)


@pytest.mark.parametrize(
    ("word", "keys"),
    [
        ("Đảng", ("dang", "đang3")),
        ("đang", ("dang", "đang")),
        ("dạng", ("dang", "dang5")),
        ("hoá", ("hoa", "hoa1")),
        ("hóa", ("hoa", "hoa1")),
        ("uỷ", ("uy", "uy3")),
        ("ủy", ("uy", "uy3")),
        ("người", ("nguoi", "ngươi2")),
        ("Ứng", ("ung", "ưng1")),
        ("QĐ", ("qd", "qđ")),
        ("2024", ("2024", "2024")),
        ("nghi\u0323", ("nghi", "nghi5")),  # decomposed input
    ],
)
def test_search_keys(word: str, keys: tuple[str, str]):
    assert search_keys(word) == keys


@given(st.sampled_from(SAMPLE_WORDS))
def test_search_keys_ignore_tone_placement_and_unicode_form(word: str):
    keys = search_keys(word)
    assert search_keys(other_tone_placement(word)) == keys
    assert search_keys(unicodedata.normalize("NFD", word)) == keys
    assert keys[0] == fold(word)
