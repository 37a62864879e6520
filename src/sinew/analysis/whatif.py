"""What-if: change the terms of a recipient's supply and see the balance against consumption.

A :class:`Scenario` (a YAML or JSON file, or built in Python) names a recipient, a commodity
and a period, optional user-set baseline terms, and a list of changes:

* ``stop`` a supplier, ``scale`` a supplier by a factor;
* ``add`` a supplier with a capacity; ``bid``: a bidder takes up to its capacity out of a
  supplier's flow (a richer buyer winning the supplier over);
* ``production`` / ``consumption``: ``set`` to an amount, ``add`` an amount or scale by a
  ``factor``.

Amounts are for the whole period unless ``per`` (day, week, month, year) makes them rates; a
change with ``from``/``until`` applies to that share of the period's days. Any number may be a
range (``[low, high]`` or ``{low, central, high}``).

The baseline comes from :func:`~sinew.analysis.dependence.depend`. The model is evaluated
three times, with every term at its low, central and high figure (a user range in the
direction that lowers supply in the low run); supply's range is the spread of the three runs.
Balance = supply - consumption with interval arithmetic (its low is the low supply against the
high consumption); shortfall = max(0, -balance). The change in the balance compares runs with
the same figures, so the shared uncertainty of the untouched terms cancels.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Mapping

import yaml

from ..errors import ConfigError
from ..store import Store
from .dependence import Dependence, SupplyTerm, depend, page_claims
from .periods import Period, Range, parse_day

__all__ = ["ACTIONS", "Balance", "Change", "Input", "Scenario", "WhatIf", "apply_scenario",
           "load_scenario", "whatif"]

ACTIONS = ("stop", "scale", "add", "bid", "production", "consumption")
_STATES = ("low", "central", "high")
_SUPPLY, _CONSUMPTION = "supply", "consumption"


@dataclass(frozen=True)
class Change:
    """One change; which fields it needs depends on ``action`` (see the module docstring)."""

    action: str
    supplier: str | None = None
    bidder: str | None = None
    factor: Range | None = None
    amount: Range | None = None
    how: str | None = None
    per: str | None = None
    start: str | None = None
    end: str | None = None

    def __post_init__(self) -> None:
        _check(self)

    def describe(self) -> str:
        what = {"stop": f"stop {self.supplier}",
                "scale": f"scale {self.supplier} x {_fmt(self.factor)}",
                "add": f"add supplier {self.supplier}: {_fmt(self.amount)}",
                "bid": f"{self.bidder} bids {_fmt(self.amount)} away from {self.supplier}"}
        text = what.get(self.action) or (f"{self.action} {self.how} "
                                         f"{_fmt(self.factor or self.amount)}")
        per = f" per {self.per}" if self.per else ""
        window = f" from {self.start or 'start'} until {self.end or 'end'}" \
            if self.start or self.end else ""
        return text + per + window


def _fmt(value: Range | None) -> str:
    if value is None:
        return ""
    if value.low == value.high:
        return _show(value.central)
    return f"{_show(value.low)}..{_show(value.high)}"


def _show(number: float) -> str:
    return f"{number:,.0f}" if abs(number) >= 100 else f"{number:g}"


@dataclass(frozen=True)
class Scenario:
    """What to change, for whom, over which period. ``baseline`` sets terms by hand, replacing
    the evidence for them; its keys are ``production``, ``consumption`` and ``import:CODE``
    (a file may write just the supplier's code)."""

    name: str
    recipient: str
    what: str
    period: str
    changes: tuple[Change, ...] = ()
    unit: str | None = None
    asserted_only: bool = False
    baseline: Mapping[str, Range] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "scenario") -> "Scenario":
        if not isinstance(data, Mapping):
            raise ConfigError(f"{where}: expected a mapping with recipient, what, period and "
                              "changes")
        for key in ("recipient", "what", "period"):
            if not data.get(key):
                raise ConfigError(f"{where}: missing {key!r} (e.g. recipient: RUS, what: "
                                  "artillery_ammunition, period: 2024)")
        changes = data.get("changes") or []
        if not isinstance(changes, list):
            raise ConfigError(f"{where}: 'changes' must be a list of changes")
        baseline = data.get("baseline") or {}
        if not isinstance(baseline, Mapping):
            raise ConfigError(f"{where}: 'baseline' must map a term to an amount")
        return cls(str(data.get("name") or where), str(data["recipient"]).upper(),
                   str(data["what"]), str(data["period"]),
                   tuple(_change(c, f"{where} changes[{i}]") for i, c in enumerate(changes)),
                   data.get("unit"), bool(data.get("asserted_only", False)),
                   {_term_key(k): _amount(v, f"{where} baseline.{k}")
                    for k, v in baseline.items()})


