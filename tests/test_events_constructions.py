"""General constructions of the event coder, each on several differently worded sentences:
who is asked to act, declared ceasefires, threats of consequences, deployments with and without
a recipient, the voice of a republished statement."""

from __future__ import annotations

import pytest

from sinew.actors import publisher_of
from sinew.coder import coder_for
from sinew.schema import Document


def _voiced(nlp, text, url="https://www.gov.uk/x"):
    """Every record of ``text`` in a document whose voice is its publisher's (GBR)."""
    return coder_for(nlp).code(nlp(text), Document(id="d", text=text, url=url))


def _pairs(records, type_):
    return {((r.actor.country if r.actor else None), (r.recipient.country if r.recipient else None))
            for r in records if r.type == type_}


@pytest.mark.parametrize("text, asker, asked", [
    ("Britain called for Iran to release the prisoners.", "GBR", "IRN"),
    ("Germany is calling for Russia to withdraw its troops.", "DEU", "RUS"),
    ("Washington called for the Houthis to end their attacks on shipping.", "USA", "YEM"),
    ("The United States called on Hamas to free the hostages.", "USA", "PSE"),
    ("Japan asked China to stop the patrols.", "JPN", "CHN"),
    ("The UN pressed Israel to allow aid into Gaza.", None, "ISR"),
    ("France urged Russia to withdraw its troops from Ukraine.", "FRA", "RUS"),
])
def test_events_asking_someone_to_act_is_a_request_to_them(extract, text, asker, asked):
    pairs = _pairs(extract(text), "REQUEST")
    assert any(b == asked and (asker is None or a == asker) for a, b in pairs), pairs


def test_events_asking_for_a_thing_names_no_one_asked(extract):
    assert not any(r.recipient for r in extract("Britain urged restraint.")
                   if r.type == "REQUEST")


@pytest.mark.parametrize("text, sides", [
    ("Hamas declared a truce with Israel.", {("PSE", "ISR")}),
    ("Russia announced a truce with Ukraine over Easter.", {("RUS", "UKR")}),
    ("Israel and Hamas agreed to a ceasefire.", {("ISR", "PSE"), ("PSE", "ISR")}),
    ("The army of Sudan and the rebels agreed to a ceasefire on Monday.", {("SDN", "SDN")}),
])
def test_events_declared_ceasefire_is_a_concession(extract, text, sides):
    # PLOVER: declaring (not yet observing) a ceasefire is CONCEDE, mode ceasefire
    records = [r for r in extract(text) if r.type == "CONCEDE"]
    assert sides <= _pairs(records, "CONCEDE")
    assert {r.mode for r in records} == {"ceasefire"}


@pytest.mark.parametrize("text, warner, warned", [
    ("Iran will pay a heavy price if it attacks Israel, Netanyahu warned.", "ISR", "IRN"),
    ("Britain warned Moscow that it would face a response if it invaded.", "GBR", "RUS"),
    ("The coalition action sends a clear message to the Houthis that they will bear further "
     "costs if they do not end their attacks.", None, "YEM"),
    ("Russia will face severe consequences if it uses chemical weapons.", None, "RUS"),
])
def test_events_consequences_for_an_actor_are_a_threat(extract, text, warner, warned):
    pairs = _pairs(extract(text), "THREATEN")
    assert any(b == warned and (warner is None or a == warner) for a, b in pairs), pairs


@pytest.mark.parametrize("text", [
    "The company will bear the cost of the repairs.",
    "Farmers face higher prices this year.",
])
def test_events_costs_without_a_warning_are_no_threat(extract, text):
    assert not [r for r in extract(text) if r.type == "THREATEN"]


def test_events_two_cues_of_one_event_give_one_record(extract):
    records = extract("Iran will pay a heavy price if it attacks Israel, Netanyahu warned.")
    assert len([r for r in records if r.type == "THREATEN"]) == 1


@pytest.mark.parametrize("text, type_, recipient", [
    ("Secretary Austin ordered the deployment of a fighter squadron to the Middle East.",
     "MOBILIZE", None),
    ("Russia ordered the deployment of troops to the border.", "MOBILIZE", None),
    ("The Pentagon ordered the deployment of two destroyers to the region.", "MOBILIZE", None),
    ("Britain announced the deployment of 500 soldiers to Estonia.", "AID", "EST"),
    # forces ordered or rushed somewhere, or sent to a place of their own state or of none
    ("The Pentagon ordered two more destroyers to the eastern Mediterranean.", "MOBILIZE", None),
    ("Secretary Austin has ordered cruisers and destroyers to the Middle East.", "MOBILIZE",
     None),
    ("Biden ordered 3,000 troops to Poland.", "AID", "POL"),
    ("Ukraine rushed reinforcements to Kharkiv.", "MOBILIZE", None),
    ("Russia deployed troops to Kursk.", "MOBILIZE", None),
    ("Ukraine sent reinforcements to Sumy.", "MOBILIZE", None),
    ("Israel redeployed two brigades to the north.", "MOBILIZE", None),
    ("Moscow sent a battalion of paratroopers to the Belarusian border.", "MOBILIZE", None),
    ("The Pentagon dispatched two destroyers to the eastern Mediterranean.", "MOBILIZE", None),
])
def test_events_deployment_to_an_actor_is_aid_else_mobilisation(extract, text, type_, recipient):
    records = [r for r in extract(text) if r.type in ("AID", "MOBILIZE")]
    assert records and all(r.type == type_ for r in records)
    assert {r.recipient.country if r.recipient else None for r in records} == {recipient}


@pytest.mark.parametrize("text", [
    "Putin ordered troops to withdraw from Kherson.",  # no destination: not a deployment
    "A court ordered the release of the journalist.",
    "Iran moved forward with the transfer of missiles to Russia.",
])
def test_events_ordering_without_a_destination_moves_no_forces(extract, text):
    assert not [r for r in extract(text) if r.type == "MOBILIZE" and r.trigger == "order"]
    assert not [r for r in extract(text) if r.type == "AID" and r.trigger == "order"]


@pytest.mark.parametrize("url, code", [
    ("https://web.archive.org/web/2021/https://www.state.gov/statement/", "USAGOV"),
    ("http://archive.example.org/keep/http://www.gov.uk/news/x", "GBRGOV"),
    ("https://web.archive.org/web/20160929025916/http:/www.state.gov/r/pa/prs/", "USAGOV"),
])
def test_actors_archived_copy_speaks_for_the_page_it_keeps(nlp, url, code):
    coder = coder_for(nlp)
    assert publisher_of(url, coder.actors).code == code


TEXT = ("The United States condemns the attack on the convoy. The United States stands with "
        "the people of Sudan. We call on the RSF to stop the fighting.")


def test_coder_voice_of_a_republished_statement(nlp):
    coder = coder_for(nlp)
    doc = nlp(TEXT)
    records = coder.code(doc, Document(id="r", text=TEXT, url="https://mirror.example.com/a"))
    assert ("USA", "SDN") in _pairs(records, "REQUEST")


@pytest.mark.parametrize("text, voice", [
    # one state speaks ("welcomes", "stands with"), another acts: the speaker is the first
    ("Britain welcomes the talks. Russia continues to attack Ukraine. Russia has shelled "
     "Kharkiv. We call on Russia to stop.", "GBR"),
    # the statement is introduced by its speaker
    ("Foreign Secretary David Cameron said:\n\nRussia has detained him for two years. Russia "
     "must free him. We urge Russia to act.", "GBR"),
    # the subject of deeds only, however often: no voice
    ("Russia attacked Kyiv. Russia has shelled Kharkiv. Despite our efforts, Russia refused "
     "to talk. We call on Russia to stop.", None),
])
def test_coder_voice_is_who_speaks_not_who_acts(nlp, text, voice):
    from sinew.actors import Mentions
    from sinew.coder import voice_of

    coder = coder_for(nlp)
    doc = nlp(text)
    found = voice_of(doc, Mentions(doc, coder.actors, nlp, "2024-01-01"))
    assert (found.country if found is not None else None) == voice


def test_coder_no_voice_without_first_person(nlp):
    text = "Russia attacked Kharkiv. Russia said the strikes hit military targets."
    coder = coder_for(nlp)
    records = coder.code(nlp(text), Document(id="n", text=text, url="https://example.com/a"))
    assert not any(r.actor and r.actor.how == "speaker" for r in records)


@pytest.mark.parametrize("text, actor, target", [
    ("Russian missiles on Kyiv and Kharkiv killed at least 18 people.", "RUS", "UKR"),
    ("Russia's daily assaults have brought constant chaos into the lives of the people of "
     "Ukraine.", "RUS", "UKR"),
    ("The UK announces new sanctions aimed at dismantling Russia's spy networks.", "GBR", "RUS"),
])
def test_events_target_is_the_one_other_state_the_sentence_names(extract, text, actor, target):
    types = {"ASSAULT", "SANCTION"}
    pairs = {p for t in types for p in _pairs(extract(text), t)}
    assert (actor, target) in pairs, pairs


@pytest.mark.parametrize("text", [
    "Russia attacked the city, Ukrainian officials said.",
    "Russia shelled the town, according to Kyiv.",
    "Russia shelled the town as France and Germany met in Paris.",
    "Britain condemned the attack by Russian forces on the town.",
])
def test_events_sources_and_several_states_name_no_target(extract, text):
    assert all(r.recipient is None for r in extract(text) if r.type == "ASSAULT")


@pytest.mark.parametrize("text, type_, actor, target", [
    ("The Commission found that Russia's use of torture against POWs amounts to crimes.",
     "ASSAULT", "RUS", None),
    ("The Taliban's campaign of violence against the Afghan people must end.",
     "ASSAULT", "AFG", "AFG"),
    ("A series of attacks by Russia against Ukraine followed.", "ASSAULT", "RUS", "UKR"),
    ("Iran's imprisonment of British nationals is unacceptable.", "COERCE", "IRN", "GBR"),
])
def test_events_framed_and_nominal_harms(extract, text, type_, actor, target):
    pairs = _pairs(extract(text), type_)
    assert any(a == actor and (target is None or b == target) for a, b in pairs), pairs


@pytest.mark.parametrize("text", [
    "The torture of Ukrainian prisoners continued.",
    "The persecution of Russian journalists is well documented.",
])
def test_events_what_is_done_to_someone_never_makes_them_the_doer(extract, text):
    assert all(r.actor is None for r in extract(text) if r.type in ("ASSAULT", "COERCE"))


@pytest.mark.parametrize("text", [
    "The drawdown of U.S. forces in Afghanistan is proceeding.",
    "The withdrawal of U.S. troops from Afghanistan was completed.",
    "The pullout of American soldiers in Afghanistan ended in August.",
])
def test_events_retreat_from_a_place_is_from_its_state(extract, text):
    assert ("USA", "AFG") in _pairs(extract(text), "RETREAT")


@pytest.mark.parametrize("text, type_, actor, recipient", [
    ("The Iranian-backed Houthi attacks against U.S. vessels continued.", "ASSAULT", "YEM", "USA"),
    ("Iran-aligned militias attacked U.S. forces in Syria.", "ASSAULT", "SYR", "USA"),
    ("Russia-backed separatists shelled Ukrainian positions.", "ASSAULT", None, "UKR"),
])
def test_actors_a_sponsor_named_in_x_backed_is_not_the_owner(extract, text, type_, actor,
                                                              recipient):
    assert (actor, recipient) in _pairs(extract(text), type_)


@pytest.mark.parametrize("text, code", [
    ("We stand with the people of Sudan.", "SDNCVL"),
    ("Russian missiles on Kyiv killed 18 people.", "UKRCVL"),
    ("Iran's leaders attacked the Iranian people.", "IRNCVL"),
])
def test_actors_the_people_are_the_civilian_sector(extract, text, code):
    assert code in {r.recipient.code for r in extract(text) if r.recipient}


@pytest.mark.parametrize("text, supplier, user, target", [
    ("Russia launched North Korean missiles at Kharkiv.", "PRK", "RUS", "UKR"),
    ("The Houthis fired Iranian missiles at Saudi Arabia.", "IRN", "YEM", "SAU"),
    ("Russia's use of Iranian drones against Ukrainian cities continues.", "IRN", "RUS", None),
    ("Russian forces are using North Korean artillery shells in Ukraine.", "PRK", "RUS", None),
])
def test_events_one_states_weapons_used_by_another_were_supplied(extract, text, supplier, user,
                                                                 target):
    records = extract(text)
    assert (supplier, user) in _pairs(records, "AID")
    assert (user, supplier) not in _pairs(records, "ASSAULT")  # the maker is not the target
    if target:
        assert (user, target) in _pairs(records, "ASSAULT")


@pytest.mark.parametrize("text", [
    "Russia launched Russian missiles at Kyiv.",
    "Iran fired missiles at Israel.",
    "Russia used artillery against Ukrainian positions.",
])
def test_events_own_or_unnamed_weapons_are_no_supply(extract, text):
    assert not [r for r in extract(text) if r.type == "AID"]


@pytest.mark.parametrize("text, low", [
    ("Russia used eight Iranian-made drones to strike Kyiv.", 8),
    ("Russia fired at least six North Korean missiles at Kharkiv.", 6),
])
def test_events_goods_used_were_delivered_at_least_as_many(extract, text, low):
    aid = [r for r in extract(text) if r.type == "AID"]
    assert aid and aid[0].quantity is not None and aid[0].quantity.low == low


@pytest.mark.parametrize("text, type_, judge, owner", [
    ("France welcomed the efforts of Qatar and Egypt.", "SUPPORT", "FRA", "QAT"),
    ("The United States welcomes Uzbekistan's decision to free the journalists.", "SUPPORT",
     "USA", "UZB"),
    ("The UK condemns the actions of the Iranian regime.", "ACCUSE", "GBR", "IRN"),
    ("Japan welcomed the announcement by South Korea.", "SUPPORT", "JPN", "KOR"),
])
def test_events_a_reaction_to_a_deed_is_aimed_at_its_owner(extract, text, type_, judge, owner):
    assert (judge, owner) in _pairs(extract(text), type_)


@pytest.mark.parametrize("text, sides", [
    ("Israel struck Hamas targets in Gaza. France urged all parties to respect the ceasefire.",
     {("FRA", "ISR"), ("FRA", "PSE")}),
    ("Russia shelled Ukrainian positions near Bakhmut. Turkey called on both sides to stop the "
     "fighting.", {("TUR", "RUS"), ("TUR", "UKR")}),
])
def test_events_all_parties_are_the_sides_of_the_latest_conflict(extract, text, sides):
    assert sides <= _pairs(extract(text), "REQUEST")


def test_events_all_parties_without_a_conflict_name_no_one(extract):
    records = extract("France urged all parties to respect the ceasefire.")
    assert _pairs(records, "REQUEST") == {("FRA", None)}


@pytest.mark.parametrize("date, code", [
    ("2018-06-07", "AFGREB"), ("2021-08-01", "AFGREB"), ("2021-09-01", "AFGGOV"),
    ("2024-01-10", "AFGGOV"),
])
def test_actors_a_group_that_took_power_is_coded_by_date(extract, date, code):
    records = extract("The Taliban attacked Afghan soldiers in Kandahar.", date=date)
    assert {r.actor.code for r in records if r.type == "ASSAULT"} == {code}


@pytest.mark.parametrize("text, judge, judged", [
    ("It is unacceptable that Russia continues to attack Ukrainian cities.", None, "RUS"),
    ("It is despicable that Russia is using weapons procured from the DPRK.", None, "RUS"),
    ("Britain is deeply concerned that Iran has supplied drones to Russia.", "GBR", "IRN"),
    ("Russia's attacks on civilians are despicable.", None, "RUS"),
])
def test_events_a_judgement_of_what_a_clause_says_accuses_its_doer(extract, text, judge, judged):
    assert (judge, judged) in _pairs(extract(text), "ACCUSE")


@pytest.mark.parametrize("text, supplier", [
    ("It is despicable that Russia is using weapons procured from the DPRK.", "PRK"),
    ("Russia used drones supplied by Iran against Ukrainian cities.", "IRN"),
])
def test_events_goods_used_from_a_named_origin_are_supplied_not_attacked(extract, text,
                                                                          supplier):
    records = extract(text)
    assert (supplier, "RUS") in _pairs(records, "AID")
    assert ("RUS", supplier) not in _pairs(records, "ASSAULT")


def test_events_a_state_that_acts_in_the_sentence_is_not_the_target_named_elsewhere(extract):
    records = extract("The United States strongly condemns the violent crackdown by security "
                      "forces against peaceful protesters.")
    assert all(r.recipient is None or r.recipient.country != "USA"
               for r in records if r.type == "COERCE")


@pytest.mark.parametrize("text, actor", [
    ("The Russian regime's conviction of the journalist is deplorable.", "RUS"),
    ("Iran's prosecution of activists continued.", "IRN"),
])
def test_events_convictions_and_prosecutions_coerce(extract, text, actor):
    assert any(r.actor and r.actor.country == actor for r in extract(text) if r.type == "COERCE")


def test_events_a_conviction_held_is_no_event(extract):
    assert not extract("We share the conviction that peace is possible.")


@pytest.mark.parametrize("text, asked, content", [
    ("France urged Russia to withdraw its troops from Ukraine.", "RUS", "RETREAT"),
    ("Over 140 countries have called on Russia to end its war and withdraw from Ukraine.",
     "RUS", "RETREAT"),
    ("Germany called for the immediate withdrawal of Eritrean forces from Ethiopia.", "ERI",
     "RETREAT"),
    ("Iran must stop its effort to arm the Houthis.", "IRN", "AID"),
    ("Kerry urged Putin to work with the government of Ukraine.", "RUS", "COOPERATE"),
])
def test_events_what_a_demand_asks_for_is_its_content_not_an_event(extract, text, asked,
                                                                   content):
    # PLOVER codes the REQUEST; the asked-for withdrawal, arming or work is not yet an event
    records = extract(text)
    assert not [r for r in records if r.type == content], records
    if asked:
        assert asked in {r.recipient.country for r in records
                         if r.type == "REQUEST" and r.recipient}


@pytest.mark.parametrize("text, doer, victim", [
    ("Russia must honour the agreement by ending its attacks on Syrian civilians.", "RUS", "SYR"),
    ("Britain called on Hamas to stop its rocket attacks on Israel.", "PSE", "ISR"),
    ("We urge Moscow to end its bombardment of Ukrainian cities.", "RUS", "UKR"),
])
def test_events_attacks_a_demand_would_end_are_still_attacks(extract, text, doer, victim):
    assert (doer, victim) in _pairs(extract(text), "ASSAULT")


@pytest.mark.parametrize("text, asker, asked", [
    ("Germany called for the immediate withdrawal of Eritrean forces from Ethiopia.", "DEU", "ERI"),
    ("Britain demanded the withdrawal of Russian troops.", "GBR", "RUS"),
    ("France pressed for the release of the hostages held by Hamas.", "FRA", "PSE"),
    ("Japan urged an end to Chinese patrols near the islands.", "JPN", "CHN"),
])
def test_events_demanding_a_deed_asks_its_doer(extract, text, asker, asked):
    assert (asker, asked) in _pairs(extract(text), "REQUEST")


@pytest.mark.parametrize("text, holder, held", [
    ("The 1,500 political prisoners who remain detained in Belarus must be released.",
     "BLRGOV", "BLRCVL"),
    ("Dozens of journalists were arrested in Turkey last week.", "TURGOV", "TURMED"),
    ("Five Americans were unjustly detained in Iran.", "IRNGOV", "USACVL"),
    ("Russian authorities detained the opposition activist.", "RUSGOV", "RUSOPP"),
    ("Belarusian authorities arrested hundreds of demonstrators.", "BLRGOV", "BLROPP"),
    ("Police in Iran arrested dozens of protesters.", "IRNCOP", "IRNOPP"),
    ("Two Britons were released from prison in Iran.", "IRNGOV", "GBRCVL"),
    ("Iran has released five Americans who were unjustly detained.", "IRN", "USACVL"),
])
def test_events_people_held_are_held_by_a_state(extract, text, holder, held):
    # arrests and detentions are a state's acts: no doer named, the state where they happen;
    # victims named by role belong to the doer's country; a plural nationality is its people
    pairs = {(r.actor.code, r.recipient.code) for r in extract(text)
             if r.type in ("COERCE", "RETREAT") and r.actor and r.recipient}
    assert (holder, held) in pairs, pairs


def test_events_a_detention_with_no_country_names_no_state(extract):
    records = [r for r in extract("The activist was detained on Tuesday.") if r.type == "COERCE"]
    assert not any(r.actor and r.actor.sector == "GOV" for r in records)


