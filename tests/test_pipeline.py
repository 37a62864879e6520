from __future__ import annotations

from importlib import resources

import pytest

import sinew
from sinew.pipeline import ingest, process
from sinew.schema import RunSummary
from sinew.store import EventFilter, Store

DEMO = str(resources.files("sinew") / "data" / "demo")


def test_pipeline_extract_gives_the_record_contract(extract):
    text = "North Korea has reportedly shipped up to 4.8 million shells to Russia since August 2023."
    (record,) = [r for r in extract(text) if r.type == "AID"]
    assert (record.actor.country, record.recipient.country) == ("PRK", "RUS")
    assert record.what.category == "artillery_ammunition"
    assert (record.quantity.high, record.quantity.value, record.quantity.status) == (4.8e6, None, "upper_bound")
    assert record.modality == "reported"
    assert record.evidence.text == text and (record.evidence.start, record.evidence.end) == (0, len(text))
    assert record.date.start == "2023-08-01" and record.date.end == "2024-06-14"


def test_pipeline_ids_are_stable(extract):
    text = "Iran delivered 200 missiles to Russia. Russia sent oil to North Korea."
    first, second = extract(text), extract(text)
    assert [r.id for r in first] == [r.id for r in second] and len(first) == 2
    assert len({r.id for r in first}) == 2


def test_pipeline_evidence_offsets_point_into_the_document(extract):
    text = "Officials met on Monday.\n\nMoscow received 3,000 drones from Tehran in 2023."
    (record,) = extract(text)
    assert text[record.evidence.start:record.evidence.end] == record.evidence.text
    assert record.evidence.text.startswith("Moscow received")


def test_pipeline_accounts_for_every_input(tmp_path, write_jsonl):
    path = write_jsonl([{"id": "a", "text": "Russia received drones from Iran."},
                        {"id": "b"},
                        {"id": "c", "text": "Russia received drones from Iran."}])
    (tmp_path / "bad.jsonl").write_text('{"text": "ok text here"}\nnot json\n')
    summary = RunSummary()
    outcomes = list(process([str(path), str(tmp_path / "bad.jsonl")], summary=summary))
    assert [o.status for o in outcomes] == ["processed", "rejected", "duplicate", "processed", "rejected"]
    assert (summary.read, summary.processed, summary.duplicate, summary.rejected) == (5, 2, 1, 2)
    assert summary.balanced and not summary.ok
    assert summary.reasons == {"no-text": 1, "not-json": 1}


def test_pipeline_ingest_twice_adds_nothing(tmp_path):
    with Store(tmp_path / "demo.duckdb") as store:
        first = ingest([DEMO], store)
        counts = store.counts()
        second = ingest([DEMO], store)
        assert store.counts() == counts
    assert first.processed == 20 and first.rejected == 0 and first.events > 20
    assert second.processed == 0 and second.duplicate == 20


def test_pipeline_demo_finds_north_korean_shells_for_russia(tmp_path):
    with Store(tmp_path / "demo.duckdb") as store:
        ingest([DEMO], store)
        flows = store.events(EventFilter(type="AID", actor="PRK", recipient="RUS",
                                         commodity="artillery_ammunition"))
    assert len(flows) >= 3
    assert all(r.quantity is None or r.quantity.unit in {"shell", "round", "container", "munition"}
               for r in flows)
    assert any(r.quantity is not None and r.modality in {"reported", "assessed"} for r in flows)


def test_pipeline_unknown_model_is_a_model_error():
    with pytest.raises(sinew.errors.ModelError, match="SINEW_MODEL"):
        sinew.extract("text", model="no_such_spacy_pipeline")


def test_pipeline_workers_give_the_same_records():
    one = [r for o in process([DEMO]) for r in o.records]
    two = [r for o in process([DEMO], workers=2) for r in o.records]
    assert one == two and len(one) > 20


def test_pipeline_ingest_accepts_a_database_path(tmp_path):
    summary = sinew.ingest([DEMO], tmp_path / "p.duckdb")
    with sinew.open(tmp_path / "p.duckdb") as store:
        assert store.counts()["documents"] == summary.processed == 20


def test_pipeline_hard_wrapped_text_keeps_its_sentences(extract):
    text = ("Officials in Seoul said on Tuesday that the shipments had continued and that\n"
            "North Korea has shipped more than one million artillery shells to Russia since\n"
            "August last year, according to the spy agency, which briefed lawmakers on the\n"
            "findings in a closed session of the intelligence committee of the parliament.\n")
    (record,) = [r for r in extract(text) if r.type == "AID"]
    assert (record.actor.country, record.recipient.country) == ("PRK", "RUS")
    assert record.evidence.start == 0 and record.evidence.text.rstrip().endswith("parliament.")


def test_pipeline_unexpected_extraction_error_rejects_the_document_not_the_run(
        monkeypatch, write_jsonl):
    import sinew.pipeline as pipeline_module

    real = pipeline_module.extract_doc

    def flaky(doc, document, nlp):
        if document.id == "bad":
            raise AttributeError("'NoneType' object has no attribute 'head'")
        return real(doc, document, nlp)

    monkeypatch.setattr(pipeline_module, "extract_doc", flaky)
    path = write_jsonl([{"id": "bad", "text": "Russia received drones from Iran."},
                        {"id": "good", "text": "Iran delivered 200 missiles to Russia."}])
    summary = RunSummary()
    outcomes = list(process([str(path)], summary=summary))
    assert [o.status for o in outcomes] == ["rejected", "processed"]
    assert "AttributeError" in outcomes[0].rejected.reason and outcomes[1].records
    assert summary.balanced and summary.reasons == {"extract-failed": 1}


def test_pipeline_extract_and_ingest_give_one_text_the_same_ids(tmp_path, extract):
    text = "North Korea shipped Shells to Russia in 2024."
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([str(tmp_path / "note.txt")], store, default_date="2024-06-14")
        stored = store.events()
    assert [r.id for r in extract(text)] == [r.id for r in stored] and stored


def test_pipeline_an_id_reused_for_another_text_is_rejected_not_hidden(write_jsonl, tmp_path):
    path = write_jsonl([{"id": "a", "text": "Russia received drones from Iran."},
                        {"id": "a", "text": "Russia received drones from Iran."},
                        {"id": "a", "text": "North Korea shipped shells to Russia."}])
    summary = RunSummary()
    statuses = [o.status for o in process([str(path)], summary=summary)]
    assert statuses == ["processed", "duplicate", "rejected"]
    assert summary.reasons == {"id-conflict": 1}
    with Store(tmp_path / "s.duckdb") as store:
        ingest([str(path)], store)
        again = write_jsonl([{"id": "a", "text": "Iran delivered missiles to Russia."}], "b.jsonl")
        second = ingest([str(again)], store)
        assert (second.rejected, second.duplicate) == (1, 0)
        assert store.document("a").text == "Russia received drones from Iran."
