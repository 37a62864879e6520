"""Which sides an event needs to be coded (sinew.events.ONE_SIDED_TYPES, RECIPIENT_REQUIRED):
an event needs its actor and its recipient; a supply, deployment or agreement stands with one
side. ``one_sided=True``
(``SINEW_ONE_SIDED=1``) keeps every reading."""

from __future__ import annotations

import pytest

import sinew


def _events(text: str, one_sided: bool | None = None) -> set[tuple]:
    return {(r.type, r.actor.code if r.actor else None, r.recipient.code if r.recipient else None)
            for r in sinew.extract(text, date="2024-06-14", one_sided=one_sided)
            if r.kind == "event"}


@pytest.mark.parametrize("text, reading", [
    ("Russia launched missile strikes overnight.", ("ASSAULT", "RUS", None)),  # no victim
    ("Kyiv was attacked by drones.", ("ASSAULT", None, "UKR")),  # no attacker
    ("Workers went on strike over unpaid wages.", ("PROTEST", "LAB", None)),  # against no one
    ("The European Union imposed new sanctions.", ("SANCTION", "EU", None)),  # on no one
    ("Russia's attacks on civilians are unacceptable.", ("ACCUSE", None, "RUS")),  # no accuser
    ("Iran rejected the proposal.", ("REJECT", "IRN", None)),  # of no one
    ("The United States threatened to respond.", ("THREATEN", "USA", None)),  # no one
    ("Iranian officials held talks on Monday.", ("CONSULT", "IRNGOV", None)),
])
def test_sides_an_event_missing_a_side_plover_requires_is_not_coded(text, reading):
    assert reading in _events(text, one_sided=True)  # read so ...
    assert reading not in _events(text)  # ... but not coded by default


@pytest.mark.parametrize("text, reading", [
    ("Russia has received millions of shells.", ("AID", None, "RUS")),  # supplier unsaid
    ("North Korea deployed troops.", ("MOBILIZE", "PRK", None)),
    ("Iran rejected Russia's proposal.", ("REJECT", "IRN", "RUS")),
    ("The United States threatened to respond to Iran.", ("THREATEN", "USA", "IRN")),
    ("Russia and Iran signed an agreement.", ("AGREE", "RUS", "IRN")),
    ("Iran agreed to the terms.", ("AGREE", "IRN", None)),
    ("Russia's attacks on civilians are unacceptable.", ("ASSAULT", "RUS", "CVL")),  # a kind
])
def test_sides_an_event_with_the_sides_its_type_needs_is_coded(text, reading):
    assert reading in _events(text)


def test_sides_the_setting_keeps_one_sided_events(monkeypatch, nlp):
    from sinew.coder import EventCoder
    from sinew.schema import Document

    text = "Russia launched missile strikes overnight."
    monkeypatch.setenv("SINEW_ONE_SIDED", "1")
    kept = EventCoder(nlp).code(nlp(text), Document(id="d", text=text))
    monkeypatch.setenv("SINEW_ONE_SIDED", "0")
    dropped = EventCoder(nlp).code(nlp(text), Document(id="d", text=text))
    assert [r.type for r in kept] == ["ASSAULT"] and dropped == []


@pytest.mark.parametrize("text, target", [
    ("Russian forces shelled Kupiansk overnight.", "UKR"),  # a town the places step codes
    ("Russian forces shelled Avdiivka.", None),  # named, if not coded
])
def test_sides_a_named_place_or_person_is_a_recipient(text, target):
    records = [r for r in sinew.extract(text, date="2024-06-14") if r.type == "ASSAULT"]
    assert records and target in {r.recipient.country for r in records if r.recipient}


def test_sides_a_person_is_never_placed():
    """"Kim" is a village in India as well as a name: a person the lexicon does not know
    stays a person, not a country."""
    records = sinew.extract("Putin and Kim discussed arms deliveries.", date="2024-06-14")
    assert not [r for r in records for side in (r.actor, r.recipient)
                if side is not None and side.country == "IND"]


def _ref(code: str | None, country: str | None, sector: str | None = None, text: str = "x"):
    from sinew.schema import ActorRef
    return ActorRef(code, code, text, country=country, sector=sector)


@pytest.mark.parametrize("actor, recipient, itself", [
    (_ref("RUSMIL", "RUS", "MIL"), _ref("RUS", "RUS"), True),  # a state's military and the state
    (_ref("RUSGOV", "RUS", "GOV"), _ref("RUS", "RUS"), True),
    (_ref("USA", "USA"), _ref("USAGOV", "USA", "GOV"), True),
    (_ref("PRKGOV", "PRK", "GOV"), _ref("PRK", "PRK"), True),
    (_ref("RUS", "RUS"), _ref("RUS", "RUS", text="y"), True),  # the same actor twice
    (_ref("UKR", "UKR"), _ref("UKRREB", "UKR", "REB"), False),  # a state and its rebels
    (_ref("SOMREB", "SOM", "REB"), _ref("SOM", "SOM"), False),
    (_ref("IRNGOV", "IRN", "GOV"), _ref("IRNOPP", "IRN", "OPP"), False),  # two sides of one state
    (_ref("SYRMIL", "SYR", "MIL"), _ref("SYRGOV", "SYR", "GOV"), False),  # organs, not the state
    (_ref("RUSMIL", "RUS", "MIL"), _ref("UKR", "UKR"), False),
])
def test_sides_a_state_and_its_own_organs_are_one_actor(actor, recipient, itself):
    from sinew.events import _itself

    assert _itself(actor, recipient, "CONSULT") is itself


def test_sides_a_state_organ_attacking_its_own_state_is_coded():
    """Violence and coercion by a state's forces in its own country are events ("Iraqi
    soldiers attacked Iraqi towns held by insurgents")."""
    from sinew.events import _itself

    assert not _itself(_ref("IRQMIL", "IRQ", "MIL"), _ref("IRQ", "IRQ"), "ASSAULT")
    assert not _itself(_ref("BLRGOV", "BLR", "GOV"), _ref("BLR", "BLR"), "COERCE")
