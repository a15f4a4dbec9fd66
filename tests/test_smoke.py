from tests.builders import published_event, published_process


async def test_health_checks_the_database(client):
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_published_event_is_public(client, city):
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    response = await client.get(f"/orgs/{city.slug}/events/{event['id']}")
    assert response.status_code == 200, response.text
    assert "Geheim-4711" not in response.text
