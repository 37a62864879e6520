"""The HTTP API (sinew.web): every endpoint, bad parameters, hostile filter values, limits."""

from __future__ import annotations

import re
import threading
import time
from importlib import resources
from urllib.parse import quote

import anyio.to_thread
import click
import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi", reason="the web extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

import sinew  # noqa: E402
from sinew.cli_web import register  # noqa: E402
from sinew.errors import ConfigError, StoreError  # noqa: E402
from sinew.store import Store  # noqa: E402
from sinew.web import create_app  # noqa: E402

HOSTILE = ["x' OR '1'='1", "PRK'; DROP TABLE records; --", "%", "_", "\\", "\"; SELECT 1; --",
           "' UNION SELECT record FROM records --", "<script>alert(1)</script>", "\u0000"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "demo.duckdb"
    with Store(path) as store:
        sinew.ingest([str(resources.files("sinew") / "data" / "demo")], store)
    return path


@pytest.fixture(scope="module")
def client(demo_db):
    with TestClient(create_app(demo_db)) as test_client:
        yield test_client


def _error_shape(response, status):
    body = response.json()
    assert response.status_code == status, body
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body["error"]


def test_web_api_health_and_facets(client):
    health = client.get("/api/health").json()
    assert health["ok"] and health["counts"]["documents"] == 20 and health["ingest"] is False
    facets = client.get("/api/facets").json()
    assert "AID" in facets["types"] and "artillery_ammunition" in facets["commodities"]
    assert facets["first"] <= facets["last"]


def test_web_api_documents_list_search_and_paging(client):
    body = client.get("/api/documents", params={"limit": 5}).json()
    assert body["total"] == 20 and len(body["items"]) == 5 and "text" not in body["items"][0]
    page2 = client.get("/api/documents", params={"limit": 5, "offset": 5}).json()["items"]
    assert not {d["id"] for d in body["items"]} & {d["id"] for d in page2}
    found = client.get("/api/documents", params={"q": "MILLION SHELLS"}).json()["items"]
    assert found and all("million shells" in d["title"].lower() for d in found)


def test_web_api_document_marks_its_evidence_spans(client):
    body = client.get("/api/documents/demo-02-nis-million-shells-2023").json()
    text = body["document"]["text"]
    assert body["spans"] and len(body["spans"]) == len(body["records"])
    evidence = {r["id"]: r["evidence"]["text"] for r in body["records"]}
    for span in body["spans"]:
        assert text[span["start"]:span["end"]] == evidence[span["record_id"]]


def test_web_api_missing_document_is_a_404(client):
    assert "no document" in _error_shape(client.get("/api/documents/no-such-doc"), 404)


@pytest.mark.parametrize("params, check", [
    ({"type": "aid"}, lambda r: r["type"] == "AID"),
    ({"actor": "PRK"}, lambda r: r["actor"]["country"] == "PRK"),
    ({"recipient": "rus"}, lambda r: r["recipient"]["country"] == "RUS"),
    ({"commodity": "troops"}, lambda r: r["what"]["category"] == "troops"),
    ({"modality": "negated"}, lambda r: r["modality"] == "negated"),
    ({"kind": "measure"}, lambda r: r["kind"] == "measure"),
    ({"since": "2024-06", "until": "2024"}, lambda r: True),
])
def test_web_api_events_filter_like_the_cli(client, params, check):
    body = client.get("/api/events", params=params).json()
    assert body["ok"] and body["items"] and body["total"] == len(body["items"])
    assert all(check(r) for r in body["items"])
    cli = sinew.EventFilter(**{k: v for k, v in params.items() if k not in ("since", "until")})
    if "since" not in params:
        with Store(client.app.state.desk.store.path, read_only=True) as store:
            assert body["total"] == len(store.events(cli))


def test_web_api_events_paginate_and_give_context(client):
    everything = client.get("/api/events", params={"limit": 1000}).json()
    first = client.get("/api/events", params={"limit": 10}).json()
    second = client.get("/api/events", params={"limit": 10, "offset": 10}).json()
    assert first["total"] == second["total"] == len(everything["items"]) > 20
    assert [r["id"] for r in first["items"] + second["items"]] == \
        [r["id"] for r in everything["items"][:20]]
    assert first["next_cursor"] == first["items"][-1]["id"]
    item = client.get("/api/events", params={"type": "AID", "context": 80}).json()["items"][0]
    assert item["document"]["doc_id"] == item["doc_id"] and item["document"]["title"]
    assert set(item["context"]) == {"before", "after"} and len(item["context"]["after"]) <= 80


@pytest.mark.parametrize("params", [{}, {"actor": "PRK"}, {"type": "AID", "modality": "asserted"}])
def test_web_api_events_cursor_pages_equal_offset_pages(client, params):
    total = client.get("/api/events", params=params).json()["total"]
    by_offset = [r["id"] for start in range(0, total, 7) for r in client.get(
        "/api/events", params={**params, "limit": 7, "offset": start}).json()["items"]]
    by_cursor, cursor = [], None
    while True:
        body = client.get("/api/events", params={**params, "limit": 7,
                                                 **({"cursor": cursor} if cursor else {})}).json()
        by_cursor += [r["id"] for r in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert by_cursor == by_offset and len(by_cursor) == total > 0


def test_web_api_events_unknown_cursor_is_a_422(client):
    assert "cursor" in _error_shape(client.get("/api/events", params={"cursor": "nope"}), 422)


@pytest.mark.parametrize("url, name", [
    ("/api/events?limit=-1", "limit"),
    ("/api/events?limit=ten", "limit"),
    ("/api/events?limit=100000", "limit"),
    ("/api/events?offset=-3", "offset"),
    ("/api/events?type=bogus", "type"),
    ("/api/events?modality=maybe", "modality"),
    ("/api/events?kind=both", "kind"),
    ("/api/events?since=2024-13-01", "since"),
    ("/api/events?since=yesterday", "since"),
    ("/api/events?since=2025&until=2024", "until"),
    ("/api/events?context=-1", "context"),
    ("/api/events?actor=" + "A" * 300, "actor"),
    ("/api/documents?limit=-5", "limit"),
    ("/api/relations?type=nope", "type"),
    ("/api/relations?until=2024-02-30", "until"),
    ("/api/network?since=soon", "since"),
    ("/api/flows?granularity=week", "granularity"),
    ("/api/flows?period=last-year", "period"),
    ("/api/dependence?recipient=RUS&period=2024", "what"),
    ("/api/dependence?recipient=RUS&what=oil&period=2024..2023", "period"),
])
def test_web_api_bad_parameters_say_which_and_why(client, url, name):
    response = client.get(url)
    assert 400 <= response.status_code < 500
    assert name in _error_shape(response, response.status_code)


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("url, param", [
    ("/api/events", "actor"), ("/api/events", "recipient"), ("/api/events", "commodity"),
    ("/api/events", "doc_id"), ("/api/relations", "party"), ("/api/relations", "commodity"),
    ("/api/documents", "q"), ("/api/actors", "q"), ("/api/flows", "supplier"),
])
def test_web_api_hostile_filter_values_are_only_data(client, url, param, value):
    before = client.get("/api/health").json()["counts"]
    response = client.get(url, params={param: value})
    assert response.status_code in (200, 422), response.json()
    body = response.json()
    assert not body.get("items") and not body.get("edges")
    if response.status_code == 422:  # a name no lexicon knows is an error that names it
        assert body["ok"] is False and "unknown" in body["error"]
    assert client.get("/api/health").json()["counts"] == before


def test_web_api_actors_name_both_sides(client):
    actors = {a["id"]: a for a in client.get("/api/actors").json()["items"]}
    assert actors["PRK"]["name"] == "North Korea" and actors["RUS"]["as_recipient"] > 0
    assert [a["id"] for a in client.get("/api/actors", params={"q": "korea"}).json()["items"]] \
        == ["PRK", "KOR"]


def test_web_api_relations_follow_the_filters(client):
    everything = client.get("/api/relations").json()
    assert {"PRK", "RUS", "IRN"} <= {n["id"] for n in everything["nodes"]}
    shells = client.get("/api/relations", params={"commodity": "artillery_ammunition"}).json()
    edges = {(e["source"], e["target"], e["type"]): e for e in shells["edges"]}
    assert edges[("PRK", "RUS", "AID")]["largest"] >= 1_000_000
    assert all(e["commodities"] == ["artillery_ammunition"] for e in edges.values())
    assert len(edges) < len(everything["edges"])
    iran = client.get("/api/relations", params={"party": "irn"}).json()
    assert iran["edges"] and all("IRN" in (e["source"], e["target"]) for e in iran["edges"])


def test_web_api_network_pages_edges_by_events_and_says_the_totals(client):
    whole = client.get("/api/network", params={"limit": 10_000}).json()
    assert whole["next_cursor"] is None and whole["total_edges"] == len(whole["edges"]) > 3
    assert whole["total_events"] == sum(e["events"] for e in whole["edges"])
    order = sorted(whole["edges"], key=lambda e: (-e["events"], e["source"], e["target"]))
    shown, cursor = [], None
    while True:
        body = client.get("/api/network", params={"limit": 2, **({"cursor": cursor}
                                                                 if cursor else {})}).json()
        assert len(body["edges"]) <= 2 and body["total_edges"] == whole["total_edges"]
        shown += body["edges"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert shown == order
    thick = client.get("/api/network", params={"min_events": 2}).json()
    assert thick["edges"] == [e for e in order if e["events"] >= 2]
    assert thick["matching_edges"] == len(thick["edges"]) < thick["total_edges"]
    assert "cursor" in _error_shape(client.get("/api/network", params={"cursor": "x"}), 422)


def test_web_api_relations_limit_keeps_the_edges_with_most_records(client):
    whole = client.get("/api/relations").json()
    top = client.get("/api/relations", params={"limit": 3}).json()
    assert top["total_edges"] == whole["total_edges"] == len(whole["edges"]) > 3
    assert top["total_records"] == sum(e["records"] for e in whole["edges"])
    assert [e["records"] for e in top["edges"]] == \
        sorted((e["records"] for e in whole["edges"]), reverse=True)[:3]
    assert {n["id"] for n in top["nodes"]} == \
        {e["source"] for e in top["edges"]} | {e["target"] for e in top["edges"]}
    for answer in (whole, top):  # a node's records: those of its edges in the answer
        assert {n["id"]: n["records"] for n in answer["nodes"]} == {
            n["id"]: sum(e["records"] for e in answer["edges"] if n["id"] in
                         (e["source"], e["target"])) for n in answer["nodes"]}


def test_web_api_network_flows_dependence(client):
    net = client.get("/api/network", params={"since": "2023", "until": "2025"}).json()
    assert any((e["source"], e["target"]) == ("PRK", "RUS") for e in net["edges"])
    flows = client.get("/api/flows", params={"supplier": "PRK", "recipient": "RUS",
                                             "what": "artillery_ammunition"}).json()["items"]
    assert flows and all(f["commodity"] == "artillery_ammunition" for f in flows)
    assert any(c["sources"] for f in flows for c in f["claims"])
    assert all("keys" not in c and c["independent"] >= 1 for f in flows for c in f["claims"])
    dep = client.get("/api/dependence", params={"recipient": "RUS", "what":
                                                "artillery_ammunition", "period": "2024"}).json()
    assert dep["recipient"] == "RUS" and [t["name"] for t in dep["imports"]] == ["PRK"]
    # an estimate's figures give how many independent sources back them, not their keys,
    # whose list grows with the outlets that repeat a figure
    figures = [f for t in dep["imports"] for f in t["estimate"]["figures"]] + \
        [f for flow in flows if flow["estimate"] for f in flow["estimate"]["figures"]]
    assert figures and all(isinstance(f["independent"], int) and f["independent"] >= 1
                           for f in figures)


def test_web_api_derived_figures_carry_their_rule(client):
    dep = client.get("/api/dependence", params={"recipient": "RUS", "what":
                                                "artillery_ammunition", "period": "2024"}).json()
    production = dep["production"]["estimate"]
    assert production["derived"] and production["rules"] == ["derived, rate scaled to the period"]
    assert all(f["rule"] for f in production["figures"])
    assert dep["central_rule"].startswith("median over independent sources")
    flows = client.get("/api/flows", params={"supplier": "PRK", "what": "artillery_ammunition",
                                             "period": "2023"}).json()["items"]
    shared = [f for f in flows if f["estimate"] and f["estimate"]["derived"]]
    assert shared and "share by overlapping days" in shared[0]["estimate"]["rules"][0]


def test_web_api_whatif_north_korea_stops(client):
    body = client.post("/api/whatif", json={
        "recipient": "RUS", "what": "artillery_ammunition", "period": "2024",
        "baseline": {"production": 3_000_000},
        "changes": [{"action": "stop", "supplier": "PRK"}]}).json()
    assert body["ok"] and body["supply_change"]["central"] < 0
    assert body["before"]["supply"]["central"] > body["after"]["supply"]["central"]


@pytest.mark.parametrize("body, status, words", [
    ({"recipient": "RUS"}, 422, "request body.what: Field required"),
    # A list or an object where a string belongs used to reach the analysis.
    ({"recipient": ["RUS"], "what": "oil", "period": "2024"}, 422, "body.recipient"),
    ({"recipient": "RUS", "what": {"a": 1}, "period": "2024"}, 422, "body.what"),
    ({"recipient": "RUS", "what": "oil", "period": "2024",
      "changes": [{"action": "stop", "supplier": {"x": 1}}]}, 422, "supplier"),
    ({"recipient": "RUS", "what": "oil", "period": "2024", "baseline": {"production": "lots"}},
     422, "baseline.production"),
    ({"recipient": "RUS", "what": "oil", "period": "2024", "asserted_only": "yes"}, 422,
     "asserted_only"),
    ({"recipient": "RUS", "what": "oil", "period": "2024", "changes": [{"action": "nuke"}]},
     422, "action"),
    ({"recipient": "RUS", "what": "oil", "period": "someday"}, 422, "period"),
    ([1, 2], 422, "body"),
])
def test_web_api_whatif_bad_scenarios(client, body, status, words):
    assert words in _error_shape(client.post("/api/whatif", json=body), status)


def test_web_api_bodies_are_json_and_limited(client):
    bad = client.post("/api/whatif", content=b"{oops", headers={"content-type": "application/json"})
    assert "JSON" in _error_shape(bad, 400)
    huge = client.post("/api/whatif", content=b" " * 1_000_001,
                       headers={"content-type": "application/json"})
    assert "limit" in _error_shape(huge, 413)


def test_web_api_unknown_paths_and_methods_have_the_error_shape(client):
    assert "/api/nothing" in _error_shape(client.get("/api/nothing"), 404)
    _error_shape(client.delete("/api/events"), 405)


def test_web_api_is_read_only_without_a_token(client, demo_db):
    assert "off" in _error_shape(client.post("/api/ingest", content=b"{}"), 403)
    with pytest.raises(Exception):
        client.app.state.desk.store.con.execute("CREATE TABLE intruder (a INT)")


def test_web_api_ingest_needs_the_token(tmp_path):
    path = tmp_path / "writable.duckdb"
    Store(path).close()
    token = "t0ken-for-the-test-only"
    with TestClient(create_app(path, ingest_token=token)) as client:
        line = b'{"id": "n1", "text": "North Korea has shipped shells to Russia.", ' \
               b'"date": "2024-06-14"}\n'
        _error_shape(client.post("/api/ingest", content=line), 401)
        _error_shape(client.post("/api/ingest", content=line,
                                 headers={"authorization": "Bearer wrong"}), 401)
        _error_shape(client.post("/api/ingest", content=line,
                                 headers={"authorization": token}), 401)  # no scheme
        job = _ingested(client, line, token)
        assert job["summary"]["processed"] == 1 and job["summary"]["read"] == 1
        assert client.get("/api/documents/n1").json()["document"]["id"] == "n1"
        _error_shape(client.get(f"/api/ingest/{job['job']}"), 401)
        assert "no ingest job" in _error_shape(client.get(
            "/api/ingest/nope", headers={"authorization": f"Bearer {token}"}), 404)


def _ingested(client, body: bytes, token: str) -> dict:
    """POST the body for ingest (202 at once) and wait for the job to finish."""
    auth = {"authorization": f"Bearer {token}"}
    queued = client.post("/api/ingest", content=body, headers=auth)
    assert queued.status_code == 202 and queued.json()["status"] in ("queued", "running", "done")
    for _ in range(600):
        job = client.get(queued.json()["status_url"], headers=auth).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"ingest job still {job['status']}")


def test_web_api_refuses_a_short_token_and_a_missing_store(tmp_path, demo_db):
    with pytest.raises(ConfigError):
        create_app(demo_db, ingest_token="short")
    with pytest.raises(StoreError, match="sinew demo"):
        create_app(tmp_path / "none.duckdb")


@pytest.mark.parametrize("path", ["/", "/docs", "/static/app.js", "/static/docs.js",
                                  "/static/style.css", "/static/docs.css"])
def test_web_api_pages_reference_no_external_host(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    urls = re.findall(r"""(?:src|href|action)\s*=\s*["']([^"']+)""", response.text)
    urls += re.findall(r"""(?:url\(|fetch\(|import\s)\s*["'`]?([^"'`)]+)""", response.text)
    assert not [u for u in urls if re.match(r"^\s*(https?:)?//", u)]
    if not path.endswith(".js"):
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", response.text, re.I)


def test_web_api_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/actors",
            "/api/relations", "/api/network", "/api/flows", "/api/dependence", "/api/whatif",
            "/api/ingest"} <= set(paths)


def test_cli_web_serve_is_registered_with_help(demo_db, tmp_path):
    group = click.Group("sinew")
    register(group)
    runner = CliRunner()
    result = runner.invoke(group, ["serve", "--help"])
    assert result.exit_code == 0
    assert all(word in result.output for word in ("--db", "--ingest-token", "127.0.0.1",
                                                  "--threads", "--no-cache"))
    missing = runner.invoke(group, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no store" in missing.output


def test_cli_web_serve_gives_the_event_loop_the_gil_back_sooner(demo_db, monkeypatch):
    import sys

    import uvicorn

    from sinew import cli_web

    group, ran = click.Group("sinew"), []
    register(group)
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.append(sys.getswitchinterval()))
    before = sys.getswitchinterval()
    try:
        result = CliRunner().invoke(group, ["serve", "--db", str(demo_db)])
    finally:
        sys.setswitchinterval(before)
    assert result.exit_code == 0, result.output
    assert ran == [cli_web.SWITCH_INTERVAL] and cli_web.SWITCH_INTERVAL < 0.005


TOKEN = "t0ken-for-the-test-only"


@pytest.fixture()
def writable(tmp_path):
    path = tmp_path / "writable.duckdb"
    Store(path).close()
    with TestClient(create_app(path, ingest_token=TOKEN)) as client:
        yield client


def test_web_api_hostile_ingest_loses_no_other_document(writable):
    # A line nested 2,000 levels deep used to end the ingest with a 500, losing its batch.
    lines = [b'{"id": "a", "text": "Iran sent drones to Russia."}',
             b'{"id": "deep", "text": "x", "m": ' + b"[" * 2000 + b"]" * 2000 + b"}",
             b'{"id": "nul", "text": "with \\u0000 a NUL"}', b"\xff\xfe not utf-8", b"[]",
             b'{"id": "b", "text": "China shipped oil to North Korea."}']
    assert writable.get("/api/documents").json()["total"] == 0  # an answer now kept
    job = _ingested(writable, b"\n".join(lines) + b"\n", TOKEN)
    summary = job["summary"]
    assert job["status"] == "done" and summary["read"] == 6
    assert (summary["processed"], summary["rejected"]) == (3, 3)
    assert set(summary["reasons"]) == {"too-deep", "encoding", "not-json"}
    ids = {d["id"] for d in writable.get("/api/documents").json()["items"]}
    assert ids == {"a", "nul", "b"}


def test_web_api_reads_do_not_wait_for_an_ingest(writable, monkeypatch):
    # A 1 MB ingest used to hold the one lock, blocking /api/health for 70 s.
    started, release = threading.Event(), threading.Event()
    real = sinew.pipeline.ingest

    def slow_ingest(*args, **kwargs):
        started.set()
        assert release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(sinew.pipeline, "ingest", slow_ingest)
    auth = {"authorization": f"Bearer {TOKEN}"}
    queued = writable.post("/api/ingest", headers=auth,
                           content=b'{"id": "n1", "text": "Iran sent drones to Russia."}\n')
    assert queued.status_code == 202 and started.wait(10)
    status = writable.get(queued.json()["status_url"], headers=auth).json()
    assert status["status"] == "running"
    health = writable.get("/api/health")
    assert health.status_code == 200 and health.json()["counts"]["documents"] == 0
    release.set()
    for _ in range(400):
        if writable.get(queued.json()["status_url"], headers=auth).json()["status"] == "done":
            break
        time.sleep(0.05)
    assert writable.get("/api/health").json()["counts"]["documents"] == 1


@pytest.fixture()
def fresh(demo_db):
    """A client of its own: no answers kept from other tests."""
    with TestClient(create_app(demo_db)) as test_client:
        yield test_client


def test_web_api_reads_run_in_parallel(fresh, monkeypatch):
    # One connection behind one lock answered one request at a time.
    meet = threading.Barrier(3, timeout=10)
    real = Store.facets

    def facets(store):
        meet.wait()
        return real(store)

    monkeypatch.setattr(Store, "facets", facets)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(fresh.get("/api/facets")))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert [a.status_code for a in answers] == [200, 200, 200]


@pytest.mark.parametrize("path", ["/api/events", "/api/documents"])
@pytest.mark.parametrize("offset", ["9223372036854775808", str(10**30), "-1"])
def test_web_api_huge_offsets_are_422_without_sql(client, path, offset):
    message = _error_shape(client.get(path, params={"offset": offset}), 422)
    assert "offset" in message and "SELECT" not in message and "LIMIT" not in message


def test_web_api_store_errors_hide_the_database_message(fresh, monkeypatch):
    def broken(store, *args, **kwargs):
        store._run("SELECT * FROM no_such_table")

    monkeypatch.setattr(Store, "actors", broken)
    message = _error_shape(fresh.get("/api/actors"), 500)
    assert "no_such_table" not in message and "SELECT" not in message
    assert "the store could not answer" in message


def test_web_api_health_checks_the_store(tmp_path, demo_db):
    # A store whose records table lost a column answered "ok" on health, then 500s.
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(demo_db.read_bytes())
    with Store(damaged) as store:
        store.con.execute("ALTER TABLE records DROP COLUMN record")
    with TestClient(create_app(damaged)) as client:
        assert "the store could not answer" in _error_shape(client.get("/api/health"), 503)


def test_web_api_document_ids_with_slashes(tmp_path):
    path = tmp_path / "urls.duckdb"
    doc_id = "https://news.example.org/2024/06/shells?id=1"
    with Store(path) as store:
        store.add_document(sinew.Document(doc_id, "Shells went by rail.", content_hash="h"), [])
    with TestClient(create_app(path)) as client:
        # As the page asks for it (encodeURIComponent), and with the slashes left as they are.
        for url in ("/api/documents/" + quote(doc_id, safe=""),
                    "/api/documents/" + quote(doc_id, safe="/:")):
            body = client.get(url).json()
            assert body["ok"] and body["document"]["id"] == doc_id, url


def test_web_api_answers_are_kept_until_the_store_changes(fresh, monkeypatch):
    calls, real = [], Store.relations

    def relations(store, *args, **kwargs):
        calls.append(args)
        return real(store, *args, **kwargs)

    monkeypatch.setattr(Store, "relations", relations)
    answers = [fresh.get("/api/relations", params={"party": "PRK"}).json() for _ in range(3)]
    assert len(calls) == 1 and answers[0] == answers[2] and answers[0]["edges"]
    fresh.app.state.desk.answers.clear()  # what the end of an ingest job does
    assert fresh.get("/api/relations", params={"party": "PRK"}).json() == answers[0]
    assert len(calls) == 2



def test_web_api_an_ingest_between_two_identical_requests_changes_the_answer(writable):
    urls = ["/api/documents", "/api/health", "/api/facets", "/api/events?limit=5"]
    before = [writable.get(url) for url in urls]
    assert [writable.get(url).json() for url in urls] == [b.json() for b in before]  # kept
    assert _ingested(writable, b'{"id": "n1", "text": "Russia sent 300 tanks to Iran."}\n',
                     TOKEN)["status"] == "done"
    after = [writable.get(url) for url in urls]
    assert after[0].json()["total"] == before[0].json()["total"] + 1
    assert after[1].json()["counts"]["documents"] == before[1].json()["counts"]["documents"] + 1
    assert all(a.headers["etag"] != b.headers["etag"] for a, b in zip(after, before))
    # a client holding the old answer gets the new one, not a 304
    again = writable.get(urls[0], headers={"if-none-match": before[0].headers["etag"]})
    assert again.status_code == 200 and again.json() == after[0].json()


def test_web_api_unchanged_answer_is_304_by_its_etag(fresh, monkeypatch):
    calls, real = [], Store.facets
    monkeypatch.setattr(Store, "facets", lambda store: calls.append(1) or real(store))
    first = fresh.get("/api/facets")
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = fresh.get("/api/facets", headers={"if-none-match": f'W/{etag}, "other"'})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert "content-security-policy" in again.headers  # kept answers carry the page's headers
    assert fresh.get("/api/facets").json() == first.json() and len(calls) == 1
    other = fresh.get("/api/actors", headers={"if-none-match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag


def test_web_api_nothing_is_kept_or_tagged_while_an_ingest_writes(fresh, monkeypatch):
    calls, real = [], Store.facets
    monkeypatch.setattr(Store, "facets", lambda store: calls.append(1) or real(store))
    with fresh.app.state.desk.answers.write():
        answers = [fresh.get("/api/facets") for _ in range(2)]
    assert len(calls) == 2 and not any("etag" in a.headers for a in answers)
    assert fresh.get("/api/facets").headers["etag"] and len(calls) == 3


def test_web_api_no_cache_computes_every_answer(demo_db, monkeypatch):
    calls, real = [], Store.facets
    monkeypatch.setattr(Store, "facets", lambda store: calls.append(1) or real(store))
    with TestClient(create_app(demo_db, keep=False)) as client:
        assert client.get("/api/facets").json() == client.get("/api/facets").json()
    assert len(calls) == 2


def test_web_api_thread_pool_is_sized(demo_db):
    with TestClient(create_app(demo_db, threads=3)) as client:
        tokens = client.portal.call(
            lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
    assert tokens == 3


PYONGYANG = 1871859


def test_web_api_places_one_point_per_place_with_counts(client):
    body = client.get("/api/places").json()
    assert body["ok"] and len(body["items"]) > 5
    assert body["records"] == sum(p["records"] for p in body["items"])
    by_id = {p["geonames_id"]: p for p in body["items"]}
    pyongyang = by_id[PYONGYANG]
    assert (pyongyang["name"], pyongyang["country"]) == ("Pyongyang", "PRK")
    assert pyongyang["lat"] == pytest.approx(39.03, abs=0.1) and pyongyang["records"] > 1
    aid = client.get("/api/places", params={"type": "AID"}).json()
    assert 0 < aid["records"] < body["records"]


@pytest.mark.parametrize("params", [
    {"place": str(PYONGYANG)}, {"place": "Pyongyang"}, {"bbox": "124.5,38.3,131,43"},
])
def test_web_api_events_filter_by_place_and_bbox(client, params):
    body = client.get("/api/events", params={**params, "limit": 1000}).json()
    assert body["ok"] and body["total"] == len(body["items"]) > 0
    assert all(r["location"]["country"] == "PRK" for r in body["items"])


@pytest.mark.parametrize("bbox", ["1,2,3", "x,1,2,3", "0,60,10,50", "190,0,200,10"])
def test_web_api_bad_bbox_is_the_error_shape_naming_bbox(client, bbox):
    for path in ("/api/events", "/api/places"):
        assert "bbox" in _error_shape(client.get(path, params={"bbox": bbox}), 422)

def test_web_api_claim_sources_are_paged_by_cursor(client):
    flows = client.get("/api/flows", params={"supplier": "PRK", "recipient": "RUS",
                                             "evidence": 0}).json()["items"]
    claims = {c["id"]: c for f in flows for c in f["claims"]}
    assert all(c["sources"] == [] for c in claims.values())
    claim = max(claims.values(), key=lambda c: c["source_count"])
    seen, cursor = [], None
    while True:
        page = client.get(f"/api/claims/{claim['id']}/sources",
                          params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        assert page["total"] == claim["source_count"] and len(page["items"]) == 1
        seen += [s["record_id"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == claim["source_count"]
    assert "no claim" in _error_shape(client.get("/api/claims/nope/sources"), 422)


def test_web_api_dependence_and_whatif_page_each_terms_claims(client):
    query = {"recipient": "RUS", "what": "artillery_ammunition", "period": "2024"}
    whole = client.get("/api/dependence", params={**query, "claims": 1000}).json()["imports"][0]
    assert whole["claim_count"] == len(whole["claims"]) > 1 and whole["next_cursor"] is None
    seen, cursor = [], None
    while True:
        params = {**query, "claims": 1, **({"term": "PRK", "cursor": cursor} if cursor else {})}
        term = client.get("/api/dependence", params=params).json()["imports"][0]
        assert len(term["claims"]) == 1 and term["claim_count"] == whole["claim_count"]
        seen += [c["id"] for c in term["claims"]]
        cursor = term["next_cursor"]
        if cursor is None:
            break
    assert seen == [c["id"] for c in whole["claims"]]
    bad = client.get("/api/dependence", params={**query, "term": "PRK", "cursor": "nope"})
    assert bad.status_code == 422 and "not a claim of the term" in bad.json()["error"]
    body = client.post("/api/whatif", params={"claims": 1}, json={
        **query, "changes": [{"action": "stop", "supplier": "PRK"}]}).json()
    assert len(body["dependence"]["imports"][0]["claims"]) == 1
    assert body["dependence"]["imports"][0]["claim_count"] == whole["claim_count"]