def _term_key(name: Any) -> str:
    """``production``, ``consumption`` or ``import:CODE`` for a supplier's code."""
    name = str(name)
    return name.lower() if name.lower() in ("production", "consumption") \
        else f"import:{name.upper()}"


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario from a YAML or JSON file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read scenario {path}: {exc.strerror} (give the path to a "
                          "YAML or JSON scenario file)") from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot parse scenario {path}: {exc}") from exc
    return Scenario.from_dict(data, str(path))


def _amount(value: Any, where: str) -> Range:
    """A number, ``[low, high]`` or ``{low, central, high}`` as a Range."""
    try:
        if isinstance(value, Mapping):
            low, high = _number(value["low"]), _number(value["high"])
            central = _number(value["central"]) if "central" in value else (low + high) / 2
        elif isinstance(value, (list, tuple)) and len(value) == 2:
            low, high = map(_number, value)
            central = (low + high) / 2
        else:
            low = central = high = _number(value)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {value!r} is not an amount (write 1000000, "
                          "[800000, 1200000] or {low: .., central: .., high: ..})") from exc
    if not low <= central <= high:
        raise ConfigError(f"{where}: need low <= central <= high, got {value!r}")
    return Range(low, central, high)


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    return float(str(value).replace(",", "").replace("_", ""))


#: The fields each action needs, by their names in a scenario file.
_NEEDS = {"stop": ("supplier",), "scale": ("supplier", "factor"),
          "add": ("supplier", "capacity"), "bid": ("bidder", "supplier", "capacity")}
_HOWS = ("set", "add", "factor")


def _check(change: Change) -> None:
    """Raise ConfigError naming what a change lacks; shared by files and Python callers."""
    if change.action not in ACTIONS:
        raise ConfigError(f"each change needs an action, one of {', '.join(ACTIONS)}")
    given = {"supplier": change.supplier, "bidder": change.bidder, "factor": change.factor,
             "capacity": change.amount}
    for key in _NEEDS.get(change.action, ()):
        if given[key] is None:
            raise ConfigError(f"action {change.action!r} needs {key!r}")
    if change.action in ("production", "consumption"):
        value = change.factor if change.how == "factor" else change.amount
        if change.how not in _HOWS or value is None:
            raise ConfigError(f"{change.action} needs exactly one of set, add or factor")
    if change.per not in (None, "day", "week", "month", "year"):
        raise ConfigError("per must be day, week, month or year")


def _change(data: Any, where: str) -> Change:
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: each change needs an action, one of {', '.join(ACTIONS)}")
    hows = [k for k in _HOWS if k in data]
    how = hows[0] if data.get("action") in ("production", "consumption") and len(hows) == 1 \
        else None
    factor = data.get("factor")
    amount = data.get("capacity", data.get(how) if how in ("set", "add") else None)
    factor = _amount(factor, f"{where}.factor") if factor is not None else None
    amount = _amount(amount, f"{where}.amount") if amount is not None else None
    try:
        return Change(data.get("action"), _code(data.get("supplier")),
                      _code(data.get("bidder")), factor, amount, how, data.get("per"),
                      _iso(data.get("from")), _iso(data.get("until")))
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc.message}") from exc


def _code(value: Any) -> str | None:
    return str(value).upper() if value not in (None, "") else None


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else (str(value) if value else None)


@dataclass(frozen=True)
class Input:
    """One number the scenario rests on and where it comes from: ``evidence`` (with the claims
    and records behind it), ``user`` (set in the scenario) or ``missing``."""

    name: str
    origin: str
    value: Range | None
    claim_ids: tuple[str, ...] = ()
    record_ids: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Balance:
    """Supply (each term and the sum), consumption, balance and shortfall as ranges; a value
    is ``None`` when a term it needs is missing."""

    terms: Mapping[str, Range | None]
    supply: Range | None
    consumption: Range | None
    balance: Range | None
    shortfall: Range | None


