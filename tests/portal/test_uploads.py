"""Editors upload raster images only, within the size and pixel limits."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

ADD = "/admin/images/add/"


def png(width, height):
    buffer = io.BytesIO()
    Image.new("L", (width, height), 200).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("kuvat", "kuvat@example.fi", "salasana-123")
    client.force_login(user)
    return client


def upload(client, name, content, content_type="image/png"):
    return client.post(
        ADD,
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def refusal(response):
    """The upload form's message about the file."""
    assert response.status_code == 200
    return " ".join(str(message) for message in response.context["form"].errors["file"])


def test_a_photo_within_the_limits_is_saved(editor):
    response = upload(editor, "kuva.png", png(800, 600))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="kuva.png").exists()


def test_svg_is_refused_even_when_it_is_a_valid_image(editor):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
    message = refusal(upload(editor, "logo.svg", svg, "image/svg+xml"))
    assert "Tuetut muodot: AVIF, GIF, JPG, JPEG, PNG, WEBP" in message
    assert not get_image_model().objects.exists()


def test_a_file_that_only_pretends_to_be_an_image_is_refused(editor):
    message = refusal(upload(editor, "kuva.png", b"<html><script>alert(1)</script></html>"))
    assert "Ei kelvollinen .png-kuva" in message
    assert not get_image_model().objects.exists()


def test_too_many_pixels_or_bytes_are_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    message = refusal(upload(editor, "iso.png", png(1200, 1000)))
    assert "liian monta kuvapistettä (1200000)" in message
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    message = refusal(upload(editor, "raskas.png", png(800, 600) + b"\0" * 20_000))
    assert "Tiedosto on liian suuri" in message
    assert not get_image_model().objects.exists()
