from django.db.models.signals import post_save
from django.dispatch import receiver

from catalogue.models import Theme


@receiver(post_save, sender=Theme)
def keep_theme_page_titles_in_step(sender, instance, raw=False, **kwargs):
    """The Theme's name is canonical: its page's titles follow it in both languages."""
    if raw:
        return
    from .models import ThemePage

    ThemePage.objects.filter(theme=instance).update(
        title_fi=instance.name_fi,
        title_sv=instance.name_sv or None,
        draft_title=instance.name_fi,
    )