def test_events_foreigners_held_name_no_holder(extract):
    records = [r for r in extract("Five Americans were detained.") if r.type == "COERCE"]
    assert [(r.actor, r.recipient.code) for r in records] == [(None, "USACVL")]


@pytest.mark.parametrize("text, judge, accused", [
    ("Both Iran and Russia have violated their obligations under Resolution 2231.", None,
     {"IRN", "RUS"}),
    ("The Kremlin undermines this Council with irresponsible nuclear rhetoric.", None, {"RUS"}),
    ("Russia's procurement of ballistic missiles from the DPRK violates the resolutions.", None,
     {"RUS"}),
    ("Moscow said Kyiv had violated the ceasefire.", "RUS", {"UKR"}),
    ("Tehran continues to foment instability across the region.", None, {"IRN"}),
])
def test_events_saying_an_actor_breaks_a_rule_accuses_it(extract, text, judge, accused):
    records = [r for r in extract(text) if r.type == "ACCUSE"]
    assert {r.recipient.country for r in records} == accused
    assert {r.actor.country if r.actor else None for r in records} == {judge}


def test_events_a_wrong_only_wanted_or_denied_is_no_accusation(extract):
    assert not [r for r in extract("Russia wants to undermine NATO.") if r.type == "ACCUSE"]
    assert {r.modality for r in extract("Iran did not violate the embargo.")
            if r.type == "ACCUSE"} == {"negated"}


@pytest.mark.parametrize("text, accuser, accused", [
    ("Germany summoned Iran's ambassador over the executions.", "DEU", "IRNGOV"),
    ("China summoned the Japanese envoy.", "CHN", "JPNGOV"),
    ("Poland summoned the Russian ambassador after the drone incursion.", "POL", "RUSGOV"),
])
def test_events_summoning_an_ambassador_is_a_diplomatic_protest(extract, text, accuser, accused):
    # PLOVER: summoning an in-country ambassador to present a grievance is ACCUSE, not CONSULT
    records = extract(text)
    assert (accuser, accused) in {(r.actor.code, r.recipient.code) for r in records
                                  if r.type == "ACCUSE" and r.actor and r.recipient}
    assert not [r for r in records if r.type == "CONSULT"]
    assert not [r for r in extract("The court summoned the witness.") if r.type == "ACCUSE"]


@pytest.mark.parametrize("text, doer, victim", [
    ("The DPRK has transferred ballistic missiles to aid Russia's war against Ukraine.", "RUS",
     "UKR"),
    ("Putin's illegal war in Ukraine continues.", "RUS", "UKR"),
    ("These were acts of wanton destruction by Russia in Ukraine.", "RUS", "UKR"),
    ("Saudi Arabia's war on the Houthis has killed thousands.", "SAU", "YEM"),
])
def test_events_a_war_waged_by_a_named_side_is_an_attack(extract, text, doer, victim):
    assert (doer, victim) in _pairs(extract(text), "ASSAULT")


def test_events_a_war_with_no_doer_is_no_attack(extract):
    assert not [r for r in extract("The war in Ukraine has lasted three years.")
                if r.type == "ASSAULT"]


@pytest.mark.parametrize("text, category", [
    ("Washington sent military aid to Kyiv.", "weapons"),
    ("The Pentagon will provide security assistance to Ukraine.", "weapons"),
    ("Iran, the DPRK, and China are providing Russia with material support.", "other"),
    ("North Korea sent air defence systems to Russia.", "military_equipment"),
    ("Iran sent Russia Fath-360 missiles with a range of 120 kilometres.", "missiles"),
])
def test_events_a_named_kind_of_aid_is_read_as_a_phrase(extract, text, category):
    # the phrase before its head word: "military aid" is weapons, not money
    assert category in {r.what.category for r in extract(text) if r.type == "AID" and r.what}


@pytest.mark.parametrize("text, supplier, user, target", [
    ("The Houthis launched Iran-supplied missiles at ships.", "IRN", "YEM", None),
    ("Russia attacked Ukraine with Iranian drones.", "IRN", "RUS", "UKR"),
    ("Russia struck Kyiv with North Korean missiles overnight.", "PRK", "RUS", "UKR"),
])
def test_events_the_origin_of_weapons_used_supplies_and_is_never_the_target(
        extract, text, supplier, user, target):
    records = extract(text)
    assert (supplier, user) in _pairs(records, "AID")
    assert {b for a, b in _pairs(records, "ASSAULT")} == {target}


@pytest.mark.parametrize("text, praiser, praised", [
    ("The UK is grateful to Qatar for its mediation.", "GBR", "QAT"),
    ("Britain commended Kenya for its leadership.", "GBR", "KEN"),
    ("France thanked Egypt for hosting the talks.", "FRA", "EGY"),
    ("Germany paid tribute to the efforts of Qatar.", "DEU", "QAT"),
    ("Japan expressed its gratitude to India for the rescue.", "JPN", "IND"),
])
def test_events_thanks_and_tribute_support_whom_they_praise(extract, text, praiser, praised):
    assert (praiser, praised) in _pairs(extract(text), "SUPPORT")


@pytest.mark.parametrize("text, doer, target", [
    ("Israel continues to face rocket attacks from Hamas.", "PSE", "ISR"),
    ("Ukraine faced repeated drone attacks from Russia overnight.", "RUS", "UKR"),
    ("Kharkiv came under attack from Russian forces.", "RUS", "UKR"),
    ("Saudi Arabia has endured missile strikes by the Houthis.", "YEM", "SAU"),
])
def test_events_the_subject_of_a_verb_of_suffering_is_the_target(extract, text, doer, target):
    # the event is the noun's, aimed at whoever faces or endures it; the verb codes nothing
    records = extract(text)
    assert (doer, target) in _pairs(records, "ASSAULT"), _pairs(records, "ASSAULT")
    assert {r.type for r in records} == {"ASSAULT"}


@pytest.mark.parametrize("text, doer", [
    ("The violence from the military against peaceful protesters must stop.", None),
    ("Ukraine faced repeated drone attacks from Russia overnight.", "RUS"),
    ("Rocket attacks from Hezbollah hit northern Israel.", "LBN"),
])
def test_events_the_source_of_an_act_is_its_doer(extract, text, doer):
    records = [r for r in extract(text) if r.type == "ASSAULT"]
    assert records and all(r.actor is not None for r in records)
    assert doer is None or {r.actor.country for r in records} == {doer}


def test_events_what_one_withdraws_from_stays_the_target(extract):
    pairs = _pairs(extract("The withdrawal of Russian troops from Georgia was completed."),
                   "RETREAT")
    assert pairs == {("RUS", "GEO")}


@pytest.mark.parametrize("text, supplier, buyer", [
    ("Moscow sustains its war through purchases of drones from Iran.", "IRN", "RUS"),
    ("Russia's imports of drones from Iran grew.", "IRN", "RUS"),
    ("The Kremlin undermines this Council with nuclear rhetoric, procurement of arms from the "
     "DPRK and purchases of drones from Iran.", "PRK", "RUS"),
    ("Damascus props up its army with imports of fuel from Iran.", "IRN", "SYR"),
])
def test_events_a_purchase_from_a_state_is_not_that_states_own(extract, text, supplier, buyer):
    # the buyer is the one whose means the purchase is, never the state in its "from" phrase
    pairs = _pairs(extract(text), "AID")
    assert (supplier, buyer) in pairs, pairs
    assert all(a != b for a, b in pairs)


@pytest.mark.parametrize("text, day, sides", [
    ("The United States welcomes President Ghani's offer of a temporary ceasefire between the "
     "Government of Afghanistan and the Taliban.", "2018-06-08", {("AFG", "AFG")}),
    ("Russia's proposal of a truce between Moscow and Kyiv was rejected.", "2024-05-01",
     {("RUS", "UKR")}),
    ("Israel accepted a truce between Israel and Hezbollah.", "2024-05-01", {("ISR", "LBN")}),
])
def test_events_one_side_that_offers_or_accepts_a_truce_acts_toward_the_other(
        extract, text, day, sides):
    assert _pairs(extract(text, date=day), "CONCEDE") == sides


def test_events_a_truce_between_two_with_no_owner_goes_both_ways(extract):
    pairs = _pairs(extract("A ceasefire between Armenia and Azerbaijan took effect on Monday."),
                   "CONCEDE")
    assert pairs == {("ARM", "AZE"), ("AZE", "ARM")}


def test_events_a_group_coordinated_after_a_place_phrase_is_its_own_actor(extract):
    # "the Government of Afghanistan and the Taliban": the Taliban are no place of Afghanistan
    records = extract("Talks between the Government of Afghanistan and the Taliban began.",
                      date="2018-06-08")
    codes = {(r.actor.code, r.recipient.code) for r in records if r.type == "CONSULT"}
    assert ("AFGGOV", "AFGREB") in codes or ("AFGREB", "AFGGOV") in codes, codes


@pytest.mark.parametrize("title, day, code", [
    ("Foreign Secretary Boris Johnson welcomes announcement by Afghanistan's government",
     "2018-06-07", "GBR"),
    ("On Afghanistan President Ghani's Ceasefire Offer (Press Statement, Secretary Pompeo)",
     "2018-06-07", "USA"),
    ("Biden Administration Announces Additional Security Assistance for Ukraine", "2023-04-19",
     "USA"),
    ("Secretary Antony J. Blinken and Ukrainian Foreign Minister Dmytro Kuleba at a Joint Press "
     "Availability", "2024-05-15", "USA"),
])
def test_coder_the_author_a_title_names_is_the_voice_of_a_republished_text(nlp, title, day,
                                                                           code):
    speaker = coder_for(nlp).speaker(Document(id="t", text="x", title=title, date=day,
                                              url="https://mirror.example.com/a"))
    assert speaker is not None and speaker.country == code


@pytest.mark.parametrize("title", [
    "Putin orders troops into eastern Ukraine",  # news about a leader, not by one
    "President Ghani's ceasefire offer",  # what the title is about
    "Kremlin denies talks with Kyiv",
])
def test_coder_a_leader_a_headline_is_about_is_no_voice(nlp, title):
    assert coder_for(nlp).speaker(Document(id="t", text="x", title=title, date="2022-02-22",
                                           url="https://news.example.com/a")) is None


@pytest.mark.parametrize("text, doer", [
    ("The United States remains gravely concerned with Russia's use of Iranian drones against "
     "Ukrainian cities in its unprovoked war against Ukraine.", "RUS"),
    ("Kyiv reported the strikes. In its attacks this past weekend, Russia fired six ballistic "
     "missiles at Kharkiv.", "RUS"),
    ("Britain said that Russia is using drones bought from Iran to pursue its war against "
     "Ukraine.", "RUS"),
    ("Washington said that Israel's strikes on Hezbollah were part of its campaign against "
     "Iran's proxies.", "ISR"),
])
def test_events_a_possessive_pronoun_stands_for_the_nearest_subject_or_owner(extract, text, doer):
    # the nearest subject or possessor of a phrase holding "its" (or the subject of the clause
    # that a fronted phrase opens), not the last subject of the text
    records = [r for r in extract(text) if r.type == "ASSAULT"]
    assert records and {r.actor.country for r in records if r.actor} == {doer}, records


@pytest.mark.parametrize("text, giver, taker", [
    ("We are monitoring what Russia provides to the DPRK in return for its provision of arms.",
     "PRK", "RUS"),
    ("Moscow sends oil to Pyongyang in exchange for its supply of shells.", "PRK", "RUS"),
    ("China supplies chips to Moscow in exchange for its deliveries of oil.", "RUS", "CHN"),
])
def test_events_what_a_clause_gives_in_return_for_goes_to_its_subject(extract, text, giver,
                                                                      taker):
    # "in return for its provision": "its" is the other party, the receiver the clause's subject
    assert (giver, taker) in _pairs(extract(text), "AID"), _pairs(extract(text), "AID")


@pytest.mark.parametrize("text, type_, pair", [
    ("The North Korean regime needs to change its course immediately and the UK calls on all "
     "countries to implement these measures.", "REQUEST", ("PRK", "GBR")),
    ("The Pentagon continues to take steps to mitigate the possibility of escalation by Iran.",
     "COERCE", ("USA", "IRN")),
])
def test_events_an_actor_in_a_purpose_or_coordinated_clause_is_no_target(extract, text, type_,
                                                                         pair):
    # PETRARCH's reading of a verb's target stops at a clause of its own ("steps to mitigate
    # escalation by Iran", "... and the UK calls on"); the verb's own complement does not
    assert pair not in _pairs(extract(text), type_)


SUDAN = ("Sudan's military seized power in October. Sudan's transition has stalled, and Sudan's "
         "civilian leaders were detained. {}")


@pytest.mark.parametrize("sentence, pair", [
    ("Security forces fired on peaceful protesters on Wednesday.", ("SDN", "SDN")),
    ("The police arrested dozens of protesters.", ("SDN", "SDN")),
])
def test_actors_an_agent_of_no_named_country_belongs_to_the_country_a_text_is_about(
        extract, sentence, pair):
    records = [r for r in extract(SUDAN.format(sentence)) if r.evidence.text == sentence]
    assert any((r.actor and r.actor.country, r.recipient and r.recipient.country) == pair
               for r in records), [(r.type, r.actor, r.recipient) for r in records]


def test_actors_no_home_country_when_a_text_names_several(extract):
    text = ("Russia and Ukraine traded blame. Russia said Ukraine shelled the plant. "
            "Security forces fired on protesters.")
    records = [r for r in extract(text) if "Security forces" in r.evidence.text]
    assert all(r.actor is None or r.actor.country is None for r in records)


@pytest.mark.parametrize("text, pair", [
    ("Russia completed the withdrawal of its troops and equipment from Georgia.", ("RUS", "GEO")),
    ("Israel announced the withdrawal of its forces from Gaza.", ("ISR", "PSE")),
    ("The withdrawal of Russian troops from Georgia was completed.", ("RUS", "GEO")),
])
def test_events_a_withdrawal_of_ones_own_forces_is_aimed_at_where_they_leave(extract, text,
                                                                           pair):
    assert _pairs(extract(text), "RETREAT") == {pair}


@pytest.mark.parametrize("text, pair", [
    ("Afghanistan faces a hard winter. Afghanistan will decide its future. We announced the "
     "drawdown of our forces in April.", ("GBR", "AFG")),
    ("Iraq held elections. Iraq's government thanked us. Our withdrawal was completed in "
     "December.", ("GBR", "IRQ")),
])
def test_events_a_withdrawal_naming_no_place_leaves_the_country_a_text_is_about(nlp, text, pair):
    # the voice of the text (the publisher) withdraws from the one country the text is about
    coder = coder_for(nlp)
    records = coder.code(nlp(text), Document(id="w", text=text, date="2021-07-08",
                                             url="https://www.gov.uk/government/news/x"))
    assert pair in _pairs(records, "RETREAT"), _pairs(records, "RETREAT")


@pytest.mark.parametrize("text, sides", [
    ("Russia and China held joint naval exercises in the Sea of Japan.",
     {("RUS", "CHN"), ("CHN", "RUS")}),
    ("Turkey and Azerbaijan conducted a joint military drill.", {("TUR", "AZE"), ("AZE", "TUR")}),
    ("Belarus held military drills with Russia near the Polish border.",
     {("BLR", "RUS"), ("RUS", "BLR")}),
    ("The United States and South Korea began their annual combined exercises.",
     {("USA", "KOR"), ("KOR", "USA")}),
])
def test_events_joint_exercises_are_cooperation(extract, text, sides):
    # PLOVER: joint military exercises are COOPERATE; one country's exercises MOBILIZE
    records = extract(text)
    assert _pairs(records, "COOPERATE") == sides
    assert not _pairs(records, "MOBILIZE")


def test_events_one_countrys_exercises_are_mobilisation(extract):
    records = extract("Russia held large-scale military exercises near the border.")
    assert _pairs(records, "MOBILIZE") == {("RUS", None)} and not _pairs(records, "COOPERATE")


@pytest.mark.parametrize("text, target", [
    ("The sanctions directly target the Iranian regime's oil exports.", "IRN"),
    ("Today's sanctions also target eight officers of Russia's GRU.", "RUS"),
    ("The EU's sanctions hit Russian banks.", "RUS"),
    ("Britain introduced sanctions targeting officials of the Belarusian regime.", "BLR"),
])
def test_events_sanctions_that_target_or_hit_are_no_attack(extract, text, target):
    # the verb aims the sanction; it is not an assault on what it names
    records = extract(text)
    assert not _pairs(records, "ASSAULT")
    assert target in {b for _, b in _pairs(records, "SANCTION")}


@pytest.mark.parametrize("text, sides", [
    ("The Foreign Secretary welcomed the agreement reached by Israel and Hamas.",
     {("ISR", "PSE"), ("PSE", "ISR")}),
    ("The deal struck by Russia and Ukraine allowed grain exports.",
     {("RUS", "UKR"), ("UKR", "RUS")}),
    ("Armenia and Azerbaijan reached an agreement on the border.",
     {("ARM", "AZE"), ("AZE", "ARM")}),
    ("Russia and North Korea concluded an arms deal.", {("RUS", "PRK"), ("PRK", "RUS")}),
])
def test_events_reaching_or_striking_a_deal_is_an_agreement(extract, text, sides):
    # the verb carries its object's event: "struck a deal" is no attack, "reached" no arrival
    records = extract(text)
    assert _pairs(records, "AGREE") == sides
    assert not _pairs(records, "ASSAULT") and not _pairs(records, "AID")


@pytest.mark.parametrize("text, type_", [
    ("Russian officials held discussions about potential arms deals with the DPRK.", "AGREE"),
    ("Iran and Saudi Arabia held talks on a ceasefire in Yemen.", "CONCEDE"),
    ("Israel and Hamas discussed a truce.", "CONCEDE"),
])
def test_events_what_talks_are_about_is_no_event(extract, text, type_):
    # PLOVER codes the CONSULT; the deal or truce under discussion has not happened
    records = extract(text)
    assert any(r.type == "CONSULT" for r in records)
    assert not any(r.type == type_ for r in records)


def test_events_what_a_taker_gets_in_return_is_not_given_to_it(extract):
    text = "The DPRK will be extracting a high price from Russia in return for its troops."
    assert not any(r.type == "AID" and r.recipient and r.recipient.country == "PRK"
                   for r in extract(text))


@pytest.mark.parametrize("text, pair", [
    ("We will impose further sanctions on Iran if it continues enrichment.", (None, "IRN")),
    ("Israel will strike Hezbollah if the attacks continue.", ("ISR", "LBN")),
    ("Russia will attack Ukraine's grid unless Kyiv stops its strikes.", ("RUS", "UKR")),
    ("If Russia invades, the United States will impose severe sanctions.", ("USA", "RUS")),
])
def test_events_an_act_promised_on_a_condition_is_a_threat(extract, text, pair):
    # PLOVER THREATEN: the conditional attack or sanction is threatened, not done
    records = extract(text)
    threats = {(r.actor.country if r.actor else None, r.recipient.country if r.recipient
                else None) for r in records if r.type == "THREATEN"}
    assert pair in threats, threats
    assert all(r.modality != "asserted" for r in records if r.type in ("ASSAULT", "SANCTION"))


@pytest.mark.parametrize("text, protest", [
    ("The United States condemns the violent crackdown by Sudanese security forces against "
     "peaceful protesters.", ("SDN", "SDN")),
    ("Three years ago, the Belarusian regime unleashed violence on peaceful protesters.",
     ("BLR", "BLR")),
    ("Iranian police arrested hundreds of demonstrators in Tehran.", ("IRN", "IRN")),
])
def test_events_force_used_on_protesters_presupposes_their_protest(extract, text, protest):
    assert protest in _pairs(extract(text), "PROTEST")


def test_events_force_used_on_others_presupposes_no_protest(extract):
    assert not _pairs(extract("Russian police detained opposition leaders."), "PROTEST")


@pytest.mark.parametrize("text", [
    "Thousands joined a rally against the junta in Yangon.",
    "Students held a vigil against the war outside the parliament in Tbilisi.",
])
def test_events_rallies_and_vigils_are_protests(extract, text):
    assert any(r.type == "PROTEST" for r in extract(text))


@pytest.mark.parametrize("text, mode", [
    ("The regime in Tehran jailed the journalist for ten years.", "arrest"),
    ("Turkey shut down the newspaper.", "censor"),
    ("The Taliban barred women from universities.", "restrict"),
    ("Venezuela disqualified the opposition candidate.", "restrict"),
    ("Myanmar's junta imposed a curfew in Yangon.", "curfew"),
])
def test_events_repression_short_of_violence_is_coercion(extract, text, mode):
    # PLOVER COERCE and its modes; COERCE needs no recipient
    records = [r for r in extract(text) if r.type == "COERCE"]
    assert records and {r.mode for r in records} == {mode}, records


