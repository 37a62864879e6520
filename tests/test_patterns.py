"""Argument patterns (data/patterns.yaml): each construction on differently worded sentences,
and a malformed pattern file is a configuration error naming the file and the entry."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from spacy.matcher import DependencyMatcher

from sinew.errors import ConfigError
from sinew.patterns import argument_patterns


def _sides(records, type_):
    return {(r.actor.country if r.actor else None, r.recipient.country if r.recipient else None)
            for r in records if r.type == type_}


@pytest.mark.parametrize("text, type_, actor, recipient", [
    # relative clauses: the antecedent of "which"/"who" is the doer
    ("Iran, which supplied drones to Russia, denied it.", "AID", "IRN", "RUS"),
    ("North Korea, which has shipped shells to Moscow, says nothing.", "AID", "PRK", "RUS"),
    ("Belarus, which sent fuel to Russia last year, is under sanctions.", "AID", "BLR", "RUS"),
    # purpose clauses: whom the sent goods serve receives them
    ("Pyongyang sent troops to fight for Russia.", "AID", "PRK", "RUS"),
    ("North Korea dispatched soldiers to fight alongside Russian forces.", "AID", "PRK", "RUS"),
    ("Iran dispatched soldiers to fight for Syria.", "AID", "IRN", "SYR"),
    # targets inside the complement of a demand
    ("Ukraine demanded that Russia withdraw its troops.", "REQUEST", "UKR", "RUS"),
    ("The European Union asked that Iran halt the transfers.", "REQUEST", "EU", "IRN"),
    ("Washington urged that Beijing stop the exports.", "REQUEST", "USA", "CHN"),
    # targets inside the complement of a threat
    ("Pyongyang threatened to strike South Korea.", "THREATEN", "PRK", "KOR"),
    ("Iran threatened to attack Israel.", "THREATEN", "IRN", "ISR"),
    ("North Korea threatened to retaliate against Seoul.", "THREATEN", "PRK", "KOR"),
    # weapons launched at a target
    ("Moscow launched dozens of missiles at Ukraine.", "ASSAULT", "RUS", "UKR"),
    ("Russia launched a wave of drones against Kyiv.", "ASSAULT", "RUS", "UKR"),
    ("Iran launched missiles at Israel in April.", "ASSAULT", "IRN", "ISR"),
    # nominal events with both sides named by "between"
    ("The signing of the treaty between Russia and North Korea alarmed Seoul.", "AGREE", "RUS", "PRK"),
    ("Talks between Iran and Saudi Arabia resumed in Baghdad.", "CONSULT", "IRN", "SAU"),
    ("A meeting between China and Russia took place in Beijing.", "CONSULT", "CHN", "RUS"),
])
def test_patterns_construction(extract, text, type_, actor, recipient):
    assert (actor, recipient) in _sides(extract(text), type_)


@pytest.mark.parametrize("text, type_, actor, recipient", [
    ("Russia's invasion of Ukraine began in 2022.", "ASSAULT", "RUS", "UKR"),
    ("The Israeli airstrike on Beirut killed a commander.", "ASSAULT", "ISR", "LBN"),
    ("A Russian drone attack on Kyiv killed three people.", "ASSAULT", "RUS", "UKR"),
    ("The withdrawal of US troops from Afghanistan ended in August.", "RETREAT", "USA", "AFG"),
    ("Putin's visit to Pyongyang was brief.", "CONSULT", "RUS", "PRK"),
])
def test_patterns_nominal_events_have_agent_and_patient(extract, text, type_, actor, recipient):
    assert (actor, recipient) in _sides(extract(text), type_)


@pytest.mark.parametrize("text", [
    "Syrian troops attacked Syrian villages near Idlib.",
    "The Russian army shelled Russian border villages.",
    "Iraqi soldiers attacked Iraqi towns held by insurgents.",
])
def test_patterns_two_sides_of_one_country_are_coded(extract, text):
    found = [r for r in extract(text) if r.type == "ASSAULT"]
    assert found and found[0].actor.code != found[0].recipient.code
    assert found[0].actor.country == found[0].recipient.country


def test_patterns_every_shipped_entry_has_three_examples():
    patterns = argument_patterns()
    assert patterns.patterns
    for name, entry in patterns.patterns.items():
        assert len(entry.examples) >= 3, name


@pytest.mark.parametrize("body, expected", [
    ("patterns:\n  bad-slot:\n    description: x\n    slots: {a: nowhere}\n"
     "    pattern:\n      - {RIGHT_ID: trigger, RIGHT_ATTRS: {POS: VERB}}\n", "bad-slot"),
    ("patterns:\n  no-trigger:\n    description: x\n    slots: {}\n"
     "    pattern:\n      - {RIGHT_ID: verb, RIGHT_ATTRS: {POS: VERB}}\n", "no-trigger"),
    ("patterns:\n  bad-attr:\n    description: x\n    slots: {}\n"
     "    pattern:\n      - {RIGHT_ID: trigger, RIGHT_ATTRS: {POS: {IN: [1, true]}}}\n", "bad-attr"),
])
def test_patterns_malformed_file_names_file_and_entry(tmp_path, body, expected):
    (tmp_path / "patterns.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        argument_patterns(str(tmp_path))
    assert "patterns.yaml" in str(info.value) and expected in str(info.value)


def test_patterns_user_file_adds_an_entry(tmp_path):
    (tmp_path / "patterns.yaml").write_text(
        "patterns:\n  mine:\n    description: mine\n    slots: {o: obj}\n"
        "    pattern:\n      - {RIGHT_ID: trigger, RIGHT_ATTRS: {POS: VERB}}\n"
        "      - {LEFT_ID: trigger, REL_OP: '>', RIGHT_ID: o, RIGHT_ATTRS: {DEP: dobj}}\n",
        encoding="utf-8")
    patterns = argument_patterns(str(tmp_path))
    assert "mine" in patterns.patterns and "relative-clause-subject" in patterns.patterns


def _shipped_examples():
    for name, entry in argument_patterns().patterns.items():
        for example in entry.examples:
            yield pytest.param(name, example, id=f"{name}: {example[:40]}")


@pytest.mark.parametrize("name, example", list(_shipped_examples()))
def test_patterns_shipped_examples_bind_their_pattern(nlp, name, example):
    """Every example a shipped pattern lists is one it matches (the examples are the
    pattern's documentation; one it does not bind documents nothing)."""
    bound = argument_patterns().bind(nlp(example), nlp)
    assert name in {b.name for bindings in bound.values() for b in bindings}


def _dependency_matcher_bindings(patterns, doc, nlp):
    """The bindings as spaCy's DependencyMatcher over the whole document gives them (what
    ``bind`` gave before it matched around each trigger): trigger -> [(name, slots)]."""
    matcher = DependencyMatcher(nlp.vocab)
    for name, entry in patterns.patterns.items():
        matcher.add(name, [entry.pattern])
    found = {}
    for match_id, tokens in matcher(doc):
        entry = patterns.patterns[nlp.vocab.strings[match_id]]
        nodes = [node["RIGHT_ID"] for node in entry.pattern]
        slots = [(entry.slots[n], tokens[i]) for i, n in enumerate(nodes) if n in entry.slots]
        found.setdefault(tokens[0], []).append((nlp.vocab.strings[match_id], slots))
    order = list(patterns.patterns)
    return {i: sorted(b, key=lambda item: order.index(item[0])) for i, b in found.items()}


def _bindings(bound):
    return {i: [(b.name, list(b.slots.items())) for b in bindings]
            for i, bindings in bound.items()}


def _demo_texts(count):
    demo = resources.files("sinew") / "data" / "demo" / "reports.jsonl"
    return [json.loads(line)["text"] for line in demo.read_text("utf-8").splitlines()[:count]]


_MULTI_SENTENCE = [
    "Iran, which supplied drones to Russia, denied it. Hezbollah fired rockets at Israel and "
    "threatened to attack Haifa. It was Hamas that carried out the attack.",
    "Britain is assisting Ukraine, delivering tanks and shells. The DPRK transferred missiles "
    "to aid Russia's war against Ukraine. Talks between Iran and Saudi Arabia resumed.",
]


def test_patterns_bind_equals_the_dependency_matcher(nlp):
    """Matching around each trigger finds what spaCy's DependencyMatcher finds over the whole
    document: the same bindings, in the same order, on every shipped example and on
    multi-sentence texts."""
    patterns = argument_patterns()
    examples = [e for entry in patterns.patterns.values() for e in entry.examples]
    texts = [" ".join(examples), *_MULTI_SENTENCE, *_demo_texts(6)]
    matched = set()
    for doc in nlp.pipe(texts):
        expected = _dependency_matcher_bindings(patterns, doc, nlp)
        assert _bindings(patterns.bind(doc, nlp)) == expected
        matched |= {name for found in expected.values() for name, _ in found}
    assert matched == set(patterns.patterns)


@pytest.mark.parametrize("node", [
    # a relation other than the tree's, an attribute test other than a string's: spaCy's
    # matcher evaluates these patterns, and they still bind in the file's order
    "{LEFT_ID: trigger, REL_OP: '.', RIGHT_ID: o, RIGHT_ATTRS: {POS: {NOT_IN: [PUNCT]}}}",
    "{LEFT_ID: trigger, REL_OP: '>', RIGHT_ID: o, RIGHT_ATTRS: {LOWER: {REGEX: '^[a-m]'}}}",
    # several matches of one pattern around one trigger, each binding in turn
    "{LEFT_ID: trigger, REL_OP: '>>', RIGHT_ID: o, RIGHT_ATTRS: {POS: {IN: [PROPN, NOUN]}}}",
])
def test_patterns_user_patterns_bind_as_the_dependency_matcher(tmp_path, nlp, node):
    (tmp_path / "patterns.yaml").write_text(
        "patterns:\n  mine:\n    description: mine\n    slots: {o: obj}\n"
        "    pattern:\n      - {RIGHT_ID: trigger, RIGHT_ATTRS: {POS: VERB}}\n"
        f"      - {node}\n", encoding="utf-8")
    patterns = argument_patterns(str(tmp_path))
    for doc in nlp.pipe(_MULTI_SENTENCE):
        expected = _dependency_matcher_bindings(patterns, doc, nlp)
        assert any(name == "mine" for found in expected.values() for name, _ in found)
        assert _bindings(patterns.bind(doc, nlp)) == expected


def test_patterns_bindings_are_a_mapping_of_triggers(nlp):
    doc = nlp("Hezbollah fired rockets at Israel.")
    bound = argument_patterns().bind(doc, nlp)
    fired = next(t.i for t in doc if t.lemma_ == "fire")
    assert list(bound) == [fired] and len(bound) == 1
    assert bound.get(0) is None and bound.get(len(doc)) is None and fired in bound
