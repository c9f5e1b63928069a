"""Service listings for theme pages: active public services of a theme, filterable by
municipality, paginated, with a fixed number of queries whatever the page size."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Case, CharField, Exists, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone

from core import sources
from core.i18n import Translated, field_names, language_codes, other_languages
from core.pagecache import ids_per_generation, per_generation

from . import places
from .models import (
    AreaType,
    LocalEnrichment,
    Municipality,
    Phone,
    Service,
    ServiceChannel,
    ServiceTheme,
)
from .models.services import service_path
from .reference import configured_scope

PAGE_SIZE = 20
PLACES_SHOWN = 12  # nearby places on a theme page
ID_SLICE = 900  # ids per IN (…) list, within every backend's limit on parameters
# Service classes of social and health counselling (sote-neuvonta): P4.13 social services'
# and P5.17 health and wellbeing counselling and guidance.
COUNSELLING_CLASSES = ("P4.13", "P5.17")
GENERAL_COUNSELLING = "P4.13"
NATIONWIDE = (AreaType.NATIONWIDE, AreaType.NATIONWIDE_EXCEPT_ALAND)


def public_services():
    """Active services an editor has not hidden, one per activity: a duplicate shown as the
    same activity from the other source (catalogue.dedupe) is left out."""
    hidden = LocalEnrichment.objects.filter(hidden=True, service=OuterRef("pk"))
    return Service.objects.filter(is_active=True, duplicate_of__isnull=True).exclude(Exists(hidden))


def scope_municipalities():
    """The municipalities of the configured scope, for filters (none for a misconfigured
    county: the sync reports that)."""
    try:
        codes = configured_scope()["municipalities"]
    except ValueError:
        codes = []
    return Municipality.objects.filter(code__in=codes)


def offered_in(code, nationwide, codes):
    """Whether a service, nationwide or offered in the municipalities ``codes``, is on the
    lists of the municipality ``code``: a municipality lists its own services and the
    nationwide ones."""
    return nationwide or code in codes


def in_order(services, ids):
    """The active services of ``services`` whose ids are ``ids``, in that order (an order
    kept per generation): one deactivated since (a sync deactivates in its own transaction
    and starts a new generation when it ends) is left out."""
    found = {service.pk: service for service in services.filter(pk__in=ids, is_active=True)}
    return [found[pk] for pk in ids if pk in found]


def ordered_by_name(services, language):
    """By name in the page's language, the other language's name standing in for a missing
    one (as it does on the page)."""
    text = CharField()
    name = Coalesce(
        *(
            NullIf(f"name_{code}", Value(""), output_field=text)
            for code in [language, *other_languages(language)]
        ),
        output_field=text,
    )
    return services.annotate(sort_name=Lower(name)).order_by("sort_name", "pk")


def theme_services(theme, language, municipality=None, page=1):
    """The theme's services by name, those an editor featured on the theme first (its
    places are listed apart: ``theme_places``), offered in ``municipality`` (a code) or
    nationwide.

    The order is worked out once per catalogue generation (a sync, a re-index or an editor's
    change starts a new one), for the theme alone and with each municipality of the scope
    at once (``theme_listing``): a page view reads its page of services by id instead of
    sorting and counting the theme's services. A code outside the scope (a professional's
    list may name one) is worked out on each view."""
    listing = per_generation(
        "theme-listing", lambda: theme_listing(theme, language), theme.pk, language
    )
    order = listing["order"].get(municipality or "")
    if order is None:
        order = theme_listing(theme, language, [municipality])["order"][municipality]
    listed = Paginator(order, PAGE_SIZE).get_page(page)
    listed.object_list = in_order(listed_columns(), list(listed.object_list))
    for service in listed.object_list:
        service.featured = service.pk in listing["featured"]
    with_sources(listed.object_list)
    return listed


def listed_columns(*more):
    """Services with what a list's item shows (catalogue/includes/service_item.html: the
    name and summary in every language, the source, the organisation's name), and the
    fields ``more``, without their long texts: a fifth of the bytes of a whole row at
    10,000 generated services."""
    return Service.objects.select_related("responsible_organisation").only(
        "source",
        "kind",
        *more,
        *field_names("name"),
        *field_names("summary"),
        *(f"responsible_organisation__{name}" for name in field_names("name")),
    )


class ListedService:
    """What a list of results shows of a service, read as plain values, not as a model
    instance (``listed``): its names, summaries and organisation's names in every language,
    its kind and source. ``name`` and ``summary`` are the active language's (or another's,
    as a service's own fields fall back); ``sources`` is set by ``with_sources``; ``values``
    holds the further fields ``listed`` was asked for."""

    __slots__ = (
        "pk",
        "kind",
        "source",
        "names",
        "summaries",
        "organisation",
        "sources",
        "values",
    )

    def __init__(self, pk, kind, source, names, summaries, organisation, values=None):
        self.pk, self.kind, self.source = pk, kind, source
        self.names, self.summaries, self.organisation = names, summaries, organisation
        self.sources = [source]
        self.values = values or {}

    @property
    def name(self):
        return self.names.get()

    @property
    def summary(self):
        return self.summaries.get()

    def get_absolute_url(self):
        return service_path(self.pk, self.name)


def listed(ids, *more):
    """{id: ListedService} of the services ``ids``, with the fields ``more`` in its
    ``values``: one query of plain values. For a page of 20 at 50,000 services, 1.0–1.2 ms
    of CPU, where ``listed_columns`` model instances and the look-ups of their texts in
    every language took 1.7–1.8."""
    codes = language_codes()  # the languages the fields are translated into, in this order
    columns = [
        *field_names("name"),
        *field_names("summary"),
        *(f"responsible_organisation__{name}" for name in field_names("name")),
    ]
    count, extra = len(codes), len(more)
    found = {}
    for pk, kind, source, *fields in Service.objects.filter(pk__in=ids).values_list(
        "pk", "kind", "source", *more, *columns
    ):
        texts = fields[extra:]
        found[pk] = ListedService(
            pk,
            kind,
            source,
            *(
                Translated(dict(zip(codes, texts[start : start + count], strict=True)))
                for start in range(0, len(texts), count)
            ),
            values=dict(zip(more, fields[:extra], strict=True)),
        )
    return found


def listed_services():
    """What theme pages list: public services and activities, not places."""
    return public_services().exclude(kind=Service.Kind.PLACE)


def theme_listing(theme, language, codes=None):
    """{"order": {municipality code or "": (service id, …)}, "featured": {service id, …}}:
    the theme page's list in its order (featured first, then by name in ``language``) for
    the theme alone ("") and with each municipality of ``codes`` (by default the scope's:
    ``offered_in``). Two statements, whatever the number of municipalities."""
    if codes is None:
        codes = list(scope_municipalities().values_list("code", flat=True))
    featured = LocalEnrichment.featured_themes.through.objects.filter(
        localenrichment__service=OuterRef("pk"), theme=theme
    )
    services = (
        ordered_by_name(listed_services().filter(theme_links__theme=theme), language)
        .annotate(featured=Exists(featured))
        .order_by("-featured", "sort_name", "pk")
    )
    rows = list(services.values_list("pk", "featured", "area_type"))
    offered = municipality_codes([pk for pk, *_rest in rows], codes)
    order = {"": tuple(pk for pk, *_rest in rows)}
    for code in codes:
        order[code] = tuple(
            pk
            for pk, _featured, area in rows
            if offered_in(code, area in NATIONWIDE, offered.get(pk, ()))
        )
    return {"order": order, "featured": {pk for pk, featured, _a in rows if featured}}


def municipality_codes(ids, codes=None):
    """{service id: {municipality code, …}} of the services ``ids`` (of ``codes`` only, if
    given), asked in slices that every backend's limit on parameters allows."""
    through = Service.municipalities.through.objects
    if codes is not None:
        through = through.filter(municipality__code__in=codes)
    found = {}
    for start in range(0, len(ids), ID_SLICE):
        for pk, code in through.filter(service_id__in=ids[start : start + ID_SLICE]).values_list(
            "service_id", "municipality__code"
        ):
            found.setdefault(pk, set()).add(code)
    return found