def _codes(records, type_):
    return {((r.actor.code if r.actor else None), (r.recipient.code if r.recipient else None))
            for r in records if r.type == type_}


@pytest.mark.parametrize("text, target", [
    ("Hundreds of Armenians protested outside the Russian embassy in Yerevan.", "RUSGOV"),
    ("Opposition activists rallied in front of the Georgian parliament on Sunday.", "GEOLEG"),
    ("Dozens of Ukrainians demonstrated outside the Hungarian embassy in Kyiv.", "HUNGOV"),
    ("Thousands protested in front of the US embassy in Seoul.", "USAGOV"),
])
def test_events_a_protest_outside_an_institution_is_aimed_at_it(extract, text, target):
    # PLOVER PROTEST: its target is whom the protest is against; held at their door
    assert target in {t for _, t in _codes(extract(text), "PROTEST")}


@pytest.mark.parametrize("text", [
    "Pensioners protested outside Yerevan.",
    "Workers protested outside Minsk.",
])
def test_events_a_protest_outside_a_town_names_no_target(extract, text):
    assert {t for _, t in _codes(extract(text), "PROTEST")} <= {None}


def _typed(records, type_):
    return [r for r in records if r.type == type_]


@pytest.mark.parametrize("text, mode", [
    ("Workers went on strike over unpaid wages.", "strike"),
    ("Kenyan doctors went on strike over pay.", "strike"),
    ("Nigerian unions staged a general strike.", "strike"),
    ("Opposition activists began a hunger strike in Minsk.", "hunger"),
    ("Opposition parties boycotted the election in Chad.", "boycott"),
    ("Thousands of protesters rallied in Tbilisi against the Georgian government.", "demo"),
    ("Demonstrators marched on parliament in Belgrade.", "demo"),
    ("Protesters gathered outside the Russian embassy in London.", "demo"),
    ("Farmers demonstrated outside Kyiv.", "demo"),
    ("Opposition supporters staged a sit-in outside the Kenyan parliament.", "demo"),
])
def test_events_strikes_boycotts_and_rallies_are_protests(extract, text, mode):
    # PLOVER PROTEST: "rally, gather to protest"; modes demo, strike, hunger, boycott
    records = _typed(extract(text), "PROTEST")
    assert records and {r.mode for r in records} == {mode}, extract(text)
    assert all(r.actor is not None for r in records)


@pytest.mark.parametrize("text, target", [
    ("Thousands of protesters rallied in Tbilisi against the Georgian government.", "GEOGOV"),
    ("Opposition supporters staged a sit-in outside the Kenyan parliament.", "KENLEG"),
    ("Protesters gathered outside the Russian embassy in London.", "RUSGOV"),
])
def test_events_a_protest_is_aimed_at_whom_it_is_against(extract, text, target):
    assert target in {t for _, t in _codes(extract(text), "PROTEST")}


@pytest.mark.parametrize("text, not_type", [
    ("Russian missile strikes on Kyiv killed ten people.", "PROTEST"),   # an attack
    ("NATO allies rallied behind Ukraine.", "PROTEST"),                  # support
    ("Russia demonstrated its new missile.", "PROTEST"),                 # showed
    ("Ministers gathered in Brussels for the summit.", "PROTEST"),        # a meeting
])
def test_events_words_of_protest_in_other_senses_are_no_protest(extract, text, not_type):
    assert not _typed(extract(text), not_type)


def test_events_a_protest_outside_a_town_by_a_verb_names_no_target(extract):
    assert {t for _, t in _codes(extract("Teachers rallied outside Tbilisi."), "PROTEST")} \
        <= {None}


@pytest.mark.parametrize("text, doer, target", [
    ("Farmers blocked roads across France in protest against EU trade rules.", "AGR", "EU"),
    ("Truckers blocked the border crossing in protest against the Polish government.",
     None, "POLGOV"),
    ("Farmers dumped manure in Brussels in protest against the EU.", "AGR", "EU"),
])
def test_events_in_protest_against_is_a_factual_protest_by_the_subject(extract, text, doer,
                                                                       target):
    # "in protest" says why the verb was done: not framed by "blocked", done by its subject
    records = [r for r in _typed(extract(text), "PROTEST")
               if r.recipient is not None and r.recipient.code == target]
    assert records and all(r.modality == "asserted" for r in records), extract(text)
    assert doer is None or {r.actor.code for r in records} == {doer}


@pytest.mark.parametrize("text, sides", [
    ("Japan and Australia pledged to work together on maritime security.",
     {("JPN", "AUS"), ("AUS", "JPN")}),
    ("India and Japan vowed to cooperate on defence.", {("IND", "JPN"), ("JPN", "IND")}),
    ("France and Germany promised to deepen their partnership.",
     {("FRA", "DEU"), ("DEU", "FRA")}),
    ("Britain and Japan have agreed to a new defence partnership.",
     {("GBR", "JPN"), ("JPN", "GBR")}),
])
def test_events_promised_cooperation_is_one_agreement_between_the_parties(extract, text,
                                                                         sides):
    # PLOVER AGREE: "promises, offers, or agreement for future cooperation"; not COOPERATE
    records = extract(text)
    assert sides <= _pairs(records, "AGREE")
    assert not _typed(records, "COOPERATE")


@pytest.mark.parametrize("text, sides", [
    ("Britain signed a memorandum of understanding with Kenya.", {("GBR", "KEN")}),
    ("Egypt concluded an agreement with Sudan on the dam.", {("EGY", "SDN")}),
    ("India signed a trade deal with the United Kingdom.", {("IND", "GBR")}),
])
def test_events_an_agreement_with_a_partner_names_it(extract, text, sides):
    assert sides <= _pairs(extract(text), "AGREE")


@pytest.mark.parametrize("text, sides", [
    ("The United States and the United Kingdom are working together to counter Iranian "
     "aggression.", {("USA", "GBR"), ("GBR", "USA")}),
    ("Britain has partnered with Ukraine to build drones.", {("GBR", "UKR")}),
    ("Canada and Mexico joined forces to fight fentanyl trafficking.",
     {("CAN", "MEX"), ("MEX", "CAN")}),
    ("Kenya and Somalia conducted joint patrols along the border.",
     {("KEN", "SOM"), ("SOM", "KEN")}),
    ("Russian and Chinese bombers conducted a joint patrol near Alaska.",
     {("RUS", "CHN"), ("CHN", "RUS")}),
    ("Russia-DPRK military cooperation violates UN Security Council resolutions.",
     {("RUS", "PRK"), ("PRK", "RUS")}),
    ("Iran-Russia defence cooperation has grown.", {("IRN", "RUS"), ("RUS", "IRN")}),
])
def test_events_acting_together_is_cooperation(extract, text, sides):
    # PLOVER COOPERATE: mutual material cooperation, joint military manoeuvres
    assert sides <= _pairs(extract(text), "COOPERATE")


def test_events_joining_without_forces_is_no_cooperation(extract):
    assert not _typed(extract("Britain joined the talks."), "COOPERATE")


def test_events_a_hyphenated_pair_of_attackers_both_attack(extract):
    assert {("USA", "YEM"), ("GBR", "YEM")} <= _pairs(extract("We condemn the US-UK strikes on "
                                                              "Yemen."), "ASSAULT")


@pytest.mark.parametrize("text, sides", [
    ("Russia and Ukraine exchanged prisoners of war on Friday.", {("RUS", "UKR"), ("UKR", "RUS")}),
    ("Israel and Hamas exchanged hostages for prisoners.", {("ISR", "PSE"), ("PSE", "ISR")}),
    ("Armenia and Azerbaijan exchanged detainees.", {("ARM", "AZE"), ("AZE", "ARM")}),
])
def test_events_an_exchange_of_prisoners_releases_them_to_each_other(extract, text, sides):
    # PLOVER: "the actual release or exchange of prisoners should be coded as RETREAT"
    assert _pairs(extract(text), "RETREAT") == sides


def test_events_exchanging_views_releases_no_one(extract):
    assert not _typed(extract("The two sides exchanged views on Ukraine."), "RETREAT")


@pytest.mark.parametrize("text, type_, mode", [
    ("The United States lifted sanctions on Venezuela's oil sector.", "RETREAT", "ease"),
    ("The EU eased its embargo on Syria.", "RETREAT", "ease"),
    ("Israel lifted the blockade of the port.", "RETREAT", "withdraw"),
    ("The government lifted the ban on opposition parties.", "CONCEDE", None),
    ("The authorities relaxed restrictions on foreign journalists.", "CONCEDE", None),
    ("Iran pardoned two jailed British nationals.", "CONCEDE", None),
    ("Myanmar's junta granted amnesty to thousands of prisoners.", "CONCEDE", None),
    ("Russia apologised to Azerbaijan for the crash.", "CONCEDE", None),
])
def test_events_easing_is_a_concession_or_a_retreat_by_what_is_eased(extract, text, type_,
                                                                     mode):
    # CAMEO2PLOVER: easing economic sanctions (085), a blockade (0872) -> RETREAT; easing
    # political restrictions (081x), pardons and regret -> CONCEDE (PLOVER manual)
    records = extract(text)
    assert {r.mode for r in _typed(records, type_)} == {mode}, records
    assert not _typed(records, "RETREAT" if type_ == "CONCEDE" else "CONCEDE")


@pytest.mark.parametrize("text, sides", [
    ("Britain froze the assets of Russian oligarchs.", {("GBR", "RUS")}),
    ("The US Treasury froze Iranian funds.", {("USA", "IRN")}),
    ("Canada froze the accounts of Belarusian officials.", {("CAN", "BLR")}),
    ("Morocco broke off relations with Iran.", {("MAR", "IRN")}),
    ("Bolivia broke off diplomatic ties with Israel.", {("BOL", "ISR")}),
    ("The EU suspended its cooperation with Niger.", {("EU", "NER")}),
    ("Britain banned exports of dual-use goods to Russia.", {("GBR", "RUS")}),
    ("Japan banned the sale of chips to China.", {("JPN", "CHN")}),
])
def test_events_cutting_relations_with_an_actor_sanctions_it(extract, text, sides):
    # PLOVER SANCTION `discontinue`: curtail or break diplomatic, commercial exchanges
    records = extract(text)
    assert sides <= _pairs(records, "SANCTION"), records
    assert not _typed(records, "COERCE")


@pytest.mark.parametrize("text", [
    "Russia froze talks with Japan.",
    "The Taliban banned women from universities.",
])
def test_events_freezing_talks_and_banning_people_are_no_sanction(extract, text):
    assert not _typed(extract(text), "SANCTION")


@pytest.mark.parametrize("text, recipient", [
    ("The Taliban has imposed severe restrictions on women and girls.", "AFG"),
    ("Iran imposed new restrictions on journalists.", "IRN"),
    ("The junta imposed restrictions on opposition parties.", None),
])
def test_events_restrictions_on_ones_own_people_are_coercion(extract, text, recipient):
    # PLOVER: restrictions on political freedoms are COERCE `restrict`, not SANCTION
    records = extract(text)
    assert not _typed(records, "SANCTION")
    coerced = _typed(records, "COERCE")
    assert coerced and {r.mode for r in coerced} == {"restrict"}
    assert recipient is None or {r.recipient.country for r in coerced} == {recipient}


def test_events_restrictions_on_another_states_people_are_a_sanction(extract):
    assert ("EU", "RUS") in _pairs(extract("The EU imposed restrictions on Russian media."),
                                   "SANCTION")


@pytest.mark.parametrize("text, mode", [
    ("Russian authorities confiscated the property of opposition figures.", "seize"),
    ("Belarusian police harassed independent journalists.", "restrict"),
    ("Chinese authorities persecute Uyghurs.", None),
    ("Russia forcibly transferred thousands of Ukrainian children.", "deport"),
    ("We condemn the forced deportation of Ukrainian children by Russia.", "deport"),
    ("The forcible transfer of civilians by Russian forces is a war crime.", "deport"),
])
def test_events_confiscation_harassment_and_deportation_are_coercion(extract, text, mode):
    records = extract(text)
    assert {r.mode for r in _typed(records, "COERCE")} == {mode}, records
    assert not _typed(records, "AID")


def test_events_a_transfer_of_goods_is_no_deportation(extract):
    records = extract("Ukraine transferred tanks to Poland.")
    assert _typed(records, "AID") and not _typed(records, "COERCE")
    # its own tanks moved to the front are mobilised, not supplied to anyone
    records = extract("Ukraine transferred tanks to the front.")
    assert _typed(records, "MOBILIZE") and not _typed(records, "COERCE")


@pytest.mark.parametrize("text, actor, target, partner", [
    ("In coordination with the United Kingdom, the United States designated four "
     "individuals.", "USA", None, "GBR"),
    ("Together with France, Britain imposed sanctions on Iran.", "GBR", "IRN", "FRA"),
    ("Alongside Britain, the United States struck Houthi targets.", "USA", "YEM", "GBR"),
])
def test_events_a_partner_in_the_act_is_not_its_target(extract, text, actor, target, partner):
    """The partner is no target; where the act is coded, it is coded for both ("Together with
    France, Britain imposed sanctions on Iran": France did too)."""
    records = [r for r in extract(text) if r.type in ("SANCTION", "ASSAULT")]
    assert records and actor in {r.actor.country for r in records}
    assert {r.actor.country for r in records} <= {actor, partner}
    assert {r.recipient.country if r.recipient else None for r in records} == {target}
    assert partner not in {r.recipient.country for r in records if r.recipient}


@pytest.mark.parametrize("text, sides", [
    ("The UK and Kenya signed a new Defence Cooperation Agreement.",
     {("GBR", "KEN"), ("KEN", "GBR")}),
    ("Japan and the Philippines signed the Reciprocal Access Agreement.",
     {("JPN", "PHL"), ("PHL", "JPN")}),
    ("Russia and the DPRK signed a comprehensive strategic partnership treaty.",
     {("RUS", "PRK"), ("PRK", "RUS")}),
])
def test_events_signing_a_named_agreement_binds_the_signatories(extract, text, sides):
    # the name of what was signed is no party to it
    assert _pairs(extract(text), "AGREE") == sides


@pytest.mark.parametrize("text, sides", [
    ("The UK shared intelligence with Ukraine about Russian troop movements.", {("GBR", "UKR")}),
    ("Britain and France share information on migrant smuggling gangs.",
     {("GBR", "FRA"), ("FRA", "GBR")}),
    ("Under the agreement, the United States will share intelligence with Ukraine.",
     {("USA", "UKR")}),
])
def test_events_sharing_intelligence_is_cooperation(extract, text, sides):
    # PLOVER COOPERATE: "voluntary exchanges or sharing of intelligence"
    assert sides <= _pairs(extract(text), "COOPERATE")


def test_events_sharing_a_border_is_no_cooperation(extract):
    assert not _typed(extract("Russia shares a border with Finland."), "COOPERATE")


@pytest.mark.parametrize("text, type_, mode", [
    ("Russia has expelled Western journalists.", "COERCE", "deport"),
    ("Tajikistan expelled Afghan refugees.", "COERCE", "deport"),
    ("Poland expelled two Russian diplomats.", "SANCTION", "expel"),
    ("Russia expelled the Moldovan ambassador.", "SANCTION", "expel"),
])
def test_events_expelling_diplomats_is_a_sanction_deporting_people_coercion(extract, text,
                                                                            type_, mode):
    # PLOVER SANCTION `expel` excludes "individual deportations, which are coded as COERCE"
    records = extract(text)
    assert {(r.type, r.mode) for r in records if r.type in ("COERCE", "SANCTION")} == \
        {(type_, mode)}


@pytest.mark.parametrize("text, sides", [
    ("Russia has granted access to the IAEA.", {("RUS", "IAEA")}),
    ("Iran allowed access to UN inspectors.", {("IRN", "UN")}),
    ("Syria has allowed access to the OPCW.", {("SYR", "OPCW")}),
])
def test_events_allowing_access_is_a_retreat(extract, text, sides):
    # CAMEO2PLOVER 086: allow international involvement -> RETREAT `access`
    records = _typed(extract(text), "RETREAT")
    assert _pairs(records, "RETREAT") == sides and {r.mode for r in records} == {"access"}


@pytest.mark.parametrize("text", [
    "The court allowed the appeal.",
    "Myanmar's junta granted amnesty to thousands of prisoners.",
])
def test_events_allowing_or_granting_other_things_gives_no_access(extract, text):
    assert not _typed(extract(text), "RETREAT")


@pytest.mark.parametrize("text, judge, judged", [
    ("Brazil paid tribute to the courage of the Ukrainian people.", "BRA", "UKR"),
    ("The minister paid tribute to the bravery of Ukrainian soldiers.", None, "UKR"),
    ("Japan's praise for the efforts of Indonesia was warm.", "JPN", "IDN"),
    ("France voiced its appreciation for the work of Qatar.", "FRA", "QAT"),
])
def test_events_a_judging_noun_aimed_at_a_deed_is_aimed_at_its_owner(extract, text, judge,
                                                                      judged):
    """"tribute to the courage of X": the quality or deed is X's, so the praise is aimed at X."""
    pairs = _pairs(extract(text), "SUPPORT")
    assert any(b == judged and (judge is None or a == judge) for a, b in pairs), pairs


@pytest.mark.parametrize("text, judged", [
    ("These actions by the Iranian regime undermine the peace process.", {"IRN"}),
    ("The conduct of the Russian forces is appalling.", {"RUS"}),
    ("France is concerned by the behaviour of Iran.", {"IRN"}),
    ("The UK is appalled by the actions of the junta in Myanmar.", {"MMR"}),
])
def test_events_an_accusation_of_a_deed_is_aimed_at_its_doer(extract, text, judged):
    """"these actions by the regime", "the conduct of X": who is accused is the doer."""
    assert judged <= {b for _, b in _pairs(extract(text), "ACCUSE")}


@pytest.mark.parametrize("text, sides", [
    ("Russia and Ukraine carried out a prisoner swap on Friday.", {("RUS", "UKR"), ("UKR", "RUS")}),
    ("The exchange of prisoners between Armenia and Azerbaijan took place.",
     {("ARM", "AZE"), ("AZE", "ARM")}),
    ("Turkey brokered an exchange of 90 captives between Russia and Ukraine.",
     {("RUS", "UKR"), ("UKR", "RUS")}),
])
def test_events_an_exchange_of_prisoners_releases_them_each_way(extract, text, sides):
    assert sides <= _pairs(extract(text), "RETREAT")


@pytest.mark.parametrize("text", [
    "The exchange of views between France and Germany was frank.",
    "Russia and China agreed on an exchange of students.",
])
def test_events_an_exchange_of_anything_else_releases_no_one(extract, text):
    assert not _pairs(extract(text), "RETREAT")


@pytest.mark.parametrize("text, sides", [
    ("U.S. and British forces launched strikes on Houthi targets in Yemen.",
     {("USAMIL", "YEMREB"), ("GBRMIL", "YEMREB")}),
    ("Russian forces shelled Ukrainian army positions in Ukraine.", {("RUSMIL", "UKRMIL")}),
    ("Israeli jets struck Hezbollah sites in Lebanon.", {("ISR", "LBNREB")}),
])
def test_events_a_state_read_beside_its_part_on_one_side_is_the_part(extract, text, sides):
    """"strikes on Houthi targets in Yemen" are on the Houthis, not also on Yemen; "British
    forces" are not also Britain."""
    assert {(r.actor.code, r.recipient.code) for r in extract(text) if r.type == "ASSAULT"} \
        == sides


@pytest.mark.parametrize("text, asked", [
    ("Over 140 countries have called on Russia to withdraw its troops from Ukraine.", "RETREAT"),
    ("Many states urged Iran to stop supplying drones to Russia.", "AID"),
    ("Dozens of governments pressed Israel to release the detainees.", "RETREAT"),
])
def test_events_what_an_uncoded_demand_asks_is_no_event(text, asked):
    """A demand whose asker the coder cannot name is not coded, but what it asks for is
    still only asked: no withdrawal, supply or release is reported."""
    import sinew

    assert asked not in {r.type for r in sinew.extract(text, date="2024-06-14")}


@pytest.mark.parametrize("text, sides", [
    ("Russia withdrew its troops from Ukraine.", ("RUS", "UKR")),
    ("Israel withdrew its soldiers from Gaza.", ("ISR", "PSE")),
    ("France will withdraw its troops from Mali.", ("FRA", "MLI")),
    ("The US withdrew from Afghanistan in 2021.", ("USA", "AFG")),
])
def test_events_a_withdrawal_is_from_where_its_own_forces_leave(extract, text, sides):
    """"withdrew its troops from Ukraine": the troops are what is withdrawn, Ukraine is where
    the withdrawal is aimed."""
    assert sides in _pairs(extract(text), "RETREAT")


