"""The event coder as a spaCy component (sinew_events) and the CAMEO verb dictionary in it."""

from __future__ import annotations

import pytest

from sinew.coder import EventCoder, coder_for
from sinew.errors import ConfigError
from sinew.patterns import argument_patterns
from sinew.schema import Document


def test_coder_component_sets_records_on_the_doc(nlp):
    coder = EventCoder(nlp)  # the session model has the parser and entities it needs
    doc = coder(nlp("North Korea shipped artillery shells to Russia."))
    assert [(r.type, r.actor.country, r.recipient.country) for r in doc._.sinew_records] == [
        ("AID", "PRK", "RUS")]


def test_coder_factory_is_registered(nlp):
    from spacy.language import Language

    assert "sinew_events" in Language.factories
    assert coder_for(nlp) is coder_for(nlp)  # one default coder per pipeline


@pytest.mark.parametrize("text, type_, actor, recipient", [
    # verbs events.yaml does not list, coded through the CAMEO dictionary
    ("Israel bombarded Hezbollah positions in Lebanon.", "ASSAULT", "ISR", "LBN"),
    ("Turkey pounded militant positions in Syria.", "ASSAULT", "TUR", "SYR"),
    ("Russia shot down a Ukrainian drone.", "ASSAULT", "RUS", "UKR"),
    ("Washington insisted that Iran stop enriching uranium.", "REQUEST", "USA", "IRN"),
    ("France praised Germany for its stance.", "SUPPORT", "FRA", "DEU"),
    ("China hosted Russian diplomats in Beijing.", "CONSULT", "CHN", "RUS"),
    # a place inside a state stands for the target of an attack
    ("Israeli jets struck targets across Lebanon.", "ASSAULT", "ISR", "LBN"),
    ("Russian forces raided villages in Ukraine.", "ASSAULT", "RUS", "UKR"),
])
def test_coder_dictionary_verbs(extract, text, type_, actor, recipient):
    found = {(r.type, r.actor.country if r.actor else None,
              r.recipient.country if r.recipient else None) for r in extract(text)}
    assert (type_, actor, recipient) in found


@pytest.mark.parametrize("text", [
    "Russia voted for the resolution.",
    "The Administration has worked to increase deterrence.",
    "Pyongyang seeks closer ties.",
])
def test_coder_dictionary_verbs_need_named_sides(extract, text):
    assert not [r for r in extract(text) if r.trigger not in ("vote",) and r.type == "AGREE"]
    assert all(r.actor is not None and r.actor.code for r in extract(text))


def test_coder_bad_pattern_file_fails_when_the_coder_is_made(tmp_path, nlp):
    (tmp_path / "patterns.yaml").write_text(
        "patterns:\n  broken:\n    description: x\n    slots: {}\n    pattern: []\n",
        encoding="utf-8")
    with pytest.raises(ConfigError, match="broken"):
        EventCoder(nlp, patterns=argument_patterns(str(tmp_path)))


@pytest.mark.parametrize("text, target", [
    ("Russia must stop the attacks immediately.", "RUS"),
    ("Iranian authorities must protect their people.", "IRN"),
    ("Tehran should release the detained journalists.", "IRN"),
    ("Russia needs to withdraw its forces.", "RUS"),
])
def test_coder_obligation_is_a_demand_on_the_subject(extract, text, target):
    found = [r for r in extract(text) if r.type == "REQUEST"]
    assert found and found[0].recipient.country == target and found[0].modality == "asserted"


@pytest.mark.parametrize("text", [
    "The UK said Russia must stop the attacks.",   # embedded: the UK's demand, not the text's
    "We must act now.",                           # the speaker obliges itself
    "The talks should deliver a transition.",     # no actor is told anything
])
def test_coder_obligation_needs_a_main_clause_actor(extract, text):
    assert not [r for r in extract(text) if r.type == "REQUEST" and r.actor is None]


