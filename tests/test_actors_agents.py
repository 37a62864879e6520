"""Agents in actor phrases: agents inside a name, prefix agents, modifier agents, a status that
changes the agent ("former"), coordinated countries sharing an agent and bare conjuncts
sharing the first one's qualifiers. Real actors, dictionaries in PETRARCH format."""

from __future__ import annotations

import pytest

from sinew.actors import ActorLexicon, Mentions
from sinew.petrarch import convert_agents, read_agents

ACTORS = """\
KENYA [KEN]
+KENYAN
RUTO [KEN]
FRANCE [FRA]
+FRENCH
GERMANY [DEU]
ITALY [ITA]
UGANDA [UGA]
DENMARK [DNK]
+DANISH
WHITE_HOUSE [USAGOV]
FORNOST [FOR]
GONDOR [GON]
ARNOR [ARN]
CALENARDHON [CAL]
"""

AGENTS = """\
PRESIDENT [~GOV]
PRIME_MINISTER [~GOV]
AMBASSADOR [~GOV]
OFFICIAL [~GOV]
LAWMAKER [~LEG]
SOLDIER [~MIL]
TROOPS {} [~MIL]
MEDIA {} [~MED]
GOVERNMENT [~GOV]
ISLAMIST [~MUS]
PROSECUTOR [~JUD]
MSF {} [NGO~]
HUMAN_RIGHTS_BODY [NGO~]
HUMAN_RIGHTS_ACTIVIST [~OPP]
"""


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dictionaries")
    (folder / "actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "agents.txt").write_text(AGENTS, encoding="utf-8")
    return ActorLexicon.from_petrarch([folder / "actors.txt"], [folder / "agents.txt"])


def _codes(nlp, lexicon, text, word):
    doc = nlp(text)
    mentions = Mentions(doc, lexicon, nlp, "2024-01-01")
    token = next(t for t in doc if t.text == word)
    return sorted(r.code for r in mentions.resolve_all(token))


@pytest.mark.parametrize("text, word, codes", [
    ("Kenya President Ruto arrived in Paris on Monday.", "Ruto", ["KENGOV"]),
    ("Kenya Prime Minister Ruto met the press.", "Ruto", ["KENGOV"]),
    ("On Monday Kenya's President Ruto flew to Rome.", "Ruto", ["KENGOV"]),
])
def test_actors_agents_inside_a_name(nlp, lexicon, text, word, codes):
    assert _codes(nlp, lexicon, text, word) == codes


@pytest.mark.parametrize("text, word, codes", [
    ("The ambassadors of France, Germany and Italy presented credentials.", "ambassadors",
     ["DEUGOV", "FRAGOV", "ITAGOV"]),
    ("Soldiers from Kenya and Uganda crossed the border.", "Soldiers", ["KENMIL", "UGAMIL"]),
    ("Lawmakers in France and Italy welcomed the deal.", "Lawmakers", ["FRALEG", "ITALEG"]),
    ("Soldiers from Uganda crossed the border.", "Soldiers", ["UGAMIL"]),
])
def test_actors_agents_coordinated_countries_share_the_agent(nlp, lexicon, text, word, codes):
    assert _codes(nlp, lexicon, text, word) == codes


@pytest.mark.parametrize("text, word, codes", [
    ("Danish media and government warned Kenya.", "media", ["DNKGOV", "DNKMED"]),
    ("Lawmakers and officials in Kenya welcomed the deal.", "Lawmakers", ["KENGOV", "KENLEG"]),
    ("French troops and officials left Kenya.", "troops", ["FRAGOV", "FRAMIL"]),
])
def test_actors_agents_bare_conjunct_shares_qualifiers(nlp, lexicon, text, word, codes):
    assert _codes(nlp, lexicon, text, word) == codes


@pytest.mark.parametrize("text, word, codes", [
    ("MSF Kenya is about to open a clinic in Uganda.", "Kenya", ["NGOKEN"]),
    ("An MSF Kenya official visited Uganda.", "official", ["NGOKENGOV"]),
    ("The MSF France team went to Kenya.", "team", ["NGOFRA"]),
    ("MSF France sent doctors to Kenya.", "France", ["NGOFRA"]),
])
def test_actors_agents_prefix_codes_go_before_the_country(nlp, lexicon, text, word, codes):
    assert _codes(nlp, lexicon, text, word) == codes


@pytest.mark.parametrize("text, word, codes", [
    ("The Danish Islamist media attacked Kenya.", "media", ["DNKMUSMED"]),
    ("Kenya former security officials met France.", "officials", ["KENELI"]),
    ("France talked to former Kenyan prosecutors.", "prosecutors", ["KENELI"]),
    ("Former officials in the White House met France.", "officials", ["USAGOVELI"]),
    ("Human rights activists in Kenya met France.", "activists", ["KENOPP"]),
])
def test_actors_agents_modifier_agents_and_status(nlp, lexicon, text, word, codes):
    assert _codes(nlp, lexicon, text, word) == codes


def test_actors_agents_prefix_code_kept_by_conversion(tmp_path):
    path = tmp_path / "agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    agents = convert_agents(read_agents(path))
    assert agents["words"]["msf"] == "NGO~" and agents["words"]["president"] == "GOV"
    assert agents["phrases"]["human rights body"] == "NGO~"


@pytest.mark.parametrize("text, codes", [
    # however the small parser hangs the names (as conjuncts, or the first ones as modifiers
    # of the last with "and" under them), every coordinated name in the subject is an actor
    ("Fornost and the evil awful Gondor welcomed a resumption of formal diplomatic ties "
     "with Arnor after a 12-year rift.", ["FOR", "GON"]),
    ("Arnor, Calenardhon and the evil awful Gondor welcomed talks.", ["ARN", "CAL", "GON"]),
    ("Arnor and the awful Gondor signed a pact.", ["ARN", "GON"]),
])
def test_actors_agents_coordinated_subject_names(nlp, lexicon, text, codes):
    doc = nlp(text)
    mentions = Mentions(doc, lexicon, nlp, "2024-01-01")
    root = next(t for t in doc if t.dep_ == "ROOT")
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    found = {r.code for s in subjects for r in mentions.resolve_all(s)}
    assert found >= set(codes)
