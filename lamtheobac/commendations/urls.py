from django.urls import path

from lamtheobac.commendations import views, views_cascade, views_review, views_setup

app_name = "commendations"
urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("tao-tu-van-ban/<int:document_pk>/", views_setup.round_create, name="round_create"),
    path("dot/<int:pk>/", views_review.round_detail, name="round_detail"),
    path("dot/<int:pk>/thiet-lap/", views_setup.round_edit, name="round_edit"),
    path("dot/<int:pk>/chi-tieu/", views_setup.quota_save, name="quota_add"),
    path("dot/<int:pk>/chi-tieu/<int:rule_pk>/", views_setup.quota_save, name="quota_save"),
    path("dot/<int:pk>/chi-tieu/<int:rule_pk>/xoa/", views_setup.quota_remove, name="quota_remove"),
    path("dot/<int:pk>/tieu-chuan/", views_setup.criterion_save, name="criterion_add"),
    path(
        "dot/<int:pk>/tieu-chuan/<int:criterion_pk>/",
        views_setup.criterion_save,
        name="criterion_save",
    ),
    path("dot/<int:pk>/ho-so/", views_setup.requirement_save, name="requirement_add"),
    path(
        "dot/<int:pk>/ho-so/<int:requirement_pk>/",
        views_setup.requirement_save,
        name="requirement_save",
    ),
    path("dot/<int:pk>/mo/", views_setup.round_open, name="round_open"),
    path("dot/<int:pk>/dung-nhan/", views_setup.round_close, name="round_close"),
    path("dot/<int:pk>/ket-thuc/", views_setup.round_finish, name="round_finish"),
    path("dot/<int:pk>/to-trinh.docx", views_review.petition_docx, name="petition_docx"),
    path("dot/<int:pk>/quyet-dinh.docx", views_review.decision_docx, name="decision_docx"),
    path("dot/<int:pk>/danh-sach.xlsx", views_review.list_xlsx, name="list_xlsx"),
    path("dot/<int:pk>/don-vi/<int:unit_pk>/", views.unit_nominations, name="unit_nominations"),
    path("de-nghi/<int:pk>/", views.nomination, name="nomination"),
    path("de-nghi/<int:pk>/tom-tat/", views.nomination_summary, name="nomination_summary"),
    path("de-nghi/<int:pk>/ho-so/", views.dossier_upload, name="dossier_upload"),
    path("de-nghi/<int:pk>/gui/", views.nomination_submit, name="nomination_submit"),
    path("de-nghi/<int:pk>/rut/", views.nomination_withdraw, name="nomination_withdraw"),
    path("de-nghi/<int:pk>/tra-lai/", views_review.nomination_return, name="nomination_return"),
    path(
        "de-nghi/<int:pk>/vao-danh-sach/",
        views_review.nomination_shortlist,
        name="nomination_shortlist",
    ),
    path("de-nghi/<int:pk>/quyet-dinh/", views_review.nomination_decide, name="nomination_decide"),
    path(
        "de-nghi/<int:pk>/tieu-chuan/<int:criterion_pk>/",
        views_review.nomination_override,
        name="nomination_override",
    ),
    path(
        "dot/<int:pk>/don-vi/<int:unit_pk>/dot-co-so/",
        views_cascade.grassroots_open,
        name="grassroots_open",
    ),
    path("dot/<int:pk>/de-nghi-len/", views_cascade.forward, name="forward_picks"),
    path("tep/<int:pk>/", views.dossier_download, name="dossier_download"),
    path("tep/<int:pk>/go/", views.dossier_remove, name="dossier_remove"),
]
