"""Whether a field's selection asks for certain fields below it, so a list's resolver can
load what its items will need in the same step (no per-item round of awaitables)."""

from __future__ import annotations

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)

from api.graphql.context import Info


def selects_any(info: Info, names: frozenset[str]) -> bool:
    """True when a field named in `names` appears anywhere under the field being resolved
    (through fragments too; directives are not evaluated, so a skipped one counts)."""
    raw = info._raw_info
    return any(
        _selects(node.selection_set, names, raw.fragments, set()) for node in raw.field_nodes
    )


def _selects(
    selection_set: SelectionSetNode | None,
    names: frozenset[str],
    fragments: dict[str, FragmentDefinitionNode],
    visited: set[str],
) -> bool:
    if selection_set is None:
        return False
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value in names:
                return True
            if _selects(selection.selection_set, names, fragments, visited):
                return True
        elif isinstance(selection, InlineFragmentNode):
            if _selects(selection.selection_set, names, fragments, visited):
                return True
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if name in visited or fragment is None:
                continue
            visited.add(name)
            if _selects(fragment.selection_set, names, fragments, visited):
                return True
    return False
