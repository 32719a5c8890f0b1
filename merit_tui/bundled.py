"""Where the rubrics and example assessments shipped with merit-tui live.

A wheel carries them inside the package (`_bundled/`); a source checkout or an
editable install reads them from the top-level `rubrics/` and `assessments/`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

_HERE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    inside = _HERE / "_bundled" / name
    return inside if inside.is_dir() else _HERE.parent / name


def rubric_files() -> list[Path]:
    return sorted(_folder("rubrics").glob("*.yaml"))


def mapping_files() -> list[Path]:
    """Item mappings from one instrument to another (carry-over), as data."""
    return sorted((_folder("rubrics") / "mappings").glob("*.yaml"))


def example_files() -> list[Path]:
    return sorted(_folder("assessments").glob("*.yaml"))


def survey_example_files() -> list[Path]:
    """Example survey answer sheets for `merit survey ID --csv`, if any are shipped."""
    return sorted(_folder("assessments").glob("*.csv"))


def rubric_notes() -> list[Path]:
    """Where a rubric's numbers come from (`*.sumber.md`), shipped beside the rubrics."""
    return sorted(_folder("rubrics").glob("*.md"))


def template_files() -> list[Path]:
    """The Typst templates of the printed reports, for an agency to copy and change."""
    return sorted((_HERE / "templates").glob("*.typ"))


def example_set() -> list[tuple[Path, tuple[str, ...]]]:
    """Every file `merit examples` copies out, with its place under the target folder: the
    repository's layout (assessments/, rubrics/, rubrics/mappings/) and the report templates
    (templates/, for `merit setting set templat`)."""
    groups = [
        (("assessments",), [*example_files(), *survey_example_files()]),
        (("rubrics",), [*rubric_files(), *rubric_notes()]),
        (("rubrics", "mappings"), mapping_files()),
        (("templates",), template_files()),
    ]
    return [(path, (*folder, path.name)) for folder, paths in groups for path in paths]


def responsible_mapping() -> dict[str, dict[str, str]]:
    """The default penanggung jawab per rubric and aspect/element id, shipped as data."""
    data = yaml.safe_load((_HERE / "data" / "penanggung_jawab.yaml").read_text(encoding="utf-8")) or {}
    return {str(rid): {str(k): str(v) for k, v in nodes.items()} for rid, nodes in data.items()}
