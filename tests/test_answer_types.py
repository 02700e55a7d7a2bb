"""Every answer's dict against its shape (issue 25, item 3): the TypedDicts in calc/answers, from which
/openapi.json is generated (calc/api/shapes.py), are checked statically against the functions that
build the answers: a key a dict literal adds, or misses, is a mypy error ([tool.mypy] in pyproject.toml).
The run-time check, both ways, over a corpus of real answers is tests/api/test_shapes.py."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import get_args

import pytest

from calc import penalties, thresholds
from calc.inspections import model as inspections
from calc.traffic import model as traffic

ROOT = Path(__file__).resolve().parent.parent


def mypy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                           "--no-incremental", "--cache-dir", "/dev/null", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=600)


def test_every_answer_function_builds_the_keys_of_its_typeddict():
    done = mypy()
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_key_added_or_missed_against_a_typeddict_is_an_error(tmp_path):
    # the check can fail: one extra key and one missing key in an answer's literal, as the answers write them
    (tmp_path / "wrong.py").write_text(textwrap.dedent('''
        from calc.answers.cites import cited
        from calc.answers.events import OccurrenceOut
        from calc.events import Event

        def occurrence(e: Event) -> OccurrenceOut:
            return {"id": e.id, "date": "2026-01-10", "title": e.title, "unit": e.unit, "contact": None,
                    "uids": "x", **cited(e.basis)}
    '''))
    done = mypy(str(tmp_path / "wrong.py"), cwd=ROOT)
    assert done.returncode == 1
    assert 'Extra key "uids" for TypedDict "OccurrenceOut"' in done.stdout
    assert 'Missing key "uid" for TypedDict "OccurrenceOut"' in done.stdout


@pytest.mark.parametrize("codes, values", [
    (penalties.LICENCE_ACTIONS, penalties.model.LicenceAction),
    (penalties.COMBINATIONS, penalties.model.Combination),
    (penalties.RESTS_ON, penalties.model.RestsOn),
    (thresholds.KINDS, thresholds.FactKind),
    (inspections.WINDOWS, inspections.WindowKind),
    (inspections.COVERAGES, inspections.Coverage),
    (traffic.MEASURE_KINDS, traffic.MeasureKind),
    (traffic.MEASURES, traffic.Quantity),
], ids=["licence", "combination", "rests_on", "fact kind", "window", "coverage", "measure kind", "measured"])
def test_the_codes_the_domain_reads_are_the_values_its_answers_document(codes, values):
    # the loaders accept what these tuples and tables list; the answers' Literal types (and so the
    # document's enums) name these aliases: the two lists are one
    assert tuple(codes) == get_args(values)