@pytest.mark.parametrize("text, actor, target", [
    ("The UK condemns Russia's attacks on Kyiv.", "GBR", "RUS"),
    ("France denounced the Israeli airstrike on Beirut.", "FRA", "ISR"),
    ("Germany welcomed the agreement between Israel and Hamas.", "DEU", "ISR"),
])
def test_coder_a_reaction_targets_the_doer_of_the_event(extract, text, actor, target):
    reactions = [r for r in extract(text) if r.type in ("ACCUSE", "SUPPORT")]
    assert (actor, target) in {(r.actor.country, r.recipient.country) for r in reactions}


@pytest.mark.parametrize("text", [
    "Russia and North Korea signed a treaty.",
    "The signing of the treaty between Russia and North Korea alarmed Seoul.",
    "Talks between Russia and North Korea resumed.",
])
def test_coder_mutual_events_are_coded_both_ways(extract, text):
    pairs = {(r.actor.country, r.recipient.country) for r in extract(text)
             if r.type in ("AGREE", "CONSULT")}
    assert {("RUS", "PRK"), ("PRK", "RUS")} <= pairs


def test_coder_publisher_speaks_for_we(nlp):
    from sinew.schema import Document

    text = "We condemn Russia's attacks on Kyiv."
    document = Document(id="d", text=text, url="https://www.gov.uk/government/news/x")
    records = coder_for(nlp).code(nlp(text), document)
    assert ("GBR", "RUS") in {(r.actor.country, r.recipient.country) for r in records
                              if r.type == "ACCUSE"}


@pytest.mark.parametrize("title, code", [
    ("Russia's attacks must be stopped: UK statement to the OSCE", "GBR"),
    ("Statement from President Joe Biden on the humanitarian pause", "USA"),
    ("Iranian statement on the talks in Vienna", "IRN"),
    ("Remarks by Ambassador Jane Doe at a UN Security Council Briefing", None),  # unknown
    ("UK and US step up action against Iran", None),  # no statement named
    # an office of one state's government, no country named
    ("Foreign Secretary statement on Myanmar violence: 1 March 2021", "GBR"),
    ("Sanctions Announcement on Iran (Secretary of State statement)", "USA"),
    ("Third anniversary of the election in Belarus - Minister for Europe statement", "GBR"),
    ("French Foreign Minister statement on the talks", "FRA"),  # the country named wins
])
def test_coder_speaker_from_the_title(nlp, title, code):
    from sinew.schema import Document

    found = coder_for(nlp).speaker(Document(id="d", text="", title=title))
    assert (found.country if found is not None else None) == code


def test_coder_we_is_never_the_antecedent_of_it(nlp):
    from sinew.schema import Document

    text = ("We are monitoring what Russia provides in return for its provision of arms to "
            "Moscow.")
    document = Document(id="d", text=text, url="https://www.eeas.europa.eu/x")
    records = coder_for(nlp).code(nlp(text), document)
    assert not [r for r in records if r.type == "AID" and r.actor and r.actor.country == "EU"]


@pytest.mark.parametrize("text", [
    "Ukraine must receive more air defence.",
    "Kyiv should get the missiles soon.",
    "Israel must be given the batteries now.",
])
def test_coder_obligation_of_an_undergoer_is_no_demand(extract, text):
    assert not [r for r in extract(text) if r.type == "REQUEST" and r.recipient is not None]


def test_coder_offices_must_map_to_codes(tmp_path):
    from sinew.actors import office_table

    (tmp_path / "publishers.yaml").write_text("offices:\n  foreign secretary: [GBR]\n",
                                              encoding="utf-8")
    with pytest.raises(ConfigError, match="offices"):
        office_table(str(tmp_path))


