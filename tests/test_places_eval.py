"""Place resolution scored on the place gold set (sinew.places_eval) and in ``sinew eval``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sinew import evaluate as ev
from sinew import places_eval as pe
from sinew.cli_eval import register
from sinew.errors import InputError

GOLD = Path(__file__).resolve().parents[1] / "gold"


@pytest.fixture(scope="module")
def real():
    return ev.load_gold([GOLD / "real"])


@pytest.fixture(scope="module")
def place_gold(real):
    texts = {doc: case.text for doc, case in real.cases.items()}
    return pe.load_place_gold(pe.place_gold_files([GOLD]), texts)


def test_places_eval_gold_is_large_enough_and_split(place_gold):
    assert len(place_gold) >= 150
    parts = Counter(ev.split_of(g.doc) for g in place_gold)
    assert parts["dev"] >= 50 and parts["test"] >= 50
    assert len({g.geonames_id for g in place_gold}) >= 40


def test_places_eval_meets_the_floors_in_the_baseline(place_gold, real, nlp):
    scores = pe.evaluate_places(place_gold, real)
    baseline = ev.load_baseline(GOLD / "baseline.json")
    assert set(baseline["places"]) == {"dev", "test", "all"}
    assert not pe.check_places(scores, baseline)
    assert scores["all"].tp == scores["dev"].tp + scores["test"].tp


def _tiny_gold(tmp_path, places):
    text = "Shelling hit Kharkiv. Troops gathered in Georgia. Officials met in Paris."
    (tmp_path / "real").mkdir()
    (tmp_path / "places").mkdir()
    (tmp_path / "real" / "t.jsonl").write_text(json.dumps(
        {"doc": "tiny-1", "text": text, "facts": []}) + "\n")
    items = [{"text": name, "start": text.index(name), "end": text.index(name) + len(name),
              "geonames_id": gid} for name, gid in places]
    (tmp_path / "places" / "p.jsonl").write_text(json.dumps({"doc": "tiny-1",
                                                             "places": items}) + "\n")
    return tmp_path


def test_places_eval_counts_right_wrong_missed_and_unresolved(tmp_path, nlp):
    # Kharkiv right; Georgia left unresolved (a miss, not a wrong answer); Paris resolved to
    # the French capital where the gold says Paris, Texas (wrong and missed)
    folder = _tiny_gold(tmp_path, [("Kharkiv", 706483), ("Georgia", 614540),
                                   ("Paris", 4717560)])
    real = ev.load_gold([folder])
    gold = pe.load_place_gold(pe.place_gold_files([folder]),
                              {d: c.text for d, c in real.cases.items()})
    scores = pe.evaluate_places(gold, real)["all"]
    assert (scores.tp, scores.fp, scores.fn, scores.unresolved) == (1, 1, 2, 1)
    assert scores.values() == {"place_precision": 0.5, "place_recall": pytest.approx(0.3333),
                               "place_f1": 0.4}


def test_places_eval_gold_words_must_be_at_their_offsets(tmp_path):
    folder = _tiny_gold(tmp_path, [("Kharkiv", 706483)])
    line = json.loads((folder / "places" / "p.jsonl").read_text())
    line["places"][0]["start"] += 1
    (folder / "places" / "p.jsonl").write_text(json.dumps(line) + "\n")
    real = ev.load_gold([folder])
    with pytest.raises(InputError, match="Kharkiv"):
        pe.load_place_gold(pe.place_gold_files([folder]),
                           {d: c.text for d, c in real.cases.items()})


def test_places_eval_check_names_a_score_under_its_floor():
    scores = {"test": pe.PlaceScores(tp=1, fp=1, fn=1)}
    failures = pe.check_places(scores, {"places": {"test": {"place_precision": 0.9}}})
    assert failures == ["places test place_precision = 0.500 is below its floor 0.90"]


def test_places_eval_sinew_eval_reports_place_scores(tmp_path, nlp):
    folder = _tiny_gold(tmp_path, [("Kharkiv", 706483), ("Paris", 2988507)])
    (folder / "baseline.json").write_text(json.dumps(
        {"floors": {}, "places": {"all": {"place_recall": 0.99}}}))
    group = click.Group()
    register(group)
    out = CliRunner().invoke(group, ["eval", str(folder), "--json", "--corpus", "none"])
    body = json.loads(out.output)
    assert body["places"]["all"]["tp"] == 2 and body["places"]["all"]["place_precision"] == 1.0
    table = CliRunner().invoke(group, ["eval", str(folder), "--corpus", "none"])
    assert "places: mentions resolved" in table.output and "place_recall" in table.output
