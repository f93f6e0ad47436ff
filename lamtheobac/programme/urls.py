from django.urls import path

from lamtheobac.programme import views

app_name = "programme"
urlpatterns = [
    path("", views.theme_list, name="themes"),
    path("tao/", views.theme_create, name="theme_create"),
    path("<int:pk>/", views.theme_detail, name="theme_detail"),
    path("<int:pk>/thiet-lap/", views.theme_edit, name="theme_edit"),
    path("<int:pk>/ban-hanh/", views.theme_publish, name="theme_publish"),
    path("<int:pk>/quy/<int:quarter>/tai-lieu/", views.topic_file_add, name="topic_file_add"),
    path("tai-lieu/<int:pk>/", views.topic_file, name="topic_file"),
    path("<int:pk>/ket-qua/", views.year, name="year"),
    path("<int:pk>/ket-qua.xlsx", views.year_xlsx, name="year_xlsx"),
    path("<int:pk>/ket-qua.docx", views.year_docx, name="year_docx"),
    path("<int:pk>/don-vi/<int:unit_pk>/", views.sessions_of_unit, name="sessions"),
    path(
        "<int:pk>/don-vi/<int:unit_pk>/bao-cao-quy-<int:quarter>.docx",
        views.quarter_report,
        name="quarter_report",
    ),
    path(
        "<int:pk>/chi-bo/<int:cell_pk>/quy/<int:quarter>/",
        views.session_edit,
        name="session_edit",
    ),
    path("sinh-hoat/<int:pk>/", views.session_detail, name="session_detail"),
    path("sinh-hoat/<int:pk>/mo-lai/", views.session_reopen, name="session_reopen"),
    path("sinh-hoat/<int:pk>/bien-ban/", views.session_file_add, name="session_file_add"),
    path("bien-ban/<int:pk>/", views.session_file, name="session_file"),
    path("don-vi/<int:unit_pk>/chuan-muc-hoat-dong/", views.unit_records, name="unit_records"),
    path("hoat-dong/tep/<int:pk>/", views.activity_file, name="activity_file"),
]
