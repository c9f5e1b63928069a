"""Front-end views for professionals: login, the workspace and the referral forms."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from catalogue import listing
from catalogue.models import Theme
from core import ratelimits
from core.forms import error_summary
from core.i18n import home_url
from core.inputs import ascii_int, is_ascii_digits
from core.mail import link_base

from . import referrals
from .models import ReferralType, ReferralUnit
from .recommendations import is_professional as can_build_lists
from .recommendations import own_lists
from .roles import COUNSELLING_TYPE


class LoginView(auth_views.LoginView):
    """Professionals log in here (throttled by django-axes like every login)."""

    template_name = "professionals/professional/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("professionals:professional")  # the workspace, unless ?next=


class LogoutView(auth_views.LogoutView):
    def get_success_url(self):
        return home_url(translation.get_language())


def counselling_index(request):
    """Liikuntaneuvonta: choose a municipality, those that offer it and the others."""
    code = request.GET.get("municipality", "")
    if is_ascii_digits(code, length=3):  # the choice of the form; anything else is ignored
        return redirect("professionals:counselling", code=code)
    offered = set(
        ReferralUnit.objects.filter(
            referral_type__slug=COUNSELLING_TYPE, active=True, municipality__isnull=False
        ).values_list("municipality_id", flat=True)
    )
    municipalities = sorted(listing.scope_municipalities(), key=lambda m: m.name.casefold())
    context = {
        "with_counselling": [m for m in municipalities if m.pk in offered],
        "without_counselling": [m for m in municipalities if m.pk not in offered],
        "professional": referrals.is_professional(request.user),
    }
    return render(request, "professionals/referrals/index.html", context)


def _rate_limited(request):
    if referrals.is_professional(request.user):
        return False
    return ratelimits.hit(request, "professionals.referral", "RATELIMIT_REFERRAL")


def _form_page(request, unit, sent_url):
    """The referral form of a unit: professionals always, residents where the unit takes
    self-referrals."""
    referral_type = unit.referral_type
    professional = referrals.is_professional(request.user)
    context = {
        "unit": unit,
        "referral_type": referral_type,
        "municipality": unit.municipality,
        "professional": professional,
        "consent_text": referrals.consent_text(referral_type, professional),
        "type_url": type_url(referral_type),
    }
    if not professional and not unit.self_referral:
        return render(request, "professionals/referrals/ask_professional.html", context)
    status = 200
    if request.method == "POST":
        form = referrals.ReferralForm(
            request.POST, referral_type=referral_type, professional=professional
        )
        if _rate_limited(request):
            form.is_valid()
            form.add_error(
                None, _("Too many referrals have been sent from your connection. Try again later.")
            )
            status = 429
        elif form.is_valid():
            referrals.create_referral(form, unit, request.user, link_base(request))
            return redirect(sent_url)
        else:
            status = 400
    else:
        form = referrals.ReferralForm(referral_type=referral_type, professional=professional)
    context["form"] = form
    context["error_summary"] = error_summary(form, "referral-form", radio_fields=("language",))
    return render(request, "professionals/referrals/form.html", context, status=status)


def type_url(referral_type):
    if referral_type.slug == COUNSELLING_TYPE:
        return reverse("professionals:counselling-index")
    return reverse("professionals:referral-type", args=[referral_type.slug])


def unit_url(unit):
    """The form of a unit: liikuntaneuvonta's under its municipality's code."""
    if unit.referral_type.slug == COUNSELLING_TYPE and unit.municipality:
        return reverse("professionals:counselling", args=[unit.municipality.code])
    return reverse("professionals:referral", args=[unit.referral_type.slug, unit.pk])


@never_cache
def counselling(request, code):
    """The liikuntaneuvonta form of one municipality; or, where there is no liikuntaneuvonta,
    the municipality's exercise services instead."""
    municipality, unit = referrals.counselling(code)
    if municipality is None:
        raise Http404
    if unit is None or not unit.active or not unit.referral_type.active:
        theme = Theme.objects.filter(slug="liikunta").first()
        services = (
            listing.theme_services(theme, request.LANGUAGE_CODE, code, request.GET.get("page"))
            if theme
            else None
        )
        context = {"municipality": municipality, "services": services}
        return render(request, "professionals/referrals/no_counselling.html", context)
    return _form_page(request, unit, reverse("professionals:counselling-sent", args=[code]))


def counselling_sent(request, code):
    municipality, unit = referrals.counselling(code)
    if municipality is None or unit is None:
        raise Http404
    return _sent_page(request, unit)


def _sent_page(request, unit):
    context = {
        "unit": unit,
        "referral_type": unit.referral_type,
        "municipality": unit.municipality,
        "professional": referrals.is_professional(request.user),
        "form_url": unit_url(unit),
    }
    return render(request, "professionals/referrals/sent.html", context)


def referral_type_index(request, slug):
    """A referral type's receiving units, each leading to its form."""
    referral_type = referrals.active_type(slug)
    if referral_type is None:
        raise Http404
    context = {
        "referral_type": referral_type,
        "units": [(unit, unit_url(unit)) for unit in referrals.open_units(referral_type)],
        "professional": referrals.is_professional(request.user),
    }
    return render(request, "professionals/referrals/type.html", context)


def _open_unit(slug, pk):
    pk = ascii_int(pk)  # ASCII digits within the database's integers, or None
    if pk is None:
        raise Http404
    unit = (
        ReferralUnit.objects.filter(
            pk=pk, referral_type__slug=slug, referral_type__active=True, active=True
        )
        .select_related("referral_type", "municipality", "organisation")
        .first()
    )
    if unit is None:
        raise Http404
    return unit


@never_cache
def referral_form(request, slug, pk):
    unit = _open_unit(slug, pk)
    return _form_page(request, unit, reverse("professionals:referral-sent", args=[slug, unit.pk]))


def referral_sent(request, slug, pk):
    return _sent_page(request, _open_unit(slug, pk))


@never_cache
def professional_home(request):
    """The professional's workspace: their lists (open, share again, copy into a new one),
    the referrals they sent with each one's status, and the tools."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), "professionals:login")
    lists = can_build_lists(request.user)
    refer = referrals.is_professional(request.user)
    context = {
        "can_build_lists": lists,
        "can_refer": refer,
        "own_lists": own_lists(request.user) if lists else [],
        "own_referrals": referrals.own_referrals(request.user) if refer else [],
        "referral_types": [
            (referral_type, type_url(referral_type))
            for referral_type in ReferralType.objects.filter(active=True).order_by("slug")
        ]
        if refer
        else [],
    }
    return render(request, "professionals/professional/home.html", context)


@never_cache
def referral_status(request, pk):
    """The referrer's view of one of their referrals: its status and when each status was
    reached, nothing of the client and nothing the receiver wrote. Anyone else, signed in or
    not, gets 404."""
    number = ascii_int(pk)
    referral = referrals.own_referral(request.user, number) if number is not None else None
    if referral is None:
        raise Http404
    context = {"referral": referral, "steps": referrals.status_steps(referral)}
    return render(request, "professionals/professional/referral.html", context)
