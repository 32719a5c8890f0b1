from __future__ import annotations

import base64
import copy
import unicodedata
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from merit_tui.errors import InvalidFile
from merit_tui.trust.keys import PublicKey, SigningKey
from merit_tui.trust.plain import NotPlain, canonical_bytes
from merit_tui.trust.seal import (
    ABSENT,
    SEAL_FORMAT,
    Change,
    check_seal,
    diff,
    make_seal,
    seal_from_data,
    seal_to_data,
)

NOW = datetime(2023, 5, 12, 10, 4, 9, tzinfo=timezone.utc)


def signing_key(name: str = "Budi (BKN)") -> SigningKey:
    private = Ed25519PrivateKey.generate()
    return SigningKey(name, PublicKey(name, private.public_key().public_bytes_raw()), private)


BUDI = signing_key()


def content() -> dict:
    return {
        "instansi": "Kabupaten Balangan",
        "tahun": "2022",
        "rubrik": {"id": "kasn-sistem-merit", "versi": "2019", "sha256": "ab" * 32},
        "butir": {
            "2.1": {"skor": "3", "nilai_verifikasi": "2", "catatan": "Peta jabatan belum 5 tahun"},
            "3.1": {"skor": "4", "nilai_verifikasi": "3", "catatan": "", "bukti": ["SK Bupati", "Notula"]},
            "10.1": {"skor": "1", "nilai_verifikasi": "1", "catatan": "Tidak ada"},
        },
        "dokumen": {"3.1": [{"nama": "sk.pdf", "sha256": "cd" * 32, "ukuran": "1024"}]},
        "status": "diverifikasi",
        "hasil_resmi": None,
        "log": {"id": "57", "hash": "ef" * 32},
    }


def sealed(key: SigningKey = BUDI):
    return make_seal(content(), key, now=NOW)


# --- canonical bytes -----------------------------------------------------------------------------


def test_canonical_bytes_shape():
    assert canonical_bytes({"b": ["x", 1, True, None], "a": {"é": "ü"}}) == '{"a":{"é":"ü"},"b":["x",1,true,null]}'.encode()


def test_canonical_bytes_ignores_order_and_unicode_form():
    nfc = {"instansi": "Kab. Bénér Meriah", "butir": {"1.1": {"catatan": "sudah lengkap"}}}
    nfd = {"butir": {"1.1": {"catatan": "sudah lengkap"}}, "instansi": unicodedata.normalize("NFD", "Kab. Bénér Meriah")}
    assert canonical_bytes(nfc) == canonical_bytes(nfd)
    assert canonical_bytes((1, 2)) == canonical_bytes([1, 2])


@pytest.mark.parametrize(
    ("value", "where", "message"),
    [
        ({"butir": {"3.1": {"nilai": 3.5}}}, ("butir", "3.1", "nilai"), "angka pecahan"),
        ({"nilai": Decimal("3.5")}, ("nilai",), "jenis Decimal"),
        ({"waktu": datetime(2023, 1, 1)}, ("waktu",), "jenis datetime"),
        ({"a": [1, {2: "x"}]}, ("a", 1), "harus teks"),
        ({"e\u0301": 1, "\u00e9": 2}, (), "muncul dua kali"),
        ({"a": "\ud800"}, ("a",), "surrogate"),
    ],
)
def test_canonical_bytes_refuses(value, where, message):
    with pytest.raises(NotPlain) as exc:
        canonical_bytes(value)
    assert exc.value.path == where
    assert message in exc.value.message


plain_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
plain_data = st.recursive(
    plain_leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=8), plain_data, max_size=6), st.randoms())
def test_canonical_bytes_stable_across_orderings(data, rnd):
    items = list(data.items())
    rnd.shuffle(items)
    assert canonical_bytes(dict(items)) == canonical_bytes(data)


# --- sealing and checking ------------------------------------------------------------------------


def test_sah_with_trusted_key():
    seal = sealed()
    check = check_seal(seal, content(), {BUDI.fingerprint})
    assert check.state == "sah" and check.ok
    assert check.signature_valid and check.trusted and check.changes == ()
    assert check.describe() == f"SAH: disegel Budi (BKN), kunci {BUDI.fingerprint}, 12 Mei 2023 10:04 UTC; kunci dipercaya"


