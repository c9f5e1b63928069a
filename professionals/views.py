"""Front-end views for professionals and the liikuntaneuvonta referral form."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from catalogue import listing
from catalogue.models import Theme
from core import ratelimits
from core.forms import error_summary
from core.i18n import home_url
from core.inputs import is_ascii_digits
from core.mail import link_base

from . import referrals
from .models import CounsellingMunicipality
from .recommendations import is_professional as can_build_lists
from .recommendations import own_lists


class LoginView(auth_views.LoginView):
    """Professionals log in here (throttled by django-axes like every login)."""

    template_name = "professionals/professional/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("professionals:professional")  # the workspace, unless ?next=


class LogoutView(auth_views.LogoutView):
    def get_success_url(self):
        return home_url(translation.get_language())


def counselling_index(request):
    """Choose a municipality: those that offer liikuntaneuvonta, and the others."""
    code = request.GET.get("municipality", "")
    if is_ascii_digits(code, length=3):  # the choice of the form; anything else is ignored
        return redirect("professionals:counselling", code=code)
    offered = {
        row.municipality_id: row
        for row in CounsellingMunicipality.objects.filter(offers_counselling=True)
    }
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


@never_cache
def counselling(request, code):
    """The referral form of one municipality; or, where there is no liikuntaneuvonta, the
    municipality's exercise services instead."""
    municipality, row = referrals.counselling(code)
    if municipality is None:
        raise Http404
    professional = referrals.is_professional(request.user)
    context = {
        "municipality": municipality,
        "settings_row": row,
        "professional": professional,
        "consent_text": referrals.consent_text(professional),
    }
    if row is None or not row.offers_counselling:
        theme = Theme.objects.filter(slug="liikunta").first()
        context["services"] = (
            listing.theme_services(theme, request.LANGUAGE_CODE, code, request.GET.get("page"))
            if theme
            else None
        )
        return render(request, "professionals/referrals/no_counselling.html", context)
    if not professional and not row.self_referral:
        return render(request, "professionals/referrals/ask_professional.html", context)
    status = 200
    if request.method == "POST":
        form = referrals.ReferralForm(request.POST, professional=professional)
        if _rate_limited(request):
            form.is_valid()
            form.add_error(
                None, _("Too many referrals have been sent from your connection. Try again later.")
            )
            status = 429
        elif form.is_valid():
            referrals.create_referral(form, municipality, request.user, link_base(request))
            return redirect("professionals:counselling-sent", code=code)
        else:
            status = 400
    else:
        form = referrals.ReferralForm(professional=professional)
    context["form"] = form
    context["error_summary"] = error_summary(form, "referral-form", radio_fields=("language",))
    return render(request, "professionals/referrals/form.html", context, status=status)


def counselling_sent(request, code):
    municipality, row = referrals.counselling(code)
    if municipality is None:
        raise Http404
    context = {
        "municipality": municipality,
        "professional": referrals.is_professional(request.user),
    }
    return render(request, "professionals/referrals/sent.html", context)


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
    }
    return render(request, "professionals/professional/home.html", context)
