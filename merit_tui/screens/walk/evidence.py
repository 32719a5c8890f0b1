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
        from ...dialogs.ask_path import AskPathDialog

        if (refusal := policy.write_field(self.role, self.assessment.status, "documents")) is not None:
            self.notify(f"Tidak dapat melampirkan: {refusal}", severity="warning", markup=False)
            return
        item = self.current

        def chosen(path: str | None) -> None:
            if path and item:
                self.flush()
                self._copy_evidence(Path(path).expanduser(), item)

        self.app.push_screen(AskPathDialog(f"Lampirkan berkas bukti ke butir {item}", ""), chosen)

    @work(thread=True, group="evidence")
    def _copy_evidence(self, path: Path, item: str) -> None:
        try:
            with self.app.store.evidence.staging() as stage:
                ref = stage.add(path)
        except MeritError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", timeout=10, markup=False)
            return
        self.app.call_from_thread(self._attached, item, DocRef(name=ref.name, sha256=ref.sha256, size=ref.size))

    def _attached(self, item: str, ref: DocRef) -> None:
        current = self._response(item).documents
        documents = [d for d in current if d.name != ref.name] + [ref]
        if self._save("documents", documents, item):
            if item == self.current:
                self._show(item)
            self.notify(f"Dilampirkan pada {item}: {ref.name} ({ref.size} bita)", markup=False)

