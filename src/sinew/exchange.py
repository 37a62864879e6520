"""The field's exchange formats: PLOVER/POLECAT JSON Lines and a CAMEO-coded table.

* ``plover-json``: one JSON object a line with the PLOVER manual's field names ("Data Fields":
  ``id``, ``date``, ``enddate``, ``actor``/``recipient`` as lists of entity objects with
  ``code``, ``sector``, ``entity_text``, ``identifier_text``; ``event``, ``mode`` and ``context``
  as lists; ``event_loc`` with the location object's names; ``event_text``, ``quad_code``,
  ``event_scale``, ``text``, ``text_info``, ``cite_info``, ``coder``). What PLOVER has no field
  for travels in a ``sinew`` object (kind, modality, what, quantity, attribution, the date as
  resolved), so that reading the file back gives the same records.
* ``cameo-tsv``: a Phoenix/ICEWS-style table, one event a row, with the CAMEO code, its root
  and quad class, the parties' codes, countries and sectors, the date, the sentence and where it
  stands, and the place. A CAMEO table cannot hold everything a record holds: reading it back
  gives each event's identity, type, mode, parties, sentence, date, modality and commodity.

Both readers also take records written by other coders: a PLOVER record needs only ``id`` and
``event``; a CAMEO row only its ``Event ID`` and ``CAMEO Code``.

CAMEO codes come from CAMEO2PLOVER read backwards (:func:`cameo_code`; ``docs/exchange.md``).
sinew keeps one ``mode`` per record; for a type whose CAMEO2PLOVER codes name a context but no
mode (AID: military, economic, humanitarian) that value is the context, and it is written as
``context`` in PLOVER JSON.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from typing import IO, Any, Iterable, Iterator, Mapping

from .cameo import PloverCode, plover_table, to_plover
from .errors import InputError, QueryError
from .lexicons import load_lexicon
from .schema import EVENT_TYPES, Document, Record

__all__ = ["CAMEO_COLUMNS", "FORMATS", "cameo_code", "cameo_row", "plover_record",
           "read_cameo_tsv", "read_plover_json", "record_from_cameo", "record_from_plover",
           "write_exchange"]

FORMATS = ("plover-json", "cameo-tsv")
_CODEBOOK = "PLOVER (CAMEO2PLOVER-2021)"

# --------------------------------------------------------------------------- PLOVER <-> CAMEO


@lru_cache(maxsize=None)
def _modes(type_: str) -> frozenset[str]:
    """The PLOVER modes of a type: those CAMEO2PLOVER gives it and those the manual scores."""
    table = {c.mode for c in plover_table().values() if c.type == type_ and c.mode}
    scored = (load_lexicon("plover.yaml").get("types") or {}).get(type_) or {}
    return frozenset(table | set(scored.get("modes") or {}))


def _contexts(code: PloverCode) -> tuple[str, ...]:
    return tuple(c.strip() for c in (code.context or "").split(";") if c.strip())


def _split_mode(type_: str, mode: str | None) -> tuple[list[str], list[str]]:
    """sinew's one ``mode`` as PLOVER's ``mode`` and ``context`` lists."""
    if mode is None:
        return [], []
    if mode in _modes(type_):
        return [mode], []
    known = {c for code in plover_table().values() for c in _contexts(code)}
    return ([], [mode]) if mode in known else ([mode], [])


def _order(code: str) -> tuple[bool, int, int]:
    # CAMEO event codes have three or four digits; a two-digit root only as a last resort
    return len(code) < 3, len(code), int(code)


def cameo_code(type_: str, mode: str | None = None) -> str:
    """The CAMEO code of a PLOVER type and (sinew) mode, CAMEO2PLOVER read backwards:

    1. the codes of the type that carry ``mode`` as their mode, else as their context (with
       no mode); of those the shortest (three digits before four), then the lowest;
    2. otherwise the type's "not specified below" code: the lowest two-digit root that is the
       bare type, with a ``0`` (``07`` -> ``070``), when the table gives that code the type;
    3. otherwise the shortest, then lowest, code that is the bare type (RETREAT: ``084``),
       else of the type at all.
    """
    _check_type(type_)
    table = plover_table()
    of_type = {k: v for k, v in table.items() if v.type == type_}
    if mode:
        for found in ([k for k, v in of_type.items() if v.mode == mode],
                      [k for k, v in of_type.items() if not v.mode and mode in _contexts(v)]):
            if found:
                return min(found, key=_order)
    bare = [k for k, v in of_type.items() if not v.mode and not v.context]
    for root in sorted(k for k in bare if len(k) == 2):
        general = to_plover(root + "0", table)
        if general is not None and general.type == type_:
            return root + "0"
    return min(bare or of_type, key=_order)


def _check_type(type_: str) -> None:
    if type_ not in EVENT_TYPES:
        raise QueryError(f"{type_!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)}): "
                         "the exchange formats hold events, not measures")


def _quad_class(code: str) -> int:
    """CAMEO's quad class of a code's root: 1 verbal and 2 material cooperation (01-05,
    06-09), 3 verbal and 4 material conflict (10-14, 15-20)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


