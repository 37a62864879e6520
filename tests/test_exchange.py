"""Tests for sinew.exchange: PLOVER JSON and the CAMEO table, written and read back."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import doc, make_store, rec
from sinew.cameo import plover_table, to_plover
from sinew.cli import main
from sinew.errors import InputError, QueryError
from sinew.exchange import (cameo_code, plover_record, read_cameo_tsv, read_plover_json,
                            write_exchange)
from sinew.store import EventFilter
from sinew.schema import (EVENT_TYPES, MODALITIES, ActorRef, Attribution, DateInfo, Evidence,
                          Quantity, Record, What)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "exchange.md"


def _records() -> list[Record]:
    """Records that differ in every field the formats carry: modes that are PLOVER modes and
    modes that are contexts, no recipient, no date, a range, an attribution, a page."""
    return [
        rec("d1", value=1000, mode="military", start="2024-05-01", end="2024-05-31",
            by="USA", by_text="US officials"),
        rec("d1", supplier="IRN", recipient=None, what="drones", low=200, high=300,
            type_="AID", mode="economic", modality="alleged"),
        dataclasses.replace(rec("d2", supplier="RUS", recipient="UKR", type_="ASSAULT",
                                mode="aerial", what="missiles"),
                            evidence=Evidence("Russia struck Kyiv with missiles.", 40, 73, 14)),
        rec("d2", supplier="PRK", recipient="RUS", type_="MOBILIZE", mode="troops",
            what="troops", modality="reported"),
        rec("d2", supplier="RUS", recipient=None, kind="measure", type_="production",
            what="artillery_ammunition", value=2_000_000, per="year"),
    ]


def _exported(records: list[Record], fmt: str,
              tmp_path: Path) -> tuple[list[Record], str, list[Record]]:
    """The store's events, the exported file's text and the records read back from it."""
    store = make_store((doc("d1", "2024-06-01"), [r for r in records if r.doc_id == "d1"]),
                       (doc("d2", "2024-07-01"), [r for r in records if r.doc_id == "d2"]))
    target = store.export(tmp_path / f"out.{fmt}", fmt)
    text = target.read_text(encoding="utf-8")
    stored = store.events(EventFilter(kind="event"))
    with target.open(encoding="utf-8", newline="") as handle:
        back = list(read_plover_json(handle) if fmt == "plover-json" else read_cameo_tsv(handle))
    return stored, text, back


def test_exchange_plover_json_round_trip_gives_the_same_records(tmp_path):
    stored, _, back = _exported(_records(), "plover-json", tmp_path)
    assert len(stored) == 4 and back == stored  # measures are not events: left out


def _event(record: Record) -> tuple[Any, ...]:
    """What a CAMEO table keeps of a record: the event, its parties, sentence and date."""
    def party(ref: ActorRef | None):
        return None if ref is None else (ref.code, ref.name, ref.text, ref.country, ref.sector)

    when = record.date
    return (record.id, record.doc_id, record.kind, record.type, record.mode,
            party(record.actor), party(record.recipient), record.modality,
            record.what.category if record.what else None,
            " ".join(record.evidence.text.split()), record.evidence.start, record.evidence.end,
            record.evidence.page, (when.start, when.end) if when else None)


def test_exchange_cameo_tsv_round_trip_gives_the_same_events(tmp_path):
    stored, text, back = _exported(_records(), "cameo-tsv", tmp_path)
    assert [_event(r) for r in back] == [_event(r) for r in stored]
    rows = [line.split("\t") for line in text.splitlines()]
    header = rows[0]
    codes = [row[header.index("CAMEO Code")] for row in rows[1:]]
    assert codes[:2] == ["072", "071"]  # AID's military and economic contexts
    dated = [row[header.index("Event Date")] for row in rows[1:]]
    assert dated[0] == "2024-05-01" and dated[1] == "2024-06-01"  # else the publication's


def test_exchange_plover_json_has_the_manual_field_names(tmp_path):
    record = _records()[0]
    row = plover_record(record, doc("d1", "2024-06-01"))
    assert row["event"] == ["AID"] and row["mode"] == [] and row["context"] == ["military"]
    assert row["date"] == "2024-05-01" and row["enddate"] == "2024-05-31"
    assert row["actor"][0]["code"] == "PRK" and row["recipient"][0]["code"] == "RUS"
    assert row["quad_code"] == 2 and row["event_scale"] == 10.0
    assert row["text"] == record.evidence.text and row["event_text"] == ["sent"]
    assert row["cite_info"]["citation"] == "d1" and row["cite_info"]["publication"] == "outlet"
    assert row["event_loc"] is None
    mobilize = plover_record(_records()[3])
    assert mobilize["mode"] == ["troops"] and mobilize["context"] == []


def _placed(record: Record, place: dict) -> Record:
    return Record.from_dict({**record.to_dict(), "location": place})


def test_exchange_formats_carry_the_location_when_a_record_has_one():
    place = {"text": "Novorossiysk", "start": 40, "end": 52, "how": "exact",
             "name": "Novorossiysk", "country": "RUS", "admin1": "Krasnodar Krai",
             "lat": 44.72, "lon": 37.77, "geonames_id": 518255, "feature": "PPLA2"}
    placed = _placed(_records()[0], place)
    loc = plover_record(placed)["event_loc"]
    assert (loc["resolved_place"], loc["lat"], loc["lon"], loc["geonameid"], loc["province"],
            loc["feature_code"]) == ("Novorossiysk", 44.72, 37.77, 518255, "Krasnodar Krai",
                                     "PPLA2")
    out = io.StringIO()
    write_exchange([placed], "cameo-tsv", out)
    header, row = (line.split("\t") for line in out.getvalue().splitlines())
    cells = dict(zip(header, row))
    assert (cells["Location"], cells["Latitude"], cells["GeoNames ID"]) == \
        ("Novorossiysk", "44.72", "518255")


@pytest.mark.parametrize("fmt", ["plover-json", "cameo-tsv"])
def test_exchange_refuses_a_measure(fmt):
    with pytest.raises(QueryError, match="not a PLOVER event type"):
        write_exchange([_records()[4]], fmt, io.StringIO())


def test_exchange_reads_another_coders_minimal_plover_record():
    line = json.dumps({"id": "PHOXv1-20160724-0042", "date": "2016-07-24",
                       "actor": [{"code": "USA"}], "recipient": [{"code": "CAN"}],
                       "event": ["CONSULT"], "mode": [], "context": ["diplomatic"]})
    record, = read_plover_json([line])
    assert (record.id, record.type, record.actor.code, record.recipient.country) == \
        ("PHOXv1-20160724-0042", "CONSULT", "USA", "CAN")
    assert record.date.start == "2016-07-24" and record.mode == "diplomatic"


def test_exchange_reads_a_plain_cameo_table():
    table = "Event ID\tEvent Date\tSource Code\tCAMEO Code\tTarget Code\ne1\t2024-02-01\tPRK\t0872\tRUS\n"
    record, = read_cameo_tsv(io.StringIO(table))
    assert (record.type, record.mode, record.actor.code, record.recipient.code) == \
        ("RETREAT", "withdraw", "PRK", "RUS")


@pytest.mark.parametrize("reader, content, where", [
    (lambda c: list(read_plover_json(c.splitlines())), '{"id": "a", "event": ["AID"]}\nnot json\n',
     "line 2"),
    (lambda c: list(read_plover_json(c.splitlines())), '{"event": ["AID"]}\n', "line 1"),
    (lambda c: list(read_cameo_tsv(io.StringIO(c))), "id\tcode\n1\t2\n", "Event ID"),
    (lambda c: list(read_cameo_tsv(io.StringIO(c))), "Event ID\tCAMEO Code\ne1\t01\n", "line 2"),
])
def test_exchange_readers_name_the_line_they_cannot_read(reader, content, where):
    with pytest.raises(InputError, match=where):
        reader(content)


@pytest.mark.parametrize("type_, mode, code", [
    ("AID", None, "070"), ("AID", "military", "072"), ("AID", "humanitarian", "073"),
    ("CONSULT", "visit", "042"), ("RETREAT", None, "084"), ("RETREAT", "withdraw", "0872"),
    ("ASSAULT", None, "180"), ("ASSAULT", "heavy-weapons", "194"), ("ASSAULT", "aerial", "180"),
    ("MOBILIZE", "troops", "152"), ("COERCE", "restrict", "163"),
])
def test_exchange_cameo_code_follows_the_documented_rule(type_, mode, code):
    assert cameo_code(type_, mode) == code


def test_exchange_cameo_code_maps_back_to_the_same_type_and_mode():
    table = plover_table()
    for type_ in EVENT_TYPES:
        assert to_plover(cameo_code(type_)).type == type_
        for entry in {v for v in table.values() if v.type == type_}:
            for value in [entry.mode] if entry.mode else _contexts(entry):
                back = to_plover(cameo_code(type_, value))
                assert back.type == type_, (type_, value)
                assert value == back.mode or value in _contexts(back), (type_, value)


def _contexts(entry) -> list[str]:
    return [c.strip() for c in (entry.context or "").split(";") if c.strip()]


def test_exchange_docs_list_each_types_cameo_code():
    listed = dict(re.findall(r"^\| ([A-Z]+) \| `(\d+)` \|", DOCS.read_text(), re.MULTILINE))
    assert listed == {t: cameo_code(t) for t in EVENT_TYPES}


_refs = st.one_of(st.none(), st.builds(
    ActorRef, code=st.sampled_from(["PRK", "RUSMIL", "IRNGOV", None]),
    name=st.one_of(st.none(), st.text(max_size=12)), text=st.text(max_size=12),
    country=st.sampled_from(["PRK", "RUS", None]), sector=st.sampled_from(["MIL", None]),
    how=st.sampled_from(["name", "unresolved"])))
_figures = st.one_of(st.none(), st.floats(0, 1e9, allow_nan=False))
_records_st = st.builds(
    Record, id=st.text("abcdef0123456789", min_size=1, max_size=16), doc_id=st.just("d1"),
    kind=st.sampled_from(["event", "measure"]), type=st.sampled_from(EVENT_TYPES),
    mode=st.sampled_from([None, "military", "economic", "visit", "troops", "aerial", "other"]),
    actor=_refs, recipient=_refs,
    what=st.one_of(st.none(), st.builds(What, category=st.sampled_from(["drones", "oil"]),
                                        text=st.text(max_size=10))),
    quantity=st.one_of(st.none(), st.builds(Quantity, value=_figures, low=_figures,
                                            high=_figures, unit=st.sampled_from(["shell", None]))),
    modality=st.sampled_from(MODALITIES),
    attribution=st.one_of(st.none(), st.builds(Attribution, code=st.sampled_from(["USA", None]),
                                               text=st.text(max_size=10))),
    date=st.one_of(st.none(), st.builds(
        DateInfo, start=st.sampled_from(["2024-01-01", None]), end=st.sampled_from(["2024-03-31", None]),
        granularity=st.sampled_from(["day", "month", None]), text=st.text(max_size=8),
        status=st.sampled_from(["exact", "unresolved"]))),
    evidence=st.builds(Evidence, text=st.text(max_size=40), start=st.integers(0, 10_000),
                       end=st.integers(0, 10_000), page=st.one_of(st.none(), st.integers(1, 400))),
    trigger=st.text(max_size=10))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_records_st, max_size=5))
def test_exchange_plover_json_round_trip_property(records):
    out = io.StringIO()
    write_exchange(records, "plover-json", out, {"d1": doc("d1")})
    assert list(read_plover_json(io.StringIO(out.getvalue()))) == records
    assert len(out.getvalue().splitlines()) == len(records)  # no raw line separators inside


def test_cli_export_as_plover_json_and_cameo_tsv(tmp_path):
    db = tmp_path / "t.duckdb"
    make_store((doc("d1"), _records()[:2]), path=db).close()
    runner = CliRunner()
    result = runner.invoke(main, ["export", str(tmp_path / "e.json"), "--db", str(db),
                                  "--as", "plover-json"])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "e.json").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["event"] for line in lines] == [["AID"], ["AID"]]
    result = runner.invoke(main, ["export", str(tmp_path / "e.tsv"), "--db", str(db)])
    assert result.exit_code == 0 and "cameo-tsv" in result.output
    assert (tmp_path / "e.tsv").read_text(encoding="utf-8").startswith("Event ID\tEvent Date")
    result = runner.invoke(main, ["export", str(tmp_path / "x.json"), "--db", str(db),
                                  "--as", "plover-json", "--table", "documents"])
    assert result.exit_code == 2 and "records table" in result.output