@pytest.mark.parametrize("text, unsaid", [
    ("The United States will continue to support efforts to de-escalate the violence in Syria.",
     "COOPERATE"),
    ("Russia and China cannot prevent the public from learning about the arms transfers "
     "between the DPRK and Russia.", "CONSULT"),
    ("The Pentagon continues to take steps to mitigate escalation by Iran.", "COOPERATE"),
])
def test_events_a_dictionary_verb_needs_a_doer_of_its_own(extract, text, unsaid):
    """A verb only the CAMEO dictionary lists codes an event with a subject of its own (or
    shared by coordination or control), not with a doer guessed from a phrase above it."""
    assert unsaid not in {r.type for r in extract(text)}


@pytest.mark.parametrize("text, type_, sides", [
    ("Serbia decided to recognise Kosovo.", "SUPPORT", ("SRB", "XKX")),
    ("Turkey tried to mediate between Russia and Ukraine.", "CONSULT", ("TUR", "RUS")),
    ("India wants to rebuke Pakistan.", "ACCUSE", ("IND", "PAK")),
])
def test_events_a_dictionary_verb_shares_the_doer_of_its_control_verb(extract, text, type_,
                                                                      sides):
    """Control ("decided to recognise", "tried to mediate") shares the doer, as PETRARCH
    codes it."""
    assert sides in _pairs(extract(text), type_)


@pytest.mark.parametrize("text, type_", [
    ("Russia blocked a UN resolution on Syria.", "REJECT"),
    ("Russia and China blocked a press statement on the launch.", "REJECT"),
    ("The United States blocked the draft on Gaza.", "REJECT"),
    ("Police blocked the road to the airport.", "COERCE"),
])
def test_events_blocking_a_resolution_rejects_it(extract, text, type_):
    """Blocking a resolution, statement or draft in a council is rejecting it, as a veto is;
    blocking a road restricts."""
    types = {r.type for r in extract(text)}
    assert type_ in types and ({"REJECT", "COERCE"} - {type_}).isdisjoint(types)


def test_events_a_release_keeps_whom_it_frees(extract):
    """Only a withdrawal's own forces are what it moves: a release frees its object."""
    records = extract("Iranian police arrested dozens of protesters in Tehran. Iran released "
                      "the protesters on Friday after a week.")
    assert ("IRN", "IRN") in {(r.actor.country, r.recipient.country) for r in records
                              if r.type == "RETREAT" and r.actor and r.recipient}


def test_events_two_triggers_of_one_verb_are_two_events(extract):
    """A state beside its part is merged only within one trigger's reading."""
    pairs = {(r.actor.code, r.recipient.code) for r in extract(
        "Iran shelled Iraq in March and Iranian forces shelled Kurdish rebels in Iraq in May.")
        if r.type == "ASSAULT"}
    assert ("IRN", "IRQ") in pairs and ("IRNMIL", "IRQREB") in pairs


@pytest.mark.parametrize("text", [
    "The United Kingdom is deeply concerned about the plight of civilians in Gaza.",
    "France is worried by the suffering of the people of Sudan.",
])
def test_events_concern_for_sufferers_accuses_no_one(extract, text):
    """The "of" phrase of a deed names its doer ("the actions of the regime"); of a plight or
    suffering, who suffers, who is not accused."""
    assert not [r for r in extract(text) if r.type == "ACCUSE"]


@pytest.mark.parametrize("text, sides", [
    ("The drones that Iran sent to Russia were used against Kyiv.", ("IRN", "RUS")),
    ("The shells which North Korea delivered to Russia were faulty.", ("PRK", "RUS")),
    ("Ukraine counted the missiles that Tehran had shipped to Moscow.", ("IRN", "RUS")),
])
def test_events_relative_clause_object_is_what_moves(extract, text, sides):
    """A relative pronoun that is the object of its clause stands for the noun it follows: the
    drones are what Iran sent."""
    assert sides in _pairs(extract(text), "AID")


@pytest.mark.parametrize("text, sides", [
    ("Kyiv condemned the strikes that Russia launched on Odesa.", ("RUS", "UKR")),
    ("The attacks which Hamas conducted against Israel were brutal.", ("PSE", "ISR")),
    ("Officials counted the strikes Russia carried out on Kharkiv.", ("RUS", "UKR")),
])
def test_events_light_verb_in_a_relative_clause_names_the_doer(extract, text, sides):
    """"the strikes that Russia launched on Odesa": the light verb's subject is the noun's
    doer and its phrases are the noun's; the light verb codes nothing of its own."""
    records = extract(text)
    assert sides in _pairs(records, "ASSAULT")
    assert {r.type for r in records} <= {"ASSAULT", "ACCUSE"}


@pytest.mark.parametrize("text", [
    "We condemn the strikes that Russia launched on Odesa.",
    "We are appalled by the attacks Russia carried out on Kharkiv.",
    "We deplore the sanctions which Russia imposed on Georgia.",
])
def test_events_judging_a_relative_deed_accuses_its_doer(nlp, text):
    records = _voiced(nlp, text)
    assert ("GBR", "RUS") in {(r.actor.country, r.recipient.country) for r in records
                              if r.type == "ACCUSE" and r.actor and r.recipient}


@pytest.mark.parametrize("text, sides", [
    ("Britain condemned the rise in attacks by Russia against Ukraine.", ("RUS", "UKR")),
    ("There has been an escalation in strikes from Russian forces against Ukrainian cities.",
     ("RUS", "UKR")),
    ("The surge in violence by Sudanese soldiers against protesters continued.",
     ("SDN", "SDN")),
])
def test_events_target_hung_on_a_change_noun_is_the_events(extract, text, sides):
    """"the increase in violence by X against Y": the parser hangs "against Y" on the noun of
    change; it is the target of the event noun inside it."""
    assert sides in _pairs(extract(text), "ASSAULT")


@pytest.mark.parametrize("text", [
    "Kyiv reported a wave of drone attacks by Russia against Ukraine.",
    "Ukraine reported a series of strikes by Russia on Odesa.",
    "Ukrainian officials reported missile attacks by Russia on Kharkiv.",
])
def test_events_reporting_an_attack_is_no_attack_by_the_reporter(extract, text):
    """The CAMEO dictionary codes "report ... attack" as the reporter's attack; the attack
    noun is the event, the reporter only tells of it."""
    pairs = _pairs(extract(text), "ASSAULT")
    assert ("RUS", "UKR") in pairs and not any(actor == "UKR" for actor, _ in pairs)


@pytest.mark.parametrize("text, type_, sides", [
    ("The United States announced a drawdown of weapons for Ukraine.", "AID", ("USA", "UKR")),
    ("Washington announced its latest drawdown of equipment for Kyiv.", "AID", ("USA", "UKR")),
    ("The Pentagon completed a drawdown of munitions for Ukraine.", "AID", ("USA", "UKR")),
    ("The United States completed the drawdown of its troops from Afghanistan.", "RETREAT",
     ("USA", "AFG")),
])
def test_events_a_drawdown_of_goods_supplies_them(extract, text, type_, sides):
    """A drawdown of arms or equipment (the U.S. Presidential Drawdown Authority) supplies
    them; a drawdown of troops withdraws them. The "of" phrase cues the noun's sense."""
    assert sides in _pairs(extract(text), type_)


@pytest.mark.parametrize("text, target", [
    ("We regret that Russia has refused to extend the mandate.", "RUS"),
    ("Britain deplores that Iran has detained the journalists.", "IRN"),
    ("We deeply regret that the authorities of Tajikistan have not accredited observers.",
     "TJK"),
])
def test_events_judging_a_clause_accuses_its_doer(nlp, text, target):
    """A verb of judgement with a finite clause ("regret that Russia has refused ...") judges
    the clause's doer; the clause is no frame that silences the judgement."""
    records = _voiced(nlp, text)
    assert ("GBR", target) in {(r.actor.country, r.recipient.country) for r in records
                               if r.type == "ACCUSE" and r.actor and r.recipient}


def test_events_a_claim_about_things_judges_no_one(nlp):
    """Only a clause whose subject is an actor names whom a judgement is aimed at."""
    text = "Though Russia may claim that these tanks were taken from Ukrainian forces, we disagree."
    records = _voiced(nlp, text)
    assert not [r for r in records if r.type == "ACCUSE"]


@pytest.mark.parametrize("text, sides", [
    ("Clashes between Sudanese troops and the Rapid Support Forces killed dozens.",
     ("SDN", "SDN")),
    ("Heavy fighting between Israel and Hezbollah erupted.", ("ISR", "LBN")),
    ("The fighting between Armenia and Azerbaijan resumed.", ("ARM", "AZE")),
    ("Fighting between Ethiopia and Eritrea resumed in May.", ("ETH", "ERI")),  # a gerund
    ("Skirmishes between Ethiopian troops and the TPLF continued in November.", ("ETH", "ETH")),
])
def test_events_fighting_between_two_sides_is_force_each_way(extract, text, sides):
    """Fighting or clashes between two sides: each uses force on the other (ASSAULT both
    ways), also where the parser reads "Fighting" as a verb."""
    pairs = _pairs(extract(text), "ASSAULT")
    assert sides in pairs and sides[::-1] in pairs


@pytest.mark.parametrize("text, sides", [
    ("The Islamic State claimed responsibility for the bombing in Kabul.", ("IMG", "AFG")),
    ("Al-Shabaab claimed responsibility for the attack on the hotel in Nairobi.", ("SOM", "KEN")),
    ("Hamas took responsibility for the rocket attack on Tel Aviv.", ("PSE", "ISR")),
    ("Russia is responsible for the attack on the hospital in Kyiv.", ("RUS", "UKR")),
])
def test_events_who_is_responsible_for_an_attack_did_it(extract, text, sides):
    """The one who claims responsibility for an event, or is responsible for it, is its doer;
    the claiming verb codes nothing of its own ("took" is no seizure)."""
    records = extract(text)
    assert sides in _pairs(records, "ASSAULT")
    assert {r.type for r in records} == {"ASSAULT"}


@pytest.mark.parametrize("text, sides", [
    ("Britain's call for Iran to release the prisoners was ignored.", ("GBR", "IRN")),
    ("We reiterate our call for Russia to withdraw its forces from Ukraine.", ("GBR", "RUS")),
    ("The G7 renewed its calls on China to stop supplying Russia.", (None, "CHN")),
    ("We repeat our demand that Iran release the detainees.", ("GBR", "IRN")),
])
def test_events_a_demand_noun_asks_whom_its_clause_names(nlp, text, sides):
    """"our call for Russia to withdraw", "the demand that Iran release": the clause's subject
    (or the "on" phrase) is asked, by the noun's owner; what is asked is no event."""
    records = _voiced(nlp, text)
    found = {(r.actor.country if r.actor else None, r.recipient.country)
             for r in records if r.type == "REQUEST" and r.recipient}
    assert sides in found or (sides[0] is None and any(t == sides[1] for _, t in found))
    assert not [r for r in records if r.type in ("RETREAT", "AID")]


def test_events_a_phone_call_asks_nothing(extract):
    assert not [r for r in extract("I made a call to President Zelensky on Monday.")
                if r.type == "REQUEST"]


@pytest.mark.parametrize("text, expected, wrong", [
    # where a relative clause's attack was launched from names no side
    ("The strikes that Russia launched from Belarus on Kyiv killed five.", ("RUS", "UKR"),
     ("BLR", "UKR")),
    ("The attacks Iran launched from Yemen on Israel failed.", ("IRN", "ISR"), ("YEM", "ISR")),
    # "against the advice of" names no target
    ("Israel carried out the strike in Syria against the advice of Washington.", ("ISR", "SYR"),
     ("ISR", "USA")),
])
def test_events_phrases_that_name_no_side(extract, text, expected, wrong):
    pairs = _pairs(extract(text), "ASSAULT")
    assert expected in pairs and wrong not in pairs


@pytest.mark.parametrize("text", [
    "Ukraine dismissed the threat that Russia would strike soon.",  # a content clause
    "The ceasefire with Ukraine that Russia went back on collapsed.",  # "go back on"
    "The drawdown of equipment from Afghanistan continued.",  # no one supplied
])
def test_events_clauses_that_carry_no_deed(extract, text):
    """A noun's content clause is no relative clause; a light verb with a particle that turns
    it ("went back on") carries no event; a drawdown with no one to supply is no supply."""
    assert not [r for r in extract(text) if r.type in ("ACCUSE", "CONCEDE", "AID")
                and r.actor is not None]


@pytest.mark.parametrize("text, expected", [
    ("The UK welcomes the tireless efforts of our partners in Qatar, Egypt and the United States.",
     {("SUPPORT", "QAT"), ("SUPPORT", "EGY"), ("SUPPORT", "USA")}),
    ("We thank our allies in Kyiv for their courage.", {("SUPPORT", "UKR")}),
    ("We met our counterparts from Japan in Tokyo.", {("CONSULT", "JPN")}),
])
def test_events_partners_in_a_state_are_that_state(nlp, text, expected):
    """"our partners in Qatar", "allies in Kyiv", "counterparts from Japan": a noun of relation
    to the speaker, placed, names the state; unplaced ("our partners") it names no one."""
    records = _voiced(nlp, text)
    assert expected <= {(r.type, r.recipient.country) for r in records if r.recipient}


def test_events_unplaced_partners_name_no_one(nlp):
    text = "We will keep working with our partners and allies."
    records = coder_for(nlp).code(nlp(text), Document(id="d", text=text,
                                                      url="https://www.gov.uk/x"),
                                  one_sided=True)
    assert all(r.recipient is None or r.recipient.code is None for r in records)


@pytest.mark.parametrize("text, target", [
    ("The UK called out Russia for its attacks on Ukraine.", "RUS"),
    ("Washington called out Beijing over its support for Moscow.", "CHN"),
    ("France called out Iran for its transfers of drones to Russia.", "IRN"),
])
def test_events_calling_out_accuses(extract, text, target):
    """"call out X for Y" accuses X; it asks nothing, and "its" in the reason is X's."""
    records = extract(text)
    assert target in {r.recipient.country for r in records if r.type == "ACCUSE"}
    assert not [r for r in records if r.type == "REQUEST"]


@pytest.mark.parametrize("text, sides", [
    ("The UK called out Russia for its attacks on Ukraine.", ("RUS", "UKR")),
    ("Kyiv condemned the DPRK for its shipments of shells to Russia.", ("PRK", "RUS")),
    ("The EU sanctioned Iran over its transfers of drones to Russia.", ("IRN", "RUS")),
])
def test_events_its_in_a_reason_is_the_judged_object(nlp, text, sides):
    """A possessive in the reason an object is judged for refers to the object, not the
    judge: "called out Russia for its attacks" are Russia's attacks."""
    records = coder_for(nlp).code(nlp(text), Document(id="d", text=text), one_sided=True)
    assert sides in {(r.actor.country, r.recipient.country) for r in records
                     if r.actor and r.recipient and r.type in ("ASSAULT", "AID")}


@pytest.mark.parametrize("text", [
    "Iran's support for Russia's war of aggression threatens European security.",
    "China's purchases of Iranian oil threaten regional stability.",
    "North Korea's help to Russia's army endangers peace in Europe.",
])
def test_events_a_state_in_the_doers_phrase_is_no_target(extract, text):
    """A threat whose own phrases name no target is aimed at the one other state of its
    sentence, but not at a state named inside the doer's own phrase."""
    assert not [r for r in extract(text) if r.type == "THREATEN" and r.recipient is not None]


@pytest.mark.parametrize("text, sides", [
    ("The Foreign Secretary met the Chinese Foreign Minister.", ("GBR", "CHN")),
    ("The Secretary of State met Foreign Minister Wang Yi in Beijing.", ("USA", "CHN")),
    ("The Chinese Foreign Minister met the Foreign Secretary.", ("CHN", "GBR")),
    ("Ukraine's Foreign Secretary met the Chinese Foreign Minister.", ("UKR", "CHN")),
])
def test_events_an_office_only_one_state_has_is_that_state(extract, text, sides):
    """"the Foreign Secretary" is the UK's, "the Secretary of State" the United States'
    (publishers.yaml ``offices``); a title that names its country is read by that name."""
    assert sides in _pairs(extract(text), "CONSULT")



@pytest.mark.parametrize("text, type_, sides", [
    ("Rwanda backs the M23 rebels with troops and equipment.", "AID", ("RWA", "COD")),
    ("Iran supports the Houthis with missiles and drones.", "AID", ("IRN", "YEM")),
    ("The US supported Israel with air defence systems.", "AID", ("USA", "ISR")),
    ("The UK supports Ukraine with all its might.", "SUPPORT", ("GBR", "UKR")),
    ("Britain backs Ukraine with determination.", "SUPPORT", ("GBR", "UKR")),
])
def test_events_backing_with_goods_supplies_them(extract, text, type_, sides):
    """Backing or supporting an actor with goods or troops supplies them (AID); with anything
    else ("with all its might") it stays support."""
    records = extract(text)
    assert sides in _pairs(records, type_)
    assert not _pairs(records, "AID" if type_ == "SUPPORT" else "SUPPORT")


@pytest.mark.parametrize("text, wrong", [
    ("Iran armed its partners in Yemen.", ("IRN", "YEM")),  # another's partners
    ("The company's partners in China supplied chips to Russia.", ("CHN", "RUS")),
])
def test_events_anothers_partners_name_no_state(extract, text, wrong):
    assert wrong not in _pairs(extract(text), "AID")


@pytest.mark.parametrize("text, actor", [
    ("The Foreign Secretary of India met the Chinese Foreign Minister.", "GBR"),
    ("The Secretary of State for Defence visited Kyiv and met President Zelensky.", "USA"),
])
def test_events_a_longer_or_foreign_title_is_another_office(extract, text, actor):
    assert not [r for r in extract(text) if r.actor and r.actor.country == actor]


def test_events_an_office_of_another_state_in_a_states_own_text(nlp):
    """In the UK's own texts "the Secretary of State" is one of its own, not the US's."""
    text = "The Secretary of State visited Kyiv and met President Zelensky."
    records = _voiced(nlp, text)
    assert not [r for r in records if r.actor and r.actor.country == "USA"]


@pytest.mark.parametrize("text", [
    "Biden made a call to Zelensky to discuss air defence.",
    "It was a judgement call for Germany to send tanks to Ukraine.",
    "Russia ignored the ultimatum for Ukraine to surrender Mariupol.",
])
def test_events_calls_that_ask_nothing(nlp, text):
    """A telephone call or a judgement call asks nothing; a demand of no one named is not the
    voice's ("Russia ignored the ultimatum" made none)."""
    records = _voiced(nlp, text)
    assert not [r for r in records if r.type == "REQUEST"]


@pytest.mark.parametrize("text, sides", [
    ("Iran dismissed the American demand that it stop supplying drones to Russia.",
     ("USA", "IRN")),
    ("Russia rejected the UN's demand that it withdraw its troops.", (None, "RUS")),
])
def test_events_an_answered_demand_was_made(nlp, text, sides):
    """A demand rejected or dismissed was still made (asserted); its owner may be a
    modifier ("the American demand")."""
    records = coder_for(nlp).code(nlp(text), Document(id="d", text=text))
    found = [(r.actor.country if r.actor else None, r.recipient.country) for r in records
             if r.type == "REQUEST" and r.recipient and r.modality == "asserted"]
    assert sides in found or (sides[0] is None and any(t == sides[1] for _, t in found))


@pytest.mark.parametrize("text, sides", [
    ("Russia used Iranian drones for its attacks on Kyiv.", ("RUS", "UKR")),
    ("Russia bought Iranian missiles for its strikes on Ukraine.", ("RUS", "UKR")),
    ("Israel notified the United States of its decision to attack Rafah.", ("ISR", "PSE")),
])
def test_events_its_in_a_purpose_is_the_subjects(extract, text, sides):
    """Only a verb that judges its object makes "its" in the reason the object's."""
    assert sides in _pairs(extract(text), "ASSAULT")


@pytest.mark.parametrize("text", [
    "A Russian missile aimed at Ukraine's energy grid struck overnight.",
    "Russian troops in Ukraine's Donetsk region attacked overnight.",
    "Russian drones targeting Ukraine's ports struck overnight.",
])
def test_events_a_target_inside_the_doers_phrase_stays_one(extract, text):
    assert ("RUS", "UKR") in _pairs(extract(text), "ASSAULT")


def test_events_calling_out_forces_mobilises_them(extract):
    records = extract("The governor called out the National Guard to quell the riots.")
    assert "MOBILIZE" in {r.type for r in records} and "ACCUSE" not in {r.type for r in records}


