from django.urls import URLPattern, URLResolver, path

from lamtheobac.api import views
from lamtheobac.api.endpoints import api


def _token_authenticated(
    patterns: list[URLPattern | URLResolver],
) -> list[URLPattern | URLResolver]:
    """API views authenticate their own bearer token: never redirect them to the login page
    (should a login-required middleware be installed)."""
    for p in patterns:
        if isinstance(p, URLPattern):
            p.callback.login_required = False  # type: ignore[attr-defined]
        else:
            _token_authenticated(p.url_patterns)
    return patterns


api_patterns, api_app, api_namespace = api.urls
urlpatterns = [
    path("api/v1/", (_token_authenticated(api_patterns), api_app, api_namespace)),
    path("tai-khoan/khoa-api/", views.tokens, name="api_tokens"),
    path("tai-khoan/khoa-api/<int:pk>/thu-hoi/", views.revoke, name="api_token_revoke"),
]
