"""Malformed, truncated or mistyped configuration files give an error naming the key path (and
for syntax errors the line), never a crash or a silently ignored key."""

import pytest

import orbitflops as of

DEFAULT = of.Scenario.default().to_toml()


def err(text):
    with pytest.raises((ValueError, TypeError)) as info:
        of.Scenario.from_toml_str(text)
    return info.value, str(info.value)


def test_unknown_key_names_its_path():
    e, msg = err("[orbit]\naltitude_km = 550\n")
    assert "orbit.altitude_km" in msg


def test_unknown_section_is_named():
    e, msg = err("[orbitt]\naltitude_m = 550000.0\n")
    assert "orbitt" in msg


def test_wrong_type_names_key_and_is_type_error():
    e, msg = err('[orbit]\naltitude_m = "high"\n')
    assert isinstance(e, TypeError) and "orbit.altitude_m" in msg


def test_out_of_range_value_names_key_and_value():
    e, msg = err("[orbit]\naltitude_m = -5.0\n")
    assert isinstance(e, ValueError) and "altitude_m" in msg and "-5" in msg


def test_design_wrong_type_and_bad_value():
    _, msg = err("[design]\nracks = [1, 2]\n")
    assert "design.racks" in msg or "racks" in msg
    _, msg = err("[design]\nracks = 0.5\n")
    assert "racks" in msg and "0.5" in msg


def test_bad_choice_names_key():
    _, msg = err('[solar]\ncell = "unobtainium"\n')
    assert "cell" in msg and "unobtainium" in msg


def test_syntax_error_names_line():
    text = "[orbit]\naltitude_m = 550000.0\nltan_h = = 18\n"
    _, msg = err(text)
    assert "line 3" in msg


def test_truncated_default_file_fails_with_line_or_parses():
    # Cutting the file mid-value or mid-header must name the line; a cut at a line break gives a
    # shorter but valid file.
    lines = DEFAULT.splitlines(keepends=True)
    cut = sum(len(l) for l in lines[:5]) + 3  # inside line 6
    _, msg = err(DEFAULT[:cut] + "\n[")
    assert "line" in msg
    ok = of.Scenario.from_toml_str("".join(lines[:5]))
    assert isinstance(ok, of.Scenario)


@pytest.mark.parametrize("junk", ["\x00", "[orbit]\naltitude_m = 5\x00\n", "[orbit]\naltitude_m = 1e999\n", "[orbit]\naltitude_m = nan\n", "[orbit]\naltitude_m = inf\n", "[[orbit]]\n"])
def test_junk_is_a_value_or_type_error(junk):
    err(junk)


def test_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        of.Scenario.from_toml(tmp_path / "nope.toml")


def test_empty_file_is_the_default_scenario(tmp_path):
    assert of.Scenario.from_toml_str("").to_toml() == DEFAULT


def test_byte_order_mark_is_accepted():
    # Files saved by Windows editors start with a UTF-8 byte order mark (TOML 1.0 allows it).
    assert of.Scenario.from_toml_str("\ufeff[orbit]\naltitude_m = 600000.0\n").altitude_m == 600000.0
