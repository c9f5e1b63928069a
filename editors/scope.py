"""Who answers for what: the scope of an editor's work.

A role (group) says what a user may do; their EditorProfile says where:
- Hyte-koordinaattori (and superusers): everything, county-wide.
- Kunnan sisällöntuottaja: their municipalities' own services: local services without an
  organisation in those municipalities, and synced services of a municipality (responsible
  organisation of type municipality) offered only in those municipalities.
- Järjestön sisällöntuottaja: the services and local activities of their organisations.

Every admin listing, edit view, chooser and the feedback routing asks these functions, so the
scope is enforced in one place (editors.admin_scoping applies it to the admin)."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from catalogue.models import AreaType, LocalEnrichment, Municipality, Organisation, Service

from .roles import COORDINATOR, EDITOR_ROLES, MUNICIPAL_EDITOR, NGO_EDITOR

_CACHE = "_editor_scope"


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    municipalities: frozenset = frozenset()  # Municipality pks
    organisations: frozenset = frozenset()  # Organisation pks

    def __bool__(self):
        return self.everything or bool(self.municipalities or self.organisations)


def role_names(user):
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_role_names"):
        user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._role_names


def is_coordinator(user):
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or COORDINATOR in role_names(user))
    )


def scope_of(user):
    """The user's Scope, read once per request (cached on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return Scope()
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    if is_coordinator(user):
        scope = Scope(everything=True)
    else:
        from .models import EditorProfile

        profile = EditorProfile.objects.filter(user=user).first()
        roles = role_names(user)
        municipalities = organisations = frozenset()
        if profile is not None and MUNICIPAL_EDITOR in roles:
            municipalities = frozenset(profile.municipalities.values_list("pk", flat=True))
        if profile is not None and NGO_EDITOR in roles:
            organisations = frozenset(profile.organisations.values_list("pk", flat=True))
        scope = Scope(municipalities=municipalities, organisations=organisations)
    setattr(user, _CACHE, scope)
    return scope


def _municipal_services(municipalities):
    through = Service.municipalities.through
    own = Exists(through.objects.filter(service=OuterRef("pk"), municipality_id__in=municipalities))
    elsewhere = Exists(
        through.objects.filter(service=OuterRef("pk")).exclude(municipality_id__in=municipalities)
    )
    run_by_municipality = Q(responsible_organisation__org_type=Organisation.Type.MUNICIPALITY) | Q(
        source="local", responsible_organisation__isnull=True
    )
    return run_by_municipality & Q(area_type=AreaType.LIMITED) & own & ~elsewhere


def services(user, queryset=None):
    """The catalogue services this user answers for (enrichments, themes, feedback)."""
    queryset = Service.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.everything:
        return queryset
    condition = Q(pk__in=[])
    if scope.municipalities:
        condition |= _municipal_services(scope.municipalities)
    if scope.organisations:
        condition |= Q(responsible_organisation_id__in=scope.organisations)
    return queryset.filter(condition)


def local_services(user, queryset=None):
    """The local services this user answers for: an organisation's belong to its editors, the
    others to their municipality's."""
    from .models import LocalService

    queryset = LocalService.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.everything:
        return queryset
    condition = Q(pk__in=[])
    if scope.municipalities:
        condition |= Q(organisation__isnull=True, municipality_id__in=scope.municipalities)
    if scope.organisations:
        condition |= Q(organisation_id__in=scope.organisations)
    return queryset.filter(condition)


def enrichments(user, queryset=None):
    queryset = LocalEnrichment.objects.all() if queryset is None else queryset
    if scope_of(user).everything:
        return queryset
    return queryset.filter(service__in=services(user))


def feedback(user, queryset=None):
    from .models import ServiceFeedback

    queryset = ServiceFeedback.objects.all() if queryset is None else queryset
    if scope_of(user).everything:
        return queryset
    return queryset.filter(service__in=services(user))


def logged_models():
    """The models whose history follows the scope, with their scope functions."""
    from .models import LocalService, ServiceFeedback

    return [
        (LocalService, local_services),
        (LocalEnrichment, enrichments),
        (ServiceFeedback, feedback),
    ]


def responsible_editors(service):
    """The active municipal and NGO editors whose scope holds the service."""
    from django.contrib.auth import get_user_model

    candidates = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=EDITOR_ROLES, editor_profile__isnull=False)
        .distinct()
        .order_by("pk")
    )
    return [user for user in candidates if services(user).filter(pk=service.pk).exists()]


def coordinators():
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=COORDINATOR)
        .distinct()
        .order_by("pk")
    )


def widgets(user, queryset=None):
    """The widgets for websites this user keeps: a municipal editor those of their
    municipalities; a coordinator every one."""
    from .models import EmbedWidget

    queryset = EmbedWidget.objects.all() if queryset is None else queryset
    scope = scope_of(user)
    if scope.everything:
        return queryset
    return queryset.filter(municipality_id__in=scope.municipalities)


def widget_municipalities(user):
    """The municipalities a user may build widgets for."""
    scope = scope_of(user)
    if scope.everything:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=scope.municipalities)
