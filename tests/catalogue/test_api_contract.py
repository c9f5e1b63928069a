"""The JSON API against its own OpenAPI document (schemathesis): generated requests, valid
and invalid, over the demo catalogue never get a server error, and every answer — results
and 422 explanations alike — has the status, content type and shape the document promises."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("API_CONTRACT_EXAMPLES", "200"))

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def same_connection():
    """Requests go through the real WSGI handler, which closes the database connection after
    each one; like Django's test client, keep the test's connection (and its data) open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_openapi_contract(case, demo_catalogue, same_connection):
    # Every check but one: a well-formed value can still be refused with a 422 when it names
    # something the catalogue does not have (theme=kalastus, municipality=999, a place we do
    # not know) or when parameters contradict each other (sort=distance without a place).
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