def test_events_calling_out_is_no_request_of_what_it_names(extract):
    """"called out Iran for supplying drones" reports the supply; it asks for nothing."""
    records = extract("Britain called out Iran for supplying drones to Russia.")
    assert ("AID", "asserted") in {(r.type, r.modality) for r in records}


@pytest.mark.parametrize("text, type_, pairs", [
    ("Russia's and China's cooperation is growing.", "COOPERATE", {("RUS", "CHN"), ("CHN", "RUS")}),
    ("Iran's and Russia's transfers of arms to Syria continue.", "AID", {("IRN", "SYR"), ("RUS", "SYR")}),
    ("Washington's and London's strikes on the Houthis continued.", "ASSAULT",
     {("USA", "YEM"), ("GBR", "YEM")}),
])
def test_events_two_possessors_of_one_event_noun(extract, text, type_, pairs):
    """"Russia's and China's cooperation": the parser hangs the first possessor elsewhere;
    both own the event."""
    assert pairs <= _pairs(extract(text), type_)


@pytest.mark.parametrize("text, sides", [
    ("We have delivered this message directly to Foreign Minister Araghchi.", ("GBR", "IRN")),
    ("The ambassador delivered a letter from Kim Jong Un to President Putin.", (None, "RUS")),
    ("Britain delivered a demarche to Iran over the detentions.", ("GBR", "IRN")),
])
def test_events_delivering_a_message_consults(nlp, text, sides):
    """A message, letter or demarche delivered to an actor is a consultation with it (CONSULT);
    goods delivered stay a supply."""
    records = _voiced(nlp, text)
    found = {(r.actor.country if r.actor else None, r.recipient.country)
             for r in records if r.type == "CONSULT" and r.recipient}
    assert sides in found or (sides[0] is None and any(t == sides[1] for _, t in found))
    assert not [r for r in records if r.type == "AID"]


@pytest.mark.parametrize("text, backer", [
    ("Russia vetoed the resolution with China's tacit support.", "CHN"),
    ("With the help of Iranian advisers, Syrian troops shelled the town.", "IRN"),
    ("Russia launched the offensive with support from Belarus.", "BLR"),
    ("With Iranian backing, the Houthis attacked ships in the Red Sea.", "IRN"),
    ("The militia seized the town with the support of Rwanda.", "RWA"),
    ("Moscow continued its offensive with North Korea's assistance.", "PRK"),
    ("Thanks to Iranian support, the Houthis struck Israel.", "IRN"),
    ("The United States and Britain, with support from Australia and Canada, struck "
     "Houthi targets in Yemen.", "AUS"),
])
def test_events_a_backer_in_a_with_phrase_is_no_target(extract, text, backer):
    """"with China's support", "with the help of", "thanks to Iranian backing": who backs the
    doer is not whom the doer acts on."""
    records = extract(text)
    assert not [r for r in records if r.recipient is not None and r.recipient.country == backer
                and r.type != "AID"], [(r.type, r.recipient.code) for r in records]


@pytest.mark.parametrize("text, pair", [
    ("Thanks to Iranian support, the Houthis struck Israel.", ("YEM", "ISR")),
    ("The United States and Britain, with support from Australia and Canada, struck "
     "Houthi targets in Yemen.", ("USA", "YEM")),
    ("Russia signed an agreement with Iran.", ("RUS", "IRN")),
    ("Hamas attacked Israel with Iranian support.", ("PSE", "ISR")),
])
def test_events_a_backer_leaves_the_real_target(extract, text, pair):
    records = extract(text)
    assert pair in {(r.actor.country if r.actor else None, r.recipient.country if r.recipient
                     else None) for r in records}


@pytest.mark.parametrize("text, actor", [
    ("The Syrian opposition condemned the regime.", "SYROPP"),
    ("Belarusian opposition leader Tsikhanouskaya met Scholz.", "BLROPP"),
    ("Venezuela's opposition rejected the election results announced by Maduro.", "VENOPP"),
])
def test_events_a_countrys_opposition_is_its_opposition_sector(extract, text, actor):
    """CAMEO's opposition sector (OPP) after a country: "the Syrian opposition" -> SYROPP."""
    assert actor in {r.actor.code for r in extract(text) if r.actor}


@pytest.mark.parametrize("text, doer, recipient, modality", [
    ("Lammy warned China against supplying weapons to Russia.", "CHN", "RUS", "hypothetical"),
    ("The US cautioned North Korea against shipping more shells to Russia.", "PRK", "RUS",
     "hypothetical"),
    ("The US blocked South Korea from sending artillery shells to Ukraine.", "KOR", "UKR",
     "negated"),
    ("Berlin prevented Poland from supplying MiG-29 jets to Ukraine.", "POL", "UKR", "negated"),
    ("The US authorised Denmark to transfer F-16 jets to Ukraine.", "DNK", "UKR", None),
])
def test_events_the_object_of_a_verb_of_control_does_its_complement(extract, text, doer,
                                                                    recipient, modality):
    """"warned China against supplying", "blocked Seoul from sending", "authorised Denmark to
    transfer": the object would do what the complement says, not the subject."""
    flows = [r for r in extract(text) if r.type == "AID"]
    assert {(r.actor.country, r.recipient.country) for r in flows} == {(doer, recipient)}
    assert modality is None or {r.modality for r in flows} == {modality}


@pytest.mark.parametrize("text, actor", [
    ("Israel said its troops killed a Hezbollah commander.", "ISRMIL"),
    ("Russia's defence ministry said its troops had captured a village in Donetsk.", "RUSMIL"),
    ("Iran ordered its troops to strike Israel.", "IRNMIL"),
    ("Ukraine said its forces struck Russian positions in Kursk.", "UKRMIL"),
])
def test_events_forces_owned_by_a_pronoun_are_its_antecedents(extract, text, actor):
    """"Israel said its troops ...": the troops are Israel's, not forces of no country."""
    assert actor in {r.actor.code for r in extract(text) if r.actor}


def test_events_our_forces_are_the_voices(nlp):
    records = _voiced(nlp, "Our troops attacked Houthi positions.")
    assert "GBRMIL" in {r.actor.code for r in records if r.type == "ASSAULT" and r.actor}


@pytest.mark.parametrize("text, type_, pair", [
    ("Hamas executed six Israeli hostages.", "ASSAULT", ("PSE", "ISR")),
    ("Iran executed a man convicted of spying for Israel.", "ASSAULT", ("IRN", "ISR")),
    ("A Houthi missile sank a Liberian-flagged bulk carrier.", "ASSAULT", ("YEM", "LBR")),
    ("Ukrainian drones sank a Russian landing ship in Crimea.", "ASSAULT", ("UKR", "RUS")),
    ("Russia besieged Mariupol for months.", "COERCE", ("RUS", "UKR")),
    ("Israel's siege of Gaza has caused famine.", "COERCE", ("ISR", "PSE")),
    ("Indian and Chinese troops clashed in the Galwan valley.", "ASSAULT", ("CHN", "IND")),
    ("Israel and Hezbollah traded fire across the border on Monday.", "ASSAULT", ("LBN", "ISR")),
    ("Pakistani forces exchanged fire with Afghan Taliban fighters.", "ASSAULT", ("PAK", "AFG")),
])
def test_events_executions_sinkings_sieges_and_exchanges_of_fire(extract, text, type_, pair):
    assert pair in _pairs(extract(text), type_)


@pytest.mark.parametrize("text", [
    "The Russian government executed its new budget plan.",
    "Russia and Ukraine exchanged 90 prisoners of war.",
    "China and Russia trade oil for machinery.",
])
def test_events_executing_a_plan_or_trading_goods_is_no_attack(extract, text):
    assert not [r for r in extract(text) if r.type == "ASSAULT"]


@pytest.mark.parametrize("text", ["Israel called up 300,000 reservists.",
                                  "Russia mobilised 300,000 reservists in September 2022."])
def test_events_mobilising_ones_own_forces_has_no_recipient(extract, text):
    found = [r for r in extract(text, one_sided=True) if r.type == "MOBILIZE"]
    assert found and all(r.recipient is None for r in found)


@pytest.mark.parametrize("text, pair", [
    ("The EU adopted a 14th package of sanctions against Russia.", ("EU", "RUS")),
    ("Britain announced a new round of sanctions on Iran.", ("GBR", "IRN")),
    ("The EU slapped sanctions on Iranian drone producers.", ("EU", "IRN")),
    ("The US imposed a raft of sanctions on Russian banks.", ("USA", "RUS")),
])
def test_events_a_batch_of_sanctions_is_one_sanction(extract, text, pair):
    """"a package of sanctions", "a raft of sanctions": the verb carries the sanction through
    the batch noun, and the sanction is coded once."""
    found = [r for r in extract(text) if r.type == "SANCTION"]
    assert [(r.actor.country or r.actor.code, r.recipient.country) for r in found] == [pair]


def test_events_a_wave_of_attacks_launched_is_one_attack(extract):
    found = [r for r in extract("Russia launched a wave of drone attacks on Kyiv.")
             if r.type == "ASSAULT"]
    assert len(found) == 1 and found[0].recipient.country == "UKR"


@pytest.mark.parametrize("text, pair", [
    ("China sold Russia microelectronics.", ("CHN", "RUS")),
    ("The US sent Ukraine tanks and artillery.", ("USA", "UKR")),
    ("Iran has sold Russia Shahed drones.", ("IRN", "RUS")),
    ("US sends Ukraine long-range missiles", ("USA", "UKR")),
    ("Russia gave North Korea fighter jets.", ("RUS", "PRK")),
])
def test_events_a_ditransitive_read_as_a_name_before_the_goods(extract, text, pair):
    """"sold Russia microelectronics": the parser makes "Russia" a name in the goods' phrase;
    right after the verb, it is who receives them."""
    assert pair in _pairs(extract(text), "AID")


@pytest.mark.parametrize("text, pair, category", [
    ("Germany delivered Patriots to Ukraine.", ("DEU", "UKR"), "military_equipment"),
    ("Denmark sent F-16s to Ukraine.", ("DNK", "UKR"), "military_equipment"),
    ("Iran supplied Shaheds to Russia.", ("IRN", "RUS"), "drones"),
    ("The US shipped Javelins to Ukraine.", ("USA", "UKR"), "weapons"),
    ("Poland gave MiG-29s to Ukraine.", ("POL", "UKR"), "military_equipment"),
])
def test_events_named_weapon_systems_in_the_plural_are_goods(extract, text, pair, category):
    found = [r for r in extract(text) if r.type == "AID"]
    assert [((r.actor.country, r.recipient.country), r.what.category) for r in found] == \
        [(pair, category)]


@pytest.mark.parametrize("text, pair, category", [
    ("The G7 agreed to provide Ukraine with a 50 billion dollar loan.", ("G7", "UKR"), "money"),
    ("Germany agreed to supply Ukraine with IRIS-T systems.", ("DEU", "UKR"),
     "military_equipment"),
    ("Iran agreed to provide Russia with drones.", ("IRN", "RUS"), "drones"),
    ("Britain pledged to provide Ukraine with more artillery shells.", ("GBR", "UKR"),
     "artillery_ammunition"),
])
def test_events_agreeing_to_supply_someone_with_goods(extract, text, pair, category):
    """"agreed to provide Ukraine with a loan": one AGREE, to Ukraine, about the loan."""
    found = [r for r in extract(text) if r.type == "AGREE"]
    assert [((r.actor.country or r.actor.code, r.recipient.country), r.what.category)
            for r in found] == [(pair, category)]


@pytest.mark.parametrize("text, date, actor", [
    ("Antonio Guterres condemned the Russian attack on Kyiv.", "2024-05-01", "UN"),
    ("Jens Stoltenberg urged Germany to send more weapons to Ukraine.", "2023-02-01", "NATO"),
    ("Mark Rutte urged Germany to send more weapons to Ukraine.", "2025-02-01", "NATO"),
    ("Mark Rutte urged Germany to send more weapons to Ukraine.", "2022-02-01", "NLD"),
    ("Ursula von der Leyen praised Ukraine's reforms.", "2024-05-01", "EU"),
    ("Rafael Grossi met Iranian officials in Tehran.", "2024-05-01", "IAEA"),
])
def test_events_heads_of_international_organisations_speak_for_them(extract, text, date,
                                                                    actor):
    """The UN Secretary-General, NATO's Secretary General, the Commission's President: dated,
    as office holders are (Rutte was the Netherlands' before he was NATO's)."""
    assert actor in {(r.actor.country or r.actor.code) for r in extract(text, date=date)
                     if r.actor}


@pytest.mark.parametrize("text, pair", [
    ("Three Ukrainian civilians died in a Russian missile strike.", ("RUS", "UKR")),
    ("Two Russian soldiers died in a Ukrainian drone attack in Belgorod.", ("UKR", "RUS")),
    ("Twelve Lebanese civilians were killed in an Israeli attack.", ("ISR", "LBN")),
    ("Ten Malian soldiers were killed in a JNIM attack.", ("MLI", "MLI")),
])
def test_events_who_dies_in_an_attack_is_its_victim(extract, text, pair):
    """"civilians died in a Russian strike": the dead are the strike's target, never its doer."""
    found = _pairs(extract(text), "ASSAULT")
    assert found == {pair}, found


@pytest.mark.parametrize("text, pair", [
    ("Damascus was hit by Israeli strikes on Tuesday.", ("ISR", "SYR")),
    ("A Russian drone attack hit Odesa overnight.", ("RUS", "UKR")),
    ("Gaza City was pounded by Israeli air strikes.", ("ISR", "PSE")),
    ("Israeli strikes hit Beirut.", ("ISR", "LBN")),
])
def test_events_an_attack_that_hits_is_one_attack(extract, text, pair):
    """"Israeli strikes hit Damascus": the strikes are the attack; the verb says it landed, and
    is no second attack."""
    found = [r for r in extract(text) if r.type == "ASSAULT"]
    assert [(r.actor.country, r.recipient.country) for r in found] == [pair]


@pytest.mark.parametrize("text, partner", [
    ("G7 leaders discussed Russia's attacks on Ukraine.", None),
    ("EU ministers discussed the sanctions against Iran.", None),
    ("Blinken discussed the war with Ukraine's foreign minister.", "UKR"),
    ("Macron discussed sanctions on Russia with Scholz.", "DEU"),
])
def test_events_what_is_discussed_names_no_partner(extract, text, partner):
    """"discussed Russia's attacks on Ukraine": Ukraine is what is talked about, not who
    talks; a "with" phrase the parser hung inside the topic still names the partner (who
    consults back: the pair is read both ways)."""
    found = {r.recipient.country if r.recipient else None
             for r in extract(text, one_sided=True) if r.type == "CONSULT"
             if partner is None or r.actor is None or r.actor.country != partner}
    assert found == {partner}, found


@pytest.mark.parametrize("text", [
    "North Korean missiles fired by Russia hit Kharkiv.",
    "Iranian-made drones launched by Russia struck Kyiv overnight.",
    "Iranian drones sold to Russia attacked Ukrainian power plants.",
])
def test_events_weapons_attack_for_whoever_uses_them(extract, text):
    """"North Korean missiles fired by Russia hit Kharkiv": the attack is Russia's; the
    missiles' adjective names their maker (a supplier), not the attacker."""
    attackers = {r.actor.country for r in extract(text) if r.type == "ASSAULT"}
    assert attackers == {"RUS"}, attackers


@pytest.mark.parametrize("text, actors", [
    ("Britain, along with France, condemned the Russian attack on Kyiv.", {"GBR", "FRA"}),
    ("The United States as well as Britain condemned the Russian attack.", {"USA", "GBR"}),
    ("Germany along with the Netherlands will supply tanks to Ukraine.", {"DEU", "NLD"}),
    ("Together with France, Britain imposed sanctions on Russia.", {"GBR", "FRA"}),
])
def test_events_who_acts_along_with_the_subject_acts_too(extract, text, actors):
    """"along with", "together with", "alongside", "as well as": both do what the verb says."""
    found = {r.actor.country for r in extract(text) if r.type in ("ACCUSE", "AID", "SANCTION")}
    assert found == actors, found


@pytest.mark.parametrize("text", [
    "Britain supported the resolution, while Russia opposed it.",
    "India voted for the text, while Pakistan voted against it.",
    "France voted for the resolution, while Russia voted against it.",
])
def test_events_an_object_it_after_a_thing_is_that_thing(extract, text):
    """"Russia opposed it": "it" is the resolution named just before, not the state that
    supported it."""
    assert not [r for r in extract(text) if r.type == "ACCUSE"]


def test_events_an_object_it_after_an_actor_is_still_resolved(extract):
    found = _pairs(extract("Iran supplied drones to Russia, and Britain sanctioned it for that."),
                   "SANCTION")
    assert ("GBR", "IRN") in found


@pytest.mark.parametrize("text, pair", [
    ("Washington blamed Tehran for the attack on US troops.", ("IRN", "USA")),
    ("Kyiv blamed Moscow for the strike on the hospital in Kharkiv.", ("RUS", "UKR")),
    ("Britain accused Russia of the attack on the dam in Ukraine.", ("RUS", "UKR")),
    ("Kyiv blamed Moscow for shelling Kharkiv.", ("RUS", "UKR")),
])
def test_events_who_is_blamed_for_an_attack_is_its_alleged_doer(extract, text, pair):
    """"blamed Tehran for the attack": Tehran's attack, as the one who blames says (alleged)."""
    found = [(r.actor.country, r.recipient.country, r.modality) for r in extract(text)
             if r.type == "ASSAULT"]
    assert found == [(*pair, "alleged")], found


@pytest.mark.parametrize("text, pair", [
    ("UK to give Ukraine 10,000 more drones.", ("GBR", "UKR")),
    ("EU to impose new sanctions on Russia.", ("EU", "RUS")),
    ("UK to send Storm Shadow missiles to Ukraine", ("GBR", "UKR")),
    ("UAE to send aid to Sudan.", ("ARE", "SDN")),
])
def test_events_a_headline_infinitive_the_parser_left_unattached(extract, text, pair):
    """"UK to give Ukraine drones": the parser makes "UK" a bare dependent or the root; it is
    the subject, and the headline speaks of the future."""
    found = [((r.actor.country or r.actor.code), r.recipient.country, r.modality)
             for r in extract(text) if r.type in ("AID", "SANCTION")]
    assert found == [(*pair, "future")], found


@pytest.mark.parametrize("text, pair", [
    ("Japan and South Korea coordinated their policies on North Korea.", ("JPN", "KOR")),
    ("The US and Israel coordinated air defence against Iranian missiles.", ("USA", "ISR")),
    ("Britain coordinated with France on the sanctions.", ("GBR", "FRA")),
])
def test_events_coordinating_is_cooperation_between_the_coordinators(extract, text, pair):
    """What two actors coordinate is the topic of their cooperation; a state named in it is
    no side ("coordinated their policies on North Korea")."""
    records = extract(text)
    assert pair in _pairs(records, "COOPERATE")
    assert not [r for r in records if r.type in ("SUPPORT", "COOPERATE") and r.recipient
                and r.recipient.country in ("PRK", "IRN")]


@pytest.mark.parametrize("text", [
    "Russia deployed troops to the Ukrainian border.",
    "Russia deployed additional troops to the Finnish border.",
    "Iran dispatched warships to the Red Sea.",
])
def test_events_forces_sent_to_a_border_or_a_sea_go_to_no_one(extract, text):
    """"deployed troops to the Ukrainian border": where the forces go, not whom they are sent
    to (no supply to Ukraine, nor to Sudan for the Red Sea)."""
    assert not [r for r in extract(text) if r.recipient is not None and r.recipient.code]


def test_events_forces_sent_to_a_region_of_a_state_go_to_that_state(extract):
    assert ("PRK", "RUS") in _pairs(extract("North Korea sent troops to Russia's Kursk region."),
                                    "AID")


@pytest.mark.parametrize("text, pair", [
    ("Heavy fighting broke out between Israeli forces and Hezbollah in southern Lebanon.",
     ("ISR", "LBN")),
    ("Clashes erupted between the Sudanese army and the RSF.", ("SDN", "SDN")),
])
def test_events_a_between_phrase_hung_on_the_verb_of_an_event_noun(extract, text, pair):
    """"Fighting broke out between X and Y": the parser hangs "between" on "broke out"; it
    names the fighting's two sides, each attacking the other."""
    found = _pairs(extract(text), "ASSAULT")
    assert pair in found and pair[::-1] in found, found


