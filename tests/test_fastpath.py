"""The simple validator agrees with pydantic: what it accepts, pydantic accepts the same way."""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from merit_tui import fastpath
from merit_tui.assessment import Assessment
from merit_tui.rubric import ComplianceRubric, WeightedRubric
from merit_tui.rubric.maturity import MaturityRubric
from merit_tui.yamlio import load_path
from tests.conftest import (
    MATURITY_FILE,
    MATURITY_RUBRIC,
    MERIT_FILE,
    MERIT_RUBRIC,
    NSPK_FILE,
    NSPK_RUBRIC,
)

CASES = [(Assessment, MERIT_FILE), (Assessment, NSPK_FILE), (WeightedRubric, MERIT_RUBRIC), (ComplianceRubric, NSPK_RUBRIC),
         (Assessment, MATURITY_FILE), (MaturityRubric, MATURITY_RUBRIC)]


def document(path):
    """The file's data; the 2026 rubric cut to the aspects that hold every shape (a variant pair,
    gates, applies_if) and one evidence line each, so the exhaustive test stays quick."""
    data = load_path(path).data
    if path == MATURITY_RUBRIC:
        data["aspects"] = [a for a in data["aspects"] if a["id"] in ("4", "6")]
        for a in data["aspects"]:
            for item in a["items"]:
                item["typical_evidence"] = item.get("typical_evidence", [])[:1]
    return data


def same(a, b) -> bool:
    """Equal, and of the same types all the way down (Decimal is not int)."""
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


@pytest.mark.parametrize("model, path", CASES)
def test_bundled_files_take_the_simple_path_and_agree(model, path):
    data = load_path(path).data  # the whole file
    fast = fastpath.validator(model)(data)
    assert same(fast, TypeAdapter(model).validate_python(data))


ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True, places=3), st.text(max_size=8),
    st.sampled_from([" 1 ", "2.5", "", " ", "\x1c", "\x1cx\x1c", "\u00a0x\u00a0", "draf", "final", "sesuai", "weighted", "MAX", "a-b", "A"]),
    st.lists(st.integers(0, 3), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


@st.composite
def mutated(draw, data):
    """Replace, delete or add a value somewhere in the document, a few times over."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(ODD_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["id", "nama", "bogus", "skor", "self", "self_", "weight", "min"]))] = draw(ODD_VALUES)
    return data


@pytest.mark.parametrize("model, path", CASES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_whatever_the_simple_path_accepts_pydantic_accepts_alike(model, path, data):
    doc = data.draw(mutated(document(path)))
    try:
        fast = fastpath.validator(model)(doc)
    except fastpath.Unsure:
        return
    try:
        slow = TypeAdapter(model).validate_python(doc)
    except ValidationError as exc:
        pytest.fail(f"the simple path accepted what pydantic refuses: {exc}")
    assert same(fast, slow)


ODD = [None, True, False, 0, 1, 2022, -1, 10**30, 1.5, float("nan"), Decimal("2.5"), Decimal("-0"), Decimal("1E+3"), "", " ", "7",
       " x ", "\x1cx", "\u00a0x", "draf", "sesuai", "weighted", "Z", "a b", [], [1], {}, {"x": 1}]


@pytest.mark.parametrize("model, path", CASES)
def test_every_value_replaced_by_every_odd_value(model, path):
    """Exhaustively: each value of the document replaced, in turn, by each odd value."""
    original = document(path)
    adapter = TypeAdapter(model)
    for where in [p for p in _paths(original) if p]:
        for odd in ODD:
            doc = copy.deepcopy(original)
            parent = doc
            for part in where[:-1]:
                parent = parent[part]
            parent[where[-1]] = odd
            try:
                fast = fastpath.validator(model)(doc)
            except fastpath.Unsure:
                continue
            try:
                slow = adapter.validate_python(doc)
            except ValidationError as exc:
                pytest.fail(f"{where} = {odd!r}: the simple path accepted what pydantic refuses: {exc}")
            assert same(fast, slow), (where, odd)


def test_scoring_a_valid_file_never_imports_pydantic(tmp_path):
    code = (
        "import sys\n"
        "from merit_tui.cli import run\n"
        f"rc = run(['--db', {str(tmp_path / 'x.db')!r}, 'score', {str(MERIT_FILE)!r}, '--json'])\n"
        "assert rc == 0, rc\n"
        "print(sorted(m for m in ('pydantic', 'pydantic_core', 'textual') if m in sys.modules))\n"
    )
    subprocess.run([sys.executable, "-c", f"from merit_tui.workspace import open_store; open_store({str(tmp_path / 'x.db')!r}).close()"], check=True)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_decimals_stay_exact():
    r = fastpath.validator(Assessment)({"instansi": "X", "tahun": 2022, "rubrik": "r", "versi_rubrik": "1", "target": Decimal("265.50"),
                                        "penilaian": [{"id": "1", "skor": 3}]})
    assert r.target == Decimal("265.50") and type(r.responses[0].self_score) is Decimal
