"""Modality on wording the lexicon lists by construction, not by sentence: stops, future frames,
possibility modals, legal caps and unmet pledges, each on differently worded sentences."""

from __future__ import annotations

import pytest

from sinew.errors import ConfigError
from sinew.modality import modality_of, modality_rules, undone_stop


def _flow(records, recipient=None):
    """The AID record (to ``recipient`` when given) of a one-flow text."""
    found = [r for r in records if r.type == "AID"
             and (recipient is None or (r.recipient and r.recipient.country) == recipient)]
    assert found, [(r.type, r.actor, r.recipient, r.modality) for r in records]
    return found[0]


STOPS = [
    ("Berlin blocked the delivery of tanks to Kyiv.", "UKR"),
    ("Seoul suspended shipments of shells to Ukraine.", "UKR"),
    ("Washington halted the transfer of missiles to Ukraine.", "UKR"),
    ("Hungary vetoed the sale of missiles to Ukraine.", "UKR"),
    ("The deal to sell jets to Ankara was cancelled.", "TUR"),
    ("The contract to supply tanks to Poland was scrapped.", "POL"),
    ("The suspension of ammunition shipments to Ukraine angered Kyiv.", "UKR"),
    ("Kyiv denied reports that it had received shells from North Korea.", "UKR"),
    ("Moscow dismissed reports that it had bought drones from Iran.", "RUS"),
    ("Turkey rejected a request to supply drones to Russia.", "RUS"),
    ("Germany refused to send Taurus missiles to Ukraine.", "UKR"),
]


@pytest.mark.parametrize("text, recipient", STOPS)
def test_modality_stopped_delivery_is_negated(extract, text, recipient):
    assert _flow(extract(text), recipient).modality == "negated"


@pytest.mark.parametrize("text", [
    "We urge North Korea to cease its arms supply to Russia.",  # a stop asked for, not done
    "Ukraine urged Seoul to halt arms sales to Poland.",
    "Seoul suspended talks after North Korea sent troops to Russia.",  # not the object
])
def test_modality_stop_not_done_leaves_the_flow(extract, text):
    assert _flow(extract(text)).modality == "asserted"


def test_modality_undone_stop_is_named(nlp):
    rules = modality_rules()
    doc = nlp("Berlin did not halt the delivery. Berlin halted the delivery.")
    undone, done = (t for t in doc if t.lower_ == "delivery")
    assert undone_stop(undone, rules) and not undone_stop(done, rules)


@pytest.mark.parametrize("text", [
    "Berlin did not halt the delivery of tanks to Kyiv.",
    "Germany did not block the delivery of tanks to Ukraine.",
    "Iran failed to prevent the transfer of missiles to Russia.",
])
def test_modality_undone_stop_leaves_the_object(extract, text):
    assert _flow(extract(text)).modality == "asserted"


FUTURE = [
    "North Korea is willing to send more troops to Russia.",
    "Iran is ready to supply ballistic missiles to Russia.",
    "North Korea is set to send troops to Russia.",
    "Germany is scheduled to deliver tanks to Ukraine in March.",
    "The delivery of tanks to Ukraine is scheduled for March.",
    "Preparations to ship missiles to Russia are under way.",
    "North Korea is making preparations to send troops to Russia.",
    "Germany is on track to deliver 100 tanks to Ukraine.",
    "Tehran is due to deliver 200 drones to Moscow next month.",
    "Iran is about to ship more drones to Russia.",
]


@pytest.mark.parametrize("text", FUTURE)
def test_modality_future_frames(extract, text):
    assert _flow(extract(text)).modality == "future"


@pytest.mark.parametrize("text", [
    "North Korea to send troops to Russia\nPyongyang has been a close ally of Moscow.",
    "Germany to deliver more Leopard tanks to Ukraine\nThe decision came on Tuesday.",
    "North Korean troops to be deployed to Russia",
    "Japan poised to send air defence systems to Ukraine",
])
def test_modality_headline_infinitive_is_future(extract, text):
    assert _flow(extract(text)).modality == "future"


