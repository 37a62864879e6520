"""Arguments of the event coder in constructions the generic reading of the parse misses: a
participle's "by" agent, goods sent to aid someone, the doer named by a relative pronoun or
a cleft, an event noun that is how its subject acts. Each on several wordings."""

from __future__ import annotations

import pytest


def _pairs(records, type_):
    return {((r.actor.country if r.actor else None), (r.recipient.country if r.recipient else None))
            for r in records if r.type == type_}


@pytest.mark.parametrize("text, type_, doer", [
    ("The regime, backed by Russia, attacked the city.", "SUPPORT", "RUS"),
    ("The militia, armed by Iran, fired rockets.", "AID", "IRN"),
    ("Assad's rule, backed by Russia and Iran, went on for years.", "SUPPORT", "IRN"),
    ("The rebels, supported by Rwanda, seized the town.", "SUPPORT", "RWA"),
])
def test_events_participle_agent_is_the_doer(extract, text, type_, doer):
    assert doer in {a for a, _ in _pairs(extract(text), type_)}


@pytest.mark.parametrize("text, giver, receiver", [
    ("The DPRK transferred missiles to aid Russia's war against Ukraine.", "PRK", "RUS"),
    ("Iran shipped drones to support Russia's invasion.", "IRN", "RUS"),
    ("China exported machine tools to fuel Moscow's war machine.", "CHN", "RUS"),
    ("Britain sent missiles to help Ukraine.", "GBR", "UKR"),
    ("Iran shipped rifles to arm the Houthis.", "IRN", "YEM"),
    ("The United States delivered shells to support Israel.", "USA", "ISR"),
])
def test_events_goods_sent_to_aid_someone_go_to_them(extract, text, giver, receiver):
    assert (giver, receiver) in _pairs(extract(text), "AID")


@pytest.mark.parametrize("text, giver, receiver", [
    ("Iran is fueling Russia's aggression, providing lethal weapons.", "IRN", "RUS"),
    ("Pyongyang is sustaining Moscow's war, shipping millions of shells.", "PRK", "RUS"),
    ("China is supporting Russia's war machine, supplying machine tools.", "CHN", "RUS"),
    ("Britain is helping Ukraine, supplying air defence systems.", "GBR", "UKR"),
    ("Britain is assisting Ukraine, delivering tanks and shells.", "GBR", "UKR"),
])
def test_events_giving_participle_of_aiding_gives_to_the_aided(extract, text, giver, receiver):
    assert (giver, receiver) in _pairs(extract(text), "AID")


def test_events_purpose_of_aid_does_not_override_a_named_recipient(extract):
    pairs = _pairs(extract("Iran sent drones to Russia to support the war."), "AID")
    assert pairs == {("IRN", "RUS")}


@pytest.mark.parametrize("text, type_, doer, target", [
    ("It was Hamas that carried out the attack on Israel.", "ASSAULT", "PSE", "ISR"),
    ("It is Russia that conducted the strikes on Kyiv.", "ASSAULT", "RUS", "UKR"),
    ("It was Russia that attacked Ukraine.", "ASSAULT", "RUS", "UKR"),
    ("Hamas, which carried out the attack on Israel, refused.", "ASSAULT", "PSE", "ISR"),
    ("The Houthis, who have conducted strikes on Israel, refused.", "ASSAULT", "YEM", "ISR"),
])
def test_events_relative_and_cleft_subject_is_the_doer(extract, text, type_, doer, target):
    assert (doer, target) in _pairs(extract(text), type_)


@pytest.mark.parametrize("text, type_, doer, target", [
    ("Israel responded with strikes on Gaza.", "ASSAULT", "ISR", "PSE"),
    ("Russia answered the protests with arrests of opposition leaders.", "COERCE", "RUS", None),
    ("The Belarusian regime silenced critics through arrests of journalists.", "COERCE", "BLR",
     None),
    ("The Kremlin undermines this Council with procurement of arms from the DPRK.", "AID",
     "PRK", "RUS"),
    ("Moscow sustains its war through procurement of shells from Pyongyang.", "AID", "PRK",
     "RUS"),
])
def test_events_event_noun_as_means_has_the_subject_as_doer(extract, text, type_, doer, target):
    pairs = _pairs(extract(text), type_)
    assert any(a == doer and (target is None or b == target) for a, b in pairs), pairs


@pytest.mark.parametrize("text", [
    "Kyiv was hit with strikes overnight.",
    "The city was struck with missile attacks.",
])
def test_events_passive_subject_is_not_the_doer_of_its_means(extract, text):
    assert not any(r.actor and r.actor.country == "UKR" for r in extract(text)
                   if r.type == "ASSAULT")


@pytest.mark.parametrize("text, doer, target", [
    ("It is Russia that launched the full-scale invasion of Ukraine.", "RUS", "UKR"),
    ("Russia continues to wage its war against Ukraine.", "RUS", "UKR"),
    ("The Belarusian regime unleashed violence on peaceful protesters.", "BLR", "BLR"),
    ("Hamas launched an offensive against Israel.", "PSE", "ISR"),
])
def test_events_launching_or_waging_an_event_noun_does_it(extract, text, doer, target):
    assert (doer, target) in _pairs(extract(text), "ASSAULT")


@pytest.mark.parametrize("text, type_, code", [
    ("The Belarusian regime unleashed violence on peaceful protesters.", "ASSAULT", "BLROPP"),
    ("Myanmar's military killed peaceful protesters.", "ASSAULT", "MMROPP"),
    ("The Iranian authorities arrested dozens of journalists.", "COERCE", "IRNMED"),
    ("The Cuban government detained hundreds of protesters.", "COERCE", "CUBOPP"),
    ("The Chinese government imprisoned civilians.", "COERCE", "CHNCVL"),
])
def test_events_a_state_represses_its_own_people(extract, text, type_, code):
    assert code in {r.recipient.code for r in extract(text) if r.type == type_ and r.recipient}


