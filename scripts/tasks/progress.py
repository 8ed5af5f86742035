"""The status a task's report proposes ('Đã hoàn thành…', 'đang triển khai…', 'chưa thực hiện'), with the
words it rests on: what the task import writes to the columns 'Theo báo cáo' and 'Căn cứ' of the data file.

An editor confirms a proposal (or changes it) by writing the status in 'Trạng thái'; until then the site
shows it as "theo báo cáo". The report's words are read in the whole of the task's two cells, not phrase by
phrase: a statement that opens the result ("Đã hoàn thành.", "Chưa thực hiện, chờ hướng dẫn…") or the next
steps ("Nhiệm vụ đã hoàn thành") speaks of the task; statements further in speak of its parts ("Gói thầu
số 03: Hoàn thành lựa chọn nhà thầu; gói 04 đang thi công"), and parts under way make the task under way.
Words that state a goal or a deadline ("phấn đấu hoàn thành", "hoàn thành trước 30/6", "dự kiến hoàn
thành") and "tiếp tục…" (how most next steps begin) are no statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.tasks.extract import plain
from scripts.vietnamese import nfc

DONE, DOING, NOT_DONE = "hoàn thành", "đang thực hiện", "chưa thực hiện"  # as scripts.tasks.data.STATUSES
BASIS_WORDS = 16  # the words quoted around a statement, at most

# 'đã hoàn thành', 'đều đã hoàn thành', 'đã được hoàn thành'; a clause that begins 'Hoàn thành …'
_DONE = re.compile(r"(?<!\w)(?:đã (?:được )?hoàn thành|^hoàn thành)(?!\w)(?! (?:trước|trong|vào|chậm|dự kiến|kịp))")
_DOING = re.compile(
    r"(?<!\w)(?:cơ bản hoàn thành|đang (?:được )?(?:triển khai|thực hiện|xây dựng|hoàn thiện|trình|tổ chức|"
    r"tiến hành|thi công|lập|rà soát|chuẩn bị|thẩm định|hoàn chỉnh|khảo sát|giải quyết))(?!\w)"
)
_NOT_DONE = re.compile(r"(?<!\w)chưa (?:được )?(?:thực hiện|triển khai|hoàn thành|ban hành|phê duyệt|khởi công)(?!\w)")
_KINDS = ((_DOING, DOING), (_NOT_DONE, NOT_DONE), (_DONE, DONE))  # 'cơ bản hoàn thành' before 'hoàn thành'
# clauses: a statement does not reach over them
_CLAUSE = re.compile(r"(?<!\d)[.;:!?](?!\d)|\n|[()]|(?:^|\s)[-–•+](?=\s)")


@dataclass(frozen=True)
class Proposal:
    status: str  # DONE, DOING or NOT_DONE
    basis: str  # the report's words it rests on, quoted as written ('Đã hoàn thành xong 02/02 cuộc…')


@dataclass(frozen=True)
class _Statement:
    status: str
    clause: str
    at: int  # where its words begin in the clause
    opening: bool


def _clauses(markdown: str) -> list[str]:
    text = nfc(plain(markdown))
    return [" ".join(part.split()) for part in _CLAUSE.split(text) if part and part.strip()]


def _statements(markdown: str) -> list[_Statement]:
    found = []
    for number, clause in enumerate(_clauses(markdown)):
        lowered = clause.lower()
        for pattern, status in _KINDS:
            match = pattern.search(lowered)
            if match:
                found.append(_Statement(status, clause, match.start(), opening=number == 0))
                break  # one statement a clause: 'cơ bản hoàn thành' is not also 'hoàn thành'
    return found


def _quote(statement: _Statement) -> str:
    """The statement's clause, cut to BASIS_WORDS words that hold its own (a few words before them)."""
    words = statement.clause.split()
    first = max(0, len(statement.clause[: statement.at].split()) - 4)
    first = min(first, max(0, len(words) - BASIS_WORDS))
    shown = " ".join(words[first : first + BASIS_WORDS])
    return ("…" if first else "") + shown + ("…" if first + BASIS_WORDS < len(words) else "")


def propose(result: str, next_steps: str) -> Proposal | None:
    """The status the task's result and next steps (cells' Markdown) state, or None when they state none."""
    in_result, in_next = _statements(result), _statements(next_steps)
    # the result's first clause, or next steps that open 'Nhiệm vụ đã hoàn thành' (next steps that open
    # 'đang…' or 'chưa…' tell what is planned or awaited, not how far the task is)
    openings = [*in_result[:1], *(s for s in in_next[:1] if s.status == DONE)]
    for statement in openings:
        if statement.opening:
            return Proposal(statement.status, _quote(statement))
    if not in_result:
        return None
    firsts: dict[str, _Statement] = {}
    for statement in in_result:
        firsts.setdefault(statement.status, statement)
    # parts all in one state: the task is; parts done and parts not, or any under way: under way
    status = next(iter(firsts)) if len(firsts) == 1 else DOING
    shown = [firsts[status]] if status in firsts else list(firsts.values())
    return Proposal(status, " ".join(_quote(statement) for statement in shown))
