"""Decode a TopoJSON topology into GeoJSON features.

TopoJSON stores each shared border once as an arc; a polygon's ring lists the arcs it
follows (a negative index `~i` means arc `i` walked backwards). Quantised topologies
store arc points as integer deltas and give a `transform` that maps them back to
longitude and latitude. See the TopoJSON specification, sections 2.1.3-2.2.
"""

from __future__ import annotations

from typing import Any

Position = list[float]


class Topology:
    def __init__(self, data: dict[str, Any], digits: int | None = None) -> None:
        if data.get("type") != "Topology":
            raise ValueError("not a TopoJSON topology")
        transform = data.get("transform")
        self._scale = transform["scale"] if transform else None
        self._translate = transform["translate"] if transform else None
        self._digits = digits
        self.objects: dict[str, Any] = data.get("objects", {})
        self._arcs = [self._decode_arc(arc) for arc in data.get("arcs", [])]

    def _point(self, x: float, y: float) -> Position:
        if self._scale is not None and self._translate is not None:
            x = x * self._scale[0] + self._translate[0]
            y = y * self._scale[1] + self._translate[1]
        if self._digits is not None:
            return [round(x, self._digits), round(y, self._digits)]
        return [x, y]

    def _decode_arc(self, arc: list[list[float]]) -> list[Position]:
        if self._scale is None:
            return [self._point(p[0], p[1]) for p in arc]
        out, x, y = [], 0.0, 0.0
        for p in arc:  # quantised arcs are delta-encoded
            x, y = x + p[0], y + p[1]
            out.append(self._point(x, y))
        return out

    def _line(self, indexes: list[int]) -> list[Position]:
        points: list[Position] = []
        for i in indexes:
            arc = self._arcs[i] if i >= 0 else self._arcs[~i][::-1]
            # consecutive arcs share their joining point
            points.extend(arc[1:] if points else arc)
        return points

    def _ring(self, indexes: list[int]) -> list[Position]:
        ring = self._line(indexes)
        # rounding can leave a ring of fewer than four points; close it as GeoJSON wants
        if ring and ring[0] != ring[-1]:
            ring.append(ring[0])
        return ring

    def geometry(self, obj: dict[str, Any]) -> dict[str, Any] | None:
        kind = obj.get("type")
        if kind is None:
            return None
        if kind == "GeometryCollection":
            geometries = [g for g in (self.geometry(o) for o in obj["geometries"]) if g]
            return {"type": kind, "geometries": geometries}
        arcs: Any = obj.get("arcs", [])
        coords: Any = obj.get("coordinates", [])
        if kind == "Point":
            return {"type": kind, "coordinates": self._position(coords)}
        if kind == "MultiPoint":
            return {"type": kind, "coordinates": [self._position(c) for c in coords]}
        if kind == "LineString":
            return {"type": kind, "coordinates": self._line(arcs)}
        if kind == "MultiLineString":
            return {"type": kind, "coordinates": [self._line(a) for a in arcs]}
        if kind == "Polygon":
            return {"type": kind, "coordinates": [self._ring(r) for r in arcs]}
        if kind == "MultiPolygon":
            return {"type": kind, "coordinates": [[self._ring(r) for r in p] for p in arcs]}
        raise ValueError(f"unknown TopoJSON geometry type {kind!r}")

    def _position(self, coords: list[float]) -> Position:
        # points are quantised but, unlike arcs, not delta-encoded
        return self._point(coords[0], coords[1])

    def features(self, name: str) -> list[dict[str, Any]]:
        """The named object's geometries as GeoJSON features (properties and id kept)."""
        obj = self.objects[name]
        members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
        out = []
        for member in members:
            feature: dict[str, Any] = {
                "type": "Feature",
                "properties": dict(member.get("properties") or {}),
                "geometry": self.geometry(member),
            }
            if "id" in member:
                feature["id"] = member["id"]
            out.append(feature)
        return out
