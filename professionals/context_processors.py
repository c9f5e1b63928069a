def professional(request):
    """For the header: whether the user is a logged-in professional, and how many services
    their recommendation list holds."""
    from .recommendations import draft_service_ids, is_professional

    user = getattr(request, "user", None)
    if user is None or not is_professional(user):
        return {"professional_user": False}
    return {"professional_user": True, "recommendation_ids": draft_service_ids(request)}
