"""Configuration: defaults < ``[tool.xesg]`` in pyproject.toml < xesg.toml < command-line flags.

Unknown keys are errors (a misspelt ``ignroe`` must not silently do nothing). Waivers are the
domain's own "comply or explain": each needs a reason.
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from xesg.catalogue.levels import DEFAULT_TIER, Tier
from xesg.errors import InputError, XesgError
from xesg.load.guard import MAX_CONFIG_BYTES, read_bytes
from xesg.model.finding import Confidence, Severity

FailOn = Literal["error", "warning", "info", "never"]


class ConfigError(XesgError):
    """The configuration file is broken or has unknown keys."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Waiver(_Strict):
    """Accept a finding on purpose: matched by rule (code or name) + code (+ page)."""

    rule: str
    code: str | None = None
    page: str | None = None
    # A reason of blanks is none: "comply or explain" needs an explanation.
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]


class Config(_Strict):
    # Rule selectors: codes, names, code prefixes (PAG), groups (pages), comma lists; empty
    # select: all rules.
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = {}  # rule code or name -> severity
    rules: dict[str, dict[str, Any]] = {}  # rule code or name -> rule options
    fail_on: FailOn = "error"
    min_confidence: Confidence = Confidence.LOW
    min_severity: Severity = Severity.INFO  # findings below it are not reported
    docs_url: str | None = None  # base of the rule pages for links (SARIF helpUri …)
    standards: tuple[str, ...] = ()
    editions: dict[str, str] = {}  # standard -> edition, e.g. {"hkex": "2020"}
    period_end: dt.date | None = None  # end of the reporting period (selects editions)
    issuer: Tier = DEFAULT_TIER  # HKEx issuer tier: sets the level of each Part D provision
    claim_levels: dict[str, str] = {}  # standard -> claim level, overrides detection
    sasb_industries: tuple[str, ...] = ()
    catalogue: Path | None = None
    first_page: int | None = Field(default=None, ge=0)  # as --first-page
    encoding: str | None = None  # of text, HTML, Markdown and CSV inputs (overrides detection)
    index: Path | None = None  # the index as a separate CSV/XLSX file
    documents: dict[str, Path] = {}  # other documents the index cites: name -> file
    columns: dict[str, str] = {}  # role -> header name in that file (overrides detection)
    waivers: tuple[Waiver, ...] = ()

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _one_string(cls, value: Any) -> Any:
        """``select = "PAG,IDX001"`` reads as the list ``["PAG,IDX001"]``."""
        return (value,) if isinstance(value, str) else value

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, name: str | None) -> str | None:
        if name is not None:
            try:
                codecs.lookup(name)
            except LookupError:
                raise ValueError(f"unknown encoding {name!r}") from None
        return name

    def merged(self, **overrides: Any) -> Config:
        """A copy with the given (non-empty) values replacing this config's."""
        given = {k: v for k, v in overrides.items() if v not in (None, (), {}, [])}
        return self.model_validate({**self.model_dump(), **given})


def _table_from(path: Path, pyproject: bool) -> dict[str, Any] | None:
    import tomllib  # only where there is a file to read (~11 M instructions to load)

    try:
        data = tomllib.loads(read_bytes(path, MAX_CONFIG_BYTES, "a configuration file").decode())
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    if not pyproject:
        return data
    tool = data.get("tool", {})
    return tool.get("xesg") if isinstance(tool, dict) else None


def _validate(table: dict[str, Any], path: Path) -> Config:
    try:
        return Config.model_validate(table)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "(top level)"
        raise ConfigError(f"{path}: {where}: {error['msg']}") from None


def find_config(start: Path) -> Path | None:
    """The nearest xesg.toml, or pyproject.toml with a [tool.xesg] table, from ``start`` up."""
    for folder in (start, *start.parents):
        if (folder / "xesg.toml").is_file():
            return folder / "xesg.toml"
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _table_from(pyproject, pyproject=True) is not None:
            return pyproject
    return None


def load_config(
    explicit: Path | None = None, start: Path | None = None
) -> tuple[Config, Path | None]:
    """Read the configuration; relative paths in it are relative to the file."""
    path = explicit if explicit is not None else find_config((start or Path.cwd()).resolve())
    if path is None:
        return Config(), None
    if not path.exists() and not path.is_symlink():
        raise ConfigError(f"{path}: configuration file not found")
    table = _table_from(path, pyproject=path.name == "pyproject.toml") or {}
    config = _validate(table, path)
    for key in ("catalogue", "index"):
        value = getattr(config, key)
        if value is not None and not value.is_absolute():
            config = config.merged(**{key: path.parent / value})
    if config.documents:
        documents = {
            k: v if v.is_absolute() else path.parent / v for k, v in config.documents.items()
        }
        config = config.merged(documents=documents)
    return config, path
