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