def test_trusted_fingerprint_in_any_spelling():
    check = check_seal(sealed(), content(), [BUDI.fingerprint.replace(" ", "").lower()])
    assert check.state == "sah"


def test_untrusted_key():
    check = check_seal(sealed(), content(), set())
    assert check.state == "kunci_tidak_dikenal"
    assert check.signature_valid and not check.trusted
    assert check.describe().startswith("SAH, KUNCI TIDAK DIKENAL: disegel Budi (BKN)")


def test_content_in_another_unicode_form_is_unchanged():
    data = content()
    data["butir"]["2.1"]["catatan"] = "Belum ada peta jabatan \u00e9"  # NFC é
    seal = make_seal(data, BUDI, now=NOW)
    data["butir"]["2.1"]["catatan"] = "Belum ada peta jabatan e\u0301"  # NFD é, as macOS may type it
    assert check_seal(seal, data, {BUDI.fingerprint}).state == "sah"


def test_changed_nested_value_names_path_and_both_values():
    current = content()
    current["butir"]["3.1"]["nilai_verifikasi"] = "4"
    check = check_seal(sealed(), current, {BUDI.fingerprint})
    assert check.state == "rusak"
    assert check.signature_valid
    assert check.changes == (Change(("butir", "3.1", "nilai_verifikasi"), "3", "4"),)
    assert check.changes[0].where == "butir 3.1 nilai_verifikasi"
    assert check.changes[0].describe() == 'butir 3.1 nilai_verifikasi: disegel "3", sekarang "4"'
    assert "1 isian berubah sejak disegel (butir 3.1 nilai_verifikasi)" in check.describe()
    assert check.report().splitlines()[1] == '  butir 3.1 nilai_verifikasi: disegel "3", sekarang "4"'


def test_several_changes_in_reading_order():
    current = content()
    current["butir"]["10.1"]["catatan"] = "Ada"
    current["butir"]["2.1"]["skor"] = "4"
    current["butir"]["3.1"]["bukti"].append("Foto")
    current["dokumen"]["3.1"][0]["sha256"] = "00" * 32
    current["dokumen"]["4.2"] = [{"nama": "baru.pdf", "sha256": "11" * 32, "ukuran": "5"}]
    del current["butir"]["3.1"]["catatan"]
    current["hasil_resmi"] = {"nilai": "129", "kategori": "I"}
    current["status"] = "final"
    check = check_seal(sealed(), current, {BUDI.fingerprint})
    assert [c.where for c in check.changes] == [
        "butir 2.1 skor",
        "butir 3.1 bukti",
        "butir 3.1 catatan",
        "butir 10.1 catatan",
        "dokumen 3.1 #1 sha256",
        "dokumen 4.2",
        "hasil_resmi",
        "status",
    ]
    by_where = {c.where: c for c in check.changes}
    assert by_where["butir 3.1 bukti"].current == ["SK Bupati", "Notula", "Foto"]
    assert by_where["butir 3.1 catatan"].current is ABSENT
    assert by_where["butir 3.1 catatan"].describe() == 'butir 3.1 catatan: disegel "", sekarang (tidak ada)'
    assert by_where["dokumen 4.2"].sealed is ABSENT
    assert by_where["hasil_resmi"].describe() == 'hasil_resmi: disegel (kosong), sekarang {"nilai": "129", "kategori": "I"}'
    assert "8 isian berubah" in check.describe() and ", …)" in check.describe()


def test_change_paths_cannot_carry_escape_sequences():
    check = check_seal(sealed(), {**content(), "x\x1b[2J": "1"}, {BUDI.fingerprint})
    assert check.changes[-1].where == "x\\u001b[2J"
    assert "\x1b" not in check.report()


def test_rusak_says_whether_the_key_is_trusted():
    current = {**content(), "status": "final"}
    assert check_seal(sealed(), current, {BUDI.fingerprint}).describe().endswith("; kunci dipercaya")
    assert check_seal(sealed(), current, set()).describe().endswith("; kunci tidak dikenal")