@dataclass(frozen=True)
class WhatIf:
    scenario: Scenario
    unit: str | None
    before: Balance
    after: Balance
    supply_change: Range | None
    balance_change: Range | None
    inputs: tuple[Input, ...]
    missing: tuple[str, ...]
    dependence: Dependence

    def to_dict(self) -> dict[str, Any]:
        data = {k: asdict(getattr(self, k)) if getattr(self, k) is not None else None
                for k in ("scenario", "before", "after", "supply_change", "balance_change")}
        data.update(unit=self.unit, inputs=[asdict(i) for i in self.inputs],
                    missing=list(self.missing), dependence=self.dependence.to_dict())
        return data


def whatif(store: Store, scenario: Scenario | Mapping[str, Any] | str | Path, *,
           evidence: int | None = None, claims: int | None = None, term: str | None = None,
           cursor: str | None = None) -> WhatIf:
    """Run ``scenario`` (a Scenario, its dict, or a file path) against the evidence in
    ``store`` (each claim with its first ``evidence`` sources, all for ``None``). With
    ``claims``, the answer's dependence lists a page of each term's claims, as
    :func:`~sinew.analysis.dependence.depend` does; the scenario runs on all of them."""
    if isinstance(scenario, (str, Path)):
        scenario = load_scenario(scenario)
    elif not isinstance(scenario, Scenario):
        scenario = Scenario.from_dict(scenario)
    dep = depend(store, scenario.recipient, scenario.what, scenario.period,
                 unit=scenario.unit, asserted_only=scenario.asserted_only, evidence=evidence)
    result = apply_scenario(dep, scenario)
    if claims is None:
        return result
    return replace(result, dependence=page_claims(dep, claims, term=term, cursor=cursor))


def apply_scenario(dep: Dependence, scenario: Scenario) -> WhatIf:
    """The scenario's changes applied to the baseline in ``dep`` (see the module docstring)."""
    period = dep.period
    base, inputs = _baseline(dep, scenario)
    problems = {i: p for i, c in enumerate(scenario.changes) if (p := _problem(c, base))}
    active = [c for i, c in enumerate(scenario.changes) if i not in problems]
    before = {s: _values(base, s) for s in _STATES}
    after = {s: _changed(before[s], active, s, period) for s in _STATES}
    inputs += [Input(f"change: {c.describe()}", "user", c.amount or c.factor,
                     note=problems.get(i, "set in the scenario"))
               for i, c in enumerate(scenario.changes)]
    supply_change = _spread({s: _delta(before[s], after[s], _SUPPLY) for s in _STATES})
    balance_change = _spread({s: _net(before[s], after[s]) for s in _STATES})
    missing = [f"{i.name}: {i.note}" for i in inputs if i.origin == "missing"]
    missing += [f"change {scenario.changes[i].describe()}: {p}" for i, p in problems.items()]
    return WhatIf(scenario, dep.unit, _balance(before), _balance(after), supply_change,
                  balance_change, tuple(inputs), tuple(missing), dep)


def _baseline(dep: Dependence, scenario: Scenario) -> tuple[dict[str, Range | None],
                                                             list[Input]]:
    terms = {"production": dep.production, "consumption": dep.consumption,
             **{f"import:{t.name}": t for t in dep.imports}}
    for key in scenario.baseline:
        terms.setdefault(key, None)
    base, inputs = {}, []
    for key, term in terms.items():
        user = scenario.baseline.get(key)
        if user is not None:
            base[key] = user
            inputs.append(Input(key, "user", user, note="set in the scenario baseline"))
        else:
            base[key] = term.range
            inputs.append(_evidence_input(key, term))
    return base, inputs


def _evidence_input(key: str, term: SupplyTerm) -> Input:
    if term.range is None:
        return Input(key, "missing", None, note=term.missing or "no evidence")
    figures = term.estimate.figures
    ids = tuple(f.claim_id for f in figures)
    records = tuple(r for c in term.claims if c.id in ids for r in c.record_ids)
    derived = sum(f.derived for f in figures)
    rules = f" ({'; '.join(term.estimate.rules)})" if derived else ""
    note = (f"{len(figures)} figure(s), {term.estimate.independent} independent source(s), "
            f"{derived} derived{rules}")
    return Input(key, "evidence", term.range, ids, records, note)


