# The adapters now set the facts the search reads: a service's ages (PTV: from its target
# groups) and a place's wheelchair access (PTV: its classification or its accessibility
# sentences). Rows synced before keep their stored payload data until PTV changes them, so
# they get the same facts here, by the rules the search used until now (frozen below).

from django.db import migrations

TARGET_GROUP_AGES = {"KR1.1": [65, None], "KR1.2": [0, 17], "KR1.3": [13, 29]}
WHEELCHAIR_WORDS = ("pyörätuoli", "esteetön", "esteettömä", "rullstol", "tillgänglig")


def _wheelchair(accessibility):
    if accessibility.get("level") == "fully":
        return True
    for group in accessibility.get("sentences", ()):
        for sentence in group.get("sentences", ()):
            text = " ".join(sentence.values()).casefold()
            if any(word in text for word in WHEELCHAIR_WORDS) and "ei " not in text:
                return True
    return False


def forwards(apps, schema_editor):
    Service = apps.get_model("catalogue", "Service")
    ServiceChannel = apps.get_model("catalogue", "ServiceChannel")
    Links = Service.classifications.through
    ages = {}
    for service_id, code in Links.objects.filter(
        classification__kind="target_group", classification__code__in=TARGET_GROUP_AGES
    ).values_list("service_id", "classification__code"):
        ages.setdefault(service_id, []).append(TARGET_GROUP_AGES[code])
    changed = []
    for service in Service.objects.filter(pk__in=ages).only("pk", "age_ranges").iterator():
        if not service.age_ranges:
            service.age_ranges = sorted(ages[service.pk], key=lambda pair: pair[0])
            changed.append(service)
    Service.objects.bulk_update(changed, ["age_ranges"], batch_size=500)
    changed = []
    for channel in ServiceChannel.objects.exclude(accessibility={}).only("pk", "accessibility"):
        access = channel.accessibility or {}
        features = list(access.get("features", ()))
        if "wheelchair" not in features and _wheelchair(access):
            channel.accessibility = {**access, "features": [*features, "wheelchair"]}
            changed.append(channel)
    ServiceChannel.objects.bulk_update(changed, ["accessibility"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("ptv_sync", "0003_deactivation_record"),
        ("catalogue", "0015_sources_declared_once"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
