"""The system behind the reports: flows, the event network, dependence and what-if.

Every number carries the claims and records it came from; every rule is stated where it is
applied and in docs/analysis.md. ::

    from sinew import Store
    from sinew.analysis import depend, flows, whatif

    with Store("sinew.duckdb", read_only=True) as store:
        dep = depend(store, "RUS", "artillery_ammunition", "2024")
        for term in dep.imports:
            print(term.name, term.range, term.share)
        result = whatif(store, {"recipient": "RUS", "what": "artillery_ammunition",
                                "period": "2024",
                                "changes": [{"action": "stop", "supplier": "PRK"}]})
        print(result.balance_change)
"""

from __future__ import annotations

from .aggregates import StoredClaim, claim_sources, rebuild
from .charts import plot_balance, plot_supply
from .claims import CENTRAL_RULE, UNIT_SYNONYMS, Claim, Estimate, Figure, Source, Unplaced
from .dependence import (HHI_SCALE, Dependence, SupplyTerm, depend, hhi, shares,
                         supply_over_time)
from .flows import Flow, flows
from .network import (Edge, Month, Network, Node, network, plover_quad, plover_score,
                      write_gexf, write_graphml)
from .periods import Period, Range
from .whatif import Balance, Change, Input, Scenario, WhatIf, load_scenario, whatif

__all__ = [
    "CENTRAL_RULE",
    "HHI_SCALE",
    "UNIT_SYNONYMS",
    "Balance",
    "Change",
    "Claim",
    "Dependence",
    "Edge",
    "Estimate",
    "Figure",
    "Flow",
    "Input",
    "Month",
    "Network",
    "Node",
    "Period",
    "Range",
    "Scenario",
    "Source",
    "StoredClaim",
    "SupplyTerm",
    "Unplaced",
    "WhatIf",
    "claim_sources",
    "depend",
    "flows",
    "hhi",
    "load_scenario",
    "network",
    "plot_balance",
    "plot_supply",
    "plover_quad",
    "plover_score",
    "rebuild",
    "shares",
    "supply_over_time",
    "whatif",
    "write_gexf",
    "write_graphml",
]