@pytest.mark.parametrize("text, type_, actors", [
    ("Russia, Iran sign strategic partnership treaty.", "AGREE", {"RUS", "IRN"}),
    ("China, Russia block UN resolution on Myanmar.", "REJECT", {"CHN", "RUS"}),
    ("Lammy, Blinken visit Kyiv.", "CONSULT", {"GBR", "USA"}),
])
def test_events_headline_subjects_joined_by_a_comma(extract, text, type_, actors):
    """Headlines join subjects with a comma ("Russia, Iran sign treaty"); the parser keeps only
    the second as the subject."""
    assert {r.actor.country for r in extract(text) if r.type == type_} == actors


def test_events_a_fronted_adverbial_is_no_subject(extract):
    assert {r.actor.country for r in extract("Yesterday, Iran sent drones to Russia.")
            if r.type == "AID"} == {"IRN"}


@pytest.mark.parametrize("text, pair", [
    ("Washington hit Beijing with new tariffs.", ("USA", "CHN")),
    ("The EU hit Russia with new sanctions.", ("EU", "RUS")),
    ("Britain targeted Russian banks with sanctions.", ("GBR", "RUS")),
    ("Russia punished Georgia with an embargo on its wine.", ("RUS", "GEO")),
])
def test_events_a_verb_that_acts_through_a_sanction_is_the_sanction(extract, text, pair):
    """"hit Russia with new sanctions": a sanction, not an attack or an accusation."""
    records = extract(text)
    assert {(r.actor.country or r.actor.code, r.recipient.country) for r in records} == {pair}
    assert {r.type for r in records} == {"SANCTION"}


def test_events_an_attack_with_weapons_stays_an_attack(extract):
    assert ("RUS", "UKR") in _pairs(extract("Russia attacked Ukraine with Iranian drones."),
                                    "ASSAULT")


@pytest.mark.parametrize("text, pair", [
    ("Norway earmarked 1 billion dollars for Ukraine.", ("NOR", "UKR")),
    ("Germany provided 500 million euros for Ukraine.", ("DEU", "UKR")),
    ("The EU disbursed 1.5 billion euros to Ukraine.", ("EU", "UKR")),
    ("North Korea sent shells for Russia's war.", ("PRK", "RUS")),
])
def test_events_funds_and_goods_for_a_beneficiary(extract, text, pair):
    """"earmarked $1 billion for Ukraine": the one the goods are for receives them."""
    assert pair in {(r.actor.country or r.actor.code, r.recipient.country if r.recipient else None)
                    for r in extract(text) if r.type == "AID"}


@pytest.mark.parametrize("text, pair", [
    ("Russia declared a ceasefire in Ukraine.", ("RUS", "UKR")),
    ("Putin announced a 30-hour Easter truce in Ukraine.", ("RUS", "UKR")),
    ("Russia declared a ceasefire with Ukraine.", ("RUS", "UKR")),
])
def test_events_a_ceasefire_declared_in_a_country(extract, text, pair):
    """A truce declared "in Ukraine" is conceded to Ukraine, as one declared "with" it is."""
    assert pair in _pairs(extract(text), "CONCEDE")


@pytest.mark.parametrize("text, pair", [
    ("Macron called Putin on Tuesday to discuss the grain corridor.", ("FRA", "RUS")),
    ("Biden called Netanyahu to urge restraint.", ("USA", "ISR")),
    ("Scholz phoned Zelensky on Monday.", ("DEU", "UKR")),
    ("Erdogan held a phone call with Putin.", ("TUR", "RUS")),
    ("Erdogan held a telephone conversation with Putin on Friday.", ("TUR", "RUS")),
])
def test_events_a_telephone_call_is_a_consultation(extract, text, pair):
    # CAMEO 041, PLOVER CONSULT phone; a phrase of time is no one called on
    records = extract(text)
    assert pair in _pairs(records, "CONSULT")
    assert not any(r.trigger in ("call", "phone") for r in records if r.type == "REQUEST")


@pytest.mark.parametrize("text, pair", [
    ("The UN called on Russia to withdraw its troops.", ("UN", "RUS")),
    ("On Monday, the EU called on Iran to stop arming Russia.", ("EU", "IRN")),
])
def test_events_one_called_on_is_still_asked(extract, text, pair):
    assert {(r.actor.code, r.recipient.country) for r in extract(text)
            if r.type == "REQUEST"} >= {pair}


@pytest.mark.parametrize("text, pair", [
    ("Xi Jinping received Lavrov in Beijing.", ("CHN", "RUS")),
    ("Lavrov was received by Kim Jong Un in Pyongyang.", ("PRK", "RUS")),
    ("Putin received the Iranian delegation.", ("RUS", "IRN")),
    ("Erdogan welcomed Zelensky to Istanbul.", ("TUR", "UKR")),
])
def test_events_whoever_receives_a_visitor_hosts_a_visit(extract, text, pair):
    records = [r for r in extract(text) if r.type == "CONSULT"]
    assert pair in _pairs(records, "CONSULT")
    assert {r.mode for r in records} == {"visit"}


@pytest.mark.parametrize("text, type_", [
    ("Erdogan welcomed Zelensky's decision.", "SUPPORT"),
    ("Ukraine received 31 Abrams tanks from the United States.", "AID"),
])
def test_events_receiving_goods_or_welcoming_a_decision_is_no_visit(extract, text, type_):
    records = extract(text)
    assert {r.type for r in records} == {type_}


@pytest.mark.parametrize("text, type_, pair", [
    ("Saudi Arabia lifted its blockade of Yemen's ports.", "RETREAT", ("SAU", "YEM")),
    ("Russia ended its siege of Mariupol.", "RETREAT", ("RUS", "UKR")),
    ("Israel eased its blockade of Gaza.", "RETREAT", ("ISR", "PSE")),
    ("The US suspended sanctions on Syria.", "RETREAT", ("USA", "SYR")),
    ("The EU removed sanctions on three Russian banks.", "RETREAT", ("EU", "RUS")),
    ("The lifting of US sanctions on Venezuela came in May.", "RETREAT", ("USA", "VEN")),
    ("Washington's removal of sanctions on Cuba angered Florida.", "RETREAT", ("USA", "CUB")),
    ("The junta lifted the ban on opposition parties in Mali.", "CONCEDE", ("MLI", "MLI")),
])
def test_events_ending_a_hostile_measure_is_no_measure_taken(extract, text, type_, pair):
    records = extract(text)
    assert {r.type for r in records} == {type_}
    assert pair in {(r.actor.country or r.actor.code, r.recipient.country or r.recipient.code)
                    for r in records}


def test_events_a_measure_not_ended_stays_a_measure(extract):
    assert {r.type for r in extract("The US imposed sanctions on Venezuela.")} == {"SANCTION"}
    assert {r.type for r in extract("Israel tightened its blockade of Gaza.")} == {"COERCE"}


@pytest.mark.parametrize("text, pair, category", [
    ("Turkey offered to send troops to Libya.", ("TUR", "LBY"), "troops"),
    ("Turkey offered Ukraine more Bayraktar drones.", ("TUR", "UKR"), "drones"),
    ("Russia offered to supply North Korea with fighter jets.", ("RUS", "PRK"),
     "military_equipment"),
    ("Britain pledged to send Ukraine more tanks.", ("GBR", "UKR"), "military_equipment"),
])
def test_events_an_offer_or_pledge_of_goods_is_an_intent_to_whom_it_would_give(
        extract, text, pair, category):
    records = [r for r in extract(text) if r.type == "AGREE"]
    assert pair in _pairs(records, "AGREE")
    assert {r.what.category for r in records if r.what} == {category}


def test_events_an_offer_of_no_goods_is_read_by_the_verb_dictionary(extract):
    assert ("AGREE", "FRA", "UKR") in {(r.type, r.actor.country, r.recipient.country)
                                       for r in extract("France offered support to Ukraine.")}


@pytest.mark.parametrize("text, pair, mode", [
    ("Armenia returned four villages to Azerbaijan.", ("ARM", "AZE"), "return"),
    ("Armenia handed over four border villages to Azerbaijan.", ("ARM", "AZE"), "return"),
    ("Russia handed over 48 bodies of Ukrainian soldiers to Kyiv.", ("RUS", "UKR"), "release"),
    ("Russia returned 20 children to Ukraine.", ("RUS", "UKR"), "release"),
])
def test_events_returning_people_or_territory_is_a_retreat(extract, text, pair, mode):
    records = [r for r in extract(text) if r.type == "RETREAT"]
    assert pair in _pairs(records, "RETREAT")
    assert {r.mode for r in records} == {mode}


def test_events_returning_home_or_handing_over_goods_is_no_retreat(extract):
    assert not [r for r in extract("Lavrov returned to Moscow on Friday.") if r.type == "RETREAT"]
    assert {r.type for r in extract("North Korea handed over artillery shells to Russia.")} == \
        {"AID"}


@pytest.mark.parametrize("text, type_, pair", [
    ("Russia shelled Mariupol.", "ASSAULT", ("RUS", "UKR")),
    ("Russian troops detained dozens of civilians in Mariupol.", "COERCE", ("RUS", "UKR")),
    ("Turkish troops detained civilians in Afrin.", "COERCE", ("TUR", "SYR")),
    ("The RSF besieged El Fasher.", "COERCE", ("SDN", "SDN")),
])
def test_events_a_town_the_actor_entries_lack_stands_for_its_state(extract, text, type_, pair):
    # the gazetteer places the town; people held there are its people, not the holder's
    assert pair in _pairs(extract(text), type_)


@pytest.mark.parametrize("text", [
    "Russia sent additional troops to the border with Ukraine.",
    "Israel sent warships to the Red Sea.",
    "China sent warships to waters near the Philippines.",
    "Turkey sent tanks and troops to the Syrian border.",
])
def test_events_forces_sent_to_an_area_are_mobilised(extract, text):
    records = extract(text)
    assert {r.type for r in records} == {"MOBILIZE"}


def test_events_goods_sent_to_an_actor_or_nowhere_named_are_supplied(extract):
    assert {r.type for r in extract("Iran sent drones to Russia.")} == {"AID"}
    assert {r.type for r in extract("Germany sent tanks.")} == {"AID"}


@pytest.mark.parametrize("text, actor", [
    ("North Korea put its troops on high alert.", "PRK"),
    ("Russia placed its nuclear forces on special alert.", "RUS"),
    ("Kazakhstan put its armed forces on high alert.", "KAZ"),
])
def test_events_forces_put_on_alert_are_mobilised(extract, text, actor):
    assert {(r.type, r.actor.country) for r in extract(text)} == {("MOBILIZE", actor)}


@pytest.mark.parametrize("text", [
    "Egypt and Israel held three rounds of talks.",
    "Iran and the E3 held a new round of negotiations in Geneva.",
])
def test_events_rounds_of_talks_are_no_ammunition(extract, text):
    records = extract(text)
    assert {r.type for r in records} == {"CONSULT"}


@pytest.mark.parametrize("text", [
    "Nurses in Britain will strike against the government next week.",
    "Dock workers staged a strike against the Belgian government.",
    "Kenyan doctors struck against the health ministry.",
])
def test_events_workers_who_strike_protest(extract, text):
    records = extract(text)
    assert {r.type for r in records} == {"PROTEST"}
    assert {r.mode for r in records} == {"strike"}


@pytest.mark.parametrize("text", [
    "French rail workers launched a strike against the pension reform.",
    "Striking doctors said the strike would continue.",
])
def test_events_a_labour_strike_is_no_attack(extract, text):
    assert not [r for r in extract(text) if r.type == "ASSAULT"]


def test_events_a_military_strike_stays_an_attack(extract):
    assert {r.type for r in extract("Israeli jets struck Hezbollah targets in Lebanon.")} == \
        {"ASSAULT"}
    assert {r.type for r in extract("Russia launched a strike on Kyiv.")} == {"ASSAULT"}


@pytest.mark.parametrize("text, pair", [
    ("Russia warned it would retaliate if Finland joined NATO.", ("RUS", "FIN")),
    ("Moscow warned it would retaliate if Moldova joined the EU.", ("RUS", "MDA")),
    ("China warned it would respond forcefully if the Philippines joined US patrols.",
     ("CHN", "PHL")),
])
def test_events_a_warning_threatens_the_subject_of_its_condition(extract, text, pair):
    assert _pairs(extract(text), "THREATEN") == {pair}


@pytest.mark.parametrize("text, pair", [
    ("Zelensky arrived in Washington for talks with Biden.", ("UKR", "USA")),
    ("Lavrov landed in Pyongyang on Tuesday for talks with North Korean officials.",
     ("RUS", "PRK")),
    ("Wang Yi is in Moscow for talks with Lavrov.", ("CHN", "RUS")),
])
def test_events_whoever_goes_somewhere_for_talks_holds_them(extract, text, pair):
    assert pair in _pairs(extract(text), "CONSULT")


@pytest.mark.parametrize("text, pair", [
    ("Hamas freed 13 Israeli hostages.", ("PSE", "ISR")),
    ("Iran freed a detained French national.", ("IRN", "FRA")),
    ("Belarus freed ten political prisoners from Lithuania.", ("BLR", None)),
])
def test_events_people_freed_are_released(extract, text, pair):
    records = extract(text)
    assert {(r.type, r.mode) for r in records} == {("RETREAT", "release")}
    assert pair[1] is None or pair in _pairs(records, "RETREAT")


@pytest.mark.parametrize("text, type_, mode, pair", [
    ("Poland ordered the expulsion of two Russian diplomats.", "SANCTION", "expel",
     ("POL", "RUS")),
    ("Algeria announced the expulsion of French journalists.", "COERCE", "deport",
     ("DZA", "FRA")),
])
def test_events_an_expulsion_of_diplomats_is_a_sanction_of_others_a_deportation(
        extract, text, type_, mode, pair):
    records = [r for r in extract(text) if r.type == type_]
    assert pair in _pairs(records, type_) and {r.mode for r in records} == {mode}


@pytest.mark.parametrize("text", [
    "Israel allowed aid into Gaza.",
    "Israel let the first fuel trucks into Gaza.",
    "Israel granted aid convoys access to northern Gaza.",
])
def test_events_letting_aid_in_is_access_not_a_supply(extract, text):
    records = extract(text)
    assert ("ISR", "PSE") in _pairs(records, "RETREAT")
    assert not [r for r in records if r.type == "AID" and r.actor and r.actor.country == "ISR"]


@pytest.mark.parametrize("text, type_, pairs", [
    ("Blinken to visit Israel next week.", "CONSULT", {("USA", "ISR")}),
    ("Zelensky to meet Biden in Washington.", "CONSULT", {("UKR", "USA"), ("USA", "UKR")}),
    ("China, Russia to hold joint naval drills.", "COOPERATE", {("CHN", "RUS"), ("RUS", "CHN")}),
    ("Armenia, Azerbaijan to sign peace deal.", "AGREE", {("ARM", "AZE"), ("AZE", "ARM")}),
])
def test_events_headline_infinitives_are_future_events_of_their_names(extract, text, type_,
                                                                      pairs):
    records = [r for r in extract(text) if r.type == type_]
    assert _pairs(records, type_) == pairs
    assert {r.modality for r in records} == {"future"}


def test_events_a_name_in_apposition_to_a_noun_is_no_co_subject(extract):
    assert {r.actor.country for r in extract("Russia, Ukraine's neighbour, sent troops.")} == \
        {"RUS"}


@pytest.mark.parametrize("text", [
    "Iran called US claims baseless.",
    "Russia called the deliveries of F-16s to Ukraine a provocation.",
    "Zelensky called the attack a war crime.",
])
def test_events_calling_something_a_name_is_no_telephone_call(extract, text):
    assert not [r for r in extract(text) if r.type == "CONSULT"]


@pytest.mark.parametrize("text, pair", [
    ("South Korea warned that North Korea was supplying Russia with missiles.", ("PRK", "RUS")),
    ("Japan warned that China was sending drones to Russia.", ("CHN", "RUS")),
])
def test_events_a_warning_of_what_others_do_tells_of_it(extract, text, pair):
    records = extract(text)
    assert not [r for r in records if r.type == "THREATEN"]
    assert {(r.type, r.modality) for r in records if (r.actor.country, r.recipient.country)
            == pair} == {("AID", "reported")}


def test_events_a_warning_of_what_the_warner_will_do_threatens(extract):
    assert ("RUS", "FIN") in _pairs(extract("Russia warned that it would retaliate against "
                                            "Finland."), "THREATEN")


@pytest.mark.parametrize("text, pair", [
    ("Russia killed 15 people in a missile strike on a market in Kharkiv.", ("RUS", "UKR")),
    ("Israel killed 20 people in an air strike on a school in Gaza.", ("ISR", "PSE")),
])
def test_events_whoever_kills_in_an_attack_did_it(extract, text, pair):
    records = extract(text)
    assert pair in _pairs(records, "ASSAULT")
    assert all(r.actor.country == pair[0] for r in records if r.type == "ASSAULT")


@pytest.mark.parametrize("text, pair", [
    ("Ten soldiers died in an ambush by al-Shabaab militants near Mogadishu.", ("SOM", "SOM")),
    ("Three Israeli soldiers died in a Hamas ambush in Rafah.", ("PSE", "ISR")),
])
def test_events_who_dies_in_an_ambush_is_its_victim(extract, text, pair):
    records = [r for r in extract(text) if r.type == "ASSAULT"]
    assert {r.trigger for r in records} == {"ambush"}
    assert pair in _pairs(records, "ASSAULT")
    assert all(r.actor.sector == "REB" for r in records)


@pytest.mark.parametrize("text, pair, modality", [
    ("Germany halted arms exports to Saudi Arabia.", ("DEU", "SAU"), "negated"),
    ("The Biden administration paused a shipment of bombs to Israel.", ("USA", "ISR"), "negated"),
    ("Russia resumed gas deliveries to Hungary.", ("RUS", "HUN"), "asserted"),
    ("Russia cut off gas supplies to Moldova.", ("RUS", "MDA"), "negated"),
])
def test_events_who_halts_or_resumes_a_flow_supplies_it(extract, text, pair, modality):
    records = [r for r in extract(text) if r.type == "AID"]
    assert pair in _pairs(records, "AID")
    assert {r.modality for r in records} == {modality}


def test_events_who_blocks_a_flow_is_not_its_supplier(extract):
    records = [r for r in extract("Hungary blocked the delivery of EU aid to Ukraine.")
               if r.type == "AID"]
    assert records and {r.actor.code for r in records} == {"EU"}


@pytest.mark.parametrize("text, pair", [
    ("JNIM claimed the bombing of a hotel in Bamako.", ("MLI", "MLI")),
    ("ISWAP claimed the killing of 12 Nigerian soldiers in Borno.", ("NGA", "NGA")),
    ("The drone strike on Kyiv was blamed on Russia.", ("RUS", "UKR")),
])
def test_events_who_claims_an_attack_or_is_blamed_for_it_did_it(extract, text, pair):
    assert pair in _pairs(extract(text), "ASSAULT")


@pytest.mark.parametrize("text, category", [
    ("North Korea sent microchips to Russia.", "dual_use_goods"),
    ("Iran sent military advisers to Syria.", "troops"),
    ("The UN sent medicine and tents to Gaza.", "other"),
    ("China sold radars to Iran.", "military_equipment"),
    ("Qatar shipped LNG to Germany.", "oil"),
])
def test_events_more_goods_are_known(extract, text, category):
    assert {r.what.category for r in extract(text) if r.type == "AID"} == {category}


@pytest.mark.parametrize("text, pair", [
    ("Tehran gave the Houthis cruise missiles.", ("IRN", "YEM")),
    ("Iran sent the RSF drones.", ("IRN", "SDN")),
    ("Iran shipped drones to its ally Russia.", ("IRN", "RUS")),
    ("The US sent missiles to its ally Israel.", ("USA", "ISR")),
    ("Thousands of artillery shells were shipped to Russia from North Korea.", ("PRK", "RUS")),
    ("Weapons are being smuggled from Iran to the Houthis.", ("IRN", "YEM")),
])
def test_events_recipients_and_suppliers_the_parse_hides(extract, text, pair):
    assert pair in _pairs(extract(text), "AID")


@pytest.mark.parametrize("text, category", [
    ("The US sent $2 billion in weapons to Ukraine.", "weapons"),
    ("China shipped $100 million in drone parts to Russia.", "dual_use_goods"),
    ("The EU gave Ukraine $5 billion in loans.", "money"),
])
def test_events_money_in_goods_is_the_goods_with_their_value(extract, text, category):
    records = [r for r in extract(text) if r.type == "AID"]
    assert {r.what.category for r in records} == {category}
    assert all(r.quantity is not None and r.quantity.unit == "USD" for r in records)


@pytest.mark.parametrize("text, pair", [
    ("The US committed $500 million to Ukraine.", ("USA", "UKR")),
    ("Japan approved $4.5 billion for Ukraine.", ("JPN", "UKR")),
])
def test_events_funds_committed_or_approved_are_pledged(extract, text, pair):
    records = [r for r in extract(text) if r.type == "AGREE"]
    assert pair in _pairs(records, "AGREE")
    assert {r.what.category for r in records} == {"money"}


