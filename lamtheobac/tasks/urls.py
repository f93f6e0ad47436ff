from django.urls import path

from lamtheobac.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("giao-moi/", views.task_create, name="create"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/tien-do/", views.task_progress, name="progress"),
    path("<int:pk>/tep/<int:file_pk>/", views.task_file, name="file"),
    path("ke-hoach/<int:document_pk>/", views.plan_page, name="plan"),
    path("ke-hoach/<int:document_pk>/duyet/", views.plan_review, name="review"),
]
