"""A survey component's score from a CSV of responses.

The CSV (UTF-8, a BOM allowed; `,` or `;` between fields) has a header row naming the rubric's
survey question ids (e.g. K1…K6), and one row per respondent with answers on the survey scale
(e.g. 1–5); a blank cell is no answer. The component score is exact:
(mean of all answers − scale min) ÷ (scale max − scale min) × 100, stored rounded half-up to two
places. Every bad cell is reported with its row and column, and nothing is stored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from .errors import InvalidFile, MeritError, Problem
from .rubric.maturity import Component
from .safe_io import read_bounded
from .scoring_maturity import shown
from .yamlio import decode

MAX_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class SurveyResult:
    exact: Fraction
    respondents: int
    answers: int
    mean: Fraction

    @property
    def score(self) -> Decimal:
        """As stored and shown: two places, half-up."""
        value = shown(self.exact)
        assert value is not None
        return value


def read_csv(path: str | Path) -> tuple[str, str]:
    name = str(path)
    return name, decode(read_bounded(path, MAX_BYTES), name)


def survey_score(component: Component, text: str, filename: str) -> SurveyResult:
    survey = component.survey
    if survey is None:
        raise MeritError(f"komponen {component.id} tidak punya definisi survei di rubrik; masukkan skornya dengan --score")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InvalidFile([Problem(filename, 1, None, "", "baris pertama harus berisi id butir survei (mis. K1;K2;...)")])
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [h.strip() for h in rows[0]]
    known = [q.id for q in survey.questions]
    problems = [Problem(filename, 1, None, "", f"kolom '{h}' bukan butir survei (yang dikenal: {', '.join(known)})")
                for h in header if h not in known]
    problems += [Problem(filename, 1, None, "", f"kolom '{h}' muncul dua kali") for h in sorted({h for h in header if header.count(h) > 1})]
    problems += [Problem(filename, 1, None, "", f"kolom butir survei '{q}' tidak ada") for q in known if q not in header]
    if problems:
        raise InvalidFile(problems)
    low, high = survey.scale.min, survey.scale.max
    total, answers, respondents = 0, 0, 0
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(filename, line_no, None, "", f"{len(row)} kolom, padahal baris judul punya {len(header)}"))
            continue
        answered = 0
        for column, cell in zip(header, row):
            cell = cell.strip()
            if not cell:
                continue
            if not (cell.isascii() and cell.isdigit() and low <= int(cell) <= high):
                problems.append(Problem(filename, line_no, None, "", f"kolom {column}: '{cell[:20]}' bukan jawaban pada skala {low}–{high} (bilangan bulat)"))
                continue
            total += int(cell)
            answered += 1
        answers += answered
        respondents += 1 if answered else 0
    if problems:
        more = len(problems) - MAX_PROBLEMS
        shown_problems = problems[:MAX_PROBLEMS]
        if more > 0:
            shown_problems.append(Problem(filename, None, None, "", f"… dan {more} masalah lain"))
        raise InvalidFile(shown_problems)
    if not answers:
        raise InvalidFile([Problem(filename, None, None, "", "tidak ada jawaban sama sekali; skor survei tidak dapat dihitung")])
    mean = Fraction(total, answers)
    return SurveyResult((mean - low) / (high - low) * 100, respondents, answers, mean)
