"""geo/topojson: arcs shared by neighbours, walked backwards, quantised and delta-encoded,
decoded into the GeoJSON rings they describe."""

from __future__ import annotations

import pytest

from coopkg.geo.topojson import Topology

# two unit squares side by side sharing the arc x=1; quantised with scale 1, translate 10
SQUARES = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [10, 20]},
    "arcs": [
        [[1, 0], [0, 1]],  # shared border: (11,20) → (11,21)
        [[1, 1], [-1, 0], [0, -1], [1, 0]],  # left square's other sides, back to (11,20)
        [[1, 0], [1, 0], [0, 1], [-1, 0]],  # right square's other sides: (11,20) → (11,21)
    ],
    "objects": {
        "areas": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "L", "properties": {"n": 1}},
                {"type": "Polygon", "arcs": [[2, ~0]], "id": "R"},
                {"type": "Point", "coordinates": [2, 3]},
            ],
        }
    },
}


def test_shared_arcs_are_walked_both_ways_and_quantised_points_restored() -> None:
    left, right, point = Topology(SQUARES).features("areas")
    assert left["id"] == "L" and left["properties"] == {"n": 1}
    assert left["geometry"]["coordinates"] == [[[11, 20], [11, 21], [10, 21], [10, 20], [11, 20]]]
    # the shared border walked backwards closes the right square
    assert right["geometry"]["coordinates"] == [[[11, 20], [12, 20], [12, 21], [11, 21], [11, 20]]]
    # points are quantised but not delta-encoded
    assert point["geometry"] == {"type": "Point", "coordinates": [12, 23]}


def test_rounding_and_unquantised_topologies() -> None:
    plain = {
        "type": "Topology",
        "arcs": [[[0.123456, 0.5], [1.987654, 0.5], [1.0, 2.0], [0.123456, 0.5]]],
        "objects": {"t": {"type": "MultiPolygon", "arcs": [[[0]]]}},
    }
    (feature,) = Topology(plain, digits=2).features("t")
    assert feature["geometry"]["coordinates"] == [
        [[[0.12, 0.5], [1.99, 0.5], [1.0, 2.0], [0.12, 0.5]]]
    ]


def test_what_is_not_a_topology_is_refused() -> None:
    with pytest.raises(ValueError, match="not a TopoJSON topology"):
        Topology({"type": "FeatureCollection"})
    with pytest.raises(ValueError, match="unknown TopoJSON geometry"):
        Topology({"type": "Topology", "arcs": [], "objects": {"x": {"type": "Circle"}}}).features(
            "x"
        )
