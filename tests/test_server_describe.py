"""server/describe: the service description, VoID and the dumps."""

from __future__ import annotations

from flask.testing import FlaskClient
from rdflib import Graph


def test_service_description_void_and_dumps(client: FlaskClient) -> None:
    sd = Graph().parse(
        data=client.get("/sparql", headers={"Accept": "text/turtle"}).data, format="turtle"
    )
    assert (
        None,
        None,
        __import__("rdflib").URIRef("http://www.w3.org/ns/sparql-service-description#Service"),
    ) in sd
    void = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=void.data, format="turtle")
    q = """PREFIX void: <http://rdfs.org/ns/void#>
      SELECT ?triples (COUNT(DISTINCT ?cp) AS ?classes) (COUNT(DISTINCT ?pp) AS ?props) WHERE {
        ?d void:triples ?triples ; void:classPartition ?cp ; void:propertyPartition ?pp }
      GROUP BY ?triples"""
    row = next(iter(g.query(q)))
    assert int(row[0]) > 1000 and int(row[1]) > 5 and int(row[2]) > 20
    assert client.get("/dumps/").status_code == 200
    assert client.get("/dumps/nothing.nq").status_code == 404
    assert client.get("/health").get_json()["status"] == "ok"
