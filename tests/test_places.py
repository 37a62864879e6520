"""Places (sinew.places): mentions found, resolved against the gazetteer with how and why,
records located, parties coded from places inside a state, the lexicon checked and overridable,
and records filtered by place and bounding box in the store, the CLI and the Python API."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

import sinew
from sinew import places
from sinew.cli import main
from sinew.errors import ConfigError, QueryError
from sinew.schema import ActorRef, Evidence, Location, Record
from sinew.store import EventFilter, Store, check_bbox

ODESA, KHARKIV, KYIV, UKRAINE, GEORGIA_US = 698740, 706483, 703448, 690791, 4197000


@pytest.fixture(scope="module")
def gaz():
    return places.gazetteer()


@pytest.fixture()
def located(nlp, gaz):
    def run(text: str) -> list[Location]:
        doc = nlp(text)
        return places.resolve_mentions(places.find_mentions(doc, gaz), gaz)
    return run


def _one(found: list[Location], text: str) -> Location:
    hits = [loc for loc in found if loc.text.endswith(text) or text in loc.text]
    assert hits, f"{text!r} not found in {[loc.text for loc in found]}"
    return hits[0]


@pytest.mark.parametrize("text, name, geonames_id, how", [
    ("Shelling continued in Kharkiv on Monday.", "Kharkiv", KHARKIV, "exact"),
    ("Officials gathered in Kharkiv for the talks.", "Kharkiv", KHARKIV, "exact"),
    ("Drones were shot down near Kiev overnight.", "Kiev", KYIV, "alias"),
    ("Drones attacked Kiev before dawn.", "Kiev", KYIV, "alias"),
])
def test_places_resolve_one_place_of_a_name_exact_or_alias(located, text, name, geonames_id,
                                                            how):
    loc = _one(located(text), name)
    assert (loc.geonames_id, loc.how, loc.country) == (geonames_id, how, "UKR")
    assert loc.lat is not None and loc.lon is not None and loc.reason


@pytest.mark.parametrize("text", [
    "He grew up in Paris, Texas, before the war.",
    "The convoy left Paris, Texas, at dawn.",
    "A rally was held in Paris, Texas, on Sunday.",
])
def test_places_qualifier_chooses_among_places_of_a_name(located, text):
    loc = _one(located(text), "Paris")
    assert loc.how == "context" and loc.country == "USA" and loc.admin1 == "Texas"
    assert "Texas" in loc.reason


@pytest.mark.parametrize("text, country", [
    ("Russian forces struck Odessa. Ukraine said two people died.", "UKR"),
    ("Ukraine's navy said ships left Odessa under escort.", "UKR"),
    ("Oil prices rose in Texas. Crowds gathered in Odessa.", "USA"),
])
def test_places_document_countries_choose_among_places_of_a_name(located, text, country):
    loc = _one(located(text), "Odessa")
    assert loc.how == "context" and loc.country == country


@pytest.mark.parametrize("text", [
    "Troops gathered in Georgia.",
    "The ministers met in Georgia last week.",
    "Elections were held in Georgia.",
])
def test_places_ambiguous_name_without_evidence_is_unresolved_with_reason(located, text):
    loc = _one(located(text), "Georgia")
    assert loc.how == "unresolved" and loc.geonames_id is None and loc.lat is None
    assert "Georgia" in loc.reason and "does not say which" in loc.reason


def test_places_document_country_resolves_georgia(located):
    loc = _one(located("Russia occupies part of Georgia. Tbilisi protested."), "Georgia")
    assert (loc.how, loc.country) == ("context", "GEO")
    loc = _one(located("Atlanta is the capital of Georgia, in the United States."), "Georgia")
    assert (loc.geonames_id, loc.how) == (GEORGIA_US, "context")


@pytest.mark.parametrize("text", [
    "Shipments reached Lebanon in May.",
    "Strikes hit southern Lebanon overnight.",
    "Aid convoys entered Lebanon.",
])
def test_places_country_name_beats_towns_named_after_it(located, text):
    loc = _one(located(text), "Lebanon")
    assert (loc.how, loc.country, loc.feature) == ("prominent", "LBN", "country")


@pytest.mark.parametrize("text", [
    "Fighting spread across the Kherson region.",
    "Fighting spread across Kherson Oblast.",
    "Evacuations began in Kherson province.",
    "Russia shifted troops to the Kherson front in May.",
])
def test_places_region_word_keeps_the_region(located, text):
    loc = _one(located(text), "Kherson")
    assert loc.feature == "region" and loc.admin1 and loc.country == "UKR"


@pytest.mark.parametrize("text", [
    "Russian missiles struck the port of Odesa overnight.",
    "Grain left the port of Odesa on Tuesday.",
    "Ships waited outside Odesa port for days in Ukraine.",
])
def test_places_port_words_mark_a_port(located, text):
    loc = _one(located(text), "Odesa")
    assert (loc.geonames_id, loc.feature) == (ODESA, "port")


@pytest.mark.parametrize("text", [
    "U.S. and British ships patrolled the Gulf of Aden.",
    "The Kremlin wants to revive the Minsk agreements.",
    "Russia-backed forces advanced.",
])
def test_places_names_that_are_not_places_are_left_out(located, text):
    assert all(loc.how == "unresolved" or loc.name not in ("Aden", "Minsk", "Russia")
               for loc in located(text)) and not [loc for loc in located(text)
                                                  if loc.text in ("Aden", "Minsk", "Russia")]


def test_places_tagger_mistakes_are_recovered_from_cues_and_lists(located):
    found = located("Russian missiles on Kyiv and Kharkiv killed 18 people.")
    assert {loc.geonames_id for loc in found} >= {KYIV, KHARKIV}


def _record(text: str, actor: ActorRef | None = None, recipient: ActorRef | None = None,
            start: int = 0) -> Record:
    evidence = Evidence(text, start, start + len(text))
    return Record("r1", "d1", "event", "ASSAULT", None, actor, recipient, None, None, "asserted",
                  None, None, evidence)


RUS = ActorRef("RUS", "Russia", "Russia", country="RUS", how="lexicon")


@pytest.mark.parametrize("text, expected", [
    ("Russia struck Odesa with drones in Ukraine.", ODESA),
    ("Russia shelled Kharkiv again.", KHARKIV),
    ("Russia launched missiles at Kyiv.", KYIV),
])
def test_places_locate_sets_the_record_location_not_its_parties(nlp, text, expected):
    [out] = places.locate(nlp(text), [_record(text, actor=RUS)])
    assert out.location is not None and out.location.geonames_id == expected
    assert out.location.text != "Russia"


@pytest.mark.parametrize("text", [
    "Russia attacked Ukraine.",
    "Russia and Ukraine met.",
])
def test_places_country_is_a_location_only_after_a_locative(nlp, text):
    [out] = places.locate(nlp(text), [_record(text, actor=RUS)])
    assert out.location is None
    text = "Russia attacked towns in Ukraine."
    [out] = places.locate(nlp(text), [_record(text, actor=RUS)])
    assert out.location.geonames_id == UKRAINE


@pytest.mark.parametrize("words, country", [
    ("the port of Novorossiysk", "RUS"),
    ("Novorossiysk", "RUS"),
    ("the port of Odesa", "UKR"),
    ("the Kherson region", "UKR"),
])
def test_places_actor_from_place_names_the_state(gaz, words, country):
    ref = places.actor_from_place(words, gaz)
    assert ref is not None and (ref.code, ref.country, ref.how, ref.text) == (
        country, country, "place", words)


@pytest.mark.parametrize("words", ["Russia", "the separatists", "Georgia", "the West"])
def test_places_actor_from_place_declines_countries_and_non_places(gaz, words):
    assert places.actor_from_place(words, gaz) is None


def test_places_locate_codes_an_uncoded_party_from_a_place_in_another_state(nlp):
    text = "North Korea shipped shells to the port of Novorossiysk."
    prk = ActorRef("PRK", "North Korea", "North Korea", country="PRK", how="lexicon")
    place = ActorRef(None, None, "the port of Novorossiysk")
    [out] = places.locate(nlp(text), [_record(text, actor=prk, recipient=place)])
    assert (out.recipient.code, out.recipient.how) == ("RUS", "place")
    ukr = ActorRef("UKRMIL", "Ukrainian forces", "Ukrainian forces", country="UKR", how="lexicon")
    text = "Ukrainian forces withdrew from positions in Avdiivka."
    [out] = places.locate(nlp(text), [_record(text, actor=ukr,
                                              recipient=ActorRef(None, None, "Avdiivka"))])
    assert out.recipient.code is None  # a state does not act on its own town
    assert out.location is not None and out.location.country == "UKR"


def test_places_extract_gives_records_a_location():
    records = sinew.extract("Russian missiles struck the port of Odesa on 3 May.",
                            date="2024-05-04")
    assert records and all(r.location is not None for r in records)
    assert {r.location.geonames_id for r in records} == {ODESA}


def test_places_lexicon_bad_entry_is_a_config_error_naming_it(tmp_path):
    (tmp_path / "places.yaml").write_text(
        "sites:\n  Nowhere: {geonames_id: 1, name: Nowhere, country: XX1, lat: 0, lon: 0}\n")
    with pytest.raises(ConfigError, match="Nowhere"):
        places.place_lexicon(str(tmp_path))


def test_places_lexicon_user_file_adds_a_site(tmp_path, nlp):
    (tmp_path / "places.yaml").write_text(
        "sites:\n  Robotyne: {geonames_id: 9999001, name: Robotyne, country: UA, "
        "lat: 47.45, lon: 35.84, feature: village}\n")
    gaz = places.gazetteer(str(tmp_path))
    loc = places.resolve(places.Mention("Robotyne", 0, 8, "Robotyne"), gaz)
    assert (loc.geonames_id, loc.country, loc.how) == (9999001, "UKR", "exact")
    assert places.resolve(places.Mention("Robotyne", 0, 8, "Robotyne"),
                          places.gazetteer()).how == "unresolved"


@given(st.text(max_size=40))
def test_places_key_of_is_idempotent(name):
    assert places.key_of(places.key_of(name)) == places.key_of(name)


# --- filters: store, CLI, Python API ---

def _located_record(rid: str, name: str, geonames_id: int, lat: float, lon: float,
                    country: str) -> Record:
    base = _record(f"Strike on {name}.", actor=RUS)
    loc = Location(name, 10, 10 + len(name), "exact", name, country, None, lat, lon,
                   geonames_id, "city", "the one place called so")
    return Record(rid, "d1", "event", "ASSAULT", None, RUS, None, None, None, "asserted", None,
                  None, base.evidence, location=loc)


@pytest.fixture()
def placed_db(tmp_path):
    path = tmp_path / "placed.duckdb"
    with Store(path) as store:
        store.add_records([
            _located_record("a", "Odesa", ODESA, 46.48572, 30.74383, "UKR"),
            _located_record("b", "Kharkiv", KHARKIV, 49.98081, 36.25272, "UKR"),
            _located_record("c", "Vladivostok", 2013348, 43.10562, 131.87353, "RUS"),
            _record("No place here.", actor=RUS),
        ])
    return path


@pytest.mark.parametrize("flt, ids", [
    (EventFilter(place="Odesa"), {"a"}),
    (EventFilter(place="odesa"), {"a"}),
    (EventFilter(place=str(KHARKIV)), {"b"}),
    (EventFilter(place="UKR"), {"a", "b"}),
    (EventFilter(bbox=(22, 44, 41, 53)), {"a", "b"}),
    (EventFilter(bbox=(130, 40, -170, 50)), {"c"}),  # across the antimeridian
    (EventFilter(bbox=(0, 0, 1, 1)), set()),
])
def test_places_store_filters_by_place_and_bbox(placed_db, flt, ids):
    with Store(placed_db, read_only=True) as store:
        assert {r.id for r in store.events(flt)} == ids
        assert store.count_events(flt) == len(ids)


def test_places_store_round_trips_the_location(placed_db):
    with Store(placed_db, read_only=True) as store:
        [rec] = store.events(EventFilter(place="Odesa"))
        row = store.query("SELECT location_geonames_id, location_lat FROM records "
                          "WHERE id = 'a'")
    assert rec.location.geonames_id == ODESA and rec.location.lat == pytest.approx(46.48572)
    assert row == [(ODESA, pytest.approx(46.48572))]


def test_places_store_made_before_locations_gains_the_columns(tmp_path):
    path = tmp_path / "old.duckdb"
    import duckdb
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE records (id VARCHAR PRIMARY KEY, doc_id VARCHAR, kind VARCHAR, "
                "type VARCHAR, record JSON)")
    con.close()
    with Store(path) as store:
        columns = {row[0] for row in store.query("DESCRIBE records")}
    assert {"location_geonames_id", "location_lat", "location_lon", "location_how"} <= columns


@pytest.mark.parametrize("box", ["1,2,3", "a,b,c,d", "200,0,10,10", "0,50,10,40", [1, 2]])
def test_places_bad_bbox_is_a_query_error_saying_why(box):
    with pytest.raises(QueryError, match="bbox"):
        check_bbox(box)


def test_places_cli_events_filters_by_place_and_bbox(placed_db):
    runner = CliRunner()
    out = runner.invoke(main, ["events", "--db", str(placed_db), "--place", str(ODESA),
                               "-o", "jsonl"])
    assert out.exit_code == 0, out.output
    assert [json.loads(line)["id"] for line in out.output.splitlines()] == ["a"]
    out = runner.invoke(main, ["events", "--db", str(placed_db), "--bbox", "22,44,41,53",
                               "-o", "jsonl"])
    assert sorted(json.loads(line)["id"] for line in out.output.splitlines()) == ["a", "b"]
    out = runner.invoke(main, ["events", "--db", str(placed_db), "--bbox", "22,44"])
    assert out.exit_code != 0 and "bbox" in out.output


_name = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=40, deadline=None)
@given(lat=st.one_of(st.none(), st.floats(-90, 90)), lon=st.one_of(st.none(), st.floats(-180, 180)),
       geonames_id=st.one_of(st.none(), st.integers(1, 2**40)), name=_name,
       how=st.sampled_from(["exact", "alias", "context", "prominent", "unresolved"]))
def test_places_store_round_trip_property(lat, lon, geonames_id, name, how):
    base = _record("Strike.", actor=RUS)
    record = Record("p", "d", "event", "ASSAULT", None, RUS, None, None, None, "asserted", None,
                    None, base.evidence, location=Location(name, 0, len(name), how, name, "UKR",
                                                           None, lat, lon, geonames_id, "city",
                                                           name or None))
    with Store(":memory:") as store:
        store.add_records([record])
        assert store.events() == [record]
        assert store.query("SELECT location_geonames_id, location_lat FROM records") == [
            (geonames_id, lat)]


@pytest.mark.parametrize("yaml_text, named", [
    ("aliases:\n  Atlantis: 123\n", "Atlantis"),
    ("countries:\n  Ruritania: ZZ\n", "Ruritania"),
    ("locative: in\n", "locative"),
])
def test_places_lexicon_entries_the_gazetteer_cannot_use_are_config_errors(tmp_path, yaml_text,
                                                                          named):
    (tmp_path / "places.yaml").write_text(yaml_text)
    with pytest.raises(ConfigError, match=named):
        places.gazetteer(str(tmp_path))


@pytest.mark.parametrize("name, country", [
    ("Mariupol", "UKR"), ("Khan Younis", "PSE"), ("El Fasher", "SDN"), ("Paris", "FRA"),
    ("Rafah", None), ("Nowhereville", None),
])
def test_places_the_country_a_name_alone_places(name, country):
    from sinew.places import country_of, gazetteer

    assert country_of(name, gazetteer()) == country
