"""No import cycle anywhere in calc/ (issue 14, item 2), imports inside functions included.

A cycle is what let calc/schedules.py be both the base every area imports and the assembler that
imports the areas back (by name, at run time, so no tool saw it): each module now imports only what
lies beneath it. Read from the source with ast, so a cycle hidden in a function body counts too.
"""
from __future__ import annotations

import ast
from pathlib import Path

CALC = Path(__file__).resolve().parent.parent / "calc"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(CALC.rglob("*.py")):
        parts = path.relative_to(CALC.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _package(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The calc modules `name` imports, anywhere in its body. `from . import bp` imports the
    package itself; `from . import home` the module home. A submodule's parent packages, which
    Python runs first, are not counted: every package would be in a cycle with its own modules."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package(name, path)
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in known else base)
    return {m for m in out if m in known and m != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_reader_sees_the_imports_it_must():
    edges = graph()
    assert "calc.nodes" in edges["calc.penalties.loader"]  # from ..nodes import …
    assert "calc.thresholds" in edges["calc.penalties.loader"]  # from ..thresholds import …
    assert "calc.penalties.loader" in edges["calc.penalties"]  # the package's __init__: from .loader import …
    assert "calc.thresholds" in edges["calc.cli.penalties"]  # `from .. import thresholds` inside a function
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_of_calc_is_in_an_import_cycle():
    assert cycles(graph()) == []


def test_no_module_is_imported_by_a_name_built_at_run_time():
    """importlib.import_module(f"calc.{area}") hid a cycle from every reader: registries instead."""
    calls = [f"{path.relative_to(CALC.parent)}:{node.lineno}" for path in modules().values()
             for node in ast.walk(ast.parse(path.read_text("utf-8")))
             if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"]
    assert calls == []


def test_the_web_pages_never_import_the_http_adapter():
    """calc/web reads the schedules through calc/app_state.py: the two front ends stand side by side."""
    edges = graph()
    reached = {(m, d) for m, deps in edges.items() if m.startswith("calc.web") for d in deps
               if d == "calc.api" or d.startswith("calc.api.")}
    assert reached == set()


def test_etag_and_304_are_written_once():
    """One helper (calc/etags.py) answers If-None-Match; the adapters only say what the tag is made of."""
    writers = sorted(str(p.relative_to(CALC.parent)) for p in modules().values()
                     if any(word in p.read_text("utf-8") for word in ("if_none_match", "set_etag", "make_conditional")))
    assert writers == ["calc/etags.py"]
