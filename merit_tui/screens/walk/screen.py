"""Penilaian: walk the items of an assessment and fill in one side of them.

The penilai (assessor) gives the self score or status, Kondisi Saat Ini and evidence; the
verifikator gives Nilai Tim Verifikasi or the status found, a catatan and (NSPK) a rekomendasi.
Each sees the other side read-only. What differs per instrument kind and role comes from the
`WalkSpec` (spec.py); storing what is typed from the `Saver` (saving.py). Every change goes to
the store as it is made: a score at once, text after a short pause in typing and whenever the
field loses focus. Moving between items writes nothing: where the user is goes to the store when
they leave, quit or rest on an item (positions.py).

The summary, gap and plan screens are opened from leaving.py, imported when first opened.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Label, Static, TextArea

from ... import policy
from ...assessment import Response
from ...commands import ScreenActions
from ...positions import Position
from ...scoring import score
from ...vocab import STATUS_LABELS, Role, Status, field_label
from ...widgets.bars import progress_line
from ...widgets.item_list import ItemList
from ...widgets.key_bar import KeyBar
from ...widgets.score_picker import ScorePicker
from ...workbench import EditsAssessment, Workbench
from .evidence import AttachEvidence
from .kinds import spec_for
from .leaving import OpensScreens
from .saving import Saver, StoresEdits
from .sizing import Fitted, ItemBox
from .spec import WalkSpec, distinct_names

SAVE_PAUSE = 0.8  # seconds of no typing before a note is stored
REST = 2.0  # seconds on one item before it is remembered as where the user is


class WalkScreen(AttachEvidence, StoresEdits, OpensScreens, Screen[None], EditsAssessment):
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
        self._rest: Timer | None = None
        self._retry: Timer | None = None
        self._loading = False
        self._open = False  # shown and not left: quitting here reopens here
        self._notice = ""  # said when the screen is shown
        self._told: set[int] = set()  # assessments whose return note was said (once a session, not per visit)
        self.current: str | None = None
        self.role: Role | None = None

    @property
    def verifier(self) -> bool:
        return self.spec.verifier

    # ---------- building ----------
    def _load(self) -> None:
        """This assessment from the store, and what this role may do with it."""
        store = self.app.store
        if self.role is None:  # fixed when composed: a kept walk's widgets are one role's
            self.role = self.app.role
        loaded = store.load(self.aid)
        self.rubric = loaded.rubric
        self.assessment = loaded.assessment
        self.responses: dict[str, Response] = loaded.assessment.by_item()
        self.spec: WalkSpec = spec_for(self.rubric, self.role, self.assessment, self.responses)
        self.names = {}  # told apart within their aspect, where they are listed together
        for group in self.spec.groups():
            self.names.update(distinct_names({i: self.spec.name(i) for i in group.items}))
        self.saver = Saver(store, self.aid, self.role)
        # what the policy refuses this role here, the screen does not offer (and says why)
        self.refusal = policy.side_at(self.role, loaded.assessment.status)
        self.read_only = self.refusal is not None
        self.position = Position(store, self.app.who, self.aid)
        a = self.assessment  # the title before the header is mounted: setting it later lays the screen out again
        # the role first: at 80 columns the end of the title is cut, and who one is working as must show
        self.sub_title = f"{self.role} · {a.agency} · {self.rubric.title} {a.year}" + (" · hanya baca" if self.read_only else "")

    @property
    def kind(self) -> tuple[str, str]:
        """What the widgets depend on: a walk of the same rubric and role can show another assessment."""
        return (self.rubric.key, self.role)

    def bind(self, assessment_id: int, item_id: str | None = None) -> None:
        """Show another assessment of the same rubric in these widgets (app.py keeps a composed
        walk between opens: composing one is most of what opening costs)."""
        for timer in (self._timer, self._rest):
            if timer is not None:
                timer.stop()
        self._timer = self._rest = None
        self.aid, self._start, self.current = assessment_id, item_id, None
        self._load()
        items = self.query_one(ItemList)
        for item_id_ in self.rubric.item_ids():
            items.set_label(item_id_, self._item_label(item_id_))
        for area in self.query(TextArea):
            area.read_only = self.read_only
        self.query_one("#save-status", Static).update("")
        self._present()

    def compose(self) -> ComposeResult:
        self._load()
        yield Header()
        with Horizontal(id="walk"):
            yield ItemList(self._lines(), id="items")
            with VerticalScroll(id="detail"):
                yield ItemBox(lambda: [self._item_text(i).plain for i in self.rubric.item_ids()], self.app.size.width, id="item")
                if self.verifier:
                    yield Fitted(id="other-side", classes="other-side")
                yield Label(self.spec.score_label, classes="field-label", id="score-label")
                yield ScorePicker(self.spec.choices, id="picker")
                if not self.verifier:
                    yield Fitted(id="other-side", classes="other-side")
                for area_id, label in self.spec.text_labels.items():
                    yield Label(label, classes="field-label")
                    yield TextArea(id=area_id, soft_wrap=area_id != "dokumen", read_only=self.read_only)
        with Horizontal(id="walk-status"):
            yield Static(id="progress")
            yield Static("", id="save-status")
        yield KeyBar()

    def _lines(self) -> list[tuple[str, Text, bool]]:
        """The list's lines: each aspect (if the instrument has them) and its items, labelled."""
        lines: list[tuple[str, Text, bool]] = []
        self.groups: dict[str, list[str]] = {}
        self.group_of: dict[str, str] = {}
        for group in self.spec.groups():
            if group.id is not None:
                self.groups[group.id] = group.items
                self.group_of.update(dict.fromkeys(group.items, group.id))
                lines.append((f"aspect:{group.id}", Text(), False))
            lines += [(item_id, self._item_label(item_id), True) for item_id in group.items]
        return lines

    def on_mount(self) -> None:
        self._present()

    def on_screen_resume(self) -> None:
        if self._open and not self.saver.pending and not self.saver.waiting:
            # open already, so back from a screen over this one that may have written (a second
            # walk opened from the gap review, a status move): show what is stored now
            self.bind(self.aid, self.current)
        self._open = True
        if self._notice:
            self.notify(self._notice, title="Penilaian dikembalikan", timeout=15, markup=False)
            self._notice = ""

    def _present(self) -> None:
        a = self.assessment
        self.query_one("#detail").can_focus = False
        self._refresh_totals()
        start = self._start or self.position.start()
        start = start if start in self.rubric.item_ids() else self.rubric.item_ids()[0]
        self.current = self.position.item = start
        self._show(start)
        items = self.query_one(ItemList)
        items.move_to(start)
        items.focus()
        status = self.query_one("#save-status", Static)
        if self.read_only:  # the whole reason comes with the first key that is refused
            status.update(f"Hanya baca · berstatus {STATUS_LABELS[Status(a.status)]}")
        elif a.status == Status.RETURNED:
            note = self.app.store.last_status_note(self.aid)
            message = "Dikembalikan oleh verifikator" + (f": {note}" if note else "")
            status.update(Text(message + " · h: riwayat dan catatan lengkap"))
            if self.aid not in self._told:
                self._told.add(self.aid)
                self._notice = message

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
        text.append(self.names[item_id])
        text.truncate(60, overflow="ellipsis")
        return text

    def _refresh_totals(self, group_id: str | None = None) -> None:
        """Aspect totals (only `group_id`'s, when one item changed) and the progress line."""
        items = self.query_one(ItemList)
        if self.spec.group_label is not None and self.groups:
            report = score(self.rubric, dataclasses.replace(self.assessment, responses=list(self.responses.values())))
            for gid in [group_id] if group_id else self.groups:
                items.set_label(f"aspect:{gid}", self.spec.group_label(report, gid))
        if self.spec.relabel_all:  # a gate's answer changes which other items apply
            for item_id in self.rubric.item_ids():
                items.set_label(item_id, self._item_label(item_id))
        ids = self.rubric.item_ids()
        self.query_one("#progress", Static).update(progress_line(sum(1 for i in ids if self._is_done(i)), len(ids)), layout=False)

    # ---------- showing one item ----------
    def go(self, item_id: str) -> None:
        """Show an item: flush unsaved notes of the previous one, then load this one. Where the
        user is, is remembered once they rest here (or leave), not on every move."""
        self.flush()
        self.current = item_id
        items = self.query_one(ItemList)
        if items.cursor_key != item_id:
            items.move_to(item_id)
        self._show(item_id)
        self.position.item = item_id
        if self._rest is not None:
            self._rest.stop()
        self._rest = self.set_timer(REST, lambda: self.position.save(still_open=True))

    def _item_text(self, item_id: str) -> Content:
        """The item's introduction: its title in bold, the rest muted (app.tcss). Built from
        rich Text, never markup: rubric and response text may hold brackets."""
        text = self.spec.item_text(item_id, self._response(item_id))
        body = [text.meta, text.levels] + ([Text("Bukti yang lazim diminta: " + "; ".join(text.evidence))] if text.evidence else [])
        return Content.assemble(Content.from_rich_text(text.title).stylize("bold $foreground"), "\n",
                                Content.from_rich_text(Text("\n").join(body)))

    def _show(self, item_id: str, scored: bool = False) -> None:
        """The item in the detail pane; what did not change is left alone (sizing.py)."""
        r = self._response(item_id)
        self.query_one(ItemBox).show(self._item_text(item_id))
        self.query_one(ScorePicker).show(self.spec.picked(r))
        takes_score = self.spec.takes_score(item_id)
        for widget in (self.query_one(ScorePicker), self.query_one("#score-label")):
            if widget.display != takes_score:
                widget.display = takes_score
        if scored:
            return
        self._loading = True
        try:
            for area_id, field in self.spec.text_fields.items():
                stored = getattr(r, field)
                value = "\n".join(d.name for d in stored) if field == "documents" else (stored or "")
                area = self.query_one(f"#{area_id}", TextArea)
                if area.text != value:
                    area.load_text(value)
        finally:
            self._loading = False
        self.query_one("#other-side", Fitted).show(self.spec.other_side(item_id, r))

    @on(ItemList.Selected)
    def _selected(self) -> None:
        """Enter on an item goes to its first text field, cursor at the end."""
        if not self.read_only:
            area = self.query_one(f"#{next(iter(self.spec.text_fields))}", TextArea)
            if area.text.strip() and not area.text.endswith("\n"):
                # what is typed starts on a line of its own, not glued to the carried-over text
                area.insert("\n", area.document.end)
            area.move_cursor(area.document.end)
            area.focus()

    @on(ItemList.Highlighted)
    def _highlighted(self, event: ItemList.Highlighted) -> None:
        if event.key != self.current:
            self.go(event.key)

    # ---------- saving ----------
    def _saved(self, item_id: str, field: str, whose: str = "") -> None:
        self.query_one("#save-status", Static).update(
            Text(f"✓ Tersimpan {datetime.now():%H:%M:%S} · {field_label(field)} {item_id}" + (f" ({whose})" if whose else "")), layout=False
        )
        self.query_one(ItemList).set_label(item_id, self._item_label(item_id))
        self._refresh_totals(self.group_of.get(item_id))
        if item_id == self.current:  # e.g. the evidence warning goes once evidence is typed
            self.query_one(ItemBox).show(self._item_text(item_id))

    @on(ScorePicker.Picked)
    def _picked(self, event: ScorePicker.Picked) -> None:
        self._set_score(event.value)

    def _set_score(self, value: str | None, field: str | None = None) -> None:
        if self._save(field or self.spec.score_field, value):
            self._show(self.current, scored=True)  # type: ignore[arg-type]

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

    def on_unmount(self) -> None:
        self.flush(show=False)
        if self._open:  # quitting here reopens here (a walk composed ahead and never shown says nothing)
            self.position.save(still_open=True)

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
            self.query_one(ItemList).focus()
            return
        if self.unsaved():
            self.notify("Belum tersimpan: basis data sedang dipakai proses lain. Layar ini tetap terbuka dan mencoba lagi; "
                        "isian Anda tidak hilang.", severity="warning", timeout=8)
            return
        if self._rest is not None:  # a kept walk lives on: its timer must not say it is still open
            self._rest.stop()
            self._rest = None
        self._open = False
        self.position.save(still_open=False)
        self.app.pop_screen()
