"""Map data: RFC 7946 GeoJSON, coordinates as longitude, latitude."""

from __future__ import annotations

import json

import geojson
from exportkit import SITE, Loaded

from archive.outputs.dataset import EVENTS, PLACES, dataset_files


def _collections(loaded: Loaded) -> tuple[dict, dict]:
    files = dataset_files(loaded.catalogue, site_url=SITE)
    return json.loads(files[PLACES]), json.loads(files[EVENTS])


def _valid(collection: dict) -> None:
    parsed = geojson.loads(json.dumps(collection))
    assert parsed.is_valid, parsed.errors()
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        points = [geometry["coordinates"]] if geometry["type"] == "Point" else geometry["coordinates"]
        assert geometry["type"] in ("Point", "MultiPoint")
        for lon, lat in points:
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_places(loaded: Loaded):
    places, _ = _collections(loaded)
    _valid(places)
    gazetteer = loaded.catalogue.gazetteer
    located = sorted(e.id for e in gazetteer.of_kind("place") if e.lat is not None and e.lon is not None)
    assert [f["id"] for f in places["features"]] == located
    assert located
    for feature in places["features"]:
        entity = gazetteer[feature["id"]]
        assert feature["geometry"]["coordinates"] == [entity.lon, entity.lat]  # longitude first
        properties = feature["properties"]
        assert properties["names"] == entity.names
        assert properties["article_count"] == len(loaded.catalogue.articles_for(entity.id))
        assert (properties["url"] is not None) == loaded.catalogue.has_page(entity.id)


def test_events(loaded: Loaded):
    _, events = _collections(loaded)
    _valid(events)
    catalogue = loaded.catalogue
    gazetteer = catalogue.gazetteer
    expected = []
    for article_id in catalogue.timeline:
        for n, event in enumerate(catalogue.articles[article_id].events, 1):
            located = [gazetteer[p] for p in event.places if p in gazetteer and gazetteer[p].lat is not None]
            if located:
                expected.append((f"{article_id}/events/{n}", event, located))
    assert [f["id"] for f in events["features"]] == [key for key, _, _ in expected]
    for feature, (key, event, located) in zip(events["features"], expected):
        assert feature["properties"]["key"] == key
        coordinates = [[p.lon, p.lat] for p in located]
        geometry = feature["geometry"]
        assert (geometry["coordinates"] if geometry["type"] == "MultiPoint" else [geometry["coordinates"]]) == coordinates
        properties = feature["properties"]
        assert properties["date"] == (event.date.text if event.date else None)
        assert properties["date_start"] == (event.date.start.isoformat() if event.date else None)
        assert properties["actors"] == event.actors and properties["type"] == event.type
        assert properties["article_url"].startswith(SITE) and properties["article_url"].endswith(f"#event-{event.id}")
