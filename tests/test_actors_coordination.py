"""Coordinated actors: a word that could stand for an actor named before ("government",
"regime") takes the country of the noun it is coordinated with."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, type_, code", [
    ("Russia attacked the Ukrainian army and government.", "ASSAULT", "UKRGOV"),
    ("Iran armed the Lebanese militia and government.", "AID", "LBNGOV"),
    ("The Taliban waged a campaign of violence against the Afghan people and government in "
     "2019.", "ASSAULT", "AFGGOV"),
])
def test_actors_coordinated_anaphor_shares_the_first_conjuncts_country(extract, text, type_,
                                                                       code):
    codes = {r.recipient.code for r in extract(text, date="2019-06-01")
             if r.type == type_ and r.recipient}
    assert code in codes, codes
    assert not any(c.endswith("GOV") and c != code for c in codes), codes
