"""Every PLOVER event type and every measure indicator comes out of a plain sentence."""

from __future__ import annotations

import pytest

from sinew.schema import EVENT_TYPES


EXAMPLES = {
    "AGREE": ("Russia and North Korea signed a mutual defence treaty.", "RUS", "PRK"),
    "CONSULT": ("Putin met Kim Jong Un at the Vostochny Cosmodrome.", "RUS", "PRK"),
    "SUPPORT": ("China backed Russia at the Security Council.", "CHN", "RUS"),
    "CONCEDE": ("The United States eased restrictions on Ukraine.", "USA", "UKR"),
    "COOPERATE": ("Iran cooperated with Russia on drone production.", "IRN", "RUS"),
    "AID": ("North Korea shipped artillery shells to Russia.", "PRK", "RUS"),
    "RETREAT": ("Russia withdrew its forces from Syria.", "RUS", "SYR"),
    "REQUEST": ("Ukraine urged Germany to send more air defence.", "UKR", "DEU"),
    "ACCUSE": ("South Korea accused North Korea of arms trafficking.", "KOR", "PRK"),
    "REJECT": ("Russia vetoed the UN Security Council resolution.", "RUS", "UN"),
    "THREATEN": ("North Korea threatened South Korea with retaliation.", "PRK", "KOR"),
    # a demonstration: a diplomatic protest ("Japan protested to China") is ACCUSE (PLOVER)
    "PROTEST": ("Thousands of Serbian students demonstrated against the Serbian government.",
                "SRB", "SRB"),
    "SANCTION": ("The European Union sanctioned Iran over the drone transfers.", "EU", "IRN"),
    "MOBILIZE": ("Russia massed troops near the border.", "RUS", None),
    "COERCE": ("Ukraine seized a Russian tanker.", "UKR", "RUS"),
    "ASSAULT": ("Russia attacked Kyiv with drones overnight.", "RUS", "UKR"),
}


def test_events_examples_cover_every_plover_type():
    assert set(EXAMPLES) == set(EVENT_TYPES)


@pytest.mark.parametrize("type_", EVENT_TYPES)
def test_events_each_plover_type(extract, type_):
    text, actor, recipient = EXAMPLES[type_]
    found = [r for r in extract(text) if r.type == type_]
    assert found, f"no {type_} in {text!r}"
    record = found[0]
    assert record.actor.country == actor
    assert (record.recipient.country if record.recipient else None) == recipient
    assert record.modality == "asserted" and record.kind == "event"


@pytest.mark.parametrize("text, indicator, per", [
    ("Russia produces about 250,000 shells a month.", "production", "month"),
    ("Russian forces fire around 10,000 shells a day.", "consumption", "day"),
    ("Russia spent $140 billion on defence in 2024.", "spending", None),
    ("Russia has a stockpile of 3 million shells.", "stockpile", None),
])
def test_events_measures(extract, text, indicator, per):
    (record,) = [r for r in extract(text) if r.kind == "measure"]
    assert record.type == indicator and record.actor.country == "RUS"
    assert record.quantity is not None and record.quantity.per == per


@pytest.mark.parametrize("text, category, mode", [
    ("North Korea sent 10,000 troops to Russia.", "troops", "military"),
    ("Iran delivered Shahed drones to Russia.", "drones", "military"),
    ("Russia supplied oil to North Korea.", "oil", "economic"),
    ("The United States provided $61 billion to Ukraine.", "money", "economic"),
    ("China exported machine tools to Russia.", "dual_use_goods", "economic"),
    ("Russia sent wheat to North Korea.", "food", "humanitarian"),
])
def test_events_aid_commodity_and_mode(extract, text, category, mode):
    (record,) = [r for r in extract(text) if r.type == "AID"]
    assert (record.what.category, record.mode) == (category, mode)


def test_events_aid_needs_a_commodity(extract):
    assert [r for r in extract("Russia sent a message to North Korea.") if r.type == "AID"] == []


def test_events_take_verbs_swap_roles(extract):
    (record,) = extract("Russia received 3,000 drones from Iran.")
    assert (record.actor.country, record.recipient.country) == ("IRN", "RUS")
    assert (record.quantity.value, record.quantity.unit) == (3000, "drone")


def test_events_passive_voice_finds_the_supplier(extract):
    (record,) = extract("Shells were shipped to Russia by North Korea.")
    assert (record.actor.country, record.recipient.country) == ("PRK", "RUS")


def test_events_deploy_without_recipient_is_mobilize(extract):
    (record,) = extract("North Korea deployed troops along the border.")
    assert record.type == "MOBILIZE" and record.what.category == "troops"