@pytest.mark.parametrize("text, code", [
    ("Russia's troops killed civilians in Kharkiv.", "UKRCVL"),
    ("Police in Tbilisi arrested protesters.", "GEOOPP"),
])
def test_events_a_named_place_wins_over_the_home_country(extract, text, code):
    assert code in {r.recipient.code for r in extract(text) if r.recipient}


def test_events_civilians_attacked_by_a_state_are_not_made_its_own(extract):
    records = extract("Russia's troops killed civilians.")
    assert not any(r.recipient and r.recipient.country == "RUS" for r in records)


@pytest.mark.parametrize("text, type_, code", [
    ("The junta arrested dozens of Burmese journalists.", "COERCE", "MMRMED"),
    ("Israeli forces detained hundreds of Palestinian civilians.", "COERCE", "PSECVL"),
    ("Russia condemned the detention of thousands of protesters by the Georgian police.",
     "COERCE", "GEOOPP"),
])
def test_events_a_figure_of_people_names_the_people(extract, text, type_, code):
    assert code in {r.recipient.code for r in extract(text) if r.type == type_ and r.recipient}


@pytest.mark.parametrize("text, giver, receiver", [
    ("Mr President, Iran prolonged the war by supplying drones to Russia.", "IRN", "RUS"),
    ("Colleagues, China sustained the war by selling machine tools to Russia.", "CHN", "RUS"),
    ("Colleagues, Belarus assisted the invasion by sending fuel to Russia.", "BLR", "RUS"),
])
def test_events_a_vocative_is_not_the_subject_a_complement_inherits(extract, text, giver,
                                                                    receiver):
    assert (giver, receiver) in _pairs(extract(text), "AID")


@pytest.mark.parametrize("text, giver, receiver", [
    ("Britain condemned the DPRK for providing Russia with military equipment.", "PRK", "RUS"),
    ("The UK sanctioned Iran for supplying drones to Russia.", "IRN", "RUS"),
    ("Washington criticised China for selling machine tools to Russia.", "CHN", "RUS"),
])
def test_events_one_judged_for_a_deed_did_it(extract, text, giver, receiver):
    assert _pairs(extract(text), "AID") == {(giver, receiver)}


def test_events_a_verb_coordinated_with_a_judgement_keeps_its_subject(extract):
    records = extract("The United States and China condemned the test and called on North "
                      "Korea to stop.")
    assert {("USA", "PRK"), ("CHN", "PRK")} <= _pairs(records, "REQUEST")


@pytest.mark.parametrize("text, type_, doer, target", [
    ("Hamas, an extremist group that attacked Israel, refused.", "ASSAULT", "PSE", "ISR"),
    ("Iran, a regime which arms the Houthis, denied it.", "AID", "IRN", "YEM"),
    ("The Houthis, a militia who fired missiles at Israel, were struck.", "ASSAULT", "YEM",
     "ISR"),
])
def test_events_relative_clause_on_an_apposition_is_done_by_the_name(extract, text, type_,
                                                                      doer, target):
    records = [r for r in extract(text) if r.type == type_]
    assert (doer, target) in _pairs(records, type_)
    assert all(r.actor.sector in (None, "REB", "GOV") for r in records if r.actor and
               r.actor.country == doer)


@pytest.mark.parametrize("text, doer, target", [
    ("Hamas, an extremist Palestinian element that refuses to recognize Israel's right to "
     "exist, fired rockets.", "PSEREB", "ISR"),
    ("Serbia declined to respect Kosovo's independence.", "SRB", "XKX"),
    ("The junta, a regime that refuses to accept Thailand's claim, met.", None, "THA"),
])
def test_events_refusing_what_an_actor_claims_rejects_that_actor(extract, text, doer, target):
    records = [r for r in extract(text) if r.type == "REJECT"]
    assert any(r.recipient and r.recipient.country == target and
               (doer is None or r.actor.code == doer) for r in records), records


def test_events_the_army_threatened_is_still_the_target(extract):
    records = extract("Pyongyang threatened to destroy South Korea's army.")
    assert "KORMIL" in {r.recipient.code for r in records if r.type == "THREATEN"}


def test_events_partner_of_an_event_noun_hung_on_its_verb(extract):
    records = extract("It is no surprise we have seen more meetings, as the Russian Federation "
                      "expands its military partnership with the DPRK.")
    assert ("RUS", "PRK") in _pairs(records, "COOPERATE")


@pytest.mark.parametrize("text, doer, target", [
    ("The missiles launched by the Houthis struck near civilian areas in Saudi Arabia.", "YEM",
     "SAU"),
    ("The militia attacked inside a camp in Iraq.", "IRQ", "IRQ"),
    ("The rebels attacked inside a base in Mali.", "MLI", "MLI"),
])
def test_events_a_place_inside_a_named_state_is_the_target(extract, text, doer, target):
    assert (doer, target) in _pairs(extract(text), "ASSAULT")


@pytest.mark.parametrize("text, type_, doer, target", [
    ("The UK exposed attempts by the DPRK to supply missiles to Russia.", "AID", "PRK", "RUS"),
    ("We condemn the decision of the Taliban to attack Afghan civilians.", "ASSAULT", "AFG",
     "AFG"),
    ("The plan of Iran to ship drones to Russia worried Kyiv.", "AID", "IRN", "RUS"),
])
def test_events_whose_attempt_or_plan_it_is_does_it(extract, text, type_, doer, target):
    assert (doer, target) in _pairs(extract(text), type_)
