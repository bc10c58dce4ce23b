from django.contrib import admin
from django.urls import include, path

from walletdesk.accounts.views import admin_login
from walletdesk.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Early, since URLs are tried in order: a ticket's submission is found in a few steps, not
    # after every other app's routes. It shares no first path segment with any route (see
    # walletdesk/tests/test_urls.py), so no address resolves differently for it.
    path("", include("walletdesk.portal.urls")),
    path("", include("walletdesk.operations.urls")),
    # Before the admin's own: its password-only sign-in would skip the second factor.
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("accounts/", include("walletdesk.accounts.urls")),
    path("api/", include("walletdesk.api.urls")),
    path("", include("walletdesk.attachments.urls")),
    path("", include("walletdesk.notifications.urls")),
    path("console/", include("walletdesk.console.urls")),
    path("community/", include("walletdesk.community.urls")),
    path("", include("walletdesk.kb.urls")),
]

handler400 = "walletdesk.core.views.bad_request"
handler403 = "walletdesk.core.views.permission_denied"
handler404 = "walletdesk.core.views.page_not_found"
handler500 = "walletdesk.core.views.server_error"
