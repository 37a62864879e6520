"""PETRARCH validation records coded with their own dictionaries (sinew.validation) and
``sinew eval --petrarch``."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sinew.cli_eval import register
from sinew.errors import ConfigError, InputError
from sinew.schema import ActorRef
from sinew.validation import actor_code, read_validation, run_validation

# measured on the real file: recall 0.752, precision 0.875 (raise these as the coder improves)
REAL_FLOORS = {"recall": 0.752 - 0.02, "precision": 0.875 - 0.02}

ENVIRONMENT = """<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>actors.txt</Actorfile>
    <Agentfile>agents.txt</Agentfile>
    <Include>valid DEMO</Include>
</Environment>"""

RECORDS = """
<Sentence date="19950101" id="T-01" category="DEMO" sentence="true">
<!-- a comment, as the real file has -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="112"></EventCoding>
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="023"></EventCoding>
<Text>
Arnor accused Gondor
of lying.
</Text>
</Sentence>
<Sentence date="19950102" id="T-02" category="VERB" sentence="true">
<EventCoding sourcecode="ARNGOV" targetcode="GON" eventcode="042"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARNGOV" eventcode="043"></EventCoding>
<Text>The president of Arnor visited Gondor.</Text>
</Sentence>
<Sentence date="19950103" id="T-03" category="VERB" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Arnor slept through the afternoon.</Text>
</Sentence>
<Sentence date="19950104" id="T-04" category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>GONDOR: -- Arnor accused Gondor.</Text>
</Sentence>
"""


def _write(tmp_path: Path, environment: str = ENVIRONMENT, records: str = RECORDS,
           dictionaries: bool = True) -> Path:
    if dictionaries:
        (tmp_path / "actors.txt").write_text("ARNOR [ARN]\nGONDOR [GON]\n", encoding="utf-8")
        (tmp_path / "agents.txt").write_text("PRESIDENT [~GOV]\n", encoding="utf-8")
        (tmp_path / "verbs.txt").write_text("--- ACCUSE [112] ---\nACCUSE\n\n"
                                            "--- VISIT [042:043] ---\nVISIT\n", encoding="utf-8")
    path = tmp_path / "records.xml"
    path.write_text(f"<Validation>\n{environment}\n<Sentences>{records}</Sentences>\n"
                    f"</Validation>\n", encoding="utf-8")
    return path


@pytest.fixture()
def small(tmp_path, nlp):
    return _write(tmp_path)


def test_validation_reads_environment_and_records(tmp_path):
    validation = read_validation(_write(tmp_path))
    env = validation.environment
    assert (env.verbs, env.actors, env.agents) == (tmp_path / "verbs.txt",
                                                   (tmp_path / "actors.txt",),
                                                   (tmp_path / "agents.txt",))
    assert env.include == ("valid", "DEMO")
    first, _, quiet, error = validation.records
    assert (first.id, first.date, first.category) == ("T-01", "1995-01-01", "DEMO")
    assert first.text == "Arnor accused Gondor of lying."
    assert [(e.source, e.target, e.code) for e in first.expected] == [
        ("ARN", "GON", "112"), ("ARN", "GON", "023")]
    assert (quiet.noevents, quiet.expected) == (True, ())
    assert (error.error, error.noevents) == ("dateline", False)


def test_validation_scores_small_file_end_to_end(small):
    result = run_validation(small)
    assert result.skipped == {"T-04": "tests error handling (dateline)"}
    # visited, and the return event of the paired code [042:043]
    assert (result.score().tp, result.score().fn) == (3, 0)
    assert result.score().precision == 1.0
    assert result.score("VERB").recall == 1.0
    assert result.unscored == {"CAMEO 02x has no PLOVER type": 1}
    assert result.noevents_coded == []
    summary = result.summary()
    assert summary["records"] == 4 and summary["scored_records"] == 3
    assert summary["noevents"] == {"records": 1, "coded": 0, "ids": []}


@pytest.mark.parametrize(("xml", "error", "words"), [
    ("<Validation><Sentences>", InputError, "not well-formed XML"),
    ("<Records></Records>", InputError, "expected <Validation>"),
    ("<Validation><Sentences/></Validation>", InputError, "<Environment>"),
])
def test_validation_malformed_file_is_input_error(tmp_path, xml, error, words):
    path = tmp_path / "records.xml"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(error, match=words) as raised:
        read_validation(path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize(("environment", "records", "error", "words"), [
    (ENVIRONMENT.replace("verbs.txt", "missing.verbs.txt"), RECORDS, ConfigError,
     "<Verbfile> names missing.verbs.txt"),
    (ENVIRONMENT.replace("<Actorfile>actors.txt</Actorfile>", ""), RECORDS, InputError,
     "no <Actorfile>"),
    (ENVIRONMENT, RECORDS.replace('date="19950102"', 'date="1995-01-02"'), InputError,
     "date=YYYYMMDD"),
    (ENVIRONMENT, RECORDS.replace('date="19950102"', 'date="19951302"'), InputError,
     "record T-02: date 19951302"),
    (ENVIRONMENT, "", InputError, "no <Sentence>"),
])
def test_validation_bad_environment_or_record_names_the_problem(tmp_path, environment, records,
                                                                error, words):
    with pytest.raises(error, match=words):
        read_validation(_write(tmp_path, environment, records))


def test_validation_missing_dictionary_is_config_error_naming_the_fix(tmp_path):
    path = _write(tmp_path, dictionaries=False)
    with pytest.raises(ConfigError, match="put the dictionary there") as raised:
        read_validation(path)
    assert "records.xml" in str(raised.value)


@pytest.mark.parametrize(("ref", "code"), [
    (None, "---"),
    (ActorRef("GONMIL", "Gondor", "Gondor's army", country="GON", sector="MIL"), "GONMIL"),
    (ActorRef("GOV", None, "the president", sector="GOV", how="agent"), "---GOV"),
    (ActorRef(None, None, "Sauron", how="unresolved"), "---"),
])
def test_validation_actor_code_is_petrarch_notation(ref, code):
    assert actor_code(ref) == code


def _cli(*args: str):
    group = click.Group()
    register(group)
    return CliRunner().invoke(group, ["eval", *args])


def test_validation_cli_json_is_one_object(small):
    result = _cli("--petrarch", str(small), "--json", "--errors", "1")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"overall", "country_level", "by_category", "noevents", "unscored_expected",
            "skipped", "errors", "error_records", "failures"} <= set(data)
    assert set(data["overall"]) == {"recall", "precision", "f1", "tp", "fp", "fn"}
    assert set(data["by_category"]) == {"DEMO", "VERB"}
    assert data["failures"] == []


def test_validation_cli_floors_fail_with_exit_1(small):
    result = _cli("--petrarch", str(small), "--min-recall", "1.01", "--min-precision", "0.5")
    assert result.exit_code == 1
    assert "FAIL recall 1.000 is below the floor 1.010" in result.output
    assert "precision" not in result.output.split("FAIL", 1)[1]
    assert "VERB" in result.output and "all, by country" in result.output


@pytest.mark.parametrize(("args", "code", "words"), [
    (("gold.jsonl", "--petrarch", "x.xml"), 2, "not both"),
    ((), 2, "give GOLD"),
    (("--petrarch", "no-such.xml"), 2, "cannot read validation file"),
])
def test_validation_cli_bad_arguments(tmp_path, args, code, words):
    result = _cli(*args)
    assert result.exit_code == code
    assert words in result.output


def test_validation_petrarch_unit_tests_meet_pinned_floors(petrarch_records, nlp):
    result = run_validation(petrarch_records)
    assert len(result.outcomes) == 277 and len(result.skipped) == 7
    score = result.score()
    assert score.recall >= REAL_FLOORS["recall"], score.to_dict()
    assert score.precision >= REAL_FLOORS["precision"], score.to_dict()
