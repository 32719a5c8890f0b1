"""Seals and evidence in the workbench, driven as a user would."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import Input

from merit_tui.app import make_app
from merit_tui.trust.keys import ScryptParams, create_key
from merit_tui.workspace import open_store
from tests.conftest import return_to_assessor
from tests.test_app import SIZE, merit_id, open_row

FAST = ScryptParams(n=2**10)  # tests need not pay the real key's half second


async def test_a_verifier_with_a_key_seals_the_move_to_final(db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("MERIT_CONFIG_DIR", str(tmp_path / "config"))
    create_key("Budi (BKN)", "sandi rahasia", now=datetime.now(timezone.utc), kdf=FAST)
    store = open_store(db_path)
    aid = merit_id(store)
    app = make_app(store, user="budi", role="verifikator")  # a login name; the seal carries the key's name
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "kasn-sistem-merit")
        await pilot.press("s")  # diverifikasi → final (the first move offered is dikembalikan)
        await pilot.pause()
        assert app.focused.id == "new-status"
        await pilot.press("enter", "F", "enter")  # open the moves, type F to find Final, take it
        await pilot.pause()
        assert app.screen.query_one("#new-status").value == "final"
        await pilot.click("#apply")
        await pilot.pause()
        assert type(app.screen).__name__ == "PassphraseDialog"
        await pilot.press(*"salah sekali")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "PassphraseDialog"  # asked again, with the reason
        assert "frasa sandi salah" in str(app.screen.query_one("#error").render())
        assert app.focused is app.screen.query_one("#passphrase", Input)
        await pilot.press("ctrl+u", *"sandi rahasia", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert store.status(aid) == "final"
    check = store.seal_check(aid)
    # the verifier's own database trusts the key it sealed with: its own list says sah, not "kunci tidak dikenal"
    assert check is not None and check.seal.signer == "Budi (BKN)" and check.state == "sah"
    row = next(r for r in store.list_assessments() if r.id == aid)
    assert row.seal == "sah"
    trusted = [e for e in store.events() if e.note and "kunci sendiri" in e.note]
    assert trusted and trusted[-1].who == "budi" and "Budi (BKN)" in (trusted[-1].new or "")


async def test_attaching_evidence_in_the_walk_copies_and_hashes_it(db_path, tmp_path):
    evidence = tmp_path / "sk-bupati.pdf"
    evidence.write_bytes(b"%PDF-1.4 SK Bupati\n")
    store = open_store(db_path)
    aid = merit_id(store)
    return_to_assessor(store, aid)
    app = make_app(store, user="ani")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "kasn-sistem-merit")
        await pilot.press("l")
        await pilot.pause()
        await pilot.press(*str(evidence), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    doc = store.response(aid, "1.1").documents[-1]
    assert (doc.name, doc.size) == ("sk-bupati.pdf", 19)
    assert store.evidence.path_of(doc.sha256).read_bytes() == evidence.read_bytes()
    assert store.replay_differences() == []
