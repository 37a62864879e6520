"""Filters in people's words: names as well as codes, commodity words, errors that suggest,
empty results that say which filter removed what, and one vocabulary on CLI and HTTP."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sinew.cli import main
from sinew.errors import QueryError
from sinew.filters import actor_code, commodity, why_empty
from sinew.store import EventFilter

from builders import doc, make_store, rec


@pytest.mark.parametrize("text, code", [
    ("North Korea", "PRK"), ("Pyongyang", "PRK"), ("DPRK", "PRK"), ("prk", "PRK"),
    ("Russia", "RUS"), ("RUSMIL", "RUSMIL"), ("Kim Jong Un", "PRKGOV"),
])
def test_filters_a_name_works_as_well_as_a_code(text, code):
    assert actor_code(text) == code


@pytest.mark.parametrize("text, suggestion", [
    ("Nork Korea", "North Korea"), ("Rusia", "Russia"), ("Iram", "Iran")])
def test_filters_an_unknown_actor_is_an_error_with_suggestions(text, suggestion):
    with pytest.raises(QueryError, match=f"unknown actor .*did you mean .*{suggestion}"):
        actor_code(text)


@pytest.mark.parametrize("text, category", [
    ("shells", "artillery_ammunition"), ("artillery_ammunition", "artillery_ammunition"),
    ("Drones", "drones"), ("military equipment", "military_equipment")])
def test_filters_commodity_words_and_categories(text, category):
    assert commodity(text) == category


def test_filters_an_unknown_commodity_is_an_error_with_suggestions():
    with pytest.raises(QueryError, match="unknown commodity 'missles' .*missiles"):
        commodity("missles")


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "f.duckdb"
    make_store((doc("a"), [rec("a", value=1, start="2024-01-01", end="2024-12-31"),
                           rec("a", supplier="IRN", what="drones", unit="drone", value=5,
                               start="2024-01-01", end="2024-12-31")]),
               (doc("u", published=None), [rec("u", value=2)]), path=path).close()
    return str(path)


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_filters_empty_result_says_which_filter_removed_what(db):
    from sinew.store import Store

    with Store(db, read_only=True) as store:
        why = why_empty(store, EventFilter(actor="IRN", recipient="UKR"))
    assert why == "no matches: 3 records in the store; --actor IRN leaves 1; --recipient UKR " \
                  "leaves 0"
    result = _run("events", "--db", db, "--actor", "Iran", "--recipient", "Ukraine")
    assert result.exit_code == 0 and "--recipient UKR leaves 0" in result.output


@pytest.mark.parametrize("command", [
    ("events", "--actor"), ("flows", "--actor"), ("flows", "--recipient"),
    ("depend", "--recipient")])
def test_filters_cli_unknown_name_exits_2_with_suggestions(db, command):
    name, option = command
    extra = ("--what", "shells", "--period", "2024") if name == "depend" else ()
    result = _run(name, "--db", db, option, "Nork Korea", *extra)
    assert result.exit_code == 2 and "did you mean North Korea" in result.output


def test_filters_one_vocabulary_with_old_spellings_as_aliases(db):
    new = _run("flows", "--db", db, "--actor", "North Korea", "--what", "shells", "-o", "jsonl")
    old = _run("flows", "--db", db, "--supplier", "PRK", "--what", "artillery_ammunition",
               "--output", "jsonl")
    assert new.exit_code == 0 and new.output == old.output and '"PRK"' in new.output
    by_what = _run("events", "--db", db, "--what", "drones", "-o", "jsonl").output
    by_commodity = _run("events", "--db", db, "--commodity", "drones", "-o", "jsonl").output
    assert by_what == by_commodity and by_what.count("\n") == 1
    by_period = _run("events", "--db", db, "--period", "2024", "-o", "jsonl").output
    by_dates = _run("events", "--db", db, "--since", "2024-01-01", "--until", "2024-12-31",
                    "-o", "jsonl").output
    assert by_period == by_dates


def test_filters_undated_records_only_with_include_undated(db):
    dated = _run("events", "--db", db, "--since", "2024-01-01", "-o", "jsonl").output
    every = _run("events", "--db", db, "--since", "2024-01-01", "--include-undated", "-o",
                 "jsonl").output
    assert (dated.count("\n"), every.count("\n")) == (2, 3)
    flows = _run("flows", "--db", db, "--since", "2024-01-01", "--include-undated", "-o",
                 "jsonl").output
    assert any(json.loads(line)["period"] == "undated" for line in flows.splitlines())


def test_filters_http_api_speaks_the_same_vocabulary(db):
    from fastapi.testclient import TestClient

    from sinew.web.app import create_app

    with TestClient(create_app(db)) as client:
        named = client.get("/api/events", params={"actor": "North Korea", "what": "shells"})
        assert named.json()["total"] == 2
        empty = client.get("/api/events", params={"actor": "Iran", "recipient": "Ukraine"})
        assert "--recipient UKR leaves 0" in empty.json()["why"]
        wrong = client.get("/api/events", params={"actor": "Nork Korea"})
        assert wrong.status_code == 422 and "North Korea" in wrong.json()["error"]
        flows = client.get("/api/flows", params={"actor": "Iran", "period": "2024"}).json()
        assert [f["supplier"] for f in flows["items"]] == ["IRN"]
        undated = client.get("/api/events", params={"since": "2024-01-01",
                                                    "include_undated": True}).json()
        assert undated["total"] == 3


def test_filters_period_and_since_together_is_a_usage_error(db):
    result = _run("events", "--db", db, "--period", "2024", "--since", "2024-01-01")
    assert result.exit_code == 2 and "not both" in result.output


def test_filters_codes_resolve_without_listing_every_party_of_the_store(monkeypatch):
    from sinew.store import Store

    store = make_store((doc("a"), [rec("a", supplier="XAA", recipient="XBB")]))

    def listing(*args, **kwargs):
        raise AssertionError("the store's parties were listed")

    monkeypatch.setattr(Store, "actors", listing)
    assert [actor_code(c, store) for c in ("PRK", "xaa", "XBB", "North Korea")] == \
        ["PRK", "XAA", "XBB", "PRK"]
    assert store.names_party("XAA") and not store.names_party("XCC")
