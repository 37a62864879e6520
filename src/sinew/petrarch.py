"""Readers for PETRARCH-format actor and agent dictionaries (the Phoenix dictionaries of the
Open Event Data Alliance, the PETRARCH validation dictionaries), into typed tables.

The format (PETRARCH2 ``dictionaries.rst``):

- ``#`` starts a comment (``;``, TABARI's comment mark, too); ``<!-- ... -->`` blocks, which may
  span lines, and lines starting with ``<`` are comments; blank lines are skipped.
- Actors: a primary phrase with an optional ``[CODE]``, synonym lines starting with ``+`` (several
  may share a line), and code lines ``[CODE]`` on the same line or on following indented lines.
  A code may carry a date restriction: ``[X <130201]`` (up to), ``[X >130201]`` (from),
  ``[X 080101-090120]`` (between, inclusive); dates are YYMMDD or YYYYMMDD. ``[A/B/C]`` is a
  compound actor (the phrase stands for several actors); ``[---]`` and ``[+++]`` are null codes.
- Agents: ``PHRASE {PLURALS} [~CODE]``; ``~CODE`` is a suffix code (added after the actor's
  code: "police" ``[~COP]``), ``CODE~`` a prefix code (``[NGO~]``). Regular plurals are made
  automatically; ``{X Y}`` lists irregular ones, ``{}`` makes none. ``!SET! = A, B`` defines a
  substitution set; a phrase containing ``!SET!`` stands for one phrase per member, no plurals.

``_`` joins words and is read as a space. Phrases keep the dictionary's upper case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import ConfigError

__all__ = ["Actor", "ActorTable", "Agent", "AgentTable", "DatedCode", "convert_actors", "convert_agents",
           "display", "parse_record", "read_actors", "read_agents", "record_text"]

NULL_CODES = frozenset({"---", "+++"})
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:/[A-Za-z][A-Za-z0-9]*)*|---|\+\+\+")
_DATE = r"(\d{8}|\d{6})"
_RESTRICTION = re.compile(rf"(?:([<>])\s*{_DATE}|{_DATE}\s*-\s*{_DATE})")
_AGENT_CODE = re.compile(r"~([A-Za-z0-9]+)|([A-Za-z0-9]+)~")
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_SET_DEF = re.compile(r"(![A-Za-z]+!)\s*=\s*(.+)")


@dataclass(frozen=True)
class DatedCode:
    """One code of an actor: ``codes`` has one code, several for a compound actor, none for a
    null code; ``start``/``end`` are ISO dates (inclusive), None when open."""

    codes: tuple[str, ...]
    start: str | None = None
    end: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class Actor:
    """One record: its phrases (the primary one first, ``_`` read as a space) and codes."""

    phrases: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    line: int


@dataclass(frozen=True)
class ActorTable:
    source: str
    actors: tuple[Actor, ...]
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agent:
    """An agent: its phrases (singular, plurals, substitutions) and code. ``prefix`` is true for
    codes written ``CODE~`` (placed before the actor's code)."""

    phrases: tuple[str, ...]
    code: str
    prefix: bool
    line: int


@dataclass(frozen=True)
class AgentTable:
    source: str
    agents: tuple[Agent, ...]
    skipped: tuple[str, ...] = ()


class _Bad(ValueError):
    """A malformed line; the message says what is expected."""


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered lines with comments removed (``<!-- -->`` blocks may span lines)."""
    in_block = False
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"cannot read dictionary {path}: {exc.strerror}") from exc
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_block:
            if "-->" not in line:
                continue
            line, in_block = line.split("-->", 1)[1], False
        while "<!--" in line:
            head, rest = line.split("<!--", 1)
            if "-->" in rest:
                line = head + rest.split("-->", 1)[1]
            else:
                line, in_block = head, True
        if line.lstrip().startswith("<"):
            continue
        line = re.split(r"[#;]", line, maxsplit=1)[0]
        if line.strip():
            yield number, line


def _phrase(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


def _iso(date: str) -> str:
    """YYMMDD (years up to 29 are 20YY) or YYYYMMDD as an ISO date."""
    if len(date) == 6:
        year = int(date[:2])
        date = f"{2000 + year if year < 30 else 1900 + year}{date[2:]}"
    year, month, day = int(date[:4]), int(date[4:6]), int(date[6:])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise _Bad(f"{date} is not a date (write YYMMDD or YYYYMMDD)")
    return f"{year:04d}-{month:02d}-{day:02d}"


def _code(body: str) -> DatedCode:
    """The content of one ``[...]``: a code and an optional date restriction."""
    body = body.strip()
    head, rest = re.match(r"(\S*)\s*(.*)", body).groups()  # type: ignore[union-attr]
    if not _CODE.fullmatch(head):
        if re.match(r"[<>\d]", body):
            raise _Bad(f"[{body}] has a date restriction but no code (write [CODE {body}])")
        raise _Bad(f"[{body}] is not a code (letters and digits, A/B for a compound actor, "
                   "--- for none)")
    codes = () if head in NULL_CODES else tuple(head.upper().split("/"))
    if not rest:
        return DatedCode(codes)
    found = _RESTRICTION.fullmatch(rest)
    if found is None:
        raise _Bad(f"[{body}]: date restriction {rest!r} must be <DATE, >DATE or DATE-DATE "
                   "with dates as YYMMDD or YYYYMMDD")
    op, date, first, last = found.groups()
    if op == "<":
        return DatedCode(codes, end=_iso(date))
    if op == ">":
        return DatedCode(codes, start=_iso(date))
    return DatedCode(codes, start=_iso(first), end=_iso(last))


def _split_codes(line: str) -> tuple[str, list[DatedCode]]:
    """The text before the first ``[`` and the codes of every bracket on the line."""
    if line.count("[") != line.count("]"):
        raise _Bad("unbalanced brackets (a code is written [CODE])")
    text = line.split("[", 1)[0]
    return text, [_code(body) for body in _BRACKET.findall(line)]


class _Reader:
    """Shared error handling: strict readers raise, lenient ones record and skip."""

    def __init__(self, path: str | Path, strict: bool):
        self.path = Path(path)
        self.strict = strict
        self.skipped: list[str] = []

    def bad(self, number: int, exc: _Bad) -> None:
        message = f"dictionary {self.path} line {number}: {exc}"
        if self.strict:
            raise ConfigError(message) from None
        self.skipped.append(message)


def read_actors(path: str | Path, *, strict: bool = True) -> ActorTable:
    """The actors of a PETRARCH actor dictionary. A malformed line is a ConfigError naming the
    file, the line and the fix; with ``strict=False`` it is skipped and listed in ``skipped``."""
    reader = _Reader(path, strict)
    actors: list[Actor] = []
    phrases: list[str] = []
    codes: list[DatedCode] = []
    start = 0

    def close() -> None:
        if phrases:
            actors.append(Actor(tuple(dict.fromkeys(phrases)), tuple(codes), start))

    for number, line in _lines(reader.path):
        try:
            text, found = _split_codes(line)
        except _Bad as exc:
            reader.bad(number, exc)
            continue
        stripped = text.strip()
        if stripped.startswith("+") or not stripped:
            if not phrases:
                reader.bad(number, _Bad("a synonym or code line before any actor (start the "
                                        "record with its primary phrase)"))
                continue
            phrases.extend(p for p in map(_phrase, stripped.split("+")) if p)
            codes.extend(found)
            continue
        close()
        phrases, codes, start = [_phrase(stripped)], list(found), number
    close()
    return ActorTable(str(path), tuple(actors), tuple(reader.skipped))


def _plurals(root: str) -> list[str]:
    """The regular plural: +S, Y -> IES, SS -> ES."""
    if root.endswith("Y") and not root[-2:-1] in ("A", "E", "O", "U"):
        return [root[:-1] + "IES"]
    if root.endswith(("SS", "SH", "CH", "X")):
        return [root + "ES"]
    return [root + "S"]


def _agent_phrases(text: str, sets: dict[str, list[str]]) -> list[str]:
    """The phrases of one agent line (before its code): substitutions, then plurals."""
    plural_part = re.search(r"\{([^{}]*)\}", text)
    root = _phrase(text[:plural_part.start()] if plural_part else text)
    if not root:
        raise _Bad("an agent needs a phrase before its code")
    marker = re.search(r"![A-Za-z]+!", root)
    if marker is not None:
        if marker.group() not in sets:
            raise _Bad(f"substitution set {marker.group()} is not defined (define it first: "
                       f"{marker.group()} = A, B)")
        return [root.replace(marker.group(), item) for item in sets[marker.group()]]
    if plural_part is None:
        return [root, *_plurals(root)]
    return [root, *(_phrase(p) for p in plural_part.group(1).split())]


def _agent(text: str, body: str, sets: dict[str, list[str]], number: int) -> Agent:
    found = _AGENT_CODE.fullmatch(body.strip())
    if found is None:
        raise _Bad(f"[{body.strip()}] is not an agent code (write [~CODE] to add it after the "
                   "actor's code or [CODE~] to put it before)")
    suffix, prefix = found.groups()
    return Agent(tuple(dict.fromkeys(_agent_phrases(text, sets))), (suffix or prefix).upper(),
                 prefix is not None, number)


def read_agents(path: str | Path, *, strict: bool = True) -> AgentTable:
    """The agents of a PETRARCH agent dictionary; errors as in :func:`read_actors`."""
    reader = _Reader(path, strict)
    sets: dict[str, list[str]] = {}
    agents: list[Agent] = []
    for number, line in _lines(reader.path):
        try:
            definition = _SET_DEF.fullmatch(line.strip())
            if definition is not None:
                sets[definition.group(1)] = [p.strip() for p in definition.group(2).split(",")
                                             if p.strip()]
                continue
            bodies = _BRACKET.findall(line)
            if len(bodies) != 1 or line.count("[") != 1 or line.count("]") != 1:
                raise _Bad("an agent line is PHRASE {PLURALS} [~CODE] with exactly one code")
            agents.append(_agent(line.split("[", 1)[0], bodies[0], sets, number))
        except _Bad as exc:
            reader.bad(number, exc)
    return AgentTable(str(path), tuple(agents), tuple(reader.skipped))


# ---- conversion into sinew's lexicon format (used by scripts/convert_petrarch.py) ----

_KEEP_UPPER = re.compile(r".*[.\d].*|[^AEIOUY]+")  # "U.S.", "G7", "PKK": already as written


def display(phrase: str) -> str:
    """A dictionary phrase (upper case) as a name: "AL-SHABAAB" -> "Al-Shabaab"."""
    return " ".join(w if _KEEP_UPPER.fullmatch(w) else w.title() for w in phrase.split())


def _code_text(dated: DatedCode, igo: dict[str, str]) -> str | None:
    """``COUNTRY.SECTOR`` (``+`` between the parts of a compound), then ``START..END``."""
    parts = []
    for code in dated.codes:
        country, sector = code[:3], code[3:]
        for prefix in sorted(igo, key=len, reverse=True):
            if code.startswith(prefix):
                country, sector = igo[prefix], code[len(prefix):]
                break
        parts.append(country + (f".{sector}" if sector else ""))
    if not parts:
        return None
    text = "+".join(parts)
    if dated.dated:
        text += f" {dated.start or ''}..{dated.end or ''}"
    return text


def convert_actors(tables: list[ActorTable], igo: dict[str, str]) -> dict[str, dict]:
    """Actor records in sinew's ``phoenix.yaml`` shape, keyed by display name. ``igo`` maps a
    dictionary code prefix to the curated organisation code ("IGOUNO" -> "UN"). Records
    without a usable code are dropped, and so are undated aliases that two records give
    different codes (an ambiguous name cannot be resolved)."""
    records: dict[str, dict] = {}
    for table in tables:
        for actor in table.actors:
            codes = [c for c in (_code_text(d, igo) for d in actor.codes) if c]
            if not codes:
                continue
            names = [display(p[4:] if p.startswith("THE ") else p) for p in actor.phrases]
            names = [n for n in dict.fromkeys(names) if len(n) > 1 and not set(n) & set(";|")]
            how = "leader" if any(d.dated for d in actor.codes) else "name"
            key, n = names[0] if names else "", 1
            while key in records:
                n += 1
                key = f"{names[0]} ({n})"
            if names:
                records[key] = {"how": how, "names": names, "codes": codes}
    return _drop_ambiguous(records)


def record_text(record: dict) -> str:
    """A converted record as one line, ``HOW; CODE, CODE; NAME | NAME`` (compact and quick to
    load: a YAML mapping per record takes twenty times longer to parse)."""
    return f"{record['how']}; {', '.join(record['codes'])}; {' | '.join(record['names'])}"


def parse_record(text: str) -> dict:
    """The inverse of :func:`record_text`."""
    how, codes, names = (text.split("; ", 2) + ["", ""])[:3]
    return {"how": how, "codes": [c for c in codes.split(", ") if c],
            "names": [n for n in names.split(" | ") if n]}


def _drop_ambiguous(records: dict[str, dict]) -> dict[str, dict]:
    owners: dict[str, set[str]] = {}
    for record in records.values():
        if record["how"] == "name":
            for name in record["names"]:
                owners.setdefault(name.lower(), set()).add(" ".join(record["codes"]))
    ambiguous = {name for name, codes in owners.items() if len(codes) > 1}
    out = {}
    for key, record in records.items():
        if record["how"] == "name":
            record = {**record, "names": [n for n in record["names"]
                                          if n.lower() not in ambiguous]}
        if record["names"]:
            out[key] = record
    return out


def convert_agents(table: AgentTable) -> dict[str, dict[str, str]]:
    """Agents in sinew's ``agents.yaml`` shape: ``words`` (one word, lower case) and
    ``phrases`` (several words) mapped to their code, a prefix code written as in the
    dictionary (``NGO~``: it goes before the actor's code). A phrase whose last word is already
    an agent with the same code adds nothing and is dropped; the first entry of a phrase wins."""
    words: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for agent in table.agents:
        code = agent.code + "~" if agent.prefix else agent.code
        for phrase in agent.phrases:
            phrase = phrase.lower()
            if re.fullmatch(r"[a-z][a-z.'-]*", phrase):
                words.setdefault(phrase, code)
            elif re.fullmatch(r"[a-z][a-z.' -]*[a-z.]", phrase):
                phrases.setdefault(phrase, code)
    phrases = {p: c for p, c in phrases.items() if words.get(p.rsplit(" ", 1)[1]) != c}
    return {"words": dict(sorted(words.items())), "phrases": dict(sorted(phrases.items()))}
