"""Penilaian: walk the indicators (or NSPK elements), score them, write kondisi and evidence.

Every change goes to the store as it is made: a score at once, text after a
short pause in typing and whenever the field loses focus.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, ProgressBar, Static, TextArea, Tree
from textual.widgets.tree import TreeNode

from ..assessment import Response
from ..commands import ScreenActions
from ..errors import MeritError
from ..rubric import STATUS_LABELS, ComplianceRubric, WeightedRubric, fmt
from ..scoring import score
from ..widgets.score_picker import ScorePicker

TEXT_FIELDS = {"kondisi": "kondisi_saat_ini", "bukti": "bukti_dukung", "dokumen": "dokumen"}
SAVE_PAUSE = 0.8  # seconds of no typing before a note is stored


class WalkScreen(Screen[None]):
    COMMANDS = {ScreenActions}
    BINDINGS = [
        Binding("1", "key('1')", "Skor 1", show=False),
        Binding("2", "key('2')", "Skor 2", show=False),
        Binding("3", "key('3')", "Skor 3", show=False),
        Binding("4", "key('4')", "Skor 4", show=False),
        Binding("0", "key('0')", "Kosongkan skor atau status", show=False),
        Binding("x", "clear", "Hapus skor", id="walk.clear"),
        Binding("n", "next", "Berikutnya", id="walk.next"),
        Binding("p", "prev", "Sebelumnya", id="walk.prev"),
        Binding("u", "next_unscored", "Belum dinilai", id="walk.unscored"),
        Binding("ctrl+down", "next", show=False, priority=True),
        Binding("ctrl+up", "prev", show=False, priority=True),
        Binding("r", "summary", "Ringkasan", id="walk.summary"),
        Binding("escape", "back", "Kembali", id="walk.back"),
    ]

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.aid = assessment_id
        self._pending: dict[tuple[str, str], Any] = {}
        self._timer: Timer | None = None
        self._loading = False
        self.current: str | None = None

    # ---------- building ----------
    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        loaded = self.store.load(self.aid)
        self.rubric = loaded.rubric
        self.assessment = loaded.assessment
        self.responses: dict[str, Response] = loaded.assessment.responses()
        self.weighted = isinstance(self.rubric, WeightedRubric)
        self.read_only = loaded.assessment.status == "final" or self.app.role != "penilai"  # type: ignore[attr-defined]
        yield Header()
        with Horizontal(id="walk"):
            yield Tree("Penilaian", id="items")
            with VerticalScroll(id="detail"):
                yield Static(id="item-title")
                yield Static(id="item-meta")
                yield Static(id="item-levels")
                yield Static(id="item-evidence")
                yield Label("Skor mandiri" if self.weighted else "Status mandiri", classes="field-label")
                if isinstance(self.rubric, WeightedRubric):
                    choices = [(fmt(v), fmt(v)) for v in self.rubric.scales.self_.values()]
                else:
                    choices = [("sesuai", "1 Sesuai"), ("belum_sesuai", "2 Belum sesuai")]
                yield ScorePicker(choices, id="picker")
                yield Static(id="verifier")
                yield Label("Kondisi Saat Ini" if self.weighted else "Kondisi saat ini / catatan penilai", classes="field-label")
                yield TextArea(id="kondisi", soft_wrap=True, read_only=self.read_only)
                yield Label("Bukti Dukung", classes="field-label")
                yield TextArea(id="bukti", soft_wrap=True, read_only=self.read_only)
                yield Label("Dokumen (satu path atau tautan per baris)", classes="field-label")
                yield TextArea(id="dokumen", soft_wrap=False, read_only=self.read_only)
        with Horizontal(id="walk-status"):
            yield ProgressBar(total=len(self.rubric.item_ids()), show_eta=False, id="progress")
            yield Static("", id="save-status")
        yield Footer()

    def on_mount(self) -> None:
        a = self.assessment
        self.sub_title = f"{a.instansi} · {self.rubric.title} {a.tahun}" + (" · hanya baca" if self.read_only else "")
        tree: Tree[str] = self.query_one(Tree)
        tree.show_root = False
        tree.guide_depth = 2
        self.nodes: dict[str, TreeNode[str]] = {}
        self.group_nodes: dict[str, TreeNode[str]] = {}
        if isinstance(self.rubric, WeightedRubric):
            for aspect in self.rubric.aspects:
                group = tree.root.add("", data=f"aspect:{aspect.id}", expand=True)
                self.group_nodes[aspect.id] = group
                for ind in aspect.indicators:
                    self.nodes[ind.id] = group.add_leaf("", data=ind.id)
        else:
            for el in self.rubric.elements:
                self.nodes[el.id] = tree.root.add_leaf("", data=el.id)
        self.query_one("#detail").can_focus = False
        self._relabel_all()
        start = self.store.setting(f"position:{self.aid}")
        self._show(start if start in self.nodes else self.rubric.item_ids()[0])
        # the tree knows its lines only after the first layout, so the cursor moves then
        self.call_after_refresh(self.go, start if start in self.nodes else self.rubric.item_ids()[0])
        tree.focus()
        if self.read_only:
            why = "berstatus final" if self.assessment.status == "final" else f"Anda masuk sebagai {self.app.role}"  # type: ignore[attr-defined]
            self.query_one("#save-status", Static).update(f"Hanya baca: penilaian {why}")

    # ---------- labels and totals ----------
    def _is_scored(self, item_id: str) -> bool:
        r = self.responses.get(item_id)
        return bool(r and (r.skor is not None or r.status is not None))

    def _item_label(self, item_id: str) -> Text:
        r = self.responses.get(item_id)
        if isinstance(self.rubric, WeightedRubric):
            ind = next(i for _, i in self.rubric.indicators() if i.id == item_id)
            name = ind.text
            value = fmt(r.skor) if r and r.skor is not None else "·"
        else:
            name = next(e.name for e in self.rubric.elements if e.id == item_id)
            value = {"sesuai": "S", "belum_sesuai": "B"}.get(r.status or "", "·") if r else "·"
        mark = ("✓ ", "green") if self._is_scored(item_id) else ("○ ", "yellow")
        text = Text()
        text.append(mark[0], style=mark[1])
        text.append(f"{item_id} ", style="bold")
        text.append(f"[{value}] ")
        text.append(name)
        text.truncate(60, overflow="ellipsis")
        return text

    def _relabel_all(self) -> None:
        for item_id, node in self.nodes.items():
            node.set_label(self._item_label(item_id))
        self._refresh_totals()

    def _refresh_totals(self) -> None:
        report = score(self.rubric, self.assessment.model_copy(update={"penilaian": list(self.responses.values())}))
        if isinstance(self.rubric, WeightedRubric):
            for a in report.aspects:  # type: ignore[union-attr]
                label = Text()
                label.append(f"{a.id}. {a.name} ", style="bold")
                label.append(f"{fmt(a.self_total)}/{fmt(a.ideal)}", style="cyan")
                if a.self_missing:
                    label.append(f" ({a.self_missing} belum)", style="yellow")
                self.group_nodes[a.id].set_label(label)
        done = sum(1 for i in self.rubric.item_ids() if self._is_scored(i))
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
        self.store.set_setting(f"position:{self.aid}", item_id)

    def _show(self, item_id: str) -> None:
        r = self.responses.get(item_id) or Response(id=item_id)
        title = self.query_one("#item-title", Static)
        meta = self.query_one("#item-meta", Static)
        levels = self.query_one("#item-levels", Static)
        evidence = self.query_one("#item-evidence", Static)
        picker = self.query_one(ScorePicker)
        if isinstance(self.rubric, WeightedRubric):
            aspect, ind = next((a, i) for a, i in self.rubric.indicators() if i.id == item_id)
            title.update(f"{ind.id}  {ind.text}")
            nilai = f" · nilai {fmt(ind.weight * r.skor)}" if r.skor is not None else ""
            meta.update(f"Aspek {aspect.id}. {aspect.name} · Bobot {fmt(ind.weight)} · ideal {fmt(ind.weight * self.rubric.scales.self_.max)}{nilai}")
            scale = self.rubric.scales.self_
            lv = [f"{fmt(lvl.score)} = {lvl.name}" + (f": {lvl.description}" if lvl.description else "") for lvl in (ind.levels or scale.levels)]
            levels.update(f"{scale.name} {scale.describe()}, tekan angkanya" + ("\n" + "\n".join(lv) if lv else ""))
            typical = ind.typical_evidence or aspect.typical_evidence
            picker.show(fmt(r.skor) if r.skor is not None else None)
            verifier = self._verifier_weighted(r, ind.weight)
        else:
            el = next(e for e in self.rubric.elements if e.id == item_id)
            title.update(f"Elemen {el.id}  {el.name}")
            meta.update(f"Bobot {fmt(self.rubric.weight(el))} (perkiraan) · status: {STATUS_LABELS[r.status or 'belum_dinilai']}")
            levels.update("1 = Sesuai dengan NSPK, 2 = Belum sesuai, 0 atau x = belum dinilai")
            typical = el.typical_evidence
            picker.show(r.status)
            verifier = self._verifier_compliance(r)
        evidence.update("Bukti yang lazim diminta: " + "; ".join(typical) if typical else "")
        self._loading = True
        try:
            self.query_one("#kondisi", TextArea).load_text(r.kondisi_saat_ini or "")
            self.query_one("#bukti", TextArea).load_text(r.bukti_dukung or "")
            self.query_one("#dokumen", TextArea).load_text("\n".join(r.dokumen))
        finally:
            self._loading = False
        self.query_one("#verifier", Static).update(verifier)

    def _verifier_weighted(self, r: Response, weight: Decimal) -> str:
        if r.nilai_verifikasi is None and not r.catatan:
            return "[b]Tim Verifikasi[/b]: belum diverifikasi"
        value = "–" if r.nilai_verifikasi is None else f"{fmt(r.nilai_verifikasi)} (nilai {fmt(weight * r.nilai_verifikasi)})"
        return f"[b]Nilai Tim Verifikasi[/b]: {value}\n[b]Catatan[/b]: {_escape(r.catatan or '–')}"

    def _verifier_compliance(self, r: Response) -> str:
        if r.status_verifikasi is None and not r.catatan and not r.rekomendasi:
            return "[b]Hasil verifikasi[/b]: belum diverifikasi"
        return (
            f"[b]Hasil verifikasi[/b]: {STATUS_LABELS[r.status_verifikasi or 'belum_dinilai']}\n"
            f"[b]Catatan[/b]: {_escape(r.catatan or '–')}\n[b]Rekomendasi[/b]: {_escape(r.rekomendasi or '–')}"
        )

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        """Enter on an indicator goes to its Kondisi Saat Ini."""
        data = event.node.data
        if data and not data.startswith("aspect:") and not self.read_only:
            area = self.query_one("#kondisi", TextArea)
            area.move_cursor(area.document.end)  # carry on writing where the text ends
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
            self.notify("Penilaian ini hanya dapat dibaca", severity="warning")
            return False
        try:
            changed = self.store.set_field(self.aid, item_id, field, value, who=self.app.who, role=self.app.role)  # type: ignore[attr-defined]
        except MeritError as exc:
            self.notify(exc.message, severity="error", timeout=8)
            return False
        old = self.responses.get(item_id) or Response(id=item_id)
        stored = self.store.load(self.aid).assessment.responses().get(item_id) if changed else old
        self.responses[item_id] = stored or Response(id=item_id)
        if changed and show:
            from ..store import FIELD_LABELS

            self.query_one("#save-status", Static).update(
                f"✓ Tersimpan {datetime.now():%H:%M:%S} · {FIELD_LABELS.get(field, field)} {item_id}"
            )
            self.nodes[item_id].set_label(self._item_label(item_id))
            self._refresh_totals()
        return changed

    @on(ScorePicker.Picked)
    def _picked(self, event: ScorePicker.Picked) -> None:
        self._set_score(event.value)

    def _set_score(self, value: str | None) -> None:
        field = "skor" if self.weighted else "status"
        if self._save(field, value):
            self._show(self.current)  # type: ignore[arg-type]

    def action_key(self, key: str) -> None:
        if isinstance(self.rubric, ComplianceRubric):
            self._set_score({"1": "sesuai", "2": "belum_sesuai", "0": None}.get(key))
            return
        if key == "0":
            self._set_score(None)
        elif self.rubric.scales.self_.allows(Decimal(key)):
            self._set_score(key)
        else:
            self.notify(f"Skor {key} di luar skala {self.rubric.scales.self_.describe()}", severity="warning")

    def action_clear(self) -> None:
        self._set_score(None)

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        if self._loading or self.current is None or event.text_area.read_only:
            return
        field = TEXT_FIELDS[event.text_area.id or ""]
        self._pending[(self.current, field)] = event.text_area.text
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
        pending, self._pending = self._pending, {}
        for (item_id, field), text in pending.items():
            if field == "dokumen":
                value: Any = [line.strip() for line in text.splitlines() if line.strip()]
            else:
                value = text.strip() or None
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
            self.notify("Sudah di indikator terakhir" if delta > 0 else "Sudah di indikator pertama")

    def action_next(self) -> None:
        self._step(1)

    def action_prev(self) -> None:
        self._step(-1)

    def action_next_unscored(self) -> None:
        ids = self.rubric.item_ids()
        start = ids.index(self.current) + 1 if self.current in ids else 0
        for item_id in ids[start:] + ids[:start]:
            if not self._is_scored(item_id):
                self.go(item_id)
                return
        self.notify("Semua sudah dinilai. Tekan r untuk ringkasan.")

    def action_summary(self) -> None:
        from .summary import SummaryScreen

        self.flush()
        self.app.push_screen(SummaryScreen(self.aid))

    def action_back(self) -> None:
        if isinstance(self.focused, TextArea):
            self.flush()
            self.query_one(Tree).focus()
            return
        self.flush()
        self.store.set_setting("last_assessment", "")
        self.app.pop_screen()


def _escape(text: str) -> str:
    return text.replace("[", r"\[")
