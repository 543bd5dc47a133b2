"""settings: one declaration gives defaults, variables, options and their help."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopkg.errors import BadInput
from coopkg.settings import SETTINGS, Settings, parse_value, setting_named


def test_each_setting_has_a_variable_an_option_and_help() -> None:
    port = setting_named("port")
    assert (port.env, port.option, port.kind) == ("COOPKG_PORT", "--port", int)
    assert all(s.help and s.env.startswith("COOPKG_") for s in SETTINGS)
    assert setting_named("data_dir").option == "--data-dir"


def test_options_beat_variables_beat_defaults() -> None:
    env = {"COOPKG_PORT": "9000", "COOPKG_STORE": ":memory:"}
    settings = Settings.from_sources(env=env, options={"port": 9100, "store": None})
    assert (settings.port, settings.store) == (9100, ":memory:")
    assert Settings.from_sources(env={}).port == Settings().port


@pytest.mark.parametrize(("raw", "value"), [("yes", True), ("0", False), ("ON", True)])
def test_booleans_in_words(raw: str, value: bool) -> None:
    assert parse_value(setting_named("union_default_graph"), raw) is value


def test_a_bad_value_names_its_variable() -> None:
    with pytest.raises(BadInput, match="COOPKG_PORT='eighty'"):
        Settings.from_sources(env={"COOPKG_PORT": "eighty"})
    with pytest.raises(BadInput):
        parse_value(setting_named("union_default_graph"), "maybe")


def test_folders_follow_the_data_dir() -> None:
    settings = Settings(data_dir=Path("elsewhere"))
    assert settings.records_dir == Path("elsewhere/records")
    assert settings.with_(data_dir=Path("x")).rdf_dir == Path("x/rdf")