@pytest.mark.parametrize("text, modality", [
    ("Russia may send more troops to Ukraine.", "hypothetical"),
    ("Russia may soon receive more shells from North Korea.", "hypothetical"),
    ("Iran might supply missiles to Russia next year.", "hypothetical"),
    ("China could ship drones to Russia.", "hypothetical"),
    ("Russia may have received drones from Iran.", "assessed"),
    ("North Korea might have shipped missiles to Russia.", "assessed"),
    ("China could have supplied drones to Russia last year.", "assessed"),
    ("Iran may be supplying missiles to Russia.", "assessed"),
])
def test_modality_possibility_future_or_past(extract, text, modality):
    """PLOVER's hypothetical is what may yet happen ("may send"); a possibility about the past
    or present ("may have sent", "may be supplying") is an assessment of a fact."""
    assert _flow(extract(text)).modality == modality


@pytest.mark.parametrize("text", [
    "North Korea may import no more than 500,000 barrels of refined petroleum from Russia a year.",
    "North Korea is allowed to export up to 4 million barrels of crude oil to China.",
    "Iran is permitted to buy no more than 100 tanks from Russia.",
    "The resolution allows North Korea to import up to 500,000 barrels of refined petroleum "
    "from Russia.",
    "The cap limits North Korea's imports of refined petroleum to 500,000 barrels a year.",
    "The UN caps North Korea's imports of refined petroleum at 500,000 barrels a year.",
])
def test_modality_caps_and_permissions_are_hypothetical(extract, text):
    assert _flow(extract(text)).modality == "hypothetical"


def test_modality_what_a_flow_allowed_stays_a_fact(extract):
    records = extract("The shipments allowed Russia to send more troops to Ukraine.")
    assert _flow(records, "UKR").modality == "asserted"


@pytest.mark.parametrize("text", [
    "North Korea will not meet its pledge to deliver 1 million shells to Russia.",
    "North Korea has not kept its promise to send 1 million shells to Russia.",
    "Iran failed to meet its pledge to deliver drones to Russia.",
    "Germany failed to deliver the promised tanks to Ukraine.",
    "The EU fell short of its promise to send 1 million shells to Ukraine.",
    "Paris fell short of its commitment to deliver 100 howitzers to Kyiv.",
    "Berlin broke its promise to supply tanks to Kyiv.",
    "Iran missed its goal of shipping 500 drones to Russia.",
    "Seoul abandoned plans to sell howitzers to Poland.",
])
def test_modality_unmet_pledge_is_negated(extract, text):
    assert _flow(extract(text)).modality == "negated"


@pytest.mark.parametrize("entry", [
    "objects:\n  block: maybe\n",
    "infinitive_frames:\n  ready: soon\n",
    "nouns: [pledge]\n",
    "presupposing: {end: asserted}\n",
    "presupposing: [end, 3]\n",
])
def test_modality_bad_lexicon_entry_is_a_config_error(tmp_path, entry):
    (tmp_path / "modality.yaml").write_text(entry, encoding="utf-8")
    with pytest.raises(ConfigError, match="modality.yaml"):
        modality_rules(str(tmp_path))


@pytest.mark.parametrize("text, type_, modality", [
    ("Iran's refusal to cooperate with the IAEA worries Europe.", "COOPERATE", "negated"),
    ("Russia's failure to withdraw its troops from Moldova is a concern.", "RETREAT", "negated"),
    ("Germany's reluctance to send Taurus missiles to Ukraine frustrates Kyiv.", "AID", "negated"),
    ("China's willingness to supply Russia with drones is growing.", "AID", "future"),
    ("The Kremlin's plan to deploy troops to Belarus was announced.", "AID", "future"),
    ("Belarus's readiness to send troops to Russia alarms Lithuania.", "AID", "future"),
])
def test_modality_nouns_of_intent_frame_their_infinitive(extract, text, type_, modality):
    """A noun of intent or of its absence frames the infinitive after it as its adjective or
    verb does ("refused to" / "the refusal to", "ready to" / "readiness to")."""
    found = [r.modality for r in extract(text) if r.type == type_]
    assert found and set(found) == {modality}, found