def test_diff_counts_types_and_list_items():
    assert diff({"a": "3"}, {"a": 3}) == [Change(("a",), "3", 3)]
    assert diff([1], [True]) == [Change((), [1], [True])]
    assert diff([{"x": 1}], [{"x": 1}, {"x": 2}]) == [Change((1,), ABSENT, {"x": 2})]
    assert diff({"a": {"b": 1}}, {"a": "b"}) == [Change(("a",), {"b": 1}, "b")]


def _edited(seal, **changes):
    data = seal_to_data(seal)
    data.update(changes)
    return seal_from_data(data)


def test_edited_signature_bytes_is_rusak():
    seal = sealed()
    sig = bytearray(seal.signature)
    sig[10] ^= 1
    check = check_seal(_edited(seal, tanda_tangan=base64.b64encode(bytes(sig)).decode()), content(), {BUDI.fingerprint})
    assert check.state == "rusak"
    assert not check.signature_valid and check.changes == ()
    assert check.describe().startswith("RUSAK: tanda tangan tidak cocok, segel itu sendiri telah diubah; mengaku disegel")


@pytest.mark.parametrize(
    "edit",
    [
        {"penanda_tangan": "Ani (BKN)"},
        {"waktu": "2023-05-13T10:04:09Z"},
        {"format": SEAL_FORMAT},  # unchanged: control below
    ],
)
def test_edited_seal_fields(edit):
    seal = sealed()
    check = check_seal(_edited(seal, **edit), content(), {BUDI.fingerprint})
    if edit == {"format": SEAL_FORMAT}:
        assert check.state == "sah"
    else:
        assert check.state == "rusak" and not check.signature_valid


def test_edited_sealed_content_with_matching_current_is_rusak():
    """Someone changes a score in both the data and the seal's copy: the signature catches it."""
    doctored = content()
    doctored["butir"]["3.1"]["nilai_verifikasi"] = "4"
    seal = _edited(sealed(), isi=doctored)
    check = check_seal(seal, doctored, {BUDI.fingerprint})
    assert check.state == "rusak" and not check.signature_valid and check.changes == ()


def test_fingerprint_field_swapped_to_a_trusted_one_is_rusak():
    mallory = signing_key("Budi (BKN)")
    forged = make_seal(content(), mallory, now=NOW)
    assert check_seal(forged, content(), {BUDI.fingerprint}).state == "kunci_tidak_dikenal"
    swapped = _edited(forged, sidik_jari=BUDI.fingerprint)
    assert check_seal(swapped, content(), {BUDI.fingerprint}).state == "rusak"
    public_swapped = _edited(forged, sidik_jari=BUDI.fingerprint, kunci_publik=base64.b64encode(BUDI.public.raw).decode())
    assert check_seal(public_swapped, content(), {BUDI.fingerprint}).state == "rusak"


def test_signer_name_is_taken_from_key_or_given():
    seal = make_seal(content(), BUDI, now=NOW + timedelta(hours=7), signer="Budi Santoso (Tim Verifikasi BKN)")
    assert seal.signer == "Budi Santoso (Tim Verifikasi BKN)"
    assert seal.signed_at == "2023-05-12T17:04:09Z"
    assert sealed().signer == "Budi (BKN)"
    with pytest.raises(ValueError):
        make_seal(content(), BUDI, now=datetime(2023, 5, 12))
    with pytest.raises(NotPlain):
        make_seal({"nilai": 3.5}, BUDI, now=NOW)


def test_sealed_content_is_a_copy():
    data = content()
    seal = make_seal(data, BUDI, now=NOW)
    data["status"] = "draf"
    assert seal.content["status"] == "diverifikasi"
    assert check_seal(seal, content(), {BUDI.fingerprint}).state == "sah"


# --- data and YAML round trips -------------------------------------------------------------------


def test_yaml_round_trip():
    seal = sealed()
    text = yaml.safe_dump({"segel": seal_to_data(seal)}, allow_unicode=True, sort_keys=False)
    back = seal_from_data(yaml.safe_load(text)["segel"], "balangan.yaml")
    assert back == seal
    assert check_seal(back, content(), {BUDI.fingerprint}).state == "sah"


def test_seal_data_is_plain_strings():
    data = seal_to_data(sealed())
    assert list(data) == ["format", "penanda_tangan", "sidik_jari", "kunci_publik", "waktu", "isi", "tanda_tangan"]
    assert all(isinstance(v, str) for k, v in data.items() if k != "isi")