def test_events_a_crime_committed_is_no_pledge(extract):
    assert {r.type for r in extract("Russian forces committed war crimes in Bucha.")} == \
        {"ASSAULT"}


@pytest.mark.parametrize("text, pair", [
    ("Russia used chemical weapons against Ukrainian soldiers.", ("RUS", "UKR")),
    ("The RSF used drones against the army in Khartoum.", ("SDN", "SDN")),
    ("Police used tear gas against protesters in Nairobi.", ("KEN", "KEN")),
])
def test_events_weapons_used_against_someone_attack_them(extract, text, pair):
    records = extract(text)
    assert pair in _pairs(records, "ASSAULT")
    assert not [r for r in records if r.type == "COOPERATE"]


def test_events_weapons_used_in_a_war_against_someone_keep_their_supplier(extract):
    records = extract("Russia is using weapons procured from the DPRK and Iran in its war "
                      "against Ukraine.")
    assert {("PRK", "RUS"), ("IRN", "RUS")} <= _pairs(records, "AID")


@pytest.mark.parametrize("text, pair", [
    ("Iran sold drones worth $1 billion to Russia.", ("IRN", "RUS")),
    ("The UAE sold arms worth $50 million to the RSF.", ("ARE", "SDN")),
])
def test_events_a_recipient_hung_on_the_worth_of_goods(extract, text, pair):
    assert pair in _pairs(extract(text), "AID")


def test_events_aid_pledged_as_money_is_one_pledge(extract):
    records = extract("Germany pledged 5 billion euros in military aid to Ukraine.")
    assert [(r.type, r.actor.country, r.recipient.country) for r in records] == \
        [("AGREE", "DEU", "UKR")]


@pytest.mark.parametrize("text", [
    "Gunmen attacked a Malian army patrol near Menaka.",
    "An Israeli patrol was ambushed by Hezbollah fighters.",
    "Militants launched an attack on a Nigerian army patrol.",
])
def test_events_an_attacked_patrol_is_no_mobilisation(extract, text):
    records = extract(text)
    assert {r.type for r in records} == {"ASSAULT"}


@pytest.mark.parametrize("text, type_, pair", [
    ("Ukraine appealed to Germany to send Taurus missiles.", "REQUEST", ("UKR", "DEU")),
    ("Kyiv begged Berlin for Taurus missiles.", "REQUEST", ("UKR", "DEU")),
    ("Zelensky pleaded with Biden to send more Patriots.", "REQUEST", ("UKR", "USA")),
    ("Hamas turned down the Israeli proposal.", "REJECT", ("PSE", "ISR")),
])
def test_events_pleas_appeals_and_refusals(extract, text, type_, pair):
    records = extract(text)
    assert pair in _pairs(records, type_)
    assert not [r for r in records if r.type == "AID" and r.modality == "asserted"]


@pytest.mark.parametrize("text, type_, pair, category", [
    ("Iran remains the Houthis' chief arms supplier.", "AID", ("IRN", "YEM"), "weapons"),
    ("North Korea has become a major supplier of artillery shells to Russia.", "AID",
     ("PRK", "RUS"), "artillery_ammunition"),
    ("Iran, Russia's main drone supplier, denied the report.", "AID", ("IRN", "RUS"), "drones"),
    ("China is the largest buyer of Russian oil.", "AID", ("RUS", "CHN"), "oil"),
    ("Rwanda is the main backer of the M23 rebels.", "SUPPORT", ("RWA", "COD"), None),
])
def test_events_one_said_to_be_a_supplier_backer_or_buyer(extract, text, type_, pair, category):
    records = [r for r in extract(text) if r.type == type_]
    assert pair in _pairs(records, type_)
    assert {r.what.category if r.what else None for r in records} == {category}


@pytest.mark.parametrize("text, type_, sides", [
    ("Armenia and Azerbaijan accused each other of violating the ceasefire.", "ACCUSE",
     {"ARM", "AZE"}),
    ("Russia and Ukraine blamed one another for the attack on the dam.", "ACCUSE",
     {"RUS", "UKR"}),
    ("India and Pakistan accused each other of shelling.", "ACCUSE", {"IND", "PAK"}),
])
def test_events_each_other_is_each_side_to_the_other(extract, text, type_, sides):
    a, b = sorted(sides)
    assert _pairs(extract(text), type_) >= {(a, b), (b, a)}


@pytest.mark.parametrize("text, sides", [
    ("Britain and Japan consulted on North Korea's missile launches.", {"GBR", "JPN"}),
    ("Chinese and Russian diplomats consulted on the crisis in Niger.", {"CHN", "RUS"}),
])
def test_events_what_a_consultation_is_about_is_no_partner(extract, text, sides):
    records = [r for r in extract(text) if r.type == "CONSULT"]
    assert {r.actor.country for r in records} | {r.recipient.country for r in records} == sides


def test_events_where_a_consultation_is_held_is_no_partner(extract):
    assert not [r for r in extract("EU leaders gathered in Brussels.") if r.type == "CONSULT"]
    assert ("USA", "CHN") in _pairs(extract("Blinken met Wang Yi in Beijing."), "CONSULT")


@pytest.mark.parametrize("text, pair, category", [
    ("Russia hit Odesa with drones.", ("RUS", "UKR"), "drones"),
    ("Israel pounded Gaza with artillery.", ("ISR", "PSE"), "weapons"),
    ("The Houthis targeted a US warship with drones.", ("YEM", "USA"), "drones"),
])
def test_events_a_target_struck_with_weapons_is_attacked(extract, text, pair, category):
    records = [r for r in extract(text) if r.type == "ASSAULT"]
    assert pair in _pairs(records, "ASSAULT")
    assert {r.what.category for r in records} == {category}


def test_events_weapons_struck_with_keep_their_maker(extract):
    assert ("IRN", "RUS") in _pairs(extract("Russia attacked Kyiv with Iranian drones."), "AID")


@pytest.mark.parametrize("text, pair", [
    ("Netanyahu vowed to crush Hamas.", ("ISR", "PSE")),
    ("Iran vowed to retaliate against Israel.", ("IRN", "ISR")),
    ("The EU promised to impose sanctions on Belarus.", ("EU", "BLR")),
])
def test_events_a_harm_vowed_is_a_threat(extract, text, pair):
    records = extract(text)
    assert {(r.actor.country or r.actor.code, r.recipient.country) for r in records
            if r.type == "THREATEN"} == {pair}
    assert not [r for r in records if r.type == "AGREE"]


def test_events_a_good_vowed_stays_an_intent(extract):
    records = extract("Britain pledged to send tanks to Ukraine.")
    assert {r.type for r in records} == {"AGREE"}


@pytest.mark.parametrize("text, pair", [
    ("Pyongyang deployed troops to help Russia retake Kursk.", ("PRK", "RUS")),
    ("Iran sent drones to help Moscow hit Ukrainian cities.", ("IRN", "RUS")),
    ("The United States shipped interceptors to help Israel defend itself.", ("USA", "ISR")),
])
def test_events_goods_sent_to_help_an_actor_do_something_go_to_it(extract, text, pair):
    assert pair in _pairs(extract(text), "AID")


@pytest.mark.parametrize("text, pair", [
    ("Niger ordered the French ambassador to leave the country.", ("NER", "FRA")),
    ("Russia ordered two US diplomats to leave within a week.", ("RUS", "USA")),
    ("Germany declared four Russian diplomats persona non grata.", ("DEU", "RUS")),
])
def test_events_envoys_told_to_leave_are_expelled(extract, text, pair):
    records = extract(text)
    assert {(r.type, r.mode) for r in records} == {("SANCTION", "expel")}
    assert pair in _pairs(records, "SANCTION")


@pytest.mark.parametrize("text, pair", [
    ("Ukraine was given 31 Abrams tanks by the United States.", ("USA", "UKR")),
    ("Moscow has been given missiles by Pyongyang.", ("PRK", "RUS")),
    ("Israel has been sent 14,000 bombs by the United States.", ("USA", "ISR")),
])
def test_events_the_passive_subject_of_a_verb_that_keeps_its_object_is_given_to(
        extract, text, pair):
    assert _pairs(extract(text), "AID") == {pair}


def test_events_a_recipient_parsed_as_a_first_object(extract):
    records = [r for r in extract("The US gave Ukraine up to $2 billion.") if r.type == "AID"]
    assert _pairs(records, "AID") == {("USA", "UKR")}
    assert records[0].quantity.high == 2_000_000_000 and records[0].quantity.low is None


def test_events_who_claims_responsibility_for_doing_it_did_it(extract):
    assert ("YEM", "USA") in _pairs(
        extract("The Houthis claimed responsibility for targeting a US warship."), "ASSAULT")


@pytest.mark.parametrize("text, pair, modality", [
    ("Iran was accused of supplying drones to Russia.", ("IRN", "RUS"), "alleged"),
    ("North Korea has been accused of sending missiles to Russia.", ("PRK", "RUS"), "alleged"),
])
def test_events_one_accused_in_the_passive_is_the_alleged_doer(extract, text, pair, modality):
    records = [r for r in extract(text) if r.type == "AID"]
    assert _pairs(records, "AID") == {pair}
    assert {r.modality for r in records} == {modality}


@pytest.mark.parametrize("text, pair", [
    ("About 1,000 Russian mercenaries are fighting for the junta in Mali.", ("RUS", "MLI")),
    ("North Korean troops are fighting for Russia in Kursk.", ("PRK", "RUS")),
    ("Thousands of North Korean soldiers are fighting on behalf of Russia.", ("PRK", "RUS")),
])
def test_events_troops_fighting_for_another_state_were_supplied_to_it(extract, text, pair):
    records = extract(text)
    assert {(r.type, r.what.category) for r in records} == {("AID", "troops")}
    assert _pairs(records, "AID") == {pair}


@pytest.mark.parametrize("text", [
    "Ukrainian soldiers are fighting for their country.",
    "Russia is fighting for its survival.",
])
def test_events_fighting_for_ones_own_is_no_supply(extract, text):
    assert not [r for r in extract(text) if r.type == "AID"]


@pytest.mark.parametrize("text, type_, pair", [
    ("Japan unveiled a $4.5 billion aid package for Ukraine.", "AID", ("JPN", "UKR")),
    ("The Pentagon announced a new $300 million military aid package for Ukraine.", "AID",
     ("USA", "UKR")),
    ("The EU adopted a new sanctions package on Russia.", "SANCTION", ("EU", "RUS")),
])
def test_events_an_aid_package_supplies_a_sanctions_package_sanctions(extract, text, type_,
                                                                     pair):
    records = extract(text)
    assert {r.type for r in records} == {type_}
    assert pair in _pairs(records, type_)


@pytest.mark.parametrize("text, pair", [
    ("Ukrainian positions near Pokrovsk came under heavy fire from Russian artillery.",
     ("RUS", "UKR")),
    ("A Sudanese army base came under drone fire from the RSF.", ("SDN", "SDN")),
    ("UN peacekeepers in southern Lebanon came under fire from Israeli tanks.", ("ISR", "UN")),
])
def test_events_under_fire_from_armed_forces_is_an_attack(extract, text, pair):
    records = extract(text)
    assert {(r.actor.country or r.actor.code, r.recipient.country or r.recipient.code)
            for r in records if r.type == "ASSAULT"} == {pair}


def test_events_under_fire_from_critics_is_no_attack(extract):
    assert not [r for r in extract("The minister came under fire from lawmakers.")
                if r.type == "ASSAULT"]


@pytest.mark.parametrize("text", [
    "The Houthis, who control Sanaa, attacked a US warship.",
    "Hamas, which governs Gaza, fired rockets at Ashkelon.",
    "Russia controls Crimea.",
])
def test_events_a_place_held_is_no_cooperation_with_it(extract, text):
    assert not [r for r in extract(text) if r.type == "COOPERATE"]


def test_events_managing_with_a_partner_stays_cooperation(extract):
    assert ("USA", "JPN") in _pairs(extract("The US manages the program with Japan."),
                                    "COOPERATE")


@pytest.mark.parametrize("text, doer, victim", [
    ("Eight Malian soldiers were killed by JNIM militants in an ambush.", "MLIREB", "MLIMIL"),
    ("Five Somali soldiers were killed by al-Shabaab in a bombing in Mogadishu.", "SOMREB",
     "SOMMIL"),
    ("Two Israeli soldiers were wounded by Hezbollah in a drone attack.", "LBNREB", "ISRMIL"),
    ("Scores of Malian civilians were killed by JNIM militants.", "MLIREB", "MLICVL"),
    ("Dozens of Nigerian villagers were killed by Boko Haram fighters.", "NGAREB", "NGACVL"),
])
def test_events_killed_by_an_agent_in_an_attack_is_the_agents_attack(extract, text, doer,
                                                                      victim):
    """A passive verb of killing with an agent is that agent's attack, even "in an ambush"
    (the noun names the attack, not another doer), and a counted subject ("dozens of
    villagers") names its victims."""
    coded = {(r.actor.code if r.actor else None, r.recipient.code if r.recipient else None)
             for r in extract(text) if r.type == "ASSAULT"}
    assert (doer, victim) in coded, coded


@pytest.mark.parametrize("text, expected", [
    ("Russian police raided the offices of a human rights group in Moscow.",
     ("COERCE", "RUSCOP", "RUSHRI")),
    ("Police raided the home of an opposition journalist in Moscow.", ("COERCE", None, None)),
    ("Turkish police searched the offices of an opposition newspaper.", ("COERCE", None, None)),
    ("The headquarters of a Kurdish party were raided by Turkish police.",
     ("COERCE", None, None)),
    ("Gunmen raided a village in Zamfara, Nigeria.", ("ASSAULT", None, None)),
])
def test_events_raids_on_offices_or_by_police_are_searches_and_seizures(extract, text,
                                                                        expected):
    """PLOVER COERCE seize: "execute search, confiscate property, raid"; an armed raid on a
    village stays an attack. Searching for survivors is no search of anyone."""
    type_, actor, recipient = expected
    coded = [(r.type, r.actor.code if r.actor else None, r.recipient.code if r.recipient
              else None) for r in extract(text) if r.trigger in ("raid", "search")]
    if actor is None:
        assert type_ in {t for t, _, _ in coded} and (
            "ASSAULT" if type_ == "COERCE" else "COERCE") not in {t for t, _, _ in coded}, coded
    else:
        assert expected in coded, coded


def test_events_searching_for_survivors_coerces_no_one(extract):
    assert not [r for r in extract("Rescuers searched the rubble of the building for survivors.")
                if r.trigger == "search"]


@pytest.mark.parametrize("text, expected", [
    ("Nicaragua outlawed dozens of non-governmental organisations.", ("NIC", "NICNGO")),
    ("Russian police raided the offices of a rights group in Moscow.", ("RUSCOP", "RUSHRI")),
    ("Belarus banned opposition parties.", ("BLR", "BLROPP")),
])
def test_events_people_coerced_by_their_role_are_the_states_own(extract, text, expected):
    assert expected in {(r.actor.code, r.recipient.code) for r in extract(text)
                        if r.type == "COERCE" and r.actor and r.recipient}


@pytest.mark.parametrize("text", [
    "Iran arrested two foreign journalists in Tehran.",
    "Turkey deported several foreign journalists.",
    "China expelled foreign reporters from Beijing.",
])
def test_events_foreigners_coerced_are_not_the_states_own_people(extract, text):
    coded = [r for r in extract(text) if r.type == "COERCE"]
    assert coded and not any(r.recipient and r.recipient.country == r.actor.country
                             for r in coded), [(r.actor, r.recipient) for r in coded]


@pytest.mark.parametrize("text, judge, doer", [
    ("Germany criticised the detention of a German journalist by Turkish authorities.", "DEU",
     "TURGOV"),
    ("Rights groups in Britain condemned the arrest of three journalists by Belarusian police.",
     None, "BLRCOP"),
    ("The annexation of Crimea by Russia was condemned by the UN General Assembly.", None,
     "RUS"),
    ("France denounced the seizure of the tanker by Iranian forces.", "FRA", "IRNMIL"),
])
def test_events_a_judgement_of_an_event_noun_is_aimed_at_its_agent(extract, text, judge, doer):
    """The agent of an event noun, also where the parser hung its "by" phrase on the noun's
    "of" phrase or on the active verb of judging, is whom the judgement accuses."""
    coded = {(r.actor.country if r.actor else None, r.recipient.code if r.recipient else None)
             for r in extract(text) if r.type == "ACCUSE"}
    assert any(b == doer and (judge is None or a == judge) for a, b in coded), coded


@pytest.mark.parametrize("text, expected", [
    ("Washington condemned Moscow's annexation of Crimea.", ("RUS", "UKR")),
    ("Israel's occupation of the Golan Heights is illegal, Syria said.", ("ISR", "SYR")),
    ("The annexation of Crimea by Russia was condemned by the UN General Assembly.",
     ("RUS", "UKR")),
])
def test_events_annexation_and_occupation_seize_territory(extract, text, expected):
    """CAMEO 192 "occupy territory": PLOVER COERCE seize, as the verbs are coded."""
    assert expected in {(r.actor.code, r.recipient.code) for r in extract(text)
                        if r.type == "COERCE" and r.actor and r.recipient}


@pytest.mark.parametrize("text, expected", [
    ("Hamas's release of four Israeli hostages was welcomed by the White House.",
     ("PSEREB", "ISR")),
    ("Israel's release of 39 Palestinian prisoners was confirmed by Hamas.", ("ISR", "PSE")),
    ("Belarus announced the release of 18 political prisoners.", ("BLR", "BLR")),
])
def test_events_the_release_of_people_is_a_release(extract, text, expected):
    assert expected in {(r.actor.code, r.recipient.country) for r in extract(text)
                        if r.type == "RETREAT" and r.actor and r.recipient}


def test_events_the_release_of_a_report_releases_no_one(extract):
    assert not [r for r in extract("The release of the report by the UN angered Russia.")
                if r.type == "RETREAT"]


@pytest.mark.parametrize("text, expected", [
    ("Iran's seizure of the ship drew condemnation from Britain.", ("ACCUSE", "GBR", "IRN")),
    ("Israel's offensive in Gaza has drawn criticism from the United Nations.",
     ("ACCUSE", "UN", "ISR")),
    ("China's military drills near Taiwan drew a sharp rebuke from Tokyo.",
     ("ACCUSE", "JPN", "CHN")),
    ("The Israeli strike prompted outrage in Jordan.", ("ACCUSE", "JOR", "ISR")),
    ("North Korea's missile launch drew condemnation from South Korea and Japan.",
     ("ACCUSE", "JPN", "PRK")),
    ("Russia's decision drew praise from Belarus.", ("SUPPORT", "BLR", "RUS")),
])
def test_events_a_deed_that_draws_a_reaction_is_reacted_to(extract, text, expected):
    """"drew condemnation from X": X accuses the deed's doer; those who react are no target
    of the deed itself."""
    records = extract(text)
    assert expected in {(r.type, r.actor.code, r.recipient.code) for r in records
                        if r.actor and r.recipient}
    assert not any(r.recipient and r.recipient.code == expected[1] for r in records
                   if r.type != expected[0])


@pytest.mark.parametrize("text", [
    "The film drew praise from critics.",
    "The move drew criticism from rights groups.",
    "Russia drew troops from its reserves.",
])
def test_events_a_reaction_of_no_known_actor_codes_nothing(extract, text):
    assert not [r for r in extract(text) if r.type in ("ACCUSE", "SUPPORT")]


@pytest.mark.parametrize("text, type_, a, b", [
    ("India signed a defence cooperation pact with the United States on Tuesday.", "AGREE",
     "IND", "USA"),
    ("Israel agreed with Egypt to reopen the Rafah crossing.", "AGREE", "ISR", "EGY"),
    ("Putin met with Xi Jinping in Beijing.", "CONSULT", "RUS", "CHN"),
    ("India's defence pact with France was signed in Paris.", "AGREE", "IND", "FRA"),
    ("Turkey held talks with Iraq on water sharing.", "CONSULT", "TUR", "IRQ"),
])
def test_events_agreeing_or_meeting_with_a_partner_is_both_sides(extract, text, type_, a, b):
    """As "India and the United States signed": each side agrees (meets) with the other."""
    pairs = {(r.actor.country, r.recipient.country) for r in extract(text)
             if r.type == type_ and r.actor and r.recipient}
    assert {(a, b), (b, a)} <= pairs, pairs


