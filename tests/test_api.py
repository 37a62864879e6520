import sinew


def test_api_exports_the_intended_names():
    assert sorted(sinew.__all__) == sorted([
        "ActorRef", "Attribution", "DateInfo", "Document", "EventFilter", "Evidence", "Location",
        "Quantity",
        "Record", "Rejected", "RunSummary", "SinewError", "Store", "What", "extract", "ingest",
        "open", "process"])
    for name in sinew.__all__:
        assert getattr(sinew, name) is not None


def test_api_open_gives_a_store(tmp_path):
    with sinew.open(tmp_path / "x.duckdb") as store:
        assert store.counts() == {"documents": 0, "records": 0, "rejected": 0}
