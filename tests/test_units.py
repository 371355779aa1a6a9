"""Units and measurement in EPSG:4548."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point, box

from geo.model import units


def test_mu_conversion():
    assert units.m2_to_mu(666.6666666) == pytest.approx(1.0)
    assert units.mu_to_m2(15) == pytest.approx(10000)


def test_area_of_a_square_built_in_metres():
    centre = units.to_projected(Point(118.4, 36.78))
    square = box(centre.x - 50, centre.y - 50, centre.x + 50, centre.y + 50)  # 10,000 m²
    lonlat = units.to_geographic(square)
    assert units.area_m2(lonlat) == pytest.approx(10000, rel=1e-6)
    assert units.area_mu(lonlat) == pytest.approx(15, rel=1e-6)


def test_length_of_a_meridian_arc():
    # 0.01° of latitude is about 1.109 km here (independent of our projection).
    line = LineString([(118.4, 36.78), (118.4, 36.79)])
    assert units.length_km(line) == pytest.approx(1.109, abs=0.002)


@pytest.mark.parametrize(
    ("wan", "zh"),
    [
        (160000, "16 亿元"),
        (55750, "5.575 亿元"),
        (3690, "3,690 万元"),
        (410.8, "410.8 万元"),
        (None, "—"),
    ],
)
def test_money_is_written_the_chinese_way(wan, zh):
    assert units.format_money_wan(wan) == zh


def test_mu_formatting():
    assert units.format_mu(11400, 0) == "11,400 亩"
    assert units.format_mu(95.2) == "95.2 亩"


@pytest.mark.parametrize(
    ("wan", "en"),
    [
        (160000, "¥1.6 bn"),
        (200391, "¥2.00391 bn"),
        (3690, "¥36.9 m"),
        (30, "¥300,000"),
        (22.3, "¥223,000"),
        (55750, "¥557.5 m"),
        (20000, "¥200 m"),
    ],
)
def test_money_in_english(wan, en):
    assert units.format_money_wan(wan, "en") == en
