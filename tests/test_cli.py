from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinew.cli import main

SENTENCE = "North Korea has reportedly shipped up to 4.8 million shells to Russia.\n"


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def store(tmp_path, runner, write_jsonl):
    path = write_jsonl([{"id": "n1", "date": "2024-06-14", "text": SENTENCE},
                        {"id": "n2", "date": "2024-09-11",
                         "text": "Iran delivered Fath-360 missiles to Russia, Blinken said."}])
    db = tmp_path / "t.duckdb"
    result = runner.invoke(main, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "processed 2" in result.output and "rejected 0" in result.output
    return db


@pytest.mark.parametrize("command", ["ingest", "extract", "events", "export", "demo"])
def test_cli_every_command_has_help(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output and len(result.output) > 200


def test_cli_extract_reads_stdin_as_jsonl_records(runner):
    result = runner.invoke(main, ["extract", "-", "--date", "2024-06-14", "-q"], input=SENTENCE)
    assert result.exit_code == 0, result.output
    (line,) = result.output.strip().splitlines()
    record = json.loads(line)
    assert record["actor"]["country"] == "PRK" and record["recipient"]["country"] == "RUS"
    assert record["quantity"]["high"] == 4.8e6 and record["modality"] == "reported"


def test_cli_extract_csv_has_flat_columns(runner):
    result = runner.invoke(main, ["extract", "-", "-o", "csv", "-q"], input=SENTENCE)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows[0]["what_category"] == "artillery_ammunition" and rows[0]["quantity_status"] == "upper_bound"


def test_cli_events_filters_and_renders(runner, store):
    result = runner.invoke(main, ["events", "--db", str(store), "--actor", "IRN", "-o", "jsonl"])
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["what"]["category"] for r in records] == ["missiles"]
    table = runner.invoke(main, ["events", "--db", str(store), "--commodity", "artillery_ammunition"])
    assert "PRK" in table.output and "<= 4,800,000 shell" in table.output


def test_cli_events_rejects_bad_dates(runner, store):
    result = runner.invoke(main, ["events", "--db", str(store), "--since", "June"])
    assert result.exit_code == 2 and "--since" in result.output


def test_cli_export_writes_parquet(runner, store, tmp_path):
    result = runner.invoke(main, ["export", str(tmp_path / "r.parquet"), "--db", str(store)])
    assert result.exit_code == 0 and (tmp_path / "r.parquet").stat().st_size > 0


def test_cli_ingest_exit_status_reports_rejected_inputs(runner, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Russia received drones from Iran."}\n{oops\n')
    result = runner.invoke(main, ["ingest", str(bad), "--db", str(tmp_path / "b.duckdb")])
    assert result.exit_code == 1
    assert "rejected 1" in result.output and "bad.jsonl line 2" in result.output


def test_cli_missing_store_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "cannot open store" in result.output


def test_cli_console_script_runs(tmp_path):
    exe = Path(sys.executable).with_name("sinew")
    proc = subprocess.run([str(exe), "extract", "-", "-q"], input=SENTENCE, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and json.loads(proc.stdout)["type"] == "AID"


def test_cli_extract_rejects_documents_over_max_chars(runner):
    result = runner.invoke(main, ["extract", "-", "--max-chars", "20"], input=SENTENCE)
    assert result.exit_code == 1 and "too-large" in result.output and "--max-chars" in result.output


def test_cli_ingest_engine_dask_matches_local(runner, tmp_path, write_jsonl):
    pytest.importorskip("distributed")
    path = write_jsonl([{"id": f"d{i}", "date": "2024-06-14", "text": SENTENCE} for i in range(1)]
                       + [{"id": "e", "text": "Iran delivered drones to Russia."}])
    local = runner.invoke(main, ["ingest", str(path), "--db", str(tmp_path / "l.duckdb"), "-q"])
    dask = runner.invoke(main, ["ingest", str(path), "--engine", "dask", "--workers", "1",
                                "--out", str(tmp_path / "ds"), "--db", str(tmp_path / "d.duckdb"), "-q"])
    assert local.exit_code == 0 and dask.exit_code == 0, dask.output
    import sinew

    with sinew.open(tmp_path / "l.duckdb") as a, sinew.open(tmp_path / "d.duckdb") as b:
        assert a.events() == b.events() and len(a.events()) == 2
    assert list((tmp_path / "ds" / "records").glob("month=*/part-*.parquet"))


@pytest.mark.parametrize("info, text", [
    (("2024-01-01", "2024-12-31", "year"), "2024"),
    (("2024-06-01", "2024-06-30", "month"), "2024-06"),
    (("2024-06-19", "2024-06-19", "day"), "2024-06-19"),
    ((None, "2024-02-29", "open"), "..2024-02-29"),
    (("2023-08-01", "2024-06-14", "interval"), "2023-08-01..2024-06-14"),
])
def test_cli_dates_render_compactly(info, text):
    from sinew.output import describe_date
    from sinew.schema import DateInfo

    assert describe_date(DateInfo(*info, text="x", status="exact")) == text


def test_cli_commands_query_a_dask_dataset_in_place(runner, tmp_path, write_jsonl):
    pytest.importorskip("distributed")
    path = write_jsonl([{"id": "n1", "date": "2024-06-14", "text": SENTENCE},
                        {"id": "n2", "text": "Iran delivered drones to Russia."}, {"id": "bad"}])
    out = tmp_path / "ds"
    result = runner.invoke(main, ["scale-ingest", str(path), "--out", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 1, result.output  # one input rejected
    events = runner.invoke(main, ["events", "--db", str(out), "--actor", "PRK", "-o", "jsonl"])
    assert events.exit_code == 0, events.output
    (record,) = [json.loads(line) for line in events.output.splitlines()]
    assert record["quantity"]["high"] == 4.8e6
    import sinew

    with sinew.open(out) as store:
        assert store.counts() == {"documents": 2, "records": 2, "rejected": 1}
        assert store.document("n1").date == "2024-06-14"
        page = store.events(sinew.store.EventFilter(actor="PRK", limit=1))  # a view: no row ids
        assert [r.id for r in page] == [record["id"]]
        with pytest.raises(sinew.errors.StoreError):
            store.add_rejected(sinew.Rejected("x", "y"))
    flows = runner.invoke(main, ["flows", "--db", str(out), "-o", "jsonl"])
    assert flows.exit_code == 0 and "PRK" in flows.output


def test_cli_a_plain_folder_is_not_a_store(runner, tmp_path):
    result = runner.invoke(main, ["events", "--db", str(tmp_path)])
    assert result.exit_code == 2 and "not a sinew dataset" in result.output


@pytest.mark.parametrize("flag", ["--format", "--output", "-o"])
def test_cli_extract_output_format_flags(runner, flag):
    result = runner.invoke(main, ["extract", "-", flag, "csv", "-q"], input=SENTENCE)
    assert result.exit_code == 0 and result.output.startswith("id,doc_id,kind,type")


def test_cli_input_format_forces_plain_text(runner):
    result = runner.invoke(main, ["extract", "-", "--input-format", "text", "-q"],
                           input='{"text": "Iran sent drones to Russia."}\n')
    (record,) = [json.loads(line) for line in result.output.splitlines()]
    assert record["what"]["category"] == "drones"


def test_cli_misuse_is_one_line_and_exit_2(runner, store, tmp_path):
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "plain").mkdir()
    cases = {
        # --out naming a file, for the dataset folder
        ("ingest", "-", "--engine", "dask", "--out", str(tmp_path / "a-file")): "is a file",
        # an unknown export suffix used to write Parquet under that name
        ("export", str(tmp_path / "out.xyz"), "--db", str(store)): "cannot tell the format",
        # a folder that is no dataset used to load "read 0" and exit 0
        ("load", str(tmp_path / "plain"), "--db", str(store)): "is not a sinew dataset",
        # an unknown type used to print nothing and exit 0 (the API says 422)
        ("events", "--db", str(store), "--type", "BOGUS"): "is not a PLOVER event type",
    }
    for args, message in cases.items():
        result = runner.invoke(main, list(args))
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output, args
        assert len(result.output.strip().splitlines()) <= 4, result.output  # click's usage + 1
    assert not (tmp_path / "out.xyz").exists()


def test_cli_events_type_in_any_case(runner, store):
    result = runner.invoke(main, ["events", "--db", str(store), "--type", "aid", "-o", "jsonl"])
    assert result.exit_code == 0 and len(result.output.splitlines()) == 2


def test_cli_empty_jsonl_and_other_files_in_a_folder_are_reported(runner, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.jsonl").write_text("")
    (tmp_path / "in" / "slides.pptx").write_bytes(b"PK\x03\x04")
    (tmp_path / "in" / "story.txt").write_text(SENTENCE)
    result = runner.invoke(main, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "d")])
    assert result.exit_code == 1, result.output
    assert "read 3  processed 1  duplicate 0  rejected 2" in result.output
    assert "empty.jsonl: empty:" in result.output and "slides.pptx: unsupported:" in result.output


def test_cli_rerun_lists_its_rejections_and_stores_them_once(runner, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Russia received drones from Iran."}\n{oops\n[1]\n')
    db = str(tmp_path / "b.duckdb")
    for _run in range(3):
        result = runner.invoke(main, ["ingest", str(bad), "--db", db])
        assert result.exit_code == 1 and "rejected 2" in result.output
        assert "bad.jsonl line 2" in result.output and "bad.jsonl line 3" in result.output
    from sinew.store import Store

    with Store(db, read_only=True) as opened:
        assert len(opened.rejected()) == 2


def test_cli_full_disk_is_one_line_and_exit_2(runner, tmp_path, monkeypatch, write_jsonl):
    import errno
    import os

    from sinew.store import Store

    def full(self, records, **options):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Store, "add_records", full)
    path = write_jsonl([{"id": "n1", "text": SENTENCE}])
    result = runner.invoke(main, ["ingest", str(path), "--db", str(tmp_path / "f.duckdb")])
    assert result.exit_code == 2 and not isinstance(result.exception, OSError)
    (line,) = result.output.strip().splitlines()
    assert "No space left on device" in line and "free some space" in line


def test_cli_ingest_warns_about_a_plain_text_without_a_date(runner, tmp_path):
    text = tmp_path / "story.txt"
    text.write_text("Headline\n\n" + SENTENCE)
    result = runner.invoke(main, ["ingest", str(text), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 0
    assert f"warning {text}: no date (pass --date" in result.output
    dated = runner.invoke(main, ["ingest", str(text), "--db", str(tmp_path / "d.duckdb"),
                                 "--date", "2024-06-14"])
    assert "warning" not in dated.output


def test_cli_progress_logs_a_line_per_thousand_documents_without_a_terminal(capsys):
    from sinew import cli

    with cli._progress(False, 2500) as tick:
        for _ in range(2500):
            tick(None)
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "sinew: 1,000 of 2,500 documents", "sinew: 2,000 of 2,500 documents"]
    with cli._progress(True, 2500) as tick:
        for _ in range(2500):
            tick(None)
    assert capsys.readouterr().err == ""


def test_cli_progress_bar_shows_total_and_time_left_on_a_terminal(monkeypatch):
    import io

    from rich.console import Console

    from sinew import cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "stderr_console", lambda: Console(file=screen, force_terminal=True,
                                                               width=120))
    with cli._progress(False, 40) as tick:
        for _ in range(10):
            tick(None)
    shown = screen.getvalue()  # the last frame, drawn as the bar stops
    assert "10/40" in shown and "left" in shown