def test_coder_askers_must_be_a_list_of_labels(tmp_path, nlp):
    """A malformed ``askers`` entry fails when the coder is made, naming the key."""
    (tmp_path / "publishers.yaml").write_text("askers: question\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="askers"):
        EventCoder(nlp, lexicon_dir=str(tmp_path))


@pytest.mark.parametrize("url", ["http://[x", "::::", "https://"])
def test_coder_malformed_url_names_no_publisher(nlp, url):
    from sinew.actors import actor_lexicon, publisher_of

    assert publisher_of(url, actor_lexicon()) is None


def test_coder_lexicon_dir_reaches_every_lexicon(tmp_path, nlp):
    (tmp_path / "verbs.yaml").write_text(
        "families:\n  ZORK:\n    code: '190'\n    verbs:\n      zork: {}\n", encoding="utf-8")
    (tmp_path / "publishers.yaml").write_text("publishers:\n  example.org: FRAGOV\n",
                                              encoding="utf-8")
    coder = EventCoder(nlp, lexicon_dir=str(tmp_path))
    assert "zork" in coder.verbs.lemmas
    from sinew.schema import Document

    speaker = coder.speaker(Document(id="d", text="", url="https://www.example.org/a"))
    assert speaker is not None and speaker.country == "FRA"


@pytest.mark.parametrize("body, expected", [
    ("synsets:\n  A: ['&B_X']\nfamilies: {}\n", "B"),
    ("families:\n  F:\n    code: '010'\n    verbs:\n      GO: {forms: ['a_+b_+c']}\n", "GO"),
])
def test_coder_malformed_verb_lexicon_is_a_config_error(tmp_path, nlp, body, expected):
    (tmp_path / "verbs.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=expected):
        EventCoder(nlp, lexicon_dir=str(tmp_path))


def test_coder_malformed_agents_file_is_a_config_error(tmp_path):
    from sinew.actors import actor_lexicon

    (tmp_path / "agents.yaml").write_text("words:\n  police: null\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="police"):
        actor_lexicon(str(tmp_path))


def test_coder_undefined_synset_in_a_petrarch_file_is_a_config_error(tmp_path):
    from sinew.cameo import read_petrarch_verbs

    path = tmp_path / "verbs.txt"
    path.write_text("&A\n+&B_X\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="verbs.txt"):
        read_petrarch_verbs(path)


@pytest.mark.parametrize("text, judge, target", [
    ("The United Kingdom is appalled by Russia's attacks on Kyiv.", "GBR", "RUS"),
    ("The United States is concerned about China's support for Russia.", "USA", "CHN"),
    ("France is outraged by Iran's detention of its citizens.", "FRA", "IRN"),
    ("Russia's attacks on civilians are unacceptable.", None, "RUS"),  # the text's voice
    # a judging noun said of the event
    ("The transfer of missiles by the DPRK is a clear violation of resolution 2270.", None,
     "PRK"),
    ("Russia's strikes on Kyiv are a flagrant breach of international law.", None, "RUS"),
    ("Iran's arms shipments to the Houthis are a violation of the embargo.", None, "IRN"),
    ("It is farcical that Russia would convene this meeting.", None, "RUS"),
    ("Russia's invasion of Ukraine was illegal.", None, "RUS"),
])
def test_coder_a_judgement_accuses_the_doer(extract, text, judge, target):
    found = {(r.actor.country if r.actor else None, r.recipient.country)
             for r in extract(text) if r.type == "ACCUSE"}
    assert (judge, target) in found


@pytest.mark.parametrize("text", [
    "The weather is appalling.",
    "The talks were concerned with trade.",
    "It is unacceptable.",
    "It is clear that Russia is losing.",
    "The weather is disturbing.",
    "The treaty is a violation of nothing.",
    "Parking here is illegal.",
])
def test_coder_a_judgement_of_no_doer_is_no_event(extract, text):
    assert not [r for r in extract(text) if r.type == "ACCUSE"]


@pytest.mark.parametrize("text, actor, target", [
    ("The United States calls on Russia to withdraw its forces.", "USA", "RUS"),
    ("Britain called upon Tehran to release the detainees.", "GBR", "IRN"),
    ("The G7 called on China to stop supplying Russia.", "G7", "CHN"),
    ("Washington pressed Beijing to stop the exports.", "USA", "CHN"),
])
def test_coder_a_call_on_someone_is_a_demand_and_frames_what_it_asks(extract, text, actor,
                                                                      target):
    records = extract(text)
    assert (actor, target) in {(r.actor.country, r.recipient.country)
                               for r in records if r.type == "REQUEST" and r.recipient}
    # what is asked for is not (yet) done, and it is the one called on who would do it
    asked = [r for r in records if r.type not in ("REQUEST",)]
    assert all(r.modality == "hypothetical" for r in asked)
    assert all(r.actor is None or r.actor.country == target for r in asked)


@pytest.mark.parametrize("text, actor, target", [
    ("The UK announced new sanctions against Russia.", "GBR", "RUS"),
    ("The EU unveiled sanctions on Iranian officials.", "EU", "IRN"),
    ("The State Department designated five al-Shabaab leaders as terrorists.", "USA", "SOM"),
    ("The Treasury imposed sanctions on two individuals in the Democratic Republic of Congo.",
     "USA", "COD"),
])
def test_coder_sanctions_announced_designated_or_placed(extract, text, actor, target):
    found = {(r.actor.country if r.actor else None, r.recipient.country if r.recipient else None)
             for r in extract(text) if r.type == "SANCTION"}
    assert (actor, target) in found
    assert not [r for r in extract(text) if r.type == "COERCE"]  # one event, the sanction


@pytest.mark.parametrize("text, type_, actor, target", [
    ("The UK stands firmly with the Afghan government against terrorism.", "SUPPORT", "GBR",
     "AFG"),
    ("Belarus sided with Russia at the vote.", "SUPPORT", "BLR", "RUS"),
    ("The United States is working closely with Israel to secure the release.", "COOPERATE",
     "USA", "ISR"),
    ("Russia conducted military exercises near the border.", "MOBILIZE", "RUS", None),
    ("China held large drills around Taiwan.", "MOBILIZE", "CHN", None),
])
def test_coder_standing_with_working_with_and_exercises(extract, text, type_, actor, target):
    found = {(r.actor.country if r.actor else None, r.recipient.country if r.recipient else None)
             for r in extract(text) if r.type == type_}
    assert (actor, target) in found


@pytest.mark.parametrize("text, code", [
    ("Ukraine's military intelligence said Russia received 1.5 million shells.", "UKR"),
    ("Russian military intelligence said Ukraine received tanks.", "RUS"),
    ("Israel's Military Intelligence said Hezbollah received rockets.", "ISR"),
])
def test_coder_a_body_named_with_its_country_is_that_country(extract, text, code):
    attributions = {r.attribution.code for r in extract(text) if r.attribution}
    assert attributions == {code}


@pytest.mark.parametrize("text, judge, targets", [
    ("The UK welcomes the tireless efforts of Qatar, Egypt and the United States.", "GBR",
     {"QAT", "EGY", "USA"}),
    ("Britain welcomed the decision of Saudi Arabia and the UAE.", "GBR", {"SAU", "ARE"}),
    ("France praised the courage of Ukraine and Moldova.", "FRA", {"UKR", "MDA"}),
])
def test_coder_coordinated_owners_each_receive(extract, text, judge, targets):
    found = {r.recipient.country for r in extract(text)
             if r.type == "SUPPORT" and r.actor.country == judge and r.recipient}
    assert found == targets


@pytest.mark.parametrize("body, expected", [
    ("verbs:\n  zap: {type: ATTACK}\n", r"events.yaml \(verbs\): entry 'zap': type: .*'ATTACK' is "
                                         r"not a PLOVER event type"),
    ("verbs:\n  zap: {type: ASSAULT, rol: act}\n", r"entry 'zap': rol: Extra inputs"),
    ("verbs:\n  zap: {type: ASSAULT, role: hit}\n", r"entry 'zap': role: "),
    ("nouns:\n  blitz: {type: ASSAULT, senses: {general: {type: PROTST}}}\n",
     r"events.yaml \(nouns\): entry 'blitz': senses.general.type"),
])
def test_coder_malformed_event_rule_is_a_config_error(tmp_path, nlp, body, expected):
    (tmp_path / "events.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=expected):
        EventCoder(nlp, lexicon_dir=str(tmp_path))


def test_coder_user_event_rule_is_read(tmp_path, nlp):
    (tmp_path / "events.yaml").write_text("verbs:\n  zap: {type: ASSAULT, mode: aerial}\n",
                                          encoding="utf-8")
    coder = EventCoder(nlp, lexicon_dir=str(tmp_path))
    records = coder(nlp("Russia zapped Kyiv on Tuesday."))._.sinew_records
    assert [(r.type, r.actor.country, r.recipient.country) for r in records] == [
        ("ASSAULT", "RUS", "UKR")]


def _voiced(nlp, text, url="https://www.gov.uk/government/news/x"):
    """Who speaks: every reading, also of events whose other side is unsaid."""
    from sinew.schema import Document

    document = Document(id="d", text=text, url=url)
    return {(r.type, r.actor.country if r.actor else None,
             r.recipient.country if r.recipient else None)
            for r in coder_for(nlp).code(nlp(text), document, one_sided=True)}


@pytest.mark.parametrize("text, expected", [
    ("Russia's depraved treatment of political prisoners must end.", ("REQUEST", "RUS")),
    ("Let me condemn the DPRK's launch of a ballistic missile.", ("ACCUSE", "PRK")),
    ("Iran must stop arming the Houthis immediately.", ("REQUEST", "IRN")),
])
def test_coder_doerless_statement_is_the_voice_of_the_text(nlp, text, expected):
    """A demand or condemnation that names no doer is the text's own: the publisher's."""
    type_, target = expected
    assert (type_, "GBR", target) in _voiced(nlp, text)


@pytest.mark.parametrize("text, type_", [
    ("Moscow said that Russia's treatment of prisoners must end.", "REQUEST"),  # cited
    ("The group condemned the DPRK's missile launch.", "ACCUSE"),  # a doer, unresolved
])
def test_coder_voice_does_not_replace_a_named_or_cited_doer(nlp, text, type_):
    assert not any(t == type_ and actor == "GBR" for t, actor, _ in _voiced(nlp, text))


def test_coder_leaves_no_index_on_the_doc(nlp):
    """The indexes the coder keeps on a document while reading it (sentences, entities,
    word forms) are not data: none is left on the Doc."""
    doc = nlp("Iran shipped missiles to Russia. Russia launched drones at Kyiv.")
    coder_for(nlp).code(doc, Document(id="d", text=doc.text))
    assert not [key for key in doc.user_data if str(key).startswith("sinew_")]


@pytest.mark.parametrize("text, expected", [
    ("\"We condemn the sanctions imposed on Iran,\" Iran's foreign minister said.",
     ("ACCUSE", "IRN")),
    ("Iran's foreign minister said: \"We reject the demands of the United States.\"",
     ("REJECT", "IRN")),
    ("\"We reject this ultimatum,\" a Russian spokesman said.", ("REJECT", "RUS")),
    ("\"We strongly condemn the strike,\" China's foreign ministry said.", ("ACCUSE", "CHN")),
])
def test_coder_we_in_a_quoted_source_is_the_source(nlp, text, expected):
    """'"We condemn ...," Iran's foreign minister said': Iran speaks, not the publisher."""
    found = {(t, actor) for t, actor, _ in _voiced(nlp, text)}
    assert expected in found and (expected[0], "GBR") not in found


_TRANSCRIPT = """SECRETARY BLINKEN: Thank you, Dmytro. We condemn Russia's attacks on Ukraine's grid.

FOREIGN MINISTER KULEBA: We condemn Russia's strikes on Kharkiv.

QUESTION: Will you condemn Iran's transfers of drones to Russia?

MR. SPOKESMAN: We condemn Iran's transfers of drones to Russia."""


@pytest.mark.parametrize("url, expected", [
    # each turn speaks for the office holder its label names; a question speaks for no state;
    # an unknown label keeps the document's voice (the publisher)
    ("https://www.state.gov/x", [("ACCUSE", "USA", "RUS"), ("ACCUSE", "UKR", "RUS"),
                                 ("ACCUSE", "USA", "IRN")]),
    (None, [("ACCUSE", "USA", "RUS"), ("ACCUSE", "UKR", "RUS")]),
])
def test_coder_transcript_turns_speak_for_their_speakers(nlp, url, expected):
    document = Document(id="d", text=_TRANSCRIPT, url=url, date="2024-05-15")
    found = [(r.type, r.actor.country, r.recipient.country)
             for r in coder_for(nlp).code(nlp(_TRANSCRIPT), document)
             if r.type == "ACCUSE" and r.actor and r.recipient]
    assert found == expected


def test_coder_a_text_without_turns_keeps_one_voice(nlp):
    """Labels that name no one the lexicon knows ("NOTE:", "WASHINGTON:"), a heading with a
    possessive ("PUTIN'S WAR:"), a one-letter label and a label with lower case are no
    speakers: the document's voice stays."""
    text = ("PUTIN'S WAR: We condemn Russia's attacks on Kyiv.\n"
            "NOTE: We condemn Iran's transfers of drones to Russia.\n"
            "WASHINGTON: We condemn North Korea's shipments of shells to Russia.\n"
            "A: We condemn Russia's strikes on Odesa.\n"
            "Update 2: We condemn Russia's strikes on Kharkiv.")
    document = Document(id="d", text=text, url="https://www.gov.uk/x")
    found = [(r.actor.country, r.recipient.country) for r in
             coder_for(nlp).code(nlp(text), document) if r.type == "ACCUSE" and r.actor]
    assert len(found) >= 4 and {actor for actor, _ in found} == {"GBR"}


@pytest.mark.parametrize("label", ["Q", "QUESTION (via interpreter)"])
def test_coder_a_question_speaks_for_no_state(nlp, label):
    text = (f"SECRETARY BLINKEN: Thank you.\n{label}: Mr. Secretary, we condemn Iran's "
            f"transfers of drones to Russia. Do you agree?")
    document = Document(id="d", text=text, url="https://www.state.gov/x", date="2024-05-15")
    assert not [r for r in coder_for(nlp).code(nlp(text), document) if r.type == "ACCUSE"]


def test_coder_a_label_in_any_alphabet_is_a_turn(nlp):
    text = "SECRETARY BLINKEN: Thank you.\nPRESIDENT ERDOĞAN: We condemn Israel's strikes on Gaza."
    document = Document(id="d", text=text, url="https://www.state.gov/x", date="2024-05-15")
    assert {(r.actor.country, r.recipient.country) for r in
            coder_for(nlp).code(nlp(text), document) if r.type == "ACCUSE"} == {("TUR", "ISR")}


@pytest.mark.parametrize("title, day, code", [
    ("Remarks by Ambassador Linda Thomas-Greenfield at a UN Security Council Briefing on Ukraine",
     "2023-02-24", "USA"),
    ("Remarks by Ambassador Robert Wood at a UN Security Council Briefing", "2024-06-14", "USA"),
    ("Statement by Ambassador Vassily Nebenzia at the Security Council", "2022-03-01", "RUS"),
    ("Remarks by Ambassador Nikki Haley at a UN Security Council Briefing", "2018-06-01", "USA"),
])
def test_coder_un_ambassadors_speak_for_their_state(nlp, title, day, code):
    """Ambassadors to the UN are office holders by date (leaders.yaml): their remarks speak
    for their state."""
    found = coder_for(nlp).speaker(Document(id="d", text="", title=title, date=day))
    assert (found.country if found is not None else None) == code