def theme_places(theme, language, municipality, limit=PLACES_SHOWN):
    """The theme's sports and recreation places in a municipality, nearby nature first
    (areas, trails, lean-tos, beaches, then the rest), by name: [(service, kind of place)].
    Nothing without a municipality: "nearby" needs one."""
    if not municipality:
        return []
    found = (
        public_services()
        .filter(
            theme_links__theme=theme, kind=Service.Kind.PLACE, municipalities__code=municipality
        )
        .distinct()
    )
    types = places.types_of(found)
    order = {group: n for n, group in enumerate(places.GROUPS)}
    rows = [
        (service, places.type_name(types.get(service.pk, ""), language))
        for service in ordered_by_name(found, language)
    ]
    rows.sort(key=lambda row: order.get(places.group_of(types.get(row[0].pk, "")), len(order)))
    return rows[:limit]


def shown_with_partners():
    """The ids of the services shown for a duplicate from another source, once per catalogue
    generation (dedupe starts a new one when it pairs or splits): few services are, and a
    page asks for their partners only for those."""
    return ids_per_generation(
        "shown-with-partners",
        lambda: (
            Service.objects.filter(is_active=True)
            .exclude(duplicate_of=None)
            .values_list("duplicate_of_id", flat=True)
        ),
    )


def with_sources(services):
    """Set ``sources`` on each service: the sources its entry comes from, its own and those of
    the duplicates shown as it (one query for the list; none when no service in it is shown
    for a partner, as most are not)."""
    services = list(services)
    extra = {}
    shown_for_others = shown_with_partners()
    wanted = [s.pk for s in services if s.pk in shown_for_others]
    if wanted:
        partners = Service.objects.filter(duplicate_of__in=wanted, is_active=True)
        for shown, source in partners.values_list("duplicate_of", "source"):
            extra.setdefault(shown, set()).add(source)
    for service in services:
        found = {service.source} | extra.get(service.pk, set())
        service.sources = sorted(found, key=lambda source: (sources.listing_order(source), source))
    return services


