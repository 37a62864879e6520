"""Dependence on hand-built stores: supply terms, shares with ranges, HHI, missing terms."""

from __future__ import annotations

import pytest

from sinew.analysis import Range, depend, flows, hhi, shares
from builders import doc, make_store, measure, only, rec

YEAR = dict(start="2024-01-01", end="2024-12-31")


def _store(*records, published="2024-06-01"):
    return make_store((doc("a", published), list(records)))


@pytest.mark.parametrize("fractions, index", [
    ([0.6, 0.4], 5200), ([1.0], 10_000), ([0.5, 0.5], 5000), ([0.25] * 4, 2500)])
def test_dependence_hhi_on_the_0_to_10000_scale(fractions, index):
    assert hhi(fractions) == pytest.approx(index)


def test_dependence_shares_take_the_others_at_the_opposite_bound():
    out = shares({"PRK": Range(2e6, 3e6, 4e6), "IRN": Range.point(1e6)})
    assert out["PRK"] == Range(pytest.approx(2 / 3), pytest.approx(0.75), pytest.approx(0.8))
    assert out["IRN"] == Range(pytest.approx(1 / 5), pytest.approx(0.25), pytest.approx(1 / 3))


def test_dependence_terms_shares_and_hhi():
    store = _store(measure("a", "production", value=6e6, **YEAR),
                   rec("a", value=3e6, by="KOR", **YEAR),
                   rec("a", supplier="IRN", value=1e6, by="USA", **YEAR),
                   measure("a", "consumption", value=10_000, per="day"))
    dep = depend(store, "rus", "artillery_ammunition", "2024")
    assert dep.recipient == "RUS" and dep.unit == "shell"
    assert dep.production.range == Range.point(6e6)
    imports = {t.name: t for t in dep.imports}
    assert imports["PRK"].import_share.central == pytest.approx(0.75)
    assert imports["PRK"].share.central == pytest.approx(0.3)
    assert dep.production.share.central == pytest.approx(0.6)
    assert dep.imports_total == Range.point(4e6)
    assert dep.supply_total == Range.point(10e6)
    assert dep.hhi == pytest.approx(75 ** 2 + 25 ** 2)
    assert dep.consumption.range == Range.point(3.66e6)
    assert dep.missing == ()


def test_dependence_supplier_range_comes_from_conflicting_sources():
    store = _store(measure("a", "production", value=3e6, **YEAR),
                   rec("a", value=2e6, by="UKR", **YEAR), rec("a", value=4e6, by="KOR", **YEAR))
    prk = only(depend(store, "RUS", "artillery_ammunition", "2024").imports)
    assert prk.range == Range(2e6, 3e6, 4e6)
    assert prk.share == Range(pytest.approx(2 / 5), pytest.approx(0.5), pytest.approx(4 / 7))
    assert sorted(s.independence for c in prk.claims for s in c.sources) == [
        "attribution:KOR", "attribution:UKR"]


def test_dependence_missing_production_is_reported_not_invented():
    store = _store(rec("a", value=3e6, **YEAR))
    dep = depend(store, "RUS", "artillery_ammunition", "2024")
    assert dep.production.range is None
    assert dep.production.missing == "no evidence in the store"
    assert dep.supply_total is None and dep.production.share is None
    assert any(m.startswith("domestic production: no evidence") for m in dep.missing)
    assert dep.imports_total == Range.point(3e6)
    assert dep.hhi == 10_000


def test_dependence_hypothetical_production_is_missing_with_the_reason():
    store = _store(measure("a", "production", value=4.5e6, modality="hypothetical", **YEAR),
                   rec("a", value=3e6, **YEAR))
    dep = depend(store, "RUS", "artillery_ammunition", "2024")
    assert "hypothetical" in dep.production.missing


def test_dependence_figures_in_other_units_are_not_converted():
    store = _store(measure("a", "production", value=3e6, **YEAR),
                   rec("a", value=13_000, unit="container", **YEAR),
                   rec("a", supplier="IRN", value=1e6, **YEAR))
    dep = depend(store, "RUS", "artillery_ammunition", "2024")
    prk = next(t for t in dep.imports if t.name == "PRK")
    assert prk.range is None
    assert prk.missing == "figures only in container (not converted to shell)"
    assert dep.supply_total is None
    assert "only the suppliers with figures" in " ".join(dep.notes)
    assert depend(store, "RUS", "artillery_ammunition", "2024", unit="container").unit == \
        "container"


def test_dependence_unresolved_supplier_is_listed_not_counted():
    store = _store(measure("a", "production", value=3e6, **YEAR),
                   rec("a", value=1e6, **YEAR), rec("a", supplier=None, value=5e6, **YEAR))
    dep = depend(store, "RUS", "artillery_ammunition", "2024")
    assert [t.name for t in dep.imports] == ["PRK"]
    assert only(dep.unresolved).range == Range.point(5e6)
    assert dep.supply_total == Range.point(4e6)


def test_dependence_numbers_trace_to_sentences():
    store = _store(measure("a", "production", value=3e6, **YEAR), rec("a", value=1e6, **YEAR))
    prk = only(depend(store, "RUS", "artillery_ammunition", "2024").imports)
    claim_id = only(prk.estimate.figures).claim_id
    record_id = only(only([c for c in prk.claims if c.id == claim_id]).record_ids)
    stored = only([r for r in store.events() if r.id == record_id])
    assert only(prk.claims).sources[0].evidence == stored.evidence.text


def test_dependence_other_years_and_recipients_stay_out():
    store = _store(rec("a", value=1e6, start="2023-01-01", end="2023-12-31"),
                   rec("a", recipient="UKR", value=2e6, **YEAR))
    dep = depend(store, "RUS", "artillery_ammunition", "2024")
    assert dep.imports == () and dep.unit is None
    assert any(m.startswith("imports: no supplier flows") for m in dep.missing)


def test_dependence_claim_ids_match_the_flows():
    store = _store(rec("a", value=1e6, **YEAR))
    prk = only(depend(store, "RUS", "artillery_ammunition", "2024").imports)
    assert [c.id for c in prk.claims] == [c.id for c in only(flows(store)).claims]