@pytest.mark.parametrize(
    ("edit", "field", "message"),
    [
        ({"format": "merit-tui-seal-v9"}, "segel.format", "belum dikenal"),
        ({"format": "minisign"}, "segel.format", "bukan segel merit-tui"),
        ({"tanda_tangan": "%%%"}, "segel.tanda_tangan", "bukan base64"),
        ({"tanda_tangan": "AAAA"}, "segel.tanda_tangan", "harus 64 bita"),
        ({"kunci_publik": 5}, "segel.kunci_publik", "harus berupa teks"),
        ({"waktu": "12 Mei 2023"}, "segel.waktu", "waktu UTC"),
        ({"waktu": "2023-02-30T10:04:09Z"}, "segel.waktu", "waktu UTC"),
        ({"isi": ["x"]}, "segel.isi", "harus berupa peta"),
        ({"isi": {"butir": {"3.1": {"nilai": 3.5}}}}, "segel.isi.butir.3.1.nilai", "angka pecahan"),
        ({"stempel": "x"}, "segel.stempel", "tidak dikenal"),
        ({"penanda_tangan": "Budi\x1b[2J"}, "segel.penanda_tangan", "karakter kendali"),
        ({"sidik_jari": "bukan sidik"}, "segel.sidik_jari", "32 digit"),
    ],
)
def test_seal_from_data_names_the_field(edit, field, message):
    data = seal_to_data(sealed())
    data.update(edit)
    with pytest.raises(InvalidFile) as exc:
        seal_from_data(data, "balangan.yaml")
    assert any(p.path == field and message in p.message and p.file == "balangan.yaml" for p in exc.value.problems), str(exc.value)


def test_seal_from_data_missing_fields_and_wrong_shape():
    with pytest.raises(InvalidFile, match="segel.tanda_tangan: tidak ada"):
        seal_from_data({k: v for k, v in seal_to_data(sealed()).items() if k != "tanda_tangan"})
    with pytest.raises(InvalidFile, match="segel: harus berupa peta"):
        seal_from_data("segel")


contents = st.fixed_dictionaries(
    {"instansi": st.text(max_size=30), "tahun": st.text("0123456789", min_size=4, max_size=4)},
    optional={"butir": st.dictionaries(st.text(max_size=6), plain_data, max_size=5), "hasil_resmi": plain_data},
)


@settings(max_examples=60, deadline=None)
@given(contents)
def test_any_content_survives_yaml_and_verifies(data):
    seal = make_seal(data, BUDI, now=NOW)
    # Not allow_unicode=True: PyYAML then folds U+0085 (NEL) into a space (see test below).
    text = yaml.safe_dump(seal_to_data(seal))
    back = seal_from_data(yaml.safe_load(text))
    assert back == seal
    assert check_seal(back, copy.deepcopy(data), {BUDI.fingerprint}).state == "sah"


@settings(max_examples=60, deadline=None)
@given(contents, st.text(min_size=1, max_size=10))
def test_any_changed_field_is_named(data, new_value):
    seal = make_seal(data, BUDI, now=NOW)
    current = copy.deepcopy(data)
    current["instansi"] = data["instansi"] + new_value
    check = check_seal(seal, current, {BUDI.fingerprint})
    assert check.state == "rusak"
    assert [c.path for c in check.changes] == [("instansi",)]


def test_pyyaml_allow_unicode_folds_nel_and_the_seal_notices():
    """A cp1252 ellipsis read as Latin-1 becomes U+0085. PyYAML's allow_unicode=True emits it raw
    and reads it back as a space; a double-quoted style keeps it (as \\N)."""
    data = {"instansi": "Kab. Contoh", "catatan": "menunggu\x85SK"}
    seal = make_seal(data, BUDI, now=NOW)
    folded = yaml.safe_load(yaml.safe_dump(seal_to_data(seal), allow_unicode=True))
    check = check_seal(seal_from_data(folded), data, {BUDI.fingerprint})
    assert check.state == "rusak" and not check.signature_valid
    kept = yaml.safe_load(yaml.safe_dump(seal_to_data(seal), allow_unicode=True, default_style='"'))
    assert check_seal(seal_from_data(kept), data, {BUDI.fingerprint}).state == "sah"