def test_events_arrive_verbs_read_goods_as_subject(extract):
    (record,) = extract("About 3.5 million shells reached Russia from North Korea in 2024.")
    assert (record.actor.country, record.recipient.country) == ("PRK", "RUS")
    assert (record.quantity.value, record.date.start) == (3.5e6, "2024-01-01")


def test_events_supplier_named_in_an_earlier_sentence(extract):
    records = extract("Tehran denies it. Yet 400 missiles arrived in Russia last month.")
    (record,) = [r for r in records if r.type == "AID"]
    assert (record.actor.country, record.actor.how, record.recipient.country) == ("IRN", "anaphor", "RUS")


def test_events_flow_continues_into_a_sentence_without_actors(extract):
    text = ("North Korea has sent more than 20,000 containers of munitions to Russia. "
            "In 2024 alone, about 9 million rounds were shipped.")
    second = [r for r in extract(text) if r.quantity and r.quantity.value == 9e6]
    assert [(r.actor.country, r.recipient.country, r.actor.how) for r in second] == [
        ("PRK", "RUS", "previous-sentence")]


def test_events_statement_date_bounds_the_fact(extract):
    (record,) = extract("HUR said in February that about 1.5 million North Korean shells had "
                        "reached Russia.")
    assert (record.date.start, record.date.end, record.date.granularity) == (None, "2024-02-29", "open")


def test_events_that_year_refers_back(extract):
    (record,) = extract("Fire peaked in 2022. Russia fired about 20,000 rounds a day that year.")
    assert (record.date.start, record.date.end, record.date.status) == ("2022-01-01", "2022-12-31", "approximate")


@pytest.mark.parametrize("text, indicator, modality", [
    ("Russian plants could produce about 4.5 million shells this year.", "capacity", "assessed"),
    ("Russian industry turned out around 2 million shells last year.", "production", "asserted"),
    ("Russia is making about 250,000 artillery rounds a month, or roughly 3 million a year, "
     "according to NATO.", "production", "reported"),
])
def test_events_production_capacity_and_phrasal_verbs(extract, text, indicator, modality):
    (record,) = [r for r in extract(text) if r.kind == "measure"]
    assert (record.type, record.modality, record.what.category) == (indicator, modality, "artillery_ammunition")


def _flows(records):
    return {(r.actor.country if r.actor else None, r.recipient.country if r.recipient else None,
             r.what.category if r.what else None) for r in records if r.type == "AID"}


@pytest.mark.parametrize("text, flow", [
    ("Russia is getting drones from Iran.", ("IRN", "RUS", "drones")),
    ("The Houthis get their missiles from Iran.", ("IRN", "YEM", "missiles")),
    ("Ukraine will get F-16 jets from Denmark.", ("DNK", "UKR", "military_equipment")),
])
def test_events_getting_goods_from_a_supplier_is_a_supply(extract, text, flow):
    assert flow in _flows(extract(text))


@pytest.mark.parametrize("text, flow", [
    ("Today, the Department of Defense announced new security assistance for Ukraine.",
     ("USA", "UKR", "weapons")),
    ("US military aid to Ukraine has slowed.", ("USA", "UKR", "weapons")),
    ("Germany's humanitarian aid to Gaza arrived on Monday.", ("DEU", "PSE", "other")),
])
def test_events_aid_that_names_its_goods_is_a_supply(extract, text, flow):
    assert flow in _flows(extract(text))


@pytest.mark.parametrize("text", [
    "Russia prolonged the war with assistance from the DPRK.",  # bare "assistance": no goods
    "Aid groups warned of famine.",
    "Zelensky got a call from Putin.",
])
def test_events_aid_without_goods_is_no_supply(extract, text):
    assert not _flows(extract(text))


def test_events_a_one_sided_restatement_of_a_flow_is_not_a_second_flow(extract):
    """"Germany's aid to Gaza arrived": the arrival (recipient unsaid) restates the aid."""
    assert _flows(extract("Germany's humanitarian aid to Gaza arrived on Monday.")) == \
        {("DEU", "PSE", "other")}


@pytest.mark.parametrize("text, type_, actor, target", [
    ("Jailed by Belarusian authorities, the activist went on hunger strike.", "COERCE", "BLR",
     "BLR"),
    ("After being detained by Iranian police, the journalists were released.", "COERCE", "IRN",
     "IRN"),
    ("Since being attacked by Hamas, Israel has mobilised reservists.", "ASSAULT", "PSE", "ISR"),
    ("Struck by Russian missiles, the Ukrainian city lost power.", "ASSAULT", "RUS", "UKR"),
])
def test_events_a_passive_participle_adjunct_was_done_to_the_clause_subject(
        extract, text, type_, actor, target):
    """"Jailed by the authorities, the activist ...": the "by" phrase did it, the subject of
    the clause underwent it (not the other way round)."""
    found = {(r.actor.country if r.actor else None, r.recipient.country if r.recipient else None)
             for r in extract(text) if r.type == type_}
    assert (actor, target) in found


