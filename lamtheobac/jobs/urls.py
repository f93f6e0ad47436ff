from django.urls import path

from lamtheobac.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tien-do/", views.progress, name="progress"),
    path("<int:pk>/thu-lai/", views.retry, name="retry"),
    path("<int:pk>/tai-ve/", views.download, name="download"),
]
