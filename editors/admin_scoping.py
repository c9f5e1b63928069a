"""The editors' scope applied to the Wagtail admin, in the admin's own extension points:

- ``ScopedPermissionPolicy``: per-object checks (buttons, bulk actions, delete) and the
  objects a user may act on;
- ``ScopedViewSetMixin``: every view of one object (edit,
  delete, history, revisions, workflow actions, locking, usage, inspect, chooser "chosen")
  answers 404 for an object outside it, whatever the URL a user crafts;
- ``scoped_chooser_viewset``: choosers list only the scope.

A scope function takes ``(user, queryset)`` and returns the part of the queryset the user
answers for (editors.scope)."""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import URLPattern
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)


class ScopedMenuItem(MenuItem):
    """Shown to coordinators and editors (each sees their own scope there)."""

    def is_shown(self, request):
        from .scope import scope_of

        return bool(scope_of(request.user))


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions from the user's groups, objects from their scope. ``refused``
    actions are never allowed here (e.g. adding a synced service)."""

    def __init__(self, model, scope, refused=()):
        super().__init__(model)
        self.scope = scope
        self.refused = frozenset(refused)

    def user_has_permission(self, user, action):
        if action in self.refused:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def _in_scope(self, user, instance):
        if instance.pk is None:
            return True
        return self.scope(user, self.model._default_manager.filter(pk=instance.pk)).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user, self.model._default_manager.all())

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


def guard_pattern(pattern, scoped_queryset):
    """The URL pattern, answering 404 when its ``pk`` is outside the requesting user's scope."""
    view = pattern.callback

    @wraps(view)
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and not scoped_queryset(request).filter(pk=unquote(str(pk))).exists():
            raise Http404
        return view(request, *args, **kwargs)

    return URLPattern(pattern.pattern, guarded, pattern.default_args, pattern.name)


class ScopedViewSetMixin:
    """For a ModelViewSet or SnippetViewSet: set ``scope_function`` to a scope function (as a
    staticmethod). The listing is scoped by the viewset's ``get_queryset(request)`` (snippets)
    or its index view's ``get_base_queryset`` (model viewsets), a snippet's chooser by
    ``chooser_viewset_class = scoped_chooser_viewset(scope)``."""

    scope_function = None

    def scoped_queryset(self, request):
        return self.scope_function(request.user, self.model._default_manager.all())

    def get_urlpatterns(self):
        return [
            guard_pattern(pattern, self.scoped_queryset)
            if isinstance(pattern, URLPattern)
            else pattern
            for pattern in super().get_urlpatterns()
        ]


def scoped_chooser_viewset(scope):
    """A snippet chooser whose lists and choices hold only the user's scope."""

    class ScopedList:
        def get_object_list(self):
            return scope(self.request.user, super().get_object_list())

    class ScopedChosen:
        def get_object(self, pk):
            return scope(self.request.user, self.model_class._default_manager.all()).get(pk=pk)

        def get_objects(self, pks):
            return scope(self.request.user, super().get_objects(pks))

    class ScopedChooserViewSet(SnippetChooserViewSet):
        choose_view_class = type("ScopedChooseView", (ScopedList, ChooseView), {})
        choose_results_view_class = type(
            "ScopedChooseResultsView", (ScopedList, ChooseResultsView), {}
        )
        chosen_view_class = type("ScopedChosenView", (ScopedChosen, SnippetChosenView), {})
        chosen_multiple_view_class = type(
            "ScopedChosenMultipleView", (ScopedChosen, SnippetChosenMultipleView), {}
        )

        def get_urlpatterns(self):
            def scoped_queryset(request):
                return scope(request.user, self.model._default_manager.all())

            return [
                guard_pattern(pattern, scoped_queryset)
                if isinstance(pattern, URLPattern)
                else pattern
                for pattern in super().get_urlpatterns()
            ]

    return ScopedChooserViewSet
