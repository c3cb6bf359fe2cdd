"""Reporters: one module per output format, each ``render(result, options) -> str``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from xesg.model.result import CheckResult


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 120


Renderer = Callable[[CheckResult, RenderOptions], str]
FORMATS = ("console", "json")


def renderer(fmt: str) -> Renderer:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = import_module(f"xesg.report.{fmt}_format")
    render: Renderer = module.render
    return render
