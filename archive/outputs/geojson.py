"""Map data: the gazetteer's places and the articles' events as GeoJSON (RFC 7946).

Coordinates are ``[longitude, latitude]`` in WGS84, as RFC 7946 wants them (the gazetteer writes
``lat`` and ``lon``); no ``crs`` member. A place without coordinates is left out of the map, and
so is an event none of whose places has coordinates; a place whose coordinates still need
checking (``verify: true``) is on the map, and says so in its properties.
"""

from __future__ import annotations

from typing import Any, Optional

from archive.catalogue import Catalogue
from archive.format.model import Entity
from archive.outputs.records import article_url, entity_url, json_bytes

MEDIA_TYPE = "application/geo+json"


def _point(entity: Entity) -> Optional[list[float]]:
    if entity.lat is None or entity.lon is None:
        return None
    return [entity.lon, entity.lat]


def places_collection(catalogue: Catalogue, *, site_url: str = "", directory_urls: bool = True) -> dict[str, Any]:
    """Every place of the gazetteer that has coordinates, as a Point feature: its names in every
    language, its type and parent, how many articles it appears in, and its page's URL (``null``
    when no article refers to it, so it has no page)."""
    features = []
    for entity in sorted(catalogue.gazetteer.of_kind("place"), key=lambda e: e.id):
        point = _point(entity)
        if point is None:
            continue
        articles = catalogue.articles_for(entity.id)
        features.append(
            {
                "type": "Feature",
                "id": entity.id,
                "geometry": {"type": "Point", "coordinates": point},
                "properties": {
                    "id": entity.id,
                    "name": entity.name,
                    "names": dict(entity.names),
                    "type": entity.type,
                    "parent": entity.parent,
                    "coord_precision": entity.coord_precision,
                    "verify": entity.verify,
                    "article_count": len(articles),
                    "url": entity_url(entity, site_url=site_url, directory_urls=directory_urls) if articles else None,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def events_collection(catalogue: Catalogue, *, site_url: str = "", directory_urls: bool = True) -> dict[str, Any]:
    """Every event of every article that names a place with coordinates: a Point (a MultiPoint
    for several places), its date as written and as a range, its type, actors, places and
    regions (ids and English names), and the URL of the article's page at the event."""
    gazetteer = catalogue.gazetteer
    features = []
    for article_id in catalogue.timeline:
        article = catalogue.articles[article_id]
        for position, event in enumerate(article.events, 1):
            points = [p for p in (_point(gazetteer[i]) for i in event.places if i in gazetteer) if p is not None]
            if not points:
                continue
            geometry = (
                {"type": "Point", "coordinates": points[0]} if len(points) == 1 else {"type": "MultiPoint", "coordinates": points}
            )
            key = f"{article_id}/events/{position}"
            features.append(
                {
                    "type": "Feature",
                    "id": key,
                    "geometry": geometry,
                    "properties": {
                        "key": key,
                        "id": event.id,
                        "article_id": article_id,
                        "article_title": article.title,
                        "article_url": article_url(
                            article_id, site_url=site_url, directory_urls=directory_urls, fragment=f"event-{event.id}"
                        ),
                        "date": event.date.text if event.date else None,
                        "date_start": event.date.start.isoformat() if event.date else None,
                        "date_end": event.date.end.isoformat() if event.date else None,
                        "type": event.type,
                        "type_name": gazetteer.name(event.type) if event.type and event.type in gazetteer else None,
                        "summary": event.summary,
                        "places": list(event.places),
                        "place_names": [gazetteer.name(i) for i in event.places if i in gazetteer],
                        "regions": list(event.regions),
                        "actors": list(event.actors),
                        "actor_names": [gazetteer.name(i) for i in event.actors if i in gazetteer],
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


def places_geojson(catalogue: Catalogue, *, site_url: str = "", directory_urls: bool = True) -> bytes:
    return json_bytes(places_collection(catalogue, site_url=site_url, directory_urls=directory_urls))


def events_geojson(catalogue: Catalogue, *, site_url: str = "", directory_urls: bool = True) -> bytes:
    return json_bytes(events_collection(catalogue, site_url=site_url, directory_urls=directory_urls))


__all__ = ["MEDIA_TYPE", "places_collection", "events_collection", "places_geojson", "events_geojson"]
