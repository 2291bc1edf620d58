"""Every text written in content/ is read by the app: a field nobody reads is words nobody
sees, and should be shown where it helps or taken out.

The check reads the code with ``ast``: tui/, storage/, and the one function of content that
the app asks to choose its words by role (``Knowledge.guidance``, with the helpers it
calls). A field of a section
counts as read when one class (its methods together), one function outside a class, or a
module's top level both reaches the section and reads the field. It reaches the section by
its list (``k.exits``), its look-up (``k.exit(key)``, found from content/models.py itself),
its name as a string (``"exits"``), or the field of the chosen guidance that carries it
(``guidance.calm`` for ``calm_down``, found by type); it reads the field as an attribute
(``e.examples``) or as a string (``getattr(role, "moves")``). A key of a table of prompts
(``moment_prompts["trigger"]``) counts when it appears as a string beside the table.
Nothing is exempt: a new field, section or prompt must be used to pass.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin, get_type_hints

import pytest

import content
from content import knowledge
from content.models import Guidance, Knowledge

ROOT = Path(content.__file__).resolve().parent.parent
CODE = [p for folder in ("tui", "storage") for p in sorted((ROOT / folder).rglob("*.py"))]


def _lookups() -> dict[str, str]:
    """Knowledge's look-up methods and the section each reads (``exit`` -> ``exits``), from
    the ``self._find("section", key)`` inside each."""
    tree = ast.parse((ROOT / "content" / "models.py").read_text())
    found: dict[str, str] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Knowledge"):
        for fn in (n for n in cls.body if isinstance(n, ast.FunctionDef)):
            for call in ast.walk(fn):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "_find" and call.args
                        and isinstance(call.args[0], ast.Constant)):
                    found[fn.name] = call.args[0].value
    return found


LOOKUPS = _lookups()


def _carried() -> dict[str, str]:
    """The fields of the chosen guidance and the section each carries, by type
    (``calm`` -> ``calm_down``, ``reasons`` -> ``reasons``)."""
    knows = get_type_hints(Knowledge)
    plain = {name: _bare(tp) for name, tp in knows.items()}
    out = {}
    for name, tp in get_type_hints(Guidance).items():
        found = [s for s, t in plain.items() if t == _bare(tp)]
        if len(found) == 1:
            out[name] = found[0]
        elif name in found:
            out[name] = name
    return out


def _bare(tp: Any) -> Any:
    """A type without its Annotated marks, at every depth."""
    if get_origin(tp) is Annotated:
        return _bare(get_args(tp)[0])
    args = get_args(tp)
    if args and get_origin(tp) in (list, dict):
        return (get_origin(tp), *(_bare(a) for a in args))
    return tp


CARRIED = _carried()


class Scope:
    """What one function (or one module's top level) names: attributes and strings."""

    def __init__(self, names: set[str], strings: set[str]) -> None:
        self.names = names
        self.strings = strings

    def reaches(self, section: str) -> bool:
        by_lookup = {m for m, s in LOOKUPS.items() if s == section}
        carried = {g for g, s in CARRIED.items() if s == section}
        return bool({section} & (self.names | self.strings)
                    or (by_lookup | carried) & self.names)

    def reads(self, field: str) -> bool:
        return field in self.names or field in self.strings


def _scope(nodes: list[ast.AST]) -> Scope:
    names: set[str] = set()
    strings: set[str] = set()
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute):
                names.add(sub.attr)
            elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                strings.add(sub.value)
    return Scope(names, strings)


def _units(tree: ast.Module) -> list[list[ast.AST]]:
    """A module's top level, each class, and each function outside a class."""
    top = [n for n in tree.body
           if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    units: list[list[ast.AST]] = [top]
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            units.append([node])
    return units


def _scopes() -> list[Scope]:
    out: list[Scope] = []
    for path in CODE:
        tree = ast.parse(path.read_text(), str(path))
        units = _units(tree)
        module = _scope(units[0])
        out.append(module)
        for unit in units[1:]:
            own = _scope(unit)
            # module-level constants (tables of field names) count inside its classes
            out.append(Scope(own.names, own.strings | module.strings))
    # The chooser, with the functions of content/models.py it calls, as one unit.
    models = ast.parse((ROOT / "content" / "models.py").read_text())
    helpers = {n.name: n for n in models.body if isinstance(n, ast.FunctionDef)}
    for cls in (n for n in models.body if isinstance(n, ast.ClassDef) and n.name == "Knowledge"):
        for fn in (f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "guidance"):
            called = {c.func.id for c in ast.walk(fn)
                      if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}
            out.append(_scope([fn, *(helpers[name] for name in called if name in helpers)]))
    return out


SCOPES = _scopes()


def _fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.init]


def _uses() -> list[tuple[str, str]]:
    """(section, field) for every field of every section content/ fills in, and (table,
    key) for every key of the tables of prompts."""
    hints = get_type_hints(Knowledge)
    k = knowledge()
    out: list[tuple[str, str]] = []
    for section in _fields(Knowledge):
        tp = hints[section]
        while get_origin(tp) is not None and get_origin(tp) not in (list, dict):
            tp = get_args(tp)[0]  # Annotated[...]
        if get_origin(tp) is list:
            item = get_args(tp)[0]
            while get_origin(item) is not None:
                item = get_args(item)[0]
            out.append((section, ""))
            if dataclasses.is_dataclass(item):
                out += [(section, f) for f in _fields(item)]
        elif get_origin(tp) is dict:
            out.append((section, ""))
            value: Any = getattr(k, section)
            inner = next(iter(value.values()), None)
            if dataclasses.is_dataclass(inner):
                out += [(section, key) for key in value]
                out += [(section, f) for f in _fields(type(inner))]
        elif dataclasses.is_dataclass(tp):
            out.append((section, ""))
            out += [(section, f) for f in _fields(tp)]
    return out


USES = _uses()


def _read(section: str, field: str) -> bool:
    for scope in SCOPES:
        if scope.reaches(section) and (not field or scope.reads(field)):
            return True
    return False


def test_the_check_sees_the_sections_and_their_fields():
    assert ("exits", "examples") in USES and ("moment_prompts", "trigger") in USES
    assert ("calm_down", "closing") in USES and ("help", "safety") in USES
    assert LOOKUPS["exit"] == "exits" and LOOKUPS["missed_reason"] == "missed_reasons"
    assert CARRIED["calm"] == "calm_down" and CARRIED["reasons"] == "reasons"
    assert CARRIED["thought_prompts"] == "thought_prompts"


def test_the_check_can_fail():
    assert not _read("exits", "a_field_nobody_reads")
    assert not _read("a_section_nobody_reads", "")


@pytest.mark.parametrize(("section", "field"), USES, ids=[f"{s}.{f}" if f else s
                                                            for s, f in USES])
def test_every_text_in_content_is_read_by_the_app(section, field):
    assert _read(section, field), (
        f"content/{section}{'.' + field if field else ''} is never read by tui/ or storage/: "
        "show it where it helps, or take it out")