@lru_cache(maxsize=None)
def _plover_scores() -> tuple[dict[str, Any], list[str]]:
    table = load_lexicon("plover.yaml")
    return table.get("types") or {}, list(table.get("quads") or {})


def _scale(type_: str, mode: str | None) -> tuple[int | None, float | None]:
    """The PLOVER quad category (1-4) and conflict-cooperation score, from the manual."""
    types, _ = _plover_scores()
    entry = types.get(type_)
    if not entry:
        return None, None
    score = (entry.get("modes") or {}).get(mode or "", entry.get("score"))
    return entry.get("quad"), None if score is None else float(score)


# --------------------------------------------------------------------------- shared parts


def _location(record: Record) -> dict[str, Any] | None:
    """The record's place as a dict (records carry one when the text names it)."""
    place = getattr(record, "location", None)
    if place is None:
        return None
    return place.to_dict() if hasattr(place, "to_dict") else dict(place)


def _pick(data: Mapping[str, Any], *names: str) -> Any:
    return next((data[n] for n in names if data.get(n) not in (None, "")), None)


def _event_date(record: Record, document: Document | None) -> tuple[str | None, str | None, str]:
    """(start, end, what dated it): the sentence's own date, else the publication date."""
    when = record.date
    if when is not None and (when.start or when.end):
        return when.start or when.end, when.end, "sentence"
    return (document.date if document else None), None, "publication"


# --------------------------------------------------------------------------- PLOVER JSON


def _entity(ref) -> dict[str, Any]:
    return {"code": ref.country or ref.code, "sector": ref.sector, "entity_text": ref.text,
            "identifier_text": ref.name, "sinew_code": ref.code, "country": ref.country,
            "how": ref.how}


def _event_loc(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"extracted_place": _pick(place, "text", "extracted_place"),
            "resolved_place": _pick(place, "name", "resolved_place"),
            "geonameid": _pick(place, "geonameid", "geonames_id", "geoname_id"),
            "lat": _pick(place, "lat", "latitude"), "lon": _pick(place, "lon", "longitude"),
            "province": _pick(place, "admin1", "admin", "region", "province"),
            "country_code": _pick(place, "country", "country_code"),
            "feature_code": _pick(place, "feature", "feature_code"), "sinew_location": place}


def plover_record(record: Record, document: Document | None = None) -> dict[str, Any]:
    """One event record in the PLOVER JSON layout (``document`` gives its date, title and
    outlet); a measure, having no PLOVER type, raises :class:`QueryError`."""
    _check_type(record.type)
    mode, context = _split_mode(record.type, record.mode)
    start, end, _ = _event_date(record, document)
    quad, scale = _scale(record.type, record.mode)
    evidence = record.evidence
    doc = document or Document(id=record.doc_id, text="")
    return {
        "id": record.id, "date": start, "enddate": end if end != start else None,
        "actor": [_entity(record.actor)] if record.actor else [],
        "recipient": [_entity(record.recipient)] if record.recipient else [],
        "event": [record.type], "mode": mode, "context": context,
        "event_loc": _event_loc(_location(record)),
        "event_text": [record.trigger] if record.trigger else [],
        "quad_code": quad, "event_scale": scale, "text": evidence.text,
        "text_info": {"start": evidence.start, "end": evidence.end, "page": evidence.page},
        "cite_info": {"citation": record.doc_id, "url": doc.url, "title": doc.title,
                      "publication": doc.source, "coder": _coder(), "codebook": _CODEBOOK},
        "coder": _coder(),
        "sinew": {"kind": record.kind, "modality": record.modality,
                  **{k: _dict(getattr(record, k)) for k in ("what", "quantity", "attribution",
                                                           "date")}},
    }


def _coder() -> str:
    from . import __version__  # the package imports this module's users first

    return f"sinew {__version__}"


