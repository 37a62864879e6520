"""What-if arithmetic on hand-built stores: stop, scale, add, bid, production and consumption
changes, ranges, missing terms, and scenario files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sinew.analysis import Change, Range, Scenario, load_scenario, whatif
from sinew.errors import ConfigError
from builders import doc, make_store, measure, rec

YEAR = dict(start="2024-01-01", end="2024-12-31")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "scenarios"


@pytest.fixture()
def store():
    """Production 6M, imports PRK 2-4M (two sources, central 3M), consumption 10,000 a day."""
    return make_store((doc("a"), [
        measure("a", "production", value=6e6, **YEAR),
        rec("a", value=2e6, by="UKR", **YEAR), rec("a", value=4e6, by="KOR", **YEAR),
        measure("a", "consumption", value=10_000, per="day")]))


def run(store, *changes, **extra):
    return whatif(store, {"recipient": "RUS", "what": "artillery_ammunition",
                          "period": "2024", "changes": list(changes), **extra})


def approx(r: Range):
    return pytest.approx((r.low, r.central, r.high))


def test_whatif_baseline_balance_is_a_range(store):
    before = run(store).before
    assert before.supply == Range(8e6, 9e6, 10e6)
    assert before.consumption == Range.point(3.66e6)
    assert (before.balance.low, before.balance.central, before.balance.high) == \
        approx(Range(4.34e6, 5.34e6, 6.34e6))
    assert before.shortfall == Range(0, 0, 0)


def test_whatif_stop_supplier(store):
    result = run(store, {"action": "stop", "supplier": "prk"})
    assert result.after.terms["import:PRK"] == Range.point(0)
    assert (result.balance_change.low, result.balance_change.central,
            result.balance_change.high) == (-4e6, -3e6, -2e6)
    assert result.after.supply == Range.point(6e6)


def test_whatif_stop_part_of_the_period(store):
    result = run(store, {"action": "stop", "supplier": "PRK", "from": "2024-07-01"})
    share = 184 / 366
    assert (result.supply_change.low, result.supply_change.central,
            result.supply_change.high) == approx(Range(-4e6 * share, -3e6 * share,
                                                       -2e6 * share))


def test_whatif_scale_supplier(store):
    result = run(store, {"action": "scale", "supplier": "PRK", "factor": 0.5})
    assert (result.supply_change.low, result.supply_change.high) == (-2e6, -1e6)


def test_whatif_add_supplier_with_capacity_range(store):
    result = run(store, {"action": "add", "supplier": "CHN", "capacity": [1e6, 2e6]})
    assert result.supply_change == Range(1e6, 1.5e6, 2e6)
    assert result.after.terms["import:CHN"] == Range(1e6, 1.5e6, 2e6)
    assert "import:CHN" not in result.before.terms


@pytest.mark.parametrize("capacity, change", [
    (1e6, Range(-1e6, -1e6, -1e6)),
    (5e6, Range(-4e6, -3e6, -2e6)),  # a bidder cannot take more than the supplier ships
])
def test_whatif_bidder_takes_from_a_supplier(store, capacity, change):
    result = run(store, {"action": "bid", "bidder": "CHN", "supplier": "PRK",
                         "capacity": capacity})
    assert result.supply_change == change


def test_whatif_bidder_range_lowers_supply_in_the_low_run(store):
    result = run(store, {"action": "bid", "bidder": "CHN", "supplier": "PRK",
                         "capacity": [1e6, 1.5e6]})
    assert result.after.supply.low == 6e6 + 2e6 - 1.5e6  # the low PRK less the high bid


@pytest.mark.parametrize("change, supply_change, use_change", [
    ({"action": "production", "factor": 1.5}, 3e6, 0),
    ({"action": "production", "add": 1e6}, 1e6, 0),
    ({"action": "production", "set": 7e6}, 1e6, 0),
    ({"action": "consumption", "set": 10_000, "per": "day"}, 0, 0),
    ({"action": "consumption", "factor": 2}, 0, 3.66e6),
])
def test_whatif_production_and_consumption_changes(store, change, supply_change, use_change):
    result = run(store, change)
    assert result.supply_change.central == pytest.approx(supply_change)
    assert result.balance_change.central == pytest.approx(supply_change - use_change)


def test_whatif_shortfall_when_consumption_exceeds_supply(store):
    result = run(store, {"action": "stop", "supplier": "PRK"},
                 {"action": "consumption", "set": 20_000, "per": "day"})
    assert result.after.balance.central == pytest.approx(6e6 - 7.32e6)
    assert result.after.shortfall.central == pytest.approx(1.32e6)


def test_whatif_inputs_are_marked_evidence_or_user(store):
    result = run(store, {"action": "stop", "supplier": "PRK"})
    inputs = {i.name: i for i in result.inputs}
    prk = inputs["import:PRK"]
    assert prk.origin == "evidence" and len(prk.claim_ids) == 2 and len(prk.record_ids) == 2
    assert inputs["production"].origin == "evidence"
    assert inputs["change: stop PRK"].origin == "user"


def test_whatif_missing_production_leaves_balance_open_but_change_known():
    store = make_store((doc("a"), [rec("a", value=3e6, **YEAR),
                                   measure("a", "consumption", value=10_000, per="day")]))
    result = run(store, {"action": "stop", "supplier": "PRK"})
    assert result.before.balance is None and result.after.supply is None
    assert result.balance_change == Range.point(-3e6)
    assert any(m.startswith("production: no evidence") for m in result.missing)
    filled = run(store, {"action": "stop", "supplier": "PRK"},
                 baseline={"production": [2e6, 4e6]})
    assert filled.before.balance is not None
    assert {i.name: i.origin for i in filled.inputs}["production"] == "user"


def test_whatif_change_without_evidence_is_listed_and_has_no_effect(store):
    result = run(store, {"action": "stop", "supplier": "IRN"})
    assert result.supply_change == Range.point(0)
    assert any("no figure for imports from IRN" in m for m in result.missing)


def test_whatif_scenario_files_yaml_and_json(tmp_path, store):
    spec = {"name": "stop", "recipient": "RUS", "what": "artillery_ammunition",
            "period": 2024, "changes": [{"action": "stop", "supplier": "PRK"}]}
    (tmp_path / "s.json").write_text(json.dumps(spec))
    (tmp_path / "s.yaml").write_text(
        "name: stop\nrecipient: RUS\nwhat: artillery_ammunition\nperiod: 2024\n"
        "changes:\n  - {action: stop, supplier: PRK}\n")
    for name in ("s.json", "s.yaml"):
        scenario = load_scenario(tmp_path / name)
        assert scenario == Scenario.from_dict(spec)
        assert whatif(store, tmp_path / name).balance_change.central == -3e6


@pytest.mark.parametrize("spec, message", [
    ({"recipient": None}, "missing 'recipient'"),
    ({"changes": [{"action": "halt"}]}, "one of stop, scale"),
    ({"changes": [{"action": "scale", "supplier": "PRK"}]}, "needs 'factor'"),
    ({"changes": [{"action": "add", "supplier": "CHN", "capacity": "lots"}]}, "not an amount"),
    ({"changes": [{"action": "add", "supplier": "CHN", "capacity": [5, 1]}]}, "low <= central"),
    ({"changes": [{"action": "production", "set": 1, "factor": 2}]}, "exactly one of"),
    ({"changes": [{"action": "add", "supplier": "C", "capacity": 1, "per": "hour"}]},
     "per must be"),
])
def test_whatif_bad_scenarios_say_what_to_fix(spec, message):
    base = {"recipient": "RUS", "what": "artillery_ammunition", "period": "2024"}
    with pytest.raises(ConfigError, match=message):
        Scenario.from_dict({**base, **spec})


def test_whatif_unreadable_scenario_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read scenario"):
        load_scenario(tmp_path / "nope.yaml")
    (tmp_path / "bad.yaml").write_text("changes: [")
    with pytest.raises(ConfigError, match="cannot parse scenario"):
        load_scenario(tmp_path / "bad.yaml")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_whatif_example_scenarios_load_and_run(path, store):
    result = whatif(store, load_scenario(path))
    assert result.balance_change is not None


def test_whatif_change_outside_the_period_is_a_config_error(store):
    with pytest.raises(ConfigError, match="outside the period 2024"):
        run(store, {"action": "stop", "supplier": "PRK", "from": "2025-01-01"})


def test_whatif_changes_built_in_python_are_checked_too(store):
    with pytest.raises(ConfigError, match="needs 'factor'"):
        Change("scale", supplier="PRK")
    scenario = Scenario("stop", "RUS", "artillery_ammunition", "2024",
                        (Change("stop", supplier="PRK"),))
    assert whatif(store, scenario).supply_change == Range(-4e6, -3e6, -2e6)


def test_whatif_balance_change_compares_runs_with_the_same_figures():
    """Supply and consumption both uncertain: doubling PRK's shipments and raising fire by
    half changes the balance run by run (the low run's figures together), not by interval
    subtraction, which would pair the low supply change with the high consumption change
    (-1.66M to +2.17M instead of +0.17M to +0.34M)."""
    store = make_store((doc("a"), [
        measure("a", "production", value=6e6, **YEAR),
        rec("a", value=2e6, by="UKR", **YEAR), rec("a", value=4e6, by="KOR", **YEAR),
        measure("a", "consumption", value=10_000, per="day", by="NATO"),
        measure("a", "consumption", value=20_000, per="day", by="RUSI")]))
    result = run(store, {"action": "scale", "supplier": "PRK", "factor": 2},
                 {"action": "consumption", "factor": 1.5})
    runs = sorted([2e6 - 0.5 * 3.66e6, 4e6 - 0.5 * 7.32e6])
    assert (result.balance_change.low, result.balance_change.high) == pytest.approx(tuple(runs))
