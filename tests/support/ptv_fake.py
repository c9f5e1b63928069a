"""A small fake PTV for the sync tests: real v11 shapes (ptv_sync.payloads) served through
`responses`, so the HTTP client, its retries and the adapters run for real."""

from urllib.parse import parse_qs, urlparse

import responses

from ptv_sync import payloads as p

V11 = "https://ptv.test/api/v11/"
V12 = "https://ptv-v12.test/"


def small_catalogue(count=3, municipality="905", prefix="test"):
    org_id = p.stable_id(f"{prefix}-org")
    org = p.organisation(
        org_id,
        names={"fi": "Vaasan kaupunki", "sv": "Vasa stad"},
        org_type="Municipality",
        business_code=p.business_id(209602),
        municipality=municipality,
    )
    services, channels = {}, {}
    for n in range(count):
        service_id = p.stable_id(f"{prefix}-service", n)
        channel_id = p.stable_id(f"{prefix}-channel", n)
        channels[channel_id] = p.channel(
            channel_id,
            "ServiceLocation",
            names={"fi": f"Paikka {n}", "sv": f"Plats {n}"},
            summaries={"fi": "Paikka.", "sv": "Plats."},
            organisation_id=org_id,
            municipalities=[municipality],
            addresses=[
                p.street_address(
                    {"fi": "Kirkkotie", "sv": "Kyrkvägen"},
                    str(n + 1),
                    "65100",
                    {"fi": "VAASA", "sv": "VASA"},
                    municipality,
                    63.09 + n / 1000,
                    21.61,
                )
            ],
            phones=[p.phone("401234567", "fi")],
            hours=[p.opening_hours((0, 1, 2, 3, 4), "08:00", "16:00")],
            service_ids=[service_id],
        )
        services[service_id] = p.service(
            service_id,
            names={"fi": f"Palvelu {n}", "sv": f"Tjänst {n}"},
            summaries={"fi": f"Tiivistelmä {n}.", "sv": f"Sammanfattning {n}."},
            descriptions={"fi": "Kuvaus **lihavoitu**.", "sv": "Beskrivning."},
            service_classes=["P27.1"],
            municipalities=[municipality],
            organisation_id=org_id,
            channel_ids=[channel_id],
        )
    return {"services": services, "channels": channels, "organisations": {org_id: org}}


def guid_page(ids, page_number=1, page_count=None, page_size=1000):
    """A GUID page; an empty result has pageCount 0 and itemList null, as PTV sends it."""
    if page_count is None:
        page_count = 1 if ids else 0
    return {
        "pageNumber": page_number,
        "pageSize": page_size,
        "pageCount": page_count,
        "itemList": [{"id": item, "name": "x"} for item in ids] or None,
    }


def list_callback(objects, calls=None):
    """Answer /list?guids=a,b,… with those objects, refusing more than 100 as PTV does."""

    def callback(request):
        guids = parse_qs(urlparse(request.url).query).get("guids", [""])[0].split(",")
        if calls is not None:
            calls.append(guids)
        if len(guids) > 100:
            return 400, {}, '{"message": "Only 100 items are allowed"}'
        import json

        return (
            200,
            {"Content-Type": "application/json"},
            json.dumps([objects[g] for g in guids if g in objects]),
        )

    return callback


def serve_v11(rsps, catalogue, municipality="905", list_calls=None):
    """Register a well-behaved v11 API for the catalogue."""
    rsps.add(
        responses.GET,
        f"{V11}Service/area/Municipality/code/{municipality}",
        json=guid_page(list(catalogue["services"])),
    )
    serve_lists(rsps, catalogue, list_calls)


def serve_lists(rsps, catalogue, list_calls=None):
    """The /list endpoints (services, channels, organisations by guids) for the catalogue."""
    for kind, path in (
        ("services", "Service"),
        ("channels", "ServiceChannel"),
        ("organisations", "Organization"),
    ):
        rsps.add_callback(
            responses.GET, f"{V11}{path}/list", callback=list_callback(catalogue[kind], list_calls)
        )


class ScriptedServer:
    """A real HTTP server on 127.0.0.1 that answers from a script: a list of (status,
    headers, body) per path, then ``default``. `responses` never sleeps between retries, so
    the waits urllib3 makes (Retry-After, backoff) are tested against this instead."""

    def __init__(self, default):
        import http.server
        import threading
        import time

        self.scripts = {}
        self.default = default
        self.requests = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                path = self.path.split("?")[0]
                server.requests.append((path, dict(self.headers)))
                script = server.scripts.get(path)
                answer = script.pop(0) if script else server.default(self.path)
                status, headers, body = answer[:3]
                if len(answer) > 3:  # (status, headers, body, seconds to wait first)
                    time.sleep(answer[3])
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a read-timeout test)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/v11/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def v11_answers(catalogue, municipality="905"):
    """A ScriptedServer default that serves the catalogue like PTV v11."""
    import json

    def answer(raw_path):
        parsed = urlparse(raw_path)
        path = parsed.path.removeprefix("/api/v11/")
        if path == f"Service/area/Municipality/code/{municipality}":
            payload = guid_page(list(catalogue["services"]))
        elif path.endswith("/list"):
            kind = {
                "Service/list": "services",
                "ServiceChannel/list": "channels",
                "Organization/list": "organisations",
            }[path]
            guids = parse_qs(parsed.query).get("guids", [""])[0].split(",")
            payload = [catalogue[kind][g] for g in guids if g in catalogue[kind]]
        else:
            return 404, {}, b""
        return 200, {"Content-Type": "application/json"}, json.dumps(payload).encode()

    return answer