def test_events_working_with_a_partner_stays_one_way(extract):
    """"will work closely with the UN" is one side's intent, not a pair of cooperations."""
    pairs = {(r.actor.code, r.recipient.code) for r in extract(
        "Britain will work closely with Kenya on security.") if r.type == "COOPERATE"}
    assert ("KEN", "GBR") not in pairs


@pytest.mark.parametrize("text, buyer, seller", [
    ("Poland signed a deal to buy Apache helicopters from the United States.", "POL", "USA"),
    ("Serbia agreed to purchase Rafale jets from France.", "SRB", "FRA"),
    ("Egypt signed a contract to acquire submarines from Germany.", "EGY", "DEU"),
])
def test_events_an_agreement_to_buy_is_made_with_the_seller(extract, text, buyer, seller):
    pairs = _pairs(extract(text), "AGREE")
    assert {(buyer, seller), (seller, buyer)} <= pairs, pairs


@pytest.mark.parametrize("text, a, b", [
    ("India, US sign defence pact", "IND", "USA"),
    ("Serbia, Hungary sign energy deal", "SRB", "HUN"),
    ("Armenia, Azerbaijan agree on text of peace treaty", "ARM", "AZE"),
])
def test_events_headline_names_joined_by_a_comma_agree_together(extract, text, a, b):
    assert {(a, b), (b, a)} <= _pairs(extract(text), "AGREE")


@pytest.mark.parametrize("text, a, b", [
    ("Ghana signed an arms deal worth $500 million with Turkey.", "GHA", "TUR"),
    ("The Czech Republic signed a deal worth $6 billion with the US for F-35 jets.", "CZE",
     "USA"),
    ("Thailand signed a deal valued at $400 million with Sweden for fighter jets.", "THA",
     "SWE"),
])
def test_events_a_deals_value_does_not_hide_its_partner(extract, text, a, b):
    assert (a, b) in _pairs(extract(text), "AGREE")


@pytest.mark.parametrize("text, expected", [
    ("Bangladesh imposed a nationwide curfew after deadly student protests.",
     ("COERCE", "BGD", "BGDCVL")),
    ("Authorities in Kazakhstan imposed a curfew in Almaty.", ("COERCE", "KAZGOV", "KAZCVL")),
    ("Ethiopia declared martial law in the Amhara region.", ("COERCE", "ETH", "ETHCVL")),
    ("Sri Lanka declared a state of emergency amid protests.", ("COERCE", "LKA", "LKACVL")),
    ("Georgia lifted the curfew in Tbilisi.", ("RETREAT", "GEO", "GEOCVL")),
    ("Kazakhstan ended the state of emergency.", ("CONCEDE", "KAZ", "KAZCVL")),
])
def test_events_curfews_and_emergencies_are_laid_on_a_population(extract, text, expected):
    """PLOVER COERCE curfew and martial-law (and their easing): on the people of the place
    they cover, else of the state that declares them."""
    assert expected in {(r.type, r.actor.code, r.recipient.code) for r in extract(text)
                        if r.actor and r.recipient}


@pytest.mark.parametrize("text", [
    "The state of the economy worries Russia.",
    "Parliament passed a new law on elections.",
    "The curfew of the old town bell rang at nine.",
])
def test_events_a_state_or_a_law_is_no_emergency(extract, text):
    assert not [r for r in extract(text) if r.mode == "martial-law"]


@pytest.mark.parametrize("text, lender, borrower", [
    ("Japan's loan to India will fund a railway.", "JPN", "IND"),
    ("A Chinese loan to Sri Lanka was restructured.", "CHN", "LKA"),
    ("Japan extended a loan of $1 billion to India.", "JPN", "IND"),
])
def test_events_a_loan_to_someone_supplies_money(extract, text, lender, borrower):
    assert (lender, borrower) in {(r.actor.country, r.recipient.country) for r in extract(text)
                                  if r.type == "AID" and r.actor and r.recipient
                                  and r.what and r.what.category == "money"}


def test_events_a_loan_to_no_one_named_is_the_borrowers(extract):
    assert not [r for r in extract("Kenya repaid its loan.") if r.type == "AID"]


@pytest.mark.parametrize("text, expected", [
    ("Beijing's ban on Japanese seafood imports remains in force.", ("SANCTION", "CHN", "JPN")),
    ("The EU's ban on Russian oil imports took effect.", ("SANCTION", "EU", "RUS")),
    ("China's ban on exports of rare earths to the United States angered Washington.",
     ("SANCTION", "CHN", "USA")),
])
def test_events_a_ban_on_trade_is_a_sanction(extract, text, expected):
    assert expected in {(r.type, r.actor.code, r.recipient.code) for r in extract(text)
                        if r.actor and r.recipient}


@pytest.mark.parametrize("text, expected", [
    ("The Syrian Democratic Forces seized Raqqa from the Islamic State.",
     ("SYRREB", "IMGMUSISI")),
    ("The M23 captured Goma from the Congolese army.", ("CODREB", "CODMIL")),
    ("Nigerian troops retook Gwoza from Boko Haram.", ("NGAMIL", "NGAREB")),
    ("Somali forces regained control of the town from al-Shabaab.", ("SOMMIL", "SOMREB")),
])
def test_events_a_place_taken_from_someone_is_taken_from_them(extract, text, expected):
    """Seizing territory (CAMEO 192, PLOVER COERCE seize) from a named side aims at that side,
    not at the state the place lies in."""
    assert expected in {(r.actor.code, r.recipient.code) for r in extract(text)
                        if r.type == "COERCE" and r.actor and r.recipient}


@pytest.mark.parametrize("text, trigger, expected", [
    ("Belarusian police arrested and beat several protesters.", "arrest",
     ("COERCE", "BLRCOP", "BLROPP")),
    ("Russian police detained and questioned a Latvian journalist.", "detain",
     ("COERCE", "RUSCOP", "LVAMED")),
    ("Iran arrested and jailed two British nationals.", "arrest", ("COERCE", "IRN", "GBRCVL")),
])
def test_events_two_verbs_joined_tightly_share_their_object(extract, text, trigger, expected):
    assert expected in {(r.type, r.actor.code, r.recipient.code) for r in extract(text)
                        if r.trigger == trigger and r.actor and r.recipient}


@pytest.mark.parametrize("text, expected", [
    ("The United States removed the Houthis from its list of terrorist groups.",
     ("USA", "YEMREB")),
    ("Ethiopia's government removed the TPLF from its list of terrorist organizations.",
     ("ETHGOV", "ETHREB")),
    ("The EU delisted three Russian businessmen.", ("EU", "RUSBUS")),
])
def test_events_taking_someone_off_a_list_eases_a_sanction(extract, text, expected):
    records = extract(text)
    assert expected in {(r.actor.code, r.recipient.code) for r in records
                        if r.type == "RETREAT" and r.actor and r.recipient}
    assert not [r for r in records if r.type == "COERCE"]


@pytest.mark.parametrize("text, expected", [
    ("Tokyo's protest to Beijing over the detained employee was delivered on Monday.",
     ("JPN", "CHN")),
    ("Ankara's diplomatic protest to Athens was delivered on Monday.", ("TUR", "GRC")),
    ("China protested to Japan over the shrine visit.", ("CHN", "JPN")),
    ("Beijing lodged a formal protest with Tokyo over the visit.", ("CHN", "JPN")),
])
def test_events_a_protest_made_to_a_government_is_a_complaint(extract, text, expected):
    """PLOVER PROTEST is a demonstration; a protest lodged with or made to a government is a
    formal complaint (ACCUSE, CAMEO 111)."""
    records = extract(text)
    assert expected in {(r.actor.country, r.recipient.country) for r in records
                        if r.type == "ACCUSE" and r.actor and r.recipient}
    assert not [r for r in records if r.type == "PROTEST"]


def test_events_a_protest_against_a_government_stays_a_demonstration(extract):
    records = extract("Opposition supporters protested against the Georgian government.")
    assert {r.type for r in records} == {"PROTEST"}


@pytest.mark.parametrize("text, a, b", [
    ("Israel and Morocco established diplomatic relations in 2020.", "ISR", "MAR"),
    ("Rwanda and Burundi normalised relations last year.", "RWA", "BDI"),
    ("Vietnam upgraded its relations with the United States to a strategic partnership.",
     "VNM", "USA"),
    ("Saudi Arabia and Iran restored diplomatic relations in a deal brokered by China.",
     "SAU", "IRN"),
    ("Diplomatic relations between Israel and Morocco were established in 2020.", "ISR",
     "MAR"),
])
def test_events_relations_set_up_or_restored_are_diplomatic_cooperation(extract, text, a, b):
    """CAMEO 050 "engage in diplomatic cooperation" (PLOVER SUPPORT), each with the other; a
    broker is no side."""
    pairs = _pairs(extract(text), "SUPPORT")
    assert pairs == {(a, b), (b, a)}, pairs


@pytest.mark.parametrize("text, supplier", [
    ("The United States announced a pause in arms deliveries to Israel.", "USA"),
    ("Canada's freeze on arms exports to Israel angered Israel.", "CAN"),
    ("Germany announced a halt to arms shipments to Israel.", "DEU"),
    ("Biden ordered a halt in weapons shipments to Israel.", "USA"),
])
def test_events_a_flow_halted_by_a_noun_is_the_halters_and_not_made(extract, text, supplier):
    """A halt, pause, freeze or suspension of deliveries: whoever makes it supplied them, and
    they are not made now (as "halted arms exports", own_flows)."""
    flows = [r for r in extract(text) if r.type == "AID" and r.recipient
             and r.recipient.country == "ISR"]
    assert flows and {r.modality for r in flows} == {"negated"}, flows
    assert {r.actor.country for r in flows if r.actor} == {supplier}


def test_events_a_surge_in_deliveries_stays_a_delivery(extract):
    assert {r.modality for r in extract("There was a surge in arms deliveries to Ukraine.")
            if r.type == "AID"} == {"asserted"}


def test_events_relations_agreed_to_be_restored_are_one_agreement(extract):
    records = extract("Ethiopia and Somalia agreed to restore diplomatic ties.")
    assert {r.type for r in records} == {"AGREE"}


def test_events_support_received_as_goods_stays_a_supply(extract):
    """"received military support from the US" names goods: a supply, not a reaction."""
    records = extract("Ukraine received military support from the United States.")
    assert ("USA", "UKR") in _pairs(records, "AID") and not _pairs(records, "SUPPORT")


@pytest.mark.parametrize("text, expected", [
    ("Belarusian security forces raided the homes of journalists across the country.",
     ("COERCE", "BLRCOP", "BLRMED")),
    ("Hong Kong police raided the newsroom of a pro-democracy newspaper.",
     ("COERCE", "HKGCOP", "HKGMED")),
    ("Iran seized the assets of Russian banks.", ("COERCE", "IRN", "RUS")),
    ("Turkish police raided the headquarters of a pro-Kurdish party in Ankara.",
     ("COERCE", "TURCOP", "TUR")),
])
def test_events_the_owner_of_what_is_acted_on_suffers_it(extract, text, expected):
    assert expected in {(r.type, r.actor.code, r.recipient.code) for r in extract(text)
                        if r.actor and r.recipient}


def test_events_the_neighbours_of_a_state_are_not_that_state(extract):
    records = extract("The militias used the missiles to target the capitals of Yemen's "
                      "neighbours.")
    assert not [r for r in records if r.recipient and r.recipient.code == "YEM"]


def test_events_an_army_that_imposes_martial_law_is_the_places(extract):
    assert ("MMRMIL", "MMRCVL") in {
        (r.actor.code, r.recipient.code) for r in
        extract("The army imposed martial law in the capital of Myanmar.")
        if r.type == "COERCE" and r.actor and r.recipient}


@pytest.mark.parametrize("text, type_, sides", [
    # dismissing what others put forward rejects it; dismissing an official does not
    ("The Kremlin dismissed Ukraine's peace plan.", "REJECT", ("RUS", "UKR")),
    ("India dismissed Canada's allegations.", "REJECT", ("IND", "CAN")),
    ("Israel dismissed the proposal from Egypt.", "REJECT", ("ISR", "EGY")),
    # headline verbs of sharp criticism
    ("Beijing slams Washington over chip curbs.", "ACCUSE", ("CHN", "USA")),
    ("India slammed Canada over the killing of a Sikh leader.", "ACCUSE", ("IND", "CAN")),
    ("Ankara lambasted Stockholm for allowing the protest.", "ACCUSE", ("TUR", "SWE")),
    # dispersing protesters is violent repression (PLOVER ASSAULT crowd-control)
    ("Police dispersed protesters in Tbilisi.", "ASSAULT", ("GEO", "GEO")),
    ("Serbian police dispersed student demonstrators in Belgrade.", "ASSAULT", ("SRB", "SRB")),
    ("Kenyan police dispersed the protesters with tear gas.", "ASSAULT", ("KEN", "KEN")),
    # an organised rally is the rally
    ("Opposition parties organized a rally against President Vucic.", "PROTEST",
     ("SRB", "SRB")),
    ("Students organised a protest against the Georgian government.", "PROTEST",
     (None, "GEO")),
])
def test_events_reviewed_verbs(extract, text, type_, sides):
    assert sides in _pairs(extract(text), type_)


def test_events_dismissing_an_official_is_no_rejection(extract):
    assert not _pairs(extract("Zelensky dismissed the army chief."), "REJECT")


@pytest.mark.parametrize("text", [
    "Russia amassed tanks near Kharkiv.",
    "China has amassed warships near Taiwan.",
    "Russia built up forces on the border.",
    "North Korea mobilised 1.4 million young people.",
    "The Houthis mobilised fighters.",
])
def test_events_mobilised_forces_are_no_target(extract, text):
    found = [r for r in extract(text) if r.type == "MOBILIZE"]
    assert found and all(r.recipient is None for r in found)


@pytest.mark.parametrize("text, sides", [
    ("Serbia demands that Kosovo dismantle the barricades, President Vucic said.",
     ("SRB", "XKX")),
    ("Russia urges the United States to stop arming Ukraine, the Russian embassy said.",
     ("RUS", "USA")),
    ("Iran accused Israel of the attack, Tehran's envoy told reporters.", ("IRN", "ISR")),
])
def test_events_speech_act_told_by_its_own_side_is_made(extract, text, sides):
    made = [r for r in extract(text) if r.type in ("REQUEST", "ACCUSE")
            and (r.actor.country, r.recipient.country) == sides]
    assert made and all(r.modality == "asserted" for r in made)


def test_events_deed_told_by_another_side_stays_reported(extract):
    found = [r for r in extract("Russia shelled Kharkiv, Ukrainian officials said.")
             if r.type == "ASSAULT"]
    assert found and found[0].modality == "reported"


@pytest.mark.parametrize("text, type_, sides", [
    ('"We condemn the Russian attack on Odesa," the Greek foreign ministry said.', "ACCUSE",
     ("GRC", "RUS")),
    ('"We urge Israel to show restraint," the Jordanian king said.', "REQUEST", ("JOR", "ISR")),
    ('"We reject the American sanctions," Cuba\'s foreign minister told reporters.', "REJECT",
     ("CUB", "USA")),
])
def test_events_first_person_speech_act_is_its_sources(extract, text, type_, sides):
    assert sides in _pairs(extract(text, one_sided=False), type_)


@pytest.mark.parametrize("text, sides", [
    # the tagger reads these towns as people; the gazetteer places them
    ("Russian troops shelled Kherson on Monday.", ("RUS", "UKR")),
    ("Israeli jets bombed Khan Younis.", ("ISR", "PSE")),
    ("Russia struck Zaporizhzhia overnight.", ("RUS", "UKR")),
])
def test_events_town_taken_for_a_person_is_placed(extract, text, sides):
    assert sides in _pairs(extract(text, one_sided=False), "ASSAULT")


@pytest.mark.parametrize("text, flow", [
    # who is punished, thanked or praised "for" doing something did it
    ("The US blacklisted Chinese companies for supplying chips to Russia.", ("CHN", "RUS")),
    ("Canada imposed sanctions on Iranian officials for sending drones to Russia.",
     ("IRN", "RUS")),
    ("Washington praised Seoul for sending aid to Ukraine.", ("KOR", "UKR")),
    ("Three UAE-based firms were sanctioned for selling weapons to Russia.", ("ARE", "RUS")),
])
def test_events_who_is_punished_for_doing_did_it(extract, text, flow):
    assert flow in _pairs(extract(text), "AID")


def test_events_a_speech_act_told_in_anothers_clause_stays_reported(extract):
    text = "President Diaz-Canel has said that the U.S. is fomenting the protests."
    found = [r for r in extract(text) if r.type == "ACCUSE"]
    assert found and all(r.modality == "reported" for r in found)


@pytest.mark.parametrize("text, type_, sides", [
    # a threat "with" a harm threatens it; the harm stays a hypothetical of its own
    ("Washington threatened Beijing with new tariffs.", "THREATEN", ("USA", "CHN")),
    ("Russia threatened Moldova with an energy blockade.", "THREATEN", ("RUS", "MDA")),
    ("Turkey threatened Sweden with a veto.", "THREATEN", ("TUR", "SWE")),
    # "is set to" passes its subject down
    ("North Korea is set to deliver artillery rounds to Russia.", "AID", ("PRK", "RUS")),
    ("Turkey is set to supply Azerbaijan with more drones.", "AID", ("TUR", "AZE")),
    # the origin of goods counted by a figure
    ("India bought large quantities of Russian crude.", "AID", ("RUS", "IND")),
    ("Russia acquired thousands of North Korean shells.", "AID", ("PRK", "RUS")),
    ("China purchased millions of barrels of Iranian oil.", "AID", ("IRN", "CHN")),
])
def test_events_reviewed_constructions(extract, text, type_, sides):
    assert sides in _pairs(extract(text), type_)


@pytest.mark.parametrize("text, actor", [
    # an armed group's own fighters are the group, not unidentified forces of its country
    ("Hezbollah said its fighters fired rockets at an Israeli base.", "LBNREB"),
    ("The Houthis said their fighters attacked a US destroyer.", "YEMREB"),
    ("Hamas said its militants fired rockets at Tel Aviv.", "PSEREB"),
])
def test_events_an_armed_groups_own_fighters_are_the_group(extract, text, actor):
    assert actor in {r.actor.code for r in extract(text) if r.type == "ASSAULT" and r.actor}


@pytest.mark.parametrize("text, sides", [
    # a people named by its demonym protests as its protesters; protesters of no named
    # country protesting against a government are its people
    ("Kenyans protested against President Ruto.", ("KENOPP", "KEN")),
    ("Thousands of Georgians rallied against the government in Tbilisi.", ("GEOOPP", "GEO")),
    ("Tens of thousands of Serbians marched against President Vucic.", ("SRBOPP", "SRB")),
    ("Thousands of protesters rallied against President Ruto.", ("KENOPP", "KEN")),
])
def test_events_protesters_named_by_their_people(extract, text, sides):
    assert sides in {(r.actor.code, r.recipient.country) for r in extract(text)
                     if r.type == "PROTEST" and r.actor and r.recipient}


@pytest.mark.parametrize("text, type_", [
    ("China accused Western countries of interfering in its affairs.", "ACCUSE"),
    ("Russia warned Western nations against sending troops to Ukraine.", "THREATEN"),
    ("Iran condemned Western governments for the sanctions.", "ACCUSE"),
])
def test_events_western_countries_are_a_side(extract, text, type_):
    assert "WST" in {r.recipient.code for r in extract(text) if r.type == type_ and r.recipient}


@pytest.mark.parametrize("text, flow", [
    ("Washington handed Kyiv Abrams tanks.", ("USA", "UKR")),
    ("Japan loaned India $1.5 billion.", ("JPN", "IND")),
    ("Iran bankrolls Hezbollah.", ("IRN", "LBN")),
    ("Qatar financed Hamas.", ("QAT", "PSE")),
    ("Turkey equipped Azerbaijan with drones.", ("TUR", "AZE")),
])
def test_events_handing_lending_financing_equipping_supply(extract, text, flow):
    assert flow in _pairs(extract(text), "AID")


def test_events_a_handed_message_supplies_nothing(extract):
    assert not _pairs(extract("Kyiv handed Moscow a list of demands."), "AID")


@pytest.mark.parametrize("text, sides", [
    # a reprisal vowed is a threat against whom it would answer
    ("Iran vowed retaliation against Israel.", ("IRN", "ISR")),
    ("Pakistan vowed a strong response to any Indian aggression.", ("PAK", "IND")),
    ("Hamas vowed revenge on Israel.", ("PSE", "ISR")),
])
def test_events_a_vowed_reprisal_is_a_threat(extract, text, sides):
    records = extract(text)
    assert sides in _pairs(records, "THREATEN") and not _pairs(records, "AGREE")
