"""Unknown /api/ paths answer in the API's JSON error shape, even with odd characters."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/no-such-thing",
        "/api/v1/attachments/%0A",
        "/api/v1/auth/tokens/%C3%B1%C3%A1%0A%C2%91",
        "/api/v1/help/articles/%0A%C3%98/deflections",
    ],
)
def test_unknown_api_paths_are_json_404s(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"
