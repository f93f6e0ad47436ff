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
    path("to-chuc/", include("lamtheobac.structure.urls")),
    path("quan-tri/", admin.site.urls),
]
