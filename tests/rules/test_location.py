"""CL501 and CL502: a page agrees with its _cache/<tag>/<package>/ folder."""

from __future__ import annotations

from tests.conftest import column_of, page_text


def test_matching_folder_passes(check_page):
    assert check_page(page_text(tag="develop", title="bc")) == []


def test_wrong_tag_points_at_the_tag(check_page):
    text = page_text(tag="v0.23.0")
    assert check_page(text) == [("CL501", 4, column_of(text, 4, "v0.23.0"))]


def test_wrong_title_points_at_the_title(check_page):
    text = page_text(title="bc-ng")
    assert check_page(text) == [("CL502", 2, column_of(text, 2, '"bc-ng"'))]


def test_not_checked_outside_the_tagged_layout(check_page):
    text = page_text(tag="v0.23.0", title="other")
    assert check_page(text, relative="seeds/page.txt") == []
