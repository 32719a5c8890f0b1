"""Penilaian: walk the items of an assessment and fill in one side of them.

The penilai (assessor) gives the self score or status, Kondisi Saat Ini and evidence; the
verifikator gives Nilai Tim Verifikasi or the status found, a catatan and (NSPK) a rekomendasi.
Each sees the other side read-only. What differs per instrument kind and role comes from the
`WalkSpec` (spec.py); storing what is typed from the `Saver` (saving.py). Every change goes to
the store as it is made: a score at once, text after a short pause in typing and whenever the
field loses focus.

The summary, gap and plan screens are imported when first opened, as Beranda does.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Label, ProgressBar, Static, TextArea, Tree
from textual.widgets.tree import TreeNode

from ... import policy
from ...assessment import Response
from ...commands import ScreenActions
from ...dialogs.conflict import ConflictDialog
from ...errors import Conflict, MeritError
from ...scoring import score
from ...vocab import STATUS_LABELS, Status, field_label
from ...widgets.key_bar import KeyBar
from ...widgets.score_picker import ScorePicker
from ...workbench import EditsAssessment, Workbench
from .evidence import AttachEvidence
from .kinds import spec_for
from .leaving import OpensScreens
from .saving import Saver
from .spec import WalkSpec

SAVE_PAUSE = 0.8  # seconds of no typing before a note is stored


class WalkScreen(AttachEvidence, OpensScreens, Screen[None], EditsAssessment):
    COMMANDS = {ScreenActions}
    BINDINGS = [
        Binding("1", "key('1')", "Skor 1", show=False),
        Binding("2", "key('2')", "Skor 2", show=False),
        Binding("3", "key('3')", "Skor 3", show=False),
        Binding("4", "key('4')", "Skor 4", show=False),
        Binding("0", "key('0')", "Skor 0 atau kosongkan status", show=False),
        Binding("x", "clear", "Hapus skor", show=False, id="walk.clear"),
        Binding("y", "key('y')", "Ya", show=False),
        Binding("t", "key('t')", "Tidak", show=False),
        Binding("n", "next", "Berikutnya", id="walk.next"),
        Binding("p", "prev", "Sebelumnya", show=False, id="walk.prev"),
        Binding("u", "next_unscored", "Belum dinilai", id="walk.unscored"),
        Binding("ctrl+down", "next", show=False, priority=True),
        Binding("ctrl+up", "prev", show=False, priority=True),
        Binding("r", "summary", "Ringkasan", id="walk.summary"),
        Binding("g", "gaps", "Selisih", id="walk.gaps"),
        Binding("a", "plan", "Rencana aksi", id="walk.plan"),
        Binding("s", "status", "Status", id="walk.status"),
        Binding("h", "history", "Riwayat", show=False, id="walk.history"),
        Binding("o", "official", "Hasil resmi", show=False, id="walk.official"),
        Binding("l", "attach", "Lampirkan berkas", show=False, id="walk.attach"),
        Binding("escape", "back", "Kembali", id="walk.back"),
    ]

    app = getters.app(Workbench)

    def __init__(self, assessment_id: int, item_id: str | None = None) -> None:
        super().__init__()
        self.aid = assessment_id
        self._start = item_id
        self._timer: Timer | None = None
        self._loading = False
        self.current: str | None = None

    @property
    def verifier(self) -> bool:
        return self.spec.verifier

    # ---------- building ----------
    def compose(self) -> ComposeResult:
        store = self.app.store
        loaded = store.load(self.aid)
        self.rubric = loaded.rubric
        self.assessment = loaded.assessment
        self.responses: dict[str, Response] = loaded.assessment.by_item()
        self.spec: WalkSpec = spec_for(self.rubric, self.app.role, self.assessment, self.responses)
        self.saver = Saver(store, self.aid, self.app.role)
        # what the policy refuses this role here, the screen does not offer (and says why)
        self.refusal = policy.side_at(self.app.role, loaded.assessment.status)
        self.read_only = self.refusal is not None
        yield Header()
        with Horizontal(id="walk"):
            yield Tree("Penilaian", id="items")
            with VerticalScroll(id="detail"):
                yield Static(id="item-title")
                yield Static(id="item-meta")
                yield Static(id="item-levels")
                yield Static(id="item-evidence")
                if self.verifier:
                    yield Static(id="other-side", classes="other-side")
                yield Label(self.spec.score_label, classes="field-label", id="score-label")
                yield ScorePicker(self.spec.choices, id="picker")
                if not self.verifier:
                    yield Static(id="other-side", classes="other-side")
                for area_id, label in self.spec.text_labels.items():
                    yield Label(label, classes="field-label")
                    yield TextArea(id=area_id, soft_wrap=area_id != "dokumen", read_only=self.read_only)
        with Horizontal(id="walk-status"):
            yield ProgressBar(total=len(self.rubric.item_ids()), show_eta=False, id="progress")
            yield Static("", id="save-status")
        yield KeyBar()

    def on_mount(self) -> None:
        a = self.assessment
        self.sub_title = f"{a.agency} · {self.rubric.title} {a.year} · {self.app.role}" + (" · hanya baca" if self.read_only else "")
        tree: Tree[str] = self.query_one(Tree)
        tree.show_root = False
        tree.guide_depth = 2
        self.nodes: dict[str, TreeNode[str]] = {}
        self.group_nodes: dict[str, TreeNode[str]] = {}
        for group in self.spec.groups():
            parent = tree.root
            if group.id is not None:
                parent = tree.root.add("", data=f"aspect:{group.id}", expand=True)
                self.group_nodes[group.id] = parent
            for item_id in group.items:
                self.nodes[item_id] = parent.add_leaf("", data=item_id)
        self.query_one("#detail").can_focus = False
        self._relabel_all()
        start = self._start or self.app.store.setting(f"position:{self.aid}")
        start = start if start in self.nodes else self.rubric.item_ids()[0]
        self._show(start)
        # the tree knows its lines only after the first layout, so the cursor moves then
        self.call_after_refresh(self.go, start)
        tree.focus()
        status = self.query_one("#save-status", Static)
        if self.read_only:  # the whole reason comes with the first key that is refused
            status.update(f"Hanya baca · berstatus {STATUS_LABELS[Status(a.status)]}")
        elif a.status == Status.RETURNED:
            note = self.app.store.last_status_note(self.aid)
            message = "Dikembalikan oleh verifikator" + (f": {note}" if note else "")
            status.update(Text(message + " · h: riwayat dan catatan lengkap"))
            self.notify(message, title="Penilaian dikembalikan", timeout=15, markup=False)

    # ---------- labels and totals ----------
    def _response(self, item_id: str) -> Response:
        return self.responses.get(item_id) or Response(id=item_id)

    def _is_done(self, item_id: str) -> bool:
        return self.spec.done(item_id, self._response(item_id))

    def _item_label(self, item_id: str) -> Text:
        custom = self.spec.item_label(item_id, self._response(item_id))
        if custom is not None:
            return custom
        mark = ("✓ ", "green") if self._is_done(item_id) else ("○ ", "yellow")
        text = Text()
        text.append(mark[0], style=mark[1])
        text.append(f"{item_id} ", style="bold")
        text.append(f"[{self.spec.short(self._response(item_id))}] ")
        text.append(self.spec.name(item_id))
        text.truncate(60, overflow="ellipsis")
        return text

    def _relabel_all(self) -> None:
        for item_id, node in self.nodes.items():
            node.set_label(self._item_label(item_id))
        self._refresh_totals()

    def _refresh_totals(self) -> None:
        if self.spec.group_label is not None:
            report = score(self.rubric, dataclasses.replace(self.assessment, responses=list(self.responses.values())))
            for group_id, node in self.group_nodes.items():
                node.set_label(self.spec.group_label(report, group_id))
        if self.spec.relabel_all:  # a gate's answer changes which other items apply
            for item_id, node in self.nodes.items():
                node.set_label(self._item_label(item_id))
        done = sum(1 for i in self.rubric.item_ids() if self._is_done(i))
        self.query_one(ProgressBar).update(progress=done)

    # ---------- showing one item ----------
    def go(self, item_id: str) -> None:
        """Show an item: flush unsaved notes of the previous one, then load this one."""
        self.flush()
        self.current = item_id
        node = self.nodes[item_id]
        tree = self.query_one(Tree)
        if tree.cursor_node is not node:
            tree.move_cursor(node)
        self._show(item_id)
        self.app.store.set_setting(f"position:{self.aid}", item_id)

    def _show(self, item_id: str) -> None:
        r = self._response(item_id)
        text = self.spec.item_text(item_id, r)
        self.query_one("#item-title", Static).update(text.title)
        self.query_one("#item-meta", Static).update(text.meta)
        self.query_one("#item-levels", Static).update(text.levels)
        self.query_one("#item-evidence", Static).update(
            Text("Bukti yang lazim diminta: " + "; ".join(text.evidence)) if text.evidence else ""
        )
        self.query_one(ScorePicker).show(self.spec.picked(r))
        for widget in (self.query_one(ScorePicker), self.query_one("#score-label")):
            widget.display = self.spec.takes_score(item_id)
        self._loading = True
        try:
            for area_id, field in self.spec.text_fields.items():
                stored = getattr(r, field)
                self.query_one(f"#{area_id}", TextArea).load_text("\n".join(d.name for d in stored) if field == "documents" else (stored or ""))
        finally:
            self._loading = False
        self.query_one("#other-side", Static).update(self.spec.other_side(item_id, r))

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        """Enter on an item goes to its first text field, cursor at the end."""
        data = event.node.data
        if data and not data.startswith("aspect:") and not self.read_only:
            area = self.query_one(f"#{next(iter(self.spec.text_fields))}", TextArea)
            area.move_cursor(area.document.end)
            area.focus()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        if data and not data.startswith("aspect:") and data != self.current:
            self.go(data)

    # ---------- saving ----------
    def _save(self, field: str, value: Any, item_id: str | None = None, show: bool = True) -> bool:
        item_id = item_id or self.current
        assert item_id is not None
        if self.read_only:
            if show:
                self.notify(f"Hanya baca: {self.refusal}", severity="warning", markup=False)
            return False
        try:
            changed = self.saver.save(item_id, field, value, self._response(item_id), self.app.who)
        except Conflict as exc:
            if show:
                self._resolve(exc)
            else:  # leaving the screen: never overwrite, keep theirs and say so on the way out
                self.app.notify(f"{exc.message}; nilai tersimpan dipertahankan", severity="warning", timeout=10, markup=False)
            return False
        except MeritError as exc:
            if show:
                self.notify(exc.message, severity="error", timeout=8, markup=False)
            return False
        if changed:
            self.responses[item_id] = self.saver.reload(item_id)
        if changed and show:
            self._saved(item_id, field)
        return changed

    def _saved(self, item_id: str, field: str, whose: str = "") -> None:
        self.query_one("#save-status", Static).update(
            Text(f"✓ Tersimpan {datetime.now():%H:%M:%S} · {field_label(field)} {item_id}" + (f" ({whose})" if whose else ""))
        )
        self.nodes[item_id].set_label(self._item_label(item_id))
        self._refresh_totals()
        if item_id == self.current:  # e.g. the evidence warning goes once evidence is typed
            self.query_one("#item-meta", Static).update(self.spec.item_text(item_id, self._response(item_id)).meta)

    def _resolve(self, exc: Conflict) -> None:
        """Both values side by side; the user picks, and that choice is saved knowingly."""
        def chosen(choice: str | None) -> None:
            item_id, field = exc.item_id, exc.field
            if choice == "mine":
                try:
                    self.saver.save_knowingly(item_id, field, exc.mine, exc.current, self.app.who)
                except MeritError as again:
                    self.notify(again.message, severity="error", timeout=8, markup=False)
            self.responses[item_id] = self.saver.reload(item_id)
            if item_id == self.current:
                self._show(item_id)
            self._saved(item_id, field, "milik Anda" if choice == "mine" else "milik " + (exc.who or "orang lain"))

        self.app.push_screen(ConflictDialog(field_label(exc.field), exc.item_id, exc.current, exc.mine, exc.who), chosen)

    @on(ScorePicker.Picked)
    def _picked(self, event: ScorePicker.Picked) -> None:
        self._set_score(event.value)

    def _set_score(self, value: str | None, field: str | None = None) -> None:
        if self._save(field or self.spec.score_field, value):
            self._show(self.current)  # type: ignore[arg-type]

    def action_key(self, key: str) -> None:
        handled, field, value, warning = self.spec.key(self.current or "", key)
        if handled:
            self._set_score(value, field)
        else:
            self.notify(warning, severity="warning")

    def action_clear(self) -> None:
        self.action_key("x")

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        if self._loading or self.current is None or event.text_area.read_only:
            return
        self.saver.typed(self.current, self.spec.text_fields[event.text_area.id or ""], event.text_area.text)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_PAUSE, self.flush)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, TextArea):
            self.flush()

    def flush(self, show: bool = True) -> None:
        """Store every note typed but not yet saved (`show=False` once the widgets are gone)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        for item_id, field, value in self.saver.take(self._response):
            self._save(field, value, item_id, show=show)

    def on_unmount(self) -> None:
        self.flush(show=False)

    # ---------- moving ----------
    def _step(self, delta: int) -> None:
        ids = self.rubric.item_ids()
        i = ids.index(self.current) if self.current in ids else -1
        j = i + delta
        if 0 <= j < len(ids):
            self.go(ids[j])
        else:
            self.notify("Sudah di butir terakhir" if delta > 0 else "Sudah di butir pertama")

    def action_next(self) -> None:
        self._step(1)

    def action_prev(self) -> None:
        self._step(-1)

    def action_next_unscored(self) -> None:
        ids = self.rubric.item_ids()
        start = ids.index(self.current) + 1 if self.current in ids else 0
        for item_id in ids[start:] + ids[:start]:
            if not self._is_done(item_id):
                self.go(item_id)
                return
        self.notify("Semua sudah dinilai. Tekan r untuk ringkasan.")

    def action_back(self) -> None:
        if isinstance(self.focused, TextArea):
            self.flush()
            self.query_one(Tree).focus()
            return
        self.flush()
        self.app.store.set_setting("last_assessment", "")
        self.app.pop_screen()
