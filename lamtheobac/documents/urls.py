from django.urls import path

from lamtheobac.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("nhap/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.correct, name="correct"),
    path("<int:pk>/thoi-han/<int:deadline_pk>/", views.correct_deadline, name="correct_deadline"),
    path("<int:pk>/noi-nhan/", views.correct_recipients, name="correct_recipients"),
    path("<int:pk>/tep-goc/", views.source, name="source"),
    path("<int:pk>/lich-su/", views.history, name="history"),
    path("<int:pk>/luu-tru/", views.archive, name="archive"),
    path("<int:pk>/bo-luu-tru/", views.unarchive, name="unarchive"),
    path("<int:pk>/ke-hoach-thuc-hien/", views.implement, name="implement"),
]
