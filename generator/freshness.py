"""When each answer was last reviewed: the `reviewed` month, checked, shown and aged.

A month, not a day: reviews are planned by the month, and a day would invite
churn in the bank for no reader's benefit. The clock is read only to refuse a
month in the future and to list what has gone stale; nothing that ships
depends on it, so rebuilds stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .model import Bank, Month, Question

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# A review older than this many months is listed by `make check`.
STALE_AFTER_MONTHS = 12


def this_month(today: dt.date | None = None) -> Month:
    today = today or dt.datetime.now(dt.UTC).date()
    return Month(today.year, today.month)


def parse_month(text: str, *, today: dt.date | None = None) -> tuple[Month | None, str | None]:
    """The month written as YYYY-MM, or the reason it is not one a review can carry."""
    match = MONTH.match(text.strip())
    if match is None:
        return None, f"reviewed {text!r} must be a month written YYYY-MM, such as 2026-12"
    month = Month(int(match.group(1)), int(match.group(2)))
    now = this_month(today)
    if month > now:
        return None, f"reviewed {text!r} is in the future (this month is {now})"
    if month.year < 2000:
        return None, f"reviewed {text!r} is not a plausible review month"
    return month, None


@dataclass(frozen=True)
class Stale:
    question: Question
    months: int | None  # None: never reviewed

    def __str__(self) -> str:
        where = f"{self.question.location.path}:{self.question.location.line}:{self.question.location.column}"
        if self.months is None:
            return f"{where}: warning: question {self.question.id!r} has no reviewed month"
        return (
            f"{where}: warning: question {self.question.id!r} was last reviewed in {self.question.reviewed}, "
            f"{self.months} months ago"
        )


def stale_questions(bank: Bank, *, today: dt.date | None = None) -> list[Stale]:
    """Questions whose last review is over STALE_AFTER_MONTHS months old, or missing, in bank order."""
    now = this_month(today)
    found = []
    for q in bank.questions:
        if q.reviewed is None:
            found.append(Stale(q, None))
        elif (age := q.reviewed.months_before(now)) > STALE_AFTER_MONTHS:
            found.append(Stale(q, age))
    return found
