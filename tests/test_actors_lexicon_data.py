"""Checks on the shipped actor lexicon data (src/sinew/data/actors/*.yaml)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parents[1] / "src/sinew/data/actors"

# The 193 member states of the United Nations, as ISO 3166-1 alpha-3 codes.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM
NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT
KOR ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()

EXTRA_STATES = ["TWN", "XKX", "PSE", "VAT"]

ORG_CODES = ["NATO", "EU", "UN", "G7", "G20", "ASEAN", "IAEA", "OSCE", "CSTO", "SCO", "BRICS", "AU", "OPEC"]

# States that must carry a populated agencies table.
SECURITY_STATES = """
USA RUS CHN PRK KOR JPN IRN UKR GBR FRA DEU ISR SYR TUR IND PAK SAU BLR POL ITA
CAN AUS TWN IRQ AFG YEM LBN EGY ARE QAT VEN CUB MMR KAZ GEO ARM AZE HUN FIN SWE
NOR BRA ZAF NLD ESP ROU LTU EST LVA
""".split()

# Generic agency names that several states legitimately share; every other
# agency name must resolve to exactly one actor.
GENERIC_AGENCIES = {
    "Ministry of Defence", "Ministry of Defense", "Defence Ministry", "Defense Ministry",
    "Ministry of National Defence", "Ministry of National Defense", "MoD", "MND",
    "Department of Defence", "Foreign Ministry", "Ministry of Foreign Affairs", "MFA",
    "Foreign Office", "Interior Ministry", "Ministry of Interior", "General Staff",
    "Joint Chiefs of Staff", "JCS", "National Security Council", "Presidential Office",
    "Prime Minister's Office", "Cabinet Office", "State Security Service",
    "National Security Service", "Foreign Intelligence Service",
    "General Intelligence Directorate", "Military Intelligence", "Armed Forces",
}

SECTORS = {"MIL", "GOV", "SPY"}
ROLES = {
    "head_of_state": "GOV",
    "head_of_government": "GOV",
    "defence_minister": "MIL",
    "foreign_minister": "GOV",
    "un_ambassador": "GOV",  # permanent representative to the United Nations
    "un_deputy": "GOV",  # deputy permanent representative
    "un_alternate": "GOV",  # alternate representative (special political affairs)
    # heads of international organisations: the organisation's own code, no sector
    "un_secretary_general": None,
    "un_human_rights_chief": None,
    "nato_secretary_general": None,
    "eu_commission_president": None,
    "eu_council_president": None,
    "eu_high_representative": None,
    "iaea_director_general": None,
}
IGO_ROLES = {role for role, sector in ROLES.items() if sector is None}
ALIAS_FIELDS = ("names", "demonyms", "capitals", "metonyms")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _load(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def states() -> dict:
    doc = _load("states.yaml")
    assert doc["version"] == 1
    return doc["actors"]


@pytest.fixture(scope="module")
def orgs() -> dict:
    doc = _load("organizations.yaml")
    assert doc["version"] == 1
    return doc["actors"]


@pytest.fixture(scope="module")
def leaders() -> list:
    doc = _load("leaders.yaml")
    assert doc["version"] == 1
    return doc["leaders"]


def test_reference_list_is_193_distinct_codes():
    assert len(UN_MEMBERS) == 193
    assert len(set(UN_MEMBERS)) == 193


def test_all_un_members_and_extras_present(states):
    missing = [c for c in UN_MEMBERS + EXTRA_STATES if c not in states]
    assert missing == []
    unexpected = set(states) - set(UN_MEMBERS) - set(EXTRA_STATES)
    assert unexpected == set()
    assert len(states) == 197


def test_organizations_present(orgs):
    missing = [c for c in ORG_CODES if c not in orgs]
    assert missing == []
    for code, actor in orgs.items():
        assert actor["kind"] == "igo", code


@pytest.mark.parametrize("fname", ["states.yaml", "organizations.yaml"])
def test_actor_shape(fname):
    actors = _load(fname)["actors"]
    for code, actor in actors.items():
        assert isinstance(code, str) and code, code
        # "regions" (places that stand for the country as a destination) is optional
        assert set(actor) - {"regions"} == {"name", "kind", "names", "demonyms", "capitals",
                                            "metonyms", "agencies"}, code
        assert isinstance(actor["name"], str) and actor["name"], code
        assert actor["names"] and actor["names"][0] == actor["name"], code
        for field in ALIAS_FIELDS + ("regions",):
            values = actor.get(field, [])
            assert isinstance(values, list), (code, field)
            for v in values:
                assert isinstance(v, str) and v == v.strip() and v, (code, field, v)
                assert not v.lower().startswith("the ") or v == "The Hague", (code, field, v)
            assert len(values) == len(set(values)), (code, field)
        assert isinstance(actor["agencies"], dict), code
        for agency, sector in actor["agencies"].items():
            assert isinstance(agency, str) and agency.strip() == agency and agency, (code, agency)
            assert sector in SECTORS, (code, agency, sector)


def test_states_have_names_and_capitals(states):
    for code, actor in states.items():
        assert actor["kind"] == "state", code
        assert actor["names"], code
        assert actor["capitals"], code
        assert re.fullmatch(r"[A-Z]{3}", code), code


def test_security_states_have_agencies(states):
    for code in SECURITY_STATES:
        assert len(states[code]["agencies"]) >= 3, code


def test_no_alias_maps_to_two_codes(states, orgs):
    owners: dict[str, set[str]] = defaultdict(set)
    for actors in (states, orgs):
        for code, actor in actors.items():
            for field in ALIAS_FIELDS:
                for alias in actor[field]:
                    owners[alias].add(code)
            for agency in actor["agencies"]:
                if agency not in GENERIC_AGENCIES:
                    owners[agency].add(code)
    clashes = {alias: sorted(codes) for alias, codes in owners.items() if len(codes) > 1}
    assert clashes == {}


def test_generic_agencies_do_not_shadow_actor_names(states, orgs):
    names = set()
    for actors in (states, orgs):
        for actor in actors.values():
            for field in ALIAS_FIELDS:
                names.update(actor[field])
    assert GENERIC_AGENCIES & names == set()


def test_states_and_orgs_use_disjoint_codes(states, orgs):
    assert set(states) & set(orgs) == set()


def test_capitals_not_shared(states):
    seen: dict[str, str] = {}
    for code, actor in states.items():
        for city in actor["capitals"]:
            assert city not in seen or seen[city] == code, (city, seen.get(city), code)
            seen[city] = code


def _date(s: str) -> dt.date:
    assert isinstance(s, str) and ISO_DATE.match(s), s
    return dt.date.fromisoformat(s)


def test_leaders_shape_and_dates(leaders, states, orgs):
    assert leaders
    for entry in leaders:
        assert set(entry) == {"name", "aliases", "code", "sector", "role", "start", "end"}, entry
        assert isinstance(entry["name"], str) and entry["name"], entry
        assert isinstance(entry["aliases"], list), entry
        for alias in entry["aliases"]:
            assert isinstance(alias, str) and alias and alias != entry["name"], entry
        assert entry["code"] in (orgs if entry["role"] in IGO_ROLES else states), entry
        assert entry["role"] in ROLES, entry
        assert entry["sector"] == ROLES[entry["role"]], entry
        start = _date(entry["start"])
        if entry["end"] is not None:
            assert start <= _date(entry["end"]), entry


def test_leaders_cover_at_least_40_states(leaders):
    assert len({e["code"] for e in leaders}) >= 40


def test_leader_aliases_are_unambiguous(leaders, states, orgs):
    owners: dict[str, list[dict]] = defaultdict(list)
    for entry in leaders:
        for alias in [entry["name"], *entry["aliases"]]:
            owners[alias].append(entry)

    def overlap(a: dict, b: dict) -> bool:  # one person may hold two offices one after another
        a_end, b_end = a["end"] or "9999-12-31", b["end"] or "9999-12-31"
        return a["start"] < b_end and b["start"] < a_end

    clashes = {a: sorted({e["code"] for e in es}) for a, es in owners.items()
               if any(x["code"] != y["code"] and overlap(x, y) for x in es for y in es)}
    assert clashes == {}
    actor_aliases = set()
    for actors in (states, orgs):
        for actor in actors.values():
            for field in ALIAS_FIELDS:
                actor_aliases.update(actor[field])
            actor_aliases.update(actor["agencies"])
    assert set(owners) & actor_aliases == set()


def test_no_overlapping_terms_for_same_office(leaders):
    by_office = defaultdict(list)
    for e in leaders:
        end = _date(e["end"]) if e["end"] else dt.date.max
        by_office[(e["code"], e["role"])].append((_date(e["start"]), end, e["name"]))
    for office, terms in by_office.items():
        terms.sort()
        for (s1, e1, n1), (s2, e2, n2) in zip(terms, terms[1:]):
            # a hand-over day may be shared; anything longer is an overlap
            assert s2 >= e1, (office, n1, n2)


def test_short_korean_surnames_not_aliases(leaders):
    banned = {"Kim", "Lee", "Yoon", "Choe", "Moon", "Park", "Xi", "Li", "Wang", "Austin"}
    for e in leaders:
        assert banned.isdisjoint(e["aliases"]), e


def _find(leaders, name, role=None):
    hits = [e for e in leaders if e["name"] == name and (role is None or e["role"] == role)]
    assert hits, name
    return hits


def test_spot_facts(states, leaders):
    (shoigu,) = _find(leaders, "Sergei Shoigu", "defence_minister")
    assert shoigu["code"] == "RUS"
    assert shoigu["end"] == "2024-05-12"
    assert "Shoigu" in shoigu["aliases"]

    (belousov,) = _find(leaders, "Andrei Belousov", "defence_minister")
    assert belousov["code"] == "RUS"
    assert belousov["start"] == "2024-05-14"

    kim = _find(leaders, "Kim Jong Un")
    assert any(e["code"] == "PRK" and e["role"] == "head_of_state" for e in kim)

    assert "Pyongyang" in states["PRK"]["capitals"]
    assert "Kremlin" in states["RUS"]["metonyms"]
    assert states["RUS"]["agencies"]["FSB"] == "SPY"
    assert states["PRK"]["agencies"]["Reconnaissance General Bureau"] == "SPY"
    assert states["KOR"]["agencies"]["NIS"] == "SPY"
    assert states["UKR"]["agencies"]["GUR"] == "SPY"
    assert states["USA"]["agencies"]["Pentagon"] == "MIL"
    assert states["USA"]["agencies"]["Treasury"] == "GOV"
    assert "U.S." in states["USA"]["names"] and "US" in states["USA"]["names"]


def test_us_presidents_sequence(leaders):
    hos = sorted(
        (e["start"], e["name"]) for e in leaders if e["code"] == "USA" and e["role"] == "head_of_state"
    )
    assert [n for _, n in hos if _ >= "2017"] == ["Donald Trump", "Joe Biden", "Donald Trump"]
