import pytest

pytestmark = pytest.mark.django_db


def test_schema_describes_every_v1_endpoint(client) -> None:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/tickets" in schema["paths"]
    assert "/api/v1/auth/siwe/verify" in schema["paths"]
    assert schema["components"]["securitySchemes"]["deviceToken"]["scheme"] == "bearer"
    post = schema["paths"]["/api/v1/tickets"]["post"]
    assert post["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_docs_page_loads_only_our_own_assets(client) -> None:
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html


def test_the_token_and_wallet_sign_in_document_the_second_factor(client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    schemas = schema["components"]["schemas"]
    for name in ("TokenInputRequest", "SiweVerifyInputRequest", "SiweConfirmInputRequest"):
        otp = schemas[name]["properties"]["otp"]
        assert otp["type"] == "string"
        assert "second_factor_required" in otp["description"]
        assert "otp" not in schemas[name].get("required", [])


def test_the_forum_endpoints_are_described_with_their_shapes(client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    paths = schema["paths"]
    ask = paths["/api/v1/community/topics"]["post"]
    assert ask["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/TopicWritten"
    }
    assert ask["responses"]["202"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/TopicWritten"
    }
    assert "Idempotency-Key" in [p["name"] for p in ask["parameters"]]
    schemas = schema["components"]["schemas"]
    assert set(schemas["AskInputRequest"]["required"]) == {"title", "body"}
    assert paths["/api/v1/community/topics/{topic_id}"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"] == {"$ref": "#/components/schemas/Thread"}
    # A list and a topic need no account: the operations say so.
    assert {} in paths["/api/v1/community/topics"]["get"]["security"]
    assert {"verified", "accepted", "state", "replies"} <= set(schemas["Answer"]["properties"])
    assert "masked" in schemas["Error"]["properties"]
    for route in (
        "/api/v1/community/search",
        "/api/v1/community/topics/{topic_id}/answers",
        "/api/v1/community/topics/{topic_id}/answers/{post_id}/replies",
        "/api/v1/community/topics/{topic_id}/posts/{post_id}",
        "/api/v1/community/topics/{topic_id}/posts/{post_id}/vote",
        "/api/v1/community/topics/{topic_id}/posts/{post_id}/accept",
        "/api/v1/community/topics/{topic_id}/reports",
        "/api/v1/community/moderation",
        "/api/v1/community/topics/{topic_id}/moderation",
    ):
        assert route in paths