@pytest.mark.parametrize("text", [
    "Israel vowed to retaliate against Iran.",
    "Hezbollah vowed to retaliate against Israel.",
    "Russia promised to attack Kyiv.",
    "Iran swore to strike Israel.",
])
def test_modality_what_is_vowed_is_future(extract, text):
    found = [r.modality for r in extract(text) if r.type == "ASSAULT"]
    assert found and set(found) == {"future"}, found


@pytest.mark.parametrize("text, type_", [
    ("Israel agreed to withdraw its troops from southern Lebanon.", "RETREAT"),
    ("Russia agreed to release 20 Ukrainian prisoners.", "RETREAT"),
    ("Armenia agreed to return four villages to Azerbaijan.", "RETREAT"),
    ("China offered to host talks between Russia and Ukraine.", "CONSULT"),
])
def test_modality_what_is_agreed_or_offered_is_future(extract, text, type_):
    """The agreement or the offer is the event (AGREE, asserted); what is agreed or offered
    to be done is not done yet."""
    records = extract(text)
    assert {r.modality for r in records if r.type == "AGREE"} == {"asserted"}
    found = [r.modality for r in records if r.type == type_]
    assert found and set(found) == {"future"}, found


@pytest.mark.parametrize("text", [
    "The army and the rebels agreed to implement a nationwide ceasefire.",
    "Israel and Hamas agreed to observe a truce.",
])
def test_modality_a_ceasefire_agreed_through_a_light_verb_is_declared(extract, text):
    """Agreeing to implement a ceasefire declares it (PLOVER CONCEDE), as agreeing to a
    ceasefire does."""
    found = [r.modality for r in extract(text) if r.type == "CONCEDE"]
    assert found and set(found) == {"asserted"}, found


@pytest.mark.parametrize("text, asked", [
    ("Britain demanded that China release Jimmy Lai.", "CHN"),
    ("The EU demanded that Belarus release all political prisoners.", "BLR"),
    ("Ukraine demanded that Russia withdraw its troops from Zaporizhzhia.", "RUS"),
])
def test_modality_what_is_demanded_is_no_deed(extract, text, asked):
    """A demand is the event (REQUEST to whoever must act); what it demands is not done."""
    records = extract(text)
    assert asked in {r.recipient.country for r in records if r.type == "REQUEST"}
    assert not [r for r in records if r.type != "REQUEST" and r.modality == "asserted"]


@pytest.mark.parametrize("text, type_", [
    ("Blinken is to visit Beijing.", "CONSULT"),
    ("Russia and Belarus are to hold joint exercises in the Baltic.", "COOPERATE"),
])
def test_modality_is_to_is_future(extract, text, type_):
    found = [r.modality for r in extract(text) if r.type == type_]
    assert found and set(found) == {"future"}, found


@pytest.mark.parametrize("text, modality, source", [
    ("Iran's transfer of drones to Russia violates UN resolutions, Washington said.",
     "reported", "USA"),
    ("North Korea's supply of shells to Russia is growing, according to Seoul.",
     "reported", "KOR"),
    ("Israeli strikes hit Rafah overnight, medics said.", "reported", None),
    ("Iran denied that its shipments of drones to Russia had continued.", "negated", None),
])
def test_modality_an_event_noun_as_subject_is_told_with_its_clause(extract, text, modality,
                                                                    source):
    records = [r for r in extract(text) if r.type in ("AID", "ASSAULT")]
    assert records and {r.modality for r in records} == {modality}
    if source is not None:
        assert {r.attribution.code for r in records if r.attribution} == {source}


def test_modality_what_is_blamed_on_someone_is_alleged(extract):
    records = [r for r in extract("The drone strike on Kyiv was blamed on Russia.")
               if r.type == "ASSAULT"]
    assert records and {r.modality for r in records} == {"alleged"}


