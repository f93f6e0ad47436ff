from django.urls import path

from lamtheobac.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("chuong-trinh/<int:pk>/", views.programme_detail, name="programme"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/buoc/<str:step>/", views.inspection_step, name="step"),
    path("<int:pk>/thong-bao.docx", views.notice, name="notice"),
]
