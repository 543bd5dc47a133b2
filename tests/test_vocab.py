"""vocab: concept IRIs for codes of the record format."""

from __future__ import annotations

from coopkg import vocab


def test_concepts_are_in_the_ontology_namespace() -> None:
    assert vocab.role_concept("lead") == f"{vocab.COOP}role-lead"
    assert vocab.fund_concept("ERDF") == f"{vocab.COOP}fund-ERDF"
    for concept in (vocab.unit_concept, vocab.status_concept, vocab.level_concept):
        assert concept("x").startswith(str(vocab.COOP))
