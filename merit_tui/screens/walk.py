"""Penilaian: walk the indicators (or NSPK elements) and fill in one side of them.

The penilai (assessor) gives the self score or status, Kondisi Saat Ini and
evidence; the verifikator gives Nilai Tim Verifikasi or the status found, a
catatan and (NSPK) a rekomendasi. Each sees the other side read-only. Every
change goes to the store as it is made: a score at once, text after a short
pause in typing and whenever the field loses focus.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from rich.markup import escape
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Label, ProgressBar, Static, TextArea, Tree
from textual.widgets.tree import TreeNode

from ..assessment import Response
from ..commands import ScreenActions
from ..errors import Conflict, MeritError
from ..rubric import STATUS_LABELS, ComplianceRubric, WeightedRubric, fmt
from ..scoring import score
from ..store import FIELD_LABELS
from ..widgets.score_picker import ScorePicker
from ..widgets.key_bar import KeyBar

SAVE_PAUSE = 0.8  # seconds of no typing before a note is stored
# text area id -> response field, per role
TEXT_FIELDS = {
    "penilai": {"kondisi": "kondisi_saat_ini", "bukti": "bukti_dukung", "dokumen": "dokumen"},
    "verifikator": {"catatan": "catatan", "rekomendasi": "rekomendasi"},
}
TEXT_LABELS = {
    "kondisi": "Kondisi Saat Ini",
    "bukti": "Bukti Dukung",
    "dokumen": "Dokumen (satu path atau tautan per baris)",
    "catatan": "Catatan verifikator",
    "rekomendasi": "Rekomendasi",
}


class WalkScreen(Screen[None]):
    COMMANDS = {ScreenActions}
    BINDINGS = [
        Binding("1", "key('1')", "Skor 1", show=False),
        Binding("2", "key('2')", "Skor 2", show=False),
        Binding("3", "key('3')", "Skor 3", show=False),
        Binding("4", "key('4')", "Skor 4", show=False),
        Binding("0", "key('0')", "Skor 0 atau kosongkan status", show=False),
        Binding("x", "clear", "Hapus skor", show=False, id="walk.clear"),
        Binding("n", "next", "Berikutnya", id="walk.next"),
        Binding("p", "prev", "Sebelumnya", show=False, id="walk.prev"),
        Binding("u", "next_unscored", "Belum dinilai", id="walk.unscored"),
        Binding("ctrl+down", "next", show=False, priority=True),
        Binding("ctrl+up", "prev", show=False, priority=True),
        Binding("r", "summary", "Ringkasan", id="walk.summary"),
        Binding("g", "gaps", "Selisih", id="walk.gaps"),
        Binding("a", "plan", "Rencana aksi", id="walk.plan"),
        Binding("s", "status", "Status", id="walk.status"),
        Binding("o", "official", "Hasil resmi", show=False, id="walk.official"),
        Binding("escape", "back", "Kembali", id="walk.back"),
    ]

    def __init__(self, assessment_id: int, item_id: str | None = None) -> None:
        super().__init__()
        self.aid = assessment_id
        self._start = item_id
        self._pending: dict[tuple[str, str], Any] = {}
        self._timer: Timer | None = None
        self._loading = False
        self.current: str | None = None

    # ---------- building ----------
    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    @property
    def role(self) -> str:
        return self.app.role  # type: ignore[attr-defined]

    @property
    def verifier(self) -> bool:
        return self.role == "verifikator"

    def compose(self) -> ComposeResult:
        loaded = self.store.load(self.aid)
        self.rubric = loaded.rubric
        self.assessment = loaded.assessment
        self.responses: dict[str, Response] = loaded.assessment.responses()
        self.weighted = isinstance(self.rubric, WeightedRubric)
        self.read_only = loaded.assessment.status == "final"
        self.text_fields = dict(TEXT_FIELDS[self.role])
        if self.verifier and self.weighted:
            self.text_fields.pop("rekomendasi")
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
                yield Label(self._score_label(), classes="field-label")
                yield ScorePicker(self._choices(), id="picker")
                if not self.verifier:
                    yield Static(id="other-side", classes="other-side")
                for area_id in self.text_fields:
                    label = "Kondisi saat ini / catatan penilai" if area_id == "kondisi" and not self.weighted else TEXT_LABELS[area_id]
                    yield Label(label, classes="field-label")
                    yield TextArea(id=area_id, soft_wrap=area_id != "dokumen", read_only=self.read_only)
        with Horizontal(id="walk-status"):
            yield ProgressBar(total=len(self.rubric.item_ids()), show_eta=False, id="progress")
            yield Static("", id="save-status")
        yield KeyBar()

    def _score_label(self) -> str:
        if isinstance(self.rubric, WeightedRubric):
            return self.rubric.scales.verified.name if self.verifier else "Skor mandiri"
        return "Status hasil verifikasi" if self.verifier else "Status mandiri"

    def _choices(self) -> list[tuple[str, str]]:
        if isinstance(self.rubric, WeightedRubric):
            scale = self.rubric.scales.verified if self.verifier else self.rubric.scales.self_
            return [(fmt(v), fmt(v)) for v in scale.values()]
        return [("sesuai", "1 Sesuai"), ("belum_sesuai", "2 Belum sesuai")]

    @property
    def score_field(self) -> str:
        if self.weighted:
            return "nilai_verifikasi" if self.verifier else "skor"
        return "status_verifikasi" if self.verifier else "status"

    def on_mount(self) -> None:
        a = self.assessment
        self.sub_title = f"{a.instansi} · {self.rubric.title} {a.tahun} · {self.role}" + (" · hanya baca" if self.read_only else "")
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
        start = self._start or self.store.setting(f"position:{self.aid}")
        start = start if start in self.nodes else self.rubric.item_ids()[0]
        self._show(start)
        # the tree knows its lines only after the first layout, so the cursor moves then
        self.call_after_refresh(self.go, start)
        tree.focus()
        status = self.query_one("#save-status", Static)
        if self.read_only:
            status.update("Hanya baca: penilaian berstatus final")
        elif a.status == "dikembalikan":
            note = self.store.last_status_note(self.aid)
            message = "Dikembalikan oleh verifikator" + (f": {note}" if note else "")
            status.update(message)
            self.notify(message, title="Penilaian dikembalikan", timeout=15)

    # ---------- labels and totals ----------
    def _is_done(self, item_id: str) -> bool:
        r = self.responses.get(item_id)
        return bool(r and getattr(r, self.score_field) is not None)

    def _item_label(self, item_id: str) -> Text:
        r = self.responses.get(item_id) or Response(id=item_id)
        if isinstance(self.rubric, WeightedRubric):
            name = next(i for _, i in self.rubric.indicators() if i.id == item_id).text
            value = fmt(r.skor) if r.skor is not None else "·"
            if r.nilai_verifikasi is not None or self.verifier:
                value += "|" + (fmt(r.nilai_verifikasi) if r.nilai_verifikasi is not None else "·")
        else:
            name = next(e.name for e in self.rubric.elements if e.id == item_id)
            short = {"sesuai": "S", "belum_sesuai": "B"}
            value = short.get(r.status or "", "·")
            if r.status_verifikasi is not None or self.verifier:
                value += "|" + short.get(r.status_verifikasi or "", "·")
        mark = ("✓ ", "green") if self._is_done(item_id) else ("○ ", "yellow")
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
                total, missing = (a.verified_total, a.verified_missing) if self.verifier else (a.self_total, a.self_missing)
                label.append(f"{fmt(total)}/{fmt(a.ideal)}", style="cyan")
                if missing:
                    label.append(f" ({missing} belum)", style="yellow")
                self.group_nodes[a.id].set_label(label)
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
            title.update(escape(f"{ind.id}  {ind.text}"))
            mine = r.nilai_verifikasi if self.verifier else r.skor
            nilai = f" · nilai {fmt(ind.weight * mine)}" if mine is not None else ""
            meta.update(f"Aspek {aspect.id}. {escape(aspect.name)} · Bobot {fmt(ind.weight)} · ideal {fmt(ind.weight * self.rubric.scales.self_.max)}{nilai}")
            scale = self.rubric.scales.verified if self.verifier else self.rubric.scales.self_
            lv = [f"{fmt(lvl.score)} = {lvl.name}" + (f": {lvl.description}" if lvl.description else "") for lvl in (ind.levels or scale.levels)]
            levels.update(escape(f"{scale.name} {scale.describe()}, tekan angkanya" + ("\n" + "\n".join(lv) if lv else "")))
            typical = ind.typical_evidence or aspect.typical_evidence
            picker.show(fmt(mine) if mine is not None else None)
            other = self._assessor_weighted(r) if self.verifier else self._verifier_weighted(r, ind.weight)
        else:
            el = next(e for e in self.rubric.elements if e.id == item_id)
            title.update(escape(f"Elemen {el.id}  {el.name}"))
            meta.update(f"Bobot {fmt(self.rubric.weight(el))} (perkiraan)")
            levels.update("1 = Sesuai dengan NSPK, 2 = Belum sesuai, 0 atau x = belum dinilai"
                          + (" · o = catat Nilai Indeks resmi BKN" if self.verifier else ""))
            typical = el.typical_evidence
            picker.show(getattr(r, self.score_field))
            other = self._assessor_compliance(r) if self.verifier else self._verifier_compliance(r)
        evidence.update(escape("Bukti yang lazim diminta: " + "; ".join(typical)) if typical else "")
        self._loading = True
        try:
            for area_id, field in self.text_fields.items():
                value = getattr(r, field)
                self.query_one(f"#{area_id}", TextArea).load_text("\n".join(value) if field == "dokumen" else (value or ""))
        finally:
            self._loading = False
        self.query_one("#other-side", Static).update(other)

    def _verifier_weighted(self, r: Response, weight: Decimal) -> str:
        if r.nilai_verifikasi is None and not r.catatan:
            return "[b]Tim Verifikasi[/b]: belum diverifikasi"
        value = "–" if r.nilai_verifikasi is None else f"{fmt(r.nilai_verifikasi)} (nilai {fmt(weight * r.nilai_verifikasi)})"
        return f"[b]Nilai Tim Verifikasi[/b]: {value}\n[b]Catatan[/b]: {escape(r.catatan or '–')}"

    def _verifier_compliance(self, r: Response) -> str:
        if r.status_verifikasi is None and not r.catatan and not r.rekomendasi:
            return "[b]Hasil verifikasi[/b]: belum diverifikasi"
        return (
            f"[b]Hasil verifikasi[/b]: {STATUS_LABELS[r.status_verifikasi or 'belum_dinilai']}\n"
            f"[b]Catatan[/b]: {escape(r.catatan or '–')}\n[b]Rekomendasi[/b]: {escape(r.rekomendasi or '–')}"
        )

    def _assessor_common(self, r: Response) -> str:
        docs = "\n".join(f"  • {escape(d)}" for d in r.dokumen)
        return (
            f"[b]Kondisi Saat Ini[/b]: {escape(r.kondisi_saat_ini or '–')}\n"
            f"[b]Bukti Dukung[/b]: {escape(r.bukti_dukung or '–')}"
            + (f"\n[b]Dokumen[/b]:\n{docs}" if docs else "")
        )

    def _assessor_weighted(self, r: Response) -> str:
        return f"[b]Skor mandiri[/b]: {fmt(r.skor) if r.skor is not None else 'belum diisi'}\n" + self._assessor_common(r)

    def _assessor_compliance(self, r: Response) -> str:
        return f"[b]Status mandiri[/b]: {STATUS_LABELS[r.status or 'belum_dinilai']}\n" + self._assessor_common(r)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        """Enter on an item goes to its first text field, cursor at the end."""
        data = event.node.data
        if data and not data.startswith("aspect:") and not self.read_only:
            area = self.query_one(f"#{next(iter(self.text_fields))}", TextArea)
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
                self.notify("Penilaian ini berstatus final dan hanya dapat dibaca", severity="warning")
            return False
        seen = getattr(self.responses.get(item_id) or Response(id=item_id), field)
        try:
            changed = self.store.set_field(self.aid, item_id, field, value, who=self.app.who, role=self.role, expected=seen)  # type: ignore[attr-defined]
        except Conflict as exc:
            if show:
                self._resolve(exc)
            else:  # leaving the screen: never overwrite, keep theirs and say so on the way out
                self.app.notify(f"{exc.message}; nilai tersimpan dipertahankan", severity="warning", timeout=10)
            return False
        except MeritError as exc:
            if show:
                self.notify(exc.message, severity="error", timeout=8)
            return False
        if changed:
            self.responses[item_id] = self.store.response(self.aid, item_id) or Response(id=item_id)
        if changed and show:
            self.query_one("#save-status", Static).update(
                f"✓ Tersimpan {datetime.now():%H:%M:%S} · {FIELD_LABELS.get(field, field)} {item_id}"
            )
            self.nodes[item_id].set_label(self._item_label(item_id))
            self._refresh_totals()
        return changed

    def _resolve(self, exc: Conflict) -> None:
        """Both values side by side; the user picks, and that choice is saved knowingly."""
        from ..dialogs.conflict import ConflictDialog

        def chosen(choice: str | None) -> None:
            item_id, field = exc.item_id, exc.field
            if choice == "mine":
                self.store.set_field(self.aid, item_id, field, exc.mine, who=self.app.who, role=self.role, expected=exc.current)  # type: ignore[attr-defined]
            self.responses[item_id] = self.store.response(self.aid, item_id) or Response(id=item_id)
            self.nodes[item_id].set_label(self._item_label(item_id))
            self._refresh_totals()
            if item_id == self.current:
                self._show(item_id)
            self.query_one("#save-status", Static).update(
                f"✓ Tersimpan {datetime.now():%H:%M:%S} · {FIELD_LABELS.get(field, field)} {item_id} ({'milik Anda' if choice == 'mine' else 'milik ' + (exc.who or 'orang lain')})"
            )

        self.app.push_screen(ConflictDialog(FIELD_LABELS.get(exc.field, exc.field), exc.item_id, exc.current, exc.mine, exc.who), chosen)

    @on(ScorePicker.Picked)
    def _picked(self, event: ScorePicker.Picked) -> None:
        self._set_score(event.value)

    def _set_score(self, value: str | None) -> None:
        if self._save(self.score_field, value):
            self._show(self.current)  # type: ignore[arg-type]

    def action_key(self, key: str) -> None:
        if isinstance(self.rubric, ComplianceRubric):
            self._set_score({"1": "sesuai", "2": "belum_sesuai", "0": None}.get(key))
            return
        scale = self.rubric.scales.verified if self.verifier else self.rubric.scales.self_
        if scale.allows(Decimal(key)):
            self._set_score(key)
        elif key == "0":
            self._set_score(None)
        else:
            self.notify(f"Skor {key} di luar skala {scale.describe()}", severity="warning")

    def action_clear(self) -> None:
        self._set_score(None)

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        if self._loading or self.current is None or event.text_area.read_only:
            return
        field = self.text_fields[event.text_area.id or ""]
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

    def action_summary(self) -> None:
        from .summary import SummaryScreen

        self.flush()
        self.app.push_screen(SummaryScreen(self.aid))

    def action_gaps(self) -> None:
        from .gaps import GapScreen

        self.flush()
        if not self.weighted:
            self.notify("Tinjauan selisih untuk instrumen berbobot (Sistem Merit); untuk NSPK lihat rencana aksi (a)")
            return
        self.app.push_screen(GapScreen(self.aid), self._jump)

    def _jump(self, item_id: str | None) -> None:
        if item_id:
            self.go(item_id)

    def action_plan(self) -> None:
        from .plan import PlanScreen

        self.flush()
        self.app.push_screen(PlanScreen(self.aid))

    def action_status(self) -> None:
        from ..dialogs.status import StatusDialog

        self.flush()

        def done(_: object) -> None:
            self.app.switch_screen(WalkScreen(self.aid, self.current))

        self.app.push_screen(StatusDialog(self.aid), done)

    def action_official(self) -> None:
        from ..dialogs.official import OfficialDialog

        if self.weighted or not self.verifier:
            self.notify("Nilai Indeks resmi dicatat verifikator pada penilaian NSPK", severity="warning")
            return
        self.app.push_screen(OfficialDialog(self.aid))

    def action_back(self) -> None:
        if isinstance(self.focused, TextArea):
            self.flush()
            self.query_one(Tree).focus()
            return
        self.flush()
        self.store.set_setting("last_assessment", "")
        self.app.pop_screen()
