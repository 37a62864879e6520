"""The analysis commands on a hand-built store file, asserting on their real output."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import click
import pytest
from click.testing import CliRunner

from sinew.cli_analysis import COMMANDS, register
from builders import doc, make_store, measure, rec

YEAR = dict(start="2024-01-01", end="2024-12-31")


@pytest.fixture(scope="module")
def cli():
    @click.group()
    def group():
        """test group"""
    return register(group)


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "store.duckdb"
    make_store((doc("a"), [measure("a", "production", value=6e6, **YEAR),
                           rec("a", value=2e6, by="UKR", **YEAR),
                           rec("a", value=4e6, by="KOR", **YEAR),
                           rec("a", supplier="IRN", value=1e6, by="USA", **YEAR),
                           measure("a", "consumption", value=10_000, per="day")]),
               path=path).close()
    return str(path)


def invoke(cli, *args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_cli_analysis_registers_every_command(cli):
    assert sorted(cli.commands) == ["depend", "flows", "network", "rebuild", "whatif"]
    for command in COMMANDS:
        assert command.help


def test_cli_analysis_flows_table_jsonl_csv(cli, db):
    table = invoke(cli, "flows", "--db", db, "--evidence")
    assert table.exit_code == 0
    assert "PRK -> RUS" in table.output and "2,000,000" in table.output
    assert "Sentence" in table.output  # --evidence prints the sentences
    lines = invoke(cli, "flows", "--db", db, "-o", "jsonl").output.splitlines()
    prk = next(json.loads(line) for line in lines if '"PRK"' in line)
    assert prk["estimate"]["range"] == {"low": 2e6, "central": 3e6, "high": 4e6}
    assert len(prk["claims"]) == 2 and prk["claims"][0]["sources"][0]["evidence"]
    rows = list(csv.DictReader(io.StringIO(invoke(cli, "flows", "--db", db, "-o",
                                                  "csv").output)))
    assert {r["supplier"] for r in rows} == {"PRK", "IRN"}


def test_cli_analysis_depend(cli, db, tmp_path):
    args = ("depend", "--db", db, "--recipient", "RUS", "--what", "artillery_ammunition",
            "--period", "2024")
    result = invoke(cli, *args, "--chart", tmp_path / "s.png", "--chart", tmp_path / "s.svg")
    assert result.exit_code == 0
    assert "imports from PRK" in result.output and "domestic production" in result.output
    assert "HHI of import shares: 6,250 of 10,000" in result.output
    assert (tmp_path / "s.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "s.svg").read_text()
    data = json.loads(invoke(cli, *args, "-o", "jsonl").output)
    assert data["hhi"] == pytest.approx(6250)
    assert data["supply_total"] == {"low": 9e6, "central": 10e6, "high": 11e6}
    rows = list(csv.DictReader(io.StringIO(invoke(cli, *args, "-o", "csv").output)))
    assert [r["term"] for r in rows] == ["domestic production", "IRN", "PRK", "consumption"]


def test_cli_analysis_derived_figures_are_marked_with_their_rule(cli, db):
    args = ("depend", "--db", db, "--recipient", "RUS", "--what", "artillery_ammunition",
            "--period", "2024")
    table = invoke(cli, *args).output
    assert "derived, rate scaled to the period" in table  # consumption: 10,000 a day
    assert "gives 3,660,000 (derived, rate scaled to the period: per day x 366 days" in table
    assert "central figures: median over independent sources" in table
    rows = {r["term"]: r for r in csv.DictReader(io.StringIO(invoke(cli, *args, "-o",
                                                                      "csv").output))}
    assert rows["consumption"]["derived"] == "True" and rows["PRK"]["basis"] == "as reported"
    flows = list(csv.DictReader(io.StringIO(invoke(cli, "flows", "--db", db, "-o",
                                                   "csv").output)))
    assert {r["basis"] for r in flows if r["supplier"] == "PRK"} == {"as reported"}


def test_cli_analysis_whatif_inputs_name_the_rule_of_derived_figures(cli, db, tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text("recipient: RUS\nwhat: artillery_ammunition\nperiod: 2024\n"
                        "changes: [{action: stop, supplier: PRK}]\n")
    rows = list(csv.DictReader(io.StringIO(invoke(cli, "whatif", scenario, "--db", db, "-o",
                                                  "csv").output)))
    consumption = next(r for r in rows if r["name"] == "consumption")
    assert "1 derived (derived, rate scaled to the period)" in consumption["note"]


def test_cli_analysis_piped_output_is_not_hard_wrapped(cli, tmp_path):
    long = rec("a", value=1, **YEAR)
    long = replace(long, evidence=replace(long.evidence, text="word " * 50 + "end."))
    path = tmp_path / "long.duckdb"
    make_store((doc("a"), [long]), path=path).close()
    out = invoke(cli, "flows", "--db", path, "--evidence").output
    sentence = next(line for line in out.splitlines() if "record r" in line)
    assert sentence.rstrip().endswith('end."')  # the whole sentence on one line


def test_cli_analysis_whatif(cli, db, tmp_path):
    scenario = tmp_path / "stop.yaml"
    scenario.write_text("name: stop PRK\nrecipient: RUS\nwhat: artillery_ammunition\n"
                        "period: '2024'\nchanges:\n  - {action: stop, supplier: PRK}\n")
    result = invoke(cli, "whatif", scenario, "--db", db, "--chart", tmp_path / "b.png")
    assert result.exit_code == 0
    assert "change in balance: -4,000,000 to -2,000,000 (central -3,000,000)" in result.output
    assert "evidence" in result.output and "user" in result.output
    assert (tmp_path / "b.png").exists()
    data = json.loads(invoke(cli, "whatif", scenario, "--db", db, "-o", "jsonl").output)
    assert data["balance_change"]["central"] == -3e6
    rows = list(csv.DictReader(io.StringIO(invoke(cli, "whatif", scenario, "--db", db, "-o",
                                                  "csv").output)))
    assert {r["origin"] for r in rows if r["kind"] == "input"} == {"evidence", "user"}


def test_cli_analysis_network(cli, db, tmp_path):
    result = invoke(cli, "network", "--db", db, "--graphml", tmp_path / "n.graphml",
                    "--gexf", tmp_path / "n.gexf")
    assert result.exit_code == 0
    assert "2024-06" in result.output and "AID:3" in result.output
    assert (tmp_path / "n.graphml").exists() and (tmp_path / "n.gexf").exists()
    row = json.loads(invoke(cli, "network", "--db", db, "-o", "jsonl").output)
    assert row["month"] == "2024-06" and row["type AID"] == 3 and row["score"] == 30


@pytest.mark.parametrize("args, message", [
    (("flows", "--db", "{tmp}/missing.duckdb"), "cannot open store"),
    (("flows", "--db", "{db}", "--period", "last year"), "period 'last year'"),
    (("depend", "--db", "{db}", "--recipient", "RUS", "--what", "shells", "--period", "2024",
      "--chart", "{tmp}/c.gif"), ".png or .svg"),
    (("depend", "--db", "{db}", "--recipient", "RUS", "--what", "x", "--period", "2024"),
     "unknown commodity 'x'"),
    (("whatif", "{tmp}/none.yaml", "--db", "{db}"), "cannot read scenario"),
])
def test_cli_analysis_errors_exit_2_with_the_fix(cli, db, tmp_path, args, message):
    args = [a.format(tmp=tmp_path, db=db) for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output


def test_cli_analysis_registers_on_the_sinew_command():
    from sinew.cli import main

    register(main)
    result = CliRunner().invoke(main, ["depend", "--help"])
    assert result.exit_code == 0 and "--recipient" in result.output


def test_cli_analysis_rebuild_recomputes_the_aggregates(cli, db):
    from sinew.store import Store

    with Store(db) as store:
        before = store.query("SELECT * FROM claims ORDER BY id")
        store.query("DELETE FROM claims")
    result = invoke(cli, "rebuild", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("claim_sources: 5 rows, claims: 5 rows, network_counts: ")
    with Store(db, read_only=True) as store:
        assert store.query("SELECT * FROM claims ORDER BY id") == before
