from django.urls import path

from lamtheobac.ratings import views

app_name = "ratings"
urlpatterns = [
    path("", views.rating_list, name="list"),
    path("ca-nhan/<int:pk>/<int:year>/", views.edit_person, name="edit_person"),
    path("tap-the/<int:pk>/<int:year>/", views.edit_unit, name="edit_unit"),
    path("mau-nhap.xlsx", views.download_template, name="template"),
    path("nhap/", views.import_ratings, name="import"),
    path("nhap/<int:pk>/", views.import_result, name="import_result"),
]
