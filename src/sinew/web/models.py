"""Request bodies of the HTTP API, as pydantic models: a wrong type is a 422 naming the field
before anything runs. The library reads the validated body as it reads a scenario file
(:meth:`sinew.analysis.whatif.Scenario.from_dict`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt

__all__ = ["ScenarioBody"]

_Name = Annotated[str, Field(min_length=1, max_length=200)]
_Number = Union[StrictInt, StrictFloat]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class AmountRange(_Body):
    """An uncertain amount: low, optional central, high."""

    low: _Number
    central: _Number | None = None
    high: _Number


#: A number, ``[low, high]`` or ``{low, central, high}``.
Amount = Union[_Number, Annotated[list[_Number], Field(min_length=2, max_length=2)], AmountRange]


class ChangeBody(_Body):
    """One change of a scenario (which fields an action needs: see ``sinew whatif --help``)."""

    action: Literal["stop", "scale", "add", "bid", "production", "consumption"]
    supplier: _Name | None = None
    bidder: _Name | None = None
    factor: Amount | None = None
    capacity: Amount | None = None
    set: Amount | None = None
    add: Amount | None = None
    per: Literal["day", "week", "month", "year"] | None = None
    from_: str | None = Field(None, alias="from", pattern=r"^\d{4}-\d{2}-\d{2}$")
    until: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class ScenarioBody(_Body):
    """A what-if scenario: whose supply of what, over which period, and the changes."""

    recipient: _Name
    what: _Name
    period: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?(\.\.\d{4}(-\d{2}(-\d{2})?)?)?$")
    name: _Name | None = None
    unit: _Name | None = None
    asserted_only: StrictBool = False
    changes: list[ChangeBody] = Field(default_factory=list, max_length=100)
    baseline: dict[_Name, Amount] = Field(default_factory=dict, max_length=100)

    def to_scenario(self) -> dict[str, Any]:
        """The scenario as a file would give it (``from`` spelled as in files)."""
        return self.model_dump(by_alias=True, exclude_none=True)
