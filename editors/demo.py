"""Demo local services for `load_demo`: activities that are neither in PTV nor in Lähellä.fi,
written by a municipality's editors and already approved (published). Idempotent."""

from catalogue.models import Municipality, Theme

from .models import LocalService

DEMO = [
    {
        "name_fi": "Puistojumppa Hietalahdessa",
        "name_sv": "Parkgympa i Sandviken",
        "summary_fi": "Maksuton ulkojumppa kaikenikäisille kesä–syyskuussa.",
        "summary_sv": "Avgiftsfri utomhusgympa för alla åldrar juni–september.",
        "description_fi": "Ohjattu jumppa puistossa. Ei ilmoittautumista, tule sellaisena kuin olet.",
        "description_sv": "Ledd gympa i parken. Ingen anmälan, kom som du är.",
        "municipality": "905",
        "address_fi": "Hietalahdenkatu 1",
        "address_sv": "Sandviksgatan 1",
        "postal_code": "65100",
        "post_office_fi": "Vaasa",
        "post_office_sv": "Vasa",
        "latitude": 63.0921,
        "longitude": 21.5920,
        "schedule_fi": "tiistaisin klo 18–19",
        "schedule_sv": "tisdagar kl. 18–19",
        "phone": "06 325 1111",
        "charge_type": "free",
        "service_languages": ["fi", "sv"],
        "wheelchair_accessible": True,
        "themes": ["liikunta"],
    },
    {
        "name_fi": "Kävelykaveritoiminta Närpiössä",
        "name_sv": "Promenadkompisar i Närpes",
        "summary_fi": "Vapaaehtoinen kävelykaveri lähtee kanssasi ulos kerran viikossa.",
        "summary_sv": "En frivillig promenadkompis följer med dig ut en gång i veckan.",
        "municipality": "545",
        "address_fi": "Kauppatie 41",
        "address_sv": "Köpmansvägen 41",
        "postal_code": "64200",
        "post_office_fi": "Närpiö",
        "post_office_sv": "Närpes",
        "schedule_fi": "sovitaan yhdessä",
        "schedule_sv": "enligt överenskommelse",
        "phone": "06 224 9111",
        "charge_type": "free",
        "service_languages": ["sv", "fi"],
        "themes": ["liikunta", "osallisuus"],
    },
]


def ensure_local_services():
    created = 0
    for spec in DEMO:
        if LocalService.objects.filter(name_fi=spec["name_fi"]).exists():
            continue
        fields = {
            key: value for key, value in spec.items() if key not in ("municipality", "themes")
        }
        local = LocalService(
            **fields, municipality=Municipality.objects.get(code=spec["municipality"])
        )
        local.save()
        local.themes.set(Theme.objects.filter(slug__in=spec["themes"]))
        local.save()
        local.save_revision(log_action=False).publish(log_action=False)
        created += 1
    return created