def _dict(value: Any) -> Any:
    return value.to_dict() if value is not None else None


def _actor_from(entities: Any) -> dict[str, Any] | None:
    if not entities:
        return None
    entity = entities[0] if isinstance(entities, list) else entities
    # sinew's own entities name the full code and the country apart; another coder's "code"
    # is the country
    code = entity["sinew_code"] if "sinew_code" in entity else entity.get("code")
    country = entity["country"] if "country" in entity else entity.get("code")
    text = entity["entity_text"] if "entity_text" in entity else code
    return {"code": code, "name": entity.get("identifier_text"), "text": text or "",
            "country": country,
            "sector": entity.get("sector"), "how": entity.get("how") or "unresolved"}


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def record_from_plover(obj: Mapping[str, Any]) -> Record:
    """A record from one PLOVER JSON object (sinew's own, or another coder's)."""
    own = obj.get("sinew") or {}
    info = obj.get("text_info") or {}
    text = obj.get("text") or ""
    mode = _first(obj.get("mode")) or _first(obj.get("context"))
    place = (obj.get("event_loc") or {}).get("sinew_location") or obj.get("event_loc")
    data = {
        "id": obj["id"], "doc_id": (obj.get("cite_info") or {}).get("citation") or "",
        "kind": own.get("kind", "event"), "type": _first(obj["event"]), "mode": mode,
        "actor": _actor_from(obj.get("actor")), "recipient": _actor_from(obj.get("recipient")),
        "what": own.get("what"), "quantity": own.get("quantity"),
        "modality": own.get("modality", "asserted"), "attribution": own.get("attribution"),
        "date": own["date"] if "date" in own else _plain_date(obj.get("date"),
                                                              obj.get("enddate")),
        "evidence": {"text": text, "start": info.get("start", 0),
                     "end": info.get("end", len(text)), "page": info.get("page")},
        "trigger": _first(obj.get("event_text")) or "", "location": place,
    }
    return Record.from_dict(data)


def _plain_date(start: str | None, end: str | None) -> dict[str, Any] | None:
    if not start:
        return None
    return {"start": start, "end": end or start, "granularity": "day", "text": "",
            "status": "exact"}


