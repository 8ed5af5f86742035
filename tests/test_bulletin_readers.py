"""Readers and cleaners on small hand-written cases, one per edge the samples show."""

from __future__ import annotations

from scripts.bulletin.cleaners import clean
from scripts.bulletin.model import NoteRef, RawBlock, Run
from scripts.bulletin.readers.decode import decode_text
from scripts.bulletin.readers.markdown_export import parse_inlines, read_markdown
from scripts.bulletin.readers.text_export import read_text


def texts(blocks: list[RawBlock]) -> list[str]:
    return [block.text for block in blocks]


def test_markdown_emphasis_and_footnote_marks():
    inlines = parse_inlines("**Thứ nhất**, các cấp ủy *cần* làm<sup>(1)</sup> ngay")
    assert inlines == [
        Run("Thứ nhất", bold=True),
        Run(", các cấp ủy "),
        Run("cần", italic=True),
        Run(" làm"),
        NoteRef("(1)"),
        Run(" ngay"),
    ]


def test_unpaired_emphasis_marks_are_noise_and_escapes_are_text():
    assert parse_inlines("**Ban Biên tập") == [Run("Ban Biên tập")]
    assert parse_inlines("\\* Những kết quả") == [Run("* Những kết quả")]
    assert parse_inlines("****") == []


def test_markdown_keeps_unknown_html_as_literal_text():
    inlines = parse_inlines('<script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "".join(i.text for i in inlines) == '<script>alert(1)</script> <img src=x onerror="alert(2)">'


def test_equations_of_an_export_read_as_text():
    # converters write Word's equations as LaTeX; a reader reads symbols ('$' of a price stays)
    text = r"giá <math>59.474.000 \text{đồng/m}^2 \times 225,5</math> đồng, chỉ tiêu $\leq 03\%$, 5$ và 7$"
    assert parse_inlines(text) == [Run("giá 59.474.000 đồng/m² × 225,5 đồng, chỉ tiêu ≤ 03%, 5$ và 7$")]


def test_markdown_headings_items_rules_and_tables():
    blocks = read_markdown(
        "# **I. MỘT**\n\n1. Bài một.\n2. Bài hai.\n\n- mục\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert [b.kind for b in blocks] == ["heading", "para", "para", "item", "rule", "table"]
    assert blocks[0].marked_heading and blocks[0].all_bold
    assert blocks[-1].rows == [["a", "b"], ["1", "2"]]


def test_text_export_marks():
    blocks = read_text(
        "[bookmark: _GoBack]Năm 2024 là năm quan trọng[footnoteRef:1] với [2: ] nhiều việc.[1: Chú thích một.]\n"
        "\tHồ Thị Hoàng Yến \n- Đối với công tác phòng, chống hạn mặn\n"
    )
    assert [b.kind for b in blocks] == ["para", "note", "note", "para", "item"]
    assert blocks[0].inlines == [Run("Năm 2024 là năm quan trọng"), NoteRef("1"), Run(" với  nhiều việc.")]
    assert (blocks[1].note_label, blocks[1].text) == ("2", "")
    assert (blocks[2].note_label, blocks[2].text) == ("1", "Chú thích một.")
    assert blocks[3].indented and blocks[3].text == "Hồ Thị Hoàng Yến"


def test_decoding_accepts_boms_and_normalises_to_nfc():
    nfd = "Đảng viên".encode("utf-16")  # with BOM
    assert decode_text(nfd, "x.txt") == "Đảng viên"
    assert decode_text("\ufeffhoá\r\n".encode(), "x.txt") == "hoá\n"
    assert decode_text("Ngân hàng\u00a0Thế giới".encode(), "x.txt") == "Ngân hàng Thế giới"


def test_paragraph_cut_between_words_is_joined():
    blocks = clean(read_markdown("trước mắt và lâu\n\ndài trong quản lý.\n"))
    assert texts(blocks) == ["trước mắt và lâu dài trong quản lý."]


def test_long_paragraph_without_full_stop_goes_on_even_with_a_capital():
    first = "Tại hội nghị toàn quốc về công tác phòng, chống tham nhũng, " * 4 + "Tổng Bí thư Nguyễn"
    blocks = clean(read_markdown(f"{first}\n\nPhú Trọng đã nhấn mạnh nhiều lần trong các bài viết quan trọng.\n"))
    assert len(blocks) == 1 and "Nguyễn Phú Trọng" in blocks[0].text


def test_short_heading_before_a_paragraph_is_not_joined():
    blocks = clean(read_markdown("- Về công tác xây dựng Đảng\n\nCác cấp ủy đã tiếp tục đổi mới.\n"))
    assert texts(blocks) == ["Về công tác xây dựng Đảng", "Các cấp ủy đã tiếp tục đổi mới."]


def test_footnote_at_the_page_bottom_moves_out_of_the_cut_paragraph():
    blocks = clean(
        read_markdown(
            "với phương châm “Lấy\n\n---\n\n<sup>(1)</sup> Dịch vụ nghiên cứu.\n\ntích cực đẩy lùi tiêu cực”.\n"
        )
    )
    assert [b.kind for b in blocks] == ["para", "note"]
    assert blocks[0].text == "với phương châm “Lấy tích cực đẩy lùi tiêu cực”."
    assert (blocks[1].note_label, blocks[1].text) == ("(1)", "Dịch vụ nghiên cứu.")


def test_enumeration_cut_after_a_semicolon_before_a_figure_is_joined():
    blocks = clean(read_markdown("Có 629/629 đảng bộ, chi bộ cơ sở;\n\n2.596/2.601 chi bộ trực thuộc.\n"))
    assert texts(blocks) == ["Có 629/629 đảng bộ, chi bộ cơ sở; 2.596/2.601 chi bộ trực thuộc."]


def test_word_cut_inside_a_syllable_is_joined_without_a_space():
    blocks = clean(read_markdown("phong cách Hồ Chí Mi\n\nnh, đạo đức.\n"))
    assert texts(blocks) == ["phong cách Hồ Chí Minh, đạo đức."]


def test_lettered_points_and_numbered_paragraphs_are_not_joined():
    blocks = clean(
        read_markdown("a) Nội dung thứ nhất;\n\nb) nội dung thứ hai.\n\n1. Đoạn số một\n\n2. Đoạn số hai.\n")
    )
    assert len(blocks) == 4
