"""The schema and the model describe the same fields, and the vocabularies are well formed."""

from __future__ import annotations

import inspect

import pytest

from tipcli.data import build, schema, vocab
from tipcli.data.schema import TableSpec


def _specs(spec: TableSpec) -> list[TableSpec]:
    found = [spec]
    for field in spec.fields:
        if field.table is not None:
            found.extend(_specs(field.table))
    return found


@pytest.mark.parametrize("spec", _specs(schema.DIRECTORY), ids=lambda s: s.name)
def test_spec_names_exactly_the_dataclass_fields(spec: TableSpec) -> None:
    assert spec.cls is not None
    # A NamedTuple's constructor takes exactly its fields.
    model_fields = set(inspect.signature(spec.cls).parameters)
    derived = schema.DERIVED.get(spec.name, frozenset())
    assert {f.name for f in spec.fields} == model_fields - derived


@pytest.mark.parametrize("spec", _specs(schema.DIRECTORY), ids=lambda s: s.name)
def test_model_annotations_agree_with_the_schema(spec: TableSpec) -> None:
    """The loader builds the model from the types' annotations, without the schema:
    they must say the same about which fields hold text values and which nested
    tables, and of what type."""
    shape = build.shape_of(spec.cls)
    assert shape.cls is spec.cls
    from_annotations = {name: sub.cls for name, _, sub, _ in shape.fields if sub is not None}
    from_schema = {f.name: f.table.cls for f in spec.fields if f.table is not None}
    assert from_annotations == from_schema
    assert all(f.type == schema.TABLES for f in spec.fields if f.table is not None)
    texts_by_annotation = {name for name, texts, _, _ in shape.fields if texts}
    assert texts_by_annotation == {f.name for f in spec.fields if f.type == schema.TEXTS}


def test_vocabularies_use_ids_and_describe_each_value() -> None:
    for values in (
        vocab.ORGANISATION_KINDS, vocab.PROGRAM_KINDS, vocab.LAW_KINDS, vocab.PILLARS,
        vocab.OPERATOR_ROLES, vocab.MEMBERSHIP_ROLES, vocab.PROVISION_RELATIONS,
        vocab.EVENT_KINDS, vocab.ALIAS_TYPES,
    ):  # fmt: skip
        for key, description in values.items():
            assert key == key.lower() and " " not in key
            assert description and not description.endswith(".")


def test_every_field_is_documented() -> None:
    """docs/DATA.md names every field of every table, so the reference cannot fall behind."""
    from tests.conftest import REPO

    text = (REPO / "docs" / "DATA.md").read_text(encoding="utf-8")
    missing = [
        f"{spec.name}.{field.name}"
        for spec in _specs(schema.DIRECTORY)
        for field in spec.fields
        if f"`{field.name}`" not in text
    ]
    assert missing == []
    for values in (vocab.ORGANISATION_KINDS, vocab.PROGRAM_KINDS, vocab.MEMBERSHIP_ROLES,
                   vocab.OPERATOR_ROLES, vocab.EVENT_KINDS, vocab.PROVISION_RELATIONS):  # fmt: skip
        assert [value for value in values if f"`{value}`" not in text] == []
