from django.contrib.auth import get_user_model
from django_tasks import task

from .models import SyncAlreadyRunning
from .runner import run_sync


@task(backend="sync", queue_name="sync")
def sync_catalogue_task(source, full=False, user_id=None):
    """The admin's "Sync now": one sync run in the background worker. Returns the run id,
    or None when another run of the source was already going."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        run = run_sync(source, full=full, user=user)
    except SyncAlreadyRunning:
        return None
    return run.pk