def test_events_an_active_participle_adjunct_keeps_its_doer(extract):
    records = extract("Having shelled the town, Russian troops withdrew from Kherson.")
    assert not [r for r in records if r.recipient and r.recipient.code == "RUSMIL"]


@pytest.mark.parametrize("text, partner, topic", [
    ("The UK discussed Iran's nuclear programme with France.", "FRA", "IRN"),
    ("Macron discussed Ukraine with Scholz.", "DEU", "UKR"),
    ("Blinken discussed Russia's attacks with Kuleba.", "UKR", "RUS"),
])
def test_events_what_is_discussed_is_no_side_of_the_talks(extract, text, partner, topic):
    sides = {r.recipient.country for r in extract(text) if r.type == "CONSULT" and r.recipient}
    assert partner in sides and topic not in sides


@pytest.mark.parametrize("text", [
    "Russia must live up to the Minsk agreements.",
    "The Minsk agreements stipulate that elections must be monitored.",
    "The parties signed the Minsk protocol in 2014.",
])
def test_events_the_city_an_agreement_is_named_after_is_no_party(extract, text):
    assert not [r for r in extract(text) if r.type == "AGREE" and r.actor
                and r.actor.country == "BLR"]


def test_events_two_capitals_joined_before_a_treaty_are_its_parties(extract):
    pairs = {(r.actor.country, r.recipient.country)
             for r in extract("The Moscow-Pyongyang treaty was signed in June.")
             if r.type == "AGREE" and r.actor and r.recipient}
    assert ("RUS", "PRK") in pairs


@pytest.mark.parametrize("text, victim", [
    ("Russia attacked Kharkiv overnight. Russian troops also killed civilians.", "UKRCVL"),
    ("Israel struck Gaza City. Israeli forces later shelled a school.", "PSEEDU"),
    ("The Houthis attacked Saudi Arabia. Houthi drones killed civilians in Jizan.", "SAUCVL"),
])
def test_events_victims_named_by_kind_belong_to_the_country_the_side_attacks(
        extract, text, victim):
    codes = {r.recipient.code for r in extract(text) if r.type == "ASSAULT" and r.recipient}
    assert victim in codes


def test_events_victims_of_a_side_attacking_two_countries_stay_unplaced(extract):
    text = "Russia attacked Ukraine and Georgia. Russian troops killed civilians."
    codes = {r.recipient.code for r in extract(text) if r.type == "ASSAULT" and r.recipient}
    assert "CVL" in codes and not {"UKRCVL", "GEOCVL"} & codes


@pytest.mark.parametrize("text, sides", [
    ("The Iron Dome system was developed jointly by the United States and Israel.",
     {"USA", "ISR"}),
    ("The United States and Israel jointly developed the system.", {"USA", "ISR"}),
    ("Russia jointly produces drones with Iran.", {"RUS", "IRN"}),
])
def test_events_what_two_actors_do_jointly_is_cooperation(extract, text, sides):
    pairs = {(r.actor.country, r.recipient.country) for r in extract(text)
             if r.type == "COOPERATE" and r.actor and r.recipient}
    assert pairs == {tuple(sorted(sides)), tuple(sorted(sides, reverse=True))}


def test_events_jointly_with_one_actor_is_no_cooperation(extract):
    assert not [r for r in extract("Russia jointly produces drones.") if r.type == "COOPERATE"]


@pytest.mark.parametrize("text, flow", [
    ("Russia relies on Iran for drones.", ("IRN", "RUS", "drones")),
    ("Moscow depends on Pyongyang for artillery shells.", ("PRK", "RUS", "artillery_ammunition")),
    ("Russia is turning to North Korea for its weapons.", ("PRK", "RUS", "weapons")),
    ("Russia has looked to Iran for drones and missiles.", ("IRN", "RUS", "missiles")),
    ("Russia has turned to the DPRK for soldiers.", ("PRK", "RUS", "troops")),
])
def test_events_whom_one_relies_on_for_goods_supplies_them(extract, text, flow):
    assert flow in _flows(extract(text))


@pytest.mark.parametrize("text", [
    "Ukraine looks to the West for support.",  # no goods
    "We look forward to the talks.",
    "Russia relies on its own industry.",  # no goods asked for
])
def test_events_relying_without_a_supplier_and_goods_is_no_supply(extract, text):
    assert not _flows(extract(text))
