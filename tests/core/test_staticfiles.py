"""Production's static files: the pages link each file by the hashed name collectstatic
wrote into its manifest, however often a process is asked for the address."""

import json

import pytest

from core.staticfiles import ManifestStorage


def storage(folder, paths):
    (folder / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1"}))
    return ManifestStorage(location=folder, base_url="/static/")


def test_a_static_files_address_is_its_hashed_name_every_time(tmp_path, settings):
    settings.DEBUG = False
    files = storage(tmp_path, {"css/site.css": "css/site.0123abcd.css"})
    for _ in range(2):
        assert files.url("css/site.css") == "/static/css/site.0123abcd.css"
    for _ in range(2):  # a file collectstatic did not write is an error, not a broken link
        with pytest.raises(ValueError, match="css/gone.css"):
            files.url("css/gone.css")
    settings.DEBUG = True  # the unhashed name, as Django's own storage gives it
    assert files.url("css/site.css") == "/static/css/site.css"
