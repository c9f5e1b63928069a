"""Edit-view panels that need the object being edited."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.panels import Panel

from catalogue.models import LocalEnrichment
from core import sources
from core.inputs import is_ascii_digits

from .embeds import allowed_origins, guide_url, heading_of


def correction_context(service):
    """Where a synced service's texts are corrected, and what can be added here."""
    declared = sources.get(service.source)
    label, setting = (declared.management if declared else None) or ("", "")
    local = None
    if service.source == "local":
        from .models import LocalService

        local = (
            LocalService.objects.filter(pk=service.external_id).first()
            if is_ascii_digits(service.external_id)
            else None
        )
    enrichment = LocalEnrichment.objects.filter(service=service).first()
    if enrichment is not None:
        enrichment_url = reverse(
            "wagtailsnippets_catalogue_localenrichment:edit", args=[enrichment.pk]
        )
    else:
        enrichment_url = (
            reverse("wagtailsnippets_catalogue_localenrichment:add") + f"?service={service.pk}"
        )
    return {
        "service": service,
        "source_label": label,
        "management_url": getattr(settings, setting, "") if setting else "",
        "organisation": service.responsible_organisation,
        "local_service_url": (
            reverse("wagtailsnippets_editors_localservice:edit", args=[local.pk]) if local else ""
        ),
        "enrichment": enrichment,
        "enrichment_url": enrichment_url,
        "public_url": service.get_absolute_url() if service.is_active else "",
    }


class SourceCorrectionPanel(Panel):
    """Corrections to synced texts belong at the source: who maintains them, and where."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editors/admin/source_correction_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            if self.instance is not None and self.instance.pk:
                context.update(correction_context(self.instance))
            return context


class FeedbackMessagePanel(Panel):
    """The report as the resident sent it (read-only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editors/admin/feedback_message_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["feedback"] = self.instance
            return context


class EmbedCodePanel(Panel):
    """What an editor copies onto their website: the <iframe> of a saved widget, and a plain
    link; where the site must be on the coordinators' allow-list first."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editors/admin/embed_code_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            widget = self.instance
            if widget is None or not widget.pk:
                return context
            url = self.request.build_absolute_uri(reverse("embed", args=[widget.key]))
            title = heading_of(widget)
            context.update(
                {
                    "widget_url": url,
                    "iframe": format_html(
                        '<iframe src="{}" title="{}" width="100%" height="480" '
                        'loading="lazy" style="border:0"></iframe>',
                        url,
                        title,
                    ),
                    "link": format_html(
                        '<a href="{}" target="_blank" rel="noopener">{}</a>',
                        guide_url(self.request, widget),
                        title,
                    ),
                    "origins": allowed_origins(),
                }
            )
            return context
