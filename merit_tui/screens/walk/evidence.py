"""Attaching an evidence file to the current item of the walk: the file is copied (streamed,
hashed) into the evidence folder beside the database in a worker, then listed in Dokumen."""

from __future__ import annotations

from pathlib import Path

from textual import work

from ... import policy
from ...assessment import DocRef
from ...errors import MeritError


class AttachEvidence:
    """The walk screen's `l` key (mixed into WalkScreen, which provides the rest)."""

    def action_attach(self) -> None:

        if (refusal := policy.write_field(self.role, self.assessment.status, "documents")) is not None:
            self.notify(f"Tidak dapat melampirkan: {refusal}", severity="warning", markup=False)
            return
        self._ask_file(self.current)

    def _ask_file(self, item: str | None, value: str = "", problem: str = "") -> None:
        from ...dialogs.ask_path import AskPathDialog

        def chosen(path: str | None) -> None:
            if path and item:
                self.flush()
                self._copy_evidence(Path(path).expanduser(), item, path)

        self.app.push_screen(AskPathDialog(f"Lampirkan berkas bukti ke butir {item}", value, check=_not_a_file, problem=problem), chosen)

    @work(thread=True, group="evidence")
    def _copy_evidence(self, path: Path, item: str, typed: str) -> None:
        try:
            with self.app.store.evidence.staging() as stage:
                ref = stage.add(path)
        except MeritError as exc:  # asked again, the path kept, the reason shown
            self.app.call_from_thread(self._ask_file, item, typed, exc.message)
            return
        self.app.call_from_thread(self._attached, item, DocRef(name=ref.name, sha256=ref.sha256, size=ref.size))

    def _attached(self, item: str, ref: DocRef) -> None:
        current = self._response(item).documents
        documents = [d for d in current if d.name != ref.name] + [ref]
        if self._save("documents", documents, item):
            if item == self.current:
                self._show(item)
            self.notify(f"Dilampirkan pada {item}: {ref.name} ({ref.size} bita)", markup=False)



def _not_a_file(typed: str) -> str | None:
    path = Path(typed).expanduser()
    if not path.exists():
        return f"{typed}: berkas tidak ditemukan"
    if not path.is_file():
        return f"{typed}: bukan berkas biasa (folder, perangkat atau pipa)"
    return None
