"""A script text is compiled once and filled for every candidate shown: each fill shows its own candidate's
values, never the previous candidate's, whichever thread fills it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from offerdesk.services.callprep.scripts import fill

TEXT = "Hi {{ candidate.first_name }}, the base is {{ offer.base }}."


def test_the_same_text_filled_twice_shows_each_candidates_own_values() -> None:
    first = fill(TEXT, {"candidate": {"first_name": "Ada"}, "offer": {"base": "€90,000"}})
    second = fill(TEXT, {"candidate": {"first_name": "Grace"}, "offer": {}})
    assert "Ada" in first.html and "€90,000" in first.html
    assert "Grace" in second.html and "Ada" not in second.html and "€90,000" not in second.html
    assert second.missing  # the base this offer lacks is asked about, not carried over from Ada's


def test_a_text_filled_in_many_threads_at_once_keeps_each_fill_apart() -> None:
    names = [f"Person{number}" for number in range(40)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        filled = list(pool.map(lambda name: fill(TEXT, {"candidate": {"first_name": name}, "offer": {"base": name}}),
                               names))  # fmt: skip
    for name, text in zip(names, filled, strict=True):
        assert text.html.count(name) == 2, (name, text.html)


def test_an_edited_text_is_filled_as_edited() -> None:
    values = {"candidate": {"first_name": "Ada"}, "offer": {"base": "€90,000"}}
    fill(TEXT, values)
    edited = fill(TEXT.replace("Hi", "Good morning"), values)
    assert "Good morning Ada" in edited.html and "Hi" not in edited.html