def read_plover_json(lines: Iterable[str], name: str = "<plover-json>") -> Iterator[Record]:
    """Records from PLOVER JSON Lines; a line that is not a PLOVER record raises
    :class:`InputError` naming it."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            yield record_from_plover(obj)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            raise InputError(f"cannot read {name} line {number}: not a PLOVER record "
                             f"({type(exc).__name__}: {exc}; each line needs an object with "
                             f"at least \"id\" and \"event\")", stage="read") from None


# --------------------------------------------------------------------------- CAMEO table

CAMEO_COLUMNS = (
    "Event ID", "Event Date", "End Date", "Dated By", "Source Name", "Source Code",
    "Source Country", "Source Sectors", "Source Text", "CAMEO Code", "CAMEO Root",
    "Quad Class", "PLOVER Type", "PLOVER Mode", "PLOVER Score", "Target Name", "Target Code",
    "Target Country", "Target Sectors", "Target Text", "Modality", "Commodity", "Kind",
    "Story ID", "Sentence", "Sentence Start", "Sentence End", "Page", "Publisher", "URL",
    "Location", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
)


def _party(prefix: str, ref) -> dict[str, Any]:
    names = ("Name", "Code", "Country", "Sectors", "Text")
    values = (ref.name, ref.code, ref.country, ref.sector, ref.text) if ref else (None,) * 5
    return {f"{prefix} {n}": v for n, v in zip(names, values)}


def cameo_row(record: Record, document: Document | None = None) -> dict[str, Any]:
    """One record as a row of the CAMEO table (columns :data:`CAMEO_COLUMNS`)."""
    code = cameo_code(record.type, record.mode)
    start, end, dated = _event_date(record, document)
    place = _location(record) or {}
    evidence = record.evidence
    row = {
        "Event ID": record.id, "Event Date": start, "End Date": end, "Dated By": dated,
        **_party("Source", record.actor), "CAMEO Code": code, "CAMEO Root": code[:2],
        "Quad Class": _quad_class(code), "PLOVER Type": record.type,
        "PLOVER Mode": record.mode, "PLOVER Score": _scale(record.type, record.mode)[1],
        **_party("Target", record.recipient), "Modality": record.modality,
        "Commodity": record.what.category if record.what else None, "Kind": record.kind,
        "Story ID": record.doc_id, "Sentence": " ".join(evidence.text.split()),
        "Sentence Start": evidence.start, "Sentence End": evidence.end, "Page": evidence.page,
        "Publisher": document.source if document else None,
        "URL": document.url if document else None,
        "Location": _pick(place, "name", "resolved_place"),
        "Province": _pick(place, "admin1", "admin", "region", "province"),
        "Country": _pick(place, "country", "country_code"),
        "Latitude": _pick(place, "lat", "latitude"), "Longitude": _pick(place, "lon", "longitude"),
        "GeoNames ID": _pick(place, "geonameid", "geonames_id", "geoname_id"),
    }
    return {k: "" if v is None else v for k, v in row.items()}


def _cell(row: Mapping[str, str], column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return value or None


def _party_from(row: Mapping[str, str], prefix: str) -> dict[str, Any] | None:
    code = _cell(row, f"{prefix} Code")
    if code is None:
        return None
    return {"code": code, "name": _cell(row, f"{prefix} Name"),
            "text": _cell(row, f"{prefix} Text") or code, "country": _cell(row, f"{prefix} Country"),
            "sector": _cell(row, f"{prefix} Sectors")}


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def record_from_cameo(row: Mapping[str, str]) -> Record:
    """A record from one row of a CAMEO table (sinew's own columns, or fewer)."""
    code = _cell(row, "CAMEO Code")
    plover = to_plover(code)
    if plover is None:
        raise ValueError(f"CAMEO code {code!r} has no PLOVER type (CAMEO2PLOVER)")
    mode = _cell(row, "PLOVER Mode") if "PLOVER Mode" in row else \
        plover.mode or _first(list(_contexts(plover)))
    sentence = _cell(row, "Sentence") or ""
    start = _cell(row, "Event Date") if _cell(row, "Dated By") != "publication" else None
    commodity = _cell(row, "Commodity")
    data = {
        "id": _cell(row, "Event ID"), "doc_id": _cell(row, "Story ID") or "",
        "kind": _cell(row, "Kind") or "event", "type": _cell(row, "PLOVER Type") or plover.type,
        "mode": mode, "actor": _party_from(row, "Source"),
        "recipient": _party_from(row, "Target"), "what": commodity and {
            "category": commodity, "text": commodity},
        "quantity": None, "modality": _cell(row, "Modality") or "asserted", "attribution": None,
        "date": _plain_date(start, _cell(row, "End Date")),
        "evidence": {"text": sentence, "start": _int(_cell(row, "Sentence Start")) or 0,
                     "end": _int(_cell(row, "Sentence End")) or len(sentence),
                     "page": _int(_cell(row, "Page"))},
    }
    return Record.from_dict(data)


def read_cameo_tsv(stream: IO[str], name: str = "<cameo-tsv>") -> Iterator[Record]:
    """Records from a tab-separated CAMEO table with a header row; a row that cannot be read
    raises :class:`InputError` naming it."""
    reader = csv.DictReader(stream, delimiter="\t")
    if reader.fieldnames is None or not {"Event ID", "CAMEO Code"} <= set(reader.fieldnames):
        raise InputError(f"cannot read {name}: no header with 'Event ID' and 'CAMEO Code' "
                         "(expected a tab-separated CAMEO table)", stage="read")
    for row in reader:
        try:
            yield record_from_cameo(row)
        except (ValueError, TypeError) as exc:
            raise InputError(f"cannot read {name} line {reader.line_num}: {exc}",
                             stage="read") from None


# --------------------------------------------------------------------------- writing


# Characters that end a line for some readers (Python's splitlines, JavaScript) but that JSON
# leaves unescaped outside ASCII: escaped, so one record is one line for every reader.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_line(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def write_exchange(records: Iterable[Record], fmt: str, out: IO[str],
                   documents: Mapping[str, Document] | None = None) -> int:
    """Write records as ``plover-json`` or ``cameo-tsv``; ``documents`` (by id) give dates,
    titles and outlets. Returns how many were written."""
    documents = documents or {}
    count = 0
    if fmt == "plover-json":
        for record in records:
            row = plover_record(record, documents.get(record.doc_id))
            out.write(_json_line(row))
            count += 1
    elif fmt == "cameo-tsv":
        writer = csv.DictWriter(out, fieldnames=CAMEO_COLUMNS, delimiter="\t",
                                lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(cameo_row(record, documents.get(record.doc_id)))
            count += 1
    else:
        raise QueryError(f"exchange format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return count
