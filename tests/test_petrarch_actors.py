"""PETRARCH dictionary readers, the Phoenix conversion and resolution with the converted data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sinew.actors import ActorLexicon, Mentions, actor_lexicon
from sinew.errors import ConfigError
from sinew.petrarch import (DatedCode, convert_actors, convert_agents, parse_record, read_actors,
                            read_agents, record_text)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "reference" / "petrarch2"

ACTORS = """\
<!-- a header
     over two lines -->
# a comment
ARNOR_  [ARN] # trailing comment
+ARNORIAN
+FORNOST_ +CARDOLAN
GOLLUM
+SMEAGOL
\t[HOB <950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB >990816]
THE_SHIRE  [FRO/BIL/SAM]
BOROMIR  [---]
PALESTINIAN [pse]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN
POLICE {} [~COP]
REBEL [~REB]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY [NGO~]
MILITIA [~UAF]
"""


@pytest.fixture()
def write(tmp_path):
    def run(text: str, name: str = "dict.txt") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return run


@pytest.fixture()
def actors(write):
    return {a.phrases[0]: a for a in read_actors(write(ACTORS)).actors}


def test_petrarch_actors_synonyms_and_underscores(actors):
    assert actors["ARNOR"].phrases == ("ARNOR", "ARNORIAN", "FORNOST", "CARDOLAN")
    assert actors["ARNOR"].codes == (DatedCode(("ARN",)),)


def test_petrarch_actors_dated_codes(actors):
    assert actors["GOLLUM"].phrases == ("GOLLUM", "SMEAGOL")
    assert actors["GOLLUM"].codes == (
        DatedCode(("HOB",), end="1995-06-01"),
        DatedCode(("HOBGOV",), "1995-06-01", "1999-08-15"),
        DatedCode(("HOBREB",), start="1999-08-16"))


@pytest.mark.parametrize("phrase, codes", [
    ("SHIRE", (DatedCode(("FRO", "BIL", "SAM")),)),
    ("BOROMIR", (DatedCode(()),)),
    ("PALESTINIAN", (DatedCode(("PSE",)),)),
])
def test_petrarch_actors_compound_null_and_case(actors, phrase, codes):
    assert next(a for p, a in actors.items() if p.endswith(phrase)).codes == codes


@pytest.mark.parametrize("line, fix", [
    ("GONDOR [GON 950601]", "<DATE, >DATE or DATE-DATE"),
    ("GONDOR\n\t[950601-990815]", "has a date restriction but no code"),
    ("GONDOR [GON", "unbalanced brackets"),
    ("+MINAS_TIRITH", "before any actor"),
    ("GONDOR [GON 951301-960101]", "is not a date"),
])
def test_petrarch_actors_malformed_line_names_file_line_and_fix(write, line, fix):
    path = write("# header\n" + line + "\n")
    with pytest.raises(ConfigError) as err:
        read_actors(path)
    number = 2 + line.count("\n")
    assert str(path) in str(err.value) and f"line {number}:" in str(err.value)
    assert fix in str(err.value)
    assert read_actors(path, strict=False).skipped


def test_petrarch_agents_plurals_substitutions_and_prefix(write):
    agents = {a.phrases[0]: a for a in read_agents(write(AGENTS)).agents}
    assert agents["POLICE"].phrases == ("POLICE",)
    assert agents["REBEL"].phrases == ("REBEL", "REBELS")
    assert agents["ATTORNEY GENERAL"].phrases == ("ATTORNEY GENERAL", "ATTORNEYS GENERAL")
    assert agents["CONGRESSMAN"].phrases == ("CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN")
    assert agents["HUMAN RIGHTS BODY"].prefix and agents["HUMAN RIGHTS BODY"].code == "NGO"
    assert not agents["POLICE"].prefix and agents["POLICE"].code == "COP"


def test_petrarch_agents_bad_code_is_config_error(write):
    with pytest.raises(ConfigError, match=r"line 1: .*\[~CODE\]"):
        read_agents(write("POLICE [COP]\n"))


def test_petrarch_conversion_of_a_snippet(write):
    records = convert_actors([read_actors(write(ACTORS))], {})
    assert records["Arnor"]["codes"] == ["ARN"]
    assert records["Gollum"]["how"] == "leader"
    assert records["Gollum"]["codes"][1] == "HOB.GOV 1995-06-01..1999-08-15"
    assert records["Shire"]["codes"] == ["FRO+BIL+SAM"]
    assert "Boromir" not in records
    assert parse_record(record_text(records["Gollum"])) == records["Gollum"]
    agents = convert_agents(read_agents(write(AGENTS, "agents.txt")))
    assert agents["words"]["rebels"] == "REB" and agents["phrases"]["attorney general"] == "JUD"


def test_petrarch_conversion_igo_codes_become_curated(write):
    table = read_actors(write("UNITED_NATIONS [IGOUNO]\nKOFI_ANNAN [IGOUNOKID]\n"))
    records = convert_actors([table], {"IGOUNO": "UN"})
    assert records["United Nations"]["codes"] == ["UN"]
    assert records["Kofi Annan"]["codes"] == ["UN.KID"]


@pytest.mark.skipif(not SHARED.exists(), reason=f"{SHARED} is not present")
def test_petrarch_shipped_files_equal_the_script_output():
    spec = importlib.util.spec_from_file_location("convert_petrarch",
                                                  ROOT / "scripts" / "convert_petrarch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = ROOT / "src" / "sinew" / "data"
    for name, text in module.convert(SHARED, data).items():
        assert (data / name).read_text(encoding="utf-8") == text, name


def _resolve(nlp, text, word, day="2024-06-14", lexicon=None):
    doc = nlp(text)
    mentions = Mentions(doc, lexicon or actor_lexicon(), nlp, day)
    return mentions.resolve(next(t for t in doc if t.text == word))


@pytest.mark.parametrize("text, word, code", [
    ("Hezbollah fired rockets at Israel.", "Hezbollah", "LBNREB"),
    ("Iran sent drones to Hizbollah.", "Hizbollah", "LBNREB"),
    ("Hezbollah fighters crossed the border.", "fighters", "LBNREB"),
    ("The Islamic State claimed the attack.", "State", "IMGMUSISI"),
    ("ISIS fighters attacked the town.", "fighters", "IMGMUSISI"),
    ("Daesh claimed responsibility.", "Daesh", "IMGMUSISI"),
    ("ISIL lost the city.", "ISIL", "IMGMUSISI"),
    ("Houthi rebels seized a ship.", "rebels", "YEMREB"),
    ("The Houthis fired a missile.", "Houthis", "YEMREB"),
    ("Ansar Allah threatened shipping.", "Allah", "YEMREB"),
    ("The SDF captured the village.", "SDF", "SYRREB"),
    ("The Syrian Democratic Forces held the dam.", "Forces", "SYRREB"),
    ("al-Shabaab attacked a base.", "Shabaab", "SOMREB"),
])
def test_petrarch_armed_groups_resolve(nlp, text, word, code):
    assert _resolve(nlp, text, word).code == code


@pytest.mark.parametrize("text, word, code", [
    ("Malian rebels attacked the convoy.", "rebels", "MLIREB"),
    ("Kenyan police arrested two men.", "police", "KENCOP"),
    ("Iraqi troops entered the town.", "troops", "IRQMIL"),
    ("The Syrian army shelled the town.", "army", "SYRMIL"),
    ("Syrian government forces shelled the town.", "forces", "SYRMIL"),
    ("Nigerian militias clashed.", "militias", "NGAUAF"),
    ("The rebels attacked the convoy.", "rebels", "REB"),
    ("Protesters gathered in the square.", "Protesters", "OPP"),
])
def test_petrarch_agents_take_the_country(nlp, text, word, code):
    assert _resolve(nlp, text, word).code == code


@pytest.mark.parametrize("text, word, code", [
    ("russia sent drones to iran.", "russia", "RUS"),
    ("north korea shipped shells.", "korea", "PRK"),
    ("hezbollah fired rockets.", "hezbollah", "LBNREB"),
    ("RUSSIA SENT DRONES.", "RUSSIA", "RUS"),
])
def test_petrarch_lower_case_names_resolve(nlp, text, word, code):
    assert _resolve(nlp, text, word).code == code


@pytest.mark.parametrize("text, word", [
    ("They ate turkey and rice.", "turkey"),
    ("The china was broken.", "china"),
    ("It may chad the ballot.", "chad"),
])
def test_petrarch_ordinary_words_do_not_match_in_lower_case(nlp, text, word):
    doc = nlp(text)
    mentions = Mentions(doc, actor_lexicon(), nlp, "2024-06-14")
    token = next(t for t in doc if t.text == word)
    assert token.i not in mentions.by_token  # the alias matcher did not take the word
    ref = mentions.resolve(token)
    assert ref is None or ref.code is None


@pytest.mark.parametrize("text, word, day, code", [
    ("Obama visited Kabul.", "Obama", "2012-05-01", "USAGOV"),
    ("President Obama visited Kabul.", "Obama", "2010-05-01", "USAGOV"),
    ("Putin met the envoy.", "Putin", "2005-02-01", "RUSGOV"),
])
def test_petrarch_office_holders_before_2022(nlp, text, word, day, code):
    ref = _resolve(nlp, text, word, day)
    assert ref.code == code and ref.how == "leader"


def test_petrarch_curated_entry_wins_over_phoenix():
    lexicon = actor_lexicon()
    # Phoenix gives "Islamic Jihad" to Hezbollah; the curated groups file to the Palestinians
    assert lexicon.lookup("Islamic Jihad").code == "PSE"
    # Phoenix's Trump is not an office holder; the curated one is, from 2017
    assert lexicon.lookup("Trump", "2018-03-01").code == "USA"
    assert lexicon.lookup("Kremlin").sector == "GOV"


@pytest.mark.skipif(not SHARED.exists(), reason=f"{SHARED} is not present")
def test_petrarch_validation_dictionaries_only(nlp):
    lexicon = ActorLexicon.from_petrarch([SHARED / "PETR.Validate.actors.txt"],
                                         [SHARED / "PETR.Validate.agents.txt"])
    assert _resolve(nlp, "Gondor attacked Mordor.", "Gondor", lexicon=lexicon).code == "GON"
    assert _resolve(nlp, "Arnor troops left.", "troops", lexicon=lexicon).code == "ARNMIL"
    assert _resolve(nlp, "Smeagol fled.", "Smeagol", "1997-01-01", lexicon).code == "HOBGOV"
    assert lexicon.lookup("Russia") is not None and lexicon.lookup("Kremlin") is None
    doc = nlp("The Shire protested.")
    shire = Mentions(doc, lexicon, nlp, None).resolve_all(doc[1])
    assert [r.code for r in shire] == ["FRO", "BIL", "SAM"]
