"""The site's URL configuration: where the order of its routes could matter, it does not."""

import re

from django.urls import URLPattern, URLResolver, get_resolver, resolve

# A route's first path segment when it is written out (no converter, no regular expression).
_LITERAL_FIRST = re.compile(r"^\^?([\w.-]*)(?:/|$)")


def _routes(patterns: list, prefix: str = "") -> list[str]:
    routes: list[str] = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += _routes(pattern.url_patterns, route)
        else:
            assert isinstance(pattern, URLPattern)
            routes.append(route)
    return routes


def _first_segment(route: str) -> str:
    found = _LITERAL_FIRST.match(route)
    assert found is not None, f"{route!r} does not start with a written-out segment"
    return found.group(1)


def test_the_portal_shares_no_first_segment_with_any_other_route() -> None:
    # The portal is tried right after healthz: were one of its routes to start like another
    # app's, that app's addresses could be taken by the portal.
    portal: list[str] = []
    others: list[str] = []
    for entry in get_resolver().url_patterns:
        routes = _routes([entry])
        portal_entry = isinstance(entry, URLResolver) and entry.app_name == "portal"
        (portal if portal_entry else others).extend(routes)

    assert portal
    claimed = {_first_segment(route) for route in portal}
    assert "" not in claimed
    assert not claimed & {_first_segment(route) for route in others}


def test_a_submission_and_the_pages_around_it_resolve_to_their_views() -> None:
    assert resolve("/tickets/new/deposit/").view_name == "portal:create"
    assert resolve("/tickets/WD-7K3Q9M/submitted/").view_name == "portal:submitted"
    assert resolve("/healthz").view_name == "healthz"
    assert resolve("/").view_name == "kb:portal-home"
    assert resolve("/notifications/").view_name == "notifications:list"
