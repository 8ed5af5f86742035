"""Errors the user can fix: each carries a one-line Vietnamese message and an exit code."""

from __future__ import annotations


class BulletinError(Exception):
    """A problem with the user's input, not a bug: shown as 'Lỗi: …' without a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(BulletinError):
    """The command was called wrongly."""

    exit_code = 2
