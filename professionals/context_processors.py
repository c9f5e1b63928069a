def professional(request):
    """For the header: whether the user is a logged-in professional, which services their
    recommendation list holds (the "Add to list" buttons) and how many items in all."""
    from .recommendations import draft, is_professional

    user = getattr(request, "user", None)
    if user is None or not is_professional(user):
        return {"professional_user": False}
    items = draft(request)["items"]
    return {
        "professional_user": True,
        "recommendation_ids": [item["id"] for item in items if item["kind"] == "service"],
        "recommendation_count": len(items),
    }
