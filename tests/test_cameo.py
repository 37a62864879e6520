"""sinew.cameo: the CAMEO -> PLOVER table, the PETRARCH verb-dictionary reader and the matcher."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sinew.cameo import (PloverCode, VerbDictionary, read_cameo2plover, read_petrarch_verbs,
                         to_plover)
from sinew.errors import ConfigError
from sinew.schema import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"
PETRARCH = REFERENCE / "petrarch2"


def _reference(name: str) -> Path:
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


def _dictionary(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "verbs.txt"
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- to_plover

@pytest.mark.parametrize("code, expected", [
    ("190", PloverCode("ASSAULT", None, "military")),
    ("0874", PloverCode("RETREAT", "disarm", "military")),
    ("1717", PloverCode("COERCE", "seize", "human_security")),  # falls back to 171
    ("064", PloverCode("COOPERATE", None, "intelligence")),
    ("163", PloverCode("COERCE", "restrict", "diplomatic")),  # listed under 16 yet COERCE
    ("1712", PloverCode("ASSAULT", "seize", "human_security")),
    ("1121", PloverCode("ACCUSE", "allege", "crime; corruption")),
    ("08", PloverCode("CONCEDE")),  # "08" heads CONCEDE and RETREAT: the first line is kept
])
def test_cameo_to_plover_maps_codes_and_prefixes(code, expected):
    assert to_plover(code) == expected


@pytest.mark.parametrize("code", ["---", "000", "010", "0214", "020", "", None, "+++", "def"])
def test_cameo_to_plover_none_for_null_and_unmapped_codes(code):
    assert to_plover(code) is None


def test_cameo_read_cameo2plover_source_table():
    table = read_cameo2plover(_reference("plover/CAMEO2PLOVER-2021.txt"))
    assert table["042"] == PloverCode("CONSULT", "visit", None)
    assert {p.type for p in table.values()} == set(EVENT_TYPES)


def test_cameo_read_cameo2plover_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "c2p.txt"
    path.write_text("03: AGREE\n030: AGRE, , diplomatic\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"c2p.txt line 2"):
        read_cameo2plover(path)


# --------------------------------------------------------------------------- reader

SNIPPET = """\
# comment line
&TIES_
+RELATIONS
+DIPLOMATIC_TIES

&WIDER  # nested synsets are expanded
+&TIES
+CONTACTS

