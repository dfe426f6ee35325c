"""Keyword classifier: types, actors, elements and the documented confidence formula."""

from __future__ import annotations

import pytest

from reequity.events.classify import (
    POLICY_TYPES,
    actors_in,
    classify_sentence,
    confidence,
    elements_in,
)


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("商务部宣布对稀土相关物项实施出口管制", "export_control"),
        ("China imposed export controls on seven rare earths", "export_control"),
        ("商务部公告暂停实施10月9日公布的出口管制措施", "export_control_relaxation"),
        ("China suspended the October measures for a year", "export_control_relaxation"),
        ("美澳签署关键矿产框架协议", "trade_agreement"),
        ("Trump and Xi met in Busan for a summit", "diplomatic_meeting"),
        ("Lynas achieved commercial production of dysprosium", "production_milestone"),
        (
            "MP Materials and Maaden form a joint venture to build a refinery",
            "supply_chain_investment",
        ),
        ("普京发布总统令，要求制定稀土路线图", "industrial_policy"),
        ("美国宣布对中国商品加征100%关税", "tariff"),
        ("The WTO panel ruled against China", "trade_dispute"),
        ("港股暴跌，恒指重挫13%", "market_shock"),
        ("彭博社报道称美国公司拿不到镝", "market_report"),
        ("今天天气很好", None),
    ],
)
def test_event_type(sentence: str, event_type: str | None) -> None:
    assert classify_sentence(sentence).event_type == event_type


def test_actors_are_canonical_and_ordered() -> None:
    assert actors_in("10月底，中美才在韩国首尔见了一面") == ("China", "US", "South Korea")
    assert actors_in("The U.S. Department of War and Maaden with MP Materials") == (
        "US", "US DoD", "Maaden", "MP Materials")  # fmt: skip
    assert actors_in("俄罗斯卫星通讯社报道，彭博社称") == ()  # news agencies are not actors
    assert actors_in("let us discuss the status quo") == ()  # 'us' is not the US
    assert actors_in("美国商务部") == ("US",)
    assert actors_in("Lynas, Iluka, Northern Rare Earth and Shenghe") == (
        "Lynas", "Iluka", "Northern Rare Earth", "Shenghe")  # fmt: skip


def test_elements() -> None:
    assert elements_in("镝和铽的出口") == {"rare_earths"}
    assert elements_in("graphite and gallium") == {"graphite", "gallium"}
    assert elements_in("critical minerals framework") == {"critical_minerals"}
    assert elements_in("nothing here") == frozenset()


def test_policy_types_exclude_market_events() -> None:
    assert "market_report" not in POLICY_TYPES and "market_shock" not in POLICY_TYPES
    assert "export_control" in POLICY_TYPES


def test_confidence_formula() -> None:
    labels = classify_sentence("10月9日，商务部宣布对稀土相关技术实施出口管制")
    # 0.20 date + 0.15 day + 0.25 type (1 hit) + 0.10 actors + 0.10 elements
    assert confidence(labels, "day") == pytest.approx(0.80)
    assert confidence(labels, "decade") == pytest.approx(0.65)
    empty = classify_sentence("无关的句子")
    assert confidence(empty, "year") == pytest.approx(0.20)
    assert confidence(empty, "year", has_date=False) == 0.0
