"""Read one YAML document safely: the safe loader only, no anchors or aliases (a catalogue
never needs them, and refusing them rules out "billion laughs" bombs); every error names the
file and the line. PyYAML is imported only here, and only when a document is read: most runs
read the validated JSON cache instead (:mod:`xesg.catalogue.cache`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xesg.errors import CatalogueError

if TYPE_CHECKING:
    import yaml


def parse_yaml(text: str, name: str) -> object:
    """Safe-load one YAML document, refusing aliases; errors name the file and line."""
    import yaml  # only on a cache miss: most runs read the validated JSON cache

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node, name)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CatalogueError(f"{name}{where}: invalid YAML: {problem}") from None
    finally:
        loader.dispose()


def _refuse_aliases(root: yaml.Node, name: str) -> None:
    """An alias makes the composer reuse a node; seeing one node twice means an alias."""
    import yaml

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise CatalogueError(
                f"{name}:{node.start_mark.line + 1}: YAML aliases are not allowed in catalogues"
            )
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