@pytest.mark.parametrize("text, trigger, modality", [
    ("Poland signed a deal to buy Apache helicopters from the United States.", "buy", "future"),
    ("Vietnam signed an agreement to purchase rice from Cambodia.", "purchase", "future"),
    ("Algeria and Italy struck a deal to increase gas supplies to Italy.", "supply", "future"),
    ("A threat by Hezbollah to strike Haifa alarmed Israel.", "strike", "hypothetical"),
    ("North Korea's threat to attack South Korea drew condemnation from Japan.", "attack",
     "hypothetical"),
])
def test_modality_what_a_deal_or_threat_is_made_to_do_is_not_done(extract, text, trigger,
                                                                  modality):
    """A deal made to buy or supply goods delivers nothing yet; a threat to attack attacks
    no one: the infinitive a deal or threat noun governs is framed by it."""
    found = [r.modality for r in extract(text) if r.trigger == trigger]
    assert found and set(found) == {modality}, found


def _event(records, type_):
    found = [r for r in records if r.type == type_]
    assert found, [(r.type, r.actor, r.recipient, r.modality) for r in records]
    return found[0]


@pytest.mark.parametrize("text, type_", [
    # what is asked to end, condemned, faced or escalated happened, whatever the frame's mood
    ("Over 140 countries have called on Russia to end its war against Ukraine.", "ASSAULT"),
    ("Washington urged Moscow to end its shelling of Ukrainian cities.", "ASSAULT"),
    ("We must gather today to condemn Russia's latest wave of attacks on Ukrainians.",
     "ASSAULT"),
    ("The council called for an end to Russia's attacks on Ukrainian ports.", "ASSAULT"),
    ("Russia must honour the truce by ending its attacks on Syrian civilians.", "ASSAULT"),
    ("Israel will continue to face rocket attacks from Hamas.", "ASSAULT"),
    ("The EU must continue to condemn Iran's transfers of drones to Russia.", "AID"),
    ("Moscow refused to halt its attacks on Ukrainian ports.", "ASSAULT"),
])
def test_modality_presupposed_event_noun_is_asserted(extract, text, type_):
    assert _event(extract(text), type_).modality == "asserted"


@pytest.mark.parametrize("text, type_, modality", [
    # a reporting frame above the presupposing verb still tells it
    ("Kyiv said Russia had reportedly stepped up its strikes on Kharkiv.", "ASSAULT", "reported"),
    ("Seoul said North Korea would continue its shipments of shells to Russia.", "AID",
     "reported"),
    # an event a verb tells, not a noun, keeps the frame: the continuing is still to come
    ("Russia will continue to send shells to Syria.", "AID", "future"),
    ("North Korea may continue to ship shells to Russia.", "AID", "hypothetical"),
])
def test_modality_presupposition_keeps_reporting_and_verbal_frames(extract, text, type_,
                                                                   modality):
    assert _event(extract(text), type_).modality == modality


@pytest.mark.parametrize("text, noun, modality", [
    # a presupposing verb over a complement clause, not an object, presupposes nothing
    ("We continue to call for the withdrawal of Russian troops.", "withdrawal", "hypothetical"),
    ("They keep on urging the delivery of jets.", "delivery", "hypothetical"),
    ("The council called for an end to the shelling.", "shelling", "asserted"),
    ("The council called for the shelling to be investigated.", "shelling", "hypothetical"),
])
def test_modality_presupposition_is_of_the_object(nlp, text, noun, modality):
    class _NoMentions:
        def resolve(self, token):
            return None

    trigger = next(t for t in nlp(text) if t.lower_ == noun)
    assert modality_of(trigger, _NoMentions(), modality_rules())[0] == modality


@pytest.mark.parametrize("text", [
    "Venezuela no longer ships oil to Cuba.",
    "Germany no longer supplies arms to Saudi Arabia.",
    "Iran no longer sends fuel to Lebanon.",
])
def test_modality_no_longer_is_negated(extract, text):
    assert _flow(extract(text)).modality == "negated"


@pytest.mark.parametrize("text, modality", [
    ("South Korea is unlikely to send weapons to Ukraine.", "hypothetical"),
    ("Iran is unlikely to supply missiles to Russia.", "hypothetical"),
    ("Germany is poised to deliver more tanks to Ukraine.", "future"),
    ("Japan has no plans to send troops to Ukraine.", "negated"),
])
def test_modality_judged_and_planned_infinitives(extract, text, modality):
    flow = _flow(extract(text))
    assert flow.modality == modality and flow.actor is not None  # the subject passes down