--- SEND   [---]  ---
SEND {SENDS SENDING SENT}  # irregular forms
DISPATCH [070]
+PULL_OUT {+PULLED_OUT}
WIRE_+TAP
- * {HUMANITARIAN AID}        [073]   # SEND
- * &WIDER (WITH +)           [036:036]
- $ * (TO +)                  [070]
- * (OF TALKS)                [164]
- * MESSAGE                   [:110]
- * &UNDEFINED                [999]
- * (OF TALKS)                [164]
~ a (a b Q) SAY = a b Q
"""


def test_cameo_reader_reads_synsets_families_verbs_and_patterns(tmp_path):
    lexicon, dropped = read_petrarch_verbs(_dictionary(tmp_path, SNIPPET))
    assert lexicon["synsets"] == {"TIES_": ["RELATIONS", "DIPLOMATIC_TIES"],
                                  "WIDER": ["&TIES", "CONTACTS"]}
    family = lexicon["families"]["SEND"]
    assert family["code"] == "---"
    assert family["verbs"] == {"send": {"forms": ["sending", "sends", "sent"]},
                               "dispatch": {"code": "070"},
                               "+pull_out": {"forms": ["+pulled_out"]}, "wire_+tap": {}}
    assert family["patterns"] == ["* {HUMANITARIAN AID} [073] # send",
                                  "* &WIDER (WITH +) [036:036]",
                                  "$ * (TO +) [070]", "* (OF TALKS) [164]", "* MESSAGE [:110]"]
    assert dropped == {"uses a synset not defined before it": 1,
                       "duplicate pattern in its family": 1,
                       "transformation (verb-verb rewrite, not supported)": 1}


@pytest.mark.parametrize("line, problem", [
    ("- * (TO {BANNED PARTIES} $ [1722]", "unbalanced brackets"),
    ("- * AID", "a pattern reads"),
    ("- * AID * MONEY [070]", "more than one"),
    ("SEND {SENT [070]", "a verb line reads"),
    ("+PULL_+OUT", "marks one word"),
])
def test_cameo_reader_malformed_line_is_config_error_naming_file_and_line(tmp_path, line,
                                                                           problem):
    path = _dictionary(tmp_path, f"--- SEND [---] ---\nSEND\n{line}\n")
    with pytest.raises(ConfigError, match=rf"verbs.txt line 3: .*{problem}"):
        read_petrarch_verbs(path)


def test_cameo_reader_lenient_drops_malformed_patterns(tmp_path):
    path = _dictionary(tmp_path, "--- SEND [---] ---\nSEND\n- * (TO X [070]\n- * AID [070]\n")
    lexicon, dropped = read_petrarch_verbs(path, strict=False)
    assert lexicon["families"]["SEND"]["patterns"] == ["* AID [070]"]
    assert list(dropped) == ["malformed pattern (line 3): unbalanced brackets in '* (TO X'"]


@pytest.mark.parametrize("text", [
    "SEND\n",  # a verb before any family
    "&SET\nSEND\n",  # a synset member without '+'
    "--- SEND ---\n",  # a family without a code
])
def test_cameo_reader_rejects_misplaced_lines(tmp_path, text):
    with pytest.raises(ConfigError, match="verbs.txt line"):
        read_petrarch_verbs(_dictionary(tmp_path, text))


def test_cameo_reader_keeps_codes_with_hashes_and_tabari_comments(tmp_path):
    text = "--- CUT [190] ---\nCUT {CUTS};shan 7/1/93\n- * DIPLXMATIC  [###]  # note\n"
    lexicon, _ = read_petrarch_verbs(_dictionary(tmp_path, text))
    assert lexicon["families"]["CUT"] == {"code": "190", "verbs": {"cut": {"forms": ["cuts"]}},
                                          "patterns": ["* DIPLXMATIC [###]"]}


def test_cameo_dictionary_bad_lexicon_entry_is_config_error():
    lexicon = {"synsets": {}, "families": {"SEND": {"code": "---", "verbs": {"send": {}},
                                                    "patterns": ["* AID"]}}}
    with pytest.raises(ConfigError, match=r"my.yaml: entry 'SEND'"):
        VerbDictionary(lexicon, "my.yaml")


def test_cameo_validate_verbs_file_loads():
    dictionary = VerbDictionary.from_petrarch(_reference("petrarch2/PETR.Validate.verbs.txt"),
                                              strict=True)
    assert {"abandon", "break", "lash"} <= dictionary.lemmas
    assert len(dictionary.families) > 200


# --------------------------------------------------------------------------- shipped data

def test_cameo_shipped_files_equal_the_script_output():
    _reference("petrarch2/CAMEO.2.0.txt")
    spec = importlib.util.spec_from_file_location("convert", ROOT / "scripts" /
                                                  "convert_cameo_verbs.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    verbs, _ = script.render_verbs(PETRARCH / "CAMEO.2.0.txt")
    plover = script.render_plover(REFERENCE / "plover" / "CAMEO2PLOVER-2021.txt")
    data = ROOT / "src" / "sinew" / "data"
    assert (data / "verbs.yaml").read_text(encoding="utf-8") == verbs
    assert (data / "cameo2plover.yaml").read_text(encoding="utf-8") == plover


def test_cameo_shipped_dictionary_loads_every_family():
    # speed is measured by bench/, never asserted in a test (the machines are noisy)
    dictionary = VerbDictionary.shipped()
    assert len(dictionary.lemmas) > 2000 and len(dictionary.families) > 390
    assert "," not in dictionary.lemmas  # "{A , B}" lists forms, the comma is none of them


# --------------------------------------------------------------------------- matching

@pytest.fixture(scope="module")
def verbs():
    return VerbDictionary.shipped()


def _match(nlp, verbs, sentence, verb):
    doc = nlp(sentence)
    token = next(t for t in doc if t.lower_ == verb)
    return verbs.match(token)


# One construction per PLOVER type, each on three differently worded sentences.
CONSTRUCTIONS = [
    ("ASSAULT", "bombed", [
        "Israeli jets bombed Hezbollah positions in southern Lebanon.",
        "Russian aircraft bombed the city overnight.",
        "The coalition bombed an arms depot near Sanaa on Monday."]),
    ("ACCUSE", "accused", [
        "The government accused the rebels of killing civilians.",
        "Kyiv accused Moscow of war crimes in Bucha.",
        "The minister accused the opposition of corruption."]),
    ("SANCTION", "severed", [
        "Iraq severed diplomatic relations with Syria.",
        "Morocco severed ties with Iran in 2018.",
        "Kuwait has severed its ties with Baghdad."]),
    ("REQUEST", "demanded", [
        "The opposition demanded that the president resign.",
        "Protesters demanded the release of the detained students.",
        "The United Nations demanded an immediate halt to the fighting."]),
    ("THREATEN", "threatened", [
        "Pyongyang threatened to attack Seoul.",
        "The militia threatened the villagers with reprisals.",
        "Russia has threatened retaliation against NATO."]),
    ("REJECT", "rejected", [
        "The cabinet rejected the proposal.",
        "Hamas rejected the ceasefire plan on Sunday.",
        "Parliament rejected the opposition's motion."]),
    ("PROTEST", "demonstrated", [
        "Students demonstrated outside the embassy.",
        "Thousands demonstrated against the government in Cairo.",
        "Workers demonstrated for higher wages on Friday."]),
    ("RETREAT", "withdrew", [
        "Israel withdrew its troops from Gaza.",
        "Russia withdrew its forces from the region around Kyiv.",
        "The United States withdrew soldiers from northern Syria."]),
    ("COERCE", "arrested", [
        "Police arrested three activists.",
        "Security forces arrested the opposition leader at his home.",
        "Dozens of protesters were arrested in Minsk."]),
    ("SUPPORT", "praised", [
        "The minister praised the agreement.",
        "Washington praised Kenya for its role in the talks.",
        "The secretary-general praised the courage of the negotiators."]),
    ("CONSULT", "met", [
        "The two leaders met in Geneva.",
        "Blinken met Chinese officials in Beijing on Monday.",
        "The foreign minister met his Turkish counterpart."]),
    ("AGREE", "promised", [
        "China promised economic aid to Laos.",
        "The rebels promised to free the hostages.",
        "Germany has promised more air defence systems to Ukraine."]),
    ("CONCEDE", "eased", [
        "The government eased restrictions on the press.",
        "Beijing eased its restrictions on foreign journalists.",
        "The authorities eased travel restrictions in the north."]),
    ("COOPERATE", "extradited", [
        "Turkey extradited the suspects to Germany.",
        "Colombia extradited a drug lord to the United States.",
        "The suspect was extradited to France last week."]),
    ("AID", "sent", [
        "Japan sent aid to the flood victims.",
        "The EU sent humanitarian aid to Gaza.",
        "Saudi Arabia sent medical supplies and food aid to Sudan."]),
    ("MOBILIZE", "mobilized", [
        "Russia mobilized its reserves.",
        "Armenia mobilized thousands of troops along the border.",
        "The government mobilized the army after the attack."]),
]


def test_cameo_constructions_cover_every_plover_type():
    assert sorted(t for t, _, _ in CONSTRUCTIONS) == sorted(EVENT_TYPES)


@pytest.mark.parametrize("type_, verb, sentence", [
    (type_, verb, sentence) for type_, verb, sentences in CONSTRUCTIONS for sentence in sentences])
def test_cameo_match_codes_every_plover_type(nlp, verbs, type_, verb, sentence):
    found = _match(nlp, verbs, sentence, verb)
    assert found is not None and found.plover is not None, sentence
    assert found.plover.type == type_, (sentence, found)


@pytest.mark.parametrize("sentence", [
    "The rebels pulled out of the talks.",
    "Iran has pulled out of talks with the United States.",
    "The opposition pulled out of the peace talks on Monday."])
def test_cameo_match_phrasal_verb_with_its_pattern(nlp, verbs, sentence):
    found = _match(nlp, verbs, sentence, "pulled")
    assert found.verb == "pull out" and found.code == "164"
    assert found.plover.type == "SANCTION"


@pytest.mark.parametrize("sentence, code", [
    ("Japan sent aid to the flood victims.", "070"),  # * AID
    ("The EU sent humanitarian aid to Gaza.", "073"),  # * {HUMANITARIAN AID} is more specific
    ("The ministry sent a message to the embassy.", "040"),  # * MESSAGE
])
def test_cameo_match_most_specific_pattern_wins(nlp, verbs, sentence, code):
    assert _match(nlp, verbs, sentence, "sent").code == code


@pytest.mark.parametrize("sentence, target", [
    ("Israel withdrew its troops from Gaza.", "Gaza"),
    ("The army withdrew its units from the town of Bakhmut.", "town"),  # the phrase's head
    ("Moscow withdrew its soldiers from Kherson last year.", "Kherson")])
def test_cameo_match_marks_target_tokens(nlp, verbs, sentence, target):
    found = _match(nlp, verbs, sentence, "withdrew")
    assert found.pattern == "* FROM +"
    assert [t.text for t in found.target] == [target]


@pytest.mark.parametrize("sentence, code", [
    ("The court convicted the officers of war crimes.", "173"),  # CONVICT's own pattern
    ("Kyiv accused Moscow of war crimes.", "112"),  # not CONVICT's: the family's code
    ("The opposition accused the mayor of crimes against humanity.", "112"),
])
def test_cameo_match_pattern_of_a_verb_with_its_own_code_stays_with_it(nlp, verbs, sentence,
                                                                       code):
    doc = nlp(sentence)
    found = verbs.match(doc[[t.dep_ for t in doc].index("ROOT")])
    assert found.code == code


def test_cameo_match_unknown_verb_is_none(nlp, verbs):
    assert _match(nlp, verbs, "The committee slept through the afternoon.", "slept") is None


def test_cameo_match_from_a_petrarch_file_uses_its_codes(nlp, tmp_path):
    text = ("&ARMS\n+WEAPON\n+MISSILE\n\n--- SHIP [062] ---\nSHIP {SHIPPED}\n"
            "- $ * &ARMS (TO +) [0622]\n- * (TO +) [062:061]\n")
    dictionary = VerbDictionary.from_petrarch(_dictionary(tmp_path, text))
    doc = nlp("Iran shipped missiles to Russia.")
    found = dictionary.match(doc[1])
    assert (found.code, found.pattern) == ("0622", "$ * &ARMS (TO +)")
    assert [t.text for t in found.source] == ["Iran"]
    assert [t.text for t in found.target] == ["Russia"]
    found = dictionary.match(nlp("Iran shipped grain to Russia.")[1])
    assert (found.code, found.reverse_code, found.reverse_plover.type) == ("062", "061",
                                                                          "COOPERATE")


@pytest.mark.parametrize("sentence, code", [
    ("Iran shipped missiles to Russia.", "0622"),  # "missiles" stands for MISSILE
    ("Iran shipped batteries to Russia.", "0622"),  # "batteries" for BATTERY
    ("Iran shipped tulips to Russia.", "062"),  # no weapon: the plain pattern
])
def test_cameo_match_word_forms_are_read_per_document(nlp, tmp_path, sentence, code):
    """The words a token stands for are kept per document: documents of the same length
    read in turn each match on their own words."""
    text = ("&ARMS\n+WEAPON\n+MISSILE\n+BATTERY\n\n--- SHIP [062] ---\nSHIP {SHIPPED}\n"
            "- $ * &ARMS (TO +) [0622]\n- * (TO +) [062:061]\n")
    dictionary = VerbDictionary.from_petrarch(_dictionary(tmp_path, text))
    for other in ("Iran shipped missiles to Russia.", "Iran shipped tulips to Russia."):
        dictionary.match(nlp(other)[1])
    assert dictionary.match(nlp(sentence)[1]).code == code