def _problem(change: Change, base: Mapping[str, Range | None]) -> str | None:
    """Why a change cannot apply to this baseline, or ``None``."""
    if change.action in ("stop", "scale", "bid"):
        if base.get(f"import:{change.supplier}") is None:
            return f"no figure for imports from {change.supplier} in the baseline"
    elif change.action in ("production", "consumption") and change.how != "set":
        if base.get(change.action) is None:
            return f"{change.action} is missing from the baseline (set it under baseline:)"
    return None


def _values(base: Mapping[str, Range | None], state: str) -> dict[str, float | None]:
    return {k: getattr(r, state) if r is not None else None for k, r in base.items()}


def _pick(value: Range, state: str, lowers_supply: bool = False) -> float:
    """A user range at the run's bound; one that lowers supply is read the other way round."""
    if lowers_supply and state != "central":
        state = "high" if state == "low" else "low"
    return getattr(value, state)


def _window(change: Change, period: Period) -> float:
    """The share of the period's days that a change with from/until applies to."""
    start = max(period.start, parse_day(change.start) or period.start)
    end = min(period.end, parse_day(change.end, end=True) or period.end)
    if end < start:
        raise ConfigError(f"change {change.describe()!r} lies outside the period "
                          f"{period.label} (set its from/until within the period)")
    return ((end - start).days + 1) / period.days


def _changed(values: dict[str, float | None], changes: list[Change], state: str,
             period: Period) -> dict[str, float | None]:
    out = dict(values)
    for change in changes:
        share = _window(change, period)
        key = change.action if change.action in ("production", "consumption") \
            else f"import:{change.supplier}"
        amount = None
        if change.amount is not None:
            rate = period.per(change.per) if change.per else 1.0
            amount = _pick(change.amount, state, change.action == "bid") * rate * share
        factor = 1 + (_pick(change.factor, state) - 1) * share if change.factor else None
        out[key] = _apply(change, out.get(key), amount, factor, share)
    return out


def _apply(change: Change, current: float | None, amount: float | None,
           factor: float | None, share: float) -> float | None:
    if change.action == "stop":
        return current * (1 - share)
    if change.action == "bid":
        return current - min(current, amount)
    if change.action == "add" or change.how == "add":
        return (current or 0.0) + amount
    if change.how == "set":
        return amount if share == 1 else (None if current is None
                                          else current * (1 - share) + amount)
    return current * factor


def _delta(before: Mapping[str, float | None], after: Mapping[str, float | None],
           which: str) -> float | None:
    """After minus before over supply's terms or consumption; ``None`` if a term is missing
    on one side only (a missing term left alone cancels out)."""
    keys = {k for k in (*before, *after) if (k == _CONSUMPTION) == (which == _CONSUMPTION)}
    total = 0.0
    for key in keys:
        b, a = before.get(key, 0.0), after.get(key, 0.0)  # absent: no such term, i.e. zero
        if (b is None) != (a is None):
            return None
        total += (a - b) if a is not None else 0.0
    return total


def _net(before: Mapping[str, float | None], after: Mapping[str, float | None]) -> float | None:
    """The change in the balance within one run: its supply change less its consumption
    change (figures shared by both states cancel; see the module docstring)."""
    supply, use = _delta(before, after, _SUPPLY), _delta(before, after, _CONSUMPTION)
    return None if supply is None or use is None else supply - use


def _spread(runs: Mapping[str, float | None]) -> Range | None:
    if any(v is None for v in runs.values()):
        return None
    return Range(min(runs.values()), runs["central"], max(runs.values()))


def _balance(runs: Mapping[str, Mapping[str, float | None]]) -> Balance:
    keys = runs["central"].keys()
    terms = {k: _spread({s: runs[s][k] for s in _STATES}) for k in keys}
    supply_keys = [k for k in keys if k != _CONSUMPTION]
    supply = _spread({s: None if any(runs[s][k] is None for k in supply_keys)
                      else sum(runs[s][k] for k in supply_keys) for s in _STATES}) \
        if supply_keys else None
    use = terms.get(_CONSUMPTION)
    balance = supply.minus(use) if supply is not None and use is not None else None
    shortfall = Range(max(0.0, -balance.high), max(0.0, -balance.central),
                      max(0.0, -balance.low)) if balance is not None else None
    return Balance(terms, supply, use, balance, shortfall)