def counselling_contacts(theme, language, municipality=None, limit=6):
    """Sote-neuvonta for a theme page: the general social and health counselling (P4.13, or
    counselling with no theme) first, then the theme's own counselling services (P5.17),
    offered in ``municipality`` or nationwide; each with its phone numbers. Which ones, from
    ``counselling_candidates``; a view reads only those by id."""
    chosen = [
        pk
        for pk, nationwide, codes in per_generation(
            "counselling-candidates",
            lambda: counselling_candidates(theme, language),
            theme.pk,
            language,
        )
        if not municipality or offered_in(municipality, nationwide, codes)
    ][:limit]
    phones = Phone.objects.filter(kind=Phone.Kind.PHONE)
    channels = phone_channels().prefetch_related(Prefetch("phones", queryset=phones))
    contacts = []
    for service in in_order(
        Service.objects.prefetch_related(Prefetch("channel_links__channel", queryset=channels)),
        chosen,
    ):
        numbers = {}
        for link in service.channel_links.all():
            for phone in link.channel.phones.all() if link.channel is not None else ():
                # One entry per number, in the page's language when the source has it.
                if phone.number not in numbers or phone.language == language:
                    numbers[phone.number] = phone
        contacts.append((service, list(numbers.values())))
    return contacts


def counselling_candidates(theme, language):
    """[(service id, nationwide, {municipality code, …})] of the counselling services a theme
    page may show, in their order (general first, then by name in ``language``), those with
    a phone only: worked out once per catalogue generation for every municipality."""
    # Uncorrelated subqueries (service_id IN (SELECT …)): the database reads the few
    # counselling services once instead of probing the classes of every service.
    classes = Service.classifications.through.objects.filter(classification__kind="service_class")
    counselling = classes.filter(classification__code__in=COUNSELLING_CLASSES).values("service_id")
    general = Q(
        pk__in=classes.filter(classification__code=GENERAL_COUNSELLING).values("service_id")
    ) | (Q(pk__in=counselling) & ~Q(pk__in=ServiceTheme.objects.values("service_id")))
    own = Q(pk__in=counselling) & Q(
        pk__in=ServiceTheme.objects.filter(theme=theme).values("service_id")
    )
    services = (
        public_services()
        .filter(general | own)
        .annotate(is_general=Case(When(general, then=Value(True)), default=Value(False)))
        .filter(Exists(phone_channels().filter(service_links__service=OuterRef("pk"))))
        .order_by("-is_general", f"name_{language}", "pk")
    )
    rows = list(services.values_list("pk", "area_type"))
    codes = municipality_codes([pk for pk, _area in rows])
    return [(pk, area in NATIONWIDE, codes.get(pk, set())) for pk, area in rows]


def phone_channels():
    """Active telephone channels: how counselling is reached."""
    return ServiceChannel.objects.filter(is_active=True, channel_type=ServiceChannel.Type.PHONE)


def coming_up(municipality, moment=None, days=7, limit=8):
    """The activities (Lähellä.fi's, or a service shown for one) of a municipality that meet
    within ``days``: [(start, end, service)] in Finnish time, soonest first, each activity
    once (its next time)."""
    from .models import ServiceOpenSpan
    from .openinghours import HELSINKI

    moment = moment or timezone.now()
    activity = Q(service__activity_type__gt="") | Q(
        service__duplicates__activity_type__gt="", service__duplicates__is_active=True
    )
    spans = (
        ServiceOpenSpan.objects.filter(
            activity,
            service__in=public_services().filter(municipalities=municipality),
            ends__gt=moment,
            starts__lt=moment + timedelta(days=days),
        )
        .select_related("service")
        .order_by("starts", "service_id")
        .distinct()
    )
    found, seen = [], set()
    for span in spans[: limit * 10]:
        if span.service_id in seen:
            continue
        seen.add(span.service_id)
        found.append(
            (span.starts.astimezone(HELSINKI), span.ends.astimezone(HELSINKI), span.service)
        )
        if len(found) == limit:
            break
    with_sources(service for _start, _end, service in found)
    return found


def new_in_guide(municipality, moment=None, days=30, limit=6):
    """The municipality's own (not nationwide) services first imported or written within
    ``days``, newest first."""
    moment = moment or timezone.now()
    services = (
        public_services()
        .filter(municipalities=municipality, first_seen__gte=moment - timedelta(days=days))
        .exclude(area_type__in=NATIONWIDE)
        .select_related("responsible_organisation")
        .order_by("-first_seen", "pk")[:limit]
    )
    return with_sources(list(services))
