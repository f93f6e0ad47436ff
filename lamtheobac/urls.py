from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("lamtheobac.core.urls")),
    path("van-ban/", include("lamtheobac.documents.urls")),
    path("bao-cao/", include("lamtheobac.reporting.urls")),
    path("khen-thuong/", include("lamtheobac.commendations.urls")),
    path("xep-loai/", include("lamtheobac.ratings.urls")),
    path("thong-bao/", include("lamtheobac.notifications.urls")),
    path("cong-viec/", include("lamtheobac.jobs.urls")),
    path("", include("lamtheobac.ops.urls")),
    path("tai-khoan/", include("lamtheobac.accounts.urls")),
    path("", include("lamtheobac.api.urls")),
    path("soan-van-ban/", include("lamtheobac.drafting.urls")),
    path("lam-theo/", include("lamtheobac.pledges.urls")),
    path("chuong-trinh/", include("lamtheobac.programme.urls")),
    path("nhiem-vu/", include("lamtheobac.tasks.urls")),
    path("kiem-tra/", include("lamtheobac.inspections.urls")),
    path("so-van-ban/", include("lamtheobac.registers.urls")),
    path("lich/", include("lamtheobac.agenda.urls")),
    path("to-chuc/", include("lamtheobac.roster.urls")),
    path("co-cau/", include("lamtheobac.structure.urls")),
    path("tim-kiem/", include("lamtheobac.search.urls")),
    path("quan-tri/", admin.site.urls),
]

# Vietnamese error pages in the site layout, with the reason and a way back (issue 14 §4).
handler400 = "lamtheobac.core.error_views.bad_request"
handler403 = "lamtheobac.core.error_views.permission_denied"
handler404 = "lamtheobac.core.error_views.page_not_found"
handler500 = "lamtheobac.core.error_views.server_error"
