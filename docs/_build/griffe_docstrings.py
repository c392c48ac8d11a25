"""Griffe extension for the API reference: the package's docstrings are written in reStructuredText
habits inside Markdown-readable prose; this turns them into what mkdocstrings renders.

* Cross-reference roles (``:func:`evaluate_batch```, ``:class:`~orbitflops.mission.MissionResult```)
  become links to the object's entry when the reference documents it, and inline code otherwise
  (an optional autorefs reference: an object left out of the reference is not an error).
* A paragraph ending in ``::`` before an indented code block ends in ``:``, as reST prints it.
* The compiled core (``orbitflops._core``) is read from its stub, ``_core.pyi``, which has the
  signatures; the docstrings of its classes and methods are the Rust ones, taken from the
  extension module at build time, where the stub has none.
"""

from __future__ import annotations

import html
import importlib
import inspect
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|data|mod|exc|obj|const):`(~?)([^`]+)`")
_DOUBLE_COLON = re.compile(r"(?<=\S)::[ \t]*$", re.MULTILINE)
_CORE = "orbitflops._core"


def _lookup(collection: Any, path: str) -> griffe.Object | griffe.Alias | None:
    try:
        return collection.get_member(path)
    except (KeyError, ValueError, AttributeError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None


def _resolve(obj: griffe.Object, name: str) -> str | None:
    """The documented path ``name`` refers to from the docstring of ``obj``, or None."""
    collection = obj.modules_collection
    scopes = []
    scope: griffe.Object | None = obj if obj.is_class or obj.is_module else obj.parent
    while scope is not None:
        scopes.append(scope)
        scope = scope.parent
    head = name.split(".", 1)[0]
    candidates = [name]
    for s in scopes:
        if head in s.members:
            candidates.append(f"{s.path}.{name}")
    candidates.append(f"orbitflops.{name}")
    for path in candidates:
        found = _lookup(collection, path)
        if found is None:
            continue
        try:
            return found.final_target.path if found.is_alias else found.path
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            return path
    return None


def _rewrite(obj: griffe.Object, text: str) -> str:
    def role(match: re.Match[str]) -> str:
        tilde, name = match.group(1), match.group(2).strip()
        shown = name.rsplit(".", 1)[-1] if tilde else name
        code = f"<code>{html.escape(shown)}</code>"
        target = _resolve(obj, name)
        if target is None:
            return code
        return f'<autoref identifier="{html.escape(target)}" optional>{code}</autoref>'

    text = _ROLE.sub(role, text)
    return _DOUBLE_COLON.sub(":", text)


def _runtime(path: str) -> Any:
    """The object at ``path`` (under orbitflops._core) in the compiled module, or None."""
    parts = path.split(".")
    try:
        value: Any = importlib.import_module(_CORE)
    except ImportError:
        return None
    for part in parts[len(_CORE.split(".")):]:
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


class OrbitflopsDocstrings(griffe.Extension):
    """Rewrite the roles of every docstring; fill the core's docstrings from the compiled module."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        self._walk(pkg)

    def _walk(self, obj: griffe.Object) -> None:
        if obj.path == _CORE or obj.path.startswith(_CORE + "."):
            if obj.docstring is None and (obj.is_class or obj.is_function or obj.is_attribute):
                value = _runtime(obj.path)
                # A constant's __doc__ is its type's: only descriptors (properties) carry their own.
                doc = None if obj.is_attribute and not inspect.isdatadescriptor(value) else getattr(value, "__doc__", None)
                if doc and not doc.startswith(obj.name + "("):
                    obj.docstring = griffe.Docstring(inspect.cleandoc(doc), parent=obj)
        if obj.docstring is not None:
            obj.docstring.value = _rewrite(obj, obj.docstring.value)
        for member in obj.members.values():
            if not member.is_alias:
                self._walk(member)
