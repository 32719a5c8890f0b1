"""Writes on a maturity assessment as a whole: a survey component's score and the agency kind.

The assessor (penilai) sets both, as they set the self-assessment (policy.agency_value, asked
inside the write's transaction); each change is logged with the old and new value and its path.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .. import policy
from ..errors import MeritError
from ..numbers import fmt
from ..rubric.maturity import MaturityRubric
from ..vocab import Role
from .assessments import Assessments
from .codec import components_text, components_value
from .connection import Database, now
from .events import EventLog
from .state import AGENCY_KIND, COMPONENT_PREFIX


class MaturityWrites:
    def __init__(self, db: Database, assessments: Assessments, log: EventLog) -> None:
        self.db, self.assessments, self.log = db, assessments, log

    def _rubric(self, aid: int, role: str, what: str) -> tuple[dict, MaturityRubric]:
        """The row and rubric, inside the caller's transaction, if this role may write now."""
        row = self.assessments.row(aid)
        rubric = self.assessments.rubrics.by_pk(row["rubric_pk"])
        if not isinstance(rubric, MaturityRubric):
            raise MeritError(f"penilaian {aid} memakai {rubric.label} ({rubric.id}), bukan rubrik kematangan; {what} tidak berlaku")
        if (problem := policy.agency_value(role, row["status"], what)) is not None:
            raise MeritError(problem)
        return row, rubric

    def set_component(self, aid: int, component_id: str, value: Decimal | str | None, who: str, role: str = Role.ASSESSOR,
                      note: str | None = None) -> bool:
        """A survey component's score (0–100), or None to clear it; returns False if unchanged."""
        try:
            number = None if value in (None, "") else Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise MeritError(f"skor survei '{value}' bukan angka") from None
        if number is not None and not (number.is_finite() and 0 <= number <= 100):
            raise MeritError(f"skor survei {value} di luar 0–100")
        with self.db.transaction():
            row, rubric = self._rubric(aid, role, "skor komponen survei")
            surveys = [c.id for c in rubric.survey_components()]
            if component_id not in surveys:
                raise MeritError(f"'{component_id}' bukan komponen survei rubrik {rubric.key} (yang ada: {', '.join(surveys) or 'tidak ada'})")
            components = components_value(row["komponen"])
            old = components.pop(component_id, None)
            if number is not None:
                components[component_id] = Decimal(fmt(number))
            if old == (None if number is None else components[component_id]):
                return False
            self.db.execute("UPDATE assessments SET komponen = ?, updated_at = ? WHERE id = ?", [components_text(components), now(), aid])
            self.log.append(aid, who, role, None, COMPONENT_PREFIX + component_id, None if old is None else fmt(old),
                            None if number is None else fmt(components[component_id]), note, "isian")
        return True

    def set_agency_kind(self, aid: int, kind: str | None, who: str, role: str = Role.ASSESSOR) -> bool:
        """The agency kind (None: inferred from the instansi name again); returns False if unchanged."""
        with self.db.transaction():
            row, rubric = self._rubric(aid, role, "jenis instansi")
            kinds = [k.id for k in rubric.agency_kinds]
            if kind is not None and kind not in kinds:
                raise MeritError(f"jenis instansi '{kind}' tidak dikenal; pilih {', '.join(kinds)}")
            old = row["jenis_instansi"]
            if old == kind:
                return False
            self.db.execute("UPDATE assessments SET jenis_instansi = ?, updated_at = ? WHERE id = ?", [kind, now(), aid])
            self.log.append(aid, who, role, None, AGENCY_KIND, old, kind, None, "isian")
        return True
